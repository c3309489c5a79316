//! `report thuiszitters --json`: counts only, or (`--named`) per case
//! with names, marked confidential.

use super::{Date, date};
use crate::domain::report::thuiszitters::{self as tz, Change};
use serde::Serialize;
use std::collections::BTreeMap;

/// The document of `report thuiszitters --json`: without `--named`
/// `{"date", "previous", "summary", "vertrouwelijk": false}`; with it
/// `{"overview", "vertrouwelijk": true}`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Thuiszitters<'a> {
    /// Counts only: no personal data.
    Counts {
        /// The overview's date (`--date`, default today).
        date: Date,
        /// The date of the saved overview compared with; `null` if none.
        previous: Option<Date>,
        summary: Summary<'a>,
        /// `false`.
        vertrouwelijk: bool,
    },
    /// Per case, with names.
    Named {
        overview: Overview<'a>,
        /// `true`: the document holds personal data.
        vertrouwelijk: bool,
    },
}

impl<'a> Thuiszitters<'a> {
    pub fn new(o: &'a tz::Overview, named: bool) -> Self {
        if named {
            Thuiszitters::Named {
                overview: Overview::from(o),
                vertrouwelijk: true,
            }
        } else {
            Thuiszitters::Counts {
                date: Date(o.date),
                previous: date(o.previous),
                summary: Summary::from(&o.summary),
                vertrouwelijk: false,
            }
        }
    }
}

/// The counts of the overview.
#[derive(Serialize)]
pub struct Summary<'a> {
    /// Thuiszitters in this overview and in the previous one.
    pub continuing: usize,
    /// The median length in school weeks; `null` when there are none.
    pub median_school_weeks: Option<f64>,
    /// Thuiszitters not in the previous overview.
    pub new: usize,
    pub over_three_months: usize,
    /// Per category id of `reports/thuiszitters.toml`.
    pub per_category: &'a BTreeMap<String, usize>,
    /// Per regional type of the protocol's classification (`-`: none).
    pub per_type: &'a BTreeMap<String, usize>,
    /// In the previous overview, no thuiszitter now.
    pub resolved: usize,
    pub total: usize,
}

impl<'a> From<&'a tz::Summary> for Summary<'a> {
    fn from(s: &'a tz::Summary) -> Self {
        Summary {
            continuing: s.continuing,
            median_school_weeks: s.median_school_weeks,
            new: s.new,
            over_three_months: s.over_three_months,
            per_category: &s.per_category,
            per_type: &s.per_type,
            resolved: s.resolved,
            total: s.total,
        }
    }
}

/// The overview per case (`--named`).
#[derive(Serialize)]
pub struct Overview<'a> {
    pub date: Date,
    /// The date of the saved overview compared with; `null` if none.
    pub previous: Option<Date>,
    /// Case ids of the previous overview that are no thuiszitter now.
    pub resolved: &'a [String],
    pub rows: Vec<Row<'a>>,
    pub summary: Summary<'a>,
}

impl<'a> From<&'a tz::Overview> for Overview<'a> {
    fn from(o: &'a tz::Overview) -> Self {
        Overview {
            date: Date(o.date),
            previous: date(o.previous),
            resolved: &o.resolved,
            rows: o.rows.iter().map(Row::from).collect(),
            summary: Summary::from(&o.summary),
        }
    }
}

/// One thuiszitter (personal data).
#[derive(Serialize)]
pub struct Row<'a> {
    /// The case id.
    pub case: &'a str,
    /// The category id (`reports/thuiszitters.toml`).
    pub category: &'a str,
    pub category_label: &'a str,
    /// `new` or `continuing` (compared with the previous overview).
    pub change: &'static str,
    /// The colour of `regional_type`; may be null.
    pub colour: Option<&'a str>,
    /// May be null.
    pub gemeente: Option<&'a str>,
    /// The latest step taken; may be null.
    pub last_step: Option<Step<'a>>,
    /// Who leads the case (its owner); may be null.
    pub lead: Option<&'a str>,
    /// The DUO report; may be null.
    pub melding: Option<Melding<'a>>,
    pub name: &'a str,
    /// The open action due first; may be null.
    pub next_step: Option<NextStep<'a>>,
    /// The offer of education or care; may be null.
    pub offer: Option<Step<'a>>,
    pub over_three_months: bool,
    /// The protocol id.
    pub protocol: &'a str,
    /// The protocol's own classification (e.g. Utrecht West types 1-7);
    /// may be null.
    pub regional_type: Option<&'a str>,
    pub school: &'a str,
    /// The absence so far in school weeks.
    pub school_weeks: u32,
    /// The day the absence began.
    pub since: Date,
}

impl<'a> From<&'a tz::Row> for Row<'a> {
    fn from(r: &'a tz::Row) -> Self {
        Row {
            case: &r.case,
            category: &r.category,
            category_label: &r.category_label,
            change: match r.change {
                Change::New => "new",
                Change::Continuing => "continuing",
            },
            colour: r.colour.as_deref(),
            gemeente: r.gemeente.as_deref(),
            last_step: r.last_step.as_ref().map(Step::from),
            lead: r.lead.as_deref(),
            melding: r.melding.as_ref().map(|m| Melding {
                date: Date(m.date),
                soort: m.soort.as_deref(),
                status: m.status.as_deref(),
            }),
            name: &r.name,
            next_step: r.next_step.as_ref().map(|n| NextStep {
                due: Date(n.due),
                role: &n.role,
                title: &n.title,
            }),
            offer: r.offer.as_ref().map(Step::from),
            over_three_months: r.over_three_months,
            protocol: &r.protocol,
            regional_type: r.regional_type.as_deref(),
            school: &r.school,
            school_weeks: r.school_weeks,
            since: Date(r.since),
        }
    }
}

/// A dated step in a case: an event's kind id and date.
#[derive(Serialize)]
pub struct Step<'a> {
    pub date: Date,
    pub kind: &'a str,
}

impl<'a> From<&'a tz::Step> for Step<'a> {
    fn from(s: &'a tz::Step) -> Self {
        Step {
            date: Date(s.date),
            kind: &s.kind,
        }
    }
}

/// The open action due first.
#[derive(Serialize)]
pub struct NextStep<'a> {
    pub due: Date,
    /// The role that must do it.
    pub role: &'a str,
    pub title: &'a str,
}

/// The DUO report.
#[derive(Serialize)]
pub struct Melding<'a> {
    pub date: Date,
    /// The kind of report (`16u4w`, `lrv`, `luxe`, `overig`, `18plus`);
    /// may be null.
    pub soort: Option<&'a str>,
    /// `nieuw`, `in-behandeling` or `afgehandeld`; may be null.
    pub status: Option<&'a str>,
}
