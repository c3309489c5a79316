//! Properties of the engine over generated cases (issue 11): an absence
//! entered with `--until` the last school day before a weekend or holiday
//! and one ended by `beter` on the next school day give the same answer on
//! every day; no action is overdue on the day it appears; the sliding-window
//! episodes equal a day-by-day sum.

use super::tests::{Setup, d};
use super::*;
use crate::domain::case::Level;

const ZHW: &str = "zhw-ziekteverzuim-als-signaal";

use proptest::prelude::*;

const PROTOCOLS: [&str; 6] = [
    "leerplichtwet",
    "achterhoek",
    "haaglanden",
    "utrecht-west",
    ZHW,
    "zhz-lvs",
];

/// The `back`-th school day before the next stretch of three or more
/// closed days (a holiday) from `from`: where deadlines meet holidays.
fn before_holiday(s: &Setup, from: NaiveDate, back: u64) -> NaiveDate {
    let closed = |d: NaiveDate| (1..=3).all(|i| !s.cal.is_school_day(d + chrono::Days::new(i)));
    let mut d = from;
    while !(s.cal.is_school_day(d) && closed(d)) {
        d = d.succ_opt().unwrap();
    }
    for _ in 0..back {
        d = d.pred_opt().unwrap();
        while !s.cal.is_school_day(d) {
            d = d.pred_opt().unwrap();
        }
    }
    d
}

/// Everything the engine says on one day, in comparable form.
fn answer(s: &Setup, day: NaiveDate) -> String {
    let e = s.eval(&day.to_string());
    let actions: Vec<_> = e
        .actions
        .iter()
        .map(|a| (&a.rule, a.triggered, a.due, a.status, a.done_on))
        .collect();
    format!(
        "{:?} {:?} {:?} {:?}",
        e.signals, e.history, actions, e.class
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn until_the_last_school_day_equals_beter_on_the_next(
        protocol in 0..PROTOCOLS.len(),
        level in 0..2usize,
        start in 0u64..330,
        school_days in 1u32..40,
        earlier in proptest::collection::vec(0u64..300, 0..4),
    ) {
        let level = [Level::Vo, Level::Po][level];
        let mut a = Setup::new(PROTOCOLS[protocol], level);
        let mut b = Setup::new(PROTOCOLS[protocol], level);
        let base = d("2025-08-25");
        let first = a.cal.nth_school_day_from(base + chrono::Days::new(start), 1);
        // Earlier one-day sick reports, the same in both.
        for e in earlier.iter().map(|e| base + chrono::Days::new(*e)).filter(|e| *e + chrono::Days::new(2) < first) {
            a.add("ziek", &e.to_string()).until = Some(e);
            b.add("ziek", &e.to_string()).until = Some(e);
        }
        // The last school day before a weekend or holiday.
        let mut last = a.cal.nth_school_day_from(first, school_days);
        while a.cal.is_school_day(last.succ_opt().unwrap()) {
            last = last.succ_opt().unwrap();
        }
        let back = a.cal.nth_school_day_after(last, 1);
        a.add("ziek", &first.to_string()).until = Some(last);
        b.add("ziek", &first.to_string());
        b.add("beter", &back.to_string());
        let mut day = first;
        while day <= back + chrono::Days::new(30) {
            prop_assert_eq!(answer(&a, day), answer(&b, day), "on {}", day);
            day = day.succ_opt().unwrap();
        }
    }

    #[test]
    fn no_action_is_overdue_on_the_day_it_appears(
        events in proptest::collection::vec((0usize..5, 0u64..120, 0u64..3, 0u64..30), 1..6),
    ) {
        const KINDS: [&str; 5] = ["ziek", "ongeoorloofd", "luxe", "aanmelding-jgz", "weigering-jgz"];
        for protocol in PROTOCOLS {
            let mut s = Setup::new(protocol, Level::Vo);
            let base = d("2025-09-15");
            for &(kind, offset, back, len) in &events {
                let kind = KINDS[kind];
                if s.protocol.kind(kind).is_none() {
                    continue;
                }
                let date = before_holiday(&s, base + chrono::Days::new(offset), back);
                let e = s.add(kind, &date.to_string());
                if kind != "aanmelding-jgz" && kind != "weigering-jgz" {
                    e.until = Some(date + chrono::Days::new(len));
                }
            }
            let mut seen = std::collections::BTreeSet::new();
            let mut day = base;
            while day <= base + chrono::Days::new(150) {
                for a in s.eval(&day.to_string()).actions {
                    prop_assert!(
                        a.status != ActionStatus::Overdue || seen.contains(&a.id),
                        "{}: {} overdue on {} when it first appears", protocol, a.id, day
                    );
                    seen.insert(a.id);
                }
                day = day.succ_opt().unwrap();
            }
        }
    }
    #[test]
    fn episodes_match_a_day_by_day_sum(
        amounts in proptest::collection::vec((0u64..400, 1u32..9), 0..25),
        unit in 0usize..7,
        n in 1u32..13,
        threshold in 1u32..20,
        today in 0u64..450,
    ) {
        use crate::domain::units::{Span, Unit};
        let units = [Unit::Days, Unit::SchoolDays, Unit::Weeks, Unit::SchoolWeeks, Unit::WorkingDays, Unit::Months, Unit::SchoolYear];
        let window = Span::new(n, units[unit]);
        let s = Setup::new("leerplichtwet", Level::Vo);
        let base = d("2025-08-01");
        let today = base + chrono::Days::new(today);
        let mut amounts: Vec<(NaiveDate, f64)> = amounts
            .into_iter()
            .map(|(o, a)| (base + chrono::Days::new(o), f64::from(a)))
            .collect();
        amounts.sort_by_key(|(d, _)| *d);
        let tl = super::timeline::Timeline::new(&s.case, &s.protocol, &s.cal, super::today::Today::new(today));
        let fast = super::signals::episodes(&tl, &amounts, f64::from(threshold), window);
        // The reference: the sum over the window on every single day.
        let mut slow: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
        let mut open = None;
        let mut day = amounts.first().map(|a| a.0).unwrap_or(today + chrono::Days::new(1));
        while day <= today {
            let sum: f64 = amounts.iter().filter(|(a, _)| s.cal.within(*a, day, window)).map(|(_, x)| x).sum();
            match (open, sum >= f64::from(threshold)) {
                (None, true) => open = Some(day),
                (Some(start), false) => { slow.push((start, day.pred_opt())); open = None; }
                _ => {}
            }
            day = day.succ_opt().unwrap();
        }
        if let Some(start) = open { slow.push((start, None)); }
        let fast: Vec<_> = fast.into_iter().map(|e| (e.start, e.end)).collect();
        prop_assert_eq!(fast, slow);
    }
}
