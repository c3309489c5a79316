//! Boundary tests for the school calendar: closed days, school-day,
//! school-week and working-day arithmetic.

use super::*;

fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

/// Midden 2025-2026 herfstvakantie only, enough for boundary tests.
fn midden() -> SchoolCalendar {
    let file = CalendarFile {
        school_year: "2025-2026".into(),
        note: None,
        holidays: vec![Holiday {
            name: "Herfstvakantie".into(),
            regions: vec![Region::Midden],
            from: d("2025-10-18"),
            to: d("2025-10-26"),
            status: None,
            source: "test".into(),
        }],
        free_days: vec![FreeDay {
            name: "x".into(),
            date: d("2025-11-03"),
            source: "t".into(),
        }],
        public_holidays: vec![FreeDay {
            name: "Koningsdag".into(),
            date: d("2026-04-27"),
            source: "t".into(),
        }],
    };
    SchoolCalendar::build(&[file], Region::Midden, None)
}

#[test]
fn weekends_holidays_and_free_days_are_closed() {
    let cal = midden();
    assert!(cal.is_school_day(d("2025-10-17")));
    assert!(!cal.is_school_day(d("2025-10-20")));
    assert!(!cal.is_school_day(d("2025-11-01")));
    assert!(!cal.is_school_day(d("2025-11-03")));
    assert!(cal.covers(d("2026-03-01")));
    assert!(!cal.covers(d("2027-03-01")));
}

#[test]
fn school_days_skip_holiday_week() {
    let cal = midden();
    // Fri 17 Oct + 1 school day = Mon 27 Oct (after the herfstvakantie).
    assert_eq!(
        cal.add(d("2025-10-17"), Span::new(1, Unit::SchoolDays)),
        d("2025-10-27")
    );
    assert_eq!(
        cal.school_days_between(d("2025-10-13"), d("2025-10-31")),
        10
    );
}

#[test]
fn school_weeks_skip_holiday_week() {
    let cal = midden();
    // Week of 13 Oct and week of 27 Oct are consecutive school weeks.
    assert!(cal.within(
        d("2025-10-13"),
        d("2025-10-31"),
        Span::new(2, Unit::SchoolWeeks)
    ));
    assert!(!cal.within(
        d("2025-10-13"),
        d("2025-10-31"),
        Span::new(1, Unit::SchoolWeeks)
    ));
    assert_eq!(
        cal.add(d("2025-10-15"), Span::new(1, Unit::SchoolWeeks)),
        d("2025-10-29")
    );
}

#[test]
fn reached_counts_start_day() {
    let cal = midden();
    // Sick from Mon 6 Oct: 7th school day is Tue 14 Oct.
    assert_eq!(
        cal.reached(d("2025-10-06"), Span::new(7, Unit::SchoolDays), false),
        d("2025-10-14")
    );
    assert_eq!(
        cal.reached(d("2025-10-06"), Span::new(7, Unit::SchoolDays), true),
        d("2025-10-15")
    );
    assert_eq!(
        cal.reached(d("2025-09-01"), Span::new(4, Unit::Weeks), false),
        d("2025-09-28")
    );
    assert_eq!(
        cal.reached(d("2025-09-01"), Span::new(4, Unit::Weeks), true),
        d("2025-09-29")
    );
}

#[test]
fn working_days_skip_public_holidays_not_school_holidays() {
    let cal = midden();
    // The herfstvakantie week holds five working days.
    assert_eq!(
        cal.working_days_between(d("2025-10-17"), d("2025-10-27")),
        7
    );
    assert_eq!(
        cal.add(d("2025-10-17"), Span::new(10, Unit::WorkingDays)),
        d("2025-10-31")
    );
    // Koningsdag (Mon 27 Apr 2026) is no working day.
    assert!(!cal.is_working_day(d("2026-04-27")));
    assert_eq!(
        cal.add(d("2026-04-24"), Span::new(1, Unit::WorkingDays)),
        d("2026-04-28")
    );
    assert!(cal.within(
        d("2026-04-24"),
        d("2026-05-08"),
        Span::new(10, Unit::WorkingDays)
    ));
    assert!(!cal.within(
        d("2026-04-24"),
        d("2026-05-11"),
        Span::new(10, Unit::WorkingDays)
    ));
}

#[test]
fn windows_by_unit() {
    let cal = midden();
    let w = |a, b, n, u| cal.within(d(a), d(b), Span::new(n, u));
    assert!(w("2025-09-01", "2025-09-05", 5, Unit::Days));
    assert!(!w("2025-09-01", "2025-09-06", 5, Unit::Days));
    assert!(w("2025-09-01", "2025-09-30", 1, Unit::Months));
    assert!(!w("2025-09-01", "2025-10-01", 1, Unit::Months));
    assert!(w("2025-08-01", "2026-07-31", 1, Unit::SchoolYear));
    assert!(!w("2026-07-31", "2026-08-01", 1, Unit::SchoolYear));
}

#[test]
fn the_tables_start_at_their_day_number() {
    assert_eq!(
        super::range_start().num_days_from_ce(),
        super::RANGE_START_DAY
    );
    let cal = midden();
    // The first and last day of the tables, and one on either side.
    let first = super::range_start();
    assert_eq!(super::index_clamped(first), Ok(0));
    assert_eq!(super::index_clamped(first.pred_opt().unwrap()), Err(true));
    let last = first + chrono::Days::new(super::RANGE_DAYS as u64 - 1);
    assert_eq!(super::index_clamped(last), Ok(super::RANGE_DAYS - 1));
    assert_eq!(super::index_clamped(last.succ_opt().unwrap()), Err(false));
    assert!(!cal.is_school_day(d("2025-12-27")));
}

/// A calendar with any pattern of open days from 1 Sep 2025 on (weekends
/// opened, weeks without a school day) and any public holidays: what
/// `engine::today` relies on for every unit.
fn odd_calendar(pattern: &[bool], holidays: &[u64]) -> SchoolCalendar {
    let start = range_start();
    let mut open: Vec<bool> = (0..RANGE_DAYS)
        .map(|i| !is_weekend(start + Days::new(i as u64)))
        .collect();
    let from = index(d("2025-09-01")).unwrap();
    open[from..from + pattern.len()].copy_from_slice(pattern);
    let mut public: Vec<NaiveDate> = holidays
        .iter()
        .map(|&o| d("2025-09-01") + Days::new(o))
        .filter(|h| !is_weekend(*h))
        .collect();
    public.sort_unstable();
    public.dedup();
    SchoolCalendar::from_open_days(open, vec![2025], public)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
    /// `within(from, day, span)` holds exactly on the days from `from` up
    /// to `first_day_outside(from, span)`, for every unit, spans of 0 too.
    #[test]
    fn within_holds_on_one_stretch_that_first_day_outside_ends(
        pattern in proptest::collection::vec(proptest::bool::weighted(0.4), 400),
        holidays in proptest::collection::vec(0u64..400, 0..20),
        from in 0u64..400,
        unit in 0..Unit::ALL.len(),
        amount in 0u32..8,
    ) {
        let cal = odd_calendar(&pattern, &holidays);
        let from = d("2025-09-01") + Days::new(from);
        let span = Span::new(amount, Unit::ALL[unit]);
        let end = cal.first_day_outside(from, span);
        proptest::prop_assert!(end >= from);
        let last = end.max(from) + Days::new(30);
        let mut day = from - Days::new(3);
        while day <= last {
            let expected = from <= day && day < end;
            proptest::prop_assert_eq!(
                cal.within(from, day, span), expected,
                "{} from {} on {} (first day outside {})", amount, from, day, end
            );
            day = day.succ_opt().unwrap();
        }
    }
}

/// School weeks keep counting past the end of the tables (the week the
/// tables end in is partly outside them).
#[test]
fn school_weeks_count_on_past_the_tables() {
    let cal = midden();
    let last = range_start() + Days::new(RANGE_DAYS as u64 - 1);
    let mut day = last - Days::new(20);
    let mut rank = cal.school_week_rank(day);
    while day <= last + Days::new(30) {
        let next = day.succ_opt().unwrap();
        let r = cal.school_week_rank(next);
        assert!(r >= rank && r - rank <= 1, "{next}: {rank} then {r}");
        rank = r;
        day = next;
    }
    let span = Span::new(2, Unit::SchoolWeeks);
    assert!(cal.first_day_outside(last - Days::new(3), span) > last);
}

/// Outside the tables every weekday is a school day, in counts too: a
/// window in school days ends there as well (it used to hold forever after
/// the tables, and `first_day_outside` walked to the end of time).
#[test]
fn school_days_count_on_outside_the_tables() {
    let cal = midden();
    let first = range_start();
    let last = first + Days::new(RANGE_DAYS as u64 - 1);
    for (from, to) in [
        (first - Days::new(40), first + Days::new(40)),
        (last - Days::new(40), last + Days::new(40)),
        (d("1999-01-01"), d("1999-03-01")),
        (d("2061-01-01"), d("2061-03-01")),
    ] {
        let walked = from
            .iter_days()
            .take_while(|x| *x <= to)
            .filter(|x| cal.is_school_day(*x))
            .count() as u32;
        assert_eq!(cal.school_days_between(from, to), walked, "{from}..{to}");
    }
    let span = Span::new(5, Unit::SchoolDays);
    assert_eq!(
        cal.first_day_outside(d("2061-01-05"), span),
        d("2061-01-12")
    );
}

proptest::proptest! {
    /// The same at both ends of the tables, where counting goes on by
    /// weekdays.
    #[test]
    fn within_holds_on_one_stretch_at_the_ends_of_the_tables(
        at_end in proptest::bool::ANY,
        from in 0u64..160,
        unit in 0..Unit::ALL.len(),
        amount in 0u32..8,
    ) {
        let cal = midden();
        let edge = if at_end {
            range_start() + Days::new(RANGE_DAYS as u64)
        } else {
            range_start()
        };
        let from = edge - Days::new(80) + Days::new(from);
        let span = Span::new(amount, Unit::ALL[unit]);
        let end = cal.first_day_outside(from, span);
        let mut day = from - Days::new(3);
        while day <= end + Days::new(30) {
            proptest::prop_assert_eq!(
                cal.within(from, day, span),
                from <= day && day < end,
                "{} from {} on {} (first day outside {})", amount, from, day, end
            );
            day = day.succ_opt().unwrap();
        }
    }
}
