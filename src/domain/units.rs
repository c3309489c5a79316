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

/// Why a typed span ("5 schooldagen") was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanTextError {
    /// No whole number of at least 1 before the unit.
    Amount(String),
    /// No unit, or one this tool does not know.
    Unit(String),
}

impl Unit {
    /// Every unit, for messages that list them.
    pub const ALL: [Unit; 7] = [
        Unit::Days,
        Unit::SchoolDays,
        Unit::Weeks,
        Unit::SchoolWeeks,
        Unit::WorkingDays,
        Unit::Months,
        Unit::SchoolYear,
    ];

    /// A unit as people write it: the file form (`school-days`) or Dutch
    /// and English words, singular or plural ("schooldagen", "week").
    pub fn parse_word(word: &str) -> Option<Unit> {
        let w = word.trim().to_lowercase().replace([' ', '_'], "-");
        Some(match w.as_str() {
            "dag" | "dagen" | "day" | "days" => Unit::Days,
            "schooldag" | "schooldagen" | "school-day" | "school-days" => Unit::SchoolDays,
            "week" | "weken" | "weeks" => Unit::Weeks,
            "schoolweek" | "schoolweken" | "school-week" | "school-weeks" => Unit::SchoolWeeks,
            "werkdag" | "werkdagen" | "working-day" | "working-days" => Unit::WorkingDays,
            "maand" | "maanden" | "month" | "months" => Unit::Months,
            "schooljaar" | "schooljaren" | "school-year" | "school-years" => Unit::SchoolYear,
            _ => return None,
        })
    }

    /// The Dutch word for an amount of this unit ("schooldagen").
    pub fn dutch(self, amount: u32) -> &'static str {
        let one = amount == 1;
        match self {
            Unit::Days => ["dagen", "dag"][one as usize],
            Unit::SchoolDays => ["schooldagen", "schooldag"][one as usize],
            Unit::Weeks => ["weken", "week"][one as usize],
            Unit::SchoolWeeks => ["schoolweken", "schoolweek"][one as usize],
            Unit::WorkingDays => ["werkdagen", "werkdag"][one as usize],
            Unit::Months => ["maanden", "maand"][one as usize],
            Unit::SchoolYear => ["schooljaren", "schooljaar"][one as usize],
        }
    }
}

impl Span {
    /// Parses "5 schooldagen", "2 weken", "5 school-days" (the unit always
    /// explicit, as in the protocol files).
    pub fn parse_text(text: &str) -> Result<Span, SpanTextError> {
        let text = text.trim();
        let split = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        let (number, unit) = text.split_at(split);
        let amount = number
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| SpanTextError::Amount(text.to_string()))?;
        let unit = Unit::parse_word(unit).ok_or_else(|| SpanTextError::Unit(text.to_string()))?;
        Ok(Span { amount, unit })
    }
}

/// Serde for an optional span written as text (`"5 school-days"`), the
/// form events store it in.
pub mod text_option {
    use super::Span;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Span>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| {
            Span::parse_text(&t).map_err(|_| {
                serde::de::Error::custom(format!("invalid span `{t}`, e.g. \"5 school-days\""))
            })
        })
        .transpose()
    }

    pub fn serialize<S: Serializer>(span: &Option<Span>, s: S) -> Result<S::Ok, S::Error> {
        match span {
            Some(v) => s.serialize_str(&v.to_string()),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn spans_are_typed_with_an_explicit_unit_in_dutch_or_english() {
        assert_eq!(
            Span::parse_text("5 schooldagen"),
            Ok(Span::new(5, Unit::SchoolDays))
        );
        assert_eq!(Span::parse_text("2 weken"), Ok(Span::new(2, Unit::Weeks)));
        assert_eq!(Span::parse_text("1 week"), Ok(Span::new(1, Unit::Weeks)));
        assert_eq!(
            Span::parse_text("5 school-days"),
            Ok(Span::new(5, Unit::SchoolDays))
        );
        assert!(matches!(Span::parse_text("5"), Err(SpanTextError::Unit(_))));
        assert!(matches!(
            Span::parse_text("vijf dagen"),
            Err(SpanTextError::Amount(_))
        ));
        assert!(matches!(
            Span::parse_text("0 dagen"),
            Err(SpanTextError::Amount(_))
        ));
        let s = Span::new(3, Unit::SchoolDays);
        assert_eq!(Span::parse_text(&s.to_string()), Ok(s));
    }
}
