//! The merge of two trees by meaning, as changes to the local tree: a
//! fast-forward takes the remote's files; a three-way merge takes what
//! changed on one side, merges cases changed on both sides as parsed cases
//! (see `domain::merge`) and records real conflicts in `conflicts/`.

use super::case_file::{self, CaseDoc};
use super::filemerge;
use super::load::{CALENDAR_DIR, CASES_DIR, PROTOCOLS_DIR};
use super::{Result, StoreError, conflicts};
use crate::domain::case::Case;
use crate::domain::merge::{self, Conflict};
use git2::{Oid, Repository, Tree};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The changes one merge makes to the local tree.
#[derive(Default)]
pub struct Merge {
    pub files: Vec<(String, Option<Vec<u8>>)>,
    pub cases: usize,
    pub events: usize,
    pub conflicts: usize,
    pub kept_both: Vec<String>,
    /// Conflicts this merge found, by case id (recorded at the end).
    new_conflicts: BTreeMap<String, Vec<Conflict>>,
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
pub fn merge_trees(repo: &Repository, base: &Tree, ours: &Tree, theirs: &Tree) -> Result<Merge> {
    let mut m = Merge::default();
    let mut records: BTreeSet<String> = BTreeSet::new();
    for path in changed_paths(repo, base, theirs)? {
        // Merge records are merged after the cases, field by field.
        if let Some(id) = path
            .strip_prefix(&format!("{}/", conflicts::DIR))
            .and_then(|p| p.strip_suffix(".toml"))
        {
            records.insert(id.to_string());
            continue;
        }
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
            && merge_case_file(repo, &path, id, (b, o, t), &mut m)?
        {
            continue;
        }
        if let Some(text) = merge_rules(repo, &path, (b, o, t))? {
            m.files.push((path, Some(text.into_bytes())));
            continue;
        }
        keep_both(repo, &path, o, t, &mut m)?;
    }
    records.extend(m.new_conflicts.keys().cloned());
    for id in records {
        merge_record(repo, (base, ours, theirs), &id, &mut m)?;
    }
    Ok(m)
}

/// A protocol, calendar or compartments file changed on both sides, merged
/// rule by rule (compartments by top-level key), or a retention record,
/// merged as both sides' entries (`None`: a rule conflicts, or it is not
/// such a file).
fn merge_rules(
    repo: &Repository,
    path: &str,
    (b, o, t): (Option<Oid>, Option<Oid>, Option<Oid>),
) -> Result<Option<String>> {
    let text = |id| -> Result<String> {
        Ok(String::from_utf8_lossy(&content(repo, id)?.unwrap_or_default()).into_owned())
    };
    // Two clones' destruction records: both kept (see `retention::files`).
    if o.is_some() && t.is_some() {
        let joined = super::retention::files::merge_union(path, &text(o)?, &text(t)?);
        if joined.is_some() {
            return Ok(joined);
        }
    }
    let ruled = [PROTOCOLS_DIR, CALENDAR_DIR]
        .iter()
        .any(|d| path.starts_with(&format!("{d}/")))
        || path == crate::domain::compartments::FILE;
    if !ruled || !path.ends_with(".toml") || o.is_none() || t.is_none() {
        return Ok(None);
    }
    Ok(filemerge::merge(&text(b)?, &text(o)?, &text(t)?))
}

fn read_record(repo: &Repository, tree: &Tree, rel: &str) -> Result<Vec<Conflict>> {
    match content(repo, blob_at(tree, rel))? {
        Some(bytes) => conflicts::parse(rel, &String::from_utf8_lossy(&bytes)),
        None => Ok(Vec::new()),
    }
}

/// One case's merge record from both sides and this merge's new conflicts:
/// `local` is this machine's value after the merge, and every value any
/// side showed is kept (a third machine's edit included).
fn merge_record(
    repo: &Repository,
    (base, ours, theirs): (&Tree, &Tree, &Tree),
    id: &str,
    m: &mut Merge,
) -> Result<()> {
    let rel = conflicts::rel_path(id);
    let case_rel = format!("{CASES_DIR}/{id}.toml");
    let [b, o, t] = [base, ours, theirs].map(|tree| read_record(repo, tree, &rel));
    let (b, o, t) = (b?, o?, t?);
    let new = m.new_conflicts.remove(id).unwrap_or_default();
    let merged_case = m.files.iter().rev().find(|(p, _)| *p == case_rel);
    let case = match merged_case {
        Some((_, Some(bytes))) => {
            case_file::parse(&case_rel, id, &String::from_utf8_lossy(bytes)).ok()
        }
        Some((_, None)) => None,
        None => parse_case(repo, blob_at(ours, &case_rel), &case_rel)?,
    };
    let fields: BTreeSet<&str> = [&b, &o, &t, &new]
        .iter()
        .flat_map(|l| l.iter().map(|c| c.field.as_str()))
        .collect();
    let find = |l: &[Conflict], f: &str| l.iter().find(|c| c.field == f).cloned();
    let mut out = Vec::new();
    for f in fields {
        let local = case.as_ref().and_then(|c| merge::field_text(c, f));
        let (bc, oc, tc, nc) = (find(&b, f), find(&o, f), find(&t, f), find(&new, f));
        if let Some(c) =
            merge::merge_records(bc.as_ref(), oc.as_ref(), tc.as_ref(), nc.as_ref(), local)
        {
            out.push(c);
        }
    }
    if out != o {
        m.files
            .push((rel, conflicts::render(id, &out).map(String::into_bytes)));
    }
    Ok(())
}

/// Merges one case changed on both sides; false when a side does not parse.
fn merge_case_file(
    repo: &Repository,
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
        m.new_conflicts.insert(id.to_string(), merged.conflicts);
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
