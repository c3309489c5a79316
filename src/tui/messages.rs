//! The TUI's words for what goes wrong in a form: inputs are named by the
//! label of the field a person typed into ('Datum'), never by a flag.

use super::form::{FieldKey, Form};
use crate::domain::errors::{Input, InputError};
use crate::i18n::{self, Lang, date, lang, t};
use chrono::NaiveDate;

/// Why a form cannot be saved.
#[derive(Debug, Clone, PartialEq)]
pub enum FormError {
    Input(InputError),
    /// An action cannot be done on a date after today.
    AfterToday(NaiveDate),
    /// An edit that changes nothing.
    NothingChanged,
    /// A correction of an event the domain refused.
    Correction(crate::domain::errors::CorrectionError),
    /// A refusal already worded for both front ends (`words.rs`).
    Text(String),
    /// The form lacks a field its change needs (a bug, said as one).
    NoField(FieldKey),
}

impl From<InputError> for FormError {
    fn from(e: InputError) -> Self {
        FormError::Input(e)
    }
}

impl Form {
    /// An input as this form names it: its field's label, quoted.
    pub fn name_of(&self, input: Input) -> String {
        let field = FieldKey::of_input(input).and_then(|k| self.fields.iter().find(|f| f.key == k));
        match field {
            Some(f) => format!("'{}'", f.label()),
            None => format!("'{}'", input.key()),
        }
    }

    /// Why this form cannot be saved, in its own words.
    pub fn form_error(&self, e: &FormError) -> String {
        match e {
            FormError::Input(e) => i18n::input_error(e, &|input| self.name_of(input)),
            FormError::AfterToday(d) => match lang() {
                Lang::Nl => format!(
                    "{} {}: ligt na vandaag",
                    self.name_of(Input::Date),
                    date(*d)
                ),
                Lang::En => format!("{} {}: is after today", self.name_of(Input::Date), date(*d)),
            },
            FormError::NothingChanged => t("niets gewijzigd", "nothing changed").into(),
            FormError::Correction(e) => i18n::correction_error(e, &|input| self.name_of(input)),
            FormError::Text(s) => s.clone(),
            FormError::NoField(key) => {
                let (nl, en) = key.labels();
                match lang() {
                    Lang::Nl => format!("dit formulier mist het veld '{nl}'"),
                    Lang::En => format!("this form lacks the field '{en}'"),
                }
            }
        }
    }
}
