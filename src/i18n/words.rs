//! Sentences both front ends share: domain errors and findings, worded as
//! whole sentences per language. Where the front ends differ (a flag
//! `--date` or a form field 'Datum'), they pass how to name an input.

use super::{Lang, date, lang, t};
use crate::domain::caseload::Unchecked;
use crate::domain::errors::{CorrectionError, EventError, Input, InputError};
use crate::domain::event::{Event, Field, KindSpec, kind_labels};
use crate::domain::plausible::Doubt;
use crate::domain::textpos::{FileError, FileMessage};
use std::fmt;

/// How a front end names what a person typed (`--date`, 'Datum').
pub type Namer<'a> = &'a dyn Fn(Input) -> String;

fn nl() -> bool {
    lang() == Lang::Nl
}

/// One line about a typed-input error.
pub fn input_error(e: &InputError, name: Namer) -> String {
    match e {
        InputError::NotADate { input, text } => not_a_date(&name(*input), text),
        InputError::NotANumber { input, text } => match lang() {
            Lang::Nl => format!("{} `{text}`: geen getal", name(*input)),
            Lang::En => format!("{} `{text}`: not a number", name(*input)),
        },
        InputError::NotAPositiveWholeNumber { input, text } => match lang() {
            Lang::Nl => format!("{} `{text}`: geen positief geheel getal", name(*input)),
            Lang::En => format!("{} `{text}`: not a positive whole number", name(*input)),
        },
        InputError::NotADuration { input, text } => match lang() {
            Lang::Nl => format!(
                "{} `{text}`: geef een aantal met een eenheid, bijv. \"5 schooldagen\" of \"2 weken\"",
                name(*input)
            ),
            Lang::En => format!(
                "{} `{text}`: give an amount with a unit, e.g. \"5 school days\" or \"2 weeks\"",
                name(*input)
            ),
        },
        InputError::Empty { input } => match lang() {
            Lang::Nl => format!("{} mag niet leeg zijn", name(*input)),
            Lang::En => format!("{} must not be empty", name(*input)),
        },
        InputError::UnknownKind { kind, known } => match lang() {
            Lang::Nl => format!("onbekende soort `{kind}` ({})", known.join(", ")),
            Lang::En => format!("unknown kind `{kind}` ({})", known.join(", ")),
        },
        InputError::NeedsHoursOrUntil { kind } => {
            let (hours, until) = (name(Input::Hours), name(Input::Until));
            match lang() {
                Lang::Nl => format!(
                    "`{kind}` heeft {hours} (lesuren op die dag) of {until} (hele schooldagen) nodig"
                ),
                Lang::En => format!(
                    "`{kind}` needs {hours} (lesson hours that day) or {until} (whole school days)"
                ),
            }
        }
        InputError::BadPupilNumber { text } => {
            let (n, text) = (name(Input::PupilNumber), text.escape_debug());
            match lang() {
                Lang::Nl => {
                    format!("{n} `{text}`: alleen letters, cijfers en -, hoogstens 40 tekens")
                }
                Lang::En => {
                    format!("{n} `{text}`: letters, digits and - only, at most 40 characters")
                }
            }
        }
        InputError::BirthInFuture { birth } => match lang() {
            Lang::Nl => format!(
                "{} {}: ligt in de toekomst",
                name(Input::Birth),
                date(*birth)
            ),
            Lang::En => format!("{} {}: is in the future", name(Input::Birth), date(*birth)),
        },
        InputError::UnknownLevel { text } => match lang() {
            Lang::Nl => format!("onbekend niveau `{text}` (po, vo, mbo, so)"),
            Lang::En => format!("unknown level `{text}` (po, vo, mbo, so)"),
        },
        InputError::Event(e) => event_error(e, name),
    }
}

/// `text` typed for the input called `name` is not a date.
pub fn not_a_date(name: &str, text: &str) -> String {
    match lang() {
        Lang::Nl => {
            format!("{name} `{text}`: geen geldige datum, verwacht dd-mm-jjjj of jjjj-mm-dd")
        }
        Lang::En => format!("{name} `{text}`: not a valid date, expected YYYY-MM-DD or DD-MM-YYYY"),
    }
}

/// One line about an event that does not fit its kind.
pub fn event_error(e: &EventError, name: Namer) -> String {
    match e {
        EventError::DoesNotApply { input, kind } => match lang() {
            Lang::Nl => format!("{} past niet bij `{kind}`", name(*input)),
            Lang::En => format!("{} does not apply to `{kind}`", name(*input)),
        },
        EventError::Required { input, kind } => match lang() {
            Lang::Nl => format!("{} is nodig voor `{kind}`", name(*input)),
            Lang::En => format!("{} is required for `{kind}`", name(*input)),
        },
        EventError::OutcomeRequired { kind, choices } => {
            let (o, choices) = (name(Input::Outcome), choices.join(", "));
            match lang() {
                Lang::Nl => format!("{o} is nodig voor `{kind}`: kies uit {choices}"),
                Lang::En => format!("{o} is required for `{kind}`: choose from {choices}"),
            }
        }
        EventError::NotAChoice {
            input,
            value,
            choices,
        } => {
            let (n, choices) = (name(*input), choices.join(", "));
            match lang() {
                Lang::Nl => format!("{n} `{value}`: kies uit {choices}"),
                Lang::En => format!("{n} `{value}`: choose from {choices}"),
            }
        }
        EventError::UntilBeforeDate { until, date: at } => {
            let (u, d) = (name(Input::Until), name(Input::Date));
            match lang() {
                Lang::Nl => format!("{u} {} ligt voor {d} {}", date(*until), date(*at)),
                Lang::En => format!("{u} {} is before {d} {}", date(*until), date(*at)),
            }
        }
        EventError::HoursOutOfRange { hours } => match lang() {
            Lang::Nl => {
                format!("ongeldig aantal uren {hours}: moet groter dan 0 en hoogstens 24 zijn")
            }
            Lang::En => format!("invalid hours {hours}: must be more than 0 and at most 24"),
        },
        EventError::HoursAndUntil => {
            let (h, u) = (name(Input::Hours), name(Input::Until));
            match lang() {
                Lang::Nl => format!(
                    "gebruik {h} voor een deel van een dag of {u} voor hele dagen, niet beide"
                ),
                Lang::En => format!("use {h} for part of a day or {u} for whole days, not both"),
            }
        }
    }
}

/// One line about a correction that cannot be made.
pub fn correction_error(e: &CorrectionError, name: Namer) -> String {
    match e {
        CorrectionError::NoSuchEvent { text, case } => match lang() {
            Lang::Nl => format!("geen gebeurtenis `{text}` in dossier {case}"),
            Lang::En => format!("no event `{text}` in case {case}"),
        },
        CorrectionError::AmbiguousEvent { text, matches } => match lang() {
            Lang::Nl => format!(
                "`{text}` past op meer gebeurtenissen ({})",
                matches.join(", ")
            ),
            Lang::En => format!(
                "`{text}` matches more than one event ({})",
                matches.join(", ")
            ),
        },
        CorrectionError::Withdrawn => t(
            "een ingetrokken gebeurtenis kan niet meer worden gewijzigd",
            "a withdrawn event can no longer be changed",
        )
        .into(),
        CorrectionError::AlreadyWithdrawn => t(
            "deze gebeurtenis is al ingetrokken",
            "this event is already withdrawn",
        )
        .into(),
        CorrectionError::Input(e) => input_error(e, name),
    }
}

/// One line about a doubtful event (see `domain::plausible`).
pub fn doubt(d: &Doubt) -> String {
    match (d, nl()) {
        (Doubt::BeforeBirth { date: at, birth }, true) => format!(
            "datum {} ligt voor de geboortedatum {}",
            date(*at),
            date(*birth)
        ),
        (Doubt::BeforeBirth { date: at, birth }, false) => format!(
            "date {} is before the birth date {}",
            date(*at),
            date(*birth)
        ),
        (Doubt::FarFuture { date: at, limit }, true) => format!(
            "datum {} ligt meer dan een jaar na vandaag (uiterlijk {})",
            date(*at),
            date(*limit)
        ),
        (Doubt::FarFuture { date: at, limit }, false) => format!(
            "date {} is more than a year after today (at most {})",
            date(*at),
            date(*limit)
        ),
        (Doubt::NoSchoolDay { date: at }, true) => format!(
            "{} is geen schooldag (weekend of vakantie) voor ongeoorloofd verzuim",
            date(*at)
        ),
        (Doubt::NoSchoolDay { date: at }, false) => format!(
            "{} is no school day (weekend or holiday) for unauthorised absence",
            date(*at)
        ),
        (Doubt::HoursAboveDay { hours, day }, true) => {
            format!("{hours} lesuren is meer dan een schooldag heeft: {day}")
        }
        (Doubt::HoursAboveDay { hours, day }, false) => {
            format!("{hours} lesson hours is more than a school day has: {day}")
        }
    }
}

/// Why a case was not checked.
pub fn unchecked(u: &Unchecked) -> String {
    match (u, nl()) {
        (Unchecked::UnknownProtocol(p), true) => {
            format!("niet gecontroleerd: onbekend protocol `{p}`")
        }
        (Unchecked::UnknownProtocol(p), false) => format!("unchecked: unknown protocol `{p}`"),
        (Unchecked::BrokenProtocol(p), true) => {
            format!("niet gecontroleerd: protocol `{p}` is kapot")
        }
        (Unchecked::BrokenProtocol(p), false) => format!("unchecked: protocol `{p}` is broken"),
    }
}

impl fmt::Display for Unchecked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&unchecked(self))
    }
}

/// What is wrong in a file, in words.
pub fn file_message(m: &FileMessage) -> &str {
    match m {
        FileMessage::Text(text) => text,
        FileMessage::ConflictMarkers => t(
            "bevat git-conflictmarkeringen (van een merge buiten verzuim): kies per blok één kant, verwijder de markeringen en probeer opnieuw",
            "contains git conflict markers (from a merge outside verzuim): keep one side of each block, remove the markers and try again",
        ),
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.column,
            file_message(&self.message)
        )
    }
}

/// The label of a kind in the interface language: from the given
/// vocabulary (a protocol's own kinds), else the base one, else the id.
pub fn kind_label(kind: &str, vocabulary: &[KindSpec]) -> String {
    kind_labels(kind, vocabulary).map_or_else(|| kind.to_string(), |(n, e)| t(n, e).to_string())
}

/// An event's fields after kind and date, for one line of a timeline:
/// " t/m 05-11-2026 3 uur [verschenen] <action>".
pub fn event_details(e: &Event) -> String {
    let mut text = String::new();
    if let Some(u) = e.until {
        text += &format!(" t/m {}", date(u));
    }
    if let Some(h) = e.hours {
        text += &format!(" {h} {}", t("uur", "h"));
    }
    if let Some(o) = &e.outcome {
        text += &format!(" [{o}]");
    }
    // Each field by its label in the interface language ("Reden: ..."), not
    // by its file key: the timeline is read by people, the file by verzuim.
    let mut parts = Vec::new();
    for f in Field::ALL.into_iter().filter(|f| *f != Field::Action) {
        let value = match f {
            Field::Due => e.due.map(|d| date(d).to_string()),
            Field::By => e.by.map(|b| {
                let nl = format!("{} {}", b.amount, b.unit.dutch(b.amount));
                t(&nl, &b.to_string()).to_string()
            }),
            // A letter's hash in full is noise on screen; the file and
            // --json keep all 64 digits for checking.
            Field::Sha256 => f.get(e).map(|h| match h.get(..12) {
                Some(short) if h.len() > 12 => format!("{short}…"),
                _ => h,
            }),
            _ => f.get(e),
        };
        if let Some(v) = value {
            let (nl, en) = f.labels();
            parts.push(format!("{}: {v}", t(nl, en)));
        }
    }
    if !parts.is_empty() {
        text += &format!(" {}", parts.join("; "));
    }
    if let Some(a) = &e.action {
        text += &format!(" {a}");
    }
    if let Some(r) = &e.withdrawn {
        text += &format!(" [{}: {r}]", t("ingetrokken", "withdrawn"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_named_by_their_label_or_their_id() {
        super::super::set_lang(Lang::Nl);
        assert_eq!(
            kind_label("uitnodiging-jgz", &[]),
            "Uitnodiging JGZ verstuurd"
        );
        assert_eq!(kind_label("onbekend", &[]), "onbekend");
    }
}
