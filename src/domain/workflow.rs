//! The working day around the derived actions (issue 14): actions added by
//! hand, pauses and extensions of deadlines, handovers and escalation. Each
//! is an event in the case file, so it merges and syncs like any other; the
//! engine reads them back (`engine/deadlines.rs`). Errors are typed; the
//! front ends word them.

use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::protocol::Role;
use crate::domain::units::{Span, SpanTextError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// An action added by hand.
pub const HAND_ACTION: &str = "actie";
/// The clock of every open deadline of the case stops.
pub const PAUSE: &str = "pauze";
/// The clock runs again.
pub const RESUME: &str = "hervatting";
/// One deadline moves.
pub const EXTENSION: &str = "verlenging";
/// The case gets another owner.
pub const HANDOVER: &str = "overdracht";
/// The rule id of the actions an escalation produces.
pub const ESCALATION_RULE: &str = "escalatie";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkflowError {
    /// A required text is empty (the flag's name).
    Empty(&'static str),
    DueBeforeDate {
        due: NaiveDate,
        date: NaiveDate,
    },
    UntilBeforeDate {
        until: NaiveDate,
        date: NaiveDate,
    },
    UnknownRole(String),
    AfterToday(NaiveDate),
    /// A pause is already running (since that day).
    AlreadyPaused(NaiveDate),
    NotPaused,
    /// A resume before the pause it ends began.
    ResumeBeforePause(NaiveDate),
    Span(SpanTextError),
    SameOwner(String),
}

/// The id of the action an `actie` event opens.
pub fn hand_action_id(event_id: &str) -> String {
    format!("{HAND_ACTION}-{}", short(event_id))
}

/// The id of the escalation of an action.
pub fn escalation_id(action_id: &str) -> String {
    format!("{ESCALATION_RULE}-{action_id}")
}

pub fn short(event_id: &str) -> String {
    event_id.chars().take(8).collect()
}

fn required(flag: &'static str, text: &str) -> Result<String, WorkflowError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(WorkflowError::Empty(flag));
    }
    Ok(text.to_string())
}

fn not_after_today(date: NaiveDate, today: NaiveDate) -> Result<(), WorkflowError> {
    if date > today {
        return Err(WorkflowError::AfterToday(date));
    }
    Ok(())
}

/// Checks what a kind of this module needs beyond its fields (the CLI's
/// `add` and the TUI form call it after the vocabulary's validation).
pub fn check_kind(e: &Event) -> Result<(), WorkflowError> {
    if e.kind == HAND_ACTION {
        if let Some(role) = e.role.as_deref()
            && Role::parse(role).is_none()
        {
            return Err(WorkflowError::UnknownRole(role.to_string()));
        }
        if let Some(due) = e.due
            && due < e.date
        {
            return Err(WorkflowError::DueBeforeDate { due, date: e.date });
        }
    }
    if let Some(until) = e.until
        && until < e.date
    {
        return Err(WorkflowError::UntilBeforeDate {
            until,
            date: e.date,
        });
    }
    Ok(())
}

/// An action added by hand: what, by when, for which role.
pub fn hand_action(
    date: NaiveDate,
    title: &str,
    due: NaiveDate,
    role: &str,
) -> Result<Event, WorkflowError> {
    let mut e = Event::new(HAND_ACTION, date);
    e.title = Some(required("--title", title)?);
    let role = role.trim();
    Role::parse(role).ok_or_else(|| WorkflowError::UnknownRole(role.to_string()))?;
    e.role = Some(role.to_string());
    e.due = Some(due);
    check_kind(&e)?;
    Ok(e)
}

/// A stretch during which the case's deadlines stand still.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pause {
    pub event_id: String,
    pub start: NaiveDate,
    /// The last paused day; `None` while it runs with no end known.
    pub end: Option<NaiveDate>,
    pub reason: String,
}

impl Pause {
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.is_none_or(|e| day <= e)
    }
}

/// The pauses among `events` (known on `today`, withdrawn ones left out),
/// oldest first: a pause ends on its `until`, or the day before the first
/// resume after it began, whichever comes first.
pub fn pauses<'a>(
    events: impl Iterator<Item = (&'a str, &'a Event)> + Clone,
    today: NaiveDate,
) -> Vec<Pause> {
    let known = move |(_, e): &(&str, &Event)| e.date <= today && e.withdrawn.is_none();
    pauses_of_known(events.filter(known))
}

/// The pauses among `events`, every one of them known and counting (the
/// engine's timeline, which has left out later and withdrawn events).
pub fn pauses_of_known<'a>(
    events: impl Iterator<Item = (&'a str, &'a Event)> + Clone,
) -> Vec<Pause> {
    let mut out: Vec<Pause> = events
        .clone()
        .filter(|(_, e)| e.kind == PAUSE)
        .filter_map(|(id, p)| {
            let resumed = events
                .clone()
                .filter(|(_, e)| e.kind == RESUME && e.date >= p.date)
                .map(|(_, e)| e.date.pred_opt().unwrap_or(e.date))
                .min();
            let end = match (p.until, resumed) {
                (Some(u), Some(r)) => Some(u.min(r)),
                (u, r) => u.or(r),
            };
            // Resumed the day it began: no day was paused.
            if end.is_some_and(|e| e < p.date) {
                return None;
            }
            Some(Pause {
                event_id: id.to_string(),
                start: p.date,
                end,
                reason: p.reason.clone().unwrap_or_default(),
            })
        })
        .collect();
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.event_id.cmp(&b.event_id)));
    out
}

/// The pause that holds the case's deadlines on `day`, if any.
pub fn pause_on(case: &Case, day: NaiveDate, today: NaiveDate) -> Option<Pause> {
    let events = case.events.iter().map(|(id, e)| (id.as_str(), e));
    pauses(events, today).into_iter().find(|p| p.covers(day))
}

/// Pauses every open deadline of the case from `date` (until `until`,
/// inclusive, or until a resume).
pub fn pause(
    case: &Case,
    date: NaiveDate,
    until: Option<NaiveDate>,
    reason: &str,
    today: NaiveDate,
) -> Result<Event, WorkflowError> {
    not_after_today(date, today)?;
    if let Some(p) = pause_on(case, date, today) {
        return Err(WorkflowError::AlreadyPaused(p.start));
    }
    let mut e = Event::new(PAUSE, date);
    e.reason = Some(required("--reason", reason)?);
    e.until = until;
    check_kind(&e)?;
    Ok(e)
}

/// Ends the pause that runs on `date`: the clock runs again from `date`.
pub fn resume(case: &Case, date: NaiveDate, today: NaiveDate) -> Result<Event, WorkflowError> {
    not_after_today(date, today)?;
    let running = pause_on(case, date.pred_opt().unwrap_or(date), today)
        .or_else(|| pause_on(case, date, today));
    match running {
        None => Err(WorkflowError::NotPaused),
        Some(p) if p.start > date => Err(WorkflowError::ResumeBeforePause(p.start)),
        Some(_) => Ok(Event::new(RESUME, date)),
    }
}

/// Moves one action's deadline by `by`, with the reason.
pub fn extension(
    date: NaiveDate,
    action_id: &str,
    by: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<Event, WorkflowError> {
    not_after_today(date, today)?;
    let mut e = Event::new(EXTENSION, date);
    e.action = Some(required("ACTION", action_id)?);
    e.by = Some(Span::parse_text(by).map_err(WorkflowError::Span)?);
    e.reason = Some(required("--reason", reason)?);
    Ok(e)
}

/// Hands the case over to `owner`.
pub fn handover(
    case: &Case,
    date: NaiveDate,
    owner: &str,
    today: NaiveDate,
) -> Result<Event, WorkflowError> {
    not_after_today(date, today)?;
    let owner = required("--owner", owner)?;
    if case.owner.as_deref() == Some(owner.as_str()) {
        return Err(WorkflowError::SameOwner(owner));
    }
    let mut e = Event::new(HANDOVER, date);
    e.owner = Some(owner);
    Ok(e)
}

/// `escalate = { after = "5 schooldagen", to = "teamleider" }` as written
/// in a protocol rule or in verzuim.toml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalateDef {
    pub after: String,
    pub to: String,
}

/// An overdue action that stays overdue `after` its due date produces an
/// action for the role `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Escalation {
    pub after: Span,
    pub to: Role,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EscalateError {
    After(SpanTextError),
    UnknownRole(String),
}

impl EscalateDef {
    pub fn resolve(&self) -> Result<Escalation, EscalateError> {
        Ok(Escalation {
            after: Span::parse_text(&self.after).map_err(EscalateError::After)?,
            to: Role::parse(self.to.trim())
                .ok_or_else(|| EscalateError::UnknownRole(self.to.clone()))?,
        })
    }
}

#[cfg(test)]
#[path = "workflow_tests.rs"]
mod tests;
