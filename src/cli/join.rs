//! Starting or joining a case repository: `init` (joins when a remote is
//! given or already configured) and `clone`.

use super::out::outln;
use crate::i18n::t;
use crate::store::config::Author;
use crate::store::join::Joined;
use crate::store::{CaseRepo, Result, StoreError};
use std::path::Path;
use std::process::ExitCode;

pub fn clone(url: &str, dir: &Path) -> Result<ExitCode> {
    match CaseRepo::join(dir, "origin", Some(url))? {
        Some((_, joined)) => print_joined(dir, &joined),
        None => Err(StoreError::User(format!(
            "{url}: {}",
            t(
                "bevat nog geen case-map; maak er een met `verzuim init --remote URL`",
                "holds no case repository yet; start one with `verzuim init --remote URL`"
            )
        ))),
    }
}

/// `init`: joins the remote when one is given or the folder already has
/// one; starts a new repository otherwise (and on an empty remote).
pub fn init(dir: &Path, url: Option<&str>, author: Option<&Author>) -> Result<ExitCode> {
    let remote = match url {
        Some(_) => Some("origin".to_string()),
        None => crate::store::join::configured_remote(dir),
    };
    if let Some(remote) = &remote
        && let Some((_, joined)) = CaseRepo::join(dir, remote, url)?
    {
        return print_joined(dir, &joined);
    }
    CaseRepo::init_as(dir, author)?;
    outln!(
        "{} {}",
        t("dossiermap aangemaakt in", "case repository created in"),
        dir.display()
    );
    if remote.is_some() {
        outln!(
            "{}",
            t(
                "de remote is nog leeg: `verzuim sync` zet deze dossiermap erop",
                "the remote is still empty: `verzuim sync` puts this case repository on it"
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_joined(dir: &Path, j: &Joined) -> Result<ExitCode> {
    if let Some(note) = &j.note {
        outln!("{note}");
    }
    outln!(
        "{} {} ({} {})",
        t("dossiermap opgehaald in", "case repository cloned into"),
        dir.display(),
        t("branch", "branch"),
        j.branch
    );
    Ok(ExitCode::SUCCESS)
}
