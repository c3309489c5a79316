//! Turning what a person typed into domain values, with one-line messages.
//! Shared by the command line and the TUI forms so both say the same thing.

use crate::domain::case::{CaseFields, Level};
use crate::domain::dates;
use crate::domain::event::{self, DONE_KIND, Event, KindSpec};
use crate::i18n::t;
use chrono::NaiveDate;

pub fn date(flag: &str, text: &str) -> Result<NaiveDate, String> {
    dates::parse_typed(text).ok_or_else(|| {
        format!(
            "{flag} `{text}`: {}",
            t(
                "geen geldige datum, verwacht dd-mm-jjjj of jjjj-mm-dd",
                "not a valid date, expected YYYY-MM-DD or DD-MM-YYYY"
            )
        )
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
pub fn event(vocabulary: &[KindSpec], input: &EventInput) -> Result<Event, String> {
    let spec = vocabulary
        .iter()
        .find(|k| k.id == input.kind && k.id != DONE_KIND)
        .ok_or_else(|| {
            let kinds: Vec<&str> = vocabulary
                .iter()
                .map(|k| k.id.as_str())
                .filter(|k| *k != DONE_KIND)
                .collect();
            format!(
                "{} `{}` ({})",
                t("onbekende soort", "unknown kind"),
                input.kind,
                kinds.join(", ")
            )
        })?;
    let mut e = Event::new(input.kind, date("--date", input.date)?);
    e.until = optional(input.until)
        .map(|u| date("--until", u))
        .transpose()?;
    e.hours = optional(input.hours)
        .map(|h| {
            h.replace(',', ".")
                .parse::<f64>()
                .map_err(|_| format!("--hours `{h}`: {}", t("geen getal", "not a number")))
        })
        .transpose()?;
    e.outcome = optional(input.outcome).map(str::to_string);
    e.note = optional(input.note).map(str::to_string);
    for (field, text) in &input.fields {
        field.set(&mut e, Some(text))?;
    }
    event::validate(&e, spec)?;
    // Unauthorised absence is counted in lesson hours: without either the
    // event would count as nothing at all.
    if spec.hours && e.hours.is_none() && e.until.is_none() {
        return Err(format!(
            "`{}` {}",
            spec.id,
            t(
                "heeft --hours (lesuren op die dag) of --until (hele schooldagen) nodig",
                "needs --hours (lesson hours that day) or --until (whole school days)"
            )
        ));
    }
    Ok(e)
}

/// A pupil number as typed: trimmed; letters, digits and `-` only (it is
/// compared with the school's export, so it must be what the school shows).
pub fn pupil_number(text: Option<&str>) -> Result<Option<String>, String> {
    let Some(n) = optional(text) else {
        return Ok(None);
    };
    if n.len() > 40 || !n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!(
            "--leerlingnummer `{}`: {}",
            n.escape_debug(),
            t(
                "alleen letters, cijfers en -, hoogstens 40 tekens",
                "letters, digits and - only, at most 40 characters"
            )
        ));
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

pub fn case_fields(input: &CaseInput, today: NaiveDate) -> Result<CaseFields, String> {
    let required = |flag: &str, v: &str| {
        if v.trim().is_empty() {
            Err(format!(
                "{flag} {}",
                t("mag niet leeg zijn", "must not be empty")
            ))
        } else {
            Ok(v.trim().to_string())
        }
    };
    let birth = date("--birth", input.birth)?;
    if birth > today {
        return Err(format!(
            "--birth {}: {}",
            crate::i18n::date(birth),
            t("ligt in de toekomst", "is in the future")
        ));
    }
    Ok(CaseFields {
        name: required("--name", input.name)?,
        birth,
        school: required("--school", input.school)?,
        level: Level::parse(input.level.trim()).ok_or_else(|| {
            format!(
                "{} `{}` (po, vo, mbo, so)",
                t("onbekend niveau", "unknown level"),
                input.level
            )
        })?,
        protocol: required("--protocol", input.protocol)?,
        gemeente: optional(input.gemeente).map(str::to_string),
        owner: optional(input.owner).map(str::to_string),
    })
}
