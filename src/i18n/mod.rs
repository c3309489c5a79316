//! The interface language of the front ends. Dutch by default (the users
//! are Dutch professionals); English by setting. Chosen once at start-up.
//! `words` holds the sentences both front ends share (typed input errors),
//! `work` the wording of the working day (spans, pauses, escalations,
//! consent); each front end has its own catalogue for the rest
//! (`cli/messages.rs`, `tui/messages.rs`). The domain never calls into
//! this module.

mod words;
pub mod work;

pub use words::*;

use std::sync::atomic::{AtomicBool, Ordering};

static ENGLISH: AtomicBool = AtomicBool::new(false);

/// An interface language: `--lang`, `VERZUIM_LANG`, `lang` in verzuim.toml.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
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
