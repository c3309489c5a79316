//! `sync`: commit what is pending, fetch, merge by meaning, push; a
//! rejected push (the remote moved) fetches and merges again, a bounded
//! number of times. Case files changed on both sides are merged as parsed
//! cases (see `domain::merge`); real conflicts keep the local value and a
//! merge record in `conflicts/`. Conflict markers are never written.

use super::case_file::{self, CaseDoc};
use super::git::{self, Change};
use super::load::CASES_DIR;
use super::repo::{CaseRepo, Session};
use super::transport::{self, Push};
use super::{Result, StoreError, atomic, conflicts};
use crate::domain::case::Case;
use crate::domain::merge;
use crate::i18n::t;
use git2::{Oid, Repository, Tree};
use std::path::Path;

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
}

/// The changes one merge makes to the local tree.
#[derive(Default)]
struct Merge {
    files: Vec<(String, Option<Vec<u8>>)>,
    cases: usize,
    events: usize,
    conflicts: usize,
    kept_both: Vec<String>,
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

    pub fn sync(&self, remote: Option<&str>) -> Result<SyncReport> {
        let s = self.begin(&[])?;
        let branch = current_branch(&s.git)?;
        let remote = self.remote_name(&s.git, remote)?;
        let mut report = SyncReport {
            remote: remote.clone(),
            ..Default::default()
        };
        for _ in 0..ATTEMPTS {
            transport::fetch(&s.git, &self.root, &remote, &branch)?;
            let theirs = s
                .git
                .refname_to_id(&format!("refs/remotes/{remote}/{branch}"))
                .ok();
            if let Some(theirs) = theirs {
                let m = self.merge_remote(&s, theirs, &format!("{remote}/{branch}"))?;
                report.cases_in += m.cases;
                report.events_in += m.events;
                report.conflicts += m.conflicts;
                report.kept_both.extend(m.kept_both);
            }
            report.commits_out = ahead(&s.git, theirs)?;
            if report.commits_out == 0 {
                return Ok(report);
            }
            if transport::push(&s.git, &self.root, &remote, &branch)? == Push::Done {
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
    /// fast-forward, or a merge commit with both parents.
    fn merge_remote(&self, s: &Session, theirs: Oid, label: &str) -> Result<Merge> {
        let repo = &s.git;
        let ours = repo.head()?.peel_to_commit()?.id();
        if ours == theirs || repo.graph_descendant_of(ours, theirs)? {
            return Ok(Merge::default());
        }
        let their_tree = repo.find_commit(theirs)?.tree()?;
        let our_tree = repo.find_commit(ours)?.tree()?;
        if repo.graph_descendant_of(theirs, ours)? {
            let m = take_theirs(repo, &our_tree, &their_tree)?;
            self.write_worktree(&m.files)?;
            repo.head()?
                .resolve()?
                .set_target(theirs, &format!("sync: fast-forward to {label}"))?;
            let changes = as_changes(&m.files);
            git::sync_index(repo, &changes)?;
            return Ok(m);
        }
        let base = repo.merge_base(ours, theirs).map_err(|_| {
            StoreError::Sync(
                t(
                    "de remote heeft een andere geschiedenis: het is een andere case-map",
                    "the remote has an unrelated history: it is a different case repository",
                )
                .into(),
            )
        })?;
        let base_tree = repo.find_commit(base)?.tree()?;
        let m = merge_trees(repo, &self.root, &base_tree, &our_tree, &their_tree)?;
        self.write_worktree(&m.files)?;
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
        Ok(())
    }
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
                "HEAD staat los van een branch (detached HEAD); ga terug met `git checkout main` en probeer opnieuw",
                "HEAD is detached from any branch; go back with `git checkout main` and try again",
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

fn blob_at(tree: &Tree, path: &str) -> Option<Oid> {
    tree.get_path(Path::new(path)).ok().map(|e| e.id())
}

fn content(repo: &Repository, id: Option<Oid>) -> Result<Option<Vec<u8>>> {
    Ok(match id {
        Some(id) => Some(repo.find_blob(id)?.content().to_vec()),
        None => None,
    })
}

/// Every file path that differs between two trees.
fn changed_paths(repo: &Repository, a: &Tree, b: &Tree) -> Result<Vec<String>> {
    let diff = repo.diff_tree_to_tree(Some(a), Some(b), None)?;
    Ok(diff
        .deltas()
        .filter_map(|d| {
            d.new_file()
                .path()
                .or(d.old_file().path())
                .map(|p| p.to_string_lossy().into_owned())
        })
        .collect())
}

fn case_id_of(path: &str) -> Option<&str> {
    path.strip_prefix(&format!("{CASES_DIR}/"))?
        .strip_suffix(".toml")
}

fn parse_case(repo: &Repository, id: Option<Oid>, path: &str) -> Result<Option<Case>> {
    let Some(bytes) = content(repo, id)? else {
        return Ok(None);
    };
    let stem = case_id_of(path).unwrap_or("");
    let text = String::from_utf8_lossy(&bytes);
    Ok(case_file::parse(path, stem, &text).ok())
}

/// Counts what a remote version of a case brings that the local one lacks.
fn count_case(
    repo: &Repository,
    path: &str,
    ours: Option<Oid>,
    theirs: Option<Oid>,
    m: &mut Merge,
) -> Result<()> {
    if case_id_of(path).is_none() {
        return Ok(());
    }
    m.cases += 1;
    if let Some(t) = parse_case(repo, theirs, path)? {
        let local = parse_case(repo, ours, path)?;
        m.events += t
            .events
            .keys()
            .filter(|k| local.as_ref().is_none_or(|l| !l.events.contains_key(*k)))
            .count();
    }
    Ok(())
}

/// A fast-forward: every path as the remote has it.
fn take_theirs(repo: &Repository, ours: &Tree, theirs: &Tree) -> Result<Merge> {
    let mut m = Merge::default();
    for path in changed_paths(repo, ours, theirs)? {
        let (o, t) = (blob_at(ours, &path), blob_at(theirs, &path));
        count_case(repo, &path, o, t, &mut m)?;
        m.files.push((path, content(repo, t)?));
    }
    Ok(m)
}

/// The three-way merge of two trees, as changes to the local tree.
fn merge_trees(
    repo: &Repository,
    root: &Path,
    base: &Tree,
    ours: &Tree,
    theirs: &Tree,
) -> Result<Merge> {
    let mut m = Merge::default();
    for path in changed_paths(repo, base, theirs)? {
        let (b, o, t) = (
            blob_at(base, &path),
            blob_at(ours, &path),
            blob_at(theirs, &path),
        );
        if o == t {
            continue;
        }
        if o == b {
            // Changed on their side only.
            count_case(repo, &path, o, t, &mut m)?;
            m.files.push((path, content(repo, t)?));
            continue;
        }
        if let Some(id) = case_id_of(&path)
            && merge_case_file(repo, root, &path, id, (b, o, t), &mut m)?
        {
            continue;
        }
        keep_both(repo, &path, o, t, &mut m)?;
    }
    Ok(m)
}

/// Merges one case changed on both sides; false when a side does not parse.
fn merge_case_file(
    repo: &Repository,
    root: &Path,
    path: &str,
    id: &str,
    (b, o, t): (Option<Oid>, Option<Oid>, Option<Oid>),
    m: &mut Merge,
) -> Result<bool> {
    let base = parse_case(repo, b, path)?;
    let (ours, theirs) = match (o, t) {
        // Deleted on one side, changed on the other: nothing is lost.
        (None, Some(_)) => {
            m.files.push((path.to_string(), content(repo, t)?));
            return Ok(true);
        }
        (Some(_), None) => return Ok(true),
        _ => (parse_case(repo, o, path)?, parse_case(repo, t, path)?),
    };
    let (Some(ours), Some(theirs)) = (ours, theirs) else {
        return Ok(false);
    };
    let merged = merge::merge_case(base.as_ref(), &ours, &theirs);
    let our_text = String::from_utf8_lossy(&content(repo, o)?.unwrap_or_default()).into_owned();
    let mut doc = CaseDoc::parse(&our_text).map_err(StoreError::Repo)?;
    doc.apply(&ours, &merged.case).map_err(StoreError::Repo)?;
    m.cases += 1;
    m.events += merged.events_added;
    m.files
        .push((path.to_string(), Some(doc.to_string().into_bytes())));
    if !merged.conflicts.is_empty() {
        m.conflicts += merged.conflicts.len();
        let all = conflicts::combine(conflicts::read(root, id)?, merged.conflicts);
        m.files.push((
            conflicts::rel_path(id),
            conflicts::render(id, &all).map(String::into_bytes),
        ));
    }
    Ok(true)
}

/// Keeps the local file and the remote version beside it, and says so.
/// A file deleted on one side and changed on the other keeps the change.
fn keep_both(
    repo: &Repository,
    path: &str,
    o: Option<Oid>,
    t: Option<Oid>,
    m: &mut Merge,
) -> Result<()> {
    match (o, t) {
        (_, None) => {}
        (None, Some(_)) => m.files.push((path.to_string(), content(repo, t)?)),
        (Some(_), Some(_)) => {
            let aside = format!("{path}.remote");
            m.files.push((aside.clone(), content(repo, t)?));
            m.kept_both.push(aside);
        }
    }
    Ok(())
}
