//! The 8-weekly thuiszitters overview (seed 004 bijlage 2): per case its
//! category, regional type and colour, since when and how long, the DUO
//! melding, offer, lead, last and next step; a summary; and what changed
//! since the previous overview.

use super::defs::{DefSet, ThuiszitterDefs};
use super::snapshot::{self, Diff};
use crate::domain::calendar::SchoolCalendar;
use crate::domain::case::Case;
use crate::domain::caseload::Caseload;
use crate::domain::engine;
use crate::domain::event::Event;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The event kind of a DUO melding at leerplicht.
const MELDING: &str = "melding-leerplicht";

/// Which cases the overview covers.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The SWV, by its protocol id (a regional protocol is its SWV's).
    pub swv: Option<String>,
    pub gemeente: Option<String>,
}

impl Filter {
    fn admits(&self, case: &Case) -> bool {
        let same = |want: &Option<String>, have: Option<&str>| {
            want.as_deref()
                .is_none_or(|w| have.is_some_and(|h| h.eq_ignore_ascii_case(w)))
        };
        same(&self.swv, Some(&case.protocol)) && same(&self.gemeente, case.gemeente.as_deref())
    }
}

/// A dated step in a case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub kind: String,
    pub date: NaiveDate,
}

/// The open action due first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStep {
    pub title: String,
    pub role: String,
    pub due: NaiveDate,
}

/// The DUO melding: its date, and its soort and status once events carry them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Melding {
    pub date: NaiveDate,
    pub soort: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    New,
    Continuing,
}

/// One thuiszitter (personal data: only in the named variant).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub case: String,
    pub name: String,
    pub school: String,
    pub gemeente: Option<String>,
    pub protocol: String,
    pub category: String,
    pub category_label: String,
    /// The protocol's own classification (Utrecht West types 1-7).
    pub regional_type: Option<String>,
    pub colour: Option<String>,
    pub since: NaiveDate,
    pub school_weeks: u32,
    pub over_three_months: bool,
    pub melding: Option<Melding>,
    pub offer: Option<Step>,
    pub lead: Option<String>,
    pub last_step: Option<Step>,
    pub next_step: Option<NextStep>,
    pub change: Change,
}

/// Counts only: the aggregate variant holds nothing else.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub total: usize,
    pub per_category: BTreeMap<String, usize>,
    pub per_type: BTreeMap<String, usize>,
    pub new: usize,
    pub continuing: usize,
    pub resolved: usize,
    pub over_three_months: usize,
    pub median_school_weeks: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    pub date: NaiveDate,
    /// The date of the overview compared with, if any.
    pub previous: Option<NaiveDate>,
    pub summary: Summary,
    pub rows: Vec<Row>,
    /// Ids in the previous overview that are no thuiszitter now.
    pub resolved: Vec<String>,
}

impl Overview {
    /// The ids to keep as this overview's snapshot.
    pub fn ids(&self) -> BTreeSet<String> {
        self.rows.iter().map(|r| r.case.clone()).collect()
    }
}

/// Computes the overview of the open cases on `date`, compared with the
/// previous overview's ids (`previous`: its date and ids).
pub fn compute(
    caseload: &Caseload,
    defs: &ThuiszitterDefs,
    filter: &Filter,
    date: NaiveDate,
    previous: Option<(NaiveDate, &BTreeSet<String>)>,
) -> Overview {
    let mut rows: Vec<Row> = caseload
        .cases
        .iter()
        .filter(|c| c.is_open() && filter.admits(c))
        .filter_map(|c| row(caseload, defs.for_protocol(&c.protocol), c, date))
        .collect();
    rows.sort_by(|a, b| a.since.cmp(&b.since).then_with(|| a.case.cmp(&b.case)));
    let now: BTreeSet<String> = rows.iter().map(|r| r.case.clone()).collect();
    let diff = snapshot::diff(previous.map(|(_, ids)| ids), &now);
    for r in &mut rows {
        if diff.continuing.contains(&r.case) {
            r.change = Change::Continuing;
        }
    }
    Overview {
        date,
        previous: previous.map(|(d, _)| d),
        summary: summarise(&rows, &diff),
        resolved: diff.resolved.into_iter().collect(),
        rows,
    }
}

fn row(caseload: &Caseload, set: &DefSet, case: &Case, date: NaiveDate) -> Option<Row> {
    let protocol = caseload.library.protocols.get(&case.protocol)?;
    let cal = caseload.calendars.for_case(case, Some(protocol));
    let category = engine::classify_by(case, protocol, cal, date, &set.scheme())?;
    let eval = engine::evaluate(case, protocol, cal, date);
    let known: Vec<(&str, &Event)> = case
        .events_by_date()
        .into_iter()
        // A withdrawn event counts for nothing (issue 14).
        .filter(|(_, e)| e.date <= date && e.withdrawn.is_none())
        .collect();
    let latest = |pick: &dyn Fn(&Event) -> bool| {
        known
            .iter()
            .rev()
            .find(|(_, e)| pick(e))
            .map(|(_, e)| Step {
                kind: e.kind.to_string(),
                date: e.date,
            })
    };
    let since = category.since;
    Some(Row {
        case: case.id.to_string(),
        name: case.name.clone(),
        school: case.school.clone(),
        gemeente: case.gemeente.clone(),
        protocol: case.protocol.clone(),
        category_label: set.label(&category.label),
        category: category.label,
        regional_type: eval.class.as_ref().map(|c| c.label.clone()),
        colour: eval.class.as_ref().and_then(|c| c.colour.clone()),
        since,
        school_weeks: school_weeks(cal, since, date),
        over_three_months: cal.reached(since, set.long, false) <= date,
        melding: known
            .iter()
            .rev()
            .find(|(_, e)| e.kind == MELDING)
            .map(|(_, e)| melding(e)),
        offer: latest(&|e| set.offer_kinds.iter().any(|k| k == e.kind.as_str())),
        lead: case.owner.clone(),
        last_step: latest(&|e| !set.not_steps.iter().any(|k| k == e.kind.as_str())),
        next_step: eval.next_due().map(|a| NextStep {
            title: a.title.clone(),
            role: a.role.to_string(),
            due: a.due,
        }),
        change: Change::New,
    })
}

/// School weeks from the week of `since` to the week of `date`, both counted.
fn school_weeks(cal: &SchoolCalendar, since: NaiveDate, date: NaiveDate) -> u32 {
    (cal.school_week_rank(date) + 1).saturating_sub(cal.school_week_rank(since))
}

/// The melding with its DUO soort and status as recorded (issue 14's
/// fields); unknown stays none, never guessed.
fn melding(e: &Event) -> Melding {
    Melding {
        date: e.date,
        soort: e.soort.clone(),
        status: e.status.clone(),
    }
}

fn summarise(rows: &[Row], diff: &Diff) -> Summary {
    let mut s = Summary {
        total: rows.len(),
        new: diff.new.len(),
        continuing: diff.continuing.len(),
        resolved: diff.resolved.len(),
        ..Summary::default()
    };
    for r in rows {
        *s.per_category.entry(r.category.clone()).or_default() += 1;
        let ty = r.regional_type.clone().unwrap_or_else(|| "-".into());
        *s.per_type.entry(ty).or_default() += 1;
        s.over_three_months += usize::from(r.over_three_months);
    }
    let weeks: Vec<u32> = rows.iter().map(|r| r.school_weeks).collect();
    s.median_school_weeks = super::median(&weeks);
    s
}
