//! The command line's words for domain errors: inputs are named by their
//! flag (`--date`); the sentences themselves are shared (`i18n::words`).

use crate::domain::errors::{CorrectionError, EventError, Input, InputError};
use crate::i18n;

/// An input as the command line names it: its flag.
pub fn flag(input: Input) -> String {
    format!("--{}", input.key())
}

pub fn input_error(e: &InputError) -> String {
    i18n::input_error(e, &flag)
}

pub fn event_error(e: &EventError) -> String {
    i18n::event_error(e, &flag)
}

pub fn correction_error(e: &CorrectionError) -> String {
    i18n::correction_error(e, &flag)
}

/// A date typed for a flag only the command line has (`--today`, `--from`).
pub fn not_a_date(flag: &str, text: &str) -> String {
    i18n::not_a_date(flag, text)
}

/// A typed-input error as the command line reports it.
pub fn input(e: InputError) -> crate::store::StoreError {
    super::user(input_error(&e))
}

/// A correction error as the command line reports it.
pub fn correction(e: CorrectionError) -> crate::store::StoreError {
    super::user(correction_error(&e))
}
