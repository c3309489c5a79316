//! `show CASE --json`: one case as its file holds it (sealed values opened
//! when the key is at hand), what the engine derives for it today, and its
//! destruction dates.

use super::retention::Retention;
use super::{Date, date};
use crate::domain::case::Case as DomainCase;
use crate::domain::caseload::CaseCheck;
use crate::domain::event::Event as DomainEvent;
use crate::domain::retention::CaseRetention;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The document of `show CASE --json`.
#[derive(Serialize)]
pub struct Show<'a> {
    pub case: Case<'a>,
    /// What the engine derives today; `null` when the case's protocol is
    /// unknown or broken (then `unchecked` says why).
    pub evaluation: Option<super::evaluation::Evaluation<'a>>,
    pub retention: Retention<'a>,
    /// The day the case was evaluated for (`--today`, else the clock).
    pub today: Date,
    /// Why the case was not evaluated (in the `--lang` language); `null`
    /// when it was.
    pub unchecked: Option<String>,
}

impl<'a> Show<'a> {
    /// `unchecked` and the retention error are worded by the caller.
    pub fn new(
        case: &'a DomainCase,
        check: &'a CaseCheck,
        unchecked: Option<String>,
        retention: Result<&'a CaseRetention, String>,
        today: NaiveDate,
    ) -> Self {
        Show {
            case: Case::from(case),
            evaluation: check.as_ref().ok().map(super::evaluation::Evaluation::from),
            retention: Retention::new(retention),
            today: Date(today),
            unchecked,
        }
    }
}

/// The case's own fields, as in `cases/<id>.toml` (the wrapped data keys
/// of sealed compartments are left out).
#[derive(Serialize)]
pub struct Case<'a> {
    pub birth: Date,
    /// Contacts by role or name, e.g. `{"mentor": "..."}`; absent when none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub contacts: &'a BTreeMap<String, String>,
    /// Every event by its id (withdrawn ones too, with `withdrawn`).
    pub events: BTreeMap<&'a str, Event<'a>>,
    /// The case file format (1).
    pub format: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gemeente: Option<&'a str>,
    pub id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leerlingnummer: Option<&'a str>,
    /// `po`, `vo`, `mbo` or `so`.
    pub level: &'static str,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub opened: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<&'a str>,
    /// The protocol id.
    pub protocol: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pseudonym: Option<&'a str>,
    /// The holiday region set on the case (`noord`, `midden`, `zuid`);
    /// absent when the school's or protocol's holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<&'static str>,
    pub school: &'a str,
    /// `open` or `closed`.
    pub status: &'static str,
}

impl<'a> From<&'a DomainCase> for Case<'a> {
    fn from(c: &'a DomainCase) -> Self {
        Case {
            birth: Date(c.birth),
            contacts: &c.contacts,
            events: c
                .events
                .iter()
                .map(|(id, e)| (id.as_str(), Event::from(e)))
                .collect(),
            format: c.format,
            gemeente: c.gemeente.as_deref(),
            id: &c.id,
            leerlingnummer: c.leerlingnummer.as_deref(),
            level: c.level.as_str(),
            name: &c.name,
            opened: date(c.opened),
            owner: c.owner.as_deref(),
            protocol: &c.protocol,
            pseudonym: c.pseudonym.as_deref(),
            region: c.region.map(|r| r.as_str()),
            school: &c.school,
            status: c.status.as_str(),
        }
    }
}

/// One event as the case file holds it: `kind` and `date` always, every
/// other field absent when the event does not carry it (which fields a
/// kind takes: README, "Event kinds").
#[derive(Serialize)]
pub struct Event<'a> {
    /// The action an `afgerond` or `verlenging` is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub artikel: Option<&'a str>,
    /// How far a `verlenging` moves the deadline, the unit explicit:
    /// `"5 school-days"` (units as in [`Span`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
    pub date: Date,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// By when an `actie` must be done.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    /// The jeugdarts's findings: the text when opened, else the sealed
    /// value (`vz1:...`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub findings: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given_by: Option<&'a str>,
    /// Lesson hours missed (a number, e.g. `3.0`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    /// The event kind's id (`ziek`, `ongeoorloofd`, ...), never its label.
    pub kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meldingsnummer: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<&'a str>,
    /// The new owner (`overdracht`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<&'a str>,
    /// The role that must do an `actie`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<&'a str>,
    /// The SHA-256 (hex) of a letter as sent (`brief`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub soort: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<&'a str>,
    /// The last day of a period (`ziek`, ...), inclusive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Why the event was withdrawn; a withdrawn event counts for no rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<&'a str>,
}

impl<'a> From<&'a DomainEvent> for Event<'a> {
    fn from(e: &'a DomainEvent) -> Self {
        Event {
            action: e.action.as_deref(),
            advice: e.advice.as_deref(),
            artikel: e.artikel.as_deref(),
            by: e.by.map(|s| s.to_string()),
            date: Date(e.date),
            days: e.days,
            due: date(e.due),
            findings: e.findings.as_deref(),
            given_by: e.given_by.as_deref(),
            hours: e.hours,
            kind: &e.kind,
            meldingsnummer: e.meldingsnummer.as_deref(),
            note: e.note.as_deref(),
            outcome: e.outcome.as_deref(),
            owner: e.owner.as_deref(),
            reason: e.reason.as_deref(),
            role: e.role.as_deref(),
            school: e.school.as_deref(),
            scope: e.scope.as_deref(),
            sha256: e.sha256.as_deref(),
            soort: e.soort.as_deref(),
            status: e.status.as_deref(),
            subject: e.subject.as_deref(),
            template: e.template.as_deref(),
            title: e.title.as_deref(),
            to: e.to.as_deref(),
            until: date(e.until),
            withdrawn: e.withdrawn.as_deref(),
        }
    }
}

/// A span of time with its unit: `{"amount": 5, "unit": "school-days"}`;
/// units `days`, `school-days`, `weeks`, `school-weeks`, `working-days`,
/// `months`, `school-year`.
#[derive(Serialize)]
pub struct Span {
    pub amount: u32,
    pub unit: &'static str,
}

impl From<crate::domain::units::Span> for Span {
    fn from(s: crate::domain::units::Span) -> Self {
        Span {
            amount: s.amount,
            unit: s.unit.as_str(),
        }
    }
}
