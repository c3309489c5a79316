//! Confidential compartments (issue 15) as data: `compartments.toml` names
//! each compartment (at least `jgz`), its recipients' public keys, the
//! organisation's recovery key, and which fields of which event kinds are
//! sealed. Kind, date, outcome and `advice` always stay readable: the
//! engine and leerplicht need them. Pure: parsing, the choice of what to
//! seal, and showing a case with sealed values opened or masked.

use crate::domain::case::Case;
use crate::domain::event::{Event, Field};
use crate::domain::seal;
use crate::domain::textpos::{self, FileError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The file in the repository.
pub const FILE: &str = "compartments.toml";

/// A data key of one case and compartment, wrapped with age to every
/// recipient (`[keys.<kid>]` in a case file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyBlock {
    pub compartment: String,
    /// Set by `keys rotate`: no new value is sealed with it; old ones
    /// still open.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    /// The age file (binary, base64) holding the 32-byte key.
    pub wrapped: String,
}

/// A public key with a label (who it is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    pub label: String,
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compartment {
    #[serde(skip)]
    pub id: String,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub recipients: Vec<Recipient>,
    /// Kind -> the fields sealed in it.
    #[serde(default)]
    pub sealed: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compartments {
    /// The organisation's recovery recipient: every key is wrapped to it.
    #[serde(default)]
    pub recovery: Option<Recipient>,
    #[serde(default)]
    pub compartments: BTreeMap<String, Compartment>,
}

/// The fields that may be sealed: the note and free-text fields. Kind,
/// date, outcome and `advice` drive rules or are meant to be shared.
pub fn sealable(field: &str) -> bool {
    field == "note"
        || Field::ALL.iter().any(|f| {
            f.name() == field && f.values().is_empty() && !matches!(f, Field::Advice | Field::Days)
        })
}

/// A text field of an event by name (`note` or a free-text field).
pub fn get_text(e: &Event, field: &str) -> Option<String> {
    if field == "note" {
        return e.note.clone();
    }
    Field::ALL
        .iter()
        .find(|f| f.name() == field)
        .and_then(|f| f.get(e))
}

/// Sets a text field of an event by name.
pub fn set_text(e: &mut Event, field: &str, value: Option<String>) {
    if field == "note" {
        e.note = value;
    } else if let Some(f) = Field::ALL.iter().find(|f| f.name() == field) {
        // Text fields accept any string; `days` is never sealable.
        let _ = f.set(e, value.as_deref());
    }
}

impl Compartments {
    /// Parses and checks `compartments.toml`; errors name file:line:column.
    pub fn parse(file: &str, text: &str) -> Result<Compartments, FileError> {
        if let Some(at) = text.find("AGE-SECRET-KEY-") {
            return Err(textpos::at(
                file,
                text,
                Some(at..at),
                // File checks speak English, like the protocol checks.
                "a secret key in the file: remove it (only public keys belong here) and replace it",
            ));
        }
        let mut c: Compartments =
            toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))?;
        let at = |needle: &str, msg: String| {
            let o = text.find(needle);
            textpos::at(file, text, o.map(|o| o..o), &msg)
        };
        for (id, comp) in c.compartments.iter_mut() {
            comp.id = id.clone();
            for (kind, fields) in &comp.sealed {
                if let Some(f) = fields.iter().find(|f| !sealable(f)) {
                    return Err(at(
                        &format!("\"{f}\""),
                        format!(
                            "{kind}: `{f}` cannot be sealed (kind, date, outcome and advice stay readable)"
                        ),
                    ));
                }
            }
        }
        let keys = c.recovery.iter().chain(
            c.compartments
                .values()
                .flat_map(|comp| comp.recipients.iter()),
        );
        for r in keys {
            if !public_key_shape(&r.key) {
                return Err(at(
                    &r.key,
                    format!(
                        "key of `{}`: not a public age or ssh key (age1..., ssh-ed25519 ..., ssh-rsa ...)",
                        r.label
                    ),
                ));
            }
        }
        Ok(c)
    }

    /// The compartment that seals `field` of events of `kind`.
    pub fn sealing(&self, kind: &str, field: &str) -> Option<&Compartment> {
        self.compartments.values().find(|c| {
            c.sealed
                .get(kind)
                .is_some_and(|f| f.iter().any(|f| f == field))
        })
    }

    /// The fields of `event` that must be sealed now: sealed for its kind,
    /// given, still plain and new or changed against `before`. (A plain
    /// value already on disk before the compartment existed is left to
    /// `keys seal-existing`.)
    pub fn to_seal<'a>(
        &'a self,
        before: Option<&Event>,
        event: &Event,
    ) -> Vec<(String, &'a Compartment)> {
        let mut out = Vec::new();
        for comp in self.compartments.values() {
            for field in comp.sealed.get(event.kind.as_str()).into_iter().flatten() {
                let Some(value) = get_text(event, field) else {
                    continue;
                };
                let old = before.and_then(|b| get_text(b, field));
                if !seal::is_sealed(&value) && old.as_deref() != Some(value.as_str()) {
                    out.push((field.clone(), comp));
                }
            }
        }
        out
    }

    /// Every plain value of a sealed field in a case (for `seal-existing`).
    pub fn plain_values(&self, case: &Case) -> Vec<(String, String, &Compartment)> {
        let mut out = Vec::new();
        for (id, e) in &case.events {
            for (field, comp) in self.to_seal(None, e) {
                out.push((id.to_string(), field, comp));
            }
        }
        out
    }
}

/// Whether a key looks like a public age X25519 or ssh key.
pub fn public_key_shape(key: &str) -> bool {
    let k = key.trim();
    (k.starts_with("age1") && k.len() == 62)
        || k.starts_with("ssh-ed25519 AAAA")
        || k.starts_with("ssh-rsa AAAA")
}

/// What someone without the key sees instead of a sealed value, in both
/// languages the word of the issue and the professionals ("vertrouwelijk
/// (jgz)"): it stands in the data where the value would be.
pub fn masked(compartment: &str) -> String {
    format!("vertrouwelijk ({compartment})")
}

/// The names of every text field an event has.
fn text_fields() -> impl Iterator<Item = &'static str> {
    std::iter::once("note").chain(
        Field::ALL
            .iter()
            .filter(|f| !matches!(f, Field::Days))
            .map(|f| f.name()),
    )
}

/// The compartments of the sealed values in a case (to say what is hidden).
pub fn sealed_in(case: &Case) -> bool {
    case.events
        .values()
        .any(|e| text_fields().any(|f| get_text(e, f).is_some_and(|v| seal::is_sealed(&v))))
}

// Showing sealed values to a reader (opened or masked) and wiping the
// opened copy: a part of this module, in its own file.
#[path = "compartments_reveal.rs"]
mod reveal;
pub use reveal::{
    keep_sealed, reveal, reveal_conflict, reveal_diff, unopened, wipe, wipe_conflict,
};

#[cfg(test)]
#[path = "compartments_tests.rs"]
mod tests;
