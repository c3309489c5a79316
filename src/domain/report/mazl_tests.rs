//! The M@ZL figures on a generated caseload, counted independently: in
//! September 2025 (no holidays) two school weeks are 14 days.

use super::mazl::{self, Filter, MazlDefs};
use super::tests::{case, caseload, d, with};
use crate::domain::case::Case;
use crate::store::embedded;
use chrono::{Duration, NaiveDate};

fn defs() -> MazlDefs {
    let text = embedded::REPORTS
        .iter()
        .find(|(n, _)| *n == "mazl.toml")
        .unwrap()
        .1;
    MazlDefs::parse("mazl.toml", text).unwrap()
}

fn ev(c: Case, kind: &str, date: NaiveDate, outcome: Option<&str>) -> Case {
    let mut c = with(c, kind, date, None);
    let last = format!("ev{}", c.events.len() - 1);
    c.events.get_mut(last.as_str()).unwrap().outcome = outcome.map(str::to_string);
    c
}

const OUTCOMES: [&str; 3] = ["verschenen", "afgemeld", "niet-verschenen"];

/// Registration on 1-12 September; invitation after `i % 8` days (none for
/// `i % 4 == 3`); consult after `i % 20` days with outcome `i % 3`;
/// feedback `i % 10` days after an attended consult; follow-up for even
/// `i`; sick reports 10 days before, 30 days after and 100 days before.
fn generated() -> Vec<Case> {
    (0..36)
        .map(|i| {
            let reg = d("2025-09-01") + Duration::days(i as i64 % 12);
            let consult = reg + Duration::days(i as i64 % 20);
            let mut c = ev(
                case(i, "utrecht-west", "Woerden"),
                "aanmelding-jgz",
                reg,
                None,
            );
            if i % 4 != 3 {
                c = ev(
                    c,
                    "uitnodiging-jgz",
                    reg + Duration::days(i as i64 % 8),
                    None,
                );
            }
            let outcome = OUTCOMES[i % 3];
            c = ev(c, "consult", consult, Some(outcome));
            if outcome == "verschenen" {
                c = ev(
                    c,
                    "terugkoppeling",
                    consult + Duration::days(i as i64 % 10),
                    None,
                );
                if i % 2 == 0 {
                    c = ev(c, "follow-up", consult + Duration::days(60), None);
                }
                for off in [-10, 30, -100] {
                    c = ev(c, "ziek", consult + Duration::days(off), None);
                }
            }
            c
        })
        .collect()
}

#[test]
fn mazl_shares_match_an_independent_count() {
    let cl = caseload(generated());
    let filter = Filter {
        school: None,
        from: d("2025-08-01"),
        to: d("2026-03-01"),
    };
    let m = mazl::compute(&cl, &defs(), &filter);
    let (mut inv, mut con, mut fb, mut fu, mut attended) = (0, 0, 0, 0, 0);
    for i in 0..36usize {
        let (c_off, inv_off) = (i as i64 % 20, i as i64 % 8);
        let first = if i % 4 != 3 {
            inv_off.min(c_off)
        } else {
            c_off
        };
        inv += usize::from(first <= 5);
        con += usize::from(c_off <= 14);
        if i % 3 == 0 {
            attended += 1;
            fb += usize::from(i % 10 <= 7);
            fu += usize::from(i % 2 == 0);
        }
    }
    let t = &m.total;
    assert_eq!(t.registrations, 36);
    assert_eq!(
        (t.norms["uitnodiging"].met, t.norms["uitnodiging"].of),
        (inv, 36)
    );
    assert_eq!((t.norms["consult"].met, t.norms["consult"].of), (con, 36));
    assert_eq!(
        (t.norms["terugkoppeling"].met, t.norms["terugkoppeling"].of),
        (fb, attended)
    );
    assert_eq!(
        (t.norms["follow-up"].met, t.norms["follow-up"].of),
        (fu, attended)
    );
    assert_eq!(t.consults["verschenen"], attended);
    assert_eq!(t.consults["niet-verschenen"], 12);
    assert_eq!((t.sick_before, t.sick_after), (attended, attended));
    let per_school: usize = m.rows.iter().map(|r| r.figures.registrations).sum();
    assert_eq!(per_school, 36);
    assert_eq!(
        m.rows
            .iter()
            .filter(|r| r.school == "School 1")
            .map(|r| r.figures.registrations)
            .sum::<usize>(),
        12
    );
}

#[test]
fn mazl_filters_by_school_and_period_and_names_the_trigger() {
    let cl = caseload(generated());
    let filter = Filter {
        school: Some("school 2".into()),
        from: d("2025-09-05"),
        to: d("2026-03-01"),
    };
    let m = mazl::compute(&cl, &defs(), &filter);
    let want = (0..36).filter(|i| i % 3 == 2 && i % 12 >= 4).count();
    assert_eq!(m.total.registrations, want);
    // Sick 6 school days in a row, then registered: the trigger is the rule.
    let c = with(
        case(90, "utrecht-west", "Woerden"),
        "ziek",
        d("2025-09-01"),
        Some(d("2025-09-08")),
    );
    let c = ev(c, "aanmelding-jgz", d("2025-09-10"), None);
    let m = mazl::compute(
        &caseload(vec![c]),
        &defs(),
        &Filter {
            school: None,
            ..filter
        },
    );
    assert_eq!(m.rows[0].trigger, "ziek-aaneengesloten");
}

#[test]
fn advice_categories_withdrawn_events_and_only_passed_windows() {
    let advices = [
        Some("Deels: drie ochtenden"),
        Some("volledig"),
        Some("medisch geheim detail"),
        None,
    ];
    let mut cases: Vec<Case> = advices
        .iter()
        .enumerate()
        .map(|(i, advice)| {
            let c = ev(
                case(i, "utrecht-west", "Woerden"),
                "aanmelding-jgz",
                d("2025-09-01"),
                None,
            );
            let c = ev(c, "consult", d("2025-09-15"), Some("verschenen"));
            let mut c = ev(c, "terugkoppeling", d("2025-09-18"), None);
            let last = format!("ev{}", c.events.len() - 1);
            c.events.get_mut(last.as_str()).unwrap().advice = advice.map(str::to_string);
            let c = ev(c, "ziek", d("2025-09-05"), None);
            ev(c, "ziek", d("2025-10-15"), None)
        })
        .collect();
    let mut withdrawn = ev(
        case(9, "utrecht-west", "Woerden"),
        "aanmelding-jgz",
        d("2025-09-02"),
        None,
    );
    withdrawn.events.get_mut("ev0").unwrap().withdrawn = Some("verkeerde leerling".into());
    cases.push(withdrawn);
    let cl = caseload(cases);
    let filter = |to: &str| Filter {
        school: None,
        from: d("2025-08-01"),
        to: d(to),
    };
    let m = mazl::compute(&cl, &defs(), &filter("2026-03-01"));
    let t = &m.total;
    assert_eq!(
        t.registrations, 4,
        "the withdrawn registration counts for nothing"
    );
    let advice: Vec<(&str, usize)> = t.advice.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        advice,
        [("deels", 1), ("geen", 1), ("overig", 1), ("volledig", 1)]
    );
    assert_eq!((t.sick_consults, t.sick_before, t.sick_after), (4, 4, 4));
    let json = serde_json::to_string(&m).unwrap();
    assert!(
        !json.contains("geheim") && !json.contains("ochtenden"),
        "{json}"
    );
    // On 1 November the 12 weeks after the consult have not passed.
    let m = mazl::compute(&cl, &defs(), &filter("2025-11-01"));
    assert_eq!(
        (
            m.total.sick_consults,
            m.total.sick_before,
            m.total.sick_after
        ),
        (0, 0, 0)
    );
    assert_eq!(m.total.registrations, 4);
}

#[test]
fn an_invitation_marked_done_meets_the_invitation_norm_like_its_own_event() {
    let filter = Filter {
        school: None,
        from: d("2025-09-01"),
        to: d("2025-10-01"),
    };
    let invited = |i: usize, done: bool, day: &str| {
        let c = ev(
            case(i, "utrecht-west", "Woerden"),
            "aanmelding-jgz",
            d("2025-09-01"),
            None,
        );
        if !done {
            return ev(c, "uitnodiging-jgz", d(day), None);
        }
        let mut c = ev(c, crate::domain::event::DONE_KIND, d(day), None);
        let last = format!("ev{}", c.events.len() - 1);
        c.events.get_mut(last.as_str()).unwrap().action = Some("jgz-uitnodiging-a4qa7mnz".into());
        c
    };
    // Both ways of recording the step, on day 2 (within 5 days) and day 9.
    for done in [false, true] {
        let cases = vec![
            invited(1, done, "2025-09-03"),
            invited(2, done, "2025-09-10"),
        ];
        let m = mazl::compute(&caseload(cases), &defs(), &filter);
        let n = &m.total.norms["uitnodiging"];
        assert_eq!((n.met, n.of), (1, 2), "done = {done}");
    }
}
