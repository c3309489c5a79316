//! Start-up checks before a write: a git operation a person left half done
//! is explained, and changes left uncommitted (a crash between write and
//! commit, or a hand edit) are committed as recovered when they parse, and
//! reported with file, line and column when they do not.

use super::git::{self, Change};
use super::load::{CALENDAR_DIR, CASES_DIR, PROTOCOLS_DIR};
use super::{Result, StoreError, case_file, config};
use crate::domain::calendar::CalendarFile;
use crate::domain::protocol;
use crate::domain::textpos;
use crate::i18n::t;
use git2::{Repository, RepositoryState, Signature, Status, StatusOptions};
use std::path::Path;

/// What recovery did.
#[derive(Debug, Default)]
pub struct Report {
    pub committed: Vec<String>,
    /// Files left alone, with why.
    pub problems: Vec<String>,
}

/// Refuses to work in a repository a person left mid-merge or mid-rebase.
pub fn check_state(repo: &Repository) -> Result<()> {
    let what = match repo.state() {
        RepositoryState::Clean => return Ok(()),
        RepositoryState::Merge => t("een git merge", "a git merge"),
        RepositoryState::Rebase
        | RepositoryState::RebaseInteractive
        | RepositoryState::RebaseMerge => t("een git rebase", "a git rebase"),
        RepositoryState::CherryPick | RepositoryState::CherryPickSequence => {
            t("een git cherry-pick", "a git cherry-pick")
        }
        RepositoryState::Revert | RepositoryState::RevertSequence => {
            t("een git revert", "a git revert")
        }
        _ => t(
            "een onafgemaakte git-bewerking",
            "an unfinished git operation",
        ),
    };
    Err(StoreError::Repo(format!(
        "{} {what}; {}",
        t(
            "de case-map staat midden in",
            "the case repository is in the middle of"
        ),
        t(
            "maak die af of breek hem af (bijvoorbeeld `git merge --abort`) en probeer opnieuw; er is niets gewijzigd",
            "finish or abort it (for example `git merge --abort`) and try again; nothing was changed",
        )
    )))
}

/// Whether a changed file is one of ours and parses.
fn validate(root: &Path, path: &str) -> std::result::Result<(), String> {
    let text = std::fs::read_to_string(root.join(path)).map_err(|e| format!("{path}: {e}"))?;
    let as_string = |e: textpos::FileError| e.to_string();
    if let Some(stem) = path
        .strip_prefix(&format!("{CASES_DIR}/"))
        .and_then(|n| n.strip_suffix(".toml"))
    {
        case_file::parse(path, stem, &text)
            .map(|_| ())
            .map_err(as_string)
    } else if path.starts_with(&format!("{PROTOCOLS_DIR}/")) {
        protocol::parse(path, &text).map(|_| ()).map_err(as_string)
    } else if path.starts_with(&format!("{CALENDAR_DIR}/")) {
        toml::from_str::<CalendarFile>(&text)
            .map(|_| ())
            .map_err(|e| textpos::from_toml(path, &text, &e).to_string())
    } else if path.starts_with(&format!("{}/", super::conflicts::DIR)) {
        toml::from_str::<toml::Table>(&text)
            .map(|_| ())
            .map_err(|e| textpos::from_toml(path, &text, &e).to_string())
    } else if path == config::FILE {
        toml::from_str::<config::RepoConfig>(&text)
            .map(|_| ())
            .map_err(|e| textpos::from_toml(path, &text, &e).to_string())
    } else {
        Err(format!(
            "{path}: {}",
            t("geen bestand van verzuim", "not a verzuim file")
        ))
    }
}

/// The write-ahead journal: the files a write is about to change, so that a
/// write whose commit failed is found by the next write in the same session
/// without a full scan. It needs no fsync: after a crash a new process
/// starts, and a process's first write scans everything anyway.
fn journal_path(repo: &Repository) -> std::path::PathBuf {
    repo.path().join("verzuim-journal")
}

pub fn journal_begin(repo: &Repository, paths: &[&str]) -> Result<()> {
    let path = journal_path(repo);
    std::fs::write(&path, paths.join("\n")).map_err(StoreError::io(path))
}

pub fn journal_end(repo: &Repository) -> Result<()> {
    let path = journal_path(repo);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::io(path)(e)),
        _ => Ok(()),
    }
}

/// Commits uncommitted, valid changes to the repository's data files: all
/// of them (`full`, a scan of every file), or only those a journal names
/// and the `extra` paths about to be written.
pub fn recover(
    repo: &Repository,
    root: &Path,
    author: &Signature,
    full: bool,
    extra: &[&str],
) -> Result<Report> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .disable_pathspec_match(true);
    let journal = std::fs::read_to_string(journal_path(repo)).unwrap_or_default();
    let found: Vec<(String, Status)> = if full {
        for spec in [
            CASES_DIR,
            PROTOCOLS_DIR,
            CALENDAR_DIR,
            super::conflicts::DIR,
            config::FILE,
        ] {
            opts.pathspec(spec);
        }
        let statuses = repo.statuses(Some(&mut opts))?;
        statuses
            .iter()
            .filter_map(|e| Some((e.path().ok()?.to_string(), e.status())))
            .collect()
    } else {
        // Only the named files, compared with HEAD by content: no scan.
        let named = journal
            .lines()
            .chain(extra.iter().copied())
            .filter(|l| !l.is_empty());
        let head = repo.head().ok().and_then(|h| h.peel_to_tree().ok());
        let mut found = Vec::new();
        for p in named {
            let in_head = head
                .as_ref()
                .and_then(|t| t.get_path(Path::new(p)).ok())
                .map(|e| e.id());
            let full_path = root.join(p);
            let on_disk = full_path
                .exists()
                .then(|| git2::Oid::hash_file(git2::ObjectType::Blob, &full_path))
                .transpose()?;
            let status = match (in_head, on_disk) {
                (Some(_), None) => Status::WT_DELETED,
                (None, Some(_)) => Status::WT_NEW,
                (Some(a), Some(b)) if a != b => Status::WT_MODIFIED,
                _ => continue,
            };
            found.push((p.to_string(), status));
        }
        found
    };
    let mut report = Report::default();
    let mut contents: Vec<(String, Vec<u8>)> = Vec::new();
    for (path, s) in found {
        if s.contains(Status::WT_DELETED) {
            report.problems.push(format!(
                "{path}: {}",
                t(
                    "verwijderd maar niet vastgelegd; zet terug met `git checkout -- <bestand>`",
                    "deleted but not committed; restore it with `git checkout -- <file>`"
                )
            ));
            continue;
        }
        if !(s.intersects(
            Status::WT_NEW | Status::WT_MODIFIED | Status::INDEX_NEW | Status::INDEX_MODIFIED,
        )) {
            continue;
        }
        if path.rsplit('/').next().is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        match validate(root, &path) {
            Ok(()) => contents.push((
                path.clone(),
                std::fs::read(root.join(&path)).map_err(StoreError::io(root.join(&path)))?,
            )),
            Err(e) => report
                .problems
                .push(format!("{e} ({})", t("niet vastgelegd", "not committed"))),
        }
    }
    if !contents.is_empty() {
        let changes: Vec<Change> = contents
            .iter()
            .map(|(p, c)| Change {
                path: p,
                content: Some(c),
            })
            .collect();
        let names: Vec<&str> = contents.iter().map(|(p, _)| p.as_str()).collect();
        let message = format!("recover: uncommitted changes to {}", names.join(", "));
        git::commit(repo, &changes, &message, author)?;
        report.committed = names.iter().map(|s| s.to_string()).collect();
    }
    journal_end(repo)?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseFields, Level};
    use crate::domain::dates;
    use crate::store::CaseRepo;

    fn repo() -> (tempfile::TempDir, CaseRepo) {
        let dir = tempfile::tempdir().unwrap();
        let git = git::init(dir.path()).unwrap();
        let mut cfg = git.config().unwrap();
        cfg.set_str("user.name", "Unit").unwrap();
        cfg.set_str("user.email", "unit@example.org").unwrap();
        let repo = CaseRepo::init(dir.path()).unwrap().quiet();
        (dir, repo)
    }

    fn case(id: &str) -> crate::domain::case::Case {
        let d = dates::parse("2025-09-01").unwrap();
        let fields = CaseFields {
            name: "N".into(),
            birth: dates::parse("2011-01-01").unwrap(),
            school: "S".into(),
            level: Level::Vo,
            protocol: "leerplichtwet".into(),
            gemeente: None,
            owner: None,
        };
        fields.into_case(id.into(), d)
    }

    #[test]
    fn a_write_whose_commit_failed_is_committed_by_the_next_write_in_the_session() {
        let (dir, repo) = repo();
        repo.create_case(&case("aaaa")).unwrap(); // the session's first write: full scan
        // A write that reached the disk but whose commit failed.
        let git = repo.git().unwrap();
        journal_begin(&git, &["cases/aaaa.toml"]).unwrap();
        let path = dir.path().join("cases/aaaa.toml");
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("name = \"N\"", "name = \"M\"");
        std::fs::write(&path, text).unwrap();
        repo.create_case(&case("bbbb")).unwrap();
        let head = git.head().unwrap().peel_to_commit().unwrap();
        let parent = head.parent(0).unwrap();
        assert_eq!(
            parent.message().unwrap(),
            "recover: uncommitted changes to cases/aaaa.toml"
        );
        assert!(!git.path().join("verzuim-journal").exists());
        assert!(
            repo.take_notices()
                .iter()
                .any(|n| n.contains("cases/aaaa.toml"))
        );
        // Without a journal entry, an untouched session write commits only its own file.
        repo.create_case(&case("cccc")).unwrap();
        let files = git.diff_tree_to_tree(
            Some(
                &git.head()
                    .unwrap()
                    .peel_to_commit()
                    .unwrap()
                    .parent(0)
                    .unwrap()
                    .tree()
                    .unwrap(),
            ),
            Some(&git.head().unwrap().peel_to_tree().unwrap()),
            None,
        );
        assert_eq!(files.unwrap().deltas().count(), 1);
    }
}
