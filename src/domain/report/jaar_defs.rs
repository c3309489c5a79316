//! The layout of the yearly figures as data (`reports/jaar.toml`): one row
//! per line of the DUO / OCW form, each saying what it counts, so a new
//! year's form is a new file. Checked on load: every error names
//! file:line:column.

use crate::domain::case::Level;
use crate::domain::event::{MELDING_SOORTEN, base_vocabulary};
use crate::domain::textpos::{self, FileError};
use crate::domain::units::Span;
use crate::domain::vocabulary::{
    CONSULT_OUTCOMES, VERLOF_OUTCOMES, VRIJSTELLING_ARTIKEL, ZORGMELDING_TO,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use toml::Spanned;

pub const FILE: &str = "reports/jaar.toml";

/// A filter value meaning "the field is not filled in".
pub const UNSET: &str = "-";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JaarDefs {
    pub source: String,
    pub rows: Vec<RowDef>,
}

/// What a row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Events (or, in a duration row, absence periods).
    Meldingen,
    /// Pupils: distinct cases.
    Leerlingen,
    /// Days: the `days` field, else the school days from date to until.
    Dagen,
}

/// Which part of the school year a row looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum When {
    /// Dated in the year; a period that overlaps it.
    #[default]
    InJaar,
    /// A period still running on the year's last day (or the report date).
    EindeJaar,
    /// A period that ended within the year.
    Beeindigd,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowDef {
    pub id: Spanned<String>,
    pub section: String,
    pub label: String,
    pub count: Measure,
    pub kinds: Vec<Spanned<String>>,
    #[serde(default)]
    pub when: When,
    #[serde(default)]
    pub soort: Vec<Spanned<String>>,
    #[serde(default)]
    pub artikel: Vec<Spanned<String>>,
    #[serde(default)]
    pub outcome: Vec<Spanned<String>>,
    #[serde(default)]
    pub to: Vec<Spanned<String>>,
    #[serde(default)]
    pub level: Vec<Level>,
    #[serde(default)]
    pub after: Vec<Spanned<String>>,
    #[serde(default)]
    pub unless_after: Vec<Spanned<String>>,
    #[serde(default)]
    pub at_least: Option<Span>,
    #[serde(default)]
    pub below: Option<Span>,
    pub source: String,
}

impl RowDef {
    /// A duration row counts absence periods, not events.
    pub fn is_duration(&self) -> bool {
        self.at_least.is_some() || self.below.is_some()
    }

    pub fn kind_ids(&self) -> Vec<String> {
        self.kinds.iter().map(|k| k.get_ref().clone()).collect()
    }
}

/// Whether an event field passes a row's filter (empty: any value; `-`
/// matches a field not filled in).
pub fn admits(filter: &[Spanned<String>], value: Option<&str>) -> bool {
    filter.is_empty()
        || filter.iter().any(|f| match value {
            Some(v) => f.get_ref() == v,
            None => f.get_ref() == UNSET,
        })
}

impl JaarDefs {
    /// Parses and checks a layout. `known_kinds` are the kind ids of the
    /// protocol library (the base vocabulary is always known).
    pub fn parse(file: &str, text: &str, known_kinds: &[String]) -> Result<Self, FileError> {
        let defs: JaarDefs =
            toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))?;
        let err = |s: &Spanned<String>, msg: String| textpos::at(file, text, Some(s.span()), &msg);
        let mut kinds: BTreeSet<String> = base_vocabulary().into_iter().map(|k| k.id).collect();
        kinds.extend(known_kinds.iter().cloned());
        let mut ids = BTreeSet::new();
        for row in &defs.rows {
            if !ids.insert(row.id.get_ref().clone()) {
                return Err(err(&row.id, format!("row id `{}` twice", row.id.get_ref())));
            }
            if row.kinds.is_empty() {
                return Err(err(&row.id, "row without kinds".into()));
            }
            for k in row.kinds.iter().chain(&row.after).chain(&row.unless_after) {
                if !kinds.contains(k.get_ref()) {
                    return Err(err(k, format!("unknown event kind `{}`", k.get_ref())));
                }
            }
            let choices: [(&[Spanned<String>], &[&str]); 4] = [
                (&row.soort, &MELDING_SOORTEN),
                (&row.artikel, &VRIJSTELLING_ARTIKEL),
                (&row.outcome, &ALL_OUTCOMES),
                (&row.to, &ZORGMELDING_TO),
            ];
            for (values, allowed) in choices {
                for v in values {
                    let v_ref = v.get_ref().as_str();
                    if v_ref != UNSET && !allowed.contains(&v_ref) {
                        let list = allowed.join(", ");
                        return Err(err(
                            v,
                            format!("unknown value `{v_ref}`; choose from {list} or -"),
                        ));
                    }
                }
            }
            if row.is_duration() && (row.count == Measure::Dagen || has_event_filter(row)) {
                return Err(err(
                    &row.id,
                    "a duration row (at_least/below) counts meldingen or leerlingen, without soort, artikel, outcome, to, after or unless_after".into(),
                ));
            }
        }
        Ok(defs)
    }
}

const ALL_OUTCOMES: [&str; 5] = [
    VERLOF_OUTCOMES[0],
    VERLOF_OUTCOMES[1],
    CONSULT_OUTCOMES[0],
    CONSULT_OUTCOMES[1],
    CONSULT_OUTCOMES[2],
];

fn has_event_filter(row: &RowDef) -> bool {
    [
        &row.soort,
        &row.artikel,
        &row.outcome,
        &row.to,
        &row.after,
        &row.unless_after,
    ]
    .iter()
    .any(|f| !f.is_empty())
}
