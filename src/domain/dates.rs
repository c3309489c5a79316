//! Date parsing shared by every front end, and serde helpers that accept a
//! date written quoted ("2026-11-02") or as a bare TOML date (2026-11-02),
//! because people edit case files by hand. Dates are always written quoted.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serializer};

/// Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DateRepr {
    Text(String),
    Toml(toml::value::Datetime),
}

impl DateRepr {
    fn into_date<E: serde::de::Error>(self) -> Result<NaiveDate, E> {
        let text = match self {
            DateRepr::Text(t) => t,
            DateRepr::Toml(d) => d.to_string(),
        };
        parse(&text).ok_or_else(|| E::custom(format!("invalid date `{text}`, expected YYYY-MM-DD")))
    }
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    DateRepr::deserialize(d)?.into_date()
}

pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date.format("%Y-%m-%d").to_string())
}

/// The same for `Option<NaiveDate>` fields.
pub mod option {
    use super::*;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<DateRepr>::deserialize(d)? {
            Some(repr) => repr.into_date().map(Some),
            None => Ok(None),
        }
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
    fn school_year_turns_on_first_of_august() {
        let d = |s| parse(s).unwrap();
        assert_eq!(school_year_of(d("2026-07-31")), 2025);
        assert_eq!(school_year_of(d("2026-08-01")), 2026);
        assert_eq!(school_year_end(d("2026-01-10")), d("2026-07-31"));
    }
}
