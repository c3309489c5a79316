//! The contract types give, byte for byte, the documents the commands
//! printed before there were types (`json!` trees of the domain values),
//! over the sample cases and synthetic ones: `show`, the reports and
//! the lists (`check` has its own test in `check_tests.rs`).

use super::case::Show;
use crate::cli::ctx::unchecked_text;
use crate::cli::retention::error_text;
use crate::domain::case::Case;
use crate::domain::caseload::{self, Caseload};
use crate::domain::event::Event;
use crate::domain::report::jaar::{self, SchoolYear};
use crate::domain::report::{mazl, thuiszitters};
use crate::domain::units::{Span, Unit};
use crate::domain::workflow;
use crate::store::{case_file, embedded, reports};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeSet;
use std::path::Path;

/// Not a repository: every data file is the built-in one.
const NO_REPO: &str = "/nonexistent/verzuim-json-tests";

fn today() -> NaiveDate {
    crate::domain::dates::parse(crate::cli::demo::SAMPLE_TODAY).unwrap()
}

fn caseload() -> Caseload {
    let mut cases: Vec<Case> = embedded::SAMPLE_CASES
        .iter()
        .map(|(name, text)| case_file::parse(name, name.trim_end_matches(".toml"), text).unwrap())
        .collect();
    cases.extend(crate::synth::cases(60, 11, today()));
    // One case whose protocol is unknown: unchecked.
    cases[1].protocol = "no-such-protocol".into();
    let mut cl = embedded::caseload(cases);
    enrich(&mut cl);
    cl
}

/// Gives the first case what the samples lack: contacts, a note, a pause,
/// an extension of its first open action, a Wpg event (its own
/// destruction date).
fn enrich(cl: &mut Caseload) {
    let d = |s: &str| crate::domain::dates::parse(s).unwrap();
    let eval = cl.evaluate(&cl.cases[0], today()).unwrap();
    let action = eval
        .open_actions()
        .next()
        .expect("an open action")
        .id
        .clone();
    let case = &mut cl.cases[0];
    case.contacts.insert("mentor".into(), "M. de Vries".into());
    let mut pause = Event::new(workflow::PAUSE, d("2025-11-10"));
    pause.until = Some(d("2025-11-12"));
    pause.reason = Some("opname".into());
    pause.note = Some("belt zelf".into());
    let mut extension = Event::new(workflow::EXTENSION, d("2025-11-13"));
    extension.action = Some(action.to_string());
    extension.by = Some(Span::new(5, Unit::SchoolDays));
    extension.reason = Some("wacht op school".into());
    let hoor = Event::new("hoorgesprek", d("2020-10-01"));
    for (id, e) in [("p1", pause), ("v1", extension), ("h1", hoor)] {
        case.events.insert(format!("json-test-{id}").into(), e);
    }
}

fn compact<T: Serialize>(v: &T) -> String {
    let mut out = Vec::new();
    super::to_writer(&mut out, v).unwrap();
    String::from_utf8(out).unwrap()
}

fn pretty<T: Serialize>(v: &T) -> String {
    let mut out = Vec::new();
    super::to_writer_pretty(&mut out, v).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn show_is_the_document_it_was() {
    let cl = caseload();
    let rules = crate::store::retention::rules(Path::new(NO_REPO)).unwrap();
    let mut seen = BTreeSet::new();
    for case in &cl.cases {
        let check = cl.evaluate(case, today());
        let mut case = case.clone();
        // `show` never prints the wrapped data keys.
        case.keys.clear();
        let case = &case;
        let kept = rules.compute(case);
        let unchecked = check.as_ref().err().map(unchecked_text);
        let old_retention = match &kept {
            Ok(r) => json!({ "date": r.case.date, "rule": r.case.rule,
                "events": r.events.iter().map(|(id, d)| json!({ "event": id, "date": d.date, "rule": d.rule })).collect::<Vec<_>>() }),
            Err(e) => json!({ "error": error_text(e) }),
        };
        let old = json!({ "today": today(), "case": case, "evaluation": check.as_ref().ok(),
            "unchecked": unchecked, "retention": old_retention });
        let kept_text = kept.as_ref().map_err(error_text);
        let new = Show::new(case, &check, unchecked.clone(), kept_text, today());
        assert_eq!(compact(&new), old.to_string(), "{}", case.id);
        // What the cases covered, so a thinner sample cannot pass unseen.
        let text = old.to_string();
        for key in [
            "\"shifts\"",
            "\"consent\"",
            "\"class\":{",
            "\"unchecked\":\"",
            "\"contacts\"",
            "\"hours\"",
            "\"note\"",
            "\"events\":[{",
        ] {
            if text.contains(key) {
                seen.insert(key);
            }
        }
    }
    assert_eq!(seen.len(), 8, "{seen:?}");
}

#[test]
fn reports_are_the_documents_they_were() {
    let cl = caseload();
    let root = Path::new(NO_REPO);
    let kinds = jaar::library_kinds(&cl);
    let defs = reports::jaar_defs(root, &kinds).unwrap();
    let figures = jaar::compute(&cl, &defs, SchoolYear(2025), None, today());
    assert!(figures.rows.iter().any(|r| r.total > 0));
    let new = pretty(&super::report::Jaar::from(&figures));
    assert_eq!(new, format!("{:#}", json!(figures)));

    let defs = reports::mazl_defs(root).unwrap();
    let filter = mazl::Filter {
        school: None,
        from: crate::domain::dates::parse("2025-08-01").unwrap(),
        to: today(),
    };
    let figures = mazl::compute(&cl, &defs, &filter);
    assert!(figures.total.registrations > 0);
    let new = pretty(&super::report::Mazl::from(&figures));
    assert_eq!(new, format!("{:#}", json!(figures)));

    let defs = reports::thuiszitter_defs(root).unwrap();
    let filter = thuiszitters::Filter {
        swv: None,
        gemeente: None,
    };
    let previous: BTreeSet<String> = cl.cases.iter().take(3).map(|c| c.id.to_string()).collect();
    let before = crate::domain::dates::parse("2025-10-01").unwrap();
    let o = thuiszitters::compute(&cl, &defs, &filter, today(), Some((before, &previous)));
    assert!(!o.rows.is_empty());
    let named = pretty(&super::thuiszitters::Thuiszitters::new(&o, true));
    assert_eq!(
        named,
        format!("{:#}", json!({ "vertrouwelijk": true, "overview": o }))
    );
    let counts = pretty(&super::thuiszitters::Thuiszitters::new(&o, false));
    let old = json!({ "vertrouwelijk": false, "date": o.date,
        "previous": o.previous, "summary": o.summary });
    assert_eq!(counts, format!("{old:#}"));
}

#[test]
fn overdue_is_the_document_it_was() {
    let cl = caseload();
    let checks = cl.evaluate_all(today());
    let items = caseload::overdue(&cl.cases, &checks, today());
    assert!(!items.is_empty());
    let old: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            json!({ "case": i.case.id, "action": i.action.id, "title": i.action.title,
                "role": i.action.role, "due": i.action.due, "days_overdue": i.days_overdue })
        })
        .collect();
    let objects: Vec<String> = items.iter().map(super::check::overdue_item).collect();
    let mut new = Vec::new();
    super::check::write_overdue(&mut new, objects.iter().map(String::as_str)).unwrap();
    let old = serde_json::Value::Array(old).to_string() + "\n";
    assert_eq!(String::from_utf8(new).unwrap(), old);
}

#[test]
fn conflicts_and_retention_lists_are_the_documents_they_were() {
    let c = crate::domain::merge::Conflict {
        field: "school".into(),
        base: None,
        local: Some("\"A\"".into()),
        remote: Some("\"B\"".into()),
        others: vec!["\"C\"".into()],
    };
    let old = json!([{ "case": "abc", "field": c.field, "local": c.local, "remote": c.remote, "others": c.others, "base": c.base }]);
    let new = [super::conflicts::Conflict::new("abc", &c)];
    assert_eq!(compact(&new), old.to_string());

    let cl = caseload();
    let rules = crate::store::retention::rules(Path::new(NO_REPO)).unwrap();
    let until = crate::domain::dates::parse("2050-01-01").unwrap();
    let (items, _) = crate::store::retention::due(&rules, &cl.cases, until);
    assert!(items.iter().any(|i| i.event.is_none()));
    let source = |r: &str| rules.source_of(r).unwrap_or("");
    let v: Vec<serde_json::Value> = items
        .iter()
        .map(|i| {
            json!({ "case": i.case, "event": i.event, "rule": i.due.rule,
            "date": i.due.date, "source": source(&i.due.rule) })
        })
        .collect();
    let old = json!({ "until": until, "due": v });
    let new = super::retention::RetentionList::new(&items, until, source);
    assert_eq!(compact(&new), old.to_string());
}
