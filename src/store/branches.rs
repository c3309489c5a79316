//! The remote's branch layout: which of its branches hold a case
//! repository, and what to do when they disagree with ours. Sync never
//! creates a second case branch on a remote; it says what to run instead.

use super::repo::CaseRepo;
use super::{Result, StoreError, config};
use crate::i18n::t;
use git2::{BranchType, Oid, Repository};

/// The remote's branches (fetched into `refs/remotes/<remote>/`) whose tip
/// holds a `verzuim.toml`, by name.
pub fn case_branches(repo: &Repository, remote: &str) -> Result<Vec<(String, Oid)>> {
    let mut out = Vec::new();
    let prefix = format!("{remote}/");
    for b in repo.branches(Some(BranchType::Remote))? {
        let (b, _) = b?;
        let Some(name) = b.name()?.and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        if name == "HEAD" {
            continue;
        }
        let Ok(commit) = b.get().peel_to_commit() else {
            continue;
        };
        if commit.tree()?.get_name(config::FILE).is_some() {
            out.push((name.to_string(), commit.id()));
        }
    }
    Ok(out)
}

impl CaseRepo {
    /// The remote's tip of `branch` to merge, after checking that the
    /// remote has no other case branch that diverged from ours.
    pub(crate) fn their_branch(
        &self,
        repo: &Repository,
        remote: &str,
        branch: &str,
        join: Option<&str>,
    ) -> Result<Option<(Oid, String)>> {
        let theirs = repo
            .refname_to_id(&format!("refs/remotes/{remote}/{branch}"))
            .ok();
        let ours = repo.head()?.peel_to_commit()?.id();
        let mut others = Vec::new();
        for (name, oid) in case_branches(repo, remote)? {
            let known =
                |tip: Oid| tip == oid || repo.graph_descendant_of(tip, oid).unwrap_or(false);
            if name != branch
                && Some(name.as_str()) != join
                && !known(ours)
                && !theirs.is_some_and(known)
            {
                others.push(name);
            }
        }
        let dir = self.root.display();
        match (theirs, others.first()) {
            (_, None) => Ok(theirs.map(|o| (o, format!("{remote}/{branch}")))),
            (None, Some(other)) => Err(StoreError::User(format!(
                "{} `{other}`, {} `{branch}`. {}\n  git -C {dir} branch -m {branch} {other}\n  verzuim --dir {dir} sync\n{}",
                t(
                    "de remote bewaart de cases op branch",
                    "the remote keeps its cases on branch"
                ),
                t("deze computer op", "this machine on"),
                t(
                    "Geef je branch dezelfde naam en sync opnieuw (er is niets gewijzigd):",
                    "Give your branch the same name and sync again (nothing was changed):"
                ),
                t(
                    "Sync maakt nooit zelf een tweede case-branch op de remote.",
                    "Sync never creates a second case branch on the remote by itself."
                ),
            ))),
            (Some(_), Some(other)) => Err(StoreError::User(format!(
                "{} `{branch}` {} `{other}`. {}\n  verzuim --dir {dir} sync --join {other}\n  git -C {dir} push {remote} --delete {other}\n{}",
                t(
                    "de remote heeft twee case-branches die uit elkaar lopen:",
                    "the remote has two case branches that diverged:"
                ),
                t("en", "and"),
                t(
                    "Voeg ze samen (niets gaat verloren) en verwijder daarna de tweede:",
                    "Merge them (nothing is lost), then delete the second:"
                ),
                t("Er is niets gewijzigd.", "Nothing was changed."),
            ))),
        }
    }
}

/// The tip of the branch `--join` names, which must be a case branch.
pub fn join_ref(
    repo: &Repository,
    remote: &str,
    join: Option<&str>,
) -> Result<Option<(Oid, String)>> {
    let Some(name) = join else { return Ok(None) };
    match case_branches(repo, remote)?
        .into_iter()
        .find(|(n, _)| n == name)
    {
        Some((_, oid)) => Ok(Some((oid, format!("{remote}/{name}")))),
        None => Err(StoreError::User(format!(
            "`{name}`: {}",
            t(
                "geen case-branch op de remote",
                "no case branch on the remote"
            )
        ))),
    }
}
