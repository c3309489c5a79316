//! The transport without a system git: git2 with bounded timeouts, the
//! `http.sslCAInfo`/`http.sslCAPath` of the user's git config, and
//! credentials as ssh and git would find them: the URL's user (else the
//! local user name for ssh, like ssh does), the agent first, then every
//! key in `~/.ssh` once, and the credential helper asked for the URL's
//! user or none.

use super::{CONNECT_SECS, STALL_SECS};
use crate::i18n::t;
use git2::{Cred, CredentialType, FetchOptions, PushOptions, RemoteCallbacks, Repository};
use std::path::PathBuf;
use std::sync::Once;

/// libgit2's process-wide settings, set once before any transfer.
fn global_settings(repo: &Repository) {
    // The CA bundle libgit2 was started without (see `git::tls`).
    crate::store::git::tls::load_ca_bundle();
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: these setters write libgit2's global options; they run
        // once, before this process starts any transfer.
        unsafe {
            let _ = git2::opts::set_server_connect_timeout_in_milliseconds(
                (CONNECT_SECS * 1000) as i32,
            );
            let _ = git2::opts::set_server_timeout_in_milliseconds((STALL_SECS * 1000) as i32);
        }
    });
    let Ok(cfg) = repo.config() else { return };
    // SAFETY: as above; the user's CA settings, read from git config.
    unsafe {
        if let Ok(file) = cfg.get_path("http.sslCAInfo") {
            let _ = git2::opts::set_ssl_cert_file(file);
        }
        if let Ok(dir) = cfg.get_path("http.sslCAPath") {
            let _ = git2::opts::set_ssl_cert_dir(dir);
        }
    }
}

/// The local user name, which ssh uses when the URL names none: `$USER`,
/// `$LOGNAME`, else this process's entry in `/etc/passwd`.
fn local_user() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .or_else(passwd_name)
        .unwrap_or_else(|| "git".into())
}

fn passwd_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    // A process owns its /proc entry: its uid without unsafe code.
    let uid = std::fs::metadata("/proc/self").ok()?.uid().to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.get(2) == Some(&uid.as_str())).then(|| f[0].to_string())
    })
}

/// The keys in `~/.ssh` that exist, in ssh's order.
pub fn key_files() -> Vec<PathBuf> {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    ["id_ed25519", "id_ecdsa", "id_rsa"]
        .iter()
        .map(|k| home.join(".ssh").join(k))
        .filter(|p| p.is_file())
        .collect()
}

fn callbacks(repo: &Repository) -> RemoteCallbacks<'static> {
    global_settings(repo);
    let config = repo.config().ok();
    let keys = key_files();
    // Next ssh attempt: 0 is the agent, then each key file once.
    let mut next_key = 0usize;
    let mut asked_helper = false;
    let mut cb = RemoteCallbacks::new();
    cb.credentials(move |url, user, allowed| {
        if allowed.contains(CredentialType::USERNAME) {
            return Cred::username(&user.map_or_else(local_user, str::to_string));
        }
        if allowed.contains(CredentialType::SSH_KEY) {
            let user = user.map_or_else(local_user, str::to_string);
            let attempt = next_key;
            next_key += 1;
            if attempt == 0 {
                return Cred::ssh_key_from_agent(&user);
            }
            if let Some(key) = keys.get(attempt - 1) {
                return Cred::ssh_key(&user, None, key, None);
            }
        }
        if allowed.contains(CredentialType::USER_PASS_PLAINTEXT)
            && !asked_helper
            && let Some(cfg) = &config
        {
            asked_helper = true;
            return Cred::credential_helper(cfg, url, user);
        }
        Err(git2::Error::from_str(t(
            "inloggen geweigerd (agent, sleutels in ~/.ssh en credential helper geprobeerd)",
            "login refused (tried the agent, the keys in ~/.ssh and the credential helper)",
        )))
    });
    cb
}

pub fn fetch(repo: &Repository, remote: &str, refspec: &str) -> Result<(), git2::Error> {
    let mut opts = FetchOptions::new();
    opts.remote_callbacks(callbacks(repo));
    opts.prune(git2::FetchPrune::On);
    let mut r = repo.find_remote(remote)?;
    r.fetch(&[refspec], Some(&mut opts), None)
}

pub fn remote_head(repo: &Repository, remote: &str) -> Option<String> {
    let mut r = repo.find_remote(remote).ok()?;
    let conn = r
        .connect_auth(git2::Direction::Fetch, Some(callbacks(repo)), None)
        .ok()?;
    let head = conn.default_branch().ok()?;
    head.as_str()
        .ok()?
        .strip_prefix("refs/heads/")
        .map(str::to_string)
}

pub fn push(repo: &Repository, remote: &str, refspec: &str) -> Result<super::Push, git2::Error> {
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
    match r.push(&[refspec], Some(&mut opts)) {
        Ok(()) if rejected.get() => Ok(super::Push::Rejected),
        Ok(()) => Ok(super::Push::Done),
        Err(e) if e.code() == git2::ErrorCode::NotFastForward => Ok(super::Push::Rejected),
        Err(e) => Err(e),
    }
}
