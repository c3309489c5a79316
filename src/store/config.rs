//! The repository's own settings, `verzuim.toml`: default holiday region,
//! language, the author of commits when git has none, and schools' own
//! calendar exceptions.

use crate::domain::calendar::{Region, SchoolOverride};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FILE: &str = "verzuim.toml";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepoConfig {
    #[serde(default = "one")]
    pub format: u32,
    /// Holiday region for cases whose school and protocol do not say.
    #[serde(default)]
    pub region: Option<Region>,
    /// Interface language: "nl" (default) or "en".
    #[serde(default)]
    pub lang: Option<crate::i18n::Lang>,
    #[serde(default)]
    pub author: Option<Author>,
    #[serde(default)]
    pub schools: BTreeMap<String, SchoolOverride>,
    #[serde(default)]
    pub sync: Option<SyncConfig>,
    /// Escalation of every deadline whose rule names none:
    /// `escalate = { after = "5 schooldagen", to = "teamleider" }`.
    #[serde(default)]
    pub escalate: Option<toml::Spanned<crate::domain::workflow::EscalateDef>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SyncConfig {
    /// The git remote `verzuim sync` uses (default `origin`).
    #[serde(default)]
    pub remote: Option<String>,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    pub email: String,
}

pub const DEFAULT_TEXT: &str = r#"# verzuim repository settings.
format = 1
# Holiday region (noord, midden, zuid) for cases whose school and protocol do not say.
region = "midden"
# Interface language: "nl" or "en".
lang = "nl"

# An action that stays overdue this long past its due date produces an
# action for this role (unless its protocol rule says otherwise):
# escalate = { after = "5 schooldagen", to = "teamleider" }

# The git remote `verzuim sync` uses (default: origin):
# [sync]
# remote = "origin"

# A school's own calendar exceptions, by the school's name as written in cases:
# [schools."De Brug"]
# region = "zuid"
# closed = [{ from = "2026-04-20", to = "2026-04-24", name = "extra meivakantie" }]
# open = ["2026-04-03"]
"#;

/// `[author]` as written into verzuim.toml (values quoted the TOML way).
pub fn author_text(a: &Author) -> String {
    let quote = |v: &str| toml::Value::String(v.to_string()).to_string();
    format!(
        "\n# Commits are made as this author (wins over the git identity):\n[author]\nname = {}\nemail = {}\n",
        quote(&a.name),
        quote(&a.email)
    )
}

impl Author {
    /// Parses `Naam <mail>` as git writes an identity.
    pub fn parse(text: &str) -> Option<Author> {
        let (name, rest) = text.split_once('<')?;
        let email = rest.strip_suffix('>')?.trim();
        let name = name.trim();
        (!name.is_empty() && email.contains('@') && !email.contains(['<', '>'])).then(|| Author {
            name: name.to_string(),
            email: email.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_parses_like_git_and_writes_valid_toml() {
        let a = Author::parse("Anna de \"Boer\" <anna@example.org>").unwrap();
        assert_eq!(
            (a.name.as_str(), a.email.as_str()),
            ("Anna de \"Boer\"", "anna@example.org")
        );
        assert!(Author::parse("Anna").is_none());
        assert!(Author::parse("<a@b>").is_none());
        let text = format!("{DEFAULT_TEXT}{}", author_text(&a));
        let c: RepoConfig = toml::from_str(&text).unwrap();
        assert_eq!(c.author.unwrap().name, a.name);
    }
}
