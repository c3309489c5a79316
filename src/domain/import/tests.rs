//! The pure import: rows to records to a plan, with no files and no clock.

use super::records::{self, Pupil};
use super::*;
use crate::domain::case::{Case, CaseFields, Level};
use crate::domain::dates;
use chrono::{Datelike, NaiveDate, Weekday};

fn d(s: &str) -> NaiveDate {
    dates::parse(s).unwrap()
}

fn mapping() -> Mapping {
    let text = crate::store::embedded::IMPORTS
        .iter()
        .find(|(n, _)| *n == "magister.toml")
        .unwrap()
        .1;
    parse_mapping("imports/magister.toml", "magister", text).unwrap()
}

fn table(rows: &[[&str; 4]]) -> Table {
    Table {
        file: "f.csv".into(),
        header_row: 1,
        header: ["Stamnr", "Datum", "Lesuur", "Code"]
            .map(String::from)
            .to_vec(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| Row {
                number: i + 2,
                cells: r.map(String::from).to_vec(),
            })
            .collect(),
    }
}

fn case(id: &str, nr: &str) -> Case {
    let mut c = CaseFields {
        name: "A B".into(),
        birth: d("2011-01-01"),
        school: "S".into(),
        level: Level::Vo,
        protocol: "leerplichtwet".into(),
        gemeente: None,
        owner: None,
    }
    .into_case(id.into(), d("2025-09-01"));
    c.leerlingnummer = Some(nr.into());
    c
}

fn weekdays(_: &Case, date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn plan_of(rows: &[[&str; 4]], cases: &[Case]) -> Plan {
    let m = mapping();
    let recs = records::read(&table(rows), &m).unwrap();
    plan(&m, recs, cases, &weekdays).unwrap()
}

#[test]
fn stable_ids_are_deterministic_and_distinct() {
    let a = stable_id(&["magister", "s", "nr:1", "2026-11-16", "", "ziek"]);
    assert_eq!(
        a,
        stable_id(&["magister", "s", "nr:1", "2026-11-16", "", "ziek"])
    );
    assert_eq!(a.len(), crate::domain::ids::ID_LEN);
    assert!(crate::domain::ids::is_valid(&a));
    assert_ne!(
        a,
        stable_id(&["magister", "s", "nr:1", "2026-11-17", "", "ziek"])
    );
    assert_ne!(stable_id(&["ab", "c"]), stable_id(&["a", "bc"]));
}

#[test]
fn lessons_make_one_unauthorised_event_a_day_counting_each_lesson_once() {
    let p = plan_of(
        &[
            ["1", "16-11-2026", "1", "A"],
            ["1", "16-11-2026", "2", "S"],
            ["1", "16-11-2026", "2", "A"],
            ["1", "16-11-2026", "3", "M"],
        ],
        &[case("c1", "1")],
    );
    let items = &p.cases[0].items;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].event.hours, Some(2.0));
    assert_eq!(p.skipped, 1);
}

#[test]
fn sick_days_over_a_weekend_are_one_run_and_a_later_import_extends_it() {
    let rows = [["1", "20-11-2026", "1", "Z"], ["1", "23-11-2026", "1", "Z"]];
    let mut c = case("c1", "1");
    let p = plan_of(&rows, std::slice::from_ref(&c));
    let items = &p.cases[0].items;
    assert_eq!(items.len(), 1);
    assert_eq!(
        (items[0].event.date, items[0].event.until),
        (d("2026-11-20"), Some(d("2026-11-23")))
    );
    c.events
        .insert(items[0].id.as_str().into(), items[0].event.clone());
    let p = plan_of(
        &[["1", "23-11-2026", "1", "Z"], ["1", "24-11-2026", "1", "Z"]],
        std::slice::from_ref(&c),
    );
    let it = &p.cases[0].items;
    assert_eq!(it.len(), 1, "{it:?}");
    assert!(matches!(it[0].status, ItemStatus::Changed(_)));
    assert_eq!(it[0].event.until, Some(d("2026-11-24")));
    // A gap of a school day starts a new report.
    let p = plan_of(&[["1", "26-11-2026", "1", "Z"]], std::slice::from_ref(&c));
    assert_eq!(p.cases[0].items[0].status, ItemStatus::New);
}

#[test]
fn unmatched_and_ambiguous_rows_keep_their_row_numbers() {
    let p = plan_of(
        &[["9", "16-11-2026", "1", "A"], ["2", "16-11-2026", "1", "A"]],
        &[case("c1", "1"), case("c2", "2"), case("c3", "2")],
    );
    assert_eq!(p.unmatched, vec![(2, Pupil::Number("9".into()))]);
    assert_eq!(p.ambiguous, vec![(3, Pupil::Number("2".into()), 2)]);
    assert!(p.cases.is_empty());
}

#[test]
fn bad_rows_are_typed_errors_at_row_and_column() {
    let m = mapping();
    let e = records::read(&table(&[["1", "16-11-2026", "1", "X"]]), &m).unwrap_err();
    assert_eq!((e.row, e.column), (2, 4));
    assert_eq!(e.kind, ErrorKind::UnknownCode { code: "X".into() });
    let e = records::read(&table(&[["1", "29-02-2026", "1", "A"]]), &m).unwrap_err();
    assert_eq!((e.row, e.column), (2, 2));
    assert!(matches!(e.kind, ErrorKind::BadDate { .. }));
}
