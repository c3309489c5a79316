//! Merge records of real sync conflicts, `conflicts/<case-id>.toml`: the
//! case file keeps its local value (never conflict markers); the other
//! value waits here until a person chooses, and the choice is committed.

use super::load::{self, toml_files};
use super::{Result, StoreError};
use crate::domain::merge::Conflict;
use crate::domain::textpos;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const DIR: &str = "conflicts";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConflictFile {
    case: String,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

pub fn rel_path(case_id: &str) -> String {
    format!("{DIR}/{case_id}.toml")
}

pub fn path(root: &Path, case_id: &str) -> PathBuf {
    root.join(rel_path(case_id))
}

/// Open conflicts of one case (none when there is no record).
pub fn read(root: &Path, case_id: &str) -> Result<Vec<Conflict>> {
    let path = path(root, case_id);
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&load::rel(root, &path), &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(StoreError::io(path)(e)),
    }
}

pub fn parse(file: &str, text: &str) -> Result<Vec<Conflict>> {
    let f: ConflictFile =
        toml::from_str(text).map_err(|e| StoreError::Broken(textpos::from_toml(file, text, &e)))?;
    Ok(f.conflicts)
}

/// Open conflicts of every case, by case id.
pub fn read_all(root: &Path) -> Result<BTreeMap<String, Vec<Conflict>>> {
    let mut out = BTreeMap::new();
    for p in toml_files(&root.join(DIR))? {
        let text = std::fs::read_to_string(&p).map_err(StoreError::io(&p))?;
        let list = parse(&load::rel(root, &p), &text)?;
        if let (false, Some(stem)) = (list.is_empty(), p.file_stem()) {
            out.insert(stem.to_string_lossy().into_owned(), list);
        }
    }
    Ok(out)
}

/// The record's text, or `None` when no conflict is left (file removed).
pub fn render(case_id: &str, conflicts: &[Conflict]) -> Option<String> {
    if conflicts.is_empty() {
        return None;
    }
    let file = ConflictFile {
        case: case_id.to_string(),
        conflicts: conflicts.to_vec(),
    };
    let body = toml::to_string(&file).unwrap_or_default();
    Some(format!(
        "# Sync conflicts of case {case_id}: the case file keeps the local value.\n\
         # Choose in the TUI (case view) or with `verzuim resolve {case_id} FIELD local|remote`.\n{body}"
    ))
}
