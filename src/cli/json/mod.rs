//! The command-line JSON contract: every document a `--json` option prints
//! is a type here, and its doc comment is the contract (`docs/json.md` is
//! the overview). Scripts read these documents, so a field here changes
//! only on purpose: the domain types are mapped into these types field by
//! field, never serialized as they are, so renaming a domain field changes
//! nothing here, and renaming a field here fails `tests/json_contract.rs`.
//!
//! Rules that hold for every document:
//! - Keys come in sorted (byte) order inside every object: the fields of
//!   each type are declared in that order (the test checks the output).
//! - Dates are strings `YYYY-MM-DD` ([`Date`]), never `dd-mm-jjjj`,
//!   whatever `--lang`.
//! - Enumerations (roles, statuses, levels, units) are their lower-case ids
//!   as in the files, never translated. Free text (names, notes, rule
//!   messages) is as the files hold it; sentences this tool words itself
//!   (`unchecked`, `error`) follow `--lang`.
//! - "May be null" means the key is always there, with `null` when there is
//!   no value; "absent when ..." means the key is left out.
//! - Control characters (C0, DEL, C1) and bidirectional overrides in any
//!   string are written as `\uXXXX` escapes, so the output is valid JSON
//!   and safe on a terminal (see [`write`]).
//!
//! | command | document |
//! |---|---|
//! | `show CASE --json` | [`case::Show`] |
//! | `check --json` | [`check::Check`] (streamed, see there) |
//! | `overdue --json` | an array of [`check::Overdue`] |
//! | `conflicts --json` | an array of [`conflicts::Conflict`] |
//! | `retention list --json` | [`retention::RetentionList`] |
//! | `report thuiszitters --json` | [`thuiszitters::Thuiszitters`] |
//! | `report jaar --json` | [`report::Jaar`] |
//! | `report mazl --json` | [`report::Mazl`] |

pub mod case;
pub mod check;
pub mod conflicts;
pub mod evaluation;
pub mod report;
pub mod retention;
pub mod thuiszitters;
mod write;

#[cfg(test)]
mod same_tests;

pub use write::{print, to_writer, to_writer_pretty};

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;

/// A date, written `"YYYY-MM-DD"` (ISO 8601, four-digit year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Date(pub NaiveDate);

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Date {
        Date(d)
    }
}

/// An optional date: `null` (or absent, where the field says so) when none.
fn date(d: Option<NaiveDate>) -> Option<Date> {
    d.map(Date)
}
