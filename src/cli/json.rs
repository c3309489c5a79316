//! The JSON outputs of `check --json` and `overdue --json`, exactly as the
//! command-line contract specifies them.

use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, DueItem};
use chrono::NaiveDate;
use serde_json::{Value, json};

pub fn check<'a>(
    today: NaiveDate,
    cases: impl Iterator<Item = (&'a Case, &'a CaseCheck)>,
) -> String {
    let cases: Vec<Value> = cases
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
                Err(u) => v["unchecked"] = json!(super::commands::unchecked_text(u)),
            }
            v
        })
        .collect();
    json!({ "today": today, "cases": cases }).to_string()
}

pub fn overdue(items: &[DueItem]) -> String {
    let v: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "case": i.case.id,
                "action": i.action.id,
                "title": i.action.title,
                "role": i.action.role,
                "due": i.action.due,
                "days_overdue": i.days_overdue,
            })
        })
        .collect();
    Value::Array(v).to_string()
}
