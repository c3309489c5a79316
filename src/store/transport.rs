//! Network transport for sync: fetch and push. With the system `git`
//! installed it does the transport (as cargo's `net.git-fetch-with-cli`),
//! so users' `~/.ssh/config` host aliases, agents and credential helpers
//! work (libgit2 ignores them: gitui #1421, libgit2 #5640). Without it,
//! git2 with the ssh agent, `~/.ssh` keys and the credential helper. The
//! merge and every commit stay in-process.

use super::{Result, StoreError};
use crate::i18n::t;
use git2::{Cred, CredentialType, FetchOptions, PushOptions, RemoteCallbacks, Repository};
use std::path::Path;
use std::process::{Command, Stdio};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Push {
    Done,
    /// The remote moved on (non-fast-forward): fetch and merge again.
    Rejected,
}

/// Whether the system git is installed (`VERZUIM_GIT=libgit2` forces git2).
pub fn cli_available() -> bool {
    std::env::var("VERZUIM_GIT").map_or(true, |v| v != "libgit2")
        && Command::new("git")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

fn git(dir: &Path, args: &[&str]) -> std::io::Result<std::process::Output> {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        // Never wait for a password on a terminal nobody watches.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env(
            "GIT_SSH_COMMAND",
            std::env::var("GIT_SSH_COMMAND")
                .unwrap_or_else(|_| "ssh -o BatchMode=yes -o ConnectTimeout=15".into()),
        )
        .stdin(Stdio::null())
        .output()
}

fn failed(what: &str, remote: &str, detail: &str) -> StoreError {
    let detail = detail
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty())
        .unwrap_or("")
        .to_string();
    StoreError::Sync(format!(
        "{what} `{remote}` {}: {detail} ({})",
        t("mislukt", "failed"),
        t(
            "je lokale werk is veilig vastgelegd; probeer later opnieuw",
            "your local work is committed and safe; try again later"
        )
    ))
}

pub fn fetch(repo: &Repository, dir: &Path, remote: &str, branch: &str) -> Result<()> {
    let refspec = format!("+refs/heads/{branch}:refs/remotes/{remote}/{branch}");
    if cli_available() {
        let out = git(dir, &["fetch", "--quiet", "--no-tags", remote, &refspec])
            .map_err(StoreError::io(dir))?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        // A new, empty remote has no branch yet: nothing to fetch.
        if !out.status.success() && stderr.contains("couldn't find remote ref") {
            return Ok(());
        }
        if !out.status.success() {
            return Err(failed(
                t("ophalen van", "fetch from"),
                remote,
                &String::from_utf8_lossy(&out.stderr),
            ));
        }
        return Ok(());
    }
    let mut opts = FetchOptions::new();
    opts.remote_callbacks(callbacks(repo));
    let mut r = repo.find_remote(remote)?;
    r.fetch(&[&refspec], Some(&mut opts), None)
        .map_err(|e| failed(t("ophalen van", "fetch from"), remote, e.message()))
}

pub fn push(repo: &Repository, dir: &Path, remote: &str, branch: &str) -> Result<Push> {
    let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
    if cli_available() {
        let out =
            git(dir, &["push", "--porcelain", remote, &refspec]).map_err(StoreError::io(dir))?;
        let text = String::from_utf8_lossy(&out.stdout);
        if text.lines().any(|l| l.starts_with('!')) {
            return Ok(Push::Rejected);
        }
        if !out.status.success() {
            return Err(failed(
                t("versturen naar", "push to"),
                remote,
                &String::from_utf8_lossy(&out.stderr),
            ));
        }
        return Ok(Push::Done);
    }
    let rejected = std::cell::Cell::new(false);
    let mut cb = callbacks(repo);
    // Without this callback a rejected push is not noticed.
    cb.push_update_reference(|_, status| {
        if status.is_some() {
            rejected.set(true);
        }
        Ok(())
    });
    let mut opts = PushOptions::new();
    opts.remote_callbacks(cb);
    let mut r = repo.find_remote(remote)?;
    match r.push(&[&refspec], Some(&mut opts)) {
        Ok(()) if rejected.get() => Ok(Push::Rejected),
        Ok(()) => Ok(Push::Done),
        Err(e) if e.code() == git2::ErrorCode::NotFastForward => Ok(Push::Rejected),
        Err(e) => Err(failed(t("versturen naar", "push to"), remote, e.message())),
    }
}

/// Credentials for libgit2: the ssh agent, then `~/.ssh` keys, then the
/// configured credential helper; each tried once.
fn callbacks(repo: &Repository) -> RemoteCallbacks<'static> {
    let config = repo.config().ok();
    let mut tried = 0u32;
    let mut cb = RemoteCallbacks::new();
    cb.credentials(move |url, user, allowed| {
        tried += 1;
        let user = user.unwrap_or("git");
        if allowed.contains(CredentialType::SSH_KEY) {
            if tried == 1 {
                return Cred::ssh_key_from_agent(user);
            }
            let home = std::env::var_os("HOME")
                .map(std::path::PathBuf::from)
                .unwrap_or_default();
            for key in ["id_ed25519", "id_ecdsa", "id_rsa"] {
                let path = home.join(".ssh").join(key);
                if tried <= 4 && path.exists() {
                    return Cred::ssh_key(user, None, &path, None);
                }
            }
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT)
            && tried <= 5
            && let Some(cfg) = &config
        {
            return Cred::credential_helper(cfg, url, Some(user));
        }
        Err(git2::Error::from_str(t(
            "inloggen geweigerd",
            "login refused",
        )))
    });
    cb
}
