//! Writing a tree with one entry changed by splicing the parent tree's raw
//! bytes. libgit2's tree builder parses, hashes and re-sorts every entry; a
//! `cases/` folder of 10,000 files made that the slowest part of a commit.
//! A git tree is a sorted list of `<mode> <name>\0<20-byte id>` records, so
//! one record can be replaced, inserted or removed in place. The tree is
//! written at zlib level 1 (git's `core.looseCompression = 1`): the
//! `cases/` tree is rewritten on every commit and is large, and
//! default-level deflate of it cost more than the rest of a commit.

use super::objects::{Pending, write_loose};
use flate2::Compression;
use git2::{ObjectType, Oid, Repository};
use std::cmp::Ordering;

pub const BLOB: u32 = 0o100644;
pub const TREE: u32 = 0o40000;

struct Record<'a> {
    start: usize,
    end: usize,
    mode: &'a [u8],
    name: &'a [u8],
}

fn records(data: &[u8]) -> Option<Vec<Record<'_>>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let space = i + data[i..].iter().position(|&b| b == b' ')?;
        let nul = space + data[space..].iter().position(|&b| b == 0)?;
        let end = nul + 1 + 20;
        if end > data.len() {
            return None;
        }
        out.push(Record {
            start: i,
            end,
            mode: &data[i..space],
            name: &data[space + 1..nul],
        });
        i = end;
    }
    Some(out)
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

/// The tree `base` (or an empty one) with `name` set to `entry` (or removed);
/// `None` when the result is empty.
pub fn with_entry(
    repo: &Repository,
    base: Option<Oid>,
    name: &str,
    entry: Option<(u32, Oid)>,
    pending: &mut Pending,
) -> Result<Option<Oid>, git2::Error> {
    let odb = repo.odb()?;
    let object = base.map(|b| odb.read(b)).transpose()?;
    let data: &[u8] = object.as_ref().map_or(&[], |o| o.data());
    let parsed = records(data).ok_or_else(|| git2::Error::from_str("malformed tree object"))?;
    let is_tree = |mode: u32| mode == TREE;
    let new_tree = entry.is_some_and(|(m, _)| is_tree(m));
    // Where the name goes: the first record not ordered before it.
    let pos = parsed.partition_point(|r| {
        git_order(r.name, r.mode == b"40000", name.as_bytes(), new_tree) == Ordering::Less
    });
    let same = parsed.get(pos).filter(|r| r.name == name.as_bytes());
    let (cut_start, cut_end) = match same {
        Some(r) => (r.start, r.end),
        None => {
            let at = parsed.get(pos).map_or(data.len(), |r| r.start);
            (at, at)
        }
    };
    let mut out = Vec::with_capacity(data.len() + name.len() + 32);
    out.extend_from_slice(&data[..cut_start]);
    if let Some((mode, oid)) = entry {
        out.extend_from_slice(format!("{mode:o} {name}\0").as_bytes());
        out.extend_from_slice(oid.as_bytes());
    }
    out.extend_from_slice(&data[cut_end..]);
    if out.is_empty() {
        return Ok(None);
    }
    write_loose(repo, ObjectType::Tree, &out, Compression::fast(), pending).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The splice must produce exactly the tree libgit2's builder produces.
    #[test]
    fn splice_matches_libgit2_treebuilder() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let blob = repo.blob(b"x").unwrap();
        let other = repo.blob(b"y").unwrap();
        let sub = {
            let mut tb = repo.treebuilder(None).unwrap();
            tb.insert("f", blob, 0o100644).unwrap();
            tb.write().unwrap()
        };
        let names = ["b.toml", "a", "a.b", "a-b", "ab", "c", "zz"];
        let mut ours: Option<Oid> = None;
        let p = &mut Pending::default();
        let mut theirs = repo.treebuilder(None).unwrap();
        for (i, n) in names.iter().enumerate() {
            let (mode, id) = if i % 3 == 1 {
                (TREE, sub)
            } else {
                (BLOB, blob)
            };
            ours = with_entry(&repo, ours, n, Some((mode, id)), p).unwrap();
            theirs.insert(n, id, mode as i32).unwrap();
            assert_eq!(ours, Some(theirs.write().unwrap()), "after inserting {n}");
        }
        ours = with_entry(&repo, ours, "ab", Some((BLOB, other)), p).unwrap();
        theirs.insert("ab", other, 0o100644).unwrap();
        assert_eq!(ours, Some(theirs.write().unwrap()), "replace");
        ours = with_entry(&repo, ours, "a.b", None, p).unwrap();
        theirs.remove("a.b").unwrap();
        assert_eq!(ours, Some(theirs.write().unwrap()), "remove");
        assert_eq!(with_entry(&repo, None, "x", None, p).unwrap(), None);
    }
}
