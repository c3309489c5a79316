//! Report tables in every format: a terminal table, CSV, CSV for Dutch
//! Excel (`;`, UTF-8 BOM, dd-mm-jjjj, decimal comma), and Markdown. JSON
//! is the report's own typed rows (see `cli::report`). The TUI writes the
//! same formats to a file (`tui::worker`).

use chrono::NaiveDate;
use std::io::{self, Write};

/// One value, typed so each format writes it its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Date(Option<NaiveDate>),
    Int(usize),
    Num(Option<f64>),
    Flag(bool),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    pub fn opt(s: Option<impl Into<String>>) -> Cell {
        Cell::Text(s.map(Into::into).unwrap_or_default())
    }
}

/// A titled table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Terminal,
    Csv,
    Excel,
    Markdown,
    Json,
    Pdf,
}

/// How a cell reads in a human format (terminal, Markdown, the TUI, PDF).
pub fn human(c: &Cell) -> String {
    match c {
        Cell::Text(s) => printable(s),
        Cell::Date(d) => d.map(crate::i18n::date).unwrap_or_default(),
        Cell::Int(n) => n.to_string(),
        Cell::Num(n) => n
            .map(|n| decimal(n, crate::i18n::t(",", ".")))
            .unwrap_or_default(),
        Cell::Flag(b) => if *b { crate::i18n::t("ja", "yes") } else { "" }.to_string(),
    }
}

/// A number with at most one decimal, in the given decimal mark.
fn decimal(n: f64, mark: &str) -> String {
    let s = format!("{n:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    s.replace('.', mark)
}

/// Control characters (escapes, line breaks) never reach a terminal or a
/// Markdown table raw: each becomes U+FFFD.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

pub fn terminal(out: &mut impl Write, table: &Table) -> io::Result<()> {
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(human).collect())
        .collect();
    let headers: Vec<String> = table.headers.iter().map(|h| printable(h)).collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    writeln!(out, "{}", printable(&table.title))?;
    writeln!(out, "{}", line(&headers))?;
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", line(&rule))?;
    for r in &rows {
        writeln!(out, "{}", line(r))?;
    }
    writeln!(out)
}

pub fn markdown(out: &mut impl Write, table: &Table) -> io::Result<()> {
    let cell = |s: String| s.replace('\\', "\\\\").replace('|', "\\|");
    writeln!(out, "### {}\n", printable(&table.title))?;
    let headers: Vec<String> = table.headers.iter().map(|h| cell(printable(h))).collect();
    writeln!(out, "| {} |", headers.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(headers.len()))?;
    for r in &table.rows {
        let cells: Vec<String> = r.iter().map(|c| cell(human(c))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    writeln!(out)
}

/// CSV with ISO dates and decimal points (`excel`: `;`, a UTF-8 BOM,
/// dd-mm-jjjj and decimal commas, as Dutch Excel opens it).
pub fn csv(out: &mut impl Write, table: &Table, excel: bool) -> io::Result<()> {
    if excel {
        out.write_all("\u{FEFF}".as_bytes())?;
    }
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(if excel { b';' } else { b',' })
        .from_writer(out);
    w.write_record(&table.headers).map_err(io::Error::other)?;
    for r in &table.rows {
        let cells: Vec<String> = r.iter().map(|c| plain(c, excel)).collect();
        w.write_record(&cells).map_err(io::Error::other)?;
    }
    w.flush()
}

fn plain(c: &Cell, excel: bool) -> String {
    match c {
        Cell::Text(s) if excel => defuse(s),
        Cell::Text(s) => s.clone(),
        Cell::Date(d) => d
            .map(|d| {
                d.format(if excel { "%d-%m-%Y" } else { "%Y-%m-%d" })
                    .to_string()
            })
            .unwrap_or_default(),
        Cell::Int(n) => n.to_string(),
        Cell::Num(n) => n
            .map(|n| decimal(n, if excel { "," } else { "." }))
            .unwrap_or_default(),
        Cell::Flag(b) => if *b { "1" } else { "0" }.to_string(),
    }
}

/// Text Excel would run as a formula (`=`, `+`, `-`, `@` first) gets a
/// leading apostrophe, so a hostile name stays text.
fn defuse(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            title: "T".into(),
            headers: vec!["naam".into(), "datum".into(), "weken".into()],
            rows: vec![vec![
                Cell::text("=1+1 \"Jan\"; de\x1b[31m Vries"),
                Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 9)),
                Cell::Num(Some(2.5)),
            ]],
        }
    }

    #[test]
    fn excel_csv_reads_back_with_bom_semicolons_and_dutch_dates() {
        let mut bytes = Vec::new();
        csv(&mut bytes, &table(), true).unwrap();
        assert!(bytes.starts_with("\u{FEFF}".as_bytes()));
        let mut r = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[0], "'=1+1 \"Jan\"; de\x1b[31m Vries");
        assert_eq!(&rec[1], "09-03-2026");
        assert_eq!(&rec[2], "2,5");
    }

    #[test]
    fn plain_csv_keeps_iso_dates_and_text() {
        let mut bytes = Vec::new();
        csv(&mut bytes, &table(), false).unwrap();
        let mut r = ::csv::Reader::from_reader(bytes.as_slice());
        assert_eq!(r.headers().unwrap(), vec!["naam", "datum", "weken"]);
        let rec = r.records().next().unwrap().unwrap();
        assert_eq!(&rec[0], "=1+1 \"Jan\"; de\x1b[31m Vries");
        assert_eq!(&rec[1], "2026-03-09");
        assert_eq!(&rec[2], "2.5");
    }

    #[test]
    fn terminal_and_markdown_never_print_control_characters() {
        for f in [terminal, markdown] {
            let mut bytes = Vec::new();
            f(&mut bytes, &table()).unwrap();
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains('\x1b'), "{text}");
            assert!(text.contains("de\u{FFFD}[31m Vries"));
        }
    }
}
