//! Which field of a form: a typed key, so a misspelt field does not
//! compile (a string key silently read as empty). An event kind's own
//! fields are the vocabulary's `Field`, so they stay typed as data.

use crate::domain::errors::Input;
use crate::domain::event::Field as EventField;

/// A field of a TUI form. `Event` is an extra field of an event kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKey {
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
    Gemeente,
    Owner,
    /// Why an event is withdrawn.
    Reason,
    Event(EventField),
}

impl FieldKey {
    /// Its label (Dutch, English).
    pub fn labels(self) -> (&'static str, &'static str) {
        match self {
            FieldKey::Kind => ("Soort", "Kind"),
            FieldKey::Date => ("Datum", "Date"),
            FieldKey::Until => ("Tot en met", "Until"),
            FieldKey::Hours => ("Lesuren", "Hours"),
            FieldKey::Outcome => ("Uitkomst", "Outcome"),
            FieldKey::Note => ("Notitie", "Note"),
            FieldKey::Name => ("Naam", "Name"),
            FieldKey::Birth => ("Geboortedatum", "Birth date"),
            FieldKey::School => ("School", "School"),
            FieldKey::Level => ("Niveau", "Level"),
            FieldKey::Protocol => ("Protocol", "Protocol"),
            FieldKey::Gemeente => ("Gemeente", "Municipality"),
            FieldKey::Owner => ("Eigenaar", "Owner"),
            FieldKey::Reason => ("Reden", "Reason"),
            FieldKey::Event(f) => f.labels(),
        }
    }

    /// The field a typed input was read from (`None`: no form asks it).
    pub fn of_input(input: Input) -> Option<FieldKey> {
        Some(match input {
            Input::Kind => FieldKey::Kind,
            Input::Date => FieldKey::Date,
            Input::Until => FieldKey::Until,
            Input::Hours => FieldKey::Hours,
            Input::Outcome => FieldKey::Outcome,
            Input::Note => FieldKey::Note,
            Input::Name => FieldKey::Name,
            Input::Birth => FieldKey::Birth,
            Input::School => FieldKey::School,
            Input::Level => FieldKey::Level,
            Input::Protocol => FieldKey::Protocol,
            Input::Reason => FieldKey::Reason,
            Input::Field(f) => FieldKey::Event(f),
            Input::PupilNumber => return None,
        })
    }

    /// An event's field as the domain names it (a correction's changed
    /// or sealed fields): the key of the edit form's field.
    pub fn of_event_name(name: &str) -> Option<FieldKey> {
        [
            FieldKey::Date,
            FieldKey::Until,
            FieldKey::Hours,
            FieldKey::Outcome,
            FieldKey::Note,
        ]
        .into_iter()
        .chain(EventField::ALL.map(FieldKey::Event))
        .find(|k| k.input().is_some_and(|i| i.key() == name))
    }

    /// The typed input this field is (`None`: only the form has it).
    fn input(self) -> Option<Input> {
        Some(match self {
            FieldKey::Kind => Input::Kind,
            FieldKey::Date => Input::Date,
            FieldKey::Until => Input::Until,
            FieldKey::Hours => Input::Hours,
            FieldKey::Outcome => Input::Outcome,
            FieldKey::Note => Input::Note,
            FieldKey::Name => Input::Name,
            FieldKey::Birth => Input::Birth,
            FieldKey::School => Input::School,
            FieldKey::Level => Input::Level,
            FieldKey::Protocol => Input::Protocol,
            FieldKey::Reason => Input::Reason,
            FieldKey::Event(f) => Input::Field(f),
            FieldKey::Gemeente | FieldKey::Owner => return None,
        })
    }
}
