//! Loading a case repository: protocols, calendars, settings and every
//! case file (read and parsed in parallel). A file that does not parse is
//! reported with file, line and column and left untouched; all other cases
//! keep working.

use super::case_file;
use super::config::{self, RepoConfig};
use super::{Result, StoreError};
use crate::domain::calendar::{CalendarFile, Region};
use crate::domain::case::Case;
use crate::domain::caseload::{CalendarSet, Caseload};
use crate::domain::protocol::resolve::Library;
use crate::domain::protocol::{self, SourcedProtocol, resolve_all};
use crate::domain::textpos::{self, FileError};
use std::fs;
use std::path::{Path, PathBuf};

pub const CASES_DIR: &str = "cases";
pub const PROTOCOLS_DIR: &str = "protocols";
pub const CALENDAR_DIR: &str = "calendar";

/// Everything but the cases: what a write needs to validate.
pub struct Rules {
    pub config: RepoConfig,
    pub library: Library,
    /// Protocol files that do not even parse.
    pub unparsed: Vec<FileError>,
    pub calendars: CalendarSet,
}

impl Rules {
    /// A caseload of no cases, to evaluate one case with (no need to read
    /// every case file for that).
    pub fn into_caseload(self) -> Caseload {
        Caseload {
            cases: Vec::new(),
            library: self.library,
            calendars: self.calendars,
        }
    }
}

/// A loaded repository.
pub struct Loaded {
    pub caseload: Caseload,
    pub config: RepoConfig,
    pub broken_cases: Vec<FileError>,
    pub broken_protocols: Vec<FileError>,
}

/// `.toml` files in `dir`, sorted by name (absent folder: none).
pub fn toml_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir)(e)),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    // By file name bytes: all are in one folder, and comparing whole paths
    // component by component was a measurable part of opening 10,000 cases.
    files.sort_unstable_by(|a, b| a.file_name().cmp(&b.file_name()));
    Ok(files)
}

fn read(path: &Path) -> Result<String> {
    fs::read_to_string(path).map_err(StoreError::io(path))
}

/// The path relative to the repository root, as shown to people.
pub fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

pub fn load_config(root: &Path) -> Result<RepoConfig> {
    let path = root.join(config::FILE);
    let text = read(&path)?;
    toml::from_str(&text)
        .map_err(|e| StoreError::Broken(textpos::from_toml(config::FILE, &text, &e)))
}

pub fn load_rules(root: &Path) -> Result<Rules> {
    let config = load_config(root)?;
    let mut sources: Vec<SourcedProtocol> = Vec::new();
    let mut unparsed = Vec::new();
    for path in toml_files(&root.join(PROTOCOLS_DIR))? {
        match protocol::parse(&rel(root, &path), &read(&path)?) {
            Ok(p) => sources.push(p),
            Err(e) => unparsed.push(e),
        }
    }
    let library = resolve_all(&sources);
    let mut files: Vec<CalendarFile> = Vec::new();
    for path in toml_files(&root.join(CALENDAR_DIR))? {
        let text = read(&path)?;
        let file = toml::from_str(&text)
            .map_err(|e| StoreError::Broken(textpos::from_toml(&rel(root, &path), &text, &e)))?;
        files.push(file);
    }
    let region = config.region.unwrap_or(Region::Midden);
    let calendars = CalendarSet::new(&files, config.schools.clone(), region);
    Ok(Rules {
        config,
        library,
        unparsed,
        calendars,
    })
}

/// Reads and parses one case file.
pub fn load_case(root: &Path, id: &str) -> Result<Result<Case, FileError>> {
    let path = case_path(root, id);
    let text = read(&path)?;
    Ok(case_file::parse(&rel(root, &path), id, &text))
}

pub fn case_path(root: &Path, id: &str) -> PathBuf {
    root.join(CASES_DIR).join(format!("{id}.toml"))
}

/// Loads every case, in parallel; cases sorted by name then id. Cases come
/// from the parse cache where git's index vouches for the file's blob and
/// are parsed otherwise (see `scan`), which also keeps the cache current.
pub fn load(root: &Path) -> Result<Loaded> {
    let scanned = super::scan::scan(root, |_, case| case)?;
    let mut cases = scanned.results;
    cases.sort_unstable_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    Ok(Loaded {
        caseload: Caseload {
            cases,
            ..scanned.caseload
        },
        config: scanned.config,
        broken_cases: scanned.broken_cases,
        broken_protocols: scanned.broken_protocols,
    })
}
