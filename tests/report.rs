//! `verzuim report`: the real binary on a temp repository whose answers
//! the test knows from how it built the cases.

mod common;

use common::Sandbox;
use serde_json::Value;

/// Three thuiszitters and one short sick report on 2026-01-20:
/// - Utrecht West, sick since 06-10-2025 (type 5, oranje);
/// - leerplichtwet, unauthorised 03-11-2025 to 30-01-2026 (ends before March);
/// - leerplichtwet, exemption since 01-09-2025;
/// - Utrecht West, sick since 15-01-2026 (too short).
fn caseload(s: &Sandbox) -> Vec<String> {
    s.ok("2025-09-01", &["init"]);
    let ids: Vec<String> = [
        "utrecht-west",
        "leerplichtwet",
        "leerplichtwet",
        "utrecht-west",
    ]
    .iter()
    .map(|p| s.new_case(p))
    .collect();
    s.ok(
        "2026-01-20",
        &["add", &ids[0], "ziek", "--date", "2025-10-06"],
    );
    let until = ["--until", "2026-01-30"];
    let mut args = vec!["add", &ids[1], "ongeoorloofd", "--date", "2025-11-03"];
    args.extend(until);
    s.ok("2026-01-20", &args);
    s.ok(
        "2026-01-20",
        &["add", &ids[2], "vrijstelling", "--date", "2025-09-01"],
    );
    s.ok(
        "2026-01-20",
        &["add", &ids[3], "ziek", "--date", "2026-01-15"],
    );
    ids
}

fn json(s: &Sandbox, today: &str, extra: &[&str]) -> Value {
    let mut args = vec!["report", "thuiszitters", "--json"];
    args.extend(extra);
    serde_json::from_str(&s.ok(today, &args)).unwrap()
}

#[test]
fn thuiszitters_counts_types_and_the_aggregate_has_no_names() {
    let s = Sandbox::new();
    let ids = caseload(&s);
    let doc = json(&s, "2026-01-20", &[]);
    assert_eq!(doc["vertrouwelijk"], false);
    assert!(doc.get("overview").is_none(), "aggregate: counts only");
    let sum = &doc["summary"];
    assert_eq!(sum["total"], 3);
    assert_eq!(sum["new"], 3);
    assert_eq!(sum["per_category"]["langdurig-geoorloofd"], 1);
    assert_eq!(sum["per_category"]["langdurig-relatief"], 1);
    assert_eq!(sum["per_category"]["vrijstelling"], 1);
    let text = s.ok("2026-01-20", &["report", "thuiszitters"]);
    assert!(
        !text.contains("Anna Test") && !text.contains(&ids[0]),
        "{text}"
    );
    assert!(!text.contains("VERTROUWELIJK"));

    let named = json(&s, "2026-01-20", &["--named"]);
    assert_eq!(named["vertrouwelijk"], true);
    let rows = named["overview"]["rows"].as_array().unwrap();
    let sick = rows.iter().find(|r| r["case"] == ids[0].as_str()).unwrap();
    assert_eq!(sick["since"], "2025-10-06");
    assert_eq!(sick["colour"], "oranje");
    assert!(
        sick["regional_type"]
            .as_str()
            .unwrap()
            .starts_with("type 5")
    );
    assert!(rows.iter().all(|r| r["case"] != ids[3].as_str()));
    let text = s.ok("2026-01-20", &["report", "thuiszitters", "--named"]);
    assert!(text.starts_with("VERTROUWELIJK") && text.contains("Anna Test"));
}

#[test]
fn snapshot_is_committed_and_the_next_overview_compares_with_it() {
    let s = Sandbox::new();
    let ids = caseload(&s);
    // `init` copied the definitions and committed them.
    let tracked = s.git(&["ls-files", "reports"]);
    assert_eq!(
        tracked,
        "reports/jaar.toml\nreports/mazl.toml\nreports/thuiszitters.toml\n"
    );
    let before = s.commit_count();
    s.ok("2026-01-20", &["report", "thuiszitters", "--save"]);
    assert_eq!(s.commit_count(), before + 1);
    let snap = std::fs::read_to_string(s.dir.join("reports/thuiszitters-2026-01-20.toml")).unwrap();
    assert!(snap.contains(&ids[0]) && !snap.contains("Anna"), "{snap}");
    assert_eq!(s.git(&["status", "--porcelain"]), "");
    let doc = json(&s, "2026-03-10", &["--named"]);
    let o = &doc["overview"];
    assert_eq!(o["previous"], "2026-01-20");
    assert_eq!(o["resolved"], serde_json::json!([ids[1]]));
    assert_eq!(o["summary"]["continuing"], 2);
    // The short sick report of January has passed 4 weeks by March.
    assert_eq!(o["summary"]["new"], 1);
    let new: Vec<&Value> = o["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["change"] == "new")
        .collect();
    assert_eq!(new[0]["case"], ids[3].as_str());
    assert_eq!(o["summary"]["resolved"], 1);
}

#[test]
fn excel_csv_reads_back_with_the_csv_crate() {
    let s = Sandbox::new();
    let ids = caseload(&s);
    let out = s.run(
        "2026-01-20",
        &["report", "thuiszitters", "--named", "--excel"],
    );
    assert!(out.status.success());
    let bytes = out
        .stdout
        .strip_prefix("\u{FEFF}".as_bytes())
        .expect("a BOM");
    let mut r = csv::ReaderBuilder::new().delimiter(b';').from_reader(bytes);
    let headers = r.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let recs: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(recs.len(), 3);
    let sick = recs.iter().find(|r| r[col("dossier")] == ids[0]).unwrap();
    assert_eq!(&sick[col("sinds")], "06-10-2025");
    assert_eq!(&sick[col("naam")], "Anna Test");
    let plain = s.ok("2026-01-20", &["report", "thuiszitters", "--csv"]);
    let mut r = csv::Reader::from_reader(plain.as_bytes());
    let total = r
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[0] == "thuiszitters")
        .unwrap();
    assert_eq!(&total[1], "3");
}

#[test]
fn mazl_counts_norms_and_rejects_a_reversed_period() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let a = s.new_case("utrecht-west");
    let b = s.new_case("utrecht-west");
    let add = |id: &str, kind: &str, date: &str, extra: &[&str]| {
        let mut args = vec!["add", id, kind, "--date", date];
        args.extend(extra);
        s.ok("2025-12-01", &args);
    };
    // a: invited after 2 days, consult after 9 days, feedback after 3.
    add(&a, "aanmelding-jgz", "2025-09-15", &[]);
    add(&a, "uitnodiging-jgz", "2025-09-17", &[]);
    add(&a, "consult", "2025-09-24", &["--outcome", "verschenen"]);
    add(&a, "terugkoppeling", "2025-09-27", &[]);
    // b: invited after 8 days, did not come.
    add(&b, "aanmelding-jgz", "2025-09-15", &[]);
    add(&b, "uitnodiging-jgz", "2025-09-23", &[]);
    add(
        &b,
        "consult",
        "2025-09-26",
        &["--outcome", "niet-verschenen"],
    );
    let doc: Value =
        serde_json::from_str(&s.ok("2025-12-01", &["report", "mazl", "--json"])).unwrap();
    let t = &doc["total"];
    assert_eq!(t["registrations"], 2);
    assert_eq!(
        t["norms"]["uitnodiging"],
        serde_json::json!({"met": 1, "of": 2})
    );
    assert_eq!(
        t["norms"]["consult"],
        serde_json::json!({"met": 2, "of": 2})
    );
    assert_eq!(
        t["norms"]["terugkoppeling"],
        serde_json::json!({"met": 1, "of": 1})
    );
    assert_eq!(t["consults"]["niet-verschenen"], 1);
    let csv_text = s.ok("2025-12-01", &["report", "mazl", "--csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let total = r.records().map(|r| r.unwrap()).last().unwrap();
    assert_eq!(&total[2], "2");
    assert_eq!(&total[5], "50");
    s.fails(
        "2025-12-01",
        &[
            "report",
            "mazl",
            "--from",
            "2025-12-02",
            "--to",
            "2025-12-01",
        ],
        1,
    );
}

#[test]
fn jaar_counts_the_school_year_per_level_in_every_format() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let a = s.new_case("leerplichtwet");
    let b = s.new_case("utrecht-west");
    let add = |id: &str, kind: &str, date: &str, extra: &[&str]| {
        let mut args = vec!["add", id, kind, "--date", date];
        args.extend(extra);
        s.ok("2026-08-15", &args);
    };
    // Last school year's melding does not count; two this year do.
    add(&a, "melding-leerplicht", "2025-07-10", &[]);
    add(&a, "melding-leerplicht", "2025-09-15", &[]);
    add(&b, "melding-leerplicht", "2026-03-02", &[]);
    add(
        &a,
        "verlof-besluit",
        "2026-03-02",
        &["--outcome", "verleend", "--days", "3"],
    );
    add(
        &b,
        "verlof-besluit",
        "2026-04-06",
        &["--outcome", "geweigerd", "--days", "2"],
    );
    add(&b, "vrijstelling", "2026-02-02", &["--artikel", "5a"]);
    add(&a, "uitschrijving", "2025-11-03", &["--school", "De Brug"]);
    add(&a, "hoorgesprek", "2025-12-01", &[]);
    let doc: Value =
        serde_json::from_str(&s.ok("2026-08-15", &["report", "jaar", "2025-2026", "--json"]))
            .unwrap();
    assert_eq!(doc["schooljaar"], "2025-2026");
    assert_eq!(
        (doc["from"].as_str(), doc["to"].as_str()),
        (Some("2025-08-01"), Some("2026-07-31"))
    );
    let row = |id: &str| {
        doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(row("relatief-meldingen")["total"], 2);
    assert_eq!(row("relatief-zonder-soort")["total"], 2);
    assert_eq!(row("relatief-leerlingen")["total"], 2);
    assert_eq!(row("verlof-verleend-dagen")["total"], 3);
    assert_eq!(row("verlof-geweigerd-dagen")["total"], 2);
    assert_eq!(row("vrijstelling-5a-lopend")["total"], 1);
    assert_eq!(row("absoluut-leerlingen")["total"], 1);
    assert_eq!(row("afhandeling-hoorgesprek")["total"], 1);
    // `new_case` makes vo pupils.
    assert_eq!(
        row("relatief-meldingen")["per_level"],
        serde_json::json!({"mbo": 0, "po": 0, "so": 0, "vo": 2})
    );
    let csv_text = s.ok("2026-08-15", &["report", "jaar", "2025-2026", "--csv"]);
    let mut r = csv::Reader::from_reader(csv_text.as_bytes());
    let recs: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    let melding = recs.iter().find(|r| &r[0] == "relatief-meldingen").unwrap();
    assert_eq!((&melding[4], &melding[6]), ("2", "2"));
    let md = s.ok("2026-08-15", &["report", "jaar", "2025-2026", "--markdown"]);
    assert!(
        md.starts_with("### Jaarcijfers schooljaar 2025-2026"),
        "{md}"
    );
    let text = s.ok("2026-08-15", &["report", "jaar", "2025-2026"]);
    assert!(text.contains("01-08-2025 t/m 31-07-2026"), "{text}");
    let err = s.fails("2026-08-15", &["report", "jaar", "2025-2027"], 1);
    assert!(err.contains("2025-2027"), "{err}");
    // A layout with a misspelt kind names its place.
    let path = s.dir.join("reports/jaar.toml");
    let layout = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        layout.replacen(
            "kinds = [\"uitschrijving\"]",
            "kinds = [\"uitschrijvng\"]",
            1,
        ),
    )
    .unwrap();
    let err = s.fails("2026-08-15", &["report", "jaar", "2025-2026"], 2);
    let line = layout
        .lines()
        .position(|l| l == "kinds = [\"uitschrijving\"]")
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("reports/jaar.toml:{line}:10")),
        "{err}"
    );
}

#[test]
fn a_melding_added_with_its_soort_counts_under_that_soort_in_jaar() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let a = s.new_case("leerplichtwet");
    let id = s.ok(
        "2026-08-15",
        &[
            "add",
            &a,
            "melding-leerplicht",
            "--date",
            "2025-10-01",
            "--soort",
            "16u4w",
            "--meldingsnummer",
            "M-123",
            "--status",
            "in-behandeling",
        ],
    );
    assert!(!id.trim().is_empty());
    // A soort outside the list is refused, nothing written.
    let err = s.fails(
        "2026-08-15",
        &[
            "add",
            &a,
            "melding-leerplicht",
            "--date",
            "2025-10-02",
            "--soort",
            "vakantie",
        ],
        1,
    );
    assert!(err.contains("vakantie"), "{err}");
    let doc: Value =
        serde_json::from_str(&s.ok("2026-08-15", &["report", "jaar", "2025-2026", "--json"]))
            .unwrap();
    let row = |id: &str| {
        doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .unwrap()["total"]
            .clone()
    };
    assert_eq!(row("relatief-16u4w-meldingen"), 1);
    assert_eq!(row("relatief-zonder-soort"), 0);
    let shown: Value = serde_json::from_str(&s.ok("2026-08-15", &["show", &a, "--json"])).unwrap();
    let text = shown.to_string();
    assert!(
        text.contains("M-123") && text.contains("in-behandeling"),
        "{text}"
    );
}
