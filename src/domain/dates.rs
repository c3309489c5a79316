//! Date parsing shared by every front end, and serde helpers that accept a
//! date written quoted ("2026-11-02") or as a bare TOML date (2026-11-02),
//! because people edit case files by hand. Dates are always written quoted.

use chrono::NaiveDate;
use serde::{Deserializer, Serializer};

/// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
/// This is the stored form (files, JSON); people type [`parse_typed`].
pub fn parse(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// What a person types: `JJJJ-MM-DD` or the Dutch `dd-mm-jjjj` (also with
/// one-digit day or month, `1-9-2026`). Impossible dates are rejected.
pub fn parse_typed(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('-').collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    match parts.as_slice() {
        [y, _, _] if all_digits && y.len() == 4 => parse(text),
        [d, m, y] if all_digits && d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}

/// Reads a date written as a string, or as a bare TOML date (which the toml
/// deserializer hands over as a one-entry map). A direct visitor: an
/// untagged enum would buffer every date first, and case files hold many.
struct DateVisitor;

impl<'de> serde::de::Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse(text).ok_or_else(|| E::custom(format!("invalid date `{text}`, expected YYYY-MM-DD")))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<NaiveDate, A::Error> {
        // toml's bare datetime: {"$__toml_private_datetime": "2026-11-02"}
        match map.next_entry::<String, String>()? {
            Some((_, text)) => self.visit_str(&text),
            None => Err(serde::de::Error::custom("empty date")),
        }
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_any(DateVisitor)
}

pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date.format("%Y-%m-%d").to_string())
}

/// The same for `Option<NaiveDate>` fields.
pub mod option {
    use super::*;

    /// Present fields only: a missing one is `None` through `#[serde(default)]`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        super::deserialize(d).map(Some)
    }

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => super::serialize(d, s),
            None => s.serialize_none(),
        }
    }
}

/// The school year (1 August to 31 July) a date falls in, by its first year.
pub fn school_year_of(date: NaiveDate) -> i32 {
    use chrono::Datelike;
    if date.month() >= 8 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The last day (31 July) of the school year that `date` falls in.
pub fn school_year_end(date: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(school_year_of(date) + 1, 7, 31).expect("31 July exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_dates() {
        assert!(parse("2026-02-30").is_none());
        assert!(parse("2026-13-01").is_none());
        assert!(parse("26-1-1").is_none());
        assert_eq!(parse("2028-02-29"), NaiveDate::from_ymd_opt(2028, 2, 29));
    }

    #[test]
    fn typed_dates_in_both_orders() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 3);
        assert_eq!(parse_typed("2026-11-03"), d);
        assert_eq!(parse_typed("03-11-2026"), d);
        assert_eq!(parse_typed(" 3-11-2026 "), d);
        assert_eq!(parse_typed("31-02-2026"), None);
        assert_eq!(parse_typed("11-03-26"), None);
        assert_eq!(parse_typed("2026-11-3x"), None);
        assert_eq!(parse_typed("03/11/2026"), None);
    }

    #[test]
    fn school_year_turns_on_first_of_august() {
        let d = |s| parse(s).unwrap();
        assert_eq!(school_year_of(d("2026-07-31")), 2025);
        assert_eq!(school_year_of(d("2026-08-01")), 2026);
        assert_eq!(school_year_end(d("2026-01-10")), d("2026-07-31"));
    }
}
