//! Where verzuim keeps things when no folder is given (the `etcetera`
//! crate's XDG strategy, on every system): the case repository in
//! `$XDG_DATA_HOME/verzuim`, else `~/.local/share/verzuim`; the user's key
//! in `$XDG_CONFIG_HOME/verzuim`, else `~/.config/verzuim`. An empty (or
//! relative) variable counts as unset, as the XDG specification says.

mod common;
use common::Sandbox;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary with a sandboxed HOME, no `--dir`, no `$VERZUIM_DIR`, and
/// the XDG variables given (`None`: unset).
fn run(s: &Sandbox, data: Option<&str>, config: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_verzuim"));
    c.args(args)
        .env_clear()
        .env("HOME", s.home.path())
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("VERZUIM_PASSPHRASE", "geheim")
        .env("VERZUIM_SCRYPT_WORK", "10");
    if let Some(d) = data {
        c.env("XDG_DATA_HOME", d);
    }
    if let Some(d) = config {
        c.env("XDG_CONFIG_HOME", d);
    }
    c.output().unwrap()
}

fn init_lands_in(data: Option<&str>, expected: impl Fn(&Path) -> PathBuf) {
    let s = Sandbox::new();
    let out = run(&s, data, None, &["init"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{data:?}: {stderr}");
    let dir = expected(s.home.path());
    assert!(dir.join(".git").is_dir(), "{data:?}: nothing in {dir:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(dir.to_str().unwrap()), "{stdout}");
    // And every later command finds it there.
    let out = run(&s, data, None, &["check"]);
    assert!(out.status.success(), "{data:?}: check failed");
}

#[test]
fn the_repository_is_in_xdg_data_home_when_it_is_set() {
    let elsewhere = tempfile::tempdir().unwrap();
    let data = elsewhere.path().to_str().unwrap().to_string();
    init_lands_in(Some(&data), |_| elsewhere.path().join("verzuim"));
}

#[test]
fn the_repository_is_in_local_share_when_xdg_data_home_is_empty_or_unset() {
    let default = |home: &Path| home.join(".local/share/verzuim");
    init_lands_in(None, default);
    init_lands_in(Some(""), default);
    init_lands_in(Some("relative/path"), default);
}

#[test]
fn the_key_is_in_xdg_config_home_else_in_dot_config() {
    let s = Sandbox::new();
    let out = run(&s, None, None, &["keys", "init"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let default = s.home.path().join(".config/verzuim/identity.age");
    assert!(default.is_file(), "no key at {default:?}");

    let s = Sandbox::new();
    let elsewhere = tempfile::tempdir().unwrap();
    let config = elsewhere.path().to_str().unwrap();
    let out = run(&s, None, Some(config), &["keys", "init"]);
    assert!(out.status.success());
    assert!(elsewhere.path().join("verzuim/identity.age").is_file());
    assert!(!s.home.path().join(".config/verzuim").exists());

    let s = Sandbox::new();
    let out = run(&s, None, Some(""), &["keys", "init"]);
    assert!(out.status.success());
    assert!(s.home.path().join(".config/verzuim/identity.age").is_file());
}
