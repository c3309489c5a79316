//! Events: dated facts in a case, and the vocabulary of kinds every protocol
//! understands, with the fields each kind takes. Validation here is shared
//! by the CLI and the TUI form so both give the same messages.

use crate::domain::errors::{EventError, Input};
use chrono::NaiveDate;
use compact_str::CompactString;
use serde::{Deserialize, Serialize};

pub use crate::domain::event_file::EventFile;

pub use crate::domain::vocabulary::{
    CONSULT_OUTCOMES, Field, FieldSpec, base_vocabulary, labels as kind_labels,
};

pub use crate::domain::ids::EventId;

/// The kind of event that marks an action done by hand.
pub const DONE_KIND: &str = "afgerond";

/// One event of a case, as the program holds it: the fields every kind
/// uses inline, the rest in one boxed side table that most events do not
/// have. The case file's form is [`EventFile`] (every field flat, the
/// order and names of the file), converted on read and write.
///
/// Small on purpose (about 100 bytes instead of 650): a caseload holds
/// hundreds of thousands of events, and moving and freeing them was a
/// fifth of `overdue`'s time (see `docs/performance.md`, fourth round).
/// The kind is inline up to 24 bytes (every shipped kind is), so reading
/// an event allocates only for a note or an outcome.
///
/// The side table's fields read and write as if they were the event's own
/// (`e.school`, `e.due = ...`) through `Deref`/`DerefMut`: reading an
/// event without them sees them all empty, the first write makes them.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "EventFile", into = "EventFile")]
pub struct Event {
    pub kind: CompactString,
    pub date: NaiveDate,
    pub until: Option<NaiveDate>,
    pub hours: Option<f64>,
    pub outcome: Option<String>,
    pub note: Option<String>,
    /// The rarer fields; `None` when all of them are empty.
    pub details: Option<Box<Details>>,
}

/// The fields of an event that most events do not have: an action marked
/// done, the workflow kinds, a DUO report, a letter, consent, the working
/// day's actions and handovers, a withdrawal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Details {
    /// For `afgerond`: the id of the action marked done.
    pub action: Option<String>,
    /// To whom a report went (`zorgmelding`).
    pub to: Option<String>,
    pub school: Option<String>,
    pub reason: Option<String>,
    pub days: Option<u32>,
    /// Article of the Leerplichtwet an exemption rests on.
    pub artikel: Option<String>,
    /// What the jeugdarts' advice allows to be shared.
    pub advice: Option<String>,
    /// The jeugdarts's findings (sealed in the `jgz` compartment).
    pub findings: Option<String>,
    /// For `melding-leerplicht`: the kind of DUO report (see [`MELDING_SOORTEN`]).
    pub soort: Option<String>,
    /// For `melding-leerplicht`: DUO's number of the report.
    pub meldingsnummer: Option<String>,
    /// For `melding-leerplicht`: where the report stands (see [`MELDING_STATUSES`]).
    pub status: Option<String>,
    /// `actie`: what must be done.
    pub title: Option<String>,
    /// `actie`: by when.
    pub due: Option<NaiveDate>,
    /// `actie`: the role that must do it.
    pub role: Option<String>,
    /// `verlenging`: how far the deadline moves, unit explicit ("5 school-days").
    pub by: Option<crate::domain::units::Span>,
    /// `toestemming`: whose consent (leerling, ouders).
    pub subject: Option<String>,
    /// `toestemming`: for what (terugkoppeling-school, delen-leerplicht, ...).
    pub scope: Option<String>,
    /// `toestemming`: who gave it.
    pub given_by: Option<String>,
    /// `overdracht`: the case's new owner.
    pub owner: Option<String>,
    /// For `brief`: the id of the letter template.
    pub template: Option<String>,
    /// For `brief`: the sha256 of the letter as sent (the letter itself is
    /// not kept).
    pub sha256: Option<String>,
    /// Set when the event was withdrawn: the reason. A withdrawn event stays
    /// in the file (and the history) but no rule counts it.
    pub withdrawn: Option<String>,
}

impl Details {
    /// Every field empty (what an event without a side table reads as).
    pub const EMPTY: Details = Details {
        action: None,
        to: None,
        school: None,
        reason: None,
        days: None,
        artikel: None,
        advice: None,
        findings: None,
        soort: None,
        meldingsnummer: None,
        status: None,
        title: None,
        due: None,
        role: None,
        by: None,
        subject: None,
        scope: None,
        given_by: None,
        owner: None,
        template: None,
        sha256: None,
        withdrawn: None,
    };

    pub fn is_empty(&self) -> bool {
        *self == Details::EMPTY
    }

    /// Boxed, or `None` when every field is empty.
    pub fn boxed(self) -> Option<Box<Details>> {
        (!self.is_empty()).then(|| Box::new(self))
    }
}

static NO_DETAILS: Details = Details::EMPTY;

impl std::ops::Deref for Event {
    type Target = Details;
    fn deref(&self) -> &Details {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }
}

impl std::ops::DerefMut for Event {
    fn deref_mut(&mut self) -> &mut Details {
        self.details.get_or_insert_with(Box::default)
    }
}

/// Equal when every field is, whether an empty side table is there or not.
impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.date == other.date
            && self.until == other.until
            && self.hours == other.hours
            && self.outcome == other.outcome
            && self.note == other.note
            && **self == **other
    }
}

impl Event {
    pub fn new(kind: &str, date: NaiveDate) -> Self {
        Event {
            kind: CompactString::from(kind),
            date,
            until: None,
            hours: None,
            outcome: None,
            note: None,
            details: None,
        }
    }
}

/// What a kind of event takes besides its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    No,
    Optional,
}

/// A kind of event: its id, Dutch and English label, and which fields it
/// takes.
#[derive(Debug, Clone, PartialEq)]
pub struct KindSpec {
    pub id: String,
    pub label: String,
    pub label_en: String,
    pub until: Until,
    pub hours: bool,
    pub outcomes: Vec<String>,
    pub note_required: bool,
    pub fields: Vec<FieldSpec>,
}

/// The kind that carries a DUO report's `soort`, `meldingsnummer` and `status`.
pub const MELDING_KIND: &str = "melding-leerplicht";
/// DUO's kinds of absence report: 16 hours in 4 weeks, relatief verzuim
/// (lrv: the pupil is not enrolled), luxeverzuim, other, and 18-plus.
pub const MELDING_SOORTEN: [&str; 5] = ["16u4w", "lrv", "luxe", "overig", "18plus"];
/// The kind that records a letter sent (template and sha256).
pub const LETTER_KIND: &str = "brief";
/// Where a report stands.
pub const MELDING_STATUSES: [&str; 3] = ["nieuw", "in-behandeling", "afgehandeld"];

/// Checks an event against its kind's fields.
pub fn validate(event: &Event, spec: &KindSpec) -> Result<(), EventError> {
    let kind = || spec.id.clone();
    let not_for = |input| EventError::DoesNotApply {
        input,
        kind: kind(),
    };
    if let Some(until) = event.until {
        if spec.until == Until::No {
            return Err(not_for(Input::Until));
        }
        if until < event.date {
            return Err(EventError::UntilBeforeDate {
                until,
                date: event.date,
            });
        }
    }
    if let Some(hours) = event.hours {
        if !spec.hours {
            return Err(not_for(Input::Hours));
        }
        if !hours.is_finite() || hours <= 0.0 || hours > 24.0 {
            return Err(EventError::HoursOutOfRange { hours });
        }
        if event.until.is_some() {
            return Err(EventError::HoursAndUntil);
        }
    }
    match (&event.outcome, spec.outcomes.is_empty()) {
        (Some(_), true) => return Err(not_for(Input::Outcome)),
        (Some(o), false) if !spec.outcomes.contains(o) => {
            return Err(EventError::NotAChoice {
                input: Input::Outcome,
                value: o.clone(),
                choices: spec.outcomes.clone(),
            });
        }
        (None, false) => {
            return Err(EventError::OutcomeRequired {
                kind: kind(),
                choices: spec.outcomes.clone(),
            });
        }
        _ => {}
    }
    validate_fields(event, spec)?;
    if spec.note_required && event.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err(EventError::Required {
            input: Input::Note,
            kind: kind(),
        });
    }
    Ok(())
}

/// The extra fields: none the kind does not take, every required one, and
/// only known values for a choice.
fn validate_fields(event: &Event, spec: &KindSpec) -> Result<(), EventError> {
    for f in Field::ALL {
        let value = f.get(event);
        let input = Input::Field(f);
        match (spec.fields.iter().find(|s| s.field == f), value) {
            (None, Some(_)) => {
                return Err(EventError::DoesNotApply {
                    input,
                    kind: spec.id.clone(),
                });
            }
            (Some(s), None) if s.required => {
                return Err(EventError::Required {
                    input,
                    kind: spec.id.clone(),
                });
            }
            (Some(s), Some(v)) if !s.values.is_empty() && !s.values.contains(&v.as_str()) => {
                return Err(EventError::NotAChoice {
                    input,
                    value: v,
                    choices: s.values.iter().map(|v| v.to_string()).collect(),
                });
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates;

    fn spec(id: &str) -> KindSpec {
        base_vocabulary().into_iter().find(|k| k.id == id).unwrap()
    }
    fn d(s: &str) -> NaiveDate {
        dates::parse(s).unwrap()
    }

    #[test]
    fn until_before_date_is_rejected() {
        let mut e = Event::new("ziek", d("2026-11-10"));
        e.until = Some(d("2026-11-09"));
        assert!(validate(&e, &spec("ziek")).is_err());
        e.until = Some(d("2026-11-10"));
        assert!(validate(&e, &spec("ziek")).is_ok());
    }

    #[test]
    fn hours_only_positive_and_only_for_ongeoorloofd() {
        let mut e = Event::new("ongeoorloofd", d("2026-11-10"));
        e.hours = Some(-1.0);
        assert!(validate(&e, &spec("ongeoorloofd")).is_err());
        e.hours = Some(3.0);
        assert!(validate(&e, &spec("ongeoorloofd")).is_ok());
        let mut z = Event::new("ziek", d("2026-11-10"));
        z.hours = Some(3.0);
        assert!(validate(&z, &spec("ziek")).is_err());
    }

    #[test]
    fn consult_needs_a_known_outcome() {
        let mut e = Event::new("consult", d("2026-11-10"));
        assert!(validate(&e, &spec("consult")).is_err());
        e.outcome = Some("weg".into());
        assert!(validate(&e, &spec("consult")).is_err());
        e.outcome = Some("niet-verschenen".into());
        assert!(validate(&e, &spec("consult")).is_ok());
    }

    #[test]
    fn melding_fields_only_on_melding_leerplicht_and_from_their_lists() {
        let mut e = Event::new(MELDING_KIND, d("2026-11-10"));
        e.soort = Some("16u4w".into());
        e.meldingsnummer = Some("M-123".into());
        e.status = Some("nieuw".into());
        assert!(validate(&e, &spec(MELDING_KIND)).is_ok());
        e.soort = Some("16 uur".into());
        assert!(validate(&e, &spec(MELDING_KIND)).is_err());
        let mut z = Event::new("ziek", d("2026-11-10"));
        z.soort = Some("lrv".into());
        assert!(validate(&z, &spec("ziek")).is_err());
    }

    #[test]
    fn extra_fields_are_checked_per_kind() {
        let mut e = Event::new("inschrijving", d("2026-11-10"));
        let err = validate(&e, &spec("inschrijving")).unwrap_err();
        assert!(
            matches!(
                err,
                EventError::Required {
                    input: Input::Field(Field::School),
                    ..
                }
            ),
            "{err:?}"
        );
        e.school = Some("De Brug".into());
        assert!(validate(&e, &spec("inschrijving")).is_ok());
        e.artikel = Some("5a".into());
        let err = validate(&e, &spec("inschrijving")).unwrap_err();
        assert!(
            matches!(
                err,
                EventError::DoesNotApply {
                    input: Input::Field(Field::Artikel),
                    ..
                }
            ),
            "{err:?}"
        );
        let mut v = Event::new("vrijstelling", d("2026-11-10"));
        v.artikel = Some("5x".into());
        assert!(validate(&v, &spec("vrijstelling")).is_err());
        v.artikel = Some("5a".into());
        assert!(validate(&v, &spec("vrijstelling")).is_ok());
        let mut z = Event::new("zorgmelding", d("2026-11-10"));
        z.to = Some("veilig-thuis".into());
        assert!(validate(&z, &spec("zorgmelding")).is_ok());
        let mut b = Event::new("verlof-besluit", d("2026-11-10"));
        assert!(validate(&b, &spec("verlof-besluit")).is_err());
        b.outcome = Some("verleend".into());
        b.days = Some(3);
        assert!(validate(&b, &spec("verlof-besluit")).is_ok());
    }

    #[test]
    fn every_kind_has_both_labels() {
        for k in base_vocabulary() {
            assert!(!k.label.is_empty() && !k.label_en.is_empty(), "{}", k.id);
        }
        assert_eq!(
            kind_labels("uitnodiging-jgz", &[]).map(|l| l.0),
            Some("Uitnodiging JGZ verstuurd")
        );
        assert_eq!(kind_labels("onbekend", &[]), None);
    }
}
