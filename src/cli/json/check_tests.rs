use super::*;
use crate::cli::ctx::unchecked_text;
use crate::domain::caseload::Caseload;
use crate::store::embedded;
use serde_json::{Value, json};

/// The document as it was built before streaming and before the contract
/// types: a serde_json tree of the domain values.
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
                Err(u) => v["unchecked"] = json!(unchecked_text(u)),
            }
            v
        })
        .collect();
    json!({ "today": today, "cases": cases }).to_string() + "\n"
}

fn caseload(today: NaiveDate) -> Caseload {
    embedded::caseload(crate::synth::cases(60, 7, today))
}

/// The streamed document is byte for byte the one the contract pinned
/// (the tree it was built as before), and the one its type gives.
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
    let typed: Vec<CheckCase> = pairs
        .iter()
        .map(|(c, k)| CheckCase::new(c, k, k.as_ref().err().map(unchecked_text)))
        .collect();
    let parts: Vec<Vec<u8>> = typed
        .iter()
        .map(|c| {
            let mut out = Vec::new();
            check_case(&mut out, c);
            out
        })
        .collect();
    let mut doc = Vec::new();
    write_check(&mut doc, today, parts.iter().map(Vec::as_slice)).unwrap();
    let doc = String::from_utf8(doc).unwrap();
    assert_eq!(doc, as_tree(today, &pairs));
    let whole = Check {
        cases: typed,
        today: Date(today),
    };
    let mut one = Vec::new();
    super::super::to_writer(&mut one, &whole).unwrap();
    assert_eq!(doc, String::from_utf8(one).unwrap() + "\n");
    let mut empty = Vec::new();
    write_check(&mut empty, today, std::iter::empty()).unwrap();
    assert_eq!(String::from_utf8(empty).unwrap(), as_tree(today, &[]));
}
