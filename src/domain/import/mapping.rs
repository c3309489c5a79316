//! Mapping files, `imports/<name>.toml`: which columns of a school's or
//! DUO's export hold what, how a row finds its case, the table from the
//! school's absence codes to event kinds, and how rows aggregate. Data, like
//! the protocols, and checked the same way: every error names file:line:column.

use crate::domain::event::{self, MELDING_KIND, MELDING_SOORTEN, MELDING_STATUSES};
use crate::domain::textpos::{self, FileError};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A code mapped to this is a row that is read and left out (e.g. `M` medisch).
pub const SKIP: &str = "skip";

/// A mapping file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Part of every imported event's id: changing it makes re-imports new.
    pub key: Spanned<String>,
    /// `pupil-number` (the case's leerlingnummer) or `name-birth`.
    #[serde(rename = "match")]
    pub match_by: Spanned<String>,
    /// chrono formats tried in order; ISO `%Y-%m-%d` is always tried last.
    #[serde(default)]
    pub date_formats: Vec<Spanned<String>>,
    pub columns: Columns,
    /// Every rows' kind when there is no code column (DUO: `melding-leerplicht`).
    #[serde(default)]
    pub kind: Option<Spanned<String>>,
    /// The school's absence code -> event kind, or `skip`.
    #[serde(default)]
    pub codes: BTreeMap<String, Spanned<String>>,
    /// Event kind -> `hours-per-day`, `runs`, `per-day` or `per-row` (default).
    #[serde(default)]
    pub aggregate: BTreeMap<String, Spanned<String>>,
    /// The export's wording of a report's soort -> 16u4w, lrv, luxe, overig, 18plus.
    #[serde(default)]
    pub soort_codes: BTreeMap<String, Spanned<String>>,
    /// The export's wording of a report's status -> nieuw, in-behandeling, afgehandeld.
    #[serde(default)]
    pub status_codes: BTreeMap<String, Spanned<String>>,
}

/// Column names as in the export's header row.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub pupil: Option<String>,
    /// One column, or several joined with spaces (roepnaam, tussenvoegsel, achternaam).
    #[serde(default)]
    pub name: Vec<String>,
    pub birth: Option<String>,
    pub school: Option<String>,
    pub date: String,
    pub until: Option<String>,
    pub lesson: Option<String>,
    pub code: Option<String>,
    pub hours: Option<String>,
    pub soort: Option<String>,
    pub meldingsnummer: Option<String>,
    pub status: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchBy {
    PupilNumber,
    NameBirth,
}

/// How the rows of one kind become events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    /// Lesson rows -> one event a day with the lesson hours.
    HoursPerDay,
    /// Consecutive school days -> one event with `until`.
    Runs,
    /// One event a day.
    PerDay,
    /// One event a row.
    PerRow,
}

impl Aggregate {
    fn parse(text: &str) -> Option<Aggregate> {
        Some(match text {
            "hours-per-day" => Aggregate::HoursPerDay,
            "runs" => Aggregate::Runs,
            "per-day" => Aggregate::PerDay,
            "per-row" => Aggregate::PerRow,
            _ => return None,
        })
    }
}

/// A checked mapping, ready to read rows with.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub id: String,
    pub def: MappingFile,
    pub match_by: MatchBy,
    pub formats: Vec<String>,
    pub aggregate: BTreeMap<String, Aggregate>,
}

impl Mapping {
    pub fn aggregate_of(&self, kind: &str) -> Aggregate {
        self.aggregate
            .get(kind)
            .copied()
            .unwrap_or(Aggregate::PerRow)
    }
}

/// Parses and checks a mapping file; `id` is its file name without `.toml`.
pub fn parse(file: &str, id: &str, text: &str) -> Result<Mapping, FileError> {
    if let Some(e) = textpos::conflict_markers(file, text) {
        return Err(e);
    }
    let def: MappingFile = toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))?;
    let err = |s: &Spanned<String>, msg: String| textpos::at(file, text, Some(s.span()), &msg);
    let match_by = match_by(&def, &err)?;
    if def.key.get_ref().is_empty() || !crate::domain::ids::is_valid(def.key.get_ref()) {
        return Err(err(&def.key, "key may only use a-z, 0-9 and -".into()));
    }
    let known: Vec<String> = event::base_vocabulary().into_iter().map(|k| k.id).collect();
    check_kinds(&def, &known, &err)?;
    let aggregate = aggregates(&def, &known, &err)?;
    check_melding(&def, &err)?;
    let mut formats = date_formats(&def, &err)?;
    formats.push("%Y-%m-%d".into());
    Ok(Mapping {
        id: id.to_string(),
        match_by,
        formats,
        aggregate,
        def,
    })
}

/// How rows find their case, and the columns that way needs.
fn match_by(def: &MappingFile, err: &SpanErr) -> Result<MatchBy, FileError> {
    let match_by = match def.match_by.get_ref().as_str() {
        "pupil-number" => MatchBy::PupilNumber,
        "name-birth" => MatchBy::NameBirth,
        other => {
            return Err(err(
                &def.match_by,
                format!("unknown match `{other}` (pupil-number, name-birth)"),
            ));
        }
    };
    let c = &def.columns;
    let missing = match match_by {
        MatchBy::PupilNumber if c.pupil.is_none() => Some("columns.pupil"),
        MatchBy::NameBirth if c.name.is_empty() => Some("columns.name"),
        MatchBy::NameBirth if c.birth.is_none() => Some("columns.birth"),
        _ => None,
    };
    match missing {
        Some(m) => Err(err(&def.match_by, format!("this match needs {m}"))),
        None => Ok(match_by),
    }
}

/// The kind of every row: one `kind`, or a code column with `[codes]`
/// naming known kinds (or `skip`).
fn check_kinds(def: &MappingFile, known: &[String], err: &SpanErr) -> Result<(), FileError> {
    let check_kind = |s: &Spanned<String>, skip_ok: bool| {
        let k = s.get_ref();
        if known.contains(k) || (skip_ok && k == SKIP) {
            Ok(())
        } else {
            Err(err(s, format!("unknown kind `{k}` ({})", known.join(", "))))
        }
    };
    match (&def.kind, &def.columns.code) {
        (Some(k), None) => check_kind(k, false)?,
        (None, Some(_)) if !def.codes.is_empty() => {}
        (Some(k), Some(_)) => return Err(err(k, "use kind or columns.code, not both".into())),
        _ => {
            return Err(err(
                &def.key,
                "needs columns.code with [codes], or kind".into(),
            ));
        }
    }
    def.codes.values().try_for_each(|v| check_kind(v, true))
}

/// DUO report columns and codes: known values, and only for their kind.
fn check_melding(def: &MappingFile, err: &SpanErr) -> Result<(), FileError> {
    for (table, allowed) in [
        (&def.soort_codes, &MELDING_SOORTEN[..]),
        (&def.status_codes, &MELDING_STATUSES[..]),
    ] {
        if let Some(bad) = table
            .values()
            .find(|v| !allowed.contains(&v.get_ref().as_str()))
        {
            return Err(err(
                bad,
                format!("unknown value `{}` ({})", bad.get_ref(), allowed.join(", ")),
            ));
        }
    }
    let c = &def.columns;
    let melding_cols = c.soort.is_some() || c.meldingsnummer.is_some() || c.status.is_some();
    if melding_cols
        && def
            .kind
            .as_ref()
            .is_none_or(|k| k.get_ref() != MELDING_KIND)
    {
        return Err(err(
            &def.key,
            format!("columns soort, meldingsnummer and status need kind = \"{MELDING_KIND}\""),
        ));
    }
    Ok(())
}

type SpanErr<'a> = dyn Fn(&Spanned<String>, String) -> FileError + 'a;

/// The `[aggregate]` table, each way checked against its kind.
fn aggregates(
    def: &MappingFile,
    known: &[String],
    err: &SpanErr,
) -> Result<BTreeMap<String, Aggregate>, FileError> {
    let mut aggregate = BTreeMap::new();
    for (kind, how) in &def.aggregate {
        let a = Aggregate::parse(how.get_ref()).ok_or_else(|| {
            err(
                how,
                format!(
                    "unknown aggregate `{}` (hours-per-day, runs, per-day, per-row)",
                    how.get_ref()
                ),
            )
        })?;
        let fits = match a {
            Aggregate::HoursPerDay => kind == "ongeoorloofd",
            Aggregate::Runs => {
                ["ziek", "ongeoorloofd", "luxe", "vrijstelling"].contains(&kind.as_str())
            }
            _ => true,
        };
        if !known.contains(kind) || !fits {
            return Err(err(
                how,
                format!("`{}` does not fit kind `{kind}`", how.get_ref()),
            ));
        }
        aggregate.insert(kind.clone(), a);
    }
    Ok(aggregate)
}

/// The date formats, each checked by writing and reading back a date.
fn date_formats(def: &MappingFile, err: &SpanErr) -> Result<Vec<String>, FileError> {
    let mut formats: Vec<String> = Vec::new();
    for f in &def.date_formats {
        // An impossible format would make every date "impossible": say so here.
        let probe = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
        let shown = probe.format(f.get_ref()).to_string();
        if chrono::NaiveDate::parse_from_str(&shown, f.get_ref()) != Ok(probe) {
            return Err(err(
                f,
                format!("date format `{}` does not read a date back", f.get_ref()),
            ));
        }
        formats.push(f.get_ref().clone());
    }
    Ok(formats)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
name = "t"
key = "t"
match = "pupil-number"
date_formats = ["%d-%m-%Y"]
[columns]
pupil = "Nr"
date = "Datum"
code = "Code"
[codes]
Z = "ziek"
M = "skip"
[aggregate]
ziek = "runs"
"#;

    #[test]
    fn a_good_mapping_parses() {
        let m = parse("imports/t.toml", "t", GOOD).unwrap();
        assert_eq!(m.match_by, MatchBy::PupilNumber);
        assert_eq!(m.aggregate_of("ziek"), Aggregate::Runs);
        assert_eq!(m.aggregate_of("te-laat"), Aggregate::PerRow);
        assert_eq!(m.formats, ["%d-%m-%Y", "%Y-%m-%d"]);
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let bad = GOOD.replace("Z = \"ziek\"", "Z = \"zieek\"");
        let e = parse("imports/t.toml", "t", &bad).unwrap_err();
        assert_eq!((e.line, e.column), (11, 5), "{e}");
        assert!(e.to_string().contains("zieek"), "{e}");
        let bad = GOOD.replace("ziek = \"runs\"", "ziek = \"hours-per-day\"");
        let e = parse("imports/t.toml", "t", &bad).unwrap_err();
        assert_eq!(e.line, 14, "{e}");
        let bad = GOOD.replace("match = \"pupil-number\"", "match = \"bsn\"");
        assert_eq!(parse("f", "t", &bad).unwrap_err().line, 4);
        let bad = GOOD.replace("[columns]", "[columns]\nbsn = \"BSN\"");
        assert_eq!(parse("f", "t", &bad).unwrap_err().line, 7);
        let bad = GOOD.replace("%d-%m-%Y", "%d-%m");
        assert_eq!(parse("f", "t", &bad).unwrap_err().line, 5);
    }

    #[test]
    fn shipped_mappings_parse() {
        for (name, text) in crate::store::embedded::IMPORTS {
            let id = name.trim_end_matches(".toml");
            parse(&format!("imports/{name}"), id, text).unwrap();
        }
    }
}
