//! Rows of an export read through a mapping: each row becomes a typed
//! record (who, when, which kind) or a typed error at its row and column.
//! The first error stops the import, so nothing half-read is ever written.

use super::mapping::{Mapping, MatchBy, SKIP};
use super::{ErrorKind, RowError, Table};
use chrono::NaiveDate;

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
        let cell = |i: usize| row.cells.get(i).map(|s| s.trim()).unwrap_or("");
        let fail = |i: usize, kind: ErrorKind| RowError {
            file: table.file.clone(),
            row: row.number,
            column: i + 1,
            kind,
        };
        let opt_cell = |i: Option<usize>| i.map(cell).filter(|s| !s.is_empty());
        let required = |i: usize, name: &str| {
            let v = cell(i);
            if v.is_empty() {
                Err(fail(
                    i,
                    ErrorKind::Empty {
                        column: name.into(),
                    },
                ))
            } else {
                Ok(v)
            }
        };
        let date = |i: usize| {
            parse_date(cell(i), &mapping.formats).ok_or_else(|| {
                fail(
                    i,
                    ErrorKind::BadDate {
                        text: cell(i).into(),
                    },
                )
            })
        };
        let kind = match cols.code {
            Some(i) => {
                let code = required(i, header(table, i))?;
                let codes = &mapping.def.codes;
                match codes.get(code).or_else(|| codes.get(&code.to_uppercase())) {
                    Some(k) if k.get_ref() == SKIP => {
                        out.skipped += 1;
                        continue;
                    }
                    Some(k) => k.get_ref().clone(),
                    None => return Err(fail(i, ErrorKind::UnknownCode { code: code.into() })),
                }
            }
            None => mapping
                .def
                .kind
                .as_ref()
                .map(|k| k.get_ref().clone())
                .unwrap_or_default(),
        };
        let pupil = match mapping.match_by {
            MatchBy::PupilNumber => {
                let i = cols.pupil.unwrap_or(0);
                Pupil::Number(required(i, header(table, i))?.to_string())
            }
            MatchBy::NameBirth => {
                let parts: Vec<&str> = cols
                    .name
                    .iter()
                    .map(|&i| cell(i))
                    .filter(|s| !s.is_empty())
                    .collect();
                let first = cols.name.first().copied().unwrap_or(0);
                if parts.is_empty() {
                    return Err(fail(
                        first,
                        ErrorKind::Empty {
                            column: header(table, first).into(),
                        },
                    ));
                }
                let b = cols.birth.unwrap_or(0);
                Pupil::NameBirth(fold_name(&parts.join(" ")), date(b)?)
            }
        };
        let date_value = date(cols.date)?;
        let until = match opt_cell(cols.until) {
            Some(_) => Some(date(cols.until.unwrap_or(0))?),
            None => None,
        };
        if let Some(u) = until.filter(|u| *u < date_value) {
            return Err(fail(
                cols.until.unwrap_or(0),
                ErrorKind::UntilBeforeDate {
                    until: u,
                    date: date_value,
                },
            ));
        }
        let hours = match opt_cell(cols.hours) {
            Some(h) => Some(
                h.replace(',', ".")
                    .parse::<f64>()
                    .ok()
                    .filter(|h| h.is_finite() && *h > 0.0 && *h <= 24.0)
                    .ok_or_else(|| {
                        fail(
                            cols.hours.unwrap_or(0),
                            ErrorKind::BadNumber { text: h.into() },
                        )
                    })?,
            ),
            None => None,
        };
        let coded =
            |i: Option<usize>,
             table_map: &std::collections::BTreeMap<String, toml::Spanned<String>>| {
                match (i, opt_cell(i)) {
                    (Some(i), Some(v)) => match table_map
                        .get(v)
                        .or_else(|| table_map.get(&v.to_lowercase()))
                    {
                        Some(c) => Ok(Some(c.get_ref().clone())),
                        None if table_map.is_empty() => Ok(Some(v.to_lowercase())),
                        None => Err(fail(i, ErrorKind::UnknownValue { text: v.into() })),
                    },
                    _ => Ok(None),
                }
            };
        out.records.push(Record {
            row: row.number,
            pupil,
            school: opt_cell(cols.school).map(str::to_string),
            date: date_value,
            until,
            lesson: opt_cell(cols.lesson).map(str::to_string),
            kind,
            hours,
            soort: coded(cols.soort, &mapping.def.soort_codes)?,
            meldingsnummer: opt_cell(cols.meldingsnummer).map(str::to_string),
            status: coded(cols.status, &mapping.def.status_codes)?,
        });
    }
    Ok(out)
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
