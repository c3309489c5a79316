//! The engine's promises: Dutch letters exact and extractable, the same
//! bytes for the same document, tables that wrap and repeat their header.
//! Text is read back with `pdftotext` (poppler-utils, installed by
//! `.ci/run`), an independent reader.

use super::*;
use std::io::Write;
use std::process::{Command, Stdio};

/// The text a PDF reader finds in `pdf`.
pub fn pdftotext(pdf: &[u8]) -> String {
    let mut child = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is needed for the PDF tests; .ci/run installs it");
    child.stdin.take().unwrap().write_all(pdf).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn letter() -> Doc {
    Doc {
        title: "Brief".into(),
        footer: Some("Vertrouwelijk".into()),
        landscape: false,
        blocks: vec![
            Block::Heading("Uitnodiging voor een gesprek".into()),
            Block::Text(
                "Geachte ouders van Zoë Ĳzerman,\n\nWij nodigen u uit. Kosten: € 0,00. \
                 Naïef, café, coördinatie."
                    .into(),
            ),
        ],
    }
}

#[test]
fn dutch_characters_come_back_exactly() {
    let text = pdftotext(&render(&letter()).unwrap());
    for s in [
        "Uitnodiging voor een gesprek",
        "Zoë Ĳzerman",
        "€ 0,00",
        "Naïef, café, coördinatie.",
        "Vertrouwelijk 1/1",
    ] {
        assert!(
            text.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .contains(s),
            "{s:?} not in {text}"
        );
    }
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let a = render(&letter()).unwrap();
    let b = render(&letter()).unwrap();
    assert_eq!(a, b);
    assert!(a.starts_with(b"%PDF-"));
    let mut other = letter();
    other.blocks.push(Block::Text("x".into()));
    assert_ne!(render(&other).unwrap(), a);
}

#[test]
fn long_text_wraps_and_flows_onto_more_pages() {
    let para = "woord ".repeat(3000);
    let doc = Doc {
        blocks: vec![Block::Text(para)],
        ..letter()
    };
    let text = pdftotext(&render(&doc).unwrap());
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 3, "{pages} pages");
    assert_eq!(text.matches("woord").count(), 3000);
}

#[test]
fn a_wide_table_keeps_every_cell_and_repeats_its_header() {
    let headers: Vec<String> = (0..19).map(|i| format!("kolom{i}")).collect();
    let rows: Vec<Vec<String>> = (0..120)
        .map(|r| (0..19).map(|c| format!("r{r}c{c}")).collect())
        .collect();
    let doc = Doc {
        landscape: true,
        blocks: vec![Block::Table { headers, rows }],
        ..letter()
    };
    let text = pdftotext(&render(&doc).unwrap());
    for r in [0, 57, 119] {
        assert!(text.contains(&format!("r{r}c18")), "r{r}c18 missing");
    }
    let pages = text.matches('\u{c}').count();
    assert!(pages >= 2);
    assert_eq!(text.matches("kolom18").count(), pages);
}

#[test]
fn a_word_longer_than_the_line_is_broken_not_lost() {
    let fonts = font::Fonts::load().unwrap();
    let word = "x".repeat(500);
    let lines = layout::wrap(&fonts, font::Style::Regular, 11.0, &word, 100.0);
    assert!(lines.len() > 1);
    assert_eq!(lines.concat(), word);
    assert_eq!(
        layout::wrap(&fonts, font::Style::Regular, 11.0, "", 100.0),
        vec![String::new()]
    );
}
