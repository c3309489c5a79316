//! The M@ZL figures: registrations at the jeugdarts per school and
//! trigger, the share within each norm, consult attendance, and sick
//! reports in the weeks before and after the consult. Counts only: never a
//! note's content.

use crate::domain::calendar::SchoolCalendar;
use crate::domain::case::Case;
use crate::domain::caseload::Caseload;
use crate::domain::engine;
use crate::domain::event::Event;
use crate::domain::textpos::{self, FileError};
use crate::domain::units::{Span, Unit};
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const FILE: &str = "reports/mazl.toml";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MazlDefs {
    pub source: String,
    pub registration: String,
    pub consult: String,
    pub attended: String,
    pub sick: String,
    pub sick_window: Span,
    pub sick_window_source: String,
    pub norms: Vec<Norm>,
    /// Kinds whose `advice` field holds the jeugdarts' conclusion.
    #[serde(default)]
    pub advice_from: Vec<String>,
    /// The conclusion's categories (feedback form, seed 004).
    #[serde(default)]
    pub advice: Vec<AdviceCategory>,
}

/// One category of advice, counted when the advice's first word is its id.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdviceCategory {
    pub id: String,
    pub label: String,
    pub source: String,
}

/// Advice whose first word is no category: counted, never shown.
pub const ADVICE_OTHER: &str = "overig";
/// A registration without advice (yet).
pub const ADVICE_NONE: &str = "geen";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Norm {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub from: Vec<String>,
    #[serde(default)]
    pub from_outcomes: Vec<String>,
    pub to: Vec<String>,
    /// Rule ids whose action, marked done (`verzuim done`), also meets the
    /// norm: the step recorded as "done" instead of as its own event.
    #[serde(default)]
    pub to_actions: Vec<String>,
    #[serde(default)]
    pub within: Option<Span>,
    pub source: String,
}

impl Norm {
    /// Whether `e` is the step this norm waits for.
    fn reached_by(&self, e: &Event) -> bool {
        self.to.iter().any(|k| k == e.kind.as_str())
            || (e.kind == crate::domain::event::DONE_KIND
                && e.action.as_deref().is_some_and(|a| {
                    self.to_actions.iter().any(|r| {
                        a == r
                            || a.strip_prefix(r.as_str())
                                .is_some_and(|t| t.starts_with('-'))
                    })
                }))
    }
}

impl MazlDefs {
    pub fn parse(file: &str, text: &str) -> Result<Self, FileError> {
        let defs: MazlDefs =
            toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))?;
        if !matches!(defs.sick_window.unit, Unit::Days | Unit::Weeks) {
            return Err(textpos::at(
                file,
                text,
                None,
                "sick_window: unit must be days or weeks",
            ));
        }
        Ok(defs)
    }

    fn window_days(&self) -> u64 {
        let w = u64::from(self.sick_window.amount);
        if self.sick_window.unit == Unit::Weeks {
            7 * w
        } else {
            w
        }
    }
}

/// Which registrations count.
#[derive(Debug, Clone)]
pub struct Filter {
    pub school: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// How many registrations met a norm, of how many it applied to.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NormCount {
    pub met: usize,
    pub of: usize,
}

impl NormCount {
    pub fn share(&self) -> Option<f64> {
        (self.of > 0).then(|| 100.0 * self.met as f64 / self.of as f64)
    }
}

/// The figures of one school and trigger (or of all, in the total).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub registrations: usize,
    /// Per norm id, in the order of the definitions.
    pub norms: BTreeMap<String, NormCount>,
    /// Consults after a registration, per outcome.
    pub consults: BTreeMap<String, usize>,
    /// Registrations per advice category (`overig`, `geen` included).
    pub advice: BTreeMap<String, usize>,
    /// Attended consults whose window after has passed: only these count
    /// sick reports, so before and after compare like with like.
    pub sick_consults: usize,
    pub sick_before: usize,
    pub sick_after: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub school: String,
    /// The signal rule that held when the pupil was registered ("-": none).
    pub trigger: String,
    pub figures: Figures,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mazl {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub rows: Vec<Row>,
    pub total: Figures,
}

pub fn compute(caseload: &Caseload, defs: &MazlDefs, filter: &Filter) -> Mazl {
    let mut groups: BTreeMap<(String, String), Figures> = BTreeMap::new();
    let mut total = Figures::default();
    for case in &caseload.cases {
        let school_ok = filter
            .school
            .as_deref()
            .is_none_or(|s| s.eq_ignore_ascii_case(&case.school));
        let Some(protocol) = caseload.library.protocols.get(&case.protocol) else {
            continue;
        };
        if !school_ok {
            continue;
        }
        let cal = caseload.calendars.for_case(case, Some(protocol));
        let history = engine::evaluate(case, protocol, cal, filter.to).history;
        for (trigger, figures) in registrations(case, cal, defs, filter, &history) {
            let key = (case.school.clone(), trigger);
            add(groups.entry(key).or_default(), &figures);
            add(&mut total, &figures);
        }
    }
    let rows = groups
        .into_iter()
        .map(|((school, trigger), figures)| Row {
            school,
            trigger,
            figures,
        })
        .collect();
    Mazl {
        from: filter.from,
        to: filter.to,
        rows,
        total,
    }
}

fn add(into: &mut Figures, f: &Figures) {
    into.registrations += f.registrations;
    for (id, n) in &f.norms {
        let c = into.norms.entry(id.clone()).or_default();
        c.met += n.met;
        c.of += n.of;
    }
    for (o, n) in &f.consults {
        *into.consults.entry(o.clone()).or_default() += n;
    }
    for (a, n) in &f.advice {
        *into.advice.entry(a.clone()).or_default() += n;
    }
    into.sick_consults += f.sick_consults;
    into.sick_before += f.sick_before;
    into.sick_after += f.sick_after;
}

/// Each registration of the case in the period, with its trigger and figures.
fn registrations(
    case: &Case,
    cal: &SchoolCalendar,
    defs: &MazlDefs,
    filter: &Filter,
    history: &[engine::Signal],
) -> Vec<(String, Figures)> {
    let events: Vec<&Event> = case
        .events_by_date()
        .into_iter()
        .map(|(_, e)| e)
        // A withdrawn event counts for nothing (issue 14).
        .filter(|e| e.date <= filter.to && e.withdrawn.is_none())
        .collect();
    let starts: Vec<NaiveDate> = events
        .iter()
        .filter(|e| e.kind == defs.registration)
        .map(|e| e.date)
        .collect();
    let mut out = Vec::new();
    for (i, &reg) in starts.iter().enumerate() {
        if reg < filter.from || reg > filter.to {
            continue;
        }
        // A registration's events run until the next registration.
        let end = starts.get(i + 1).copied().unwrap_or(NaiveDate::MAX);
        let own: Vec<&Event> = events
            .iter()
            .copied()
            .filter(|e| e.date >= reg && e.date < end)
            .collect();
        let trigger = history
            .iter()
            .rev()
            .find(|s| s.since <= reg)
            .map_or_else(|| "-".to_string(), |s| s.rule.clone());
        let figures = figures(&events, &own, reg, cal, defs, filter.to);
        out.push((trigger, figures));
    }
    out
}

fn figures(
    all: &[&Event],
    own: &[&Event],
    reg: NaiveDate,
    cal: &SchoolCalendar,
    defs: &MazlDefs,
    to: NaiveDate,
) -> Figures {
    let mut f = Figures {
        registrations: 1,
        ..Figures::default()
    };
    for norm in &defs.norms {
        let start = if norm.from.is_empty() {
            Some(reg)
        } else {
            own.iter()
                .find(|e| {
                    norm.from.iter().any(|k| k == e.kind.as_str())
                        && (norm.from_outcomes.is_empty()
                            || e.outcome
                                .as_ref()
                                .is_some_and(|o| norm.from_outcomes.contains(o)))
                })
                .map(|e| e.date)
        };
        let c = f.norms.entry(norm.id.clone()).or_default();
        let Some(start) = start else { continue };
        c.of += 1;
        let done = own
            .iter()
            .find(|e| e.date >= start && norm.reached_by(e))
            .map(|e| e.date);
        c.met +=
            usize::from(done.is_some_and(|d| norm.within.is_none_or(|w| d <= cal.add(start, w))));
    }
    for e in own.iter().filter(|e| e.kind == defs.consult) {
        let outcome = e.outcome.clone().unwrap_or_else(|| "-".into());
        *f.consults.entry(outcome).or_default() += 1;
    }
    let attended = own
        .iter()
        .find(|e| e.kind == defs.consult && e.outcome.as_deref() == Some(defs.attended.as_str()));
    *f.advice.entry(advice(own, defs)).or_default() += 1;
    let w = Days::new(defs.window_days());
    let after_of = |d: NaiveDate| d.checked_add_days(w).unwrap_or(NaiveDate::MAX);
    // The window after must have passed by the report's end.
    if let Some(consult) = attended.filter(|c| after_of(c.date) <= to) {
        f.sick_consults = 1;
        let before = consult.date.checked_sub_days(w).unwrap_or(NaiveDate::MIN);
        let after = after_of(consult.date);
        let sick = all.iter().filter(|e| e.kind == defs.sick);
        for e in sick {
            f.sick_before += usize::from(e.date >= before && e.date < consult.date);
            f.sick_after += usize::from(e.date > consult.date && e.date <= after);
        }
    }
    f
}

/// The registration's advice category: of its latest event with advice,
/// the first word when it names a category, else `overig`; none: `geen`.
/// The advice's text itself never leaves this function.
fn advice(own: &[&Event], defs: &MazlDefs) -> String {
    let Some(text) = own
        .iter()
        .rev()
        .filter(|e| defs.advice_from.iter().any(|k| k == e.kind.as_str()))
        .find_map(|e| e.advice.as_deref())
    else {
        return ADVICE_NONE.into();
    };
    let word = text
        .trim()
        .split(|c: char| c.is_whitespace() || c == ':' || c == ',' || c == ';')
        .next()
        .unwrap_or("")
        .to_lowercase();
    defs.advice
        .iter()
        .find(|a| a.id == word)
        .map_or_else(|| ADVICE_OTHER.to_string(), |a| a.id.clone())
}
