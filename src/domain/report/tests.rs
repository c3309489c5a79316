//! Reports on a generated caseload whose answers the tests compute on
//! their own (school days counted day by day, not by the engine).

use super::defs::ThuiszitterDefs;
use super::snapshot;
use super::thuiszitters::{self, Change, Filter};
use crate::domain::case::{Case, CaseFields, Level, Status};
use crate::domain::caseload::Caseload;
use crate::domain::dates;
use crate::domain::event::Event;
use crate::store::embedded;
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

pub fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

pub fn caseload(cases: Vec<Case>) -> Caseload {
    embedded::caseload(cases)
}

pub fn case(i: usize, protocol: &str, gemeente: &str) -> Case {
    CaseFields {
        name: format!("Leerling {i}"),
        birth: d("2011-03-04"),
        school: format!("School {}", i % 3),
        level: Level::Vo,
        protocol: protocol.into(),
        gemeente: Some(gemeente.into()),
        owner: Some("leerplicht".into()),
    }
    .into_case(format!("case{i:03}"), d("2025-08-20"))
}

pub fn with(mut c: Case, kind: &str, date: NaiveDate, until: Option<NaiveDate>) -> Case {
    let mut e = Event::new(kind, date);
    e.until = until;
    c.events.insert(format!("ev{}", c.events.len()).into(), e);
    c
}

fn defs() -> ThuiszitterDefs {
    ThuiszitterDefs::parse(
        "thuiszitters.toml",
        embedded::REPORTS
            .iter()
            .find(|(n, _)| *n == "thuiszitters.toml")
            .unwrap()
            .1,
    )
    .unwrap()
}

/// Scenario by `i % 5`: ongoing unauthorised absence, an open sick report,
/// an open exemption, a short sick report, or a closed case; starting
/// `i` weeks and a day before `date`.
fn generated(date: NaiveDate) -> Vec<Case> {
    (0..60)
        .map(|i| {
            let protocol = if i % 2 == 0 {
                "utrecht-west"
            } else {
                "leerplichtwet"
            };
            let gemeente = if i % 3 == 0 { "Woerden" } else { "Montfoort" };
            let start = date - Duration::days(7 * i as i64 + 1);
            let c = case(i, protocol, gemeente);
            match i % 5 {
                0 => with(c, "ongeoorloofd", start, Some(date)),
                1 => with(c, "ziek", start, None),
                2 => with(c, "vrijstelling", start, None),
                3 => with(c, "ziek", date - Duration::days(3), None),
                _ => {
                    let mut c = with(c, "ziek", start, None);
                    c.status = Status::Closed;
                    c
                }
            }
        })
        .collect()
}

/// The school days in `from..=to`, counted day by day.
fn school_days(cl: &Caseload, c: &Case, from: NaiveDate, to: NaiveDate) -> u32 {
    let cal = cl
        .calendars
        .for_case(c, cl.library.protocols.get(&c.protocol));
    from.iter_days()
        .take_while(|x| *x <= to)
        .filter(|x| cal.is_school_day(*x))
        .count() as u32
}

#[test]
fn overview_counts_match_an_independent_count() {
    let date = d("2026-03-10");
    let cl = caseload(generated(date));
    let o = thuiszitters::compute(&cl, &defs(), &Filter::default(), date, None);
    let mut want: BTreeMap<&str, usize> = BTreeMap::new();
    let mut long = 0;
    for c in cl.cases.iter().filter(|c| c.is_open()) {
        let (kind, e) = c
            .events
            .values()
            .next()
            .map(|e| (e.kind.as_str(), e))
            .unwrap();
        let days = school_days(&cl, c, e.date, date);
        let cat = match kind {
            "vrijstelling" => "vrijstelling",
            "ongeoorloofd" if days >= 21 => "langdurig-relatief",
            "ziek" if days >= 21 => "langdurig-geoorloofd",
            _ => continue,
        };
        *want.entry(cat).or_default() += 1;
        long += usize::from(days >= 65);
    }
    let got: BTreeMap<&str, usize> = o
        .summary
        .per_category
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(got, want);
    assert_eq!(o.summary.total, want.values().sum::<usize>());
    assert_eq!(o.summary.over_three_months, long);
    assert_eq!(
        o.summary.new, o.summary.total,
        "no previous overview: all new"
    );
    assert!(o.rows.iter().all(|r| r.change == Change::New));
    // Utrecht West cases carry their regional type; the colour comes with it.
    // (Past a year of sickness no type 4-6 applies: 004 §2.2 stops at 1 year.)
    let uw = o.rows.iter().find(|r| {
        r.category == "langdurig-geoorloofd" && r.protocol == "utrecht-west" && r.school_weeks < 30
    });
    let uw = uw.expect("an Utrecht West sick case under a year");
    let ty = uw.regional_type.as_deref().unwrap();
    let colour = if uw.over_three_months {
        "rood"
    } else {
        "oranje"
    };
    assert!(ty.starts_with("type 5") || ty.starts_with("type 6"), "{ty}");
    assert_eq!(uw.colour.as_deref(), Some(colour), "{ty}");
    assert!(
        o.rows
            .iter()
            .filter(|r| r.protocol == "leerplichtwet")
            .all(|r| r.regional_type.is_none())
    );
}

#[test]
fn filters_by_swv_and_gemeente() {
    let date = d("2026-03-10");
    let cl = caseload(generated(date));
    let all = thuiszitters::compute(&cl, &defs(), &Filter::default(), date, None);
    let filter = Filter {
        swv: Some("utrecht-west".into()),
        gemeente: Some("woerden".into()),
    };
    let some = thuiszitters::compute(&cl, &defs(), &filter, date, None);
    let want = all
        .rows
        .iter()
        .filter(|r| r.protocol == "utrecht-west" && r.gemeente.as_deref() == Some("Woerden"))
        .count();
    assert!(want > 0);
    assert_eq!(some.rows.len(), want);
}

#[test]
fn snapshot_diff_across_two_dates() {
    let first = d("2026-01-13");
    let second = d("2026-03-10");
    let cases = vec![
        with(
            case(1, "utrecht-west", "Woerden"),
            "ziek",
            d("2025-11-03"),
            None,
        ),
        // Ends before the second overview: resolved.
        with(
            case(2, "utrecht-west", "Woerden"),
            "ongeoorloofd",
            d("2025-11-03"),
            Some(d("2026-02-06")),
        ),
        // Starts after the first overview: new.
        with(
            case(3, "leerplichtwet", "Woerden"),
            "vrijstelling",
            d("2026-02-02"),
            None,
        ),
    ];
    let cl = caseload(cases);
    let a = thuiszitters::compute(&cl, &defs(), &Filter::default(), first, None);
    assert_eq!(
        a.ids(),
        BTreeSet::from(["case001".to_string(), "case002".to_string()])
    );
    let snap = snapshot::Snapshot {
        date: first,
        ids: a.ids(),
    };
    let back: snapshot::Snapshot = toml::from_str(&snap.render()).unwrap();
    assert_eq!(back, snap);
    let b = thuiszitters::compute(
        &cl,
        &defs(),
        &Filter::default(),
        second,
        Some((first, &back.ids)),
    );
    assert_eq!(b.previous, Some(first));
    assert_eq!(b.resolved, vec!["case002".to_string()]);
    assert_eq!(
        (b.summary.new, b.summary.continuing, b.summary.resolved),
        (1, 1, 1)
    );
    let change: BTreeMap<&str, Change> =
        b.rows.iter().map(|r| (r.case.as_str(), r.change)).collect();
    assert_eq!(change["case001"], Change::Continuing);
    assert_eq!(change["case003"], Change::New);
}

#[test]
fn previous_snapshot_is_the_latest_before_the_date() {
    let names = [
        "thuiszitters-2026-01-13.toml",
        "thuiszitters-2026-03-10.toml",
        "other.toml",
    ];
    let got = snapshot::previous(names, d("2026-03-10")).map(|(d, _)| d);
    assert_eq!(got, Some(d("2026-01-13")));
    assert_eq!(snapshot::previous(names, d("2026-01-13")), None);
}

#[test]
fn median_of_even_and_odd_counts() {
    assert_eq!(super::median(&[]), None);
    assert_eq!(super::median(&[5, 1, 3]), Some(3.0));
    assert_eq!(super::median(&[4, 1, 3, 10]), Some(3.5));
}
