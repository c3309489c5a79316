//! Letters from templates (issue 17): a template is a text file with a TOML
//! head (`titel`, the actions it fits) and a minijinja body. Case fields
//! are passed as data, never pasted into the template's source, so a name
//! like `{{ x }}` or `<b>` prints as written; control characters in data
//! are shown escaped. Undefined fields are errors (strict), named with the
//! template's `file:line`. The fields a template may use: `docs/letters.md`.

use crate::domain::case::Case;
use crate::domain::compartments;
use crate::domain::engine::Action;
use crate::domain::seal;
use crate::domain::text::escape;
use crate::domain::textpos;
use chrono::NaiveDate;
use minijinja::value::Value;
use minijinja::{Environment, ErrorKind, UndefinedBehavior};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The folder of letter templates in a repository.
pub const DIR: &str = "templates";
/// The line that opens and closes a template's head.
const FENCE: &str = "+++";

/// A letter template.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// The file name without extension (`uitnodiging-ouders`).
    pub id: String,
    /// Its path in the repository, for messages.
    pub file: String,
    pub title: String,
    /// Ids of the protocol rules whose actions this letter serves.
    pub fits: Vec<String>,
    body: String,
    /// Lines before the body (the head), added to the engine's line numbers.
    body_line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Head {
    titel: String,
    #[serde(default)]
    past_bij: Vec<String>,
}

/// Why a letter could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterError {
    /// The head is missing or not valid TOML.
    Head(textpos::FileError),
    /// The body uses a field the data has not (a misspelling).
    UnknownField {
        file: String,
        line: usize,
        field: String,
    },
    /// The body is not a valid template, or fails while rendering.
    Template {
        file: String,
        line: usize,
        detail: String,
    },
}

impl Template {
    /// Reads a template file; `file` is its path for messages.
    pub fn parse(file: &str, text: &str) -> Result<Template, LetterError> {
        let id = file
            .rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".txt")
            .trim_end_matches(".md")
            .to_string();
        let head_error = |message: &str| {
            LetterError::Head(textpos::FileError {
                file: file.to_string(),
                line: 1,
                column: 1,
                message: crate::domain::textpos::FileMessage::Text(message.to_string()),
            })
        };
        let rest = text
            .strip_prefix(FENCE)
            .and_then(|r| r.strip_prefix('\n'))
            .ok_or_else(|| head_error("+++"))?;
        let end = rest
            .find(&format!("\n{FENCE}\n"))
            .ok_or_else(|| head_error("+++"))?;
        let head_text = &rest[..=end];
        let head: Head = toml::from_str(head_text).map_err(|e| {
            let mut err = textpos::from_toml(file, head_text, &e);
            err.line += 1;
            LetterError::Head(err)
        })?;
        let body = &rest[end + FENCE.len() + 2..];
        Ok(Template {
            id,
            file: file.to_string(),
            title: head.titel,
            fits: head.past_bij,
            body: body.to_string(),
            body_line: head_text.lines().count() + 2,
        })
    }

    /// Whether this letter serves the action (made by one of its rules).
    pub fn fits(&self, action: &Action) -> bool {
        self.fits.contains(&action.rule)
    }

    /// The letter's text for the data.
    pub fn render(&self, data: &LetterData) -> Result<String, LetterError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_debug(true);
        // A line holding only a block tag leaves no empty line behind.
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .keep_trailing_newline(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        let at = |e: &minijinja::Error| e.line().unwrap_or(1) + self.body_line;
        let tmpl = env
            .template_from_named_str(&self.id, &self.body)
            .map_err(|e| LetterError::Template {
                file: self.file.clone(),
                line: at(&e),
                detail: e.detail().unwrap_or_default().to_string(),
            })?;
        tmpl.render(data.value()).map_err(|e| {
            let expr = e.range().and_then(|r| self.body.get(r)).unwrap_or("");
            if e.kind() == ErrorKind::UndefinedError && !expr.is_empty() {
                LetterError::UnknownField {
                    file: self.file.clone(),
                    line: at(&e),
                    field: expr.trim().to_string(),
                }
            } else {
                LetterError::Template {
                    file: self.file.clone(),
                    line: at(&e),
                    detail: e.detail().unwrap_or(&e.kind().to_string()).to_string(),
                }
            }
        })
    }
}

/// The data a letter is filled with. Values are text (dates dd-mm-jjjj);
/// missing ones are empty text, so `{% if leerling.gemeente %}` works.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LetterData {
    groups: BTreeMap<&'static str, BTreeMap<String, String>>,
    datum: String,
}

/// Who sends the letter (the repository's author).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sender {
    pub name: String,
    pub email: String,
}

fn dutch(d: NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}

impl LetterData {
    /// The data for a letter about `case` on `today`, for `action` if any.
    pub fn new(case: &Case, action: Option<&Action>, sender: &Sender, today: NaiveDate) -> Self {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        let mut d = LetterData {
            datum: dutch(today),
            ..LetterData::default()
        };
        d.group(
            "leerling",
            [
                ("naam", case.name.clone()),
                ("geboortedatum", dutch(case.birth)),
                ("school", case.school.clone()),
                ("niveau", case.level.as_str().to_string()),
                ("leerlingnummer", opt(&case.leerlingnummer)),
                ("gemeente", opt(&case.gemeente)),
            ],
        );
        d.group(
            "dossier",
            [
                ("id", case.id.to_string()),
                ("protocol", case.protocol.clone()),
                ("behandelaar", opt(&case.owner)),
            ],
        );
        d.group(
            "afzender",
            [
                ("naam", sender.name.clone()),
                ("email", sender.email.clone()),
            ],
        );
        let contacts: Vec<(&str, String)> = case
            .contacts
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        d.group("contact", contacts);
        if let Some(a) = action {
            d.group(
                "actie",
                [
                    ("titel", a.title.clone()),
                    ("uiterlijk", dutch(a.due)),
                    ("rol", a.role.to_string()),
                ],
            );
        }
        d.mask_sealed(case);
        d
    }

    /// A letter goes outside: a sealed value (a hand action's title a
    /// compartment seals, say) is never put in it, not even opened for a
    /// key holder, only "vertrouwelijk (jgz)".
    fn mask_sealed(&mut self, case: &Case) {
        for v in self.groups.values_mut().flat_map(|g| g.values_mut()) {
            if let Some(kid) = seal::key_id(v) {
                let comp = case.keys.get(kid).map_or("?", |k| k.compartment.as_str());
                *v = compartments::masked(comp);
            }
        }
    }

    /// Adds a group of fields; every value shown escaped (no control
    /// character reaches the letter).
    fn group<'a>(
        &mut self,
        name: &'static str,
        fields: impl IntoIterator<Item = (&'a str, String)>,
    ) {
        let map = fields
            .into_iter()
            .map(|(k, v)| (k.to_string(), escape(&v).into_owned()))
            .collect();
        self.groups.insert(name, map);
    }

    fn value(&self) -> Value {
        let mut top: BTreeMap<String, Value> = self
            .groups
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(v.clone())))
            .collect();
        top.insert("datum".into(), Value::from(self.datum.clone()));
        Value::from(top)
    }
}

/// The sha256 of a letter as sent (hex), kept in its `brief` event.
pub fn digest(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
#[path = "letter_tests.rs"]
mod tests;
