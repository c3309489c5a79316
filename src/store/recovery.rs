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

/// Commits uncommitted, valid changes to the repository's data files.
pub fn recover(repo: &Repository, root: &Path, author: &Signature) -> Result<Report> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(true).recurse_untracked_dirs(true);
    for spec in [CASES_DIR, PROTOCOLS_DIR, CALENDAR_DIR, config::FILE] {
        opts.pathspec(spec);
    }
    let statuses = repo.statuses(Some(&mut opts))?;
    let mut report = Report::default();
    let mut contents: Vec<(String, Vec<u8>)> = Vec::new();
    for entry in statuses.iter() {
        let Ok(path) = entry.path().map(str::to_string) else {
            continue;
        };
        let s = entry.status();
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
    Ok(report)
}
