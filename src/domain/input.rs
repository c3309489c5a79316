//! Turning what a person typed into domain values, with one-line messages.
//! Shared by the command line and the TUI forms so both say the same thing.

use crate::domain::case::{CaseFields, Level};
use crate::domain::dates;
pub use crate::domain::errors::{Input, InputError};
use crate::domain::event::{self, DONE_KIND, Event, KindSpec};
use chrono::NaiveDate;

/// A date typed by a person into `input`.
pub fn date(input: Input, text: &str) -> Result<NaiveDate, InputError> {
    dates::parse_typed(text).ok_or_else(|| InputError::NotADate {
        input,
        text: text.to_string(),
    })
}

/// Lesson hours as typed (a decimal comma is fine).
pub fn hours(text: &str) -> Result<f64, InputError> {
    text.replace(',', ".")
        .parse::<f64>()
        .map_err(|_| InputError::NotANumber {
            input: Input::Hours,
            text: text.to_string(),
        })
}

fn optional(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|s| !s.is_empty())
}

/// What a person typed for a new event.
#[derive(Debug, Clone, Default)]
pub struct EventInput<'a> {
    pub kind: &'a str,
    pub date: &'a str,
    pub until: Option<&'a str>,
    pub hours: Option<&'a str>,
    pub outcome: Option<&'a str>,
    pub note: Option<&'a str>,
    /// Extra fields of the kind (to, school, reason, days, artikel, advice).
    pub fields: Vec<(event::Field, &'a str)>,
}

/// Builds and validates an event against a protocol's vocabulary.
pub fn event(vocabulary: &[KindSpec], input: &EventInput) -> Result<Event, InputError> {
    let spec = vocabulary
        .iter()
        .find(|k| k.id == input.kind && k.id != DONE_KIND)
        .ok_or_else(|| InputError::UnknownKind {
            kind: input.kind.to_string(),
            known: vocabulary
                .iter()
                .map(|k| k.id.clone())
                .filter(|k| k != DONE_KIND)
                .collect(),
        })?;
    let mut e = Event::new(input.kind, date(Input::Date, input.date)?);
    e.until = optional(input.until)
        .map(|u| date(Input::Until, u))
        .transpose()?;
    e.hours = optional(input.hours).map(hours).transpose()?;
    e.outcome = optional(input.outcome).map(str::to_string);
    e.note = optional(input.note).map(str::to_string);
    for (field, text) in &input.fields {
        field.set(&mut e, Some(text))?;
    }
    event::validate(&e, spec)?;
    // Unauthorised absence is counted in lesson hours: without either the
    // event would count as nothing at all.
    if spec.hours && e.hours.is_none() && e.until.is_none() {
        return Err(InputError::NeedsHoursOrUntil {
            kind: spec.id.clone(),
        });
    }
    Ok(e)
}

/// A pupil number as typed: trimmed; letters, digits and `-` only (it is
/// compared with the school's export, so it must be what the school shows).
pub fn pupil_number(text: Option<&str>) -> Result<Option<String>, InputError> {
    let Some(n) = optional(text) else {
        return Ok(None);
    };
    if n.len() > 40 || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(InputError::BadPupilNumber {
            text: n.to_string(),
        });
    }
    Ok(Some(n.to_string()))
}

/// What a person typed for a case's fields (`protocol` checked by the caller).
#[derive(Debug, Clone, Default)]
pub struct CaseInput<'a> {
    pub name: &'a str,
    pub birth: &'a str,
    pub school: &'a str,
    pub level: &'a str,
    pub protocol: &'a str,
    pub gemeente: Option<&'a str>,
    pub owner: Option<&'a str>,
}

pub fn case_fields(input: &CaseInput, today: NaiveDate) -> Result<CaseFields, InputError> {
    let required = |which: Input, v: &str| {
        if v.trim().is_empty() {
            Err(InputError::Empty { input: which })
        } else {
            Ok(v.trim().to_string())
        }
    };
    let birth = date(Input::Birth, input.birth)?;
    if birth > today {
        return Err(InputError::BirthInFuture { birth });
    }
    Ok(CaseFields {
        name: required(Input::Name, input.name)?,
        birth,
        school: required(Input::School, input.school)?,
        level: Level::parse(input.level.trim()).ok_or_else(|| InputError::UnknownLevel {
            text: input.level.to_string(),
        })?,
        protocol: required(Input::Protocol, input.protocol)?,
        gemeente: optional(input.gemeente).map(str::to_string),
        owner: optional(input.owner).map(str::to_string),
    })
}
