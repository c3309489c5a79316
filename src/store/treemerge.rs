//! The merge of two trees by meaning, as changes to the local tree: a
//! fast-forward takes the remote's files; a three-way merge takes what
//! changed on one side, merges cases changed on both sides as parsed cases
//! (see `domain::merge`) and records real conflicts in `conflicts/`.

use super::case_file::{self, CaseDoc};
use super::load::CASES_DIR;
use super::{Result, StoreError, conflicts};
use crate::domain::case::Case;
use crate::domain::merge;
use git2::{Oid, Repository, Tree};
use std::path::Path;

/// The changes one merge makes to the local tree.
#[derive(Default)]
pub struct Merge {
    pub files: Vec<(String, Option<Vec<u8>>)>,
    pub cases: usize,
    pub events: usize,
    pub conflicts: usize,
    pub kept_both: Vec<String>,
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
pub fn take_theirs(repo: &Repository, ours: &Tree, theirs: &Tree) -> Result<Merge> {
    let mut m = Merge::default();
    for path in changed_paths(repo, ours, theirs)? {
        let (o, t) = (blob_at(ours, &path), blob_at(theirs, &path));
        count_case(repo, &path, o, t, &mut m)?;
        m.files.push((path, content(repo, t)?));
    }
    Ok(m)
}

/// The three-way merge of two trees, as changes to the local tree.
pub fn merge_trees(
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
