//! After a rewrite: the old objects are removed for good. Reflogs are
//! expired and unreachable objects pruned (`git reflog expire` and `git gc
//! --prune=now` when git is installed; else a new pack of everything
//! reachable written with git2's pack builder, and every old pack and
//! loose object removed, under the repository lock). Then the parse cache,
//! the memos of `check` and `overdue` and temp files go, and every purged blob is checked to be gone.

use super::rewrite::Rewritten;
use crate::store::{Result, StoreError, atomic, transport};
use git2::{Oid, Repository};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Stdio};

/// Files in `.git` that may still name or hold old objects or case data.
const STALE: &[&str] = &[
    "ORIG_HEAD",
    "FETCH_HEAD",
    "verzuim-cases.cache",
    crate::store::git::tree_cache::FILE,
    "verzuim-journal",
];

/// What the purge found afterwards.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Verified {
    /// Blobs checked to be gone.
    pub checked: usize,
    /// Blobs that are still in the object database (should be none).
    pub remaining: Vec<String>,
    /// Whether the system git did the pruning (else git2).
    pub with_git: bool,
}

/// Removes the old objects of a rewrite from the object database of the
/// repository at `root`, and checks that none of the purged blobs remains.
pub fn prune(root: &Path, rewritten: &Rewritten) -> Result<Verified> {
    let git_dir = crate::store::git::open(root)?.path().to_path_buf();
    crate::store::git::tree_cache::forget();
    for f in STALE {
        let p = git_dir.join(f);
        if p.exists() {
            std::fs::remove_file(&p).map_err(StoreError::io(&p))?;
        }
    }
    // The memos of `check` and `overdue` hold what they printed of each case.
    crate::store::memo::remove_all(&git_dir).map_err(StoreError::io(&git_dir))?;
    atomic::remove_stale_temps(&git_dir, atomic::TEMP_PREFIX, true);
    atomic::remove_stale_temps(&git_dir.join("objects"), atomic::TEMP_PREFIX, true);
    atomic::remove_stale_temps(
        &root.join(crate::store::load::CASES_DIR),
        atomic::TEMP_PREFIX,
        true,
    );
    let with_git = transport::cli_available();
    if with_git {
        run_git(
            root,
            &[
                "reflog",
                "expire",
                "--expire=now",
                "--expire-unreachable=now",
                "--all",
            ],
        )?;
        run_git(root, &["gc", "--quiet", "--prune=now"])?;
    } else {
        let repo = crate::store::git::open(root)?;
        expire_reflogs(&repo)?;
        repack(&repo)?;
    }
    // A new handle: the old one may cache objects it read.
    let repo = crate::store::git::open(root)?;
    let odb = repo.odb()?;
    let remaining: Vec<String> = rewritten
        .purged
        .iter()
        .chain(rewritten.commits.keys())
        .filter(|o| odb.exists(**o))
        .map(|o| o.to_string())
        .collect();
    Ok(Verified {
        checked: rewritten.purged.len(),
        remaining,
        with_git,
    })
}

fn run_git(root: &Path, args: &[&str]) -> Result<()> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(StoreError::io(root))?;
    if !out.status.success() {
        return Err(StoreError::Repo(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}

/// Every reflog deleted: they are what keeps old commits reachable.
fn expire_reflogs(repo: &Repository) -> Result<()> {
    let mut names: Vec<String> = vec!["HEAD".into()];
    for r in repo.references()? {
        if let Ok(name) = r?.name() {
            names.push(name.to_string());
        }
    }
    for n in names {
        repo.reflog_delete(&n)?;
    }
    Ok(())
}

/// One pack of everything reachable from a ref or the index; then every
/// other pack and loose object removed.
fn repack(repo: &Repository) -> Result<()> {
    let objects = repo.path().join("objects");
    let pack_dir = objects.join("pack");
    let mut walk = repo.revwalk()?;
    let mut any = false;
    for r in repo.references()? {
        if let Some(oid) = r?.target()
            && repo.find_commit(oid).is_ok()
        {
            walk.push(oid)?;
            any = true;
        }
    }
    let mut pb = repo.packbuilder()?;
    if any {
        pb.insert_walk(&mut walk)?;
    }
    // The index may stage blobs no commit has yet.
    for e in repo.index()?.iter() {
        pb.insert_object(e.id, None)?;
    }
    atomic::create_private_dir(&pack_dir)?;
    pb.write(&pack_dir, 0o600)?;
    let keep = pb.name().ok().flatten().map(|n| format!("pack-{n}"));
    for e in std::fs::read_dir(&pack_dir)
        .map_err(StoreError::io(&pack_dir))?
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap_or("");
        if name.starts_with("pack-") && Some(stem) != keep.as_deref() {
            std::fs::remove_file(e.path()).map_err(StoreError::io(e.path()))?;
        }
    }
    for e in std::fs::read_dir(&objects)
        .map_err(StoreError::io(&objects))?
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.len() == 2 && name.chars().all(|c| c.is_ascii_hexdigit()) {
            std::fs::remove_dir_all(e.path()).map_err(StoreError::io(e.path()))?;
        }
    }
    Ok(())
}

/// Whether any of `blobs` is still in the object database.
pub fn any_left(repo: &Repository, blobs: &BTreeSet<Oid>) -> Result<bool> {
    let odb = repo.odb()?;
    Ok(blobs.iter().any(|o| odb.exists(*o)))
}
