//! `retention list --json`, and the destruction dates in `show --json`.

use super::Date;
use crate::domain::retention::{CaseRetention, DueItem};
use chrono::NaiveDate;
use serde::Serialize;

/// The document of `retention list --json`: what is due for destruction
/// on or before `until`, cases first by date then id.
#[derive(Serialize)]
pub struct RetentionList<'a> {
    pub due: Vec<RetentionDue<'a>>,
    /// The list's last day (`--until`, default today).
    pub until: Date,
}

/// A case, or one event of a case, due for destruction.
#[derive(Serialize)]
pub struct RetentionDue<'a> {
    /// The case id.
    pub case: &'a str,
    /// The day it may be destroyed.
    pub date: Date,
    /// The event id; `null` when the whole case is due.
    pub event: Option<&'a str>,
    /// The id of the rule in `retention.toml`.
    pub rule: &'a str,
    /// The rule's quoted source (law or Selectielijst), `""` if it has none.
    pub source: &'a str,
}

impl<'a> RetentionList<'a> {
    /// `source`: the quoted source of a rule id.
    pub fn new(items: &'a [DueItem], until: NaiveDate, source: impl Fn(&str) -> &'a str) -> Self {
        let due = items
            .iter()
            .map(|i| RetentionDue {
                case: &i.case,
                date: Date(i.due.date),
                event: i.event.as_deref(),
                rule: &i.due.rule,
                source: source(&i.due.rule),
            })
            .collect();
        RetentionList {
            due,
            until: Date(until),
        }
    }
}

/// When the case (and events with an earlier date of their own) may be
/// destroyed: `{"date", "rule", "events"}`, or `{"error"}` when no date
/// could be computed.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Retention<'a> {
    Dates {
        /// The case's destruction date.
        date: Date,
        /// Events whose own rule gives an earlier date than the case's.
        events: Vec<EventRetention<'a>>,
        /// The id of the rule in `retention.toml` that gives `date`.
        rule: &'a str,
    },
    /// Why there is no date (in the `--lang` language).
    Error { error: String },
}

impl<'a> Retention<'a> {
    pub fn new(kept: Result<&'a CaseRetention, String>) -> Self {
        match kept {
            Ok(r) => Retention::Dates {
                date: Date(r.case.date),
                events: r
                    .events
                    .iter()
                    .map(|(id, d)| EventRetention {
                        date: Date(d.date),
                        event: id,
                        rule: &d.rule,
                    })
                    .collect(),
                rule: &r.case.rule,
            },
            Err(error) => Retention::Error { error },
        }
    }
}

/// One event's own destruction date.
#[derive(Serialize)]
pub struct EventRetention<'a> {
    pub date: Date,
    /// The event id.
    pub event: &'a str,
    pub rule: &'a str,
}
