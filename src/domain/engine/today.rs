//! The day an evaluation is made on, and the days on which it would come
//! out the same.
//!
//! The engine asks questions of today (is this date past? does this window
//! still reach today?). [`DaySpan`] is the stretch of days around today on
//! which every question asked gets the same answer; an evaluation made on
//! today is then the evaluation of every day in that span, so a result kept
//! from yesterday can be used today when its span reaches today.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A stretch of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
