//! Protocols as data: the file format of `protocols/*.toml` (this module),
//! and the resolved, validated form the engine runs ([`resolve`]).
//!
//! A protocol names rules with stable ids; every window and deadline has an
//! explicit unit; a regional protocol `extends` another and may replace or
//! disable its rules by id. Numbers live here, never in code.

mod check;
mod kind;
pub use check::escalate_message;
pub mod resolve;
pub mod role;

pub use kind::RuleKind;
pub use resolve::{KindFilter, ResolvedProtocol, Rule, RuleBody, TermSource, Trigger, resolve_all};
pub use role::Role;

use crate::domain::textpos::{self, FileError};
use crate::domain::units::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// A protocol file as written.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProtocolFile {
    pub id: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub extends: Option<Spanned<String>>,
    /// The document this protocol transcribes.
    pub source: String,
    #[serde(default)]
    pub description: Option<String>,
    /// The holiday region its schools are in, unless a case says otherwise.
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub params: Params,
    #[serde(default)]
    pub kinds: Vec<KindDef>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    #[serde(default)]
    pub classification: Option<Classification>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
}

/// Numbers that are not rules but that rules use.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Params {
    /// Lesson hours in a whole school day, per level (`default` for the rest):
    /// turns whole days of unauthorised absence into hours.
    #[serde(default)]
    pub lesson_hours_per_day: BTreeMap<String, f64>,
}

/// An event kind a protocol adds to the base vocabulary.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KindDef {
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub until: bool,
    #[serde(default)]
    pub outcomes: Vec<String>,
}

/// Whom to contact for a role, optionally per municipality.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub role: Role,
    #[serde(default)]
    pub gemeente: Option<String>,
    pub name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub source: String,
}

/// A classification of a case by the length of an ongoing absence
/// (Utrecht West's thuiszitter types with their colours).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Classification {
    pub name: String,
    pub source: String,
    /// Tried in order; the first class that holds today is the case's class.
    pub classes: Vec<ClassDef>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClassDef {
    pub label: String,
    #[serde(default)]
    pub colour: Option<String>,
    /// Event kinds whose ongoing period puts a case in this class.
    pub events: Vec<String>,
    /// Only periods without an end date (true) or only with one (false).
    #[serde(default)]
    pub open_ended: Option<bool>,
    /// The period has lasted at least this long.
    #[serde(default)]
    pub at_least: Option<Span>,
    /// The period has lasted less than this.
    #[serde(default)]
    pub below: Option<Span>,
}

/// One rule as written; which fields apply depends on `kind`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDef {
    pub id: Spanned<String>,
    pub kind: Spanned<String>,
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub owner: Option<Spanned<String>>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// Why a choice was made where the source is ambiguous.
    #[serde(default)]
    pub note: Option<String>,
    /// `"local"` when no source states the term: a local default.
    #[serde(default)]
    pub term_source: Option<Spanned<String>>,
    #[serde(default)]
    pub levels: Vec<Spanned<String>>,
    // Signal rules.
    #[serde(default)]
    pub events: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub outcomes: Vec<String>,
    #[serde(default)]
    pub threshold: Option<Spanned<f64>>,
    #[serde(default)]
    pub every: bool,
    #[serde(default)]
    pub more_than: bool,
    #[serde(default)]
    pub window: Option<Span>,
    #[serde(default)]
    pub length: Option<Span>,
    #[serde(default)]
    pub reset_by: Vec<String>,
    #[serde(default)]
    pub unless: Vec<String>,
    #[serde(default)]
    pub active_for: Option<Span>,
    // Deadline rules.
    #[serde(default)]
    pub after: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub after_outcomes: Vec<String>,
    #[serde(default)]
    pub after_signal: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub due: Option<Span>,
    #[serde(default)]
    pub not_before: Option<Span>,
    #[serde(default)]
    pub when_lasting: Option<Span>,
    #[serde(default)]
    pub after_with_until: bool,
    #[serde(default)]
    pub satisfied_by: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    pub satisfied_outcomes: Vec<String>,
    #[serde(default)]
    pub repeat: bool,
    /// `{ after = "5 schooldagen", to = "teamleider" }`: an overdue action
    /// past `after` produces an action for `to`.
    #[serde(default)]
    pub escalate: Option<Spanned<crate::domain::workflow::EscalateDef>>,
    /// A consent scope (`toestemming`) the action needs, e.g.
    /// "terugkoppeling-school" for a feedback "na toestemming".
    #[serde(default)]
    pub needs_consent: Option<Spanned<String>>,
}

/// A parsed protocol file with its name and text kept for error positions.
#[derive(Debug, Clone)]
pub struct SourcedProtocol {
    pub file: String,
    pub text: String,
    pub def: ProtocolFile,
}

impl SourcedProtocol {
    pub fn id(&self) -> &str {
        self.def.id.get_ref()
    }

    /// An error at a span of this protocol's text.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: &str) -> FileError {
        textpos::at(&self.file, &self.text, Some(span), message)
    }
}

/// Parses a protocol file's text; errors carry file, line and column.
pub fn parse(file: &str, text: &str) -> Result<SourcedProtocol, FileError> {
    if let Some(e) = textpos::conflict_markers(file, text) {
        return Err(e);
    }
    let def: ProtocolFile = toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))?;
    Ok(SourcedProtocol {
        file: file.to_string(),
        text: text.to_string(),
        def,
    })
}
