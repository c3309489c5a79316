//! `report jaar --json` and `report mazl --json` (the thuiszitters
//! overview: `thuiszitters.rs`). Reports are printed indented by two
//! spaces, keys sorted as everywhere.

use super::Date;
use crate::domain::report::jaar::{Jaar as DomainJaar, JaarRow as DomainJaarRow};
use crate::domain::report::jaar_defs::Measure;
use crate::domain::report::mazl::{Figures as DomainFigures, Mazl as DomainMazl, NormCount};
use serde::Serialize;
use std::collections::BTreeMap;

/// The document of `report jaar SCHOOLJAAR --json`.
#[derive(Serialize)]
pub struct Jaar<'a> {
    /// The day the figures are known on: the year's last day, or today
    /// while the year runs.
    pub as_of: Date,
    /// The school year's first day (1 August).
    pub from: Date,
    /// `--gemeente`; `null` for all cases.
    pub gemeente: Option<&'a str>,
    /// One per row of `reports/jaar.toml`, in its order.
    pub rows: Vec<JaarRow<'a>>,
    /// `"2025-2026"`.
    pub schooljaar: &'a str,
    /// The school year's last day (31 July).
    pub to: Date,
}

/// One row of the yearly figures.
#[derive(Serialize)]
pub struct JaarRow<'a> {
    /// What is counted: `meldingen` (events or periods), `leerlingen`
    /// (distinct cases) or `dagen` (days).
    pub count: &'static str,
    /// The row's id in `reports/jaar.toml` (the form's line).
    pub id: &'a str,
    pub label: &'a str,
    /// Per level: `po`, `vo`, `mbo`, `so`, every one present.
    pub per_level: &'a BTreeMap<String, u64>,
    pub section: &'a str,
    pub total: u64,
}

impl<'a> From<&'a DomainJaar> for Jaar<'a> {
    fn from(j: &'a DomainJaar) -> Self {
        Jaar {
            as_of: Date(j.as_of),
            from: Date(j.from),
            gemeente: j.gemeente.as_deref(),
            rows: j.rows.iter().map(JaarRow::from).collect(),
            schooljaar: &j.schooljaar,
            to: Date(j.to),
        }
    }
}

impl<'a> From<&'a DomainJaarRow> for JaarRow<'a> {
    fn from(r: &'a DomainJaarRow) -> Self {
        JaarRow {
            count: match r.count {
                Measure::Meldingen => "meldingen",
                Measure::Leerlingen => "leerlingen",
                Measure::Dagen => "dagen",
            },
            id: &r.id,
            label: &r.label,
            per_level: &r.per_level,
            section: &r.section,
            total: r.total,
        }
    }
}

/// The document of `report mazl --json`.
#[derive(Serialize)]
pub struct Mazl<'a> {
    /// The first registration date counted.
    pub from: Date,
    /// Per school and trigger, by school then trigger.
    pub rows: Vec<MazlRow<'a>>,
    /// The last registration date counted.
    pub to: Date,
    /// Over every row.
    pub total: Figures<'a>,
}

/// The figures of one school and trigger.
#[derive(Serialize)]
pub struct MazlRow<'a> {
    pub figures: Figures<'a>,
    pub school: &'a str,
    /// The signal rule that held when the pupil was registered (`-`: none).
    pub trigger: &'a str,
}

/// M@ZL figures: counts of registrations, never names, notes or advice
/// text.
#[derive(Serialize)]
pub struct Figures<'a> {
    /// Registrations per advice category (`overig` and `geen` included).
    pub advice: &'a BTreeMap<String, usize>,
    /// Consults after a registration, per outcome.
    pub consults: &'a BTreeMap<String, usize>,
    /// Per norm id of `reports/mazl.toml`.
    pub norms: BTreeMap<&'a str, Norm>,
    pub registrations: usize,
    /// Sick reports in the weeks after the attended consult.
    pub sick_after: usize,
    /// Sick reports in the weeks before the attended consult.
    pub sick_before: usize,
    /// Attended consults whose window after has passed by `to`: only these
    /// count sick reports.
    pub sick_consults: usize,
}

/// How many registrations met a norm, of how many it applied to.
#[derive(Serialize)]
pub struct Norm {
    pub met: usize,
    pub of: usize,
}

impl<'a> From<&'a DomainMazl> for Mazl<'a> {
    fn from(m: &'a DomainMazl) -> Self {
        Mazl {
            from: Date(m.from),
            rows: m
                .rows
                .iter()
                .map(|r| MazlRow {
                    figures: Figures::from(&r.figures),
                    school: &r.school,
                    trigger: &r.trigger,
                })
                .collect(),
            to: Date(m.to),
            total: Figures::from(&m.total),
        }
    }
}

impl<'a> From<&'a DomainFigures> for Figures<'a> {
    fn from(f: &'a DomainFigures) -> Self {
        let norm = |n: &NormCount| Norm {
            met: n.met,
            of: n.of,
        };
        Figures {
            advice: &f.advice,
            consults: &f.consults,
            norms: f
                .norms
                .iter()
                .map(|(id, n)| (id.as_str(), norm(n)))
                .collect(),
            registrations: f.registrations,
            sick_after: f.sick_after,
            sick_before: f.sick_before,
            sick_consults: f.sick_consults,
        }
    }
}
