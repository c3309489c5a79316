//! The snapshot of an overview: the ids of its cases on its date, kept in
//! the repository (`reports/thuiszitters-<date>.toml`, ids only, never
//! names), so the next overview can say what is new, continuing and
//! resolved.

use crate::domain::dates;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    #[serde(with = "dates")]
    pub date: NaiveDate,
    pub ids: BTreeSet<String>,
}

/// The file name of the snapshot of `date` (inside `reports/`).
pub fn file_name(date: NaiveDate) -> String {
    format!("thuiszitters-{}.toml", date.format("%Y-%m-%d"))
}

/// The date in a snapshot file name, if it is one.
pub fn date_of(file_name: &str) -> Option<NaiveDate> {
    let stem = file_name
        .strip_prefix("thuiszitters-")?
        .strip_suffix(".toml")?;
    dates::parse(stem)
}

/// Of some snapshot file names, the latest dated strictly before `date`.
pub fn previous<'a>(
    names: impl IntoIterator<Item = &'a str>,
    date: NaiveDate,
) -> Option<(NaiveDate, &'a str)> {
    names
        .into_iter()
        .filter_map(|n| date_of(n).map(|d| (d, n)))
        .filter(|(d, _)| *d < date)
        .max_by_key(|(d, _)| *d)
}

impl Snapshot {
    pub fn render(&self) -> String {
        let mut text = String::from(
            "# Thuiszitters overview snapshot: the case ids of that day's overview (no personal data).\n",
        );
        // Serialising a date and a set of strings cannot fail.
        text += &toml::to_string(self).unwrap_or_default();
        text
    }
}

/// What changed between the previous overview and this one.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub new: BTreeSet<String>,
    pub continuing: BTreeSet<String>,
    pub resolved: BTreeSet<String>,
}

/// Without a previous overview every case is new.
pub fn diff(previous: Option<&BTreeSet<String>>, now: &BTreeSet<String>) -> Diff {
    let empty = BTreeSet::new();
    let before = previous.unwrap_or(&empty);
    Diff {
        new: now.difference(before).cloned().collect(),
        continuing: now.intersection(before).cloned().collect(),
        resolved: before.difference(now).cloned().collect(),
    }
}
