//! The JSON outputs of `check --json` and `overdue --json`, exactly as the
//! command-line contract specifies them. `check --json` is written one case
//! after another (each serialized by serde straight to bytes, no JSON tree),
//! so its size costs no memory. Keys come in sorted order, as they always
//! have (serde_json's maps sort them), so the bytes did not change.

use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, DueItem};
use crate::domain::engine::ActionStatus;
use crate::domain::protocol::Role;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use std::io::Write;

#[derive(Serialize)]
struct CheckCase<'a> {
    actions: Vec<CheckAction<'a>>,
    id: &'a str,
    name: &'a str,
    protocol: &'a str,
    signals: Vec<CheckSignal<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unchecked: Option<String>,
}

#[derive(Serialize)]
struct CheckAction<'a> {
    due: &'a NaiveDate,
    id: &'a str,
    role: &'a Role,
    rule: &'a str,
    status: &'a ActionStatus,
    title: &'a str,
}

#[derive(Serialize)]
struct CheckSignal<'a> {
    message: &'a str,
    rule: &'a str,
    since: &'a NaiveDate,
}

/// One case of `check --json`, appended to `out`.
pub fn check_case(out: &mut Vec<u8>, case: &Case, check: &CaseCheck) {
    let (signals, actions, unchecked) = match check {
        Ok(eval) => (
            eval.signals
                .iter()
                .map(|s| CheckSignal {
                    message: &s.message,
                    rule: &s.rule,
                    since: &s.since,
                })
                .collect(),
            eval.actions
                .iter()
                .map(|a| CheckAction {
                    due: &a.due,
                    id: &a.id,
                    role: &a.role,
                    rule: &a.rule,
                    status: &a.status,
                    title: &a.title,
                })
                .collect(),
            None,
        ),
        Err(u) => (vec![], vec![], Some(super::ctx::unchecked_text(u))),
    };
    let v = CheckCase {
        actions,
        id: &case.id,
        name: &case.name,
        protocol: &case.protocol,
        signals,
        unchecked,
    };
    // Writing into a Vec cannot fail, and these types always serialize.
    let _ = serde_json::to_writer(out, &v);
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
    serde_json::to_writer(&mut *out, &today)?;
    out.write_all(b"}\n")
}

/// One overdue action as a JSON object.
pub fn overdue_item(i: &DueItem) -> String {
    json!({
        "case": i.case.id,
        "action": i.action.id,
        "title": i.action.title,
        "role": i.action.role,
        "due": i.action.due,
        "days_overdue": i.days_overdue,
    })
    .to_string()
}

/// The `overdue --json` document: an array of the items' objects, one line.
pub fn write_overdue<'a>(
    out: &mut impl std::io::Write,
    objects: impl Iterator<Item = &'a str>,
) -> std::io::Result<()> {
    out.write_all(b"[")?;
    for (n, o) in objects.enumerate() {
        if n > 0 {
            out.write_all(b",")?;
        }
        out.write_all(o.as_bytes())?;
    }
    out.write_all(b"]\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::{CalendarFile, Region};
    use crate::domain::caseload::{CalendarSet, Caseload};
    use crate::domain::protocol::{self, resolve_all};
    use crate::store::embedded;
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// The document as it was built before streaming: a serde_json tree.
    fn as_tree(today: NaiveDate, cases: &[(&Case, &CaseCheck)]) -> String {
        let cases: Vec<Value> = cases
            .iter()
            .map(|(case, check)| {
                let mut v = json!({ "id": case.id, "name": case.name, "protocol": case.protocol, "signals": [], "actions": [] });
                match check {
                    Ok(eval) => {
                        v["signals"] = eval.signals.iter().map(|s| json!({ "rule": s.rule, "since": s.since, "message": s.message })).collect();
                        v["actions"] = eval
                            .actions
                            .iter()
                            .map(|a| json!({ "id": a.id, "rule": a.rule, "title": a.title, "role": a.role, "due": a.due, "status": a.status }))
                            .collect();
                    }
                    Err(u) => v["unchecked"] = json!(super::super::ctx::unchecked_text(u)),
                }
                v
            })
            .collect();
        json!({ "today": today, "cases": cases }).to_string() + "\n"
    }

    fn caseload(today: NaiveDate) -> Caseload {
        let sources: Vec<_> = embedded::PROTOCOLS
            .iter()
            .map(|(n, t)| protocol::parse(n, t).unwrap())
            .collect();
        let files: Vec<CalendarFile> = embedded::CALENDARS
            .iter()
            .map(|(_, t)| toml::from_str(t).unwrap())
            .collect();
        Caseload {
            cases: crate::synth::cases(60, 7, today),
            library: resolve_all(&sources),
            calendars: CalendarSet::new(&files, BTreeMap::new(), Region::Midden),
        }
    }

    /// The streamed document is byte for byte the one the contract pinned.
    #[test]
    fn streamed_check_is_the_documented_document() {
        let today = crate::domain::dates::parse("2026-11-20").unwrap();
        let mut cl = caseload(today);
        cl.cases[1].protocol = "no-such-protocol".into();
        let checks = cl.evaluate_all(today);
        assert!(checks.iter().any(|c| c.is_err()));
        assert!(checks.iter().flatten().any(|e| !e.signals.is_empty()));
        assert!(checks.iter().flatten().any(|e| !e.actions.is_empty()));
        let pairs: Vec<(&Case, &CaseCheck)> = cl.cases.iter().zip(&checks).collect();
        let parts: Vec<Vec<u8>> = pairs
            .iter()
            .map(|(c, k)| {
                let mut out = Vec::new();
                check_case(&mut out, c, k);
                out
            })
            .collect();
        let mut doc = Vec::new();
        write_check(&mut doc, today, parts.iter().map(Vec::as_slice)).unwrap();
        assert_eq!(String::from_utf8(doc).unwrap(), as_tree(today, &pairs));
        let mut empty = Vec::new();
        write_check(&mut empty, today, std::iter::empty()).unwrap();
        assert_eq!(String::from_utf8(empty).unwrap(), as_tree(today, &[]));
    }
}
