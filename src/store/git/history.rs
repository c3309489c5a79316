//! Reading history: the commits that changed a file, one commit's diff,
//! and what a revert of a commit would write.

use super::{Result, StoreError};
use crate::i18n::t;
use git2::{Oid, Repository};
use std::path::Path;

/// One commit in a file's history.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    pub id: String,
    pub time: chrono::DateTime<chrono::FixedOffset>,
    pub author: String,
    pub email: String,
    pub message: String,
}

/// Commits that changed `path`, newest first.
pub fn file_history(repo: &Repository, path: &str, limit: usize) -> Result<Vec<LogEntry>> {
    let mut walk = repo.revwalk()?;
    if walk.push_head().is_err() {
        return Ok(Vec::new());
    }
    // Like `git log`: children before parents, newest first; commit time
    // alone ties within a second and then lists them in any order.
    walk.set_sorting(git2::Sort::TOPOLOGICAL | git2::Sort::TIME)?;
    let p = Path::new(path);
    let mut out = Vec::new();
    for oid in walk {
        let commit = repo.find_commit(oid?)?;
        let here = commit.tree()?.get_path(p).ok().map(|e| e.id());
        let before = match commit.parent(0) {
            Ok(parent) => parent.tree()?.get_path(p).ok().map(|e| e.id()),
            Err(_) => None,
        };
        if here != before {
            out.push(entry(&commit));
            if out.len() >= limit {
                break;
            }
        }
    }
    Ok(out)
}

fn entry(commit: &git2::Commit) -> LogEntry {
    let when = commit.time();
    let offset = chrono::FixedOffset::east_opt(when.offset_minutes() * 60)
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("utc"));
    let time = chrono::DateTime::from_timestamp(when.seconds(), 0)
        .unwrap_or_default()
        .with_timezone(&offset);
    let author = commit.author();
    LogEntry {
        id: commit.id().to_string(),
        time,
        author: author.name().unwrap_or("?").to_string(),
        email: author.email().unwrap_or("").to_string(),
        message: commit.message().unwrap_or("").trim().to_string(),
    }
}

/// The diff of one commit against its first parent, as patch text (only
/// `path` when given).
pub fn commit_diff(repo: &Repository, id: &str, path: Option<&str>) -> Result<String> {
    let commit = repo.find_commit(Oid::from_str(id)?)?;
    let new = commit.tree()?;
    let old = commit.parent(0).ok().map(|p| p.tree()).transpose()?;
    let mut opts = git2::DiffOptions::new();
    if let Some(p) = path {
        opts.pathspec(p).disable_pathspec_match(true);
    }
    let diff = repo.diff_tree_to_tree(old.as_ref(), Some(&new), Some(&mut opts))?;
    let mut text = String::new();
    diff.print(git2::DiffFormat::Patch, |_, _, line| {
        let prefix = match line.origin() {
            '+' | '-' | ' ' => line.origin().to_string(),
            _ => String::new(),
        };
        text.push_str(&prefix);
        text.push_str(&String::from_utf8_lossy(line.content()));
        true
    })?;
    Ok(text)
}

/// The files a commit changed, with their content after a revert of it
/// (`None` where the revert removes the file).
pub fn revert_changes(repo: &Repository, id: &str) -> Result<Vec<(String, Option<Vec<u8>>)>> {
    let commit = repo.find_commit(Oid::from_str(id)?)?;
    let head = repo.head()?.peel_to_commit()?;
    let mut index = repo.revert_commit(&commit, &head, 0, None)?;
    if index.has_conflicts() {
        return Err(StoreError::User(
            t("dit kan niet meer ongedaan worden gemaakt: de regels zijn daarna opnieuw gewijzigd", "this can no longer be undone: the lines changed again since").into(),
        ));
    }
    let tree = repo.find_tree(index.write_tree_to(repo)?)?;
    let diff = repo.diff_tree_to_tree(Some(&head.tree()?), Some(&tree), None)?;
    let mut out = Vec::new();
    for delta in diff.deltas() {
        let path = delta
            .new_file()
            .path()
            .or(delta.old_file().path())
            .map(|p| p.to_string_lossy().into_owned());
        let Some(path) = path else { continue };
        let content = match tree.get_path(Path::new(&path)) {
            Ok(e) => Some(repo.find_blob(e.id())?.content().to_vec()),
            Err(_) => None,
        };
        out.push((path, content));
    }
    Ok(out)
}
