//! The span of an evaluation is sound: on every day of it the engine says
//! exactly what it said on the day it was made (`today.rs`), over generated
//! cases with every kind of event the engine looks at (absences open and
//! closed, recoveries, JGZ steps, pauses and resumes, extensions, actions
//! by hand, done marks, consent) on every shipped protocol.

use super::tests::{Setup, d};
use super::*;
use crate::domain::case::Level;
use crate::domain::units::{Span, Unit};
use proptest::prelude::*;

const PROTOCOLS: [&str; 6] = [
    "leerplichtwet",
    "achterhoek",
    "haaglanden",
    "utrecht-west",
    "zhw-ziekteverzuim-als-signaal",
    "zhz-lvs",
];

const KINDS: [&str; 29] = [
    "ziek",
    "vrijstelling",
    "melding-leerplicht",
    "gesprek",
    "uitnodiging-jgz",
    "reactie-leerplicht",
    "mdo",
    "terugkoppeling",
    "contact-ouders",
    "zorgmelding",
    "plan-van-aanpak",
    "passend-aanbod",
    "melding-swv",
    "info-leerplicht",
    "follow-up",
    "evaluatie",
    "beter",
    "ongeoorloofd",
    "luxe",
    "te-laat",
    "aanmelding-jgz",
    "weigering-jgz",
    "consult",
    "pauze",
    "hervatting",
    "verlenging",
    "actie",
    "afgerond",
    "toestemming",
];

/// One generated event: kind, day offset, length (0: none), and a choice.
type Gen = (usize, u64, u64, u8);

fn build(protocol: &str, level: Level, events: &[Gen], escalate: u8) -> Setup {
    let mut s = Setup::new(protocol, level);
    // Some cases escalate what stays overdue (no shipped protocol does
    // for all its rules).
    if escalate.is_multiple_of(3) {
        s.protocol.escalate = Some(crate::domain::workflow::Escalation {
            after: Span::new(u32::from(escalate % 7) + 1, Unit::SchoolDays),
            to: crate::domain::protocol::Role::Leerplicht,
        });
    }
    let base = d("2025-09-01");
    // Action ids the generated marks and extensions can name.
    let ids: Vec<String> = (0..events.len())
        .map(|i| format!("{}-e{:03}", "lvs-mail-jeugdarts", i))
        .collect();
    for (i, &(kind, offset, len, choice)) in events.iter().enumerate() {
        let kind = KINDS[kind];
        let date = base + chrono::Days::new(offset);
        let until = (len > 0).then(|| date + chrono::Days::new(len));
        let e = s.add(kind, &date.to_string());
        match kind {
            "ziek" | "luxe" | "pauze" | "vrijstelling" => e.until = until,
            "melding-leerplicht" => {
                e.soort =
                    Some(["16u4w", "lrv", "luxe", "overig", "18plus"][choice as usize % 5].into());
            }
            "ongeoorloofd" if choice % 2 == 0 => e.hours = Some(f64::from(choice % 7 + 1)),
            "ongeoorloofd" => e.until = until,
            "consult" => {
                e.outcome = Some(["verschenen", "niet-verschenen"][choice as usize % 2].into())
            }
            "verlenging" => {
                e.action = Some(ids[choice as usize % ids.len()].clone());
                e.by = Some(Span::new(u32::from(choice % 5) + 1, Unit::SchoolDays));
                e.reason = Some("r".into());
            }
            "afgerond" => e.action = Some(ids[choice as usize % ids.len()].clone()),
            "actie" => {
                e.role = Some("leerplicht".into());
                e.title = Some("t".into());
                e.due = Some(date + chrono::Days::new(len + 1));
            }
            "toestemming" => {
                e.subject = Some(["leerling", "ouders"][choice as usize % 2].into());
                e.scope = Some("terugkoppeling-school".into());
                e.until = until;
            }
            _ => {}
        }
        let _ = i;
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn every_day_of_the_span_gives_the_same_evaluation(
        protocol in 0..PROTOCOLS.len(),
        level in 0..3usize,
        events in proptest::collection::vec((0..KINDS.len(), 0u64..400, 0u64..40, any::<u8>()), 0..14),
        today in 0u64..480,
        escalate in any::<u8>(),
    ) {
        let level = [Level::Vo, Level::Po, Level::Mbo][level];
        let s = build(PROTOCOLS[protocol], level, &events, escalate);
        let today = d("2025-09-01") + chrono::Days::new(today);
        let (said, span) = evaluate_spanned(&s.case, &s.protocol, &s.cal, today);
        prop_assert!(span.contains(today), "{:?} leaves out {}", span, today);
        prop_assert_eq!(&said, &evaluate(&s.case, &s.protocol, &s.cal, today));
        // Every day of the span up to 60 days either side, and its ends.
        let from = span.first.max(today - chrono::Days::new(60));
        let to = span.last.min(today + chrono::Days::new(60));
        let mut days: Vec<NaiveDate> = from.iter_days().take_while(|x| *x <= to).collect();
        days.extend([span.first, span.last].into_iter().filter(|x| {
            x.years_since(d("2000-01-01")).is_some() && d("2040-01-01") > *x
        }));
        for day in days {
            let other = evaluate(&s.case, &s.protocol, &s.cal, day);
            prop_assert_eq!(&other, &said, "on {} (made on {}, span {:?})", day, today, span);
        }
    }
}

/// A quiet case holds for more than a day: a closed absence long past and
/// an action due next week give a span up to that due date.
#[test]
fn a_quiet_case_holds_until_its_next_due_date() {
    let mut s = Setup::new("zhz-lvs", Level::Vo);
    s.add("aanmelding-jgz", "2025-11-10");
    let (e, span) = evaluate_spanned(&s.case, &s.protocol, &s.cal, d("2025-11-12"));
    let due = e.actions[0].due;
    assert_eq!(due, d("2025-11-17"));
    assert_eq!(
        span.last, due,
        "open until the due date, overdue the day after"
    );
    assert!(span.first <= d("2025-11-10"));
    // An open sick report grows every day: under a protocol that counts
    // sick days, a span of one day (one that never looks at them is not
    // held to it).
    s.add("ziek", "2025-11-11");
    let (_, span) = evaluate_spanned(&s.case, &s.protocol, &s.cal, d("2025-11-12"));
    assert_eq!(span.last, d("2025-11-17"));
    let mut s = Setup::new("zhw-ziekteverzuim-als-signaal", Level::Vo);
    s.add("ziek", "2025-11-11");
    let (_, span) = evaluate_spanned(&s.case, &s.protocol, &s.cal, d("2025-11-12"));
    assert_eq!(span, DaySpan::day(d("2025-11-12")));
}

/// As [`build`], with every done mark and extension naming an action the
/// case really has (hand actions and escalations too), and escalation
/// after any span of any unit, 0 included.
fn build_aimed(protocol: &str, level: Level, events: &[Gen], esc: (usize, u32)) -> Setup {
    let mut s = build(protocol, level, events, 1);
    s.protocol.escalate = Some(crate::domain::workflow::Escalation {
        after: Span::new(esc.1, Unit::ALL[esc.0]),
        to: crate::domain::protocol::Role::Leerplicht,
    });
    let late = d("2025-09-01") + chrono::Days::new(600);
    let ids: Vec<String> = evaluate(&s.case, &s.protocol, &s.cal, late)
        .actions
        .iter()
        .map(|a| a.id.to_string())
        .collect();
    if ids.is_empty() {
        return s;
    }
    for (i, &(_, _, _, choice)) in events.iter().enumerate() {
        let e = s.case.events.get_mut(format!("e{i:03}").as_str()).unwrap();
        if e.action.is_some() {
            e.action = Some(ids[choice as usize % ids.len()].clone());
        }
    }
    s
}

/// The shipped calendar with a school's own closed stretches (a week
/// without a school day, a study day) and days it opens (a Saturday).
fn odd_school(closed: &[(u64, u64)], opened: &[u64]) -> crate::domain::calendar::SchoolCalendar {
    use crate::domain::calendar::{
        CalendarFile, ClosedPeriod, Region, SchoolCalendar, SchoolOverride,
    };
    let base = d("2025-09-01");
    let files: Vec<CalendarFile> = crate::store::embedded::CALENDARS
        .iter()
        .map(|(_, t)| toml::from_str(t).unwrap())
        .collect();
    let school = SchoolOverride {
        region: None,
        closed: closed
            .iter()
            .map(|&(from, len)| ClosedPeriod {
                from: base + chrono::Days::new(from),
                to: base + chrono::Days::new(from + len),
                name: None,
            })
            .collect(),
        open: opened
            .iter()
            .map(|&o| (base + chrono::Days::new(o)).to_string())
            .collect(),
    };
    SchoolCalendar::build(&files, Region::Midden, Some(&school))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn every_day_of_the_span_gives_the_same_evaluation_with_aimed_marks(
        protocol in 0..PROTOCOLS.len(),
        level in 0..3usize,
        events in proptest::collection::vec((0..KINDS.len(), 0u64..300, 0u64..30, any::<u8>()), 0..16),
        today in 0u64..420,
        esc in (0..Unit::ALL.len(), 0u32..4),
        closed in proptest::collection::vec((0u64..420, 0u64..20), 0..6),
        opened in proptest::collection::vec(0u64..420, 0..6),
    ) {
        let level = [Level::Vo, Level::Po, Level::Mbo][level];
        let mut s = build_aimed(PROTOCOLS[protocol], level, &events, esc);
        s.cal = odd_school(&closed, &opened);
        let today = d("2025-09-01") + chrono::Days::new(today);
        let (said, span) = evaluate_spanned(&s.case, &s.protocol, &s.cal, today);
        prop_assert!(span.contains(today), "{:?} leaves out {}", span, today);
        let from = span.first.max(today - chrono::Days::new(90));
        let to = span.last.min(today + chrono::Days::new(90));
        let mut days: Vec<NaiveDate> = from.iter_days().take_while(|x| *x <= to).collect();
        // And its ends, where the tables reach.
        days.extend([span.first, span.last].into_iter().filter(|x| {
            x.years_since(d("2000-01-01")).is_some() && d("2055-01-01") > *x
        }));
        for day in days {
            let other = evaluate(&s.case, &s.protocol, &s.cal, day);
            prop_assert_eq!(&other, &said, "on {} (made on {}, span {:?})", day, today, span);
        }
    }
}
