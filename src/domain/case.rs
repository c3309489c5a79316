//! A case (dossier): one pupil, for the case's whole life, with an
//! append-only map of events keyed by event id so that two sides' additions
//! can be joined by id. Nothing derived (signals, actions, "modified") is
//! stored: it is computed from the events.

use crate::domain::calendar::Region;
use crate::domain::compartments::KeyBlock;
use crate::domain::dates;
use crate::domain::event::{Event, EventId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The case file format this build reads and writes.
pub const FORMAT: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Po,
    Vo,
    Mbo,
    So,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Po, Level::Vo, Level::Mbo, Level::So];

    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.as_str() == text)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Po => "po",
            Level::Vo => "vo",
            Level::Mbo => "mbo",
            Level::So => "so",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Open,
    Closed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Closed => "closed",
        }
    }
}

/// One case file, `cases/<id>.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub format: u32,
    pub id: crate::domain::ids::CaseId,
    pub name: String,
    #[serde(with = "dates")]
    pub birth: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<String>,
    /// The school's pupil number (leerlingnummer), how imports find the case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leerlingnummer: Option<String>,
    pub school: String,
    pub level: Level,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gemeente: Option<String>,
    pub protocol: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default)]
    pub status: Status,
    /// Overrides the holiday region of the school and protocol.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "dates::option"
    )]
    pub opened: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub contacts: BTreeMap<String, String>,
    /// By event id (16 characters: inline, no allocation per event).
    #[serde(default)]
    pub events: BTreeMap<EventId, Event>,
    /// Data keys of confidential compartments, by key id, each wrapped to
    /// its recipients (issue 15; see `domain/compartments.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub keys: BTreeMap<String, KeyBlock>,
}

impl Case {
    /// Events in date order (ties by id, so the order is stable everywhere).
    pub fn events_by_date(&self) -> Vec<(&str, &Event)> {
        let mut v: Vec<(&str, &Event)> =
            self.events.iter().map(|(id, e)| (id.as_str(), e)).collect();
        v.sort_by(|a, b| a.1.date.cmp(&b.1.date).then_with(|| a.0.cmp(b.0)));
        v
    }

    pub fn is_open(&self) -> bool {
        self.status == Status::Open
    }
}

/// The fields of a case that a person sets (for `new` and for edits).
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFields {
    pub name: String,
    pub birth: NaiveDate,
    pub school: String,
    pub level: Level,
    pub protocol: String,
    pub gemeente: Option<String>,
    pub owner: Option<String>,
}

impl CaseFields {
    pub fn into_case(self, id: String, opened: NaiveDate) -> Case {
        Case {
            format: FORMAT,
            id: id.into(),
            name: self.name,
            birth: self.birth,
            pseudonym: None,
            leerlingnummer: None,
            school: self.school,
            level: self.level,
            gemeente: self.gemeente,
            protocol: self.protocol,
            owner: self.owner,
            status: Status::Open,
            region: None,
            opened: Some(opened),
            contacts: BTreeMap::new(),
            events: BTreeMap::new(),
            keys: BTreeMap::new(),
        }
    }
}

/// A change to a case's own fields (the TUI's edit form, closing and
/// reopening): `None` leaves a field as it is; `Some(None)` clears an
/// optional one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseEdit {
    pub name: Option<String>,
    pub birth: Option<NaiveDate>,
    pub school: Option<String>,
    pub level: Option<Level>,
    pub protocol: Option<String>,
    pub gemeente: Option<Option<String>>,
    pub owner: Option<Option<String>>,
    pub status: Option<Status>,
}

impl CaseEdit {
    /// The keys of the case file it sets, each with its new text in the
    /// file's form (`None`: remove the key), in file order.
    pub fn entries(&self) -> Vec<(&'static str, Option<String>)> {
        let text = |v: &Option<String>| v.clone().map(Some);
        [
            ("name", text(&self.name)),
            ("birth", self.birth.map(|d| Some(d.to_string()))),
            ("school", text(&self.school)),
            ("level", self.level.map(|l| Some(l.as_str().to_string()))),
            ("protocol", text(&self.protocol)),
            ("gemeente", self.gemeente.clone()),
            ("owner", self.owner.clone()),
            ("status", self.status.map(|s| Some(s.as_str().to_string()))),
        ]
        .into_iter()
        .filter_map(|(key, value)| value.map(|v| (key, v)))
        .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }
}
