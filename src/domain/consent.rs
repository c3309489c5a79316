//! The consent register (issue 14): `toestemming` events say who agreed to
//! what, from when until when. Whose consent counts depends on the pupil's
//! age on the day it is needed: under 12 the parents, 12 to 15 the pupil
//! and the parents, from 16 the pupil alone (WGBO, as the protocols and the
//! rules page summarise it).

use crate::domain::event::Event;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The event kind of a consent record.
pub const KIND: &str = "toestemming";

/// Whose consent a record is.
pub const SUBJECTS: [&str; 2] = ["leerling", "ouders"];

/// What a consent can be for. A protocol rule names one of these in
/// `needs_consent`.
pub const SCOPES: [&str; 4] = [
    "terugkoppeling-school",
    "delen-leerplicht",
    "delen-swv",
    "overig",
];

/// A person whose consent may be needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Subject {
    Leerling,
    Ouders,
}

impl Subject {
    pub fn parse(text: &str) -> Option<Subject> {
        match text {
            "leerling" => Some(Subject::Leerling),
            "ouders" => Some(Subject::Ouders),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Subject::Leerling => "leerling",
            Subject::Ouders => "ouders",
        }
    }
}

/// Whether the consent an action needs is on record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentCheck {
    pub scope: String,
    /// The day it was checked for (today, or the day the action was done).
    pub on: NaiveDate,
    /// The pupil's age that day.
    pub age: u32,
    /// Whose consent is needed at that age.
    pub needed: Vec<Subject>,
    /// Of those, whose is not on record.
    pub missing: Vec<Subject>,
}

impl ConsentCheck {
    pub fn given(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Whole years of age on `on`.
pub fn age(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years.max(0) as u32
}

/// Whose consent is needed for a pupil of `age`.
pub fn needed(age: u32) -> Vec<Subject> {
    match age {
        0..=11 => vec![Subject::Ouders],
        12..=15 => vec![Subject::Leerling, Subject::Ouders],
        _ => vec![Subject::Leerling],
    }
}

/// Whether `e` is a consent for `scope` by `subject` that holds on `on`.
fn holds(e: &Event, scope: &str, subject: Subject, on: NaiveDate) -> bool {
    e.kind == KIND
        && e.withdrawn.is_none()
        && e.scope.as_deref() == Some(scope)
        && e.subject.as_deref() == Some(subject.as_str())
        && e.date <= on
        && e.until.is_none_or(|u| on <= u)
}

/// Checks the register (`events`) for a consent for `scope` on `on`.
pub fn check<'a>(
    events: impl Iterator<Item = &'a Event> + Clone,
    birth: NaiveDate,
    scope: &str,
    on: NaiveDate,
) -> ConsentCheck {
    let age = age(birth, on);
    let needed = needed(age);
    let missing = needed
        .iter()
        .copied()
        .filter(|s| !events.clone().any(|e| holds(e, scope, *s, on)))
        .collect();
    ConsentCheck {
        scope: scope.to_string(),
        on,
        age,
        needed,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates;

    fn d(s: &str) -> NaiveDate {
        dates::parse(s).unwrap()
    }

    fn consent(subject: &str, from: &str, until: Option<&str>) -> Event {
        let mut e = Event::new(KIND, d(from));
        e.subject = Some(subject.into());
        e.scope = Some("terugkoppeling-school".into());
        e.until = until.map(d);
        e
    }

    const SCOPE: &str = "terugkoppeling-school";

    #[test]
    fn age_counts_whole_years_to_the_birthday() {
        let birth = d("2014-03-10");
        assert_eq!(age(birth, d("2026-03-09")), 11);
        assert_eq!(age(birth, d("2026-03-10")), 12);
    }

    /// 11: the parents; 12 and 15: pupil and parents; 16: the pupil alone.
    #[test]
    fn whose_consent_follows_the_age_on_the_day() {
        let parents = [consent("ouders", "2026-01-05", None)];
        let pupil = [consent("leerling", "2026-01-05", None)];
        let both = [parents[0].clone(), pupil[0].clone()];
        let on = d("2026-03-10");
        let born = |years: i32| d(&format!("{}-03-10", 2026 - years));
        // The day before the 12th birthday: the parents decide.
        let eleven = born(12).succ_opt().unwrap();
        let c = check(parents.iter(), eleven, SCOPE, on);
        assert_eq!((c.age, c.needed.clone()), (11, vec![Subject::Ouders]));
        assert!(c.given());
        // 12 on the day: both, the parents alone are not enough.
        let c = check(parents.iter(), born(12), SCOPE, on);
        assert_eq!(c.age, 12);
        assert_eq!(c.missing, vec![Subject::Leerling]);
        assert!(check(both.iter(), born(12), SCOPE, on).given());
        // 15: still both.
        let c = check(pupil.iter(), born(16).succ_opt().unwrap(), SCOPE, on);
        assert_eq!((c.age, c.missing.clone()), (15, vec![Subject::Ouders]));
        // 16 on the day: the pupil alone; the parents' consent does not do.
        let c = check(pupil.iter(), born(16), SCOPE, on);
        assert_eq!((c.age, c.needed.clone()), (16, vec![Subject::Leerling]));
        assert!(c.given());
        assert!(!check(parents.iter(), born(16), SCOPE, on).given());
    }

    #[test]
    fn a_consent_holds_from_its_date_until_its_end_for_its_scope_only() {
        let birth = d("2008-01-01");
        let rec = [consent("leerling", "2026-02-01", Some("2026-02-28"))];
        assert!(!check(rec.iter(), birth, SCOPE, d("2026-01-31")).given());
        assert!(check(rec.iter(), birth, SCOPE, d("2026-02-28")).given());
        assert!(!check(rec.iter(), birth, SCOPE, d("2026-03-01")).given());
        assert!(!check(rec.iter(), birth, "delen-leerplicht", d("2026-02-10")).given());
        let mut withdrawn = rec[0].clone();
        withdrawn.withdrawn = Some("ingetrokken door leerling".into());
        assert!(!check([withdrawn].iter(), birth, SCOPE, d("2026-02-10")).given());
    }
}
