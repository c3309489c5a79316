//! Units of time that protocols speak in, and spans of such units.
//! Every window and deadline in a protocol file names its unit explicitly.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A unit of time as the source protocols use them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Calendar days ("dagen").
    Days,
    /// Days on which the pupil's school is open ("schooldagen").
    SchoolDays,
    /// Calendar weeks of seven days ("weken").
    Weeks,
    /// Weeks that contain at least one school day ("schoolweken").
    SchoolWeeks,
    /// Weekdays that are not public holidays ("werkdagen"); school holidays
    /// are working days.
    WorkingDays,
    /// Calendar months ("maanden").
    Months,
    /// School years, 1 August to 31 July ("schooljaar").
    SchoolYear,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Days => "days",
            Unit::SchoolDays => "school-days",
            Unit::Weeks => "weeks",
            Unit::SchoolWeeks => "school-weeks",
            Unit::WorkingDays => "working-days",
            Unit::Months => "months",
            Unit::SchoolYear => "school-year",
        }
    }
}

/// An amount of a unit: "12 school weeks", "5 days", "1 school year".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
    pub amount: u32,
    pub unit: Unit,
}

impl Span {
    pub const fn new(amount: u32, unit: Unit) -> Self {
        Span { amount, unit }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.unit.as_str())
    }
}
