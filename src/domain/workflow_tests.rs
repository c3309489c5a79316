use super::*;
use crate::domain::case::{CaseFields, Level};
use crate::domain::dates;

fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

fn case() -> Case {
    CaseFields {
        name: "Test".into(),
        birth: d("2011-01-01"),
        school: "School".into(),
        level: Level::Vo,
        protocol: "leerplichtwet".into(),
        gemeente: None,
        owner: Some("anna".into()),
    }
    .into_case("c1".into(), d("2025-08-01"))
}

const TODAY: &str = "2025-11-20";

#[test]
fn a_hand_action_needs_a_title_a_known_role_and_a_due_date_not_before_it() {
    let ok = hand_action(d("2025-11-10"), "Huisbezoek", d("2025-11-14"), "leerplicht").unwrap();
    assert_eq!(ok.kind, HAND_ACTION);
    assert_eq!(
        hand_action(d("2025-11-10"), " ", d("2025-11-14"), "jgz"),
        Err(WorkflowError::Empty("--title"))
    );
    assert_eq!(
        hand_action(d("2025-11-10"), "x", d("2025-11-14"), "mentor"),
        Err(WorkflowError::UnknownRole("mentor".into()))
    );
    assert!(matches!(
        hand_action(d("2025-11-10"), "x", d("2025-11-09"), "jgz"),
        Err(WorkflowError::DueBeforeDate { .. })
    ));
}

#[test]
fn one_pause_at_a_time_and_a_resume_only_while_paused() {
    let today = d(TODAY);
    let mut c = case();
    assert_eq!(
        resume(&c, d("2025-11-18"), today),
        Err(WorkflowError::NotPaused)
    );
    let p = pause(&c, d("2025-11-13"), None, "opname", today).unwrap();
    c.events.insert("p1".into(), p);
    assert_eq!(
        pause(&c, d("2025-11-17"), None, "nog een", today),
        Err(WorkflowError::AlreadyPaused(d("2025-11-13")))
    );
    assert!(pause(&c, d("2025-11-17"), None, " ", today).is_err());
    let r = resume(&c, d("2025-11-18"), today).unwrap();
    c.events.insert("r1".into(), r);
    assert_eq!(
        pause_on(&c, d("2025-11-17"), today).map(|p| p.end),
        Some(Some(d("2025-11-17")))
    );
    assert!(pause_on(&c, d("2025-11-18"), today).is_none());
    assert!(pause(&c, d("2025-11-19"), Some(d("2025-11-18")), "x", today).is_err());
    assert_eq!(
        pause(&c, d("2025-11-21"), None, "x", today),
        Err(WorkflowError::AfterToday(d("2025-11-21")))
    );
}

#[test]
fn an_extension_needs_a_unit_and_a_reason() {
    let today = d(TODAY);
    let e = extension(
        today,
        "lvs-mail-jeugdarts-e0",
        "5 schooldagen",
        "wacht",
        today,
    )
    .unwrap();
    assert_eq!(
        e.by,
        Some(Span::new(5, crate::domain::units::Unit::SchoolDays))
    );
    assert!(matches!(
        extension(today, "a", "5", "wacht", today),
        Err(WorkflowError::Span(_))
    ));
    assert_eq!(
        extension(today, "a", "2 weken", "", today),
        Err(WorkflowError::Empty("--reason"))
    );
}

#[test]
fn a_handover_names_a_new_owner() {
    let today = d(TODAY);
    let c = case();
    assert_eq!(
        handover(&c, today, "anna", today),
        Err(WorkflowError::SameOwner("anna".into()))
    );
    assert_eq!(
        handover(&c, today, "bram", today).unwrap().owner.as_deref(),
        Some("bram")
    );
}

#[test]
fn escalation_as_written_resolves_or_says_why_not() {
    let def = EscalateDef {
        after: "5 schooldagen".into(),
        to: "teamleider".into(),
    };
    assert_eq!(def.resolve().unwrap().to, Role::Teamleider);
    let bad = EscalateDef {
        to: "baas".into(),
        ..def.clone()
    };
    assert_eq!(
        bad.resolve(),
        Err(EscalateError::UnknownRole("baas".into()))
    );
}

/// A pause on one machine and an extension on another join like any
/// events, and the engine reads both.
#[test]
fn a_pause_and_an_extension_made_apart_merge_without_conflict() {
    let base = case();
    let today = d(TODAY);
    let mut local = base.clone();
    local.events.insert(
        "p1".into(),
        pause(&base, d("2025-11-13"), None, "opname", today).unwrap(),
    );
    let mut remote = base.clone();
    remote.events.insert(
        "x1".into(),
        extension(today, "a-1", "2 weken", "wacht", today).unwrap(),
    );
    let m = crate::domain::merge::merge_case(Some(&base), &local, &remote);
    assert!(m.conflicts.is_empty());
    assert!(m.case.events.contains_key("p1") && m.case.events.contains_key("x1"));
    assert!(pause_on(&m.case, today, today).is_some());
}
