//! Rows of an export read through a mapping: each row becomes a typed
//! record (who, when, which kind) or a typed error at its row and column.
//! The first error stops the import, so nothing half-read is ever written.

use super::mapping::{Mapping, MatchBy, SKIP};
use super::{ErrorKind, Row, RowError, Table};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// How a row names its pupil.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pupil {
    Number(String),
    /// Name folded to lower case with single spaces, and birth date.
    NameBirth(String, NaiveDate),
}

impl Pupil {
    /// The pupil part of an event's stable key.
    pub fn key(&self) -> String {
        match self {
            Pupil::Number(n) => format!("nr:{n}"),
            Pupil::NameBirth(n, b) => format!("nb:{n}:{b}"),
        }
    }
}

/// One row read through the mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The row number in the file (1 is the first line).
    pub row: usize,
    pub pupil: Pupil,
    pub school: Option<String>,
    pub date: NaiveDate,
    pub until: Option<NaiveDate>,
    pub lesson: Option<String>,
    pub kind: String,
    pub hours: Option<f64>,
    pub soort: Option<String>,
    pub meldingsnummer: Option<String>,
    pub status: Option<String>,
}

/// The records of a table, and how many rows a `skip` code left out.
#[derive(Debug, Default)]
pub struct Records {
    pub records: Vec<Record>,
    pub skipped: usize,
}

/// Where each mapped column is in the header (0-based).
struct Cols {
    pupil: Option<usize>,
    name: Vec<usize>,
    birth: Option<usize>,
    school: Option<usize>,
    date: usize,
    until: Option<usize>,
    lesson: Option<usize>,
    code: Option<usize>,
    hours: Option<usize>,
    soort: Option<usize>,
    meldingsnummer: Option<usize>,
    status: Option<usize>,
}

fn find_columns(table: &Table, m: &Mapping) -> Result<Cols, RowError> {
    let find = |name: &str| {
        let want = name.trim().to_lowercase();
        table
            .header
            .iter()
            .position(|h| h.trim().to_lowercase() == want)
            .ok_or_else(|| RowError {
                file: table.file.clone(),
                row: table.header_row,
                column: 1,
                kind: ErrorKind::MissingColumn {
                    name: name.to_string(),
                    found: table.header.clone(),
                },
            })
    };
    let opt = |name: &Option<String>| name.as_deref().map(find).transpose();
    let c = &m.def.columns;
    Ok(Cols {
        pupil: opt(&c.pupil)?,
        name: c.name.iter().map(|n| find(n)).collect::<Result<_, _>>()?,
        birth: opt(&c.birth)?,
        school: opt(&c.school)?,
        date: find(&c.date)?,
        until: opt(&c.until)?,
        lesson: opt(&c.lesson)?,
        code: opt(&c.code)?,
        hours: opt(&c.hours)?,
        soort: opt(&c.soort)?,
        meldingsnummer: opt(&c.meldingsnummer)?,
        status: opt(&c.status)?,
    })
}

/// Reads every row of `table` through `mapping`; the first bad cell is the error.
pub fn read(table: &Table, mapping: &Mapping) -> Result<Records, RowError> {
    let cols = find_columns(table, mapping)?;
    let mut out = Records::default();
    out.records.reserve(table.rows.len());
    for row in &table.rows {
        let c = Cells {
            table,
            row,
            formats: &mapping.formats,
        };
        match read_row(&c, mapping, &cols)? {
            Some(r) => out.records.push(r),
            None => out.skipped += 1,
        }
    }
    Ok(out)
}

/// One row's cells, with the checks every column shares.
struct Cells<'a> {
    table: &'a Table,
    row: &'a Row,
    formats: &'a [String],
}

type Codes = BTreeMap<String, toml::Spanned<String>>;

impl Cells<'_> {
    fn get(&self, i: usize) -> &str {
        self.row.cells.get(i).map(|s| s.trim()).unwrap_or("")
    }
    fn opt(&self, i: Option<usize>) -> Option<&str> {
        i.map(|i| self.get(i)).filter(|s| !s.is_empty())
    }
    fn fail(&self, i: usize, kind: ErrorKind) -> RowError {
        RowError {
            file: self.table.file.clone(),
            row: self.row.number,
            column: i + 1,
            kind,
        }
    }
    fn required(&self, i: usize) -> Result<&str, RowError> {
        match self.get(i) {
            "" => Err(self.fail(
                i,
                ErrorKind::Empty {
                    column: header(self.table, i).into(),
                },
            )),
            v => Ok(v),
        }
    }
    fn date(&self, i: usize) -> Result<NaiveDate, RowError> {
        parse_date(self.get(i), self.formats).ok_or_else(|| {
            self.fail(
                i,
                ErrorKind::BadDate {
                    text: self.get(i).into(),
                },
            )
        })
    }
    fn opt_date(&self, i: Option<usize>) -> Result<Option<NaiveDate>, RowError> {
        match i.filter(|_| self.opt(i).is_some()) {
            Some(i) => self.date(i).map(Some),
            None => Ok(None),
        }
    }
    fn hours(&self, i: Option<usize>) -> Result<Option<f64>, RowError> {
        let (Some(i), Some(h)) = (i, self.opt(i)) else {
            return Ok(None);
        };
        h.replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|h| h.is_finite() && *h > 0.0 && *h <= 24.0)
            .map(Some)
            .ok_or_else(|| self.fail(i, ErrorKind::BadNumber { text: h.into() }))
    }
    /// A value through a mapping table (any value, lower-cased, when it is empty).
    fn coded(&self, i: Option<usize>, codes: &Codes) -> Result<Option<String>, RowError> {
        let (Some(i), Some(v)) = (i, self.opt(i)) else {
            return Ok(None);
        };
        match codes.get(v).or_else(|| codes.get(&v.to_lowercase())) {
            Some(c) => Ok(Some(c.get_ref().clone())),
            None if codes.is_empty() => Ok(Some(v.to_lowercase())),
            None => Err(self.fail(i, ErrorKind::UnknownValue { text: v.into() })),
        }
    }
}

/// A record, or `None` for a row whose code is `skip`.
fn read_row(c: &Cells, m: &Mapping, cols: &Cols) -> Result<Option<Record>, RowError> {
    let kind = match cols.code {
        Some(i) => {
            let code = c.required(i)?;
            let codes = &m.def.codes;
            match codes.get(code).or_else(|| codes.get(&code.to_uppercase())) {
                Some(k) if k.get_ref() == SKIP => return Ok(None),
                Some(k) => k.get_ref().clone(),
                None => return Err(c.fail(i, ErrorKind::UnknownCode { code: code.into() })),
            }
        }
        None => m
            .def
            .kind
            .as_ref()
            .map(|k| k.get_ref().clone())
            .unwrap_or_default(),
    };
    let pupil = match m.match_by {
        MatchBy::PupilNumber => Pupil::Number(c.required(cols.pupil.unwrap_or(0))?.to_string()),
        MatchBy::NameBirth => {
            let parts: Vec<&str> = cols
                .name
                .iter()
                .map(|&i| c.get(i))
                .filter(|s| !s.is_empty())
                .collect();
            if parts.is_empty() {
                c.required(cols.name.first().copied().unwrap_or(0))?;
            }
            Pupil::NameBirth(
                fold_name(&parts.join(" ")),
                c.date(cols.birth.unwrap_or(0))?,
            )
        }
    };
    let date = c.date(cols.date)?;
    let until = c.opt_date(cols.until)?;
    if let Some(u) = until.filter(|u| *u < date) {
        return Err(c.fail(
            cols.until.unwrap_or(0),
            ErrorKind::UntilBeforeDate { until: u, date },
        ));
    }
    Ok(Some(Record {
        row: c.row.number,
        pupil,
        school: c.opt(cols.school).map(str::to_string),
        date,
        until,
        lesson: c.opt(cols.lesson).map(str::to_string),
        kind,
        hours: c.hours(cols.hours)?,
        soort: c.coded(cols.soort, &m.def.soort_codes)?,
        meldingsnummer: c.opt(cols.meldingsnummer).map(str::to_string),
        status: c.coded(cols.status, &m.def.status_codes)?,
    }))
}

fn header(table: &Table, i: usize) -> &str {
    table.header.get(i).map(String::as_str).unwrap_or("")
}

/// A date in one of the mapping's formats (an impossible date like
/// 31-02-2026 matches none).
pub fn parse_date(text: &str, formats: &[String]) -> Option<NaiveDate> {
    // Spreadsheets often add a time to a date ("12-11-2026 00:00").
    let day = text.split_whitespace().next().unwrap_or("");
    formats
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(day, f).ok())
}

/// A name as compared: lower case, single spaces.
pub fn fold_name(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}
