//! Report data in the repository: the definitions (`reports/*.toml`, copied
//! at init; the built-in ones for a repository made before reports
//! existed) and the thuiszitters snapshots, written through one commit.

use super::git::Change;
use super::load::rel;
use super::{CaseRepo, Result, StoreError, atomic, embedded};
use crate::domain::report::defs::{THUISZITTERS_FILE, ThuiszitterDefs};
use crate::domain::report::jaar_defs::{self, JaarDefs};
use crate::domain::report::mazl::{self, MazlDefs};
use crate::domain::report::snapshot::{self, Snapshot};
use crate::domain::textpos;
use chrono::NaiveDate;
use std::path::{Component, Path, PathBuf};

pub const DIR: &str = "reports";
/// Where reports are written by default: inside the repository but
/// git-ignored, since an export may name pupils and is never committed.
pub const EXPORTS_DIR: &str = "exports";

/// The text of a report data file: the repository's own, else built in.
fn data_text(root: &Path, file: &str) -> Result<String> {
    let path = root.join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let name = file.trim_start_matches("reports/");
            embedded::REPORTS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, text)| text.to_string())
                .ok_or_else(|| StoreError::io(&path)(e))
        }
        Err(e) => Err(StoreError::io(&path)(e)),
    }
}

pub fn thuiszitter_defs(root: &Path) -> Result<ThuiszitterDefs> {
    let text = data_text(root, THUISZITTERS_FILE)?;
    ThuiszitterDefs::parse(THUISZITTERS_FILE, &text).map_err(StoreError::Broken)
}

/// The latest snapshot dated before `date`, if any.
pub fn previous_snapshot(root: &Path, date: NaiveDate) -> Result<Option<Snapshot>> {
    let names: Vec<String> = super::load::toml_files(&root.join(DIR))?
        .iter()
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    let Some((_, name)) = snapshot::previous(names.iter().map(String::as_str), date) else {
        return Ok(None);
    };
    let path = root.join(DIR).join(name);
    let text = std::fs::read_to_string(&path).map_err(StoreError::io(&path))?;
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| StoreError::Broken(textpos::from_toml(&rel(root, &path), &text, &e)))
}

impl CaseRepo {
    /// Writes the snapshot of an overview and commits it (one commit, ids
    /// only); returns its path in the repository.
    pub fn save_snapshot(&self, snap: &Snapshot) -> Result<String> {
        let file = format!("{DIR}/{}", snapshot::file_name(snap.date));
        let s = self.begin(&[&file])?;
        let text = snap.render();
        atomic::create_private_dir(&self.root.join(DIR))?;
        let change = Change {
            path: &file,
            content: Some(text.as_bytes()),
        };
        let message = format!(
            "report: thuiszitters snapshot {} ({} cases)",
            snap.date.format("%Y-%m-%d"),
            snap.ids.len(),
        );
        // All or nothing, like every other write.
        let done = super::txn::apply(&s.git, &self.root, &[change], &message, &s.author)?;
        for w in &done.warnings {
            self.notice(w);
        }
        Ok(file)
    }
}

/// The layout of the yearly figures; `known_kinds`: the library's kinds.
pub fn jaar_defs(root: &Path, known_kinds: &[String]) -> Result<JaarDefs> {
    let text = data_text(root, jaar_defs::FILE)?;
    JaarDefs::parse(jaar_defs::FILE, &text, known_kinds).map_err(StoreError::Broken)
}

pub fn mazl_defs(root: &Path) -> Result<MazlDefs> {
    let text = data_text(root, mazl::FILE)?;
    MazlDefs::parse(mazl::FILE, &text).map_err(StoreError::Broken)
}

/// Writes an exported report atomically, owner-only. `path` is relative to
/// the repository (only inside `exports/`, so no case data is touched) or
/// absolute (a folder of the person's choosing, which must exist).
pub fn export(root: &Path, path: &str, bytes: &[u8]) -> Result<PathBuf> {
    let p = Path::new(path.trim());
    let exports = root.join(EXPORTS_DIR);
    let full = if p.is_absolute() {
        p.to_path_buf()
    } else {
        root.join(p)
    };
    let climbs = p.components().any(|c| c == Component::ParentDir);
    let in_repo = full.starts_with(root);
    if p.as_os_str().is_empty() || climbs || (in_repo && !full.starts_with(&exports)) {
        return Err(StoreError::User(format!(
            "{}: {}",
            path.trim(),
            crate::i18n::t(
                "kies een pad in exports/ of een absoluut pad buiten de dossiermap",
                "choose a path in exports/ or an absolute path outside the case repository",
            )
        )));
    }
    if full.starts_with(&exports)
        && let Some(parent) = full.parent()
    {
        atomic::create_private_dir(parent)?;
        // Ignored by git even in a repository made before `.gitignore`
        // named it: an export may name pupils and is never committed.
        let ignore = exports.join(".gitignore");
        if !ignore.exists() {
            atomic::write(&ignore, b"*\n")?;
        }
    }
    atomic::write(&full, bytes)?;
    Ok(full)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn exports_go_to_exports_or_outside_and_are_private() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let written = export(root, "exports/jaar.csv", b"a,b\n").unwrap();
        assert_eq!(written, root.join("exports/jaar.csv"));
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&written), 0o600);
        assert_eq!(mode(&root.join("exports")), 0o700);
        let ignore = std::fs::read_to_string(root.join("exports/.gitignore")).unwrap();
        assert_eq!(ignore, "*\n");
        for bad in [
            "cases/x.toml",
            "exports/../cases/x.toml",
            "",
            "verzuim.toml",
        ] {
            assert!(
                matches!(export(root, bad, b"x"), Err(StoreError::User(_))),
                "{bad}"
            );
        }
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("r.md");
        assert_eq!(
            export(root, target.to_str().unwrap(), b"x").unwrap(),
            target
        );
    }
}
