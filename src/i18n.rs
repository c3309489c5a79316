//! The interface language. Dutch by default (the users are Dutch
//! professionals); English by setting. Chosen once at start-up.

use std::sync::atomic::{AtomicBool, Ordering};

static ENGLISH: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Nl,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }
}

pub fn set_lang(lang: Lang) {
    ENGLISH.store(lang == Lang::En, Ordering::Relaxed);
}

pub fn lang() -> Lang {
    if ENGLISH.load(Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Nl
    }
}

/// Picks the Dutch or English text for the current language.
pub fn t<'a>(nl: &'a str, en: &'a str) -> &'a str {
    match lang() {
        Lang::Nl => nl,
        Lang::En => en,
    }
}

/// A date as the interface language writes it: `dd-mm-jjjj` in Dutch,
/// `YYYY-MM-DD` in English. Files and JSON always keep the ISO form.
pub fn date(d: chrono::NaiveDate) -> String {
    match lang() {
        Lang::Nl => d.format("%d-%m-%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// `n` with the singular or plural noun of the current language.
pub fn count(n: usize, nl: (&str, &str), en: (&str, &str)) -> String {
    let (one, many) = match lang() {
        Lang::Nl => nl,
        Lang::En => en,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One line about a doubtful event (see `domain::plausible`).
pub fn doubt(d: &crate::domain::plausible::Doubt) -> String {
    use crate::domain::plausible::Doubt;
    match d {
        Doubt::BeforeBirth { date: at, birth } => format!(
            "{} {} {} {}",
            t("datum", "date"),
            date(*at),
            t("ligt voor de geboortedatum", "is before the birth date"),
            date(*birth)
        ),
        Doubt::FarFuture { date: at, limit } => format!(
            "{} {} {} {}",
            t("datum", "date"),
            date(*at),
            t(
                "ligt meer dan een jaar na vandaag (uiterlijk",
                "is more than a year after today (at most"
            ),
            format_args!("{})", date(*limit))
        ),
        Doubt::NoSchoolDay { date: at } => format!(
            "{} {}",
            date(*at),
            t(
                "is geen schooldag (weekend of vakantie) voor ongeoorloofd verzuim",
                "is no school day (weekend or holiday) for unauthorised absence"
            )
        ),
        Doubt::HoursAboveDay { hours, day } => format!(
            "{hours} {} {day}",
            t(
                "lesuren is meer dan een schooldag heeft:",
                "lesson hours is more than a school day has:"
            )
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_plurals_and_dates() {
        set_lang(Lang::Nl);
        assert_eq!(count(1, ("conflict", "conflicten"), ("", "")), "1 conflict");
        assert_eq!(
            count(2, ("gebeurtenis", "gebeurtenissen"), ("", "")),
            "2 gebeurtenissen"
        );
        let d = chrono::NaiveDate::from_ymd_opt(2026, 11, 3).unwrap();
        assert_eq!(date(d), "03-11-2026");
    }
}
