//! A destruction on every clone. The clone that destroyed overwrites the
//! remote's branch with a force-with-lease push (the lease: the remote
//! tip it last saw, kept in `.git/verzuim-purge-lease`, commit ids only).
//! A clone whose sync fetches a `retention/purges.toml` entry it lacks
//! performs the same, deterministic rewrite and purge before merging, so
//! its own unpushed work is re-applied on the new history by the semantic
//! merge and the old history is never merged back.

use super::files::{self, PURGES, Purge, Purges, Target};
use super::purge::Verified;
use super::rewrite::Rewritten;
use crate::i18n::t;
use crate::store::transport::{self, Push};
use crate::store::{CaseRepo, Result, StoreError, atomic};
use git2::{Oid, Repository};
use std::collections::BTreeSet;
use std::path::Path;

const LEASE: &str = "verzuim-purge-lease";

/// What sync did about destructions.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PurgeSync {
    /// Lists whose destruction this sync applied here.
    pub lists: Vec<String>,
    /// Case ids and `case/event` ids removed from this clone's history.
    pub destroyed: Vec<String>,
    /// Destroyed cases this clone had unpushed changes to (discarded).
    pub discarded: Vec<String>,
    pub verified: Option<Verified>,
    /// The remote's branch was overwritten (force-with-lease).
    pub forced: bool,
    /// Remotes (name, url) that still hold the old objects.
    pub remotes: Vec<(String, String)>,
}

/// The remotes of a repository, by name with their url.
pub fn remotes(repo: &Repository) -> Vec<(String, String)> {
    let Ok(names) = repo.remotes() else {
        return Vec::new();
    };
    names
        .iter()
        .flatten()
        .filter_map(|n| {
            let n = n?;
            let url = repo.find_remote(n).ok()?.url().ok()?.to_string();
            Some((n.to_string(), url))
        })
        .collect()
}

/// Remembers, for each remote branch the rewrite moved, the tip the
/// remote still has: the next push overwrites exactly that.
pub fn note_leases(repo: &Repository, done: &Rewritten) -> Result<()> {
    let mut lines: Vec<String> = read_leases(repo);
    for (name, old, _) in &done.refs {
        if let Some(rest) = name.strip_prefix("refs/remotes/")
            && !lines.iter().any(|l| l.starts_with(&format!("{rest} ")))
        {
            lines.push(format!("{rest} {old}"));
        }
    }
    if lines.is_empty() {
        return Ok(());
    }
    atomic::write(&repo.path().join(LEASE), lines.join("\n").as_bytes())
}

fn read_leases(repo: &Repository) -> Vec<String> {
    std::fs::read_to_string(repo.path().join(LEASE))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn lease_for(repo: &Repository, remote: &str, branch: &str) -> Option<Oid> {
    let key = format!("{remote}/{branch} ");
    read_leases(repo).iter().find_map(|l| {
        l.strip_prefix(&key)
            .and_then(|o| Oid::from_str(o.trim()).ok())
    })
}

fn drop_lease(repo: &Repository, remote: &str, branch: &str) -> Result<()> {
    let key = format!("{remote}/{branch} ");
    let rest: Vec<String> = read_leases(repo)
        .into_iter()
        .filter(|l| !l.starts_with(&key))
        .collect();
    let path = repo.path().join(LEASE);
    if rest.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(StoreError::io(&path)(e)),
            _ => Ok(()),
        };
    }
    atomic::write(&path, rest.join("\n").as_bytes())
}

/// Overwrites the remote's `branch` with ours if it is still at `lease`.
pub fn push_with_lease(
    repo: &Repository,
    dir: &Path,
    remote: &str,
    branch: &str,
    lease: Oid,
) -> Result<Push> {
    let what = t("versturen naar", "push to");
    // No `+` for git: a forced refspec would override the lease.
    let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
    if transport::cli_available() {
        let lease_arg = format!("--force-with-lease=refs/heads/{branch}:{lease}");
        let out = transport::git(
            repo,
            dir,
            remote,
            &["push", "--porcelain", &lease_arg, remote, &refspec],
        )?;
        let text = String::from_utf8_lossy(&out.stdout);
        if text.lines().any(|l| l.starts_with('!')) {
            return Ok(Push::Rejected);
        }
        if !out.status.success() {
            return Err(transport::failed(
                what,
                remote,
                &String::from_utf8_lossy(&out.stderr),
            ));
        }
        return Ok(Push::Done);
    }
    // git2 has no lease: compare the remote's tip first, then force.
    let mut r = repo.find_remote(remote)?;
    r.connect(git2::Direction::Push)?;
    let name = format!("refs/heads/{branch}");
    let tip = r.list()?.iter().find(|h| h.name() == name).map(|h| h.oid());
    r.disconnect()?;
    if tip.is_some_and(|t| t != lease) {
        return Ok(Push::Rejected);
    }
    r.push(&[format!("+{refspec}").as_str()], None)
        .map(|()| Push::Done)
        .map_err(|e| transport::failed(what, remote, e.message()))
}

/// The text of `path` in a commit's tree (empty when absent).
fn text_at(repo: &Repository, commit: Oid, path: &str) -> Option<String> {
    repo.find_commit(commit)
        .and_then(|c| c.tree())
        .and_then(|t| t.get_path(Path::new(path)))
        .and_then(|e| repo.find_blob(e.id()))
        .map(|b| String::from_utf8_lossy(b.content()).into_owned())
        .ok()
}

/// The purges a commit's tree lists.
fn purges_at(repo: &Repository, commit: Oid) -> Vec<Purge> {
    let text = text_at(repo, commit, PURGES).unwrap_or_default();
    files::parse::<Purges>(PURGES, &text)
        .map(|p| p.purge)
        .unwrap_or_default()
}

/// A purge from the remote is applied only when its approved list, in the
/// same tree, names every id it removes: the remote is untrusted, and a
/// rewrite cannot be undone.
fn check_remote_purge(repo: &Repository, theirs: Oid, p: &Purge) -> Result<()> {
    let list = super::list_path(&p.list)
        .ok()
        .and_then(|rel| Some((text_at(repo, theirs, &rel)?, rel)))
        .and_then(|(text, rel)| files::parse_list(&rel, &text).ok());
    match files::purge_is_listed(p, list.as_ref()) {
        Ok(()) => Ok(()),
        Err(id) => Err(StoreError::Sync(format!(
            "{} `{}`: `{id}` {}",
            t("geweigerd: vernietiging", "refused: destruction"),
            p.list,
            t(
                "staat niet op die goedgekeurde lijst; er is niets gewijzigd. Vraag wie vernietigde om de lijst te controleren",
                "is not on that approved list; nothing was changed. Ask whoever destroyed to check the list"
            )
        ))),
    }
}

impl CaseRepo {
    /// Before the fetch of a sync: a destruction not yet on the remote is
    /// pushed first (so the fetch brings no old history back). Returns
    /// whether the remote now has it.
    pub fn push_pending_purge(&self, remote: &str, branch: &str) -> Result<bool> {
        let git = self.git()?;
        let Some(lease) = lease_for(&git, remote, branch) else {
            return Ok(false);
        };
        let done = push_with_lease(&git, &self.root, remote, branch, lease)? == Push::Done;
        if done {
            drop_lease(&git, remote, branch)?;
        }
        Ok(done)
    }

    /// After the fetch of a sync, before the merge: purges the remote's
    /// tip names that this clone has not applied are applied here, and
    /// purges only this clone has are applied to what was fetched. Returns
    /// what was done and the lease when the remote branch must be
    /// overwritten.
    pub fn purge_on_sync(&self, remote: &str, branch: &str) -> Result<(PurgeSync, Option<Oid>)> {
        let s = self.begin(&[])?;
        let theirs = s
            .git
            .refname_to_id(&format!("refs/remotes/{remote}/{branch}"))
            .ok();
        let ours = s.git.head()?.peel_to_commit()?.id();
        let (Some(theirs), mut report) = (theirs, PurgeSync::default()) else {
            return Ok((PurgeSync::default(), None));
        };
        let remote_has: Vec<Purge> = purges_at(&s.git, theirs);
        let local_has: Vec<Purge> = purges_at(&s.git, ours);
        let lists = |v: &[Purge]| v.iter().map(|p| p.list.clone()).collect::<BTreeSet<_>>();
        let (rl, ll) = (lists(&remote_has), lists(&local_has));
        let new_here: Vec<&Purge> = remote_has
            .iter()
            .filter(|p| !ll.contains(&p.list))
            .collect();
        let new_there: Vec<&Purge> = local_has.iter().filter(|p| !rl.contains(&p.list)).collect();
        if new_here.is_empty() && new_there.is_empty() {
            return Ok((report, None));
        }
        for p in &new_here {
            check_remote_purge(&s.git, theirs, p)?;
        }
        let mut target = Target::default();
        let mut here = Target::default();
        for p in &new_here {
            here.add(p);
        }
        for p in new_here.iter().chain(new_there.iter()) {
            target.add(p);
        }
        report.lists = new_here.iter().map(|p| p.list.clone()).collect();
        report.destroyed = new_here
            .iter()
            .flat_map(|p| p.cases.iter().chain(p.events.iter()).cloned())
            .collect();
        // Before the rewrite (the old commits are pruned after it): which
        // local commits changed a case this purge destroys.
        let touched = touching(&s.git, ours, theirs, &here)?;
        let (done, verified) = self.purge_history(&s, &target)?;
        let git = self.git()?;
        let new_theirs = git.refname_to_id(&format!("refs/remotes/{remote}/{branch}"))?;
        let new_ours = git.head()?.peel_to_commit()?.id();
        report.discarded = unpushed(&git, new_ours, new_theirs, &done, &touched)?;
        report.verified = Some(verified);
        report.remotes = remotes(&git);
        let lease = (new_theirs != theirs).then_some(theirs);
        report.forced = lease.is_some();
        // The lease from the rewrite names the fetched tip: it is `lease`.
        drop_lease(&git, remote, branch)?;
        Ok((report, lease))
    }
}

/// Local commits (not in `theirs`, before the rewrite) that changed a
/// case of `target`, with the case ids each changed.
fn touching(
    repo: &Repository,
    ours: Oid,
    theirs: Oid,
    target: &Target,
) -> Result<Vec<(Oid, Vec<String>)>> {
    let mut walk = repo.revwalk()?;
    walk.push(ours)?;
    walk.hide(theirs)?;
    let mut out = Vec::new();
    let blob = |tree: Option<&git2::Tree>, id: &str| {
        let path = format!("{}/{id}.toml", crate::store::load::CASES_DIR);
        tree.and_then(|t| t.get_path(Path::new(&path)).ok())
            .map(|e| e.id())
    };
    for oid in walk {
        let c = repo.find_commit(oid?)?;
        let tree = c.tree()?;
        let parent = c.parent(0).ok().map(|p| p.tree()).transpose()?;
        let mut cases = Vec::new();
        for id in &target.cases {
            if blob(Some(&tree), id) != blob(parent.as_ref(), id) {
                cases.push(id.clone());
            }
        }
        // Of a case that keeps living, only a change to a destroyed event.
        for (id, events) in &target.events {
            let (now, before) = (blob(Some(&tree), id), blob(parent.as_ref(), id));
            if now == before {
                continue;
            }
            for e in events {
                if event_text(repo, now, e) != event_text(repo, before, e) {
                    cases.push(format!("{id}/{e}"));
                }
            }
        }
        if !cases.is_empty() {
            out.push((c.id(), cases));
        }
    }
    Ok(out)
}

/// The text of event `id` in a case file's blob (None: absent).
fn event_text(repo: &Repository, blob: Option<Oid>, id: &str) -> Option<String> {
    let text = String::from_utf8_lossy(repo.find_blob(blob?).ok()?.content()).into_owned();
    let doc: toml_edit::DocumentMut = text.parse().ok()?;
    Some(doc.get("events")?.get(id)?.to_string())
}

/// The destroyed cases (and `case/event` ids) that this clone's own unpushed commits (after the
/// rewrite: on our branch, not on the remote's) had changed.
fn unpushed(
    repo: &Repository,
    ours: Oid,
    theirs: Oid,
    done: &Rewritten,
    touched: &[(Oid, Vec<String>)],
) -> Result<Vec<String>> {
    let mut walk = repo.revwalk()?;
    walk.push(ours)?;
    walk.hide(theirs)?;
    let mine: BTreeSet<Oid> = walk.collect::<std::result::Result<_, _>>()?;
    let mut out = BTreeSet::new();
    for (old, cases) in touched {
        let new = done.commits.get(old).unwrap_or(old);
        if mine.contains(new) {
            out.extend(cases.iter().cloned());
        }
    }
    Ok(out.into_iter().collect())
}

impl PurgeSync {
    /// The remote's branch was overwritten with the rewritten history.
    pub fn pushed(&mut self, repo: &Repository) {
        self.forced = true;
        self.remotes = remotes(repo);
    }

    /// Adds what one round of a sync did.
    pub fn absorb(&mut self, other: PurgeSync) {
        self.lists.extend(other.lists);
        self.destroyed.extend(other.destroyed);
        self.discarded.extend(other.discarded);
        self.verified = other.verified.or(self.verified.take());
        self.forced |= other.forced;
        if !other.remotes.is_empty() {
            self.remotes = other.remotes;
        }
    }
}

impl CaseRepo {
    /// The push of a sync: overwriting the remote's branch when a purge
    /// rewrote what it holds, else the usual fast-forward push.
    pub(crate) fn push_after_purge(
        &self,
        remote: &str,
        branch: &str,
        lease: Option<Oid>,
    ) -> Result<Push> {
        let git = self.git()?;
        match lease {
            Some(l) => push_with_lease(&git, &self.root, remote, branch, l),
            None => transport::push(&git, &self.root, remote, branch),
        }
    }
}
