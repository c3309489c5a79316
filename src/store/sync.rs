//! `sync`: commit what is pending, fetch (without the case lock, so
//! writes on this machine never wait on the network), then under the lock
//! check every incoming path and merge by meaning, then push (again
//! without the lock); a rejected push (the remote moved) fetches and
//! merges again, a bounded number of times. Conflict markers are never
//! written; the remote never gets a second case branch from us.

use super::branches::join_ref;
use super::git::{self, Change};
use super::load::CASES_DIR;
use super::repo::{CaseRepo, Session};
use super::transport::{self, Push};
use super::treemerge::{self, Merge};
use super::{Result, StoreError, atomic, config, fail, incoming, txn};
use crate::i18n::t;
use git2::{Oid, Repository, Tree};

/// How often a rejected push is retried after merging again.
const ATTEMPTS: usize = 5;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct SyncReport {
    pub remote: String,
    /// Cases changed by what came in, and events added to them.
    pub cases_in: usize,
    pub events_in: usize,
    /// Local commits the remote did not have.
    pub commits_out: usize,
    pub conflicts: usize,
    /// Files changed on both sides that could not be merged: the local
    /// version stays, the remote one is kept beside it.
    pub kept_both: Vec<String>,
    /// Destructions carried to or from this clone (see `retention::remote`).
    pub purge: super::retention::remote::PurgeSync,
}

impl SyncReport {
    fn add(&mut self, m: Merge) {
        self.cases_in += m.cases;
        self.events_in += m.events;
        self.conflicts += m.conflicts;
        self.kept_both.extend(m.kept_both);
    }
}

impl CaseRepo {
    /// The remote to sync with: named, configured, else `origin`.
    fn remote_name(&self, git: &Repository, named: Option<&str>) -> Result<String> {
        let name = match named {
            Some(n) => n.to_string(),
            None => self
                .config()?
                .sync
                .and_then(|s| s.remote)
                .unwrap_or_else(|| "origin".into()),
        };
        if git.find_remote(&name).is_err() {
            return Err(StoreError::User(format!(
                "{} `{name}`: {} `git -C {} remote add {name} URL`",
                t("geen remote", "no remote"),
                t("voeg er een toe met", "add one with"),
                self.root.display()
            )));
        }
        Ok(name)
    }

    /// Syncs with `remote` (else the configured one, else `origin`);
    /// `join` names another case branch of the remote to merge in.
    pub fn sync(&self, remote: Option<&str>, join: Option<&str>) -> Result<SyncReport> {
        let (branch, remote) = {
            let s = self.begin(&[])?;
            stop_on_problems(&s)?;
            (current_branch(&s.git)?, self.remote_name(&s.git, remote)?)
        };
        let mut report = SyncReport {
            remote: remote.clone(),
            ..Default::default()
        };
        if self.push_pending_purge(&remote, &branch)? {
            report.purge.pushed(&self.git()?);
        }
        for _ in 0..ATTEMPTS {
            transport::fetch(&self.git()?, &self.root, &remote)?;
            let (purged, lease) = self.purge_on_sync(&remote, &branch)?;
            report.purge.absorb(purged);
            let s = self.begin(&[])?;
            stop_on_problems(&s)?;
            let theirs = self.their_branch(&s.git, &remote, &branch, join)?;
            for (oid, label) in theirs.iter().chain(join_ref(&s.git, &remote, join)?.iter()) {
                incoming::check_commit(&s.git, *oid)?;
                report.add(self.merge_remote(&s, *oid, label)?);
            }
            let their_tip = theirs.as_ref().map(|(o, _)| *o);
            report.commits_out = ahead(&s.git, their_tip)?;
            drop(s);
            if report.commits_out == 0 && lease.is_none() {
                return Ok(report);
            }
            if self.push_after_purge(&remote, &branch, lease)? == Push::Done {
                return Ok(report);
            }
        }
        Err(StoreError::Sync(format!(
            "{} {ATTEMPTS} {}",
            t(
                "de remote bleef veranderen; geprobeerd:",
                "the remote kept changing; tried"
            ),
            t(
                "keer. Je werk staat lokaal vastgelegd; probeer later opnieuw",
                "times. Your work is committed locally; try again later"
            )
        )))
    }

    /// Brings the remote's commit into the local branch: nothing, a
    /// fast-forward, or a merge commit with both parents. Histories that
    /// share no commit (two `init`s) merge from an empty base when both
    /// are case repositories.
    pub(crate) fn merge_remote(&self, s: &Session, theirs: Oid, label: &str) -> Result<Merge> {
        let repo = &s.git;
        let ours = match repo.head().and_then(|h| h.peel_to_commit()) {
            Ok(c) => c.id(),
            Err(_) => return Ok(Merge::default()),
        };
        if ours == theirs || repo.graph_descendant_of(ours, theirs)? {
            return Ok(Merge::default());
        }
        let their_tree = repo.find_commit(theirs)?.tree()?;
        let our_tree = repo.find_commit(ours)?.tree()?;
        if repo.graph_descendant_of(theirs, ours)? {
            return self.fast_forward(repo, &our_tree, &their_tree, theirs, label);
        }
        let base_tree = merge_base_tree(repo, ours, theirs, &our_tree, &their_tree)?;
        let m = treemerge::merge_trees(repo, &base_tree, &our_tree, &their_tree)?;
        // As in a fast-forward: a crash before the merge commit exists is undone at
        // the next start, and the next sync merges again.
        let paths: Vec<&str> = m.files.iter().map(|(p, _)| p.as_str()).collect();
        txn::journal_begin(repo, &paths)?;
        step("sync-files")?;
        self.write_worktree(&m.files)?;
        step("sync-commit")?;
        let changes = as_changes(&m.files);
        let conflicts = if m.conflicts > 0 {
            format!(", {} conflicts", m.conflicts)
        } else {
            String::new()
        };
        let message = format!(
            "sync: merge {label}: {} cases changed, {} events added{conflicts}",
            m.cases, m.events
        );
        git::commit_with_parents(repo, &changes, &message, &s.author, &[theirs])?;
        step("sync-end")?;
        txn::journal_end(repo)?;
        Ok(m)
    }

    /// Their commit descends from ours: the files, the index and the
    /// branch move to theirs, under a journal.
    fn fast_forward(
        &self,
        repo: &Repository,
        our_tree: &Tree,
        their_tree: &Tree,
        theirs: Oid,
        label: &str,
    ) -> Result<Merge> {
        let m = treemerge::take_theirs(repo, our_tree, their_tree)?;
        // The journal names every file first: a crash before the
        // branch moves puts files and index back as HEAD has them at
        // the next start (the next sync fast-forwards again); after
        // it, they already match HEAD. Nothing is lost either way:
        // the remote's commit stays in `refs/remotes`.
        let paths: Vec<&str> = m.files.iter().map(|(p, _)| p.as_str()).collect();
        txn::journal_begin(repo, &paths)?;
        step("sync-files")?;
        self.write_worktree(&m.files)?;
        step("sync-index")?;
        git::sync_index(repo, &as_changes(&m.files))?;
        step("sync-ref")?;
        repo.head()?
            .resolve()?
            .set_target(theirs, &format!("sync: fast-forward to {label}"))?;
        step("sync-end")?;
        txn::journal_end(repo)?;
        Ok(m)
    }

    fn write_worktree(&self, files: &[(String, Option<Vec<u8>>)]) -> Result<()> {
        for (path, content) in files {
            let full = self.root.join(path);
            match content {
                Some(bytes) => {
                    if let Some(dir) = full.parent() {
                        atomic::create_private_dir(dir)?;
                    }
                    atomic::write(&full, bytes)?;
                }
                None if full.exists() => {
                    std::fs::remove_file(&full).map_err(StoreError::io(&full))?
                }
                None => {}
            }
        }
        // Git does not keep empty folders; a case repository always has one.
        atomic::create_private_dir(&self.root.join(CASES_DIR))
    }
}

/// A failpoint of the sync's write steps (tests only; see `fail`).
fn step(name: &str) -> Result<()> {
    fail::point(name).map_err(StoreError::io(".git"))
}

fn as_changes(files: &[(String, Option<Vec<u8>>)]) -> Vec<Change<'_>> {
    files
        .iter()
        .map(|(p, c)| Change {
            path: p,
            content: c.as_deref(),
        })
        .collect()
}

fn current_branch(repo: &Repository) -> Result<String> {
    let head = repo.head()?;
    if !head.is_branch() {
        return Err(StoreError::Repo(
            t(
                "HEAD staat los van een branch (detached HEAD); ga terug met `git checkout BRANCH` (`git branch` toont ze) en probeer opnieuw",
                "HEAD is detached from any branch; go back with `git checkout BRANCH` (`git branch` lists them) and try again",
            )
            .into(),
        ));
    }
    Ok(head.shorthand().unwrap_or("main").to_string())
}

/// Local commits not in `theirs`.
fn ahead(repo: &Repository, theirs: Option<Oid>) -> Result<usize> {
    let mut walk = repo.revwalk()?;
    walk.push_head()?;
    if let Some(t) = theirs {
        walk.hide(t)?;
    }
    Ok(walk.count())
}

fn is_case_tree(tree: &git2::Tree) -> bool {
    tree.get_name(config::FILE).is_some()
}

/// Changes a person made by hand that do not parse stop the sync before
/// anything is merged: merging over them would lose them.
fn stop_on_problems(s: &Session) -> Result<()> {
    if s.recovered.problems.is_empty() {
        return Ok(());
    }
    Err(StoreError::User(format!(
        "{}\n  {}\n{}",
        t(
            "niet gesynchroniseerd: niet-vastgelegde wijzigingen die niet kloppen",
            "not synced: uncommitted changes that do not parse"
        ),
        s.recovered.problems.join("\n  "),
        t(
            "Herstel het bestand (regel en kolom hierboven) en sync opnieuw; er is niets samengevoegd of overschreven.",
            "Fix the file (line and column above) and sync again; nothing was merged or overwritten."
        )
    )))
}

/// The tree both sides started from; for two unrelated case repositories
/// (two `init`s), the empty tree.
fn merge_base_tree<'r>(
    repo: &'r Repository,
    ours: Oid,
    theirs: Oid,
    our_tree: &Tree,
    their_tree: &Tree,
) -> Result<Tree<'r>> {
    match repo.merge_base(ours, theirs) {
        Ok(base) => Ok(repo.find_commit(base)?.tree()?),
        Err(_) if is_case_tree(our_tree) && is_case_tree(their_tree) => {
            Ok(repo.find_tree(repo.treebuilder(None)?.write()?)?)
        }
        Err(_) => Err(StoreError::Sync(
            t(
                "de remote heeft een andere geschiedenis en is geen case-map",
                "the remote has an unrelated history and is not a case repository",
            )
            .into(),
        )),
    }
}

#[cfg(test)]
#[path = "sync_fault_tests.rs"]
mod fault_tests;
