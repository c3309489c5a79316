//! What the engine derives for one case on one day, as `show --json`
//! gives it (`"evaluation"`): signals, actions with what moved their due
//! dates, and the classification.

use super::case::Span;
use super::{Date, date};
use crate::domain::consent::ConsentCheck;
use crate::domain::engine::{self, ClassResult, Shift as DomainShift};
use serde::Serialize;

/// The engine's result for the case on `today`.
#[derive(Serialize)]
pub struct Evaluation<'a> {
    /// Every action of the protocol's rules and the hand actions: open,
    /// overdue and done, in the engine's order.
    pub actions: Vec<Action<'a>>,
    /// The protocol's classification today (e.g. a thuiszitter type);
    /// `null` when the protocol has none or no class applies.
    pub class: Option<Class<'a>>,
    /// Every time a signal rule fired, oldest first.
    pub history: Vec<Signal<'a>>,
    /// The signals that hold today, one per rule.
    pub signals: Vec<Signal<'a>>,
}

impl<'a> From<&'a engine::Evaluation> for Evaluation<'a> {
    fn from(e: &'a engine::Evaluation) -> Self {
        Evaluation {
            actions: e.actions.iter().map(Action::from).collect(),
            class: e.class.as_ref().map(Class::from),
            history: e.history.iter().map(Signal::from).collect(),
            signals: e.signals.iter().map(Signal::from).collect(),
        }
    }
}

/// A rule whose threshold the case crossed.
#[derive(Serialize)]
pub struct Signal<'a> {
    /// Its window is a local default that no source states.
    pub local_term: bool,
    /// The rule's message, as the protocol file words it.
    pub message: &'a str,
    /// The role that owns the rule (`school`, `jgz`, `leerplicht`, `swv`,
    /// `ouders`, `teamleider`).
    pub owner: &'static str,
    /// The rule id.
    pub rule: &'a str,
    /// The day it (last) began to hold.
    pub since: Date,
}

impl<'a> From<&'a engine::Signal> for Signal<'a> {
    fn from(s: &'a engine::Signal) -> Self {
        Signal {
            local_term: s.local_term,
            message: &s.message,
            owner: s.owner.as_str(),
            rule: &s.rule,
            since: Date(s.since),
        }
    }
}

/// Something someone must do by a date.
#[derive(Serialize)]
pub struct Action<'a> {
    /// For an action that needs consent: whether it is on record; absent
    /// when the action needs none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub consent: Option<Consent<'a>>,
    /// The day it was done; `null` while it is not.
    pub done_on: Option<Date>,
    /// The due date, after pauses and extensions.
    pub due: Date,
    /// For an escalation: the id of the action that stayed overdue;
    /// absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation_of: Option<&'a str>,
    /// Stable within the case: rule id plus what triggered it.
    pub id: &'a str,
    /// Its term is a local default that no source states.
    pub local_term: bool,
    /// Who must do it (roles as [`Signal::owner`]).
    pub role: &'static str,
    /// The rule id (`actie` for an action added by hand).
    pub rule: &'a str,
    /// Pauses and extensions that moved the due date, in order; absent
    /// when none did.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shifts: Vec<Shift<'a>>,
    /// `open`, `overdue` or `done`.
    pub status: &'static str,
    pub title: &'a str,
    /// The day it began.
    pub triggered: Date,
}

impl<'a> From<&'a engine::Action> for Action<'a> {
    fn from(a: &'a engine::Action) -> Self {
        Action {
            consent: a.consent.as_ref().map(Consent::from),
            done_on: date(a.done_on),
            due: Date(a.due),
            escalation_of: a.escalation_of.as_deref(),
            id: &a.id,
            local_term: a.local_term,
            role: a.role.as_str(),
            rule: &a.rule,
            shifts: a.shifts.iter().map(Shift::from).collect(),
            status: a.status.as_str(),
            title: &a.title,
            triggered: Date(a.triggered),
        }
    }
}

/// What moved a due date: an object whose `kind` is `pause` or
/// `extension`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum Shift<'a> {
    /// `{"kind": "pause", "from", "until", "reason", "school_days",
    /// "ongoing"}`: the case's deadlines stood still.
    Pause {
        from: Date,
        kind: ShiftKind,
        /// The pause still runs today.
        ongoing: bool,
        reason: &'a str,
        /// The paused school days after the action began: how far the
        /// due date moved.
        school_days: u32,
        /// The pause's last day; `null` while it runs without one.
        until: Option<Date>,
    },
    /// `{"kind": "extension", "on", "by", "reason"}`: this one deadline
    /// was extended.
    Extension {
        /// How far, the unit explicit.
        by: Span,
        kind: ShiftKind,
        /// The day the extension was recorded.
        on: Date,
        reason: &'a str,
    },
}

/// The `kind` of a [`Shift`].
#[derive(Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ShiftKind {
    Pause,
    Extension,
}

impl<'a> From<&'a DomainShift> for Shift<'a> {
    fn from(s: &'a DomainShift) -> Self {
        match s {
            DomainShift::Pause {
                from,
                until,
                reason,
                school_days,
                ongoing,
            } => Shift::Pause {
                from: Date(*from),
                kind: ShiftKind::Pause,
                ongoing: *ongoing,
                reason,
                school_days: *school_days,
                until: date(*until),
            },
            DomainShift::Extension { on, by, reason } => Shift::Extension {
                by: Span::from(*by),
                kind: ShiftKind::Extension,
                on: Date(*on),
                reason,
            },
        }
    }
}

/// The consent an action needs, checked on a day.
#[derive(Serialize)]
pub struct Consent<'a> {
    /// The pupil's age in whole years that day.
    pub age: u32,
    /// Of `needed`, whose consent is not on record (empty: given).
    pub missing: Vec<&'static str>,
    /// Whose consent is needed at that age: `leerling`, `ouders`.
    pub needed: Vec<&'static str>,
    /// The day it was checked for (today, or the day the action was done).
    pub on: Date,
    /// What the consent is for (`terugkoppeling-school`, ...).
    pub scope: &'a str,
}

impl<'a> From<&'a ConsentCheck> for Consent<'a> {
    fn from(c: &'a ConsentCheck) -> Self {
        Consent {
            age: c.age,
            missing: c.missing.iter().map(|s| s.as_str()).collect(),
            needed: c.needed.iter().map(|s| s.as_str()).collect(),
            on: Date(c.on),
            scope: &c.scope,
        }
    }
}

/// The case's class in the protocol's classification.
#[derive(Serialize)]
pub struct Class<'a> {
    /// The class's colour as the protocol names it; may be null.
    pub colour: Option<&'a str>,
    pub label: &'a str,
    /// The classification's name.
    pub scheme: &'a str,
    /// The day the absence that puts the case in this class began.
    pub since: Date,
}

impl<'a> From<&'a ClassResult> for Class<'a> {
    fn from(c: &'a ClassResult) -> Self {
        Class {
            colour: c.colour.as_deref(),
            label: &c.label,
            scheme: &c.scheme,
            since: Date(c.since),
        }
    }
}
