//! The day an evaluation is made on, and the days on which it would come
//! out the same.
//!
//! The engine asks questions of today (is this date past? does this window
//! still reach today?). [`DaySpan`] is the stretch of days around today on
//! which every question asked gets the same answer; an evaluation made on
//! today is then the evaluation of every day in that span, so a result kept
//! from yesterday can be used today when its span reaches today.

use crate::domain::calendar::SchoolCalendar;
use crate::domain::units::Span;
use chrono::NaiveDate;
use std::cell::Cell;

/// A stretch of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DaySpan {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl DaySpan {
    /// Just this day.
    pub fn day(d: NaiveDate) -> DaySpan {
        DaySpan { first: d, last: d }
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        self.first <= d && d <= self.last
    }
}

impl DaySpan {
    /// Every day: a result that does not depend on the day at all.
    pub const ALWAYS: DaySpan = DaySpan {
        first: NaiveDate::MIN,
        last: NaiveDate::MAX,
    };
}

/// Today as the engine sees it: every question asked of it is answered and
/// narrows the span of days that would have answered it the same way. The
/// date itself is only handed out by [`Today::exact`], which narrows the
/// span to today alone, so no use of today escapes the span.
///
/// One per evaluation (a `Cell`, not shared between threads).
pub struct Today {
    day: NaiveDate,
    span: Cell<DaySpan>,
}

impl Today {
    pub fn new(day: NaiveDate) -> Today {
        Today {
            day,
            span: Cell::new(DaySpan::ALWAYS),
        }
    }

    /// The days on which every question asked so far has the same answer.
    pub fn span(&self) -> DaySpan {
        self.span.get()
    }

    /// The date itself, for a result that is computed from it (a period
    /// that runs until today): the span becomes today alone.
    pub fn exact(&self) -> NaiveDate {
        self.keep(self.day, self.day);
        self.day
    }

    /// `date < today`: the date has passed.
    pub fn after(&self, date: NaiveDate) -> bool {
        if self.day > date {
            self.keep(date.succ_opt().unwrap_or(date), NaiveDate::MAX);
            true
        } else {
            self.keep(NaiveDate::MIN, date);
            false
        }
    }

    /// `today < date`: the date is still to come.
    pub fn before(&self, date: NaiveDate) -> bool {
        if self.day < date {
            self.keep(NaiveDate::MIN, date.pred_opt().unwrap_or(date));
            true
        } else {
            self.keep(date, NaiveDate::MAX);
            false
        }
    }

    /// `date <= today`: the date has come.
    pub fn reached(&self, date: NaiveDate) -> bool {
        !self.before(date)
    }

    /// `today <= date`.
    pub fn not_after(&self, date: NaiveDate) -> bool {
        !self.after(date)
    }

    /// `date.min(today)`: a date that may lie beyond today, cut at today.
    pub fn cut(&self, date: NaiveDate) -> NaiveDate {
        if self.reached(date) {
            date
        } else {
            self.exact()
        }
    }

    /// Whether today lies within `span` of `earlier`
    /// (`SchoolCalendar::within(earlier, today, span)`), asked as "has the
    /// first day outside the span come yet", which holds for a stretch of
    /// days instead of one.
    pub fn within(&self, cal: &SchoolCalendar, earlier: NaiveDate, span: Span) -> bool {
        self.reached(earlier) && self.before(cal.first_day_outside(earlier, span))
    }

    /// Narrows the span to the days in `first..=last` as well.
    fn keep(&self, first: NaiveDate, last: NaiveDate) {
        let s = self.span.get();
        self.span.set(DaySpan {
            first: s.first.max(first),
            last: s.last.min(last),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::domain::dates::parse(s).unwrap()
    }

    #[test]
    fn each_question_narrows_the_span_to_the_days_with_the_same_answer() {
        let t = Today::new(d("2026-11-23"));
        assert_eq!(t.span(), DaySpan::ALWAYS);
        assert!(t.after(d("2026-11-01")));
        assert!(!t.after(d("2026-11-30")));
        assert_eq!(
            t.span(),
            DaySpan {
                first: d("2026-11-02"),
                last: d("2026-11-30")
            }
        );
        assert!(t.before(d("2026-11-25")));
        assert!(t.reached(d("2026-11-10")));
        assert_eq!(
            t.span(),
            DaySpan {
                first: d("2026-11-10"),
                last: d("2026-11-24")
            }
        );
        assert_eq!(t.cut(d("2026-11-20")), d("2026-11-20"));
        assert_eq!(
            t.span(),
            DaySpan {
                first: d("2026-11-20"),
                last: d("2026-11-24")
            }
        );
        assert!(t.span().contains(d("2026-11-23")));
        assert_eq!(t.cut(d("2026-12-20")), d("2026-11-23"));
        assert_eq!(t.span(), DaySpan::day(d("2026-11-23")));
    }

    #[test]
    fn the_answer_on_every_day_of_the_span_is_the_same() {
        let dates = ["2026-11-20", "2026-11-23", "2026-11-24", "2026-12-01"];
        for probe in dates.map(d) {
            let t = Today::new(d("2026-11-23"));
            let answers = (t.after(probe), t.before(probe), t.not_after(probe));
            let span = t.span();
            let mut day = span.first.max(d("2026-10-01"));
            while day <= span.last.min(d("2027-01-01")) {
                let u = Today::new(day);
                assert_eq!(
                    (u.after(probe), u.before(probe), u.not_after(probe)),
                    answers
                );
                day = day.succ_opt().unwrap();
            }
        }
    }
}
