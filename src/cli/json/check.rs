//! `check --json` and `overdue --json`: the lists over every case.
//! `check --json` is written one case after another (each serialized by
//! serde straight to bytes, no JSON tree), so its size costs no memory.

use super::Date;
use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, DueItem};
use crate::domain::engine::{Action, Signal};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;

/// The document of `check --json`: `{"cases": [CheckCase], "today"}`.
/// It is never built whole: [`write_check`] writes it around the cases
/// [`check_case`] serialized one by one, byte for byte what serializing
/// this type would give (a test compares).
// Built only by the test that compares it with the streamed bytes.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Serialize)]
pub struct Check<'a> {
    /// Every open case, by name then id.
    pub cases: Vec<CheckCase<'a>>,
    /// The day the cases were evaluated for.
    pub today: Date,
}

/// One open case of `check --json`.
#[derive(Serialize)]
pub struct CheckCase<'a> {
    /// Its open, overdue and done actions.
    pub actions: Vec<CheckAction<'a>>,
    pub id: &'a str,
    pub name: &'a str,
    /// The protocol id.
    pub protocol: &'a str,
    /// The signals that hold today.
    pub signals: Vec<CheckSignal<'a>>,
    /// Why the case was not evaluated (its protocol unknown or broken; in
    /// the `--lang` language): then `signals` and `actions` are empty.
    /// Absent when it was evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unchecked: Option<String>,
}

/// An action in `check --json`.
#[derive(Serialize)]
pub struct CheckAction<'a> {
    pub due: Date,
    /// Stable within the case: rule id plus what triggered it.
    pub id: &'a str,
    /// Who must do it: `school`, `jgz`, `leerplicht`, `swv`, `ouders` or
    /// `teamleider`.
    pub role: &'static str,
    /// The rule id.
    pub rule: &'a str,
    /// `open`, `overdue` or `done`.
    pub status: &'static str,
    pub title: &'a str,
}

impl<'a> From<&'a Action> for CheckAction<'a> {
    fn from(a: &'a Action) -> Self {
        CheckAction {
            due: Date(a.due),
            id: &a.id,
            role: a.role.as_str(),
            rule: &a.rule,
            status: a.status.as_str(),
            title: &a.title,
        }
    }
}

/// A signal in `check --json`.
#[derive(Serialize)]
pub struct CheckSignal<'a> {
    /// The rule's message, as the protocol file words it.
    pub message: &'a str,
    /// The rule id.
    pub rule: &'a str,
    /// The day it (last) began to hold.
    pub since: Date,
}

impl<'a> From<&'a Signal> for CheckSignal<'a> {
    fn from(s: &'a Signal) -> Self {
        CheckSignal {
            message: &s.message,
            rule: &s.rule,
            since: Date(s.since),
        }
    }
}

impl<'a> CheckCase<'a> {
    /// `unchecked`: why `check` is an error, worded by the caller.
    pub fn new(case: &'a Case, check: &'a CaseCheck, unchecked: Option<String>) -> Self {
        let (signals, actions) = match check {
            Ok(eval) => (
                eval.signals.iter().map(CheckSignal::from).collect(),
                eval.actions.iter().map(CheckAction::from).collect(),
            ),
            Err(_) => (vec![], vec![]),
        };
        CheckCase {
            actions,
            id: &case.id,
            name: &case.name,
            protocol: &case.protocol,
            signals,
            unchecked,
        }
    }
}

/// One case of `check --json`, appended to `out`.
pub fn check_case(out: &mut Vec<u8>, case: &CheckCase) {
    // Writing into a Vec cannot fail, and these types always serialize.
    let _ = super::to_writer(out, case);
}

/// The whole `check --json` document around cases made by `check_case`.
pub fn write_check<'a>(
    out: &mut impl Write,
    today: NaiveDate,
    cases: impl Iterator<Item = &'a [u8]>,
) -> std::io::Result<()> {
    out.write_all(b"{\"cases\":[")?;
    for (i, case) in cases.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(case)?;
    }
    out.write_all(b"],\"today\":")?;
    super::to_writer(&mut *out, &Date(today))?;
    out.write_all(b"}\n")
}

/// One line of `overdue --json` (a JSON array of these, oldest due first).
#[derive(Serialize)]
pub struct Overdue<'a> {
    /// The action id.
    pub action: &'a str,
    /// The case id.
    pub case: &'a str,
    /// Calendar days past `due`.
    pub days_overdue: i64,
    pub due: Date,
    /// Who must do it (roles as in [`CheckAction::role`]).
    pub role: &'static str,
    pub title: &'a str,
}

impl<'a> From<&DueItem<'a>> for Overdue<'a> {
    fn from(i: &DueItem<'a>) -> Self {
        Overdue {
            action: &i.action.id,
            case: &i.case.id,
            days_overdue: i.days_overdue,
            due: Date(i.action.due),
            role: i.action.role.as_str(),
            title: &i.action.title,
        }
    }
}

/// One overdue action as its JSON object, from a day's evaluation: what a
/// row of `overdue`'s memo must print (`cli/due.rs`; compared in tests).
#[cfg(test)]
pub fn overdue_item(i: &DueItem) -> String {
    overdue_object(&Overdue::from(i))
}

/// An overdue action's JSON object (`overdue` builds them from its memo).
pub fn overdue_object(o: &Overdue) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail, and this type always serializes.
    let _ = super::to_writer(&mut out, o);
    String::from_utf8_lossy(&out).into_owned()
}

/// The `overdue --json` document: an array of the objects made by
/// [`overdue_object`], oldest due first, one line.
pub fn write_overdue(
    out: &mut impl Write,
    objects: impl Iterator<Item = impl AsRef<str>>,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (n, o) in objects.enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        out.write_all(o.as_ref().as_bytes())?;
    }
    out.write_all(b"]\n")
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
