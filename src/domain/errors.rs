//! Typed errors of typed input: what went wrong, with the values, never
//! worded here. Each front end words them in its own terms (the CLI names
//! flags, `--date`; the TUI names form fields, 'Datum'), see
//! `cli/messages.rs` and `tui/messages.rs`.

use crate::domain::vocabulary::Field;
use chrono::NaiveDate;

/// Which thing a person typed: a flag on the command line, a field in a form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Kind,
    Date,
    Until,
    Hours,
    Outcome,
    Note,
    Name,
    Birth,
    School,
    Level,
    Protocol,
    PupilNumber,
    Reason,
    /// An extra field of an event (to, school, reason, days, ...).
    Field(Field),
}

impl Input {
    /// Its key: the flag without `--` and the form field's key.
    pub fn key(self) -> &'static str {
        match self {
            Input::Kind => "kind",
            Input::Date => "date",
            Input::Until => "until",
            Input::Hours => "hours",
            Input::Outcome => "outcome",
            Input::Note => "note",
            Input::Name => "name",
            Input::Birth => "birth",
            Input::School => "school",
            Input::Level => "level",
            Input::Protocol => "protocol",
            Input::PupilNumber => "leerlingnummer",
            Input::Reason => "reason",
            Input::Field(f) => f.name(),
        }
    }
}

/// An event that does not fit its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum EventError {
    /// The kind does not take this input at all.
    DoesNotApply {
        input: Input,
        kind: String,
    },
    /// The kind needs this input.
    Required {
        input: Input,
        kind: String,
    },
    /// An outcome is required and must be one of `choices`.
    OutcomeRequired {
        kind: String,
        choices: Vec<String>,
    },
    /// A choice input got a value outside its list.
    NotAChoice {
        input: Input,
        value: String,
        choices: Vec<String>,
    },
    UntilBeforeDate {
        until: NaiveDate,
        date: NaiveDate,
    },
    HoursOutOfRange {
        hours: f64,
    },
    HoursAndUntil,
}

/// Typed text that cannot become a domain value.
#[derive(Debug, Clone, PartialEq)]
pub enum InputError {
    NotADate {
        input: Input,
        text: String,
    },
    NotANumber {
        input: Input,
        text: String,
    },
    NotAPositiveWholeNumber {
        input: Input,
        text: String,
    },
    /// A duration needs an amount and a unit ("5 schooldagen").
    NotADuration {
        input: Input,
        text: String,
    },
    Empty {
        input: Input,
    },
    UnknownKind {
        kind: String,
        known: Vec<String>,
    },
    /// Unauthorised absence counts lesson hours or whole days: one of both.
    NeedsHoursOrUntil {
        kind: String,
    },
    BadPupilNumber {
        text: String,
    },
    BirthInFuture {
        birth: NaiveDate,
    },
    UnknownLevel {
        text: String,
    },
    Event(EventError),
}

impl From<EventError> for InputError {
    fn from(e: EventError) -> Self {
        InputError::Event(e)
    }
}

/// A correction that cannot be made.
#[derive(Debug, Clone, PartialEq)]
pub enum CorrectionError {
    NoSuchEvent { text: String, case: String },
    AmbiguousEvent { text: String, matches: Vec<String> },
    Withdrawn,
    AlreadyWithdrawn,
    Input(InputError),
}

impl From<InputError> for CorrectionError {
    fn from(e: InputError) -> Self {
        CorrectionError::Input(e)
    }
}

impl From<EventError> for CorrectionError {
    fn from(e: EventError) -> Self {
        CorrectionError::Input(InputError::Event(e))
    }
}
