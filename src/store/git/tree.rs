//! Writing a tree with one entry changed by splicing the parent tree's raw
//! bytes. libgit2's tree builder parses, hashes and re-sorts every entry; a
//! `cases/` folder of 10,000 files made that the slowest part of a commit
//! (measured against git2's `TreeUpdateBuilder` in `docs/performance.md`).
//! A git tree is a sorted list of `<mode> <name>\0<20-byte id>` records, so
//! one record can be replaced, inserted or removed in place. The large
//! `cases/` tree is read from [`tree_cache`] when it holds the parent's
//! (checked by its id), else from git.

use super::objects::{Pending, write_loose};
use super::tree_cache::{self, Raw};
use flate2::Compression;
use git2::{ObjectType, Oid, Repository};
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

pub const BLOB: u32 = 0o100644;
pub const TREE: u32 = 0o40000;

struct Record<'a> {
    start: usize,
    end: usize,
    tree: bool,
    name: &'a [u8],
    id: &'a [u8],
}

/// The records of a raw tree, in order; `Err(())` at a malformed one.
fn records(data: &[u8]) -> impl Iterator<Item = Result<Record<'_>, ()>> {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= data.len() {
            return None;
        }
        let record = (|| {
            let space = i + data[i..].iter().position(|&b| b == b' ')?;
            let nul = space + data[space..].iter().position(|&b| b == 0)?;
            let end = nul + 1 + 20;
            (end <= data.len()).then(|| Record {
                start: i,
                end,
                tree: &data[i..space] == b"40000",
                name: &data[space + 1..nul],
                id: &data[nul + 1..end],
            })
        })();
        match record {
            Some(r) => {
                i = r.end;
                Some(Ok(r))
            }
            None => {
                i = data.len();
                Some(Err(()))
            }
        }
    })
}

fn malformed() -> git2::Error {
    git2::Error::from_str("malformed tree object")
}

/// Git's order: names compare bytewise, a tree as if its name ended in '/'.
fn git_order(a: &[u8], a_tree: bool, b: &[u8], b_tree: bool) -> Ordering {
    let n = a.len().min(b.len());
    match a[..n].cmp(&b[..n]) {
        Ordering::Equal => {
            let next =
                |s: &[u8], tree: bool| s.get(n).copied().or(if tree { Some(b'/') } else { None });
            next(a, a_tree).cmp(&next(b, b_tree))
        }
        other => other,
    }
}

/// The raw bytes of tree `id`: the cache's when it holds them, else git's
/// (inflated and checked by libgit2), kept for the next change if large.
pub fn raw(repo: &Repository, id: Oid) -> Result<Raw, git2::Error> {
    let cached = !super::tree_git2::no_cache();
    if cached && let Some(raw) = tree_cache::get(repo.path(), id) {
        return Ok(raw);
    }
    let odb = repo.odb()?;
    let object = odb.read(id)?;
    if object.kind() != ObjectType::Tree {
        return Err(malformed());
    }
    let raw = Arc::new(object.data().to_vec());
    if cached {
        tree_cache::remember(id, raw.clone());
    }
    Ok(raw)
}

/// The entry `name` of the raw tree `data`: whether it is a tree, its id.
pub fn find(data: &[u8], name: &str) -> Result<Option<(bool, Oid)>, git2::Error> {
    for r in records(data) {
        let r = r.map_err(|()| malformed())?;
        if r.name == name.as_bytes() {
            return Ok(Some((r.tree, Oid::from_bytes(r.id)?)));
        }
    }
    Ok(None)
}

/// The id of the blob or tree at `path` (`a/b/c`) under tree `root`.
pub fn entry_at(repo: &Repository, root: Oid, path: &str) -> Result<Option<Oid>, git2::Error> {
    let mut at = root;
    let mut parts = path.split('/').peekable();
    while let Some(part) = parts.next() {
        match find(&raw(repo, at)?, part)? {
            Some((_, id)) if parts.peek().is_none() => return Ok(Some(id)),
            Some((true, id)) => at = id,
            _ => return Ok(None),
        }
    }
    Ok(None)
}

/// An entry to set in a tree (mode and id) or to remove (`None`).
pub type Entry<'a> = (&'a str, Option<(u32, Oid)>);

/// `data` with every entry of `entries` set or removed (a later entry of
/// the same name wins), in one pass over the records.
pub fn splice(data: &[u8], entries: &[Entry]) -> Result<Vec<u8>, git2::Error> {
    let mut new: Vec<Entry> = Vec::with_capacity(entries.len());
    for e in entries.iter().rev() {
        if !new.iter().any(|n| n.0 == e.0) {
            new.push(*e);
        }
    }
    let is_tree = |e: &Entry| e.1.is_some_and(|(m, _)| m == TREE);
    new.sort_by(|a, b| git_order(a.0.as_bytes(), is_tree(a), b.0.as_bytes(), is_tree(b)));
    // Sorted bytewise, for a binary search per record (one or two names).
    let mut names: Vec<&[u8]> = new.iter().map(|e| e.0.as_bytes()).collect();
    names.sort_unstable();
    let mut out = Vec::with_capacity(data.len() + new.len() * 64);
    let mut next = new.iter().peekable();
    for r in records(data) {
        let r = r.map_err(|()| malformed())?;
        while let Some(e) = next
            .next_if(|e| git_order(e.0.as_bytes(), is_tree(e), r.name, r.tree) == Ordering::Less)
        {
            emit(&mut out, e);
        }
        // A record of a name being set or removed is left out.
        if names.binary_search(&r.name).is_err() {
            out.extend_from_slice(&data[r.start..r.end]);
        }
    }
    next.for_each(|e| emit(&mut out, e));
    Ok(out)
}

/// Trees of this size and more (the `cases/` tree from about 5,000 cases
/// on) are stored without compression.
const STORED_FROM: usize = 256 * 1024;

/// The zlib level of a tree object: level 1 (git's `core.looseCompression
/// = 1`), or stored from [`STORED_FROM`] on. The `cases/` tree is rewritten
/// by every commit and is mostly 20-byte ids that do not compress: level 1
/// took 15.5 ms CPU at 50,000 cases (2.4 MB to 1.9 MB, 28% of a whole
/// `add`), stored 0.2 ms for 25% more bytes; `git gc` packs both the same.
fn level(size: usize) -> Compression {
    if size >= STORED_FROM {
        Compression::none()
    } else {
        Compression::fast()
    }
}

/// Appends the record of `entry` (nothing for a removal).
fn emit(out: &mut Vec<u8>, (name, entry): &Entry) {
    if let Some((mode, oid)) = entry {
        out.extend_from_slice(format!("{mode:o} {name}\0").as_bytes());
        out.extend_from_slice(oid.as_bytes());
    }
}

/// The tree `base` (or an empty one) with `changes` (paths relative to it,
/// each a blob id or `None` to remove) applied, one pass per tree on the
/// way; `None` when the result is empty. The trees written join `written`.
pub fn update(
    repo: &Repository,
    base: Option<Oid>,
    changes: &[(&str, Option<Oid>)],
    pending: &mut Pending,
    written: &mut Vec<Oid>,
) -> Result<Option<Oid>, git2::Error> {
    let data = base.map(|b| raw(repo, b)).transpose()?;
    let data: &[u8] = data.as_deref().map_or(&[], |d| d);
    let mut entries: Vec<Entry> = Vec::new();
    let mut folders: BTreeMap<&str, Vec<(&str, Option<Oid>)>> = BTreeMap::new();
    for (path, blob) in changes {
        match path.split_once('/') {
            None => entries.push((path, blob.map(|b| (BLOB, b)))),
            Some((folder, rest)) => folders.entry(folder).or_default().push((rest, *blob)),
        }
    }
    for (folder, inside) in folders {
        let sub = find(data, folder)?.filter(|(t, _)| *t).map(|(_, id)| id);
        let new = update(repo, sub, &inside, pending, written)?;
        entries.push((folder, new.map(|t| (TREE, t))));
    }
    let out = splice(data, &entries)?;
    if out.is_empty() {
        return Ok(None);
    }
    let id = write_loose(repo, ObjectType::Tree, &out, level(out.len()), pending)?;
    if !super::tree_git2::no_cache() {
        tree_cache::remember(id, Arc::new(out));
    }
    written.push(id);
    Ok(Some(id))
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
