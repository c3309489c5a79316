//! The case file's form of an event (`[events.<id>]`): every field flat,
//! `deny_unknown_fields`, in the order the file has always had. The
//! program holds the compact [`Event`]; these conversions are the only
//! place the two meet.

use crate::domain::dates;
use crate::domain::event::{Details, Event};
use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// One event, as stored under `[events.<id>]` in a case file: every field
/// flat, in the file's order (which is the order serde writes them in).
/// [`Event`] reads and writes through it, so the file format (and the
/// `show --json` form) stays exactly this struct's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    pub kind: CompactString,
    #[serde(with = "dates")]
    pub date: NaiveDate,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "dates::option"
    )]
    pub until: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// For `afgerond`: the id of the action marked done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// To whom a report went (`zorgmelding`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Article of the Leerplichtwet an exemption rests on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artikel: Option<String>,
    /// What the jeugdarts' advice allows to be shared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice: Option<String>,
    /// The jeugdarts's findings (sealed in the `jgz` compartment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For `melding-leerplicht`: the kind of DUO report (see [`crate::domain::event::MELDING_SOORTEN`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub soort: Option<String>,
    /// For `melding-leerplicht`: DUO's number of the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meldingsnummer: Option<String>,
    /// For `melding-leerplicht`: where the report stands (see [`crate::domain::event::MELDING_STATUSES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// `actie`: what must be done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// `actie`: by when.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "dates::option"
    )]
    pub due: Option<NaiveDate>,
    /// `actie`: the role that must do it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// `verlenging`: how far the deadline moves, unit explicit ("5 school-days").
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::domain::units::text_option"
    )]
    pub by: Option<crate::domain::units::Span>,
    /// `toestemming`: whose consent (leerling, ouders).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// `toestemming`: for what (terugkoppeling-school, delen-leerplicht, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// `toestemming`: who gave it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_by: Option<String>,
    /// `overdracht`: the case's new owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// For `brief`: the id of the letter template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// For `brief`: the sha256 of the letter as sent (the letter itself is
    /// not kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Set when the event was withdrawn: the reason. A withdrawn event stays
    /// in the file (and the history) but no rule counts it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn: Option<String>,
}

impl From<EventFile> for Event {
    fn from(f: EventFile) -> Self {
        let details = Details {
            action: f.action,
            to: f.to,
            school: f.school,
            reason: f.reason,
            days: f.days,
            artikel: f.artikel,
            advice: f.advice,
            findings: f.findings,
            soort: f.soort,
            meldingsnummer: f.meldingsnummer,
            status: f.status,
            title: f.title,
            due: f.due,
            role: f.role,
            by: f.by,
            subject: f.subject,
            scope: f.scope,
            given_by: f.given_by,
            owner: f.owner,
            template: f.template,
            sha256: f.sha256,
            withdrawn: f.withdrawn,
        };
        Event {
            kind: f.kind,
            date: f.date,
            until: f.until,
            hours: f.hours,
            outcome: f.outcome,
            note: f.note,
            details: details.boxed(),
        }
    }
}

impl From<Event> for EventFile {
    fn from(e: Event) -> Self {
        let d = e.details.map(|d| *d).unwrap_or_default();
        EventFile {
            kind: e.kind,
            date: e.date,
            until: e.until,
            hours: e.hours,
            outcome: e.outcome,
            note: e.note,
            action: d.action,
            to: d.to,
            school: d.school,
            reason: d.reason,
            days: d.days,
            artikel: d.artikel,
            advice: d.advice,
            findings: d.findings,
            soort: d.soort,
            meldingsnummer: d.meldingsnummer,
            status: d.status,
            title: d.title,
            due: d.due,
            role: d.role,
            by: d.by,
            subject: d.subject,
            scope: d.scope,
            given_by: d.given_by,
            owner: d.owner,
            template: d.template,
            sha256: d.sha256,
            withdrawn: d.withdrawn,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::units::Span;

    fn d(s: &str) -> NaiveDate {
        dates::parse(s).unwrap()
    }

    /// Every field set, in the file's order: the text serde writes.
    const FULL: &str = r#"kind = "ziek"
date = "2026-11-02"
until = "2026-11-04"
hours = 2.5
outcome = "o"
action = "a"
to = "t"
school = "s"
reason = "r"
days = 3
artikel = "5a"
advice = "ad"
findings = "f"
note = "n"
soort = "16u4w"
meldingsnummer = "m"
status = "nieuw"
title = "ti"
due = "2026-11-09"
role = "ro"
by = "5 school-days"
subject = "su"
scope = "sc"
given_by = "g"
owner = "ow"
template = "te"
sha256 = "sh"
withdrawn = "w"
"#;

    #[test]
    fn every_field_reads_and_writes_as_before() {
        let e: Event = toml::from_str(FULL).unwrap();
        assert_eq!(e.kind, "ziek");
        assert_eq!(e.until, Some(d("2026-11-04")));
        assert_eq!(e.school.as_deref(), Some("s"));
        assert_eq!(e.due, Some(d("2026-11-09")));
        assert_eq!(e.by, Some(Span::parse_text("5 schooldagen").unwrap()));
        assert_eq!(e.withdrawn.as_deref(), Some("w"));
        assert_eq!(toml::to_string(&e).unwrap(), FULL);
    }

    #[test]
    fn an_event_without_rare_fields_has_no_side_table() {
        let e: Event = toml::from_str("kind = \"ziek\"\ndate = \"2026-11-02\"\n").unwrap();
        assert!(e.details.is_none());
        assert_eq!(e.school, None, "reads as empty");
        assert_eq!(
            toml::to_string(&e).unwrap(),
            "kind = \"ziek\"\ndate = \"2026-11-02\"\n"
        );
    }

    #[test]
    fn unknown_fields_are_still_refused() {
        let err =
            toml::from_str::<Event>("kind = \"ziek\"\ndate = \"2026-11-02\"\nx = 1\n").unwrap_err();
        assert!(err.to_string().contains("unknown field `x`"), "{err}");
    }

    #[test]
    fn an_empty_side_table_equals_none() {
        let plain = Event::new("ziek", d("2026-11-02"));
        let mut touched = plain.clone();
        touched.school = None;
        assert!(touched.details.is_some());
        assert_eq!(plain, touched);
        touched.school = Some("s".into());
        assert_ne!(plain, touched);
    }

    #[test]
    fn the_event_stays_small() {
        // Was about 650 bytes; a caseload holds hundreds of thousands.
        assert!(
            std::mem::size_of::<Event>() <= 112,
            "{}",
            std::mem::size_of::<Event>()
        );
    }
}
