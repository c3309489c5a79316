//! The import's IO: reading an export file into a table (CSV with its
//! delimiter and encoding detected, or XLSX), finding a mapping in
//! `imports/`, and writing the events of many cases as one commit.

use super::git::Change;
use super::load::{self, CASES_DIR};
use super::{CaseRepo, Result, StoreError, case_file, embedded};
use crate::domain::event::Event;
use crate::domain::import::{ErrorKind, Mapping, Row, RowError, Table, parse_mapping};
use crate::i18n::t;
use std::path::Path;

pub const IMPORTS_DIR: &str = "imports";

/// Reads `imports/<name>.toml`, else the built-in mapping of that name.
pub fn load_mapping(root: &Path, name: &str) -> Result<Mapping> {
    if !crate::domain::ids::is_valid(name) {
        return Err(StoreError::User(format!("--map `{}`", name.escape_debug())));
    }
    let file = format!("{IMPORTS_DIR}/{name}.toml");
    let path = root.join(&file);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            match embedded::IMPORTS
                .iter()
                .find(|(n, _)| *n == format!("{name}.toml"))
            {
                Some((_, text)) => text.to_string(),
                None => return Err(StoreError::User(unknown_mapping(root, name))),
            }
        }
        Err(e) => return Err(StoreError::io(&path)(e)),
    };
    parse_mapping(&file, name, &text).map_err(StoreError::Broken)
}

fn unknown_mapping(root: &Path, name: &str) -> String {
    let mut names: Vec<String> = embedded::IMPORTS
        .iter()
        .map(|(n, _)| n.trim_end_matches(".toml").to_string())
        .collect();
    for p in load::toml_files(&root.join(IMPORTS_DIR)).unwrap_or_default() {
        if let Some(stem) = p.file_stem() {
            names.push(stem.to_string_lossy().into_owned());
        }
    }
    names.sort();
    names.dedup();
    format!(
        "{} `{name}` ({})",
        t("onbekende koppeling", "unknown mapping"),
        names.join(", ")
    )
}

/// Reads an export: XLSX by its zip signature, else CSV. `progress` hears
/// the number of rows read now and then.
pub fn read_table(path: &Path, progress: &mut dyn FnMut(usize)) -> Result<Result<Table, RowError>> {
    let bytes = std::fs::read(path).map_err(StoreError::io(path))?;
    let file = path.display().to_string();
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(read_xlsx(&file, bytes));
    }
    Ok(read_csv(&file, &decode(&bytes), progress))
}

/// UTF-8 with or without BOM, else Windows-1252 (what Dutch Excel writes).
pub fn decode(bytes: &[u8]) -> String {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// The delimiter the header line uses most: `;` (Dutch Excel), `,` or tab.
pub fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b';', b',', b'\t'][best]
}

fn read_csv(file: &str, text: &str, progress: &mut dyn FnMut(usize)) -> Result<Table, RowError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table {
        file: file.to_string(),
        ..Table::default()
    };
    let mut record = csv::StringRecord::new();
    // Line numbers from byte offsets: the csv crate's own count is off with CRLF.
    let newlines: Vec<u64> = text
        .bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i as u64)
        .collect();
    let line_of = |p: &csv::Position| newlines.partition_point(|&n| n <= p.byte()) + 1;
    loop {
        let line = line_of(reader.position());
        let more = reader.read_record(&mut record).map_err(|e| RowError {
            file: file.to_string(),
            row: e.position().map_or(line, line_of),
            column: 1,
            kind: ErrorKind::Malformed {
                message: e.to_string(),
            },
        })?;
        if !more {
            break;
        }
        let row = record.position().map_or(line, line_of);
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if table.header.is_empty() {
            table.header = cells;
            table.header_row = row;
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if cells.len() > table.header.len() {
            return Err(too_many(file, row, cells.len(), table.header.len()));
        }
        table.rows.push(Row { number: row, cells });
        if table.rows.len().is_multiple_of(10_000) {
            progress(table.rows.len());
        }
    }
    Ok(table)
}

fn too_many(file: &str, row: usize, got: usize, want: usize) -> RowError {
    RowError {
        file: file.to_string(),
        row,
        column: want + 1,
        kind: ErrorKind::Malformed {
            message: format!("{got} > {want}"),
        },
    }
}

/// The first sheet of a workbook; dates as ISO text, whole numbers without `.0`.
fn read_xlsx(file: &str, bytes: Vec<u8>) -> Result<Table, RowError> {
    use calamine::{Data, Reader, Xlsx};
    let malformed = |message: String| RowError {
        file: file.to_string(),
        row: 1,
        column: 1,
        kind: ErrorKind::Malformed { message },
    };
    let mut book = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| malformed(e.to_string()))?;
    let range = match book.worksheet_range_at(0) {
        Some(r) => r.map_err(|e| malformed(e.to_string()))?,
        None => return Err(malformed("no sheet".into())),
    };
    let first_row = range.start().map_or(0, |(r, _)| r as usize) + 1;
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let text = |d: &Data| match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(|d| d.date().to_string())
            .unwrap_or_default(),
        Data::Error(e) => format!("#{e:?}"),
    };
    let mut table = Table {
        file: file.to_string(),
        ..Table::default()
    };
    for (i, cells) in range.rows().enumerate() {
        let mut cells: Vec<String> = std::iter::repeat_n(String::new(), first_col)
            .chain(cells.iter().map(text))
            .collect();
        while cells.last().is_some_and(|c| c.is_empty()) && cells.len() > table.header.len() {
            cells.pop();
        }
        if table.header.is_empty() {
            table.header = cells;
            table.header_row = first_row + i;
        } else if !cells.iter().all(|c| c.trim().is_empty()) {
            table.rows.push(Row {
                number: first_row + i,
                cells,
            });
        }
    }
    Ok(table)
}

impl CaseRepo {
    /// Writes events into many cases as ONE commit (so one revert undoes the
    /// import). Each entry replaces or adds events by id; a case file that
    /// does not parse stops it before anything is written.
    pub fn write_import(
        &self,
        edits: &[(String, Vec<(String, Event)>)],
        message: &str,
    ) -> Result<String> {
        let rels: Vec<String> = edits
            .iter()
            .map(|(id, _)| format!("{CASES_DIR}/{id}.toml"))
            .collect();
        let paths: Vec<&str> = rels.iter().map(String::as_str).collect();
        let s = self.begin(&paths)?;
        let mut texts = Vec::with_capacity(edits.len());
        for ((id, events), rel) in edits.iter().zip(&rels) {
            let path = load::case_path(&self.root, id);
            let text = std::fs::read_to_string(&path).map_err(StoreError::io(&path))?;
            case_file::parse(rel, id, &text).map_err(StoreError::Broken)?;
            let mut doc = case_file::CaseDoc::parse(&text).map_err(StoreError::Repo)?;
            for (eid, e) in events {
                doc.add_event(eid, e);
            }
            let new_text = doc.to_string();
            case_file::parse(rel, id, &new_text)
                .map_err(|e| StoreError::Repo(format!("internal: {e}")))?;
            texts.push(new_text);
        }
        let changes: Vec<Change> = rels
            .iter()
            .zip(&texts)
            .map(|(p, text)| Change {
                path: p,
                content: Some(text.as_bytes()),
            })
            .collect();
        // All or nothing, like every other write (journal, files, commit).
        let done = super::txn::apply(&s.git, &self.root, &changes, message, &s.author)?;
        for w in &done.warnings {
            self.notice(w);
        }
        Ok(done.commit.to_string())
    }
}
