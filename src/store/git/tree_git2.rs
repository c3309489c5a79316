//! MEASUREMENT ONLY (issue 12 point 5): the commit's trees written by
//! git2's `TreeUpdateBuilder` (libgit2's `git_tree_create_updated`) and its
//! blobs by libgit2's object database, chosen with
//! `VERZUIM_TREE_WRITER=libgit2`, to compare with the splice writer;
//! `VERZUIM_TREE_WRITER=splice` is the splice writer without the tree cache.

use super::Change;
use super::objects::{Pending, without_libgit2_fsync};
use git2::build::TreeUpdateBuilder;
use git2::{FileMode, Oid, Repository};

pub fn chosen() -> bool {
    std::env::var_os("VERZUIM_TREE_WRITER").is_some_and(|v| v == "libgit2")
}

pub fn no_cache() -> bool {
    std::env::var_os("VERZUIM_TREE_WRITER").is_some_and(|v| !v.is_empty())
}

fn object(repo: &Repository, pending: &mut Pending, id: Oid) {
    let hex = id.to_string();
    pending.file(&repo.path().join("objects").join(&hex[..2]).join(&hex[2..]));
}

/// The commit's root tree: `base` with `changes`.
pub fn write(
    repo: &Repository,
    base: Option<Oid>,
    changes: &[Change],
    pending: &mut Pending,
) -> Result<Option<Oid>, git2::Error> {
    without_libgit2_fsync(|| {
        let mut updates = TreeUpdateBuilder::new();
        let mut folders = std::collections::BTreeSet::new();
        for c in changes {
            match c.content {
                Some(bytes) => {
                    let id = repo.blob(bytes)?;
                    object(repo, pending, id);
                    updates.upsert(c.path, id, FileMode::Blob);
                }
                None => {
                    updates.remove(c.path);
                }
            }
            let mut p = c.path;
            while let Some((folder, _)) = p.rsplit_once('/') {
                folders.insert(folder);
                p = folder;
            }
        }
        let base = match base {
            Some(t) => repo.find_tree(t)?,
            None => repo.find_tree(repo.treebuilder(None)?.write()?)?,
        };
        let id = updates.create_updated(repo, &base)?;
        object(repo, pending, id);
        let tree = repo.find_tree(id)?;
        for f in folders {
            if let Ok(e) = tree.get_path(std::path::Path::new(f)) {
                object(repo, pending, e.id());
            }
        }
        Ok(Some(id))
    })
}
