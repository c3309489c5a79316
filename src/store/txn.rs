//! One state change as a transaction: the journal names the files about to
//! change (written and fsynced first), the files are written, the commit is
//! made, the journal is removed. Any failure before the commit exists puts
//! the files back as HEAD has them, at once or, after a crash, at the next
//! start: a write is acknowledged exactly when it is committed.

use super::git::{self, Change};
use super::{Result, StoreError, atomic};
use crate::i18n::t;
use git2::{Repository, Signature};
use std::path::Path;

const JOURNAL: &str = "verzuim-journal";

/// A committed change, with warnings about steps after the commit.
pub struct Done {
    pub commit: git2::Oid,
    pub warnings: Vec<String>,
}

/// Writes `changes` to disk and commits them with `message`, all or nothing.
pub fn apply(
    repo: &Repository,
    root: &Path,
    changes: &[Change],
    message: &str,
    author: &Signature,
) -> Result<Done> {
    let paths: Vec<&str> = changes.iter().map(|c| c.path).collect();
    journal_begin(repo, &paths).map_err(nothing_changed)?;
    // The files are synced with the commit's objects, before its ref.
    let written: Vec<std::path::PathBuf> = changes
        .iter()
        .filter(|c| c.content.is_some())
        .map(|c| root.join(c.path))
        .collect();
    let committed = write_files(root, changes)
        .and_then(|()| git::commit_checked_syncing(repo, changes, message, author, &written));
    match committed {
        Ok(c) => {
            let mut warnings: Vec<String> = c.warning.into_iter().collect();
            // After the commit a left journal only makes the next start
            // restore what HEAD already holds: harmless, so a warning.
            if let Err(e) = journal_end(repo) {
                warnings.push(e.to_string());
            }
            Ok(Done {
                commit: c.id,
                warnings,
            })
        }
        Err(e) => match roll_back(repo, root, &paths).and_then(|_| journal_end(repo)) {
            Ok(()) => Err(nothing_changed(e)),
            Err(undo) => Err(StoreError::Repo(format!(
                "{e}; {} ({undo})",
                t(
                    "niet vastgelegd; de bestanden worden bij de volgende start teruggezet",
                    "not committed; the files are put back at the next start"
                )
            ))),
        },
    }
}

fn write_files(root: &Path, changes: &[Change]) -> Result<()> {
    let one = |c: &Change| -> Result<()> {
        let full = root.join(c.path);
        match c.content {
            Some(bytes) => {
                if let Some(dir) = full.parent() {
                    atomic::create_private_dir(dir)?;
                }
                atomic::write_unsynced(&full, bytes)
            }
            None => remove(&full),
        }
    };
    if changes.len() < 8 {
        return changes.iter().try_for_each(one);
    }
    // Many files (an import): side by side, since each waits on its own
    // fsync. The journal already names them all, so a failure of any one
    // restores every one.
    use rayon::prelude::*;
    changes.par_iter().try_for_each(one)
}

fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::io(path)(e)),
        _ => Ok(()),
    }
}

/// An error of a write that was undone: says so, on one line.
pub fn nothing_changed(e: StoreError) -> StoreError {
    match e {
        StoreError::User(_) => e,
        e => StoreError::Repo(format!(
            "{e}; {}",
            t("er is niets gewijzigd", "nothing was changed")
        )),
    }
}

fn journal_path(repo: &Repository) -> std::path::PathBuf {
    repo.path().join(JOURNAL)
}

/// Names the files a write is about to change, durably, before any of
/// them is touched.
pub fn journal_begin(repo: &Repository, paths: &[&str]) -> Result<()> {
    let path = journal_path(repo);
    // Written in place rather than renamed into place, so the file and its
    // folder are synced side by side (one journal commit, not two in a
    // row). A crash while writing leaves part of the list, before any file
    // on it was touched: restoring those files from HEAD changes nothing.
    let write = || -> std::io::Result<()> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&path)?;
        super::fail::point("write").and_then(|()| f.write_all(paths.join("\n").as_bytes()))?;
        super::fail::point("fsync")?;
        git::sync_all(&[path.clone(), repo.path().to_path_buf()])
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&path);
        StoreError::io(&path)(e)
    })
}

/// Removes the journal. Not synced: the commit and its files already are,
/// and a journal a crash brings back only restores what HEAD holds.
pub fn journal_end(repo: &Repository) -> Result<()> {
    remove(&journal_path(repo))
}

/// The files an interrupted write named, put back as HEAD has them (a file
/// HEAD does not have is removed); returns those that differed. Nothing
/// to do without a journal.
pub fn recover_journal(repo: &Repository, root: &Path) -> Result<Vec<String>> {
    let journal = match std::fs::read(journal_path(repo)) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(journal_path(repo))(e)),
    };
    let paths: Vec<&str> = journal.lines().filter(|l| !l.is_empty()).collect();
    let undone = roll_back(repo, root, &paths)?;
    reset_index(repo, root, &paths)?;
    // A crash between a temp file and its rename leaves the temp file (it
    // holds names and notes); under the repository lock every one is stale.
    for dir in paths
        .iter()
        .filter_map(|p| root.join(p).parent().map(Path::to_path_buf))
    {
        atomic::remove_stale_temps(&dir, atomic::TEMP_PREFIX, true);
    }
    journal_end(repo)?;
    Ok(undone)
}

/// Index entries of `paths` as the files now are (HEAD's, after
/// [`roll_back`]): a sync interrupted between its index update and its
/// branch move leaves the index ahead. A lock held by a live git process
/// leaves the index for the next write.
fn reset_index(repo: &Repository, root: &Path, paths: &[&str]) -> Result<()> {
    let present: Vec<(&str, bool)> = paths
        .iter()
        .filter(|p| safe_rel(p))
        .map(|p| (*p, root.join(p).is_file()))
        .collect();
    let changes: Vec<Change> = present
        .iter()
        .map(|(p, on_disk)| Change {
            path: p,
            content: on_disk.then_some(&[][..]),
        })
        .collect();
    match git::sync_index(repo, &changes) {
        Err(StoreError::IndexLocked(_)) => Ok(()),
        other => other,
    }
}

/// Restores `paths` from HEAD; returns those that differed.
fn roll_back(repo: &Repository, root: &Path, paths: &[&str]) -> Result<Vec<String>> {
    let head = match repo.head() {
        Ok(h) => Some(h.peel_to_tree()?),
        Err(_) => None,
    };
    let mut undone = Vec::new();
    let mut restored = git::Pending::default();
    for p in paths {
        let full = root.join(p);
        if !safe_rel(p) {
            continue;
        }
        let blob = head
            .as_ref()
            .and_then(|t| t.get_path(Path::new(p)).ok())
            .map(|e| repo.find_blob(e.id()))
            .transpose()?;
        let on_disk = std::fs::read(&full).ok();
        match (blob, on_disk) {
            (Some(b), disk) if disk.as_deref() != Some(b.content()) => {
                atomic::write_unsynced(&full, b.content())?;
                restored.file(&full);
                undone.push(p.to_string());
            }
            (None, Some(_)) => {
                remove(&full)?;
                undone.push(p.to_string());
            }
            _ => {}
        }
    }
    // Synced before the journal goes, all side by side.
    restored.sync().map_err(StoreError::io(root.join(".git")))?;
    Ok(undone)
}

/// A journal line is a relative path inside the repository (a damaged
/// journal must never make us write elsewhere).
fn safe_rel(p: &str) -> bool {
    !p.starts_with('/')
        && !p
            .split('/')
            .any(|c| c == ".." || c.is_empty() || c == ".git")
}

#[cfg(test)]
#[path = "txn_tests.rs"]
mod tests;
