//! `verzuim letter` and `--pdf` on reports: the real binary on a temp
//! repository; PDFs read back with `pdftotext` (poppler-utils, installed by
//! `.ci/run`), an independent reader.

mod common;

use common::{Sandbox, mode};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::Command;

const TODAY: &str = "2026-11-23";
const HOSTILE: &str = "Zoë {{ afzender.naam }} <b>Ĳzer</b> {% if x %}\u{1b}[31m\nrood";

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn pdftotext(path: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is needed; .ci/run installs it");
    assert!(out.status.success());
    // One space between words: line breaks depend on the layout.
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn setup() -> (Sandbox, String) {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let id = s.ok(
        "2025-09-01",
        &[
            "new",
            "--name",
            HOSTILE,
            "--birth",
            "2012-03-04",
            "--school",
            "De Brug",
            "--level",
            "vo",
            "--protocol",
            "utrecht-west",
        ],
    );
    (s, id)
}

/// The `brief` events of a case: (template, sha256).
fn letters(s: &Sandbox, id: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(s.case_file(id)).unwrap();
    let case: toml::Table = toml::from_str(&text).unwrap();
    let events = case["events"].as_table().unwrap();
    events
        .values()
        .filter(|e| e["kind"].as_str() == Some("brief"))
        .map(|e| {
            (
                e["template"].as_str().unwrap().to_string(),
                e["sha256"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_hostile_name_prints_literally_and_the_sending_is_one_commit_with_the_hash() {
    let (s, id) = setup();
    let before = s.commit_count();
    let out = s.run(TODAY, &["letter", &id, "uitnodiging-ouders"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        text.contains(r"Zoë {{ afzender.naam }} <b>Ĳzer</b> {% if x %}\u{1b}[31m\nrood"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("Test Officer"), "the sender is the author");
    assert_eq!(s.commit_count(), before + 1);
    assert_eq!(
        letters(&s, &id),
        vec![("uitnodiging-ouders".to_string(), hex(&out.stdout))]
    );
    let message = s.git(&["log", "-1", "--format=%B"]);
    assert!(
        message.contains(&id) && message.contains("brief"),
        "{message}"
    );
    assert!(
        !message.contains("Zoë") && !message.contains("Ĳzer"),
        "{message}"
    );
}

#[test]
fn the_pdf_letter_reads_back_is_private_hashed_and_the_same_bytes_each_time() {
    let (s, id) = setup();
    let a = s.home.path().join("a.pdf");
    let b = s.home.path().join("b.pdf");
    for f in [&a, &b] {
        s.ok(
            TODAY,
            &["letter", &id, "waarschuwing", "--pdf", f.to_str().unwrap()],
        );
    }
    let bytes = std::fs::read(&a).unwrap();
    assert_eq!(bytes, std::fs::read(&b).unwrap(), "deterministic PDF");
    assert_eq!(mode(&a) & 0o777, 0o600);
    let text = pdftotext(&a);
    for s in [
        "Betreft: waarschuwing ongeoorloofd schoolverzuim van Zoë {{ afzender.naam }} <b>Ĳzer</b>",
        "geboren op 04-03-2012",
        "Datum: 23-11-2026",
        "Vertrouwelijk",
    ] {
        assert!(text.contains(s), "{s:?} not in {text}");
    }
    let sent = letters(&s, &id);
    assert_eq!(sent.len(), 2);
    assert!(
        sent.iter()
            .all(|(t, h)| t == "waarschuwing" && *h == hex(&bytes))
    );
}

#[test]
fn a_misspelt_field_names_itself_and_its_line_and_nothing_is_written() {
    let (s, id) = setup();
    let file = s.dir.join("templates/mijn-brief.txt");
    std::fs::write(
        &file,
        "+++\ntitel = \"Mijn brief\"\n+++\nBeste ouders,\n\n{{ leerling.naaam }}\n",
    )
    .unwrap();
    s.git(&["add", "templates/mijn-brief.txt"]);
    s.git(&["commit", "-qm", "template"]);
    let before = s.commit_count();
    let pdf = s.home.path().join("x.pdf");
    let err = s.fails(
        TODAY,
        &["letter", &id, "mijn-brief", "--pdf", pdf.to_str().unwrap()],
        1,
    );
    assert!(
        err.contains("templates/mijn-brief.txt:6") && err.contains("`leerling.naaam`"),
        "{err}"
    );
    assert_eq!(s.commit_count(), before);
    assert!(!pdf.exists());
    let err = s.fails(TODAY, &["letter", &id, "bestaat-niet"], 1);
    assert!(err.contains("uitnodiging-ouders"), "{err}");
}

#[test]
fn without_a_template_the_list_shows_the_shipped_ones() {
    let (s, id) = setup();
    let list = s.ok(TODAY, &["letter", &id]);
    for t in [
        "uitnodiging-ouders",
        "waarschuwing",
        "bevestiging-afspraak",
        "terugkoppeling-school",
    ] {
        assert!(list.contains(t), "{list}");
    }
}

#[test]
fn reports_write_pdf_with_their_tables() {
    let (s, id) = setup();
    s.ok(TODAY, &["add", &id, "ziek", "--date", "2026-09-07"]);
    let named = s.home.path().join("named.pdf");
    let args = ["report", "thuiszitters", "--named", "--pdf"];
    let mut a: Vec<&str> = args.to_vec();
    a.push(named.to_str().unwrap());
    s.ok(TODAY, &a);
    let text = pdftotext(&named);
    assert!(text.contains("VERTROUWELIJK"), "{text}");
    assert!(text.contains("Thuiszitters op 23-11-2026"), "{text}");
    assert!(text.contains("Ĳzer"), "{text}");
    assert_eq!(mode(&named) & 0o777, 0o600);
    let mazl = s.home.path().join("mazl.pdf");
    s.ok(TODAY, &["report", "mazl", "--pdf", mazl.to_str().unwrap()]);
    assert!(pdftotext(&mazl).contains("M@ZL-cijfers"));
    let err = s.fails(
        TODAY,
        &["report", "mazl", "--csv", "--pdf", mazl.to_str().unwrap()],
        1,
    );
    assert!(!err.is_empty());
}
