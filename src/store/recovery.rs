//! Start-up checks before a write: a git operation a person left half done
//! is explained; a write the journal names as interrupted is undone (it
//! was never acknowledged); hand edits are committed as such when they
//! parse, and reported with file, line and column when they do not.

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
    /// Files of an interrupted write, put back as HEAD has them.
    pub rolled_back: Vec<String>,
    /// Hand edits committed.
    pub committed: Vec<String>,
    /// Files left alone, with why.
    pub problems: Vec<String>,
}

impl Report {
    /// What to tell the person, one line each.
    pub fn notices(&self) -> Vec<String> {
        let mut out = Vec::new();
        for p in &self.problems {
            out.push(format!("{}: {p}", t("let op", "warning")));
        }
        if !self.rolled_back.is_empty() {
            out.push(format!(
                "{}: {}",
                t(
                    "een onderbroken wijziging is teruggedraaid (nooit vastgelegd)",
                    "an interrupted change was undone (it was never committed)"
                ),
                self.rolled_back.join(", ")
            ));
        }
        if !self.committed.is_empty() {
            out.push(format!(
                "{}: {}",
                t("handmatige wijziging vastgelegd", "hand edit committed"),
                self.committed.join(", ")
            ));
        }
        out
    }
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

/// Undoes an interrupted write the journal names, then commits hand edits
/// (uncommitted, valid changes to the repository's data files): all of
/// them (`full`, a scan of every file), or only in the `extra` paths about
/// to be written.
pub fn recover(
    repo: &Repository,
    root: &Path,
    author: &Signature,
    full: bool,
    extra: &[&str],
) -> Result<Report> {
    let rolled_back = super::txn::recover_journal(repo, root)?;
    let found = if full {
        changed_anywhere(repo)?
    } else {
        changed_among(repo, root, extra)?
    };
    let mut report = Report {
        rolled_back,
        ..Report::default()
    };
    let contents = valid_edits(root, found, &mut report)?;
    if !contents.is_empty() {
        commit_hand_edits(repo, author, &contents, &mut report)?;
    }
    Ok(report)
}

/// Every uncommitted change to the data files: a status scan.
fn changed_anywhere(repo: &Repository) -> Result<Vec<(String, Status)>> {
    let mut opts = StatusOptions::new();
    opts.include_untracked(true)
        .recurse_untracked_dirs(true)
        .disable_pathspec_match(true);
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
    Ok(statuses
        .iter()
        .filter_map(|e| Some((e.path().ok()?.to_string(), e.status())))
        .collect())
}

/// Only the named files, compared with HEAD by content: no scan.
fn changed_among(repo: &Repository, root: &Path, named: &[&str]) -> Result<Vec<(String, Status)>> {
    let named = named.iter().copied().filter(|l| !l.is_empty());
    let mut found = Vec::new();
    for p in named {
        // HEAD's large `cases/` tree through the tree cache (issue 13).
        let in_head = git::head_entry(repo, p)?;
        let full_path = root.join(p);
        let on_disk = full_path
            .exists()
            .then(|| git::hash::file_blob_id(&full_path))
            .transpose()
            .map_err(StoreError::io(&full_path))?;
        let status = match (in_head, on_disk) {
            (Some(_), None) => Status::WT_DELETED,
            (None, Some(_)) => Status::WT_NEW,
            (Some(a), Some(b)) if a != b => Status::WT_MODIFIED,
            _ => continue,
        };
        found.push((p.to_string(), status));
    }
    Ok(found)
}

/// The found changes that may be committed (new or edited, and valid),
/// with their contents; a deletion or an invalid file becomes a problem
/// in the report, left for the person.
fn valid_edits(
    root: &Path,
    found: Vec<(String, Status)>,
    report: &mut Report,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut contents = Vec::new();
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
            Ok(()) => {
                let bytes =
                    std::fs::read(root.join(&path)).map_err(StoreError::io(root.join(&path)))?;
                contents.push((path, bytes));
            }
            Err(e) => report
                .problems
                .push(format!("{e} ({})", t("niet vastgelegd", "not committed"))),
        }
    }
    Ok(contents)
}

/// One commit of the valid hand edits, named by path only.
fn commit_hand_edits(
    repo: &Repository,
    author: &Signature,
    contents: &[(String, Vec<u8>)],
    report: &mut Report,
) -> Result<()> {
    let changes: Vec<Change> = contents
        .iter()
        .map(|(p, c)| Change {
            path: p,
            content: Some(c),
        })
        .collect();
    let names: Vec<&str> = contents.iter().map(|(p, _)| p.as_str()).collect();
    let message = format!("hand edit: {}", names.join(", "));
    match git::commit(repo, &changes, &message, author) {
        Ok(_) | Err(StoreError::IndexLocked(_)) => {}
        Err(e) => return Err(e),
    }
    report.committed = names.iter().map(|s| s.to_string()).collect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::domain::dates;
    use crate::store::test_support::{case, repo};

    #[test]
    fn an_interrupted_write_is_undone_and_a_hand_edit_committed_as_such() {
        let (dir, repo) = repo();
        repo.create_case(&case("aaaa")).unwrap();
        let git = repo.git().unwrap();
        let path = dir.path().join("cases/aaaa.toml");
        let before = std::fs::read_to_string(&path).unwrap();
        // A write that reached the disk but was never committed (a crash):
        // the journal names it, and a new case file that never was committed.
        super::super::txn::journal_begin(&git, &["cases/aaaa.toml", "cases/zzzz.toml"]).unwrap();
        std::fs::write(&path, before.replace("name = \"N\"", "name = \"M\"")).unwrap();
        std::fs::write(dir.path().join("cases/zzzz.toml"), "x").unwrap();
        std::fs::write(dir.path().join("cases/.tmp-left"), "names").unwrap();
        repo.create_case(&case("bbbb")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
        assert!(!dir.path().join("cases/zzzz.toml").exists());
        assert!(!dir.path().join("cases/.tmp-left").exists());
        assert!(!git.path().join("verzuim-journal").exists());
        let head = git.head().unwrap().peel_to_commit().unwrap();
        assert!(head.message().unwrap().starts_with("case bbbb: new case"));
        assert!(
            head.parent(0)
                .unwrap()
                .message()
                .unwrap()
                .starts_with("case aaaa:")
        );
        // A hand edit, which no journal names, is committed under its own name.
        std::fs::write(&path, before.replace("name = \"N\"", "name = \"H\"")).unwrap();
        repo.add_event(
            "aaaa",
            &crate::domain::event::Event::new("ziek", dates::parse("2025-09-02").unwrap()),
            "add ziek",
        )
        .unwrap();
        let head = git.head().unwrap().peel_to_commit().unwrap();
        assert_eq!(
            head.parent(0).unwrap().message().unwrap(),
            "hand edit: cases/aaaa.toml"
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .contains("name = \"H\"")
        );
    }
}
