//! The command line's words for domain errors: inputs are named by their
//! flag (`--date`); the sentences themselves are shared (`i18n::words`).
//! Also the CLI's own typed errors (`ProtocolError`) and `user`, the
//! constructor of a user error (exit status 1).

use crate::domain::errors::{CorrectionError, EventError, Input, InputError};
use crate::domain::textpos::FileError;
use crate::i18n;
use crate::store::StoreError;

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
pub fn input(e: InputError) -> StoreError {
    user(input_error(&e))
}

/// A correction error as the command line reports it.
pub fn correction(e: CorrectionError) -> StoreError {
    user(correction_error(&e))
}

/// A user error (exit status 1): bad input, nothing changed.
pub fn user(msg: impl Into<String>) -> StoreError {
    StoreError::User(msg.into())
}

/// Why the protocol a command needs cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum ProtocolError {
    /// No protocol has this id; `known` are the ids that do exist (empty
    /// when they are not worth listing).
    Unknown { id: String, known: Vec<String> },
    /// The protocol's file does not check; its first error, if known.
    Broken {
        id: String,
        first: Option<FileError>,
    },
}

pub fn protocol_error(e: &ProtocolError) -> String {
    use ProtocolError::{Broken, Unknown};
    use i18n::Lang::{En, Nl};
    match (e, i18n::lang()) {
        (Unknown { id, known }, Nl) if known.is_empty() => format!("onbekend protocol `{id}`"),
        (Unknown { id, known }, En) if known.is_empty() => format!("unknown protocol `{id}`"),
        (Unknown { id, known }, Nl) => format!("onbekend protocol `{id}` ({})", known.join(", ")),
        (Unknown { id, known }, En) => format!("unknown protocol `{id}` ({})", known.join(", ")),
        (Broken { id, first: None }, Nl) => format!("protocol `{id}` is kapot"),
        (Broken { id, first: None }, En) => format!("protocol `{id}` is broken"),
        (Broken { id, first: Some(f) }, Nl) => format!("protocol `{id}` is kapot: {f}"),
        (Broken { id, first: Some(f) }, En) => format!("protocol `{id}` is broken: {f}"),
    }
}

/// A protocol error as the command line reports it: an unknown id was
/// typed (exit status 1), a broken file is the repository's (2).
pub fn protocol(e: ProtocolError) -> StoreError {
    match e {
        ProtocolError::Unknown { .. } => user(protocol_error(&e)),
        ProtocolError::Broken { .. } => StoreError::Repo(protocol_error(&e)),
    }
}

pub fn unknown_action(text: &str) -> String {
    match i18n::lang() {
        i18n::Lang::Nl => format!("onbekende actie `{text}`"),
        i18n::Lang::En => format!("unknown action `{text}`"),
    }
}

pub fn ambiguous_action(text: &str) -> String {
    match i18n::lang() {
        i18n::Lang::Nl => format!("`{text}` is niet eenduidig; gebruik het volledige actie-id"),
        i18n::Lang::En => format!("`{text}` is ambiguous; use the full action id"),
    }
}

/// No home folder to find the default repository folder in.
pub fn no_home() -> StoreError {
    user(i18n::t(
        "geen thuismap gevonden: geef de dossiermap met --dir of $VERZUIM_DIR",
        "no home folder found: give the case folder with --dir or $VERZUIM_DIR",
    ))
}
