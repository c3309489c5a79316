//! Loading a case repository: protocols, calendars, settings and every
//! case file (read and parsed in parallel). A file that does not parse is
//! reported with file, line and column and left untouched; all other cases
//! keep working.

use super::case_file;
use super::config::{self, RepoConfig};
use super::{Result, StoreError};
use crate::domain::calendar::{CalendarFile, Region};
use crate::domain::case::Case;
use crate::domain::caseload::{CalendarSet, CaseCheck, Caseload};
use crate::domain::protocol::resolve::Library;
use crate::domain::protocol::{self, SourcedProtocol, resolve_all};
use crate::domain::textpos::{self, FileError, FileMessage};
use chrono::NaiveDate;
use std::fs;
use std::path::{Path, PathBuf};

pub const CASES_DIR: &str = "cases";
pub const PROTOCOLS_DIR: &str = "protocols";
pub const CALENDAR_DIR: &str = "calendar";

/// Everything but the cases: what a write needs to validate.
pub struct Rules {
    pub config: RepoConfig,
    pub library: Library,
    /// Protocol files that do not even parse, and broken settings or
    /// calendar files (their defaults are used).
    pub unparsed: Vec<FileError>,
    pub calendars: CalendarSet,
    /// SHA-1 over the path and bytes of every settings, protocol and
    /// calendar file as read here: with the case, the binary and the day,
    /// everything an evaluation depends on (`store/memo.rs` keys on it; the
    /// day is checked against each kept result's span).
    pub fingerprint: [u8; 20],
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
    // Names first, checked and sorted as bytes: `Path::extension` and
    // `file_name` parse the path from its end on every call, which was a
    // sixth of a warm `overdue` at 10,000 cases (in the sort above all).
    let mut names: Vec<std::ffi::OsString> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| {
            let n = n.as_encoded_bytes();
            n.ends_with(b".toml") && n.len() > 5 && !n.starts_with(b".")
        })
        .collect();
    names.sort_unstable();
    let files = names.into_iter().map(|n| dir.join(n)).collect();
    Ok(files)
}

/// A repository file's text, or why it cannot be read as
/// `relative/path:line:column: what`: a symbolic link (never followed: it
/// could point anywhere), an I/O error, or bytes that are not UTF-8 (at the
/// line and column of the first bad byte, with its byte offset).
pub fn read_text(root: &Path, path: &Path) -> Result<String, FileError> {
    let rel = rel(root, path);
    let fail = |msg: String| FileError {
        file: rel.clone(),
        line: 1,
        column: 1,
        message: FileMessage::Text(msg),
    };
    let meta = fs::symlink_metadata(path).map_err(|e| fail(e.to_string()))?;
    if meta.file_type().is_symlink() {
        return Err(fail(crate::i18n::t(
            "is een symbolische koppeling; verzuim volgt die niet (zet het bestand zelf hier neer)",
            "is a symbolic link; verzuim does not follow links (put the file itself here)",
        ).into()));
    }
    let bytes = fs::read(path).map_err(|e| fail(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..at]).unwrap_or("");
        let (line, column) = textpos::line_col(valid, at);
        FileError {
            file: rel.clone(),
            line,
            column,
            message: FileMessage::Text(format!(
                "{} {at})",
                crate::i18n::t("geen geldige UTF-8 (byte", "not valid UTF-8 (byte")
            )),
        }
    })
}

fn read(root: &Path, path: &Path) -> Result<String> {
    read_text(root, path).map_err(StoreError::Broken)
}

/// What a broken settings file costs: it is named, and defaults stand in.
fn fallback(mut e: FileError) -> FileError {
    e.message = FileMessage::Text(format!(
        "{} ({})",
        crate::i18n::file_message(&e.message),
        crate::i18n::t(
            "standaardwaarden gebruikt voor wat niet te lezen is",
            "defaults used for what cannot be read"
        )
    ));
    e
}

/// The path relative to the repository root, as shown to people.
pub fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

/// The settings; a broken `verzuim.toml` gives the defaults (see
/// [`load_config_checked`] for what was wrong).
pub fn load_config(root: &Path) -> Result<RepoConfig> {
    Ok(load_config_checked(root).0)
}

/// The settings, keeping every top-level setting that reads; the defaults
/// for the rest, with the error.
pub fn load_config_checked(root: &Path) -> (RepoConfig, Option<FileError>) {
    config_from(read_text(root, &root.join(config::FILE)))
}

/// The settings from the settings file's text as read (or why it could not be).
fn config_from(text: std::result::Result<String, FileError>) -> (RepoConfig, Option<FileError>) {
    let defaults = || toml::from_str::<RepoConfig>("").unwrap_or_default();
    let text = match text {
        Ok(t) => t,
        Err(e) => return (defaults(), Some(fallback(e))),
    };
    let err = match toml::from_str::<RepoConfig>(&text) {
        Ok(c) => return checked_escalation(c, &text),
        Err(e) => fallback(textpos::from_toml(config::FILE, &text, &e)),
    };
    let mut good = toml::Table::new();
    for (k, v) in toml::from_str::<toml::Table>(&text).unwrap_or_default() {
        let mut with = good.clone();
        with.insert(k, v);
        if with.clone().try_into::<RepoConfig>().is_ok() {
            good = with;
        }
    }
    (good.try_into().unwrap_or_else(|_| defaults()), Some(err))
}

/// An escalation that does not resolve is named at its place and left out.
fn checked_escalation(mut c: RepoConfig, text: &str) -> (RepoConfig, Option<FileError>) {
    let Some(e) = &c.escalate else {
        return (c, None);
    };
    match e.get_ref().resolve() {
        Ok(_) => (c, None),
        Err(err) => {
            let message = protocol::escalate_message(&err);
            let error = textpos::at(config::FILE, text, Some(e.span()), &message);
            c.escalate = None;
            (c, Some(fallback(error)))
        }
    }
}

pub fn load_rules(root: &Path) -> Result<Rules> {
    let mut fingerprint = Fingerprint::default();
    let config_text = read_text(root, &root.join(config::FILE));
    fingerprint.add(config::FILE, config_text.as_deref().ok());
    let (config, config_error) = config_from(config_text);
    let mut unparsed: Vec<FileError> = config_error.into_iter().collect();
    let mut sources: Vec<SourcedProtocol> = Vec::new();
    for path in toml_files(&root.join(PROTOCOLS_DIR))? {
        let text = read_text(root, &path);
        fingerprint.add(&rel(root, &path), text.as_deref().ok());
        match text.and_then(|text| protocol::parse(&rel(root, &path), &text)) {
            Ok(p) => sources.push(p),
            Err(e) => unparsed.push(e),
        }
    }
    let mut library = resolve_all(&sources);
    if let Some(e) = config
        .escalate
        .as_ref()
        .and_then(|e| e.get_ref().resolve().ok())
    {
        for p in library.protocols.values_mut() {
            p.escalate = Some(e);
        }
    }
    let mut files: Vec<CalendarFile> = Vec::new();
    for path in toml_files(&root.join(CALENDAR_DIR))? {
        // A broken calendar is skipped (its school years fall back to
        // weekends only, which the front ends warn about) and named.
        let text = read_text(root, &path);
        fingerprint.add(&rel(root, &path), text.as_deref().ok());
        let file = text.and_then(|text| {
            toml::from_str(&text).map_err(|e| textpos::from_toml(&rel(root, &path), &text, &e))
        });
        match file {
            Ok(f) => files.push(f),
            Err(e) => unparsed.push(fallback(e)),
        }
    }
    let region = config.region.unwrap_or(Region::Midden);
    let calendars = CalendarSet::new(&files, config.schools.clone(), region);
    Ok(Rules {
        config,
        library,
        unparsed,
        calendars,
        fingerprint: fingerprint.finish(),
    })
}

/// The running hash behind [`Rules::fingerprint`]: each file as its path,
/// a marker for "could not be read" or its length, and its bytes, so no two
/// different sets of files hash alike by concatenation.
#[derive(Default)]
struct Fingerprint(sha1::Sha1);

impl Fingerprint {
    fn add(&mut self, path: &str, text: Option<&str>) {
        use sha1::Digest;
        self.0.update((path.len() as u64).to_le_bytes());
        self.0.update(path.as_bytes());
        match text {
            None => self.0.update([0u8]),
            Some(t) => {
                self.0.update([1u8]);
                self.0.update((t.len() as u64).to_le_bytes());
                self.0.update(t.as_bytes());
            }
        }
    }

    fn finish(self) -> [u8; 20] {
        use sha1::Digest;
        self.0.finalize().into()
    }
}

/// Reads and parses one case file.
pub fn load_case(root: &Path, id: &str) -> Result<Result<Case, FileError>> {
    let path = case_path(root, id);
    let text = read(root, &path)?;
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
    let cases = by_name(scanned.results, |c| c);
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

/// Loads every case as [`load`] does and evaluates each on `today` in the
/// same pass (a case is evaluated on the core that decoded it, while it is
/// still in its cache): what the TUI opens with. The checks are in the
/// order of the cases.
pub fn load_evaluated(root: &Path, today: NaiveDate) -> Result<(Loaded, Vec<CaseCheck>)> {
    let scanned = super::scan::scan(root, |cl, case| {
        let check = cl.evaluate(&case, today);
        (case, check)
    })?;
    let pairs = by_name(scanned.results, |(case, _)| case);
    let (cases, checks): (Vec<Case>, Vec<CaseCheck>) = pairs.into_iter().unzip();
    let loaded = Loaded {
        caseload: Caseload {
            cases,
            ..scanned.caseload
        },
        config: scanned.config,
        broken_cases: scanned.broken_cases,
        broken_protocols: scanned.broken_protocols,
    };
    Ok((loaded, checks))
}

/// Sorted by the case's name, then id, through a permutation: each value
/// moves once instead of at every swap of the sort (a case with its
/// evaluation is about 450 bytes; swapping 10,000 of them was a tenth of
/// the TUI's first frame in `memmove`).
fn by_name<T>(items: Vec<T>, case: impl Fn(&T) -> &Case) -> Vec<T> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (case(&items[a]), case(&items[b]));
        x.name.cmp(&y.name).then_with(|| x.id.cmp(&y.id))
    });
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
#[path = "load_tests.rs"]
mod tests;
