//! `verzuim import`: generated exports in both encodings and delimiters and
//! as XLSX, dry run and apply, re-imports, overlapping imports, unmatched
//! rows, bad input, DUO reports, and the signals an import starts.

mod common;
use common::Sandbox;

const TODAY: &str = "2026-11-27";

fn setup() -> (Sandbox, String) {
    let s = Sandbox::new();
    s.ok(TODAY, &["init"]);
    let id = s.ok(
        TODAY,
        &[
            "new",
            "--name",
            "Siëm Öztürk",
            "--birth",
            "2011-04-12",
            "--school",
            "Grotius",
            "--level",
            "vo",
            "--protocol",
            "leerplichtwet",
            "--leerlingnummer",
            "1001",
        ],
    );
    (s, id)
}

fn write(s: &Sandbox, name: &str, bytes: &[u8]) -> String {
    let p = s.home.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p.to_str().unwrap().to_string()
}

/// Lesson rows: `S` for 4 lessons a day on `days`, plus whatever `extra` says.
fn magister(sep: &str, days: &[&str], extra: &[&str]) -> String {
    let mut text = ["Stamnr", "Naam", "School", "Datum", "Lesuur", "Code"].join(sep) + "\r\n";
    for d in days {
        for l in 1..=4 {
            text += &["1001", "Siëm", "Grotius", d, &l.to_string(), "S"].join(sep);
            text += "\r\n";
        }
    }
    for e in extra {
        text += &e.replace(';', sep);
        text += "\r\n";
    }
    text
}

fn events(s: &Sandbox, id: &str) -> usize {
    let text = std::fs::read_to_string(s.case_file(id)).unwrap();
    text.matches("[events.").count()
}

#[test]
fn windows_1252_semicolons_dry_run_then_apply_then_reimport() {
    let (s, id) = setup();
    let text = magister(
        ";",
        &["20-11-2026", "23-11-2026", "24-11-2026", "25-11-2026"],
        &[],
    );
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(std::str::from_utf8(&bytes).is_err(), "really Windows-1252");
    let f = write(&s, "a.csv", &bytes);
    let before = s.commit_count();
    let out = s.ok(TODAY, &["import", &f, "--map", "magister"]);
    assert!(
        out.contains("+ 20-11-2026  ongeoorloofd") && out.contains("4 uur"),
        "{out}"
    );
    assert!(
        out.contains("signaalverzuim"),
        "the signal the import starts: {out}"
    );
    assert!(out.contains("proefdraai"), "{out}");
    assert_eq!(
        (s.commit_count(), events(&s, &id)),
        (before, 0),
        "a dry run writes nothing"
    );
    let out = s.ok(TODAY, &["import", &f, "--map", "magister", "--apply"]);
    assert!(out.contains("vastgelegd"), "{out}");
    assert_eq!(
        (s.commit_count(), events(&s, &id)),
        (before + 1, 4),
        "one commit"
    );
    let msg = s.git(&["log", "-1", "--format=%B"]);
    assert!(
        msg.contains(&id) && !msg.contains("Siëm") && !msg.contains("1001"),
        "{msg}"
    );
    let out = s.ok(TODAY, &["import", &f, "--map", "magister", "--apply"]);
    assert!(
        out.contains("4 al aanwezig") && out.contains("niets te schrijven"),
        "{out}"
    );
    assert_eq!(s.commit_count(), before + 1, "a re-import adds nothing");
    let shown = s.ok(TODAY, &["show", &id]);
    assert!(shown.contains("leerlingnummer: 1001"), "{shown}");
}

#[test]
fn utf8_bom_commas_overlapping_import_extends_the_sick_run() {
    let (s, id) = setup();
    let sick = |d: &str| format!("1001;Siëm;Grotius;{d};1;Z");
    let first = magister(",", &[], &[&sick("17-11-2026"), &sick("18-11-2026")]);
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(first.as_bytes());
    let f1 = write(&s, "week1.csv", &bytes);
    let out = s.ok(TODAY, &["import", &f1, "--map", "magister", "--apply"]);
    assert!(out.contains("ziek           t/m 18-11-2026"), "{out}");
    // Overlaps on the 18th, then Friday and (after the weekend) Monday.
    let second = magister(
        ",",
        &[],
        &[
            &sick("18-11-2026"),
            &sick("19-11-2026"),
            &sick("20-11-2026"),
            &sick("23-11-2026"),
        ],
    );
    let f2 = write(&s, "week2.csv", second.as_bytes());
    let out = s.ok(TODAY, &["import", &f2, "--map", "magister", "--apply"]);
    assert!(
        out.contains("~ 17-11-2026  ziek           t/m 23-11-2026"),
        "{out}"
    );
    assert!(
        out.contains("0 nieuw") && out.contains("1 gewijzigd"),
        "{out}"
    );
    assert_eq!(events(&s, &id), 1, "one sick report, extended");
    let out = s.ok(TODAY, &["import", &f1, "--map", "magister"]);
    assert!(
        out.contains("1 al aanwezig") && out.contains("niets te schrijven"),
        "{out}"
    );
}

#[test]
fn xlsx_with_unmatched_and_skipped_rows() {
    let (s, id) = setup();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["Stamnr", "Naam", "School", "Datum", "Lesuur", "Code"],
        ["1001", "Siëm", "Grotius", "16-11-2026", "1", "A"],
        ["1001", "Siëm", "Grotius", "16-11-2026", "2", "M"],
        ["4242", "Ander", "Grotius", "16-11-2026", "1", "A"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    // A pupil number as a number and a date as a real date cell.
    sheet.write_number(4, 0, 1001.0).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, 11, 17).unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("dd-mm-yyyy");
    sheet.write_datetime_with_format(4, 3, &date, &fmt).unwrap();
    sheet.write_string(4, 4, "3").unwrap();
    sheet.write_string(4, 5, "L").unwrap();
    let f = s.home.path().join("export.xlsx");
    book.save(&f).unwrap();
    let out = s.ok(
        TODAY,
        &[
            "import",
            f.to_str().unwrap(),
            "--map",
            "magister",
            "--apply",
        ],
    );
    assert!(
        out.contains("+ 16-11-2026  ongeoorloofd") && out.contains("1 uur"),
        "{out}"
    );
    assert!(out.contains("+ 17-11-2026  te-laat"), "{out}");
    assert!(
        out.contains("rij 4: geen case gevonden (leerlingnummer 4242)"),
        "{out}"
    );
    assert!(out.contains("1 rijen overgeslagen"), "{out}");
    assert_eq!(events(&s, &id), 2);
}

#[test]
fn bad_input_names_file_row_and_column_and_writes_nothing() {
    let (s, id) = setup();
    let before = s.commit_count();
    let cases = [
        (
            "code.csv",
            magister(";", &["16-11-2026"], &["1001;S;Grotius;17-11-2026;1;Q"]),
            ":6:6:",
            "Q",
        ),
        (
            "date.csv",
            magister(";", &[], &["1001;S;Grotius;31-02-2026;1;A"]),
            ":2:4:",
            "31-02-2026",
        ),
        (
            "col.csv",
            "Leerling;Datum;Code\n1001;16-11-2026;A\n".into(),
            ":1:1:",
            "Stamnr",
        ),
        (
            "quote.csv",
            magister(";", &[], &["1001;S;Grotius;16-11-2026;1;A;x;y"]),
            ":2:7:",
            "",
        ),
    ];
    for (name, text, at, word) in cases {
        let f = write(&s, name, text.as_bytes());
        let err = s.fails(TODAY, &["import", &f, "--map", "magister", "--apply"], 1);
        assert_eq!(err.trim().lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!("{name}{at}")) && err.contains(word),
            "{err}"
        );
    }
    assert_eq!((s.commit_count(), events(&s, &id)), (before, 0));
    let err = s.fails(TODAY, &["import", "x.csv", "--map", "nope"], 1);
    assert!(err.contains("magister"), "{err}");
}

#[test]
fn a_broken_mapping_is_reported_at_its_line() {
    let (s, _) = setup();
    let path = s.dir.join("imports/magister.toml");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Z = \"ziek\"", "Z = \"zick\"");
    std::fs::write(&path, text).unwrap();
    let f = write(&s, "a.csv", magister(";", &["16-11-2026"], &[]).as_bytes());
    let err = s.fails(TODAY, &["import", &f, "--map", "magister"], 2);
    assert!(
        err.contains("imports/magister.toml:2") && err.contains("zick"),
        "{err}"
    );
}

#[test]
fn duo_reports_by_name_and_birth_with_soort_number_and_status() {
    let (s, id) = setup();
    let text = "Meldingsnummer;BSN;Voornamen;Voorvoegsel;Achternaam;Geboortedatum;Instelling;Datum melding;Soort verzuim;Status\n\
        M-2026-77;123456782;Siëm;;Öztürk;12-04-2011;Grotius;24-11-2026;16 uur in 4 weken;Nieuw\n\
        M-2026-78;111222333;Piet;van;Dam;01-01-2012;Grotius;24-11-2026;Luxeverzuim;Nieuw\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let f = write(&s, "duo.csv", &bytes);
    let out = s.ok(TODAY, &["import", &f, "--map", "duo", "--apply"]);
    assert!(
        out.contains("melding-leerplicht") && out.contains("Soort melding: 16u4w"),
        "{out}"
    );
    assert!(out.contains("rij 3: geen case gevonden"), "{out}");
    let shown = s.ok(TODAY, &["show", &id]);
    assert!(
        shown.contains("Soort melding: 16u4w; Meldingsnummer: M-2026-77; Status melding: nieuw"),
        "{shown}"
    );
    // A later export with the report's new status: changed, not doubled.
    let later = text.replace("Nieuw", "In behandeling");
    let f = write(&s, "duo2.csv", later.as_bytes());
    let out = s.ok(TODAY, &["import", &f, "--map", "duo", "--apply"]);
    assert!(out.contains("1 gewijzigd"), "{out}");
    assert_eq!(events(&s, &id), 1);
}

#[test]
fn two_colleagues_importing_the_same_file_get_the_same_ids() {
    let (a, ida) = setup();
    let (b, idb) = setup();
    let text = magister(";", &["16-11-2026"], &["1001;S;Grotius;17-11-2026;1;Z"]);
    let keys = |s: &Sandbox, id: &str| {
        let f = write(s, "a.csv", text.as_bytes());
        s.ok(TODAY, &["import", &f, "--map", "magister", "--apply"]);
        let t = std::fs::read_to_string(s.case_file(id)).unwrap();
        let mut k: Vec<String> = t
            .lines()
            .filter(|l| l.starts_with("[events."))
            .map(String::from)
            .collect();
        k.sort();
        k
    };
    let (ka, kb) = (keys(&a, &ida), keys(&b, &idb));
    assert_eq!(ka.len(), 2);
    assert_eq!(ka, kb, "ids come from the rows, not from chance");
}
