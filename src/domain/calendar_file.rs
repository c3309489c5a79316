//! The calendar files a region edits (`calendars/*.toml`): holiday regions,
//! holidays, free days and a school's own exceptions, as they are written.
//! `calendar.rs` turns them into day tables.

use crate::domain::dates;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The three holiday regions of the Netherlands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Region {
    Noord,
    Midden,
    Zuid,
}

impl Region {
    pub fn parse(text: &str) -> Option<Region> {
        match text {
            "noord" => Some(Region::Noord),
            "midden" => Some(Region::Midden),
            "zuid" => Some(Region::Zuid),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Region::Noord => "noord",
            Region::Midden => "midden",
            Region::Zuid => "zuid",
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One school year's holidays and closed days, as stored in `calendar/*.toml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarFile {
    pub school_year: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub holidays: Vec<Holiday>,
    #[serde(default)]
    pub free_days: Vec<FreeDay>,
    /// Public holidays (algemeen erkende feestdagen), also outside school
    /// time: they are no working days.
    #[serde(default)]
    pub public_holidays: Vec<FreeDay>,
}

/// A school holiday (vakantie): a period, inclusive, for some regions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    pub regions: Vec<Region>,
    #[serde(with = "dates")]
    pub from: NaiveDate,
    #[serde(with = "dates")]
    pub to: NaiveDate,
    /// "verplicht" (set by regulation) or "advies" (advised dates).
    #[serde(default)]
    pub status: Option<String>,
    pub source: String,
}

/// A single day the schools are closed (a public holiday in school time).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreeDay {
    pub name: String,
    #[serde(with = "dates")]
    pub date: NaiveDate,
    pub source: String,
}

/// A school's own exceptions to its region's calendar.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolOverride {
    #[serde(default)]
    pub region: Option<Region>,
    /// Extra closed periods (study days, a longer meivakantie), inclusive.
    #[serde(default)]
    pub closed: Vec<ClosedPeriod>,
    /// Days the school is open although the region's calendar says closed.
    #[serde(default)]
    pub open: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClosedPeriod {
    #[serde(with = "dates")]
    pub from: NaiveDate,
    #[serde(with = "dates")]
    pub to: NaiveDate,
    #[serde(default)]
    pub name: Option<String>,
}
