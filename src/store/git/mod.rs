//! Git, in-process with git2: commits built from HEAD's tree plus exactly
//! the changed files (never "add everything"), the history of one file,
//! and reverts. Plain functions over a repository, like gitui's asyncgit.

mod format;
pub mod hash;
mod history;
mod index;
mod objects;
pub use history::{LogEntry, commit_diff, file_history, revert_changes};
pub use objects::{Pending, sync_all};
pub mod tls;
mod tree;
pub mod tree_cache;
mod tree_git2;

use super::config::Author;
use super::{Result, StoreError, fail};
use crate::i18n::t;
use git2::{ErrorCode, ObjectType, Oid, Repository, RepositoryInitOptions, Signature};
use std::path::Path;

/// A file to write into the next commit (`None` removes it).
pub struct Change<'a> {
    pub path: &'a str,
    pub content: Option<&'a [u8]>,
}

impl<'a> Change<'a> {
    /// Each file (path, content) written as it is.
    pub fn writes<T: AsRef<[u8]>>(files: &'a [(String, T)]) -> Vec<Change<'a>> {
        files
            .iter()
            .map(|(path, content)| Change {
                path,
                content: Some(content.as_ref()),
            })
            .collect()
    }
}

/// Makes libgit2 fsync objects, refs and the index before it renames them
/// into place, so a power cut never loses an acknowledged commit.
pub fn durable() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: a documented global option with one int argument, set
        // once before this process opens any repository.
        unsafe {
            libgit2_sys::git_libgit2_opts(
                libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as libc::c_int,
                1 as libc::c_int,
            );
        }
    });
}

/// Opens a repository with durable writes; refuses one whose object
/// format is not SHA-1 (see [`format`]).
pub fn open(dir: &Path) -> Result<Repository> {
    durable();
    match Repository::open(dir) {
        Ok(repo) => format::check(&repo).map(|()| repo),
        Err(e) => Err(format::explain(dir).unwrap_or(e.into())),
    }
}

pub fn init(dir: &Path) -> Result<Repository> {
    durable();
    if let Some(refused) = format::explain(dir) {
        return Err(refused);
    }
    let mut opts = RepositoryInitOptions::new();
    // The branch git would name (`init.defaultBranch`, else its default),
    // so `git clone` of a bare remote made by `git init --bare` works.
    opts.mkdir(true);
    Ok(Repository::init_opts(dir, &opts)?)
}

/// The commit author of a repository (see [`identity`]).
pub fn signature(repo: &Repository, author: Option<&Author>) -> Result<Signature<'static>> {
    identity(&repo.config()?, author)
}

/// The commit author, part by part as git finds it: `GIT_AUTHOR_NAME` /
/// `GIT_AUTHOR_EMAIL` first, then `[author]` in verzuim.toml (it wins over
/// the git identity, so a shared machine can commit as the case officer),
/// then `user.name` / `user.email` from git config, then `EMAIL`.
pub fn identity(config: &git2::Config, author: Option<&Author>) -> Result<Signature<'static>> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let conf = |k: &str| config.get_string(k).ok().filter(|v| !v.trim().is_empty());
    let name = env("GIT_AUTHOR_NAME")
        .or_else(|| author.map(|a| a.name.clone()))
        .or_else(|| conf("user.name"));
    let email = env("GIT_AUTHOR_EMAIL")
        .or_else(|| author.map(|a| a.email.clone()))
        .or_else(|| conf("user.email"))
        .or_else(|| env("EMAIL"));
    match (name, email) {
        (Some(name), Some(email)) => Ok(Signature::now(&name, &email)?),
        _ => Err(StoreError::User(
            t(
                "geen git-auteur ingesteld: geef `verzuim init --author \"Naam <naam@voorbeeld.nl>\"`, zet [author] in verzuim.toml, of voer `git config --global user.name \"Naam\"` en `git config --global user.email naam@voorbeeld.nl` uit",
                "no git author set: pass `verzuim init --author \"Name <name@example.org>\"`, set [author] in verzuim.toml, or run `git config --global user.name \"Name\"` and `git config --global user.email name@example.org`",
            )
            .into(),
        )),
    }
}

/// Commits `changes` on top of HEAD with `message`; returns the new commit.
pub fn commit(
    repo: &Repository,
    changes: &[Change],
    message: &str,
    author: &Signature,
) -> Result<Oid> {
    commit_with_parents(repo, changes, message, author, &[])
}

/// As [`commit`], with more parents after HEAD (a merge commit records both
/// sides, so history and accountability stay whole).
pub fn commit_with_parents(
    repo: &Repository,
    changes: &[Change],
    message: &str,
    author: &Signature,
    others: &[Oid],
) -> Result<Oid> {
    commit_syncing(repo, changes, message, author, others, &[])
}

/// As [`commit_with_parents`], syncing the files `also_sync` (written by
/// the caller, unsynced) with the commit's objects, before the ref moves.
fn commit_syncing(
    repo: &Repository,
    changes: &[Change],
    message: &str,
    author: &Signature,
    others: &[Oid],
    also_sync: &[std::path::PathBuf],
) -> Result<Oid> {
    // Read HEAD right before committing so the parent is never stale.
    let parent = match repo.head() {
        Ok(head) => Some(head.peel_to_commit()?),
        Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => None,
        Err(e) => return Err(e.into()),
    };
    let mut pending = objects::Pending::default();
    let mut written = Vec::new();
    let base = parent.as_ref().map(|c| c.tree_id());
    let tree = if tree_git2::chosen() {
        for change in changes {
            fail::point("object").map_err(|e| io_error(change.path, e))?;
        }
        tree_git2::write(repo, base, changes, &mut pending)?
    } else {
        let mut blobs = Vec::with_capacity(changes.len());
        for change in changes {
            fail::point("object").map_err(|e| io_error(change.path, e))?;
            let blob = change
                .content
                .map(|bytes| {
                    let level = flate2::Compression::default();
                    objects::write_loose(repo, ObjectType::Blob, bytes, level, &mut pending)
                })
                .transpose()?;
            blobs.push((change.path, blob));
        }
        tree::update(repo, base, &blobs, &mut pending, &mut written)?
    };
    let tree = match tree {
        Some(oid) => repo.find_tree(oid)?,
        None => {
            let level = flate2::Compression::default();
            repo.find_tree(objects::write_loose(
                repo,
                ObjectType::Tree,
                b"",
                level,
                &mut pending,
            )?)?
        }
    };
    let others: Vec<git2::Commit> = others
        .iter()
        .map(|o| repo.find_commit(*o))
        .collect::<std::result::Result<_, _>>()?;
    let parents: Vec<&git2::Commit> = parent.iter().chain(others.iter()).collect();
    let buffer = repo.commit_create_buffer(author, author, message, &tree, &parents)?;
    let level = flate2::Compression::default();
    let oid = objects::write_loose(repo, ObjectType::Commit, &buffer, level, &mut pending)?;
    // Barrier one: the objects and the written files, before the ref.
    for f in also_sync {
        pending.file(f);
    }
    fail::point("fsync")
        .and_then(|()| pending.sync())
        .map_err(|e| io_error("objects", e))?;
    fail::point("ref").map_err(|e| io_error("HEAD", e))?;
    let reference = objects::without_libgit2_fsync(|| {
        // libgit2 fixes whether a handle fsyncs refs when the handle first
        // reads one; a handle opened here, with fsyncs off, writes the ref
        // and reflog unsynced, and the ref is synced below with its folder.
        let quick = Repository::open(repo.path())?;
        update_head(
            &quick,
            oid,
            parent.as_ref().map(|p| p.id()),
            message,
            others.len(),
        )
    })?;
    fail::point("after-ref").map_err(|e| io_error("HEAD", e))?;
    // Barrier two: the ref (the commit is acknowledged once it is durable).
    pending.file(&reference);
    pending.sync().map_err(|e| io_error("HEAD", e))?;
    tree_cache::save(repo.path(), &written);
    sync_index(repo, changes)?;
    Ok(oid)
}

/// Moves the branch HEAD names (or a detached HEAD) from `parent` to `new`,
/// failing if another writer moved it; returns the ref's file. The reflog
/// message is the one `git commit` writes.
fn update_head(
    repo: &Repository,
    new: Oid,
    parent: Option<Oid>,
    message: &str,
    merged: usize,
) -> std::result::Result<std::path::PathBuf, git2::Error> {
    let head = repo.find_reference("HEAD")?;
    let name = head.symbolic_target()?.unwrap_or("HEAD").to_string();
    let summary = message.lines().next().unwrap_or("");
    let log = match (parent, merged) {
        (None, _) => format!("commit (initial): {summary}"),
        (Some(_), 0) => format!("commit: {summary}"),
        (Some(_), _) => format!("commit (merge): {summary}"),
    };
    match parent {
        Some(p) => repo.reference_matching(&name, new, true, p, &log)?,
        None => repo.reference(&name, new, false, &log)?,
    };
    Ok(repo.path().join(name))
}

fn io_error(path: &str, e: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.into(),
        source: e,
    }
}

/// A commit made, with a warning when something after it failed.
pub struct Committed {
    pub id: Oid,
    pub warning: Option<String>,
}

/// As [`commit`], telling apart a failure before the commit exists (an
/// error) from one after it (the index, or an error reported after HEAD
/// moved): those are a success with a warning, so no one retries and
/// duplicates a change that is in fact committed.
pub fn commit_checked(
    repo: &Repository,
    changes: &[Change],
    message: &str,
    author: &Signature,
) -> Result<Committed> {
    commit_checked_syncing(repo, changes, message, author, &[])
}

/// As [`commit_checked`], syncing `written` with the commit (see
/// [`commit_syncing`]).
pub fn commit_checked_syncing(
    repo: &Repository,
    changes: &[Change],
    message: &str,
    author: &Signature,
    written: &[std::path::PathBuf],
) -> Result<Committed> {
    let before = repo.head().ok().and_then(|h| h.target());
    match commit_syncing(repo, changes, message, author, &[], written) {
        Ok(id) => Ok(Committed { id, warning: None }),
        Err(StoreError::IndexLocked(warning)) => {
            let id = repo.head()?.peel_to_commit()?.id();
            Ok(Committed {
                id,
                warning: Some(warning),
            })
        }
        Err(e) => {
            let head = repo.head().ok().and_then(|h| h.peel_to_commit().ok());
            match head {
                Some(h)
                    if h.parent_ids().next() == before
                        && Some(h.id()) != before
                        && h.message().ok() == Some(message) =>
                {
                    Ok(Committed {
                        id: h.id(),
                        warning: Some(format!(
                            "{} ({e})",
                            t(
                                "de wijziging is vastgelegd, maar git meldde daarna een fout",
                                "the change was committed, but git reported an error afterwards"
                            )
                        )),
                    })
                }
                _ => Err(e),
            }
        }
    }
}

/// The id of what `path` names in HEAD (`None`: no such file, or no HEAD),
/// read through the tree cache.
pub fn head_entry(repo: &Repository, path: &str) -> Result<Option<Oid>> {
    let root = match repo.head() {
        Ok(head) => head.peel_to_commit()?.tree_id(),
        Err(e) if e.code() == ErrorCode::UnbornBranch || e.code() == ErrorCode::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(e.into()),
    };
    if tree_git2::no_cache() {
        let tree = repo.find_tree(root)?;
        return Ok(tree.get_path(Path::new(path)).ok().map(|e| e.id()));
    }
    Ok(tree::entry_at(repo, root, path)?)
}

/// Brings the index in line with the commit for the changed paths, so
/// `git status` stays clean. Runs after the commit exists, so a failure is
/// only a warning ([`StoreError::IndexLocked`]). Stale lock files are removed when
/// the repository lock is taken (see `gitlocks`).
pub fn sync_index(repo: &Repository, changes: &[Change]) -> Result<()> {
    // The index need not be durable (git re-checks it against the files),
    // so libgit2 writes it without fsyncs.
    let update = || -> std::result::Result<(), git2::Error> {
        fail::point("index").map_err(|e| git2::Error::from_str(&e.to_string()))?;
        let paths: Vec<(&str, bool)> = changes
            .iter()
            .map(|c| (c.path, c.content.is_some()))
            .collect();
        if !tree_git2::no_cache() && index::splice(repo, &paths)? {
            return Ok(());
        }
        let mut index = repo.index()?;
        for c in changes {
            match c.content {
                Some(_) => index.add_path(Path::new(c.path))?,
                None => index.remove_path(Path::new(c.path))?,
            }
        }
        index.write()
    };
    objects::without_libgit2_fsync(update).map_err(|e| {
        let why = if e.code() == ErrorCode::Locked {
            t(
                ".git/index.lock is bezet door een ander git-proces",
                ".git/index.lock is held by another git process",
            )
            .to_string()
        } else {
            e.message().to_string()
        };
        StoreError::IndexLocked(format!(
            "{} ({why}); {}",
            t(
                "de wijziging is vastgelegd, maar de git-index is niet bijgewerkt",
                "the change was committed, but git's index was not updated"
            ),
            t(
                "`git status` kan tot de volgende wijziging afwijken",
                "`git status` may differ until the next change"
            )
        ))
    })
}
