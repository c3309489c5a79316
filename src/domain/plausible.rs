//! Whether a new event is plausible for its case: typed findings, worded by
//! the front ends. Some are plainly wrong (refused);
//! others a person may mean (the CLI takes `--force`, the TUI asks).

use crate::domain::calendar::SchoolCalendar;
use crate::domain::case::Case;
use crate::domain::event::Event;
use chrono::{Months, NaiveDate};

/// Something odd about a new event.
#[derive(Debug, Clone, PartialEq)]
pub enum Doubt {
    /// The event (or its last day) is before the pupil was born.
    BeforeBirth { date: NaiveDate, birth: NaiveDate },
    /// More than a year after today: almost surely a typo in the year.
    FarFuture { date: NaiveDate, limit: NaiveDate },
    /// Unauthorised absence on a day (or period) without school.
    NoSchoolDay { date: NaiveDate },
    /// More lesson hours than a school day has for this pupil's level.
    HoursAboveDay { hours: f64, day: f64 },
}

impl Doubt {
    /// Whether a person may mean it (and may confirm or `--force` it).
    pub fn forcible(&self) -> bool {
        matches!(
            self,
            Doubt::NoSchoolDay { .. } | Doubt::HoursAboveDay { .. }
        )
    }
}

/// Kinds whose hours are lesson hours missed at school.
const ABSENCE_KINDS: [&str; 1] = ["ongeoorloofd"];

/// The doubts about `event` in `case`, refusals first. `day_hours` is the
/// protocol's lesson hours in a school day for the case's level.
pub fn check(
    event: &Event,
    case: &Case,
    cal: &SchoolCalendar,
    day_hours: f64,
    today: NaiveDate,
) -> Vec<Doubt> {
    let mut out = Vec::new();
    if event.date < case.birth {
        out.push(Doubt::BeforeBirth {
            date: event.date,
            birth: case.birth,
        });
    }
    let limit = today.checked_add_months(Months::new(12)).unwrap_or(today);
    let last = event.until.unwrap_or(event.date);
    if last > limit {
        out.push(Doubt::FarFuture { date: last, limit });
    }
    if ABSENCE_KINDS.contains(&event.kind.as_str()) {
        let school_days = match event.until {
            Some(until) => cal.school_days_between(event.date, until),
            None => u32::from(cal.is_school_day(event.date)),
        };
        if school_days == 0 {
            out.push(Doubt::NoSchoolDay { date: event.date });
        }
        if let Some(hours) = event.hours.filter(|h| *h > day_hours) {
            out.push(Doubt::HoursAboveDay {
                hours,
                day: day_hours,
            });
        }
    }
    out.sort_by_key(Doubt::forcible);
    out
}

/// The doubts that stop the event: any refusal, or a forcible one unless
/// forced.
pub fn blocking(doubts: &[Doubt], forced: bool) -> Option<&Doubt> {
    doubts.iter().find(|d| !d.forcible() || !forced)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseFields, Level};
    use crate::domain::dates;

    fn d(s: &str) -> NaiveDate {
        dates::parse(s).unwrap()
    }
    fn case() -> Case {
        CaseFields {
            name: "A".into(),
            birth: d("2012-03-04"),
            school: "S".into(),
            level: Level::Vo,
            protocol: "p".into(),
            gemeente: None,
            owner: None,
        }
        .into_case("x".into(), d("2026-09-01"))
    }
    fn run(e: &Event) -> Vec<Doubt> {
        let cal = SchoolCalendar::build(&[], crate::domain::calendar::Region::Midden, None);
        check(e, &case(), &cal, 6.0, d("2026-11-20"))
    }

    #[test]
    fn before_birth_and_far_future_are_refused() {
        let e = Event::new("ziek", d("2011-01-01"));
        assert!(matches!(run(&e)[..], [Doubt::BeforeBirth { .. }]));
        let e = Event::new("ziek", d("2027-11-21"));
        assert!(matches!(run(&e)[..], [Doubt::FarFuture { .. }]));
        assert!(run(&Event::new("ziek", d("2027-11-20"))).is_empty());
        assert!(blocking(&run(&e), true).is_some());
    }

    #[test]
    fn unauthorised_hours_on_a_weekend_or_above_a_day_can_be_forced() {
        let mut e = Event::new("ongeoorloofd", d("2026-11-21")); // a Saturday
        e.hours = Some(7.0);
        let doubts = run(&e);
        assert_eq!(doubts.len(), 2, "{doubts:?}");
        assert!(blocking(&doubts, false).is_some());
        assert!(blocking(&doubts, true).is_none());
        e.date = d("2026-11-20");
        e.hours = Some(3.0);
        assert!(run(&e).is_empty());
        // A sick day on a Saturday is nothing odd.
        assert!(run(&Event::new("ziek", d("2026-11-21"))).is_empty());
    }
}
