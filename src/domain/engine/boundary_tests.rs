//! Issue 11: the engine at every boundary. One test per behaviour the audit
//! found wrong (each fails on the engine before the fix), tests for the
//! rules added from the sources, and the property that the same absence
//! gives the same answer however it was entered.

use super::tests::{Setup, d};
use super::*;
use crate::domain::case::Level;

const ZHW: &str = "zhw-ziekteverzuim-als-signaal";

fn ziek(s: &mut Setup, from: &str, until: &str) {
    s.add("ziek", from).until = Some(d(until));
}

fn holds(s: &Setup, today: &str, rule: &str) -> bool {
    s.eval(today).signals.iter().any(|x| x.rule == rule)
}

fn actions(s: &Setup, today: &str, rule: &str) -> Vec<(NaiveDate, ActionStatus)> {
    let mut v: Vec<_> = s
        .eval(today)
        .actions
        .into_iter()
        .filter(|a| a.rule == rule)
        .map(|a| (a.triggered, a.status))
        .collect();
    v.sort();
    v
}

/// Five unauthorised hours on each Monday from `from` for `weeks` weeks.
fn weekly_hours(s: &mut Setup, from: &str, weeks: u64) {
    for w in 0..weeks {
        let day = d(from) + chrono::Days::new(7 * w);
        if s.cal.is_school_day(day) {
            s.add("ongeoorloofd", &day.to_string()).hours = Some(5.0);
        }
    }
}

#[test]
fn b2_signaalverzuim_holds_while_the_window_holds_and_fires_again() {
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    weekly_hours(&mut s, "2025-09-01", 18); // Mondays 1 Sep - 29 Dec (holidays skipped)
    assert_eq!(
        s.fired("2026-01-05", "signaalverzuim"),
        vec![d("2025-09-22")]
    );
    assert!(
        holds(&s, "2025-12-19", "signaalverzuim"),
        "the last 4 school weeks still hold 20 hours"
    );
    s.add("melding-leerplicht", "2025-09-24");
    // Absence stops; the window empties in January and the signal ends.
    assert!(!holds(&s, "2026-01-26", "signaalverzuim"));
    // It starts again: a new occurrence and a new DUO-melding.
    weekly_hours(&mut s, "2026-02-02", 5); // 2, 9, 23 Feb, 2 Mar: the voorjaarsvakantie between
    assert_eq!(
        s.fired("2026-03-06", "signaalverzuim"),
        vec![d("2025-09-22"), d("2026-03-02")]
    );
    assert_eq!(
        actions(&s, "2026-03-06", "duo-melding"),
        vec![
            (d("2025-09-22"), ActionStatus::Done),
            (d("2026-03-02"), ActionStatus::Open)
        ]
    );
}

#[test]
fn b2_weekly_sick_reports_keep_haaglanden_signal() {
    let mut s = Setup::new("haaglanden", Level::Vo);
    for w in 0..20u64 {
        let day = d("2025-09-01") + chrono::Days::new(7 * w);
        if s.cal.is_school_day(day) {
            ziek(&mut s, &day.to_string(), &day.to_string());
        }
    }
    assert_eq!(
        s.fired("2026-01-16", "ziekmeldingen-vo"),
        vec![d("2025-09-22")]
    );
    assert!(
        holds(&s, "2026-01-16", "ziekmeldingen-vo"),
        "more than 12 school weeks after the 4th, still 4 in the window"
    );
}

#[test]
fn b3_achterhoek_holiday_days_are_no_sick_days() {
    // Sick Fri 19 Dec, back Mon 5 Jan: one school day missed.
    let mut s = Setup::new("achterhoek", Level::Vo);
    s.add("ziek", "2025-12-19");
    s.add("beter", "2026-01-05");
    assert!(s.fired("2026-02-01", "ziek-twee-weken").is_empty());
    assert!(s.action("2026-02-01", "aanmelding-jeugdarts").is_none());
}

#[test]
fn b3_utrecht_sick_before_summer_is_geel_on_31_august() {
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("ziek", "2026-07-17");
    let class = s.eval("2026-08-31").class.unwrap();
    assert_eq!(class.colour.as_deref(), Some("geel"), "2 school days");
}

#[test]
fn b4_until_friday_and_beter_monday_give_the_same_signal() {
    let mut until = Setup::new("achterhoek", Level::Vo);
    ziek(&mut until, "2025-11-03", "2025-11-14");
    let mut beter = Setup::new("achterhoek", Level::Vo);
    beter.add("ziek", "2025-11-03");
    beter.add("beter", "2025-11-17");
    let fired = until.fired("2025-12-01", "ziek-twee-weken");
    assert_eq!(fired, vec![d("2025-11-14")]);
    assert_eq!(fired, beter.fired("2025-12-01", "ziek-twee-weken"));
    // The extension ends where the pupil is reported back.
    let mut back = Setup::new("achterhoek", Level::Vo);
    ziek(&mut back, "2025-11-03", "2025-11-14");
    back.add("beter", "2025-11-15");
    assert_eq!(
        back.fired("2025-12-01", "ziek-twee-weken"),
        vec![d("2025-11-14")]
    );
}

#[test]
fn b4_zhz_thuiszitter_absent_until_friday() {
    let mut s = Setup::new("zhz-lvs", Level::Vo);
    s.add("ongeoorloofd", "2025-11-03").until = Some(d("2025-11-28"));
    assert_eq!(s.fired("2025-12-05", "thuiszitter"), vec![d("2025-11-28")]);
}

#[test]
fn b6_part_day_absence_makes_no_thuiszitter() {
    let mut s = Setup::new("utrecht-west", Level::Vo);
    let mut day = d("2025-09-01");
    while day <= d("2025-10-03") {
        if s.cal.is_school_day(day) {
            s.add("ongeoorloofd", &day.to_string()).hours = Some(1.0);
        }
        day = day.succ_opt().unwrap();
    }
    let e = s.eval("2025-10-03");
    assert!(e.history.iter().all(|x| x.rule != "thuiszitter"));
    assert!(e.class.is_none(), "no type 3");
    assert!(e.actions.iter().all(|a| a.rule != "thuiszitters-overleg"));
    assert!(
        e.signals.iter().any(|x| x.rule == "signaalverzuim"),
        "the hours still count as hours"
    );
}

#[test]
fn b8_mentor_contact_is_not_overdue_when_it_appears() {
    // Sick Thu 16 Oct: the 3rd school day is Mon 27 Oct, after the holiday.
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("ziek", "2025-10-16");
    assert!(s.action("2025-10-24", "mentor-contact").is_none());
    let a = s.action("2025-10-27", "mentor-contact").unwrap();
    assert_eq!((a.due, a.status), (d("2025-10-30"), ActionStatus::Open));
}

#[test]
fn b8_direct_is_the_next_school_day_in_every_protocol() {
    let mut h = Setup::new("haaglanden", Level::Vo);
    h.add("weigering-jgz", "2025-10-17");
    assert_eq!(
        h.action("2025-10-20", "duo-melding-weigering-jgz")
            .unwrap()
            .due,
        d("2025-10-27")
    );
    let mut u = Setup::new("utrecht-west", Level::Vo);
    u.add("luxe", "2025-10-17");
    assert_eq!(
        u.action("2025-10-20", "duo-melding").unwrap().due,
        d("2025-10-27")
    );
}

#[test]
fn zhw_invites_registers_and_reports() {
    let mut s = Setup::new(ZHW, Level::Vo);
    ziek(&mut s, "2025-09-01", "2025-09-09"); // 7th school day Tue 9 Sep
    let a = s.action("2025-09-10", "uitnodiging-school").unwrap();
    assert_eq!(a.due, d("2025-09-16"));
    assert!(a.local_term);
    s.add("aanmelding-jgz", "2025-09-15");
    assert_eq!(
        s.action("2025-09-15", "zorgmelding-leerplicht")
            .unwrap()
            .role,
        Role::Leerplicht
    );
    s.add("verzuim-niet-verminderd", "2025-11-03");
    assert_eq!(
        s.action("2025-11-03", "melding-na-advies").unwrap().due,
        d("2025-11-10")
    );
}

#[test]
fn zhz_reports_to_lvs() {
    let mut s = Setup::new("zhz-lvs", Level::Vo);
    s.add("aanmelding-jgz", "2025-09-15");
    assert!(s.action("2025-09-15", "lvs-mail-jeugdarts").is_some());
    s.add("schorsing-verwijdering", "2025-10-01");
    let a = s.action("2025-10-01", "lvs-melding-overig").unwrap();
    assert_eq!(a.due, d("2025-10-06"));
    s.add("melding-leerplicht", "2025-10-02");
    assert_eq!(
        s.action("2025-10-02", "lvs-melding-overig").unwrap().status,
        ActionStatus::Done
    );
}

#[test]
fn haaglanden_illness_not_established_becomes_unauthorised() {
    let mut s = Setup::new("haaglanden", Level::Vo);
    s.add("ziekte-niet-vastgesteld", "2025-10-17");
    assert_eq!(
        s.action("2025-10-17", "ongeoorloofd-na-ziekte")
            .unwrap()
            .due,
        d("2025-10-27")
    );
    assert!(s.action("2025-10-17", "mdo-na-ziekte").unwrap().local_term);
}

#[test]
fn utrecht_reports_to_the_jeugdarts_directly() {
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("ziek", "2025-10-06"); // 5 days in a month on Fri 10 Oct
    let a = s.action("2025-10-10", "melding-jeugdarts").unwrap();
    assert_eq!((a.due, a.local_term), (d("2025-10-13"), false));
}

#[test]
fn utrecht_talk_at_the_16_hours_norm() {
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("ongeoorloofd", "2025-09-01").hours = Some(16.0);
    let a = s.action("2025-09-01", "gesprek-signaalverzuim").unwrap();
    assert_eq!((a.due, a.local_term), (d("2025-09-08"), true));
}

#[test]
fn utrecht_escalation_within_ten_working_days() {
    // Koningsdag (Mon 27 Apr) and Bevrijdingsdag (Tue 5 May) are no working
    // days; the meivakantie is.
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("escalatie-swv", "2026-04-24");
    assert_eq!(
        s.action("2026-04-24", "escalatie-toegang").unwrap().due,
        d("2026-05-12")
    );
}

#[test]
fn utrecht_vrijstelling_for_a_year_is_renewed() {
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("vrijstelling", "2025-09-01").until = Some(d("2026-07-31"));
    assert_eq!(
        s.action("2025-09-01", "vrijstelling-verlenging")
            .unwrap()
            .due,
        d("2026-09-01")
    );
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("vrijstelling", "2025-09-01");
    assert!(
        s.action("2026-10-01", "vrijstelling-verlenging").is_none(),
        "indefinite: no renewal"
    );
}

#[test]
fn utrecht_three_months_at_home() {
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("ongeoorloofd", "2025-09-01").until = Some(d("2025-12-31"));
    assert!(
        s.fired("2025-12-05", "drie-maanden-thuis").is_empty(),
        "65 school days"
    );
    assert_eq!(
        s.fired("2025-12-08", "drie-maanden-thuis"),
        vec![d("2025-12-08")]
    );
}

#[test]
fn an_exemption_ends_on_its_own_date() {
    // A vrijstelling is no absence: it does not continue through the summer.
    let mut s = Setup::new("utrecht-west", Level::Vo);
    s.add("vrijstelling", "2025-09-01").until = Some(d("2026-07-17"));
    assert!(s.eval("2026-07-17").class.is_some());
    assert!(s.eval("2026-07-18").class.is_none());
}
