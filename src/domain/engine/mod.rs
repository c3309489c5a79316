//! The protocol engine: from a case's events, its protocol and its school
//! calendar, compute the signals that hold, the actions that are open,
//! overdue or done, and the case's classification. Pure: `today` is a
//! parameter and events after `today` are not yet known.

mod actions;
mod classify;
mod deadlines;
mod signals;
mod timeline;
mod today;

pub use classify::ClassResult;
pub use deadlines::Shift;
pub use timeline::Period;
pub use today::DaySpan;
use today::Today;

use crate::domain::calendar::SchoolCalendar;
use crate::domain::case::Case;
use crate::domain::protocol::{ResolvedProtocol, Role};
use chrono::NaiveDate;
use serde::Serialize;

/// A rule whose threshold the case crossed, with the date it (last) held.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    pub rule: String,
    pub since: NaiveDate,
    pub message: String,
    pub owner: Role,
    /// Its window is a local default that no source states.
    pub local_term: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActionStatus {
    Overdue,
    Open,
    Done,
}

impl ActionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::Overdue => "overdue",
            ActionStatus::Done => "done",
        }
    }
}

/// Something someone must do by a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Action {
    /// Stable within the case: rule id plus what triggered it.
    pub id: crate::domain::ids::ActionId,
    pub rule: String,
    pub title: String,
    pub role: Role,
    pub triggered: NaiveDate,
    pub due: NaiveDate,
    pub status: ActionStatus,
    pub done_on: Option<NaiveDate>,
    /// Its term is a local default that no source states.
    pub local_term: bool,
    /// Pauses and extensions that moved its due date, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shifts: Vec<Shift>,
    /// For an escalation: the action that stayed overdue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation_of: Option<crate::domain::ids::ActionId>,
    /// For an action that needs consent: whether it is on record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent: Option<crate::domain::consent::ConsentCheck>,
}

impl Action {
    /// A pause of the case holds this deadline today.
    pub fn paused(&self) -> bool {
        self.shifts
            .iter()
            .any(|s| matches!(s, Shift::Pause { ongoing: true, .. }))
    }

    /// Days past the due date (0 when not overdue).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        if self.status == ActionStatus::Overdue {
            (today - self.due).num_days().max(0)
        } else {
            0
        }
    }
}

/// Everything the engine derives for one case on one day.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evaluation {
    /// Signals that hold today, one per rule.
    pub signals: Vec<Signal>,
    /// Every time a signal rule fired, oldest first.
    pub history: Vec<Signal>,
    pub actions: Vec<Action>,
    pub class: Option<ClassResult>,
}

impl Evaluation {
    pub fn open_actions(&self) -> impl Iterator<Item = &Action> {
        self.actions
            .iter()
            .filter(|a| a.status != ActionStatus::Done)
    }

    /// The open action due first.
    pub fn next_due(&self) -> Option<&Action> {
        self.open_actions().min_by_key(|a| a.due)
    }
}

/// Evaluates one case against its resolved protocol on `today`.
pub fn evaluate(
    case: &Case,
    protocol: &ResolvedProtocol,
    cal: &SchoolCalendar,
    today: NaiveDate,
) -> Evaluation {
    evaluate_spanned(case, protocol, cal, today).0
}

/// As [`evaluate`], with the days on which the evaluation comes out the
/// same (every question the engine asked of today has the same answer on
/// each of them; `today.rs`).
pub fn evaluate_spanned(
    case: &Case,
    protocol: &ResolvedProtocol,
    cal: &SchoolCalendar,
    today: NaiveDate,
) -> (Evaluation, DaySpan) {
    let tl = timeline::Timeline::new(case, protocol, cal, Today::new(today));
    let fired = signals::evaluate(&tl, protocol);
    let history: Vec<Signal> = fired.iter().map(|f| f.signal.clone()).collect();
    let active = signals::active(&tl, protocol, &fired);
    let actions = actions::evaluate(&tl, protocol, &fired, &active);
    let class = protocol
        .classification
        .as_ref()
        .and_then(|c| classify::classify(&tl, c));
    let evaluation = Evaluation {
        signals: active.into_iter().map(|f| f.signal.clone()).collect(),
        history,
        actions,
        class,
    };
    (evaluation, tl.today.span())
}

/// Classifies a case by a scheme other than its protocol's own (the
/// categories of a report), on the same timeline the engine uses.
pub fn classify_by(
    case: &Case,
    protocol: &ResolvedProtocol,
    cal: &SchoolCalendar,
    today: NaiveDate,
    scheme: &crate::domain::protocol::Classification,
) -> Option<ClassResult> {
    let tl = timeline::Timeline::new(case, protocol, cal, Today::new(today));
    classify::classify(&tl, scheme)
}

/// The unbroken absence periods of some kinds as the engine sees them on
/// `today` (withdrawn events left out): what the yearly figures measure
/// durations with.
pub fn periods_by(
    case: &Case,
    protocol: &ResolvedProtocol,
    cal: &SchoolCalendar,
    today: NaiveDate,
    filter: &crate::domain::protocol::KindFilter,
) -> Vec<Period> {
    timeline::Timeline::new(case, protocol, cal, Today::new(today)).periods(filter)
}

/// Each matching event's own period on `today` (its until, an open sick
/// report up to the recovery, an open exemption running on), by event id.
pub fn event_periods<'a>(
    case: &'a Case,
    protocol: &ResolvedProtocol,
    cal: &'a SchoolCalendar,
    today: NaiveDate,
    filter: &crate::domain::protocol::KindFilter,
) -> Vec<(&'a str, Period)> {
    let tl = timeline::Timeline::new(case, protocol, cal, Today::new(today));
    tl.matching(filter)
        .map(|(id, e)| (id, tl.period_of(e)))
        .collect()
}

#[cfg(test)]
mod boundary_tests;
#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod span_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod workflow_tests;
