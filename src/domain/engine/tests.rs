//! Boundary tests for every rule kind, on the shipped protocols and the
//! real 2025-2026 calendar for region midden (herfstvakantie 18-26 Oct 2025).

use super::*;
use crate::domain::calendar::{CalendarFile, Region};
use crate::domain::case::{Case, CaseFields, Level};
use crate::domain::dates;
use crate::domain::event::Event;
use crate::domain::protocol::{self, resolve_all};
use crate::store::embedded;

pub fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

pub fn calendar() -> SchoolCalendar {
    let files: Vec<CalendarFile> = embedded::CALENDARS
        .iter()
        .map(|(_, t)| toml::from_str(t).unwrap())
        .collect();
    SchoolCalendar::build(&files, Region::Midden, None)
}

pub fn protocol(id: &str) -> ResolvedProtocol {
    let sources: Vec<_> = embedded::PROTOCOLS
        .iter()
        .map(|(n, t)| protocol::parse(n, t).unwrap())
        .collect();
    let lib = resolve_all(&sources);
    assert!(lib.broken.is_empty(), "{:?}", lib.broken);
    lib.protocols[id].clone()
}

pub fn case(level: Level, protocol: &str) -> Case {
    CaseFields {
        name: "Test".into(),
        birth: d("2011-01-01"),
        school: "School".into(),
        level,
        protocol: protocol.into(),
        gemeente: None,
        owner: None,
    }
    .into_case("case1".into(), d("2025-08-01"))
}

pub struct Setup {
    pub case: Case,
    pub protocol: ResolvedProtocol,
    pub cal: SchoolCalendar,
}

impl Setup {
    pub fn new(protocol_id: &str, level: Level) -> Self {
        Setup {
            case: case(level, protocol_id),
            protocol: protocol(protocol_id),
            cal: calendar(),
        }
    }
    pub fn add(&mut self, kind: &str, date: &str) -> &mut Event {
        let id = format!("e{:03}", self.case.events.len());
        self.case
            .events
            .insert(id.as_str().into(), Event::new(kind, d(date)));
        self.case.events.get_mut(id.as_str()).unwrap()
    }
    pub fn eval(&self, today: &str) -> Evaluation {
        evaluate(&self.case, &self.protocol, &self.cal, d(today))
    }
    pub fn fired(&self, today: &str, rule: &str) -> Vec<NaiveDate> {
        self.eval(today)
            .history
            .iter()
            .filter(|s| s.rule == rule)
            .map(|s| s.since)
            .collect()
    }
    pub fn action(&self, today: &str, rule: &str) -> Option<Action> {
        self.eval(today)
            .actions
            .into_iter()
            .find(|a| a.rule == rule)
    }
}

const ZHW: &str = "zhw-ziekteverzuim-als-signaal";

#[test]
fn signaalverzuim_fires_at_16_hours_not_15() {
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    s.add("ongeoorloofd", "2025-09-01").hours = Some(8.0);
    s.add("ongeoorloofd", "2025-09-08").hours = Some(7.0);
    assert!(
        s.fired("2025-09-30", "signaalverzuim").is_empty(),
        "15 hours is below"
    );
    s.add("ongeoorloofd", "2025-09-15").hours = Some(1.0);
    assert_eq!(
        s.fired("2025-09-30", "signaalverzuim"),
        vec![d("2025-09-15")]
    );
}

#[test]
fn signaalverzuim_window_is_four_school_weeks_across_the_holiday() {
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    // Weeks of 6 Oct, 13 Oct, (herfstvakantie), 27 Oct, 3 Nov: four school weeks.
    s.add("ongeoorloofd", "2025-10-06").hours = Some(8.0);
    s.add("ongeoorloofd", "2025-11-03").hours = Some(8.0);
    assert_eq!(
        s.fired("2025-11-10", "signaalverzuim"),
        vec![d("2025-11-03")]
    );
    // One school week later it is outside the window.
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    s.add("ongeoorloofd", "2025-10-06").hours = Some(8.0);
    s.add("ongeoorloofd", "2025-11-10").hours = Some(8.0);
    assert!(s.fired("2025-11-20", "signaalverzuim").is_empty());
}

#[test]
fn whole_days_count_as_lesson_hours_on_school_days_only() {
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    // Fri 3 Oct to Mon 6 Oct: two school days x 6 hours = 12: below.
    s.add("ongeoorloofd", "2025-10-03").until = Some(d("2025-10-06"));
    assert!(s.fired("2025-10-10", "signaalverzuim").is_empty());
    s.add("ongeoorloofd", "2025-10-07").hours = Some(4.0);
    assert_eq!(
        s.fired("2025-10-10", "signaalverzuim"),
        vec![d("2025-10-07")]
    );
}

#[test]
fn duo_melding_due_five_days_after_the_signal() {
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    s.add("ongeoorloofd", "2025-09-15").hours = Some(16.0);
    let a = s.action("2025-09-20", "duo-melding").unwrap();
    assert_eq!((a.due, a.status), (d("2025-09-20"), ActionStatus::Open));
    assert_eq!(
        s.action("2025-09-21", "duo-melding").unwrap().status,
        ActionStatus::Overdue
    );
    s.add("melding-leerplicht", "2025-09-22");
    let a = s.action("2025-09-22", "duo-melding").unwrap();
    assert_eq!(
        (a.status, a.done_on),
        (ActionStatus::Done, Some(d("2025-09-22")))
    );
}

#[test]
fn luxeverzuim_fires_for_every_luxe() {
    let mut s = Setup::new("leerplichtwet", Level::Po);
    s.add("luxe", "2025-10-13").until = Some(d("2025-10-17"));
    s.add("luxe", "2026-02-13");
    assert_eq!(
        s.fired("2026-03-01", "luxeverzuim"),
        vec![d("2025-10-13"), d("2026-02-13")]
    );
}

#[test]
fn thuiszitter_after_more_than_four_weeks_unless_exempt() {
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    s.add("ongeoorloofd", "2025-09-01").until = Some(d("2025-09-28"));
    assert!(
        s.fired("2025-10-30", "thuiszitter").is_empty(),
        "exactly 4 weeks is not more than 4"
    );
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    s.add("ongeoorloofd", "2025-09-01").until = Some(d("2025-09-29"));
    assert_eq!(s.fired("2025-10-30", "thuiszitter"), vec![d("2025-09-29")]);
    s.add("vrijstelling", "2025-09-15");
    assert!(s.fired("2025-10-30", "thuiszitter").is_empty());
}

#[test]
fn every_fourth_sick_report_in_12_school_weeks_fires_again_at_the_8th() {
    let mut s = Setup::new(ZHW, Level::Vo);
    let dates = [
        "2025-09-01",
        "2025-09-08",
        "2025-09-15",
        "2025-09-22",
        "2025-09-29",
        "2025-10-06",
        "2025-10-13",
        "2025-10-27",
    ];
    for (i, date) in dates.iter().enumerate() {
        s.add("ziek", date).until = Some(d(date));
        let fired = s.fired("2025-11-30", "ziekmeldingen-frequent");
        match i + 1 {
            1..=3 => assert!(fired.is_empty()),
            4..=7 => assert_eq!(fired, vec![d("2025-09-22")]),
            _ => assert_eq!(fired, vec![d("2025-09-22"), d("2025-10-27")]),
        }
    }
}

#[test]
fn sick_report_window_counts_school_weeks_not_calendar_weeks() {
    // 1 Sep to 17 Nov is 12 calendar weeks apart but, with the herfstvakantie
    // week, only 11 school weeks: the 4th report still falls in the window.
    let mut s = Setup::new(ZHW, Level::Vo);
    for date in ["2025-09-01", "2025-10-01", "2025-11-03", "2025-11-17"] {
        s.add("ziek", date).until = Some(d(date));
    }
    assert_eq!(
        s.fired("2025-11-30", "ziekmeldingen-frequent"),
        vec![d("2025-11-17")]
    );
    let mut s = Setup::new(ZHW, Level::Vo);
    for date in ["2025-09-01", "2025-10-01", "2025-11-03", "2025-12-01"] {
        s.add("ziek", date).until = Some(d(date));
    }
    assert!(s.fired("2025-12-10", "ziekmeldingen-frequent").is_empty());
}

#[test]
fn seventh_consecutive_school_day_sick_across_a_weekend() {
    let mut s = Setup::new(ZHW, Level::Vo);
    s.add("ziek", "2025-09-03"); // Wednesday, still sick
    // Wed, Thu, Fri, Mon, Tue, Wed = 6 school days on Wed 10 Sep.
    assert!(s.fired("2025-09-10", "ziek-aaneengesloten").is_empty());
    assert_eq!(
        s.fired("2025-09-11", "ziek-aaneengesloten"),
        vec![d("2025-09-11")]
    );
    assert_eq!(s.eval("2025-09-11").signals.len(), 1, "holds while ongoing");
    s.add("beter", "2025-09-11");
    assert!(
        s.fired("2025-09-20", "ziek-aaneengesloten").is_empty(),
        "back on the 7th day"
    );
}

#[test]
fn consecutive_sick_days_span_the_holiday_week() {
    let mut s = Setup::new(ZHW, Level::Vo);
    // Wed 15, Thu 16, Fri 17 Oct, holiday, Mon 27 .. Thu 30 Oct = 7 school days.
    s.add("ziek", "2025-10-15").until = Some(d("2025-10-17"));
    s.add("ziek", "2025-10-27").until = Some(d("2025-10-30"));
    assert_eq!(
        s.fired("2025-11-05", "ziek-aaneengesloten"),
        vec![d("2025-10-30")]
    );
}

#[test]
fn mentor_contact_only_after_three_school_days_due_on_the_fifth() {
    let mut s = Setup::new(ZHW, Level::Vo);
    s.add("ziek", "2025-09-04").until = Some(d("2025-09-05")); // Thu-Fri: 2 days
    assert!(s.action("2025-09-30", "mentor-contact").is_none());
    let mut s = Setup::new(ZHW, Level::Vo);
    s.add("ziek", "2025-09-04"); // ongoing from Thursday
    assert!(s.action("2025-09-05", "mentor-contact").is_none(), "day 2");
    let a = s.action("2025-09-08", "mentor-contact").unwrap();
    // 5 school days after Thu 4 Sep: Fri, Mon, Tue, Wed, Thu 11 Sep.
    assert_eq!((a.due, a.status), (d("2025-09-11"), ActionStatus::Open));
    assert_eq!(
        s.action("2025-09-12", "mentor-contact").unwrap().status,
        ActionStatus::Overdue
    );
    s.add("contact-ouders", "2025-09-12");
    assert_eq!(
        s.action("2025-09-12", "mentor-contact").unwrap().status,
        ActionStatus::Done
    );
}

#[test]
fn jgz_invitation_within_five_days_and_consult_within_two_weeks() {
    let mut s = Setup::new(ZHW, Level::Vo);
    s.add("aanmelding-jgz", "2025-09-01");
    assert_eq!(
        s.action("2025-09-06", "jgz-uitnodiging").unwrap().status,
        ActionStatus::Open
    );
    assert_eq!(
        s.action("2025-09-07", "jgz-uitnodiging").unwrap().status,
        ActionStatus::Overdue
    );
    assert_eq!(
        s.action("2025-09-15", "jgz-consult").unwrap().due,
        d("2025-09-15")
    );
    assert_eq!(
        s.action("2025-09-16", "jgz-consult").unwrap().status,
        ActionStatus::Overdue
    );
    s.add("consult", "2025-09-10").outcome = Some("verschenen".into());
    let e = s.eval("2025-09-16");
    assert!(
        e.actions
            .iter()
            .filter(|a| a.rule == "jgz-consult")
            .all(|a| a.status == ActionStatus::Done)
    );
    let follow = e
        .actions
        .iter()
        .find(|a| a.rule == "jgz-follow-up")
        .unwrap();
    assert_eq!(follow.due, d("2025-11-10"), "2 months after the consult");
}

#[test]
fn two_no_shows_in_one_trajectory_bring_in_leerplicht() {
    let mut s = Setup::new(ZHW, Level::Vo);
    s.add("aanmelding-jgz", "2025-09-01");
    s.add("consult", "2025-09-10").outcome = Some("niet-verschenen".into());
    assert!(s.fired("2025-09-30", "jgz-2x-niet-verschenen").is_empty());
    let again = s.action("2025-09-30", "jgz-nieuwe-afspraak").unwrap();
    assert_eq!(again.due, d("2025-09-24"));
    s.add("consult", "2025-09-20").outcome = Some("afgemeld".into());
    assert!(
        s.fired("2025-09-30", "jgz-2x-niet-verschenen").is_empty(),
        "a no-show with notice brings a new appointment, not leerplicht"
    );
    s.add("consult", "2025-09-25").outcome = Some("niet-verschenen".into());
    assert_eq!(
        s.fired("2025-09-30", "jgz-2x-niet-verschenen"),
        vec![d("2025-09-25")]
    );
    assert_eq!(
        s.action("2025-09-30", "leerplicht-uitnodiging")
            .unwrap()
            .role,
        Role::Leerplicht
    );
    // A new registration starts a new trajectory.
    let mut s = Setup::new(ZHW, Level::Vo);
    s.add("consult", "2025-06-10").outcome = Some("niet-verschenen".into());
    s.add("aanmelding-jgz", "2025-09-01");
    s.add("consult", "2025-09-10").outcome = Some("niet-verschenen".into());
    assert!(s.fired("2025-09-30", "jgz-2x-niet-verschenen").is_empty());
}

#[test]
fn an_action_marked_done_by_hand_is_done() {
    let mut s = Setup::new(ZHW, Level::Vo);
    s.add("aanmelding-jgz", "2025-09-01");
    let id = s.action("2025-09-20", "jgz-uitnodiging").unwrap().id;
    s.add(crate::domain::event::DONE_KIND, "2025-09-20").action = Some(id.to_string());
    assert_eq!(
        s.action("2025-09-20", "jgz-uitnodiging").unwrap().status,
        ActionStatus::Done
    );
}

#[test]
fn events_after_today_are_not_known_yet() {
    let mut s = Setup::new("leerplichtwet", Level::Vo);
    s.add("ongeoorloofd", "2025-09-15").hours = Some(16.0);
    assert!(s.fired("2025-09-14", "signaalverzuim").is_empty());
    assert!(s.eval("2025-09-14").actions.is_empty());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const KINDS: [&str; 10] = [
        "ziek",
        "beter",
        "ongeoorloofd",
        "luxe",
        "consult",
        "aanmelding-jgz",
        "uitnodiging-jgz",
        "vrijstelling",
        "te-laat",
        "afgerond",
    ];

    fn event() -> impl Strategy<Value = (usize, i64, Option<i64>, Option<f64>, usize)> {
        (
            0..KINDS.len(),
            0i64..800,
            proptest::option::of(-5i64..200),
            proptest::option::of(-2.0f64..30.0),
            0usize..4,
        )
    }

    proptest! {
        #[test]
        fn engine_never_panics(events in proptest::collection::vec(event(), 0..40), today in 0i64..900) {
            let mut s = Setup::new(ZHW, Level::Vo);
            let base = d("2024-09-01");
            for (kind, offset, until, hours, outcome) in events {
                let e = s.add(KINDS[kind], &(base + chrono::Days::new(offset as u64)).to_string());
                e.until = until.map(|u| if u >= 0 { e.date + chrono::Days::new(u as u64) } else { e.date - chrono::Days::new(u.unsigned_abs()) });
                e.hours = hours;
                e.outcome = ["verschenen", "afgemeld", "niet-verschenen", "onzin"].get(outcome).map(|o| o.to_string());
                e.action = Some("jgz-uitnodiging-e000".into());
            }
            let eval = s.eval(&(base + chrono::Days::new(today as u64)).to_string());
            for a in &eval.actions {
                prop_assert!(a.due >= a.triggered);
            }
            let mut ids: Vec<&str> = eval.actions.iter().map(|a| a.id.as_str()).collect();
            ids.sort_unstable();
            let n = ids.len();
            ids.dedup();
            prop_assert_eq!(ids.len(), n, "action ids are unique within a case");
        }
    }
}
