//! Network transport for sync: fetch and push. With the system `git`
//! installed it does the transport (as cargo's `net.git-fetch-with-cli`),
//! so users' `~/.ssh/config` host aliases, agents, `core.sshCommand`,
//! `GIT_SSH` and credential helpers work (libgit2 ignores most of them:
//! gitui #1421, libgit2 #5640). Without it, git2 (see [`libgit2`]). The
//! merge and every commit stay in-process; no lock is held here.

mod libgit2;
mod sshopts;

use super::{Result, StoreError};
use crate::i18n::t;
use git2::Repository;
use std::path::Path;
use std::process::{Command, Stdio};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Push {
    Done,
    /// The remote moved on (non-fast-forward): fetch and merge again.
    Rejected,
}

/// Seconds a connection may take to open, and a transfer may stall.
pub const CONNECT_SECS: u32 = 15;
pub const STALL_SECS: u32 = 30;

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

/// `-c` options that bound a stalling remote and check objects, each only
/// where the user has not set that option: their settings win.
fn options(repo: &Repository, remote: &str, pushing: bool) -> Vec<String> {
    let config = repo.config().ok();
    let set = |key: &str| config.as_ref().is_some_and(|c| c.get_entry(key).is_ok());
    let stall = STALL_SECS.to_string();
    let mut out: Vec<String> = Vec::new();
    for (key, value) in [
        ("transfer.fsckObjects", "true"),
        ("http.lowSpeedLimit", "1000"),
        ("http.lowSpeedTime", stall.as_str()),
    ] {
        if key == "transfer.fsckObjects" || !set(key) {
            out.extend(["-c".into(), format!("{key}={value}")]);
        }
    }
    // GIT_SSH_COMMAND, GIT_SSH and core.sshCommand are the user's choice
    // of ssh; only when none is set do we name one, with batch mode and
    // timeouts that the user's ~/.ssh/config does not set itself (see
    // `sshopts`: a `-o` would beat the config).
    let env_ssh = ["GIT_SSH_COMMAND", "GIT_SSH"]
        .iter()
        .any(|v| std::env::var_os(v).is_some_and(|s| !s.is_empty()));
    if !env_ssh
        && !set("core.sshCommand")
        && let Some(cmd) = sshopts::command_for(&remote_url(repo, remote, pushing))
    {
        out.extend(["-c".into(), format!("core.sshCommand={cmd}")]);
    }
    out
}

/// The URL git will use for `remote` (`insteadOf` applied by libgit2); a
/// remote that is not configured is a URL itself.
fn remote_url(repo: &Repository, remote: &str, pushing: bool) -> String {
    let Ok(r) = repo.find_remote(remote) else {
        return remote.to_string();
    };
    let push_url = pushing
        .then(|| r.pushurl().ok().flatten().map(str::to_string))
        .flatten();
    push_url
        .or_else(|| r.url().ok().map(str::to_string))
        .unwrap_or_else(|| remote.to_string())
}

pub(crate) fn git(
    repo: &Repository,
    dir: &Path,
    remote: &str,
    args: &[&str],
) -> Result<std::process::Output> {
    let pushing = args.first() == Some(&"push");
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(options(repo, remote, pushing))
        .args(args)
        // Never wait for a password on a terminal nobody watches.
        .env("GIT_TERMINAL_PROMPT", "0")
        .stdin(Stdio::null())
        .output()
        .map_err(StoreError::io(dir))
}

/// Git's whole error, one line per cause (control characters made
/// visible), then what to do about the first cause recognised.
pub fn failed(what: &str, remote: &str, detail: &str) -> StoreError {
    let mut lines: Vec<String> = Vec::new();
    for line in detail.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = line
            .trim_start_matches("fatal: ")
            .trim_start_matches("error: ");
        let clean: String = line
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect();
        if !lines.contains(&clean) {
            lines.push(clean);
        }
    }
    let mut text = format!("{what} `{remote}` {}:", t("mislukt", "failed"));
    for l in &lines {
        text.push_str("\n  ");
        text.push_str(l);
    }
    text.push_str(&format!(
        "\n{} {}",
        advice(detail),
        t(
            "Je lokale werk is veilig vastgelegd.",
            "Your local work is committed and safe."
        )
    ));
    StoreError::Sync(text)
}

/// What to do, for the causes people meet most.
fn advice(detail: &str) -> &'static str {
    let d = detail.to_lowercase();
    let has = |s: &str| d.contains(s);
    if has("host key verification failed") || has("host key for") {
        t(
            "De sleutel van de server is onbekend of veranderd: maak één keer verbinding met `ssh HOST` en controleer de vingerafdruk.",
            "The server's host key is unknown or changed: connect once with `ssh HOST` and check its fingerprint.",
        )
    } else if has("permission denied")
        || has("authentication failed")
        || has("could not read username")
        || has("401")
        || has("403")
    {
        t(
            "Inloggen geweigerd: controleer je sleutel (`ssh-add -l`) of je wachtwoord/token in de credential helper.",
            "Login refused: check your key (`ssh-add -l`) or the password/token in your credential helper.",
        )
    } else if has("connection refused")
        || has("could not resolve")
        || has("timed out")
        || has("timeout")
        || has("no route")
        || has("too slow")
        || has("operation too slow")
    {
        t(
            "De server is niet bereikbaar of antwoordt niet: controleer de URL (`git remote -v`) en je netwerk, en probeer later opnieuw.",
            "The server cannot be reached or does not answer: check the URL (`git remote -v`) and your network, and try again later.",
        )
    } else if has("does not appear to be a git repository")
        || has("not found")
        || has("repository") && has("exist")
    {
        t(
            "De repository bestaat niet op die plek: controleer de URL met `git remote -v`.",
            "The repository does not exist there: check the URL with `git remote -v`.",
        )
    } else if has("certificate") || has("ssl") {
        t(
            "Het certificaat van de server wordt niet vertrouwd: zet de CA met `git config http.sslCAInfo BESTAND`.",
            "The server's certificate is not trusted: set its CA with `git config http.sslCAInfo FILE`.",
        )
    } else {
        t("Probeer later opnieuw.", "Try again later.")
    }
}

/// Fetches every branch of `remote` into `refs/remotes/<remote>/*`, with
/// object checking on. A new, empty remote fetches nothing.
pub fn fetch(repo: &Repository, dir: &Path, remote: &str) -> Result<()> {
    let refspec = format!("+refs/heads/*:refs/remotes/{remote}/*");
    let what = t("ophalen van", "fetch from");
    if cli_available() {
        let out = git(
            repo,
            dir,
            remote,
            &["fetch", "--quiet", "--no-tags", "--prune", remote, &refspec],
        )?;
        if !out.status.success() {
            return Err(failed(what, remote, &String::from_utf8_lossy(&out.stderr)));
        }
        return Ok(());
    }
    libgit2::fetch(repo, remote, &refspec).map_err(|e| failed(what, remote, e.message()))
}

/// The branch the remote's HEAD names, when it says.
pub fn remote_head(repo: &Repository, dir: &Path, remote: &str) -> Result<Option<String>> {
    if cli_available() {
        let out = git(
            repo,
            dir,
            remote,
            &["ls-remote", "--symref", remote, "HEAD"],
        )?;
        if !out.status.success() {
            let what = t("ophalen van", "fetch from");
            return Err(failed(what, remote, &String::from_utf8_lossy(&out.stderr)));
        }
        let text = String::from_utf8_lossy(&out.stdout);
        return Ok(text.lines().find_map(|l| {
            l.strip_prefix("ref: refs/heads/")
                .and_then(|r| r.split('\t').next())
                .map(str::to_string)
        }));
    }
    Ok(libgit2::remote_head(repo, remote))
}

pub fn push(repo: &Repository, dir: &Path, remote: &str, branch: &str) -> Result<Push> {
    let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
    let what = t("versturen naar", "push to");
    if cli_available() {
        let out = git(
            repo,
            dir,
            remote,
            &["push", "--porcelain", remote, &refspec],
        )?;
        let text = String::from_utf8_lossy(&out.stdout);
        if text.lines().any(|l| l.starts_with('!')) {
            return Ok(Push::Rejected);
        }
        if !out.status.success() {
            return Err(failed(what, remote, &String::from_utf8_lossy(&out.stderr)));
        }
        return Ok(Push::Done);
    }
    libgit2::push(repo, remote, &refspec).map_err(|e| failed(what, remote, e.message()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_of_gits_error_is_kept_with_advice() {
        let e = failed(
            "fetch from",
            "origin",
            "ssh: connect to host x port 22: Connection refused\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n",
        )
        .to_string();
        assert!(e.contains("Connection refused"), "{e}");
        assert!(e.contains("and the repository exists."), "{e}");
        assert!(e.contains("git remote -v"), "{e}");
        assert!(!e.contains("fatal:"), "{e}");
    }

    #[test]
    fn the_users_ssh_and_timeouts_are_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        repo.remote("origin", "server:cases.git").unwrap();
        let opts = options(&repo, "origin", false).join(" ");
        assert!(opts.contains("transfer.fsckObjects=true"), "{opts}");
        assert!(opts.contains("core.sshCommand=ssh"), "{opts}");
        let https = options(&repo, "https://example.org/c.git", false).join(" ");
        assert!(!https.contains("sshCommand"), "{https}");
        let mut cfg = repo.config().unwrap();
        cfg.set_str("core.sshCommand", "my-ssh").unwrap();
        cfg.set_str("http.lowSpeedTime", "5").unwrap();
        let opts = options(&repo, "origin", false).join(" ");
        assert!(!opts.contains("sshCommand"), "{opts}");
        assert!(!opts.contains("lowSpeedTime"), "{opts}");
    }
}
