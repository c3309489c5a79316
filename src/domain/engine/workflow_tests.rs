//! Issue 14 at its boundaries: pauses, extensions, escalation, actions
//! added by hand and consent, on the shipped protocols and the real
//! 2025-2026 calendar (no holiday in November).

use super::tests::{Setup, d};
use super::*;
use crate::domain::case::Level;
use crate::domain::units::{Span, Unit};
use crate::domain::workflow::Escalation;

const ZHZ: &str = "zhz-lvs";
/// After `aanmelding-jgz`, due in 5 school days.
const MAIL: &str = "lvs-mail-jeugdarts";

/// A registration on Monday 10 Nov 2025: the mail is due Monday 17 Nov.
fn registered() -> Setup {
    let mut s = Setup::new(ZHZ, Level::Vo);
    s.add("aanmelding-jgz", "2025-11-10");
    s
}

fn mail(s: &Setup, today: &str) -> Action {
    s.action(today, MAIL).expect("the mail action")
}

fn pause(s: &mut Setup, from: &str, until: Option<&str>) {
    let e = s.add("pauze", from);
    e.reason = Some("ziekenhuisopname".into());
    e.until = until.map(d);
}

#[test]
fn a_pause_shifts_a_five_school_day_deadline_across_the_weekend() {
    let mut s = registered();
    assert_eq!(mail(&s, "2025-11-18").due, d("2025-11-17"));
    assert_eq!(mail(&s, "2025-11-18").status, ActionStatus::Overdue);
    // Thursday and Friday paused: two school days; the weekend is no
    // school day, so the deadline lands on Wednesday.
    pause(&mut s, "2025-11-13", Some("2025-11-14"));
    let a = mail(&s, "2025-11-18");
    assert_eq!(a.due, d("2025-11-19"));
    assert_eq!(a.status, ActionStatus::Open);
    assert!(!a.paused());
    match &a.shifts[..] {
        [
            Shift::Pause {
                school_days: 2,
                reason,
                ..
            },
        ] => assert_eq!(reason, "ziekenhuisopname"),
        other => panic!("{other:?}"),
    }
    assert_eq!(mail(&s, "2025-11-20").status, ActionStatus::Overdue);
}

#[test]
fn a_pause_does_not_hold_an_action_done_on_its_first_day_or_during_it() {
    let mut s = registered();
    let id = mail(&s, "2025-11-12").id;
    s.add("afgerond", "2025-11-13").action = Some(id.to_string());
    pause(&mut s, "2025-11-13", None);
    let a = mail(&s, "2025-11-17");
    assert_eq!(a.status, ActionStatus::Done);
    assert_eq!((a.due, a.paused()), (d("2025-11-17"), false));
    // Done on Friday 14th, the pause's second day: one school day (13th)
    // moved it, and the pause running on does not hold it.
    let mut s = registered();
    pause(&mut s, "2025-11-13", None);
    s.add("afgerond", "2025-11-14").action = Some(id.to_string());
    let a = mail(&s, "2025-11-19");
    assert_eq!(a.status, ActionStatus::Done);
    assert!(!a.paused());
}

#[test]
fn a_running_pause_stops_the_clock_until_it_is_resumed() {
    let mut s = registered();
    pause(&mut s, "2025-11-13", None);
    // Monday 17th: 13, 14 and 17 paused; due three school days later.
    let a = mail(&s, "2025-11-17");
    assert_eq!((a.due, a.status), (d("2025-11-20"), ActionStatus::Open));
    assert!(a.paused());
    // Still paused a week on: never overdue while the clock stands still.
    assert_eq!(mail(&s, "2025-11-28").status, ActionStatus::Open);
    // Resumed on Wednesday 19th: 13, 14, 17, 18 paused (4 school days).
    s.add("hervatting", "2025-11-19");
    let a = mail(&s, "2025-11-21");
    assert_eq!(a.due, d("2025-11-21"));
    assert!(!a.paused());
    assert_eq!(mail(&s, "2025-11-24").status, ActionStatus::Overdue);
}

#[test]
fn a_pause_after_the_due_date_or_withdrawn_changes_nothing() {
    let mut s = registered();
    pause(&mut s, "2025-11-18", Some("2025-11-20"));
    assert_eq!(mail(&s, "2025-11-21").due, d("2025-11-17"));
    let mut s = registered();
    pause(&mut s, "2025-11-13", Some("2025-11-14"));
    s.case.events.get_mut("e001").unwrap().withdrawn = Some("vergissing".into());
    assert_eq!(mail(&s, "2025-11-18").due, d("2025-11-17"));
}

#[test]
fn extensions_stack_each_with_its_reason() {
    let mut s = registered();
    let id = mail(&s, "2025-11-12").id;
    let extend = |s: &mut Setup, on: &str, by: Span, why: &str| {
        let e = s.add("verlenging", on);
        e.action = Some(id.to_string());
        e.by = Some(by);
        e.reason = Some(why.into());
    };
    extend(
        &mut s,
        "2025-11-12",
        Span::new(5, Unit::SchoolDays),
        "wacht op school",
    );
    assert_eq!(mail(&s, "2025-11-12").due, d("2025-11-24"));
    extend(
        &mut s,
        "2025-11-20",
        Span::new(1, Unit::Weeks),
        "consulent ziek",
    );
    let a = mail(&s, "2025-11-25");
    assert_eq!((a.due, a.status), (d("2025-12-01"), ActionStatus::Open));
    let reasons: Vec<&str> = a
        .shifts
        .iter()
        .map(|s| match s {
            Shift::Extension { reason, .. } => reason.as_str(),
            Shift::Pause { .. } => "pause",
        })
        .collect();
    assert_eq!(reasons, ["wacht op school", "consulent ziek"]);
}

fn escalations(s: &Setup, today: &str) -> Vec<Action> {
    s.eval(today)
        .actions
        .into_iter()
        .filter(|a| a.rule == crate::domain::workflow::ESCALATION_RULE)
        .collect()
}

const TEAM_LEAD: Escalation = Escalation {
    after: Span::new(5, Unit::SchoolDays),
    to: Role::Teamleider,
};

#[test]
fn an_overdue_action_escalates_on_the_fifth_school_day_to_the_team_lead() {
    let mut s = registered();
    let rule = s.protocol.rules.iter_mut().find(|r| r.id == MAIL).unwrap();
    rule.escalate = Some(TEAM_LEAD);
    // Due Monday 17th; five school days later is Monday 24th.
    assert!(escalations(&s, "2025-11-21").is_empty());
    let [e] = &escalations(&s, "2025-11-24")[..] else {
        panic!("one escalation")
    };
    assert_eq!(
        (e.role, e.due, e.status),
        (Role::Teamleider, d("2025-11-24"), ActionStatus::Open)
    );
    assert_eq!(
        e.escalation_of.as_deref(),
        Some(mail(&s, "2025-11-24").id.as_str())
    );
    assert_eq!(
        escalations(&s, "2025-11-25")[0].status,
        ActionStatus::Overdue
    );
    // Done after the escalation: both are done.
    s.add("melding-leerplicht", "2025-11-26");
    assert_eq!(escalations(&s, "2025-11-27")[0].status, ActionStatus::Done);
    // Done in time: no escalation at all.
    let mut s = registered();
    s.protocol.escalate = Some(TEAM_LEAD);
    s.add("melding-leerplicht", "2025-11-21");
    assert!(escalations(&s, "2025-12-01").is_empty());
}

#[test]
fn the_repository_escalation_covers_rules_without_their_own() {
    let mut s = registered();
    s.protocol.escalate = Some(Escalation {
        after: Span::new(1, Unit::Weeks),
        to: Role::Leerplicht,
    });
    let e = escalations(&s, "2025-11-24");
    assert!(
        e.iter()
            .any(|e| e.role == Role::Leerplicht && e.due == d("2025-11-24"))
    );
}

#[test]
fn an_action_added_by_hand_is_open_overdue_and_done_like_a_derived_one() {
    let mut s = Setup::new(ZHZ, Level::Vo);
    let e = s.add("actie", "2025-11-10");
    e.title = Some("Huisbezoek plannen".into());
    e.due = Some(d("2025-11-14"));
    e.role = Some("leerplicht".into());
    let a = s.action("2025-11-14", "actie").unwrap();
    assert_eq!(
        (a.id.as_str(), a.status),
        ("actie-e000", ActionStatus::Open)
    );
    assert_eq!(
        (a.title.as_str(), a.role),
        ("Huisbezoek plannen", Role::Leerplicht)
    );
    assert_eq!(
        s.action("2025-11-17", "actie").unwrap().status,
        ActionStatus::Overdue
    );
    s.protocol.escalate = Some(TEAM_LEAD);
    assert_eq!(escalations(&s, "2025-11-21").len(), 1);
    let done = s.add(crate::domain::event::DONE_KIND, "2025-11-17");
    done.action = Some("actie-e000".into());
    assert_eq!(
        s.action("2025-11-18", "actie").unwrap().status,
        ActionStatus::Done
    );
}

#[test]
fn feedback_na_toestemming_shows_whether_consent_is_on_record() {
    let mut s = Setup::new("utrecht-west", Level::Vo);
    // Born 2011-01-01: 14 in November 2025, so pupil and parents.
    s.add("consult", "2025-11-10").outcome = Some("verschenen".into());
    let check = |s: &Setup| {
        s.action("2025-11-12", "jgz-terugkoppeling")
            .unwrap()
            .consent
            .unwrap()
    };
    let c = check(&s);
    assert_eq!(c.scope, "terugkoppeling-school");
    assert_eq!(
        c.missing,
        vec![
            crate::domain::consent::Subject::Leerling,
            crate::domain::consent::Subject::Ouders
        ]
    );
    for who in ["leerling", "ouders"] {
        let e = s.add("toestemming", "2025-11-10");
        e.subject = Some(who.into());
        e.scope = Some("terugkoppeling-school".into());
    }
    assert!(check(&s).given());
}

#[test]
fn a_pause_that_begins_today_holds_an_action_due_later_before_any_day_passed() {
    let mut s = registered();
    pause(&mut s, "2025-11-14", None);
    let a = mail(&s, "2025-11-14");
    assert!(a.paused());
    assert_eq!(
        a.due,
        d("2025-11-18"),
        "Friday 14th paused: one school day on"
    );
    let mut s = registered();
    pause(&mut s, "2025-11-10", None);
    let a = mail(&s, "2025-11-10");
    assert!(
        a.paused() && a.due == d("2025-11-17"),
        "nothing paused after it began yet"
    );
}
