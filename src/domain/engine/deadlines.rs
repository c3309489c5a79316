//! Deadlines that people move (issue 14): an extension moves one action's
//! due date, a pause stops the clock of every open deadline of the case
//! (the due date moves by the paused school days), an action added by hand
//! is due when its event says, and an action that stays overdue long enough
//! escalates to another role.

use super::timeline::Timeline;
use super::today::Today;
use super::{Action, ActionStatus};
use crate::domain::event::DONE_KIND;
use crate::domain::protocol::Role;
use crate::domain::units::Span;
use crate::domain::workflow::{self, Escalation};
use chrono::NaiveDate;
use serde::Serialize;

/// What moved an action's due date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Shift {
    /// The case's deadlines stood still: `school_days` paused school days
    /// after the action began.
    Pause {
        from: NaiveDate,
        until: Option<NaiveDate>,
        reason: String,
        school_days: u32,
        /// The pause still runs today.
        ongoing: bool,
    },
    /// This one deadline was extended.
    Extension {
        on: NaiveDate,
        by: Span,
        reason: String,
    },
}

/// The due date after the action's extensions (in the order they were
/// recorded) and the case's pauses, with what moved it. A pause counts
/// only for an action open when it began, and only its school days after
/// the action began; one that began after the due date changes nothing.
pub fn adjust(
    tl: &Timeline,
    action_id: &str,
    triggered: NaiveDate,
    due: NaiveDate,
    done_on: Option<NaiveDate>,
) -> (NaiveDate, Vec<Shift>) {
    let mut due = due;
    let mut shifts = Vec::new();
    for (_, e) in tl
        .events
        .iter()
        .filter(|(_, e)| e.kind == workflow::EXTENSION && e.action.as_deref() == Some(action_id))
    {
        if let Some(by) = e.by {
            due = tl.cal.add(due, by);
            shifts.push(Shift::Extension {
                on: e.date,
                by,
                reason: e.reason.clone().unwrap_or_default(),
            });
        }
    }
    for p in &tl.pauses {
        // Done on the pause's first day: done, not held by it.
        if p.start > due || done_on.is_some_and(|d| d <= p.start) {
            continue;
        }
        let from = p.start.max(triggered.succ_opt().unwrap_or(triggered));
        // A done action's clock stopped when it was done: a pause that runs
        // on holds it no longer (it was shown "[gepauzeerd]" and moved).
        let to = match (p.end, done_on) {
            (Some(end), done) => done.map_or(end, |d| end.min(d)),
            (None, Some(d)) => tl.today.cut(d),
            // A pause that runs on moves the due date every school day.
            (None, None) => tl.today.exact(),
        };
        let days = tl.cal.school_days_between(from, to);
        let ongoing = done_on.is_none()
            && tl.today.reached(p.start)
            && p.end.is_none_or(|e| tl.today.not_after(e));
        // A pause that runs today holds the deadline even before it has
        // cost a school day: shown, with nothing moved yet.
        if days == 0 && !ongoing {
            continue;
        }
        if days > 0 {
            due = tl.cal.nth_school_day_after(due, days);
        }
        shifts.push(Shift::Pause {
            from: p.start,
            until: p.end,
            reason: p.reason.clone(),
            school_days: days,
            ongoing,
        });
    }
    (due, shifts)
}

pub fn status(due: NaiveDate, done: bool, today: &Today) -> ActionStatus {
    match done {
        true => ActionStatus::Done,
        false if today.after(due) => ActionStatus::Overdue,
        false => ActionStatus::Open,
    }
}

/// When an action was marked done by an `afgerond` event naming it.
fn marked_done(tl: &Timeline, action_id: &str, from: NaiveDate) -> Option<NaiveDate> {
    tl.events
        .iter()
        .find(|(_, e)| {
            e.kind == DONE_KIND && e.date >= from && e.action.as_deref() == Some(action_id)
        })
        .map(|(_, e)| e.date)
}

/// The actions added by hand (`actie` events).
pub fn hand_actions(tl: &Timeline) -> Vec<Action> {
    tl.events
        .iter()
        .filter(|(_, e)| e.kind == workflow::HAND_ACTION)
        .filter_map(|(eid, e)| {
            let role = Role::parse(e.role.as_deref()?)?;
            let id = workflow::hand_action_id(eid);
            let done_on = marked_done(tl, &id, e.date);
            let (due, shifts) = adjust(tl, &id, e.date, e.due?, done_on);
            Some(Action {
                status: status(due, done_on.is_some(), &tl.today),
                rule: workflow::HAND_ACTION.into(),
                title: e.title.clone().unwrap_or_default(),
                role,
                triggered: e.date,
                due,
                done_on,
                local_term: false,
                shifts,
                escalation_of: None,
                consent: None,
                id: id.into(),
            })
        })
        .collect()
}

/// The escalation of `a` under `esc`, once it has stayed overdue `esc.after`
/// past its due date. It is done when the action is.
pub fn escalation(tl: &Timeline, a: &Action, esc: Escalation) -> Option<Action> {
    if a.escalation_of.is_some() {
        return None;
    }
    let on = tl.cal.add(a.due, esc.after);
    if a.done_on.is_some_and(|d| d < on) || tl.today.before(on) {
        return None;
    }
    let id = workflow::escalation_id(&a.id);
    let done_on = a.done_on.or_else(|| marked_done(tl, &id, on));
    Some(Action {
        status: status(on, done_on.is_some(), &tl.today),
        rule: workflow::ESCALATION_RULE.into(),
        title: a.title.clone(),
        role: esc.to,
        triggered: on,
        due: on,
        done_on,
        local_term: a.local_term,
        shifts: Vec::new(),
        escalation_of: Some(a.id.clone()),
        consent: None,
        id: id.into(),
    })
}
