//! A whole caseload: the cases with their protocols and calendars, each
//! case evaluated (in parallel), and the lists a person works from: overdue
//! first, then due soon.

use crate::domain::calendar::{CalendarFile, Region, SchoolCalendar, SchoolOverride};
use crate::domain::case::Case;
use crate::domain::engine::{self, Action, ActionStatus, DaySpan, Evaluation};
use crate::domain::protocol::ResolvedProtocol;
use crate::domain::protocol::resolve::Library;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Calendars for every region and for each school with its own exceptions.
pub struct CalendarSet {
    default_region: Region,
    regions: HashMap<Region, SchoolCalendar>,
    schools: HashMap<String, SchoolCalendar>,
    overrides: BTreeMap<String, SchoolOverride>,
}

impl CalendarSet {
    pub fn new(
        files: &[CalendarFile],
        overrides: BTreeMap<String, SchoolOverride>,
        default_region: Region,
    ) -> Self {
        let regions = [Region::Noord, Region::Midden, Region::Zuid]
            .into_iter()
            .map(|r| (r, SchoolCalendar::build(files, r, None)))
            .collect();
        let schools = overrides
            .iter()
            .map(|(name, o)| {
                (
                    name.clone(),
                    SchoolCalendar::build(files, o.region.unwrap_or(default_region), Some(o)),
                )
            })
            .collect();
        CalendarSet {
            default_region,
            regions,
            schools,
            overrides,
        }
    }

    /// The region a case's school is in: the case's own, its school's, its
    /// protocol's, else the repository default.
    pub fn region_for(&self, case: &Case, protocol: Option<&ResolvedProtocol>) -> Region {
        case.region
            .or_else(|| self.overrides.get(&case.school).and_then(|o| o.region))
            .or_else(|| protocol.and_then(|p| p.region))
            .unwrap_or(self.default_region)
    }

    /// Whether holiday data was loaded for the school year of `date` (without
    /// it, school days and weeks skip weekends only).
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.regions[&self.default_region].covers(date)
    }

    pub fn for_case(&self, case: &Case, protocol: Option<&ResolvedProtocol>) -> &SchoolCalendar {
        if case.region.is_none()
            && let Some(c) = self.schools.get(&case.school)
        {
            return c;
        }
        &self.regions[&self.region_for(case, protocol)]
    }
}

/// Why a case could not be checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Unchecked {
    UnknownProtocol(String),
    BrokenProtocol(String),
}

pub type CaseCheck = Result<Evaluation, Unchecked>;

pub struct Caseload {
    pub cases: Vec<Case>,
    pub library: Library,
    pub calendars: CalendarSet,
}

impl Caseload {
    pub fn evaluate(&self, case: &Case, today: NaiveDate) -> CaseCheck {
        let protocol = self.protocol_of(case)?;
        Ok(engine::evaluate(
            case,
            protocol,
            self.calendars.for_case(case, Some(protocol)),
            today,
        ))
    }

    /// As [`Caseload::evaluate`], with the days on which the case's
    /// evaluation comes out the same as on `today` (with the same case file
    /// and rules): what `overdue` keeps its results for.
    pub fn evaluate_spanned(&self, case: &Case, today: NaiveDate) -> (CaseCheck, DaySpan) {
        let protocol = match self.protocol_of(case) {
            Ok(p) => p,
            // Which protocols there are does not change with the day.
            Err(e) => return (Err(e), DaySpan::ALWAYS),
        };
        let cal = self.calendars.for_case(case, Some(protocol));
        let (evaluation, span) = engine::evaluate_spanned(case, protocol, cal, today);
        (Ok(evaluation), span)
    }

    /// The case's resolved protocol, or why there is none.
    fn protocol_of(&self, case: &Case) -> Result<&ResolvedProtocol, Unchecked> {
        self.library.protocols.get(&case.protocol).ok_or_else(|| {
            if self.library.broken.contains_key(&case.protocol) {
                Unchecked::BrokenProtocol(case.protocol.clone())
            } else {
                Unchecked::UnknownProtocol(case.protocol.clone())
            }
        })
    }

    /// Every case evaluated, in the order of `cases`.
    pub fn evaluate_all(&self, today: NaiveDate) -> Vec<CaseCheck> {
        self.cases
            .par_iter()
            .map(|c| self.evaluate(c, today))
            .collect()
    }
}

/// One open action of the caseload, for the overdue and today lists.
#[derive(Debug, Clone, PartialEq)]
pub struct DueItem<'a> {
    pub case: &'a Case,
    pub action: &'a Action,
    pub days_overdue: i64,
}

/// Open actions of open cases: overdue (oldest due first), then those due
/// within `horizon` days.
pub fn due_list<'a>(
    cases: &'a [Case],
    checks: &'a [CaseCheck],
    today: NaiveDate,
    horizon: i64,
) -> Vec<DueItem<'a>> {
    let mut items: Vec<DueItem> = cases
        .iter()
        .zip(checks)
        .filter(|(c, _)| c.is_open())
        .filter_map(|(c, check)| check.as_ref().ok().map(|e| (c, e)))
        .flat_map(|(case, eval)| {
            eval.open_actions()
                .filter(move |a| {
                    a.status == ActionStatus::Overdue || (a.due - today).num_days() <= horizon
                })
                .map(move |action| DueItem {
                    case,
                    action,
                    days_overdue: action.days_overdue(today),
                })
        })
        .collect();
    items.sort_by(|a, b| {
        a.action
            .due
            .cmp(&b.action.due)
            .then_with(|| a.case.id.cmp(&b.case.id))
            .then_with(|| a.action.id.cmp(&b.action.id))
    });
    items
}

/// Only the overdue ones, oldest due first.
pub fn overdue<'a>(
    cases: &'a [Case],
    checks: &'a [CaseCheck],
    today: NaiveDate,
) -> Vec<DueItem<'a>> {
    let mut v = due_list(cases, checks, today, -1);
    v.retain(|i| i.action.status == ActionStatus::Overdue);
    v
}
