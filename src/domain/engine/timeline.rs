//! A case's events as the engine sees them on one day: only events up to
//! today, in date order, with absence periods and per-day amounts derived.

use super::today::Today;
use crate::domain::calendar::SchoolCalendar;
use crate::domain::case::{Case, Level};
use crate::domain::event::Event;
use crate::domain::protocol::{KindFilter, ResolvedProtocol};
use chrono::NaiveDate;

/// The kind that ends an open sick report.
const RECOVERY: &str = "beter";
/// The sick report, the only kind a recovery ends.
const SICK: &str = "ziek";
/// Kinds of absence from school, which continue through closed days; an
/// exemption (vrijstelling) ends on its own date.
const ABSENCE: [&str; 3] = ["ziek", "ongeoorloofd", "luxe"];
/// Kinds whose missing end date means "still going" rather than "one day".
const OPEN_ENDED: [&str; 2] = ["ziek", "vrijstelling"];

pub struct Timeline<'a> {
    pub events: Vec<(&'a str, &'a Event)>,
    pub cal: &'a SchoolCalendar,
    /// Asked, never read: what it is asked decides the evaluation's span.
    pub today: Today,
    pub level: Level,
    pub lesson_hours: f64,
    pub birth: NaiveDate,
    /// The case's pauses (issue 14), oldest first.
    pub pauses: Vec<crate::domain::workflow::Pause>,
}

/// An unbroken stretch of absence.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    pub start: NaiveDate,
    /// The last day (today while ongoing).
    pub end: NaiveDate,
    /// No end is known yet.
    pub ongoing: bool,
}

impl<'a> Timeline<'a> {
    pub fn new(
        case: &'a Case,
        protocol: &ResolvedProtocol,
        cal: &'a SchoolCalendar,
        today: Today,
    ) -> Self {
        let events: Vec<(&str, &Event)> = case
            .events_by_date()
            .into_iter()
            // A withdrawn event stays in the file but counts for no rule.
            .filter(|(_, e)| e.withdrawn.is_none() && today.reached(e.date))
            .collect();
        let pauses = crate::domain::workflow::pauses_of_known(events.iter().copied());
        Timeline {
            events,
            cal,
            today,
            level: case.level,
            lesson_hours: protocol.lesson_hours(case.level),
            birth: case.birth,
            pauses,
        }
    }

    pub fn matching<'s>(
        &'s self,
        filter: &'s KindFilter,
    ) -> impl Iterator<Item = (&'a str, &'a Event)> + 's {
        self.events
            .iter()
            .copied()
            .filter(|(_, e)| filter.matches(&e.kind, e.outcome.as_deref()))
    }

    /// The period one event covers: its own end date, for an open sick
    /// report the day before the next recovery, else today (ongoing).
    /// Part-day absence (hours) covers no days: it is no period.
    pub fn period_of(&self, event: &Event) -> Period {
        if let Some(until) = event.until {
            let end = if ABSENCE.contains(&event.kind.as_str()) {
                self.through_closed_days(event, until)
            } else {
                until
            };
            return Period {
                start: event.date,
                end: self.today.cut(end),
                ongoing: false,
            };
        }
        if !OPEN_ENDED.contains(&event.kind.as_str()) {
            return Period {
                start: event.date,
                end: event.date,
                ongoing: false,
            };
        }
        match self.recovery_after(event, event.date) {
            Some(back) => Period {
                start: event.date,
                end: back.pred_opt().unwrap_or(back),
                ongoing: false,
            },
            None => Period {
                start: event.date,
                end: self.today.exact(),
                ongoing: true,
            },
        }
    }

    /// The date of the first recovery (`beter`) after `after` that ends
    /// this sick report.
    fn recovery_after(&self, event: &Event, after: NaiveDate) -> Option<NaiveDate> {
        if event.kind != SICK {
            return None;
        }
        self.events
            .iter()
            .find(|(_, e)| e.kind == RECOVERY && e.date > after)
            .map(|(_, e)| e.date)
    }

    /// An absence that ends on the last school day before a weekend or
    /// holiday continues through it until the day before the next school
    /// day, unless the pupil is reported back earlier: the same absence
    /// then gives the same answer whether entered with `--until` or ended
    /// by `beter` on the next school day.
    fn through_closed_days(&self, event: &Event, until: NaiveDate) -> NaiveDate {
        let next = self.cal.next_school_day_after(until);
        let mut end = next.pred_opt().unwrap_or(until).max(until);
        if let Some(back) = self.recovery_after(event, until)
            && back <= end
        {
            end = back.pred_opt().unwrap_or(back).max(until);
        }
        end
    }

    /// Unbroken absence periods of the matching kinds: periods with no school
    /// day between them join into one.
    pub fn periods(&self, filter: &KindFilter) -> Vec<Period> {
        let mut periods: Vec<Period> = self
            .matching(filter)
            .filter(|(_, e)| e.hours.is_none())
            .map(|(_, e)| self.period_of(e))
            .collect();
        periods.sort_by_key(|p| p.start);
        let mut joined: Vec<Period> = Vec::with_capacity(periods.len());
        for p in periods {
            match joined.last_mut() {
                Some(last) if self.adjoins(last, &p) => {
                    if p.end >= last.end {
                        last.end = p.end;
                        last.ongoing = p.ongoing;
                    }
                }
                _ => joined.push(p),
            }
        }
        joined
    }

    fn adjoins(&self, a: &Period, b: &Period) -> bool {
        b.start <= a.end || {
            let gap_start = a.end.succ_opt().unwrap_or(a.end);
            let gap_end = b.start.pred_opt().unwrap_or(b.start);
            self.cal.school_days_between(gap_start, gap_end) == 0
        }
    }

    /// Absent lesson hours per day: an event's own hours, or every school
    /// day of its period at the protocol's lesson hours per day.
    pub fn hours(&self, filter: &KindFilter) -> Vec<(NaiveDate, f64)> {
        let mut out = Vec::new();
        for (_, e) in self.matching(filter) {
            match e.hours {
                Some(h) => out.push((e.date, h)),
                None => {
                    let p = self.period_of(e);
                    self.each_school_day(p, |d| out.push((d, self.lesson_hours)));
                }
            }
        }
        out.sort_by_key(|(d, _)| *d);
        out
    }

    /// One entry per school day of absence (days counted once even when
    /// events overlap).
    pub fn absent_days(&self, filter: &KindFilter) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        for p in self.periods(filter) {
            self.each_school_day(p, |d| out.push(d));
        }
        out
    }

    fn each_school_day(&self, p: Period, mut f: impl FnMut(NaiveDate)) {
        let mut d = p.start;
        while d <= p.end {
            if self.cal.is_school_day(d) {
                f(d);
            }
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
    }
}
