//! Corrections to recorded events (issue 14): an edit changes some fields of
//! one event and is validated against its kind as a new event would be; a
//! withdrawal keeps the event, marked with its reason, so no rule counts it
//! while the file and the history still show it.

use crate::domain::case::Case;
use crate::domain::errors::{CorrectionError, Input, InputError};
use crate::domain::event::{self, DONE_KIND, Event, Field, KindSpec};
use crate::domain::input;

/// What a person typed to change an event: `None` leaves a field as it is,
/// an empty text clears an optional one.
#[derive(Debug, Clone, Default)]
pub struct EventEdit<'a> {
    pub date: Option<&'a str>,
    pub until: Option<&'a str>,
    pub hours: Option<&'a str>,
    pub outcome: Option<&'a str>,
    pub note: Option<&'a str>,
    pub fields: Vec<(Field, &'a str)>,
}

impl EventEdit<'_> {
    pub fn is_empty(&self) -> bool {
        self.date.is_none()
            && self.until.is_none()
            && self.hours.is_none()
            && self.outcome.is_none()
            && self.note.is_none()
            && self.fields.is_empty()
    }
}

/// The id of the event `text` names: its id or a unique start of it.
pub fn find_event<'c>(case: &'c Case, text: &str) -> Result<&'c str, CorrectionError> {
    let text = text.trim();
    let hits: Vec<&str> = case
        .events
        .keys()
        .map(|k| k.as_str())
        .filter(|id| !text.is_empty() && id.starts_with(text))
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(CorrectionError::NoSuchEvent {
            text: text.to_string(),
            case: case.id.to_string(),
        }),
        _ => Err(CorrectionError::AmbiguousEvent {
            text: text.to_string(),
            matches: hits.iter().map(|h| h.to_string()).collect(),
        }),
    }
}

fn text(v: Option<&str>) -> Option<String> {
    v.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Applies an edit; returns the new event and the names of the fields that
/// changed (for the commit message: names only, never values).
pub fn edit(
    old: &Event,
    spec: &KindSpec,
    change: &EventEdit,
) -> Result<(Event, Vec<&'static str>), CorrectionError> {
    if old.withdrawn.is_some() {
        return Err(CorrectionError::Withdrawn);
    }
    let mut e = old.clone();
    if let Some(d) = change.date {
        e.date = input::date(Input::Date, d)?;
    }
    if let Some(u) = change.until {
        e.until = text(Some(u))
            .map(|u| input::date(Input::Until, &u))
            .transpose()?;
    }
    if let Some(h) = change.hours {
        e.hours = text(Some(h)).map(|h| input::hours(&h)).transpose()?;
    }
    if let Some(o) = change.outcome {
        e.outcome = text(Some(o));
    }
    if let Some(n) = change.note {
        e.note = text(Some(n));
    }
    for (field, value) in &change.fields {
        field.set(&mut e, Some(value))?;
    }
    if e.kind != DONE_KIND {
        event::validate(&e, spec)?;
    }
    Ok((e.clone(), changed(old, &e)))
}

/// The names of the fields that differ between two versions of an event.
pub fn changed(a: &Event, b: &Event) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |name: &'static str, same: bool| {
        if !same {
            out.push(name);
        }
    };
    check("date", a.date == b.date);
    check("until", a.until == b.until);
    check("hours", a.hours == b.hours);
    check("outcome", a.outcome == b.outcome);
    check("note", a.note == b.note);
    for f in Field::ALL {
        check(f.name(), f.get(a) == f.get(b));
    }
    out
}

/// The spec for an event whose kind its protocol no longer declares (or
/// `afgerond`): it keeps what it has.
pub fn lenient_spec(e: &Event) -> KindSpec {
    KindSpec {
        id: e.kind.to_string(),
        label: e.kind.to_string(),
        label_en: e.kind.to_string(),
        until: event::Until::Optional,
        hours: true,
        outcomes: e.outcome.iter().cloned().collect(),
        note_required: false,
        fields: vec![],
    }
}

/// Marks an event withdrawn with its reason.
pub fn withdraw(old: &Event, reason: &str) -> Result<Event, CorrectionError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(InputError::Empty {
            input: Input::Reason,
        }
        .into());
    }
    if old.withdrawn.is_some() {
        return Err(CorrectionError::AlreadyWithdrawn);
    }
    let mut e = old.clone();
    e.withdrawn = Some(reason.to_string());
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates;

    fn spec(id: &str) -> KindSpec {
        event::base_vocabulary()
            .into_iter()
            .find(|k| k.id == id)
            .unwrap()
    }

    #[test]
    fn an_edit_is_validated_and_names_only_the_changed_fields() {
        let old = Event::new("ziek", dates::parse("2025-09-01").unwrap());
        let change = EventEdit {
            until: Some("03-09-2025"),
            note: Some("griep"),
            ..Default::default()
        };
        let (new, fields) = edit(&old, &spec("ziek"), &change).unwrap();
        assert_eq!(new.until, dates::parse("2025-09-03"));
        assert_eq!(fields, vec!["until", "note"]);
        let bad = EventEdit {
            until: Some("2025-08-01"),
            ..Default::default()
        };
        assert!(edit(&old, &spec("ziek"), &bad).is_err());
        let wrong = EventEdit {
            fields: vec![(Field::School, "X")],
            ..Default::default()
        };
        assert!(edit(&old, &spec("ziek"), &wrong).is_err());
    }

    #[test]
    fn a_withdrawal_needs_a_reason_and_happens_once() {
        let old = Event::new("ziek", dates::parse("2025-09-01").unwrap());
        assert!(withdraw(&old, " ").is_err());
        let w = withdraw(&old, "dubbel ingevoerd").unwrap();
        assert_eq!(w.withdrawn.as_deref(), Some("dubbel ingevoerd"));
        assert!(withdraw(&w, "nogmaals").is_err());
        assert!(edit(&w, &spec("ziek"), &EventEdit::default()).is_err());
    }
}
