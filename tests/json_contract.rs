//! The JSON contract (`src/cli/json/`, `docs/json.md`), one test per
//! command that prints JSON: the real binary on a temp repository whose
//! cases carry every optional field, the document's keys and JSON types
//! pinned as a snapshot (`tests/snapshots/json_contract__*.snap`). Renaming
//! or retyping a field fails here; a wanted change is a new snapshot
//! (`cargo insta review`) and a line in `docs/json.md`.

mod common;
#[path = "common/json_cases.rs"]
mod json_cases;
#[path = "common/retention.rs"]
mod retention_cases;
#[path = "common/schema.rs"]
mod schema;

use common::Sandbox;
use json_cases::{DAY, caseload, thuiszitters};
use schema::{parse_sorted, schema};
use serde_json::Value;

/// Objects keyed by data (ids, rules, categories), not by field names.
const MAPS: &[&str] = &[
    "events",
    "contacts",
    "norms",
    "consults",
    "advice",
    "per_category",
    "per_type",
];

#[test]
fn show_json() {
    let s = Sandbox::new();
    let (id, broken) = caseload(&s);
    let full = parse_sorted(&s.ok(DAY, &["show", &id, "--json"]), false);
    let unchecked = parse_sorted(&s.ok(DAY, &["show", &broken, "--json"]), false);
    assert!(full["unchecked"].is_null() && unchecked["evaluation"].is_null());
    // A term past the end of the calendar: no date, `{"error"}`.
    let rules = std::fs::read_to_string(s.dir.join("retention.toml"))
        .unwrap_or_else(|_| {
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/retention.toml")).unwrap()
        })
        .replace("amount = 19, unit", "amount = 300000, unit");
    std::fs::write(s.dir.join("retention.toml"), rules).unwrap();
    let no_date = parse_sorted(&s.ok(DAY, &["show", &broken, "--json"]), false);
    assert!(no_date["retention"]["error"].is_string(), "{no_date}");
    let docs = [&full, &unchecked, &no_date];
    insta::assert_snapshot!("show", schema(&docs, MAPS));
}

#[test]
fn check_json() {
    let s = Sandbox::new();
    caseload(&s);
    let doc = parse_sorted(&s.ok_or_2(DAY, &["check", "--json"]), false);
    insta::assert_snapshot!("check", schema(&[&doc], MAPS));
}

#[test]
fn overdue_json() {
    let s = Sandbox::new();
    caseload(&s);
    let doc = parse_sorted(&s.ok_or_2(DAY, &["overdue", "--json"]), false);
    assert!(!doc.as_array().unwrap().is_empty());
    insta::assert_snapshot!("overdue", schema(&[&doc], MAPS));
}

#[test]
fn conflicts_json() {
    let a = Sandbox::named("Officer A");
    let b = Sandbox::named("Officer B");
    let day = "2025-09-15";
    a.ok(day, &["init"]);
    common::share(&a, &b, day);
    let id = a.new_case("leerplichtwet");
    a.ok(day, &["sync"]);
    b.ok(day, &["sync"]);
    for (s, school) in [(&a, "De Brug Noord"), (&b, "De Brug Zuid")] {
        let file = s.case_file(&id);
        let text = std::fs::read_to_string(&file)
            .unwrap()
            .replace("school = \"De Brug\"", &format!("school = \"{school}\""));
        std::fs::write(&file, text).unwrap();
    }
    a.ok(day, &["sync"]);
    b.ok(day, &["sync"]);
    let doc = parse_sorted(&b.ok(day, &["conflicts", "--json"]), false);
    assert_eq!(doc[0]["field"], "school");
    insta::assert_snapshot!("conflicts", schema(&[&doc], MAPS));
}

#[test]
fn retention_list_json() {
    let s = Sandbox::new();
    s.ok("2018-09-01", &["init"]);
    retention_cases::cases(&s);
    let today = retention_cases::TODAY;
    let doc = parse_sorted(&s.ok(today, &["retention", "list", "--json"]), false);
    let due = doc["due"].as_array().unwrap();
    assert!(due.iter().any(|d| d["event"].is_null()) && due.iter().any(|d| d["event"].is_string()));
    insta::assert_snapshot!("retention_list", schema(&[&doc], MAPS));
}

#[test]
fn report_thuiszitters_json() {
    let s = Sandbox::new();
    thuiszitters(&s);
    let first = parse_sorted(
        &s.ok("2026-01-06", &["report", "thuiszitters", "--json"]),
        true,
    );
    s.ok("2026-01-06", &["report", "thuiszitters", "--save"]);
    let day = "2026-01-20";
    let counts = parse_sorted(&s.ok(day, &["report", "thuiszitters", "--json"]), true);
    assert_eq!(counts["vertrouwelijk"], false);
    assert!(first["previous"].is_null() && counts["previous"].is_string());
    insta::assert_snapshot!("thuiszitters", schema(&[&first, &counts], MAPS));
    let args = ["report", "thuiszitters", "--named", "--json"];
    let named = parse_sorted(&s.ok(day, &args), true);
    assert_eq!(named["vertrouwelijk"], true);
    insta::assert_snapshot!("thuiszitters_named", schema(&[&named], MAPS));
}

#[test]
fn report_jaar_json() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let a = s.new_case("leerplichtwet");
    let day = "2026-08-15";
    s.ok(
        day,
        &["add", &a, "melding-leerplicht", "--date", "2025-09-15"],
    );
    s.ok(
        day,
        &[
            "add",
            &a,
            "verlof-besluit",
            "--date",
            "2026-03-02",
            "--outcome",
            "verleend",
            "--days",
            "3",
        ],
    );
    let all = parse_sorted(&s.ok(day, &["report", "jaar", "2025-2026", "--json"]), true);
    let args = [
        "report",
        "jaar",
        "2025-2026",
        "--gemeente",
        "Utrecht",
        "--json",
    ];
    let one = parse_sorted(&s.ok(day, &args), true);
    assert!(all["gemeente"].is_null() && one["gemeente"] == "Utrecht");
    insta::assert_snapshot!("jaar", schema(&[&all, &one], MAPS));
}

#[test]
fn report_mazl_json() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let a = s.new_case("utrecht-west");
    let day = "2025-12-01";
    let add = |kind: &str, date: &str, extra: &[&str]| {
        s.ok(
            day,
            &[&["add", &a, kind, "--date", date][..], extra].concat(),
        );
    };
    add("aanmelding-jgz", "2025-09-15", &[]);
    add("uitnodiging-jgz", "2025-09-17", &[]);
    add("consult", "2025-09-24", &["--outcome", "verschenen"]);
    add(
        "terugkoppeling",
        "2025-09-27",
        &["--advice", "deels: school"],
    );
    let doc = parse_sorted(&s.ok(day, &["report", "mazl", "--json"]), true);
    insta::assert_snapshot!("mazl", schema(&[&doc], MAPS));
}

/// The schema text the snapshots hold: paths, `?` for a key only some
/// objects have, merged types.
#[test]
fn the_schema_shows_keys_types_and_variants() {
    let a: Value =
        serde_json::from_str(r#"{"b": [{"x": 1, "y": null}], "m": {"k1": "v"}}"#).unwrap();
    let b: Value =
        serde_json::from_str(r#"{"b": [{"x": 1.5, "y": "t", "z": true}], "m": {}}"#).unwrap();
    assert_eq!(
        schema(&[&a, &b], &["m"]),
        "$: object\n$.b: array\n$.b[]: object\n$.b[].x: integer | float\n\
         $.b[].y: null | string\n$.b[].z?: bool\n$.m: map\n$.m.*: string\n"
    );
}
