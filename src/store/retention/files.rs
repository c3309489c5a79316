//! The retention files in a case repository, all ids and rule ids, no
//! names: approved destruction lists (`retention/lists/<list>.toml`), the
//! tombstones (`retention/destroyed.toml`) and the purge manifest every
//! clone reads on sync (`retention/purges.toml`).

use crate::domain::dates;
use crate::domain::textpos::{self, FileError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

pub const LISTS_DIR: &str = "retention/lists";
pub const DESTROYED: &str = "retention/destroyed.toml";
pub const PURGES: &str = "retention/purges.toml";

/// An approved destruction list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListFile {
    pub list: String,
    /// Everything due on or before this date was listed.
    #[serde(with = "dates")]
    pub until: NaiveDate,
    #[serde(with = "dates")]
    pub approved: NaiveDate,
    /// The approver's e-mail address, from the git author (the commit
    /// names the approver too).
    pub approved_by: String,
    #[serde(default)]
    pub items: Vec<ListItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    pub case: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    pub rule: String,
    #[serde(with = "dates")]
    pub date: NaiveDate,
}

/// `retention/destroyed.toml`: what was destroyed, under which rule and list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destroyed {
    #[serde(default)]
    pub destroyed: Vec<Tombstone>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tombstone {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    pub rule: String,
    pub list: String,
    #[serde(with = "dates")]
    pub date: NaiveDate,
}

/// `retention/purges.toml`: one entry per destruction round, naming what
/// every clone must remove from its history.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purges {
    #[serde(default)]
    pub purge: Vec<Purge>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Purge {
    pub list: String,
    #[serde(with = "dates")]
    pub date: NaiveDate,
    #[serde(default)]
    pub cases: Vec<String>,
    /// `case/event` ids.
    #[serde(default)]
    pub events: Vec<String>,
}

/// What a history rewrite removes: whole cases, and events of cases.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    pub cases: BTreeSet<String>,
    pub events: BTreeMap<String, BTreeSet<String>>,
}

impl Target {
    pub fn add(&mut self, p: &Purge) {
        self.cases.extend(p.cases.iter().cloned());
        for e in &p.events {
            if let Some((case, event)) = e.split_once('/') {
                self.events
                    .entry(case.to_string())
                    .or_default()
                    .insert(event.to_string());
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.cases.is_empty() && self.events.is_empty()
    }
}

/// Parses one of these files (empty text: the default).
pub fn parse<T: for<'de> Deserialize<'de> + Default>(
    file: &str,
    text: &str,
) -> Result<T, FileError> {
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))
}

pub fn parse_list(file: &str, text: &str) -> Result<ListFile, FileError> {
    toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))
}

/// The text of a file, with a header saying what it is.
pub fn render<T: Serialize>(header: &str, value: &T) -> String {
    format!("# {header}\n{}", toml::to_string(value).unwrap_or_default())
}

/// A retention file changed on both sides of a merge: the entries of both,
/// ours first (`None`: another file, or one side does not parse). Two
/// clones that each destroyed something both keep both records.
pub fn merge_union(path: &str, ours: &str, theirs: &str) -> Option<String> {
    match path {
        PURGES => {
            let mut o: Purges = parse(PURGES, ours).ok()?;
            let t: Purges = parse(PURGES, theirs).ok()?;
            for p in t.purge {
                if !o.purge.iter().any(|x| x.list == p.list) {
                    o.purge.push(p);
                }
            }
            Some(render(PURGES_HEADER, &o))
        }
        DESTROYED => {
            let mut o: Destroyed = parse(DESTROYED, ours).ok()?;
            let t: Destroyed = parse(DESTROYED, theirs).ok()?;
            for d in t.destroyed {
                if !o.destroyed.contains(&d) {
                    o.destroyed.push(d);
                }
            }
            Some(render(DESTROYED_HEADER, &o))
        }
        _ => None,
    }
}

pub const PURGES_HEADER: &str =
    "verzuim: purges every clone applies to its history on sync (ids only)";
pub const DESTROYED_HEADER: &str =
    "verzuim: destroyed cases and events (ids, rule, list, date; no personal data)";

/// Whether every id a purge removes is on its approved list, and a plain
/// id; `Err` names the first that is not.
pub fn purge_is_listed(p: &Purge, list: Option<&ListFile>) -> Result<(), String> {
    let plain = crate::domain::ids::is_valid;
    let listed = |case: &str, event: Option<&str>| {
        list.is_some_and(|l| {
            l.list == p.list
                && l.items
                    .iter()
                    .any(|i| i.case == case && (i.event.is_none() || i.event.as_deref() == event))
        })
    };
    for c in &p.cases {
        if !plain(c) || !listed(c, None) {
            return Err(c.clone());
        }
    }
    for e in &p.events {
        let ok = e
            .split_once('/')
            .is_some_and(|(c, ev)| plain(c) && plain(ev) && listed(c, Some(ev)));
        if !ok {
            return Err(e.clone());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_destruction_rounds_merge_as_both() {
        let d = crate::domain::dates::parse("2026-11-23").unwrap();
        let one = |list: &str| Purges {
            purge: vec![Purge {
                list: list.into(),
                date: d,
                cases: vec![format!("{list}case")],
                events: vec![],
            }],
        };
        let merged = merge_union(
            PURGES,
            &render(PURGES_HEADER, &one("a")),
            &render(PURGES_HEADER, &one("b")),
        )
        .unwrap();
        let back: Purges = parse(PURGES, &merged).unwrap();
        let lists: Vec<&str> = back.purge.iter().map(|p| p.list.as_str()).collect();
        assert_eq!(lists, ["a", "b"]);
        assert!(merge_union("cases/x.toml", "", "").is_none());
    }

    #[test]
    fn a_purge_removes_only_what_its_approved_list_names() {
        let d = crate::domain::dates::parse("2026-11-23").unwrap();
        let item = |case: &str, event: Option<&str>| ListItem {
            case: case.into(),
            event: event.map(str::to_string),
            rule: "r".into(),
            date: d,
        };
        let list = ListFile {
            list: "l1".into(),
            until: d,
            approved: d,
            approved_by: "a@b".into(),
            items: vec![item("c1", None), item("c2", Some("e1"))],
        };
        let purge = |cases: &[&str], events: &[&str]| Purge {
            list: "l1".into(),
            date: d,
            cases: cases.iter().map(|s| s.to_string()).collect(),
            events: events.iter().map(|s| s.to_string()).collect(),
        };
        assert!(purge_is_listed(&purge(&["c1"], &["c2/e1"]), Some(&list)).is_ok());
        assert_eq!(
            purge_is_listed(&purge(&["c2"], &[]), Some(&list)),
            Err("c2".into())
        );
        assert!(purge_is_listed(&purge(&[], &["c2/e2"]), Some(&list)).is_err());
        assert!(purge_is_listed(&purge(&["c1"], &[]), None).is_err());
        assert!(purge_is_listed(&purge(&["../c1"], &[]), Some(&list)).is_err());
    }
}
