//! The definitions of the thuiszitters overview as data
//! (`reports/thuiszitters.toml`): categories, thresholds and which kinds
//! are an offer or a step, per set of protocols.

use crate::domain::protocol::{ClassDef, Classification};
use crate::domain::textpos::{self, FileError};
use crate::domain::units::Span;
use serde::Deserialize;

pub const THUISZITTERS_FILE: &str = "reports/thuiszitters.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThuiszitterDefs {
    pub source: String,
    pub sets: Vec<DefSet>,
}

/// Definitions for the cases of some protocols (none listed: the rest).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefSet {
    #[serde(default)]
    pub protocols: Vec<String>,
    /// How long a case must run to carry the "> 3 months" flag.
    pub long: Span,
    #[serde(default)]
    pub offer_kinds: Vec<String>,
    #[serde(default)]
    pub not_steps: Vec<String>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub label: String,
    pub events: Vec<String>,
    #[serde(default)]
    pub open_ended: Option<bool>,
    #[serde(default)]
    pub at_least: Option<Span>,
    #[serde(default)]
    pub below: Option<Span>,
    pub source: String,
}

impl ThuiszitterDefs {
    pub fn parse(file: &str, text: &str) -> Result<Self, FileError> {
        let defs: ThuiszitterDefs =
            toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))?;
        if !defs.sets.iter().any(|s| s.protocols.is_empty()) {
            return Err(textpos::at(
                file,
                text,
                None,
                "no set with `protocols = []` (the definitions for every other case)",
            ));
        }
        Ok(defs)
    }

    /// The set for a protocol: the one that lists it, else the default.
    pub fn for_protocol(&self, protocol: &str) -> &DefSet {
        self.sets
            .iter()
            .find(|s| s.protocols.iter().any(|p| p == protocol))
            .or_else(|| self.sets.iter().find(|s| s.protocols.is_empty()))
            // `parse` refuses definitions without a default set.
            .unwrap_or(&self.sets[0])
    }
}

impl DefSet {
    /// The categories as a classification the engine can run; each class's
    /// label is the category id.
    pub fn scheme(&self) -> Classification {
        Classification {
            name: "thuiszitters".into(),
            source: String::new(),
            classes: self
                .categories
                .iter()
                .map(|c| ClassDef {
                    label: c.id.clone(),
                    colour: None,
                    events: c.events.clone(),
                    open_ended: c.open_ended,
                    at_least: c.at_least,
                    below: c.below,
                })
                .collect(),
        }
    }

    pub fn label(&self, category: &str) -> String {
        self.categories
            .iter()
            .find(|c| c.id == category)
            .map_or_else(|| category.to_string(), |c| c.label.clone())
    }
}
