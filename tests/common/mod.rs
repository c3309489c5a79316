//! Shared helpers: run the real binary on a temp repository with a
//! sandboxed HOME, so the machine's git config never leaks into a test.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Sandbox {
    pub home: tempfile::TempDir,
    pub dir: PathBuf,
}

impl Default for Sandbox {
    fn default() -> Self {
        Sandbox::new()
    }
}

impl Sandbox {
    /// A HOME with a git identity, and a repository path inside it.
    pub fn new() -> Sandbox {
        Sandbox::named("Test Officer")
    }

    /// A sandbox whose git user has this name.
    pub fn named(name: &str) -> Sandbox {
        let s = Sandbox::without_author();
        let email = name.to_lowercase().replace(' ', ".");
        let config = format!("[user]\n\tname = {name}\n\temail = {email}@example.org\n");
        std::fs::write(s.home.path().join(".gitconfig"), config).unwrap();
        s
    }

    pub fn without_author() -> Sandbox {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("cases-repo");
        Sandbox { home, dir }
    }

    pub fn cmd(&self, today: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_verzuim"));
        c.args(["--dir", self.dir.to_str().unwrap(), "--today", today])
            .args(args)
            .env_clear()
            .env("HOME", self.home.path())
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("XDG_CONFIG_HOME", self.home.path().join(".config"));
        c
    }

    pub fn run(&self, today: &str, args: &[&str]) -> Output {
        self.cmd(today, args).output().unwrap()
    }

    /// Runs and expects success; returns trimmed stdout.
    pub fn ok(&self, today: &str, args: &[&str]) -> String {
        let out = self.run(today, args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// Runs a command expected to fail with `code`; returns its stderr.
    pub fn fails(&self, today: &str, args: &[&str], code: i32) -> String {
        let out = self.run(today, args);
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        err
    }

    /// Runs a command that reports broken files (exit 2) but still prints.
    pub fn ok_or_2(&self, today: &str, args: &[&str]) -> String {
        let out = self.run(today, args);
        assert!(
            matches!(out.status.code(), Some(0 | 2)),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.dir)
            .args(args)
            .env("HOME", self.home.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    }

    pub fn commit_count(&self) -> usize {
        self.git(&["rev-list", "--count", "HEAD"])
            .trim()
            .parse()
            .unwrap()
    }

    pub fn case_file(&self, id: &str) -> PathBuf {
        self.dir.join("cases").join(format!("{id}.toml"))
    }

    pub fn new_case(&self, protocol: &str) -> String {
        self.new_case_with(protocol, &[])
    }

    /// `new` for Anna Test (vo, De Brug) under `protocol`, with `extra`
    /// options (`--gemeente`, `--owner`, ...); its id.
    pub fn new_case_with(&self, protocol: &str, extra: &[&str]) -> String {
        let mut args = new_case_args("vo", protocol);
        args.extend_from_slice(extra);
        self.ok("2025-09-01", &args)
    }
}

/// The arguments of `new` for Anna Test at `level` under `protocol`.
pub fn new_case_args<'a>(level: &'a str, protocol: &'a str) -> Vec<&'a str> {
    vec![
        "new",
        "--name",
        "Anna Test",
        "--birth",
        "2011-05-06",
        "--school",
        "De Brug",
        "--level",
        level,
        "--protocol",
        protocol,
    ]
}

pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `git -C dir ARGS` with a sandboxed HOME; panics with git's words when it
/// fails.
pub fn git_ok(dir: &Path, home: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Two machines sharing one remote: a bare repository in `a`'s home, `a`'s
/// repository pushed to it by `verzuim sync` on `today`, `b`'s folder a
/// `git clone` of it. Returns the bare repository's path.
pub fn share(a: &Sandbox, b: &Sandbox, today: &str) -> PathBuf {
    let bare = a.home.path().join("remote.git");
    let home = a.home.path();
    git_ok(
        home,
        home,
        &["init", "--bare", "-q", bare.to_str().unwrap()],
    );
    git_ok(
        &a.dir,
        home,
        &["remote", "add", "origin", bare.to_str().unwrap()],
    );
    a.ok(today, &["sync"]);
    let bhome = b.home.path();
    git_ok(
        bhome,
        bhome,
        &[
            "clone",
            "-q",
            bare.to_str().unwrap(),
            b.dir.to_str().unwrap(),
        ],
    );
    bare
}
