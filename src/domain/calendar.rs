//! The school calendar: which days a pupil's school is open, and arithmetic
//! in school days and school weeks. Built once per region (and per school
//! with its own exceptions) from calendar data; lookups are O(1) or
//! O(log n) so the engine can evaluate a region's caseload quickly.

use crate::domain::dates;
use crate::domain::units::{Span, Unit};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

pub use super::calendar_file::{
    CalendarFile, ClosedPeriod, FreeDay, Holiday, Region, SchoolOverride,
};

/// First and last day the calendar tables cover; outside this range every
/// weekday counts as a school day.
fn range_start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 3).expect("valid") // a Monday
}
const RANGE_DAYS: usize = 366 * 60;
/// `range_start()` as a day number (`Datelike::num_days_from_ce`).
const RANGE_START_DAY: i32 = 730_122;

/// Precomputed school-day and school-week tables for one calendar.
#[derive(Debug, Clone)]
pub struct SchoolCalendar {
    open: Vec<bool>,
    /// `day_rank[i]`: number of school days before day `i`.
    day_rank: Vec<u32>,
    /// Weekdays that are public holidays, sorted: not working days.
    public_holidays: Vec<NaiveDate>,
    /// `week_rank[w]`: number of school weeks up to and including week `w`.
    week_rank: Vec<u32>,
    /// The school years that calendar data covered, by first year.
    covered_years: Vec<i32>,
}

impl SchoolCalendar {
    pub fn build(files: &[CalendarFile], region: Region, school: Option<&SchoolOverride>) -> Self {
        let start = range_start();
        let mut open: Vec<bool> = (0..RANGE_DAYS)
            .map(|i| !is_weekend(start + Days::new(i as u64)))
            .collect();
        let mut close = |from: NaiveDate, to: NaiveDate| {
            let mut d = from;
            while d <= to {
                if let Some(i) = index(d) {
                    open[i] = false;
                }
                d = d.succ_opt().expect("date in range");
            }
        };
        for file in files {
            for h in file.holidays.iter().filter(|h| h.regions.contains(&region)) {
                close(h.from, h.to);
            }
            for f in &file.free_days {
                close(f.date, f.date);
            }
        }
        if let Some(school) = school {
            for p in &school.closed {
                close(p.from, p.to);
            }
            for d in school.open.iter().filter_map(|s| dates::parse(s)) {
                if let Some(i) = index(d) {
                    open[i] = true;
                }
            }
        }
        let mut covered_years: Vec<i32> = files
            .iter()
            .filter_map(|f| f.school_year.get(..4)?.parse().ok())
            .collect();
        covered_years.sort_unstable();
        let mut public_holidays: Vec<NaiveDate> = files
            .iter()
            .flat_map(|f| f.public_holidays.iter().map(|h| h.date))
            .filter(|d| !is_weekend(*d))
            .collect();
        public_holidays.sort_unstable();
        public_holidays.dedup();
        Self::from_open_days(open, covered_years, public_holidays)
    }

    fn from_open_days(
        open: Vec<bool>,
        covered_years: Vec<i32>,
        public_holidays: Vec<NaiveDate>,
    ) -> Self {
        let mut day_rank = Vec::with_capacity(open.len() + 1);
        let mut n = 0u32;
        for &o in &open {
            day_rank.push(n);
            n += o as u32;
        }
        day_rank.push(n);
        let mut week_rank = Vec::with_capacity(open.len() / 7 + 1);
        let mut w = 0u32;
        for week in open.chunks(7) {
            w += week.iter().any(|&o| o) as u32;
            week_rank.push(w);
        }
        SchoolCalendar {
            open,
            day_rank,
            public_holidays,
            week_rank,
            covered_years,
        }
    }

    /// Whether calendar data (holidays) was loaded for the school year of `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.covered_years
            .binary_search(&dates::school_year_of(date))
            .is_ok()
    }

    pub fn is_school_day(&self, date: NaiveDate) -> bool {
        match index(date) {
            Some(i) => self.open[i],
            None => !is_weekend(date),
        }
    }

    /// A weekday that is not a public holiday (school holidays do not matter).
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !is_weekend(date) && self.public_holidays.binary_search(&date).is_err()
    }

    /// Number of working days in `from..=to` (0 when `to < from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to < from {
            return 0;
        }
        let days = (to - from).num_days() + 1;
        let weeks = days / 7;
        let mut n = weeks * 5;
        let mut d = from + Days::new(weeks as u64 * 7);
        while d <= to {
            n += i64::from(!is_weekend(d));
            d = d.succ_opt().unwrap_or(to + Days::new(1));
        }
        let lo = self.public_holidays.partition_point(|h| *h < from);
        let hi = self.public_holidays.partition_point(|h| *h <= to);
        (n - (hi - lo) as i64).max(0) as u32
    }

    /// The `n`-th working day strictly after `date`.
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut d = date;
        let mut seen = 0;
        while seen < n.max(1) {
            match d.succ_opt() {
                Some(next) => d = next,
                None => return d,
            }
            seen += u32::from(self.is_working_day(d));
        }
        d
    }

    /// The first school day after `date` (the day a pupil is next expected).
    pub fn next_school_day_after(&self, date: NaiveDate) -> NaiveDate {
        self.nth_school_day_after(date, 1)
    }

    /// Number of school days in `from..=to` (0 when `to < from`).
    pub fn school_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to < from {
            return 0;
        }
        (self.rank(to.succ_opt().unwrap_or(to)) - self.rank(from)) as u32
    }

    /// School days before `date`, counted from the start of the tables;
    /// outside them every weekday counts (as `is_school_day` has it), so a
    /// window in school days still ends there (it never did after the
    /// tables, and `first_day_outside` walked to the end of time).
    fn rank(&self, date: NaiveDate) -> i64 {
        match index_clamped(date) {
            Ok(i) => i64::from(self.day_rank[i]),
            Err(true) => -weekdays_in(date, range_start()),
            Err(false) => {
                let end = range_start() + Days::new(RANGE_DAYS as u64);
                i64::from(self.day_rank.last().copied().unwrap_or(0)) + weekdays_in(end, date)
            }
        }
    }

    /// The `n`-th school day on or after `date` (n >= 1).
    pub fn nth_school_day_from(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut d = date;
        let mut seen = 0;
        // Linear walk: n is a protocol number (at most tens of days), and a
        // walk is obviously correct across every kind of closed day.
        loop {
            if self.is_school_day(d) {
                seen += 1;
                if seen >= n.max(1) {
                    return d;
                }
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => return d,
            }
        }
    }

    /// The `n`-th school day strictly after `date`.
    pub fn nth_school_day_after(&self, date: NaiveDate, n: u32) -> NaiveDate {
        self.nth_school_day_from(date.succ_opt().unwrap_or(date), n)
    }

    /// Ordinal of the school week containing `date`; a date in a week without
    /// school days gets the ordinal of the school week before it.
    pub fn school_week_rank(&self, date: NaiveDate) -> u32 {
        match index_clamped(date) {
            Ok(i) => self.week_rank[i / 7],
            Err(true) => 0,
            Err(false) => {
                // The tables end in a week's first days (a partial last
                // week): later days of that week are in that week, not
                // before it (a subtraction that underflowed there).
                let week = (date - range_start()).num_days() as u32 / 7;
                let extra = (week + 1).saturating_sub(self.week_rank.len() as u32);
                self.week_rank.last().copied().unwrap_or(0) + extra
            }
        }
    }

    /// Monday of the school week with the given ordinal.
    fn monday_of_school_week(&self, rank: u32) -> NaiveDate {
        let w = self.week_rank.partition_point(|&r| r < rank);
        if w >= self.week_rank.len() {
            let last = self.week_rank.last().copied().unwrap_or(0);
            let weeks = self.week_rank.len() as u64 + u64::from(rank.saturating_sub(last + 1));
            return range_start() + Days::new(weeks * 7);
        }
        range_start() + Days::new(w as u64 * 7)
    }

    /// Whether `later` lies within `span` of `earlier` (a window that starts
    /// at `earlier` and counts `span.amount` units, inclusive of both ends).
    pub fn within(&self, earlier: NaiveDate, later: NaiveDate, span: Span) -> bool {
        if later < earlier {
            return false;
        }
        let n = span.amount;
        match span.unit {
            Unit::Days => (later - earlier).num_days() < i64::from(n),
            Unit::SchoolDays => self.school_days_between(earlier, later) <= n,
            Unit::WorkingDays => self.working_days_between(earlier, later) <= n,
            Unit::Weeks => (later - earlier).num_days() < 7 * i64::from(n),
            Unit::SchoolWeeks => self.school_week_rank(later) - self.school_week_rank(earlier) < n,
            Unit::Months => earlier
                .checked_add_months(Months::new(n))
                .is_none_or(|end| later < end),
            Unit::SchoolYear => {
                dates::school_year_of(later) - dates::school_year_of(earlier) < n as i32
            }
        }
    }

    /// The first day on or after `from` for which `within(from, day, span)`
    /// no longer holds (it holds on a stretch of days from `from`, then
    /// never again): near `add(from, span)`, found exactly by a short walk.
    pub fn first_day_outside(&self, from: NaiveDate, span: Span) -> NaiveDate {
        if !self.within(from, from, span) {
            return from;
        }
        let Some(first) = from.succ_opt() else {
            return from;
        };
        let mut d = self.add(from, span).max(first);
        while d > first && d.pred_opt().is_some_and(|p| !self.within(from, p, span)) {
            d = d.pred_opt().unwrap_or(d);
        }
        while self.within(from, d, span) {
            match d.succ_opt() {
                Some(n) => d = n,
                None => break,
            }
        }
        d
    }

    /// The date `span` after `date`: a deadline. School days count from the
    /// next school day; school weeks land on the same weekday that many
    /// school weeks later; a school year ends on 31 July.
    pub fn add(&self, date: NaiveDate, span: Span) -> NaiveDate {
        let n = span.amount;
        let far = NaiveDate::MAX;
        match span.unit {
            Unit::Days => date.checked_add_days(Days::new(n.into())).unwrap_or(far),
            Unit::SchoolDays => self.nth_school_day_after(date, n),
            Unit::WorkingDays => self.nth_working_day_after(date, n),
            Unit::Weeks => date
                .checked_add_days(Days::new(7 * u64::from(n)))
                .unwrap_or(far),
            Unit::SchoolWeeks => {
                let rank = self.school_week_rank(date) + n;
                let weekday = date.weekday().num_days_from_monday();
                self.monday_of_school_week(rank) + Days::new(weekday.into())
            }
            Unit::Months => date.checked_add_months(Months::new(n)).unwrap_or(far),
            Unit::SchoolYear => {
                let end = dates::school_year_end(date);
                end.with_year(end.year() + n.saturating_sub(1) as i32)
                    .unwrap_or(far)
            }
        }
    }

    /// The day on which a period that started on `start` has lasted `span`
    /// (or, with `more_than`, has lasted longer than `span`).
    pub fn reached(&self, start: NaiveDate, span: Span, more_than: bool) -> NaiveDate {
        if span.unit == Unit::SchoolDays {
            return self.nth_school_day_from(start, span.amount + more_than as u32);
        }
        let end = self.add(start, span);
        if more_than {
            end
        } else {
            end.pred_opt().unwrap_or(end)
        }
    }
}

/// Weekdays in `from..to` (0 when `to <= from`).
fn weekdays_in(from: NaiveDate, to: NaiveDate) -> i64 {
    let days = (to - from).num_days().max(0);
    let rest = (0..days % 7)
        .filter(|&k| !is_weekend(from + Days::new((days / 7 * 7 + k) as u64)))
        .count();
    days / 7 * 5 + rest as i64
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn index(date: NaiveDate) -> Option<usize> {
    index_clamped(date).ok()
}

/// Index of `date` in the tables, or `Err(true)` before the range, `Err(false)` after.
fn index_clamped(date: NaiveDate) -> Result<usize, bool> {
    // Day numbers, not `date - range_start()`: building the start date and
    // subtracting two dates was a twentieth of evaluating a caseload.
    let offset = i64::from(date.num_days_from_ce() - RANGE_START_DAY);
    if offset < 0 {
        Err(true)
    } else if offset as usize >= RANGE_DAYS {
        Err(false)
    } else {
        Ok(offset as usize)
    }
}

#[cfg(test)]
#[path = "calendar_tests.rs"]
mod tests;
