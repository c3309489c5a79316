//! Joining a case repository that lives on a remote: `verzuim clone URL`,
//! and `init` in an empty folder with a remote. The branch is the one the
//! remote's HEAD names; when that branch does not exist, the branch that
//! holds a case repository, and the report says so. Every path of the
//! incoming tree is checked before anything is written.

use super::branches::case_branches;
use super::load::CASES_DIR;
use super::repo::CaseRepo;
use super::{Result, StoreError, atomic, config, git, incoming, transport};
use crate::i18n::t;
use git2::Repository;
use std::path::Path;

/// What joining did.
#[derive(Debug, Default)]
pub struct Joined {
    pub branch: String,
    /// Why another branch than the remote's HEAD was taken, when it was.
    pub note: Option<String>,
}

/// Whether `dir` may become a joined repository: missing, empty, or only
/// a `.git` without commits.
fn check_empty(dir: &Path) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let committed = Repository::open(dir).is_ok_and(|r| r.head().is_ok());
        if name != ".git" || committed {
            return Err(StoreError::User(format!(
                "{}: {}",
                dir.display(),
                t(
                    "de map is niet leeg; kies een nieuwe of lege map",
                    "the folder is not empty; choose a new or empty folder"
                )
            )));
        }
    }
    Ok(())
}

/// The remote an existing, empty git folder already has, if any.
pub fn configured_remote(dir: &Path) -> Option<String> {
    let repo = Repository::open(dir).ok()?;
    if repo.head().is_ok() || dir.join(config::FILE).exists() {
        return None;
    }
    let remotes = repo.remotes().ok()?;
    let names: Vec<&str> = (0..remotes.len())
        .filter_map(|i| remotes.get(i).ok().flatten())
        .collect();
    names
        .iter()
        .find(|n| **n == "origin")
        .or(names.first())
        .map(|n| n.to_string())
}

impl CaseRepo {
    /// Makes `dir` a working copy of the case repository at `remote`
    /// (added as `origin` when `url` is given). `Ok(None)` when the remote
    /// holds no case repository yet: the caller starts a new one.
    pub fn join(dir: &Path, remote: &str, url: Option<&str>) -> Result<Option<(CaseRepo, Joined)>> {
        check_empty(dir)?;
        atomic::create_private_dir(dir)?;
        let repo = match Repository::open(dir) {
            Ok(r) => r,
            Err(_) => git::init(dir)?,
        };
        if let Some(url) = url
            && repo.find_remote(remote).is_err()
        {
            repo.remote(remote, url)?;
        }
        transport::fetch(&repo, dir, remote)?;
        let branches = case_branches(&repo, remote)?;
        let head = transport::remote_head(&repo, dir, remote)?;
        let (branch, oid, note) = match (head, branches.as_slice()) {
            (_, []) => return Ok(None),
            (Some(h), list) if list.iter().any(|(n, _)| *n == h) => {
                let oid = list.iter().find(|(n, _)| *n == h).map(|(_, o)| *o);
                (
                    h,
                    oid.ok_or_else(|| StoreError::Repo("branch".into()))?,
                    None,
                )
            }
            (head, list) => {
                let (name, oid) = list[0].clone();
                let named = head.map(|h| format!(" (`{h}`)")).unwrap_or_default();
                let note = format!(
                    "{}{named}; {} `{name}` {}",
                    t(
                        "de HEAD van de remote wijst niet naar een bestaande branch",
                        "the remote's HEAD does not point at an existing branch"
                    ),
                    t("gebruikt:", "used:"),
                    t("(daar staan de dossiers)", "(it holds the cases)"),
                );
                (name, oid, Some(note))
            }
        };
        incoming::check_commit(&repo, oid)?;
        checkout(&repo, &branch, oid, remote)?;
        atomic::create_private_dir(&dir.join(CASES_DIR))?;
        Ok(Some((
            CaseRepo::at(dir.to_path_buf()),
            Joined { branch, note },
        )))
    }
}

/// Points a new local `branch` at `oid`, tracking the remote's branch, and
/// writes its files owner-only (the tree was checked already).
fn checkout(repo: &Repository, branch: &str, oid: git2::Oid, remote: &str) -> Result<()> {
    let commit = repo.find_commit(oid)?;
    repo.branch(branch, &commit, true)?;
    let mut cfg = repo.config()?;
    cfg.set_str(&format!("branch.{branch}.remote"), remote)?;
    cfg.set_str(
        &format!("branch.{branch}.merge"),
        &format!("refs/heads/{branch}"),
    )?;
    repo.set_head(&format!("refs/heads/{branch}"))?;
    let mut co = git2::build::CheckoutBuilder::new();
    co.force().dir_perm(0o700).file_perm(0o600);
    repo.checkout_head(Some(&mut co))?;
    Ok(())
}
