//! Joining and trusting a remote, with local bare remotes: a hostile tree
//! is refused with nothing written, `clone` follows the remote's HEAD (or
//! the branch with the cases when HEAD points nowhere), `init` in a folder
//! with a remote joins, and diverging case branches are explained.

mod common;
use common::Sandbox;
use std::path::{Path, PathBuf};
use std::process::Command;

const DAY: &str = "2025-09-15";
const P: &str = "leerplichtwet";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Mallory")
        .env("GIT_AUTHOR_EMAIL", "m@example.org")
        .env("GIT_COMMITTER_NAME", "Mallory")
        .env("GIT_COMMITTER_EMAIL", "m@example.org")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A's repository with one case, pushed to a new bare remote.
fn seeded() -> (Sandbox, PathBuf, String) {
    let a = Sandbox::named("Officer A");
    let bare = a.home.path().join("remote.git");
    git(
        a.home.path(),
        &["init", "--bare", "-q", bare.to_str().unwrap()],
    );
    a.ok(DAY, &["init", "--remote", bare.to_str().unwrap()]);
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    (a, bare, id)
}

/// Pushes to `bare` a commit on top of master whose tree also has `entry`
/// (an `ls-tree` line naming a blob), made with git's plumbing.
fn push_hostile(bare: &Path, mode: &str, name: &str, content: &str) -> String {
    let tree_of = |t: &str| git(bare, &["ls-tree", t]);
    let blob = {
        let f = bare.join("blob");
        std::fs::write(&f, content).unwrap();
        git(bare, &["hash-object", "-w", f.to_str().unwrap()])
    };
    let (dir, leaf) = match name.split_once('/') {
        Some((d, l)) => (Some(d), l),
        None => (None, name),
    };
    let mktree = |listing: String| {
        let mut c = Command::new("git")
            .arg("-C")
            .arg(bare)
            .args(["mktree", "--missing"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write;
        c.stdin
            .take()
            .unwrap()
            .write_all(listing.as_bytes())
            .unwrap();
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    };
    let mut top = tree_of("master^{tree}");
    let entry = format!("{mode} blob {blob}\t{leaf}");
    match dir {
        None => top = format!("{top}\n{entry}"),
        Some(d) => {
            let sub = mktree(entry);
            top = format!("{top}\n040000 tree {sub}\t{d}");
        }
    }
    let tree = mktree(top + "\n");
    let commit = git(
        bare,
        &["commit-tree", "-p", "master", "-m", "hostile", &tree],
    );
    git(bare, &["update-ref", "refs/heads/master", &commit]);
    commit
}

#[test]
fn a_hostile_tree_is_refused_naming_commit_and_path_with_nothing_written() {
    for transport in ["git", "libgit2"] {
        for (mode, name, content) in [
            (
                "100644",
                ".git/config",
                "[core]\n\tfsmonitor = touch /tmp/pwned\n",
            ),
            ("120000", "cases/link.toml", "/etc/passwd"),
            ("100755", "cases/run.toml", "#!/bin/sh\n"),
            ("100644", "hooks/post-merge", "x"),
            ("100644", "../escape.toml", "x"),
        ] {
            let (a, bare, _) = seeded();
            let b = Sandbox::named("Officer B");
            b.ok(DAY, &["clone", bare.to_str().unwrap()]);
            let head = b.git(&["rev-parse", "HEAD"]);
            let files = b.git(&["ls-files"]);
            let commit = push_hostile(&bare, mode, name, content);
            let out = b
                .cmd(DAY, &["sync"])
                .env("VERZUIM_GIT", transport)
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{transport} {name}: {err}");
            // Refused by our check (naming commit and path) or by git's own
            // object check, which catches `.git` and `..` first.
            assert!(
                err.contains(&commit[..12]) && err.contains(name.split('/').next().unwrap())
                    || err.contains("fsck")
                    || err.contains("hasDot"),
                "{transport} {name}: {err}"
            );
            assert_eq!(b.git(&["rev-parse", "HEAD"]), head, "{name}");
            assert_eq!(b.git(&["ls-files"]), files, "{name}");
            assert!(
                !b.dir
                    .join(".git/config")
                    .read_to_string_contains("fsmonitor")
            );
            assert!(!b.dir.join("cases/link.toml").exists() && !b.dir.join("hooks").exists());
            assert!(!b.dir.join("cases/run.toml").exists());
            assert!(!b.home.path().join("escape.toml").exists());
            // A fresh clone of it is refused the same way, and writes nothing.
            let c = Sandbox::named("Officer C");
            let out = c
                .cmd(DAY, &["clone", bare.to_str().unwrap()])
                .env("VERZUIM_GIT", transport)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(2), "clone {transport} {name}");
            assert!(!c.dir.join("verzuim.toml").exists(), "clone {name}");
            drop(a);
        }
    }
}

trait Contains {
    fn read_to_string_contains(&self, s: &str) -> bool;
}
impl Contains for PathBuf {
    fn read_to_string_contains(&self, s: &str) -> bool {
        std::fs::read_to_string(self).is_ok_and(|t| t.contains(s))
    }
}

#[test]
fn init_names_its_branch_as_git_does_so_git_clone_of_the_remote_works() {
    let (_a, bare, id) = seeded();
    assert_eq!(git(&bare, &["symbolic-ref", "HEAD"]), "refs/heads/master");
    let b = Sandbox::named("Officer B");
    git(
        b.home.path(),
        &[
            "clone",
            "-q",
            bare.to_str().unwrap(),
            b.dir.to_str().unwrap(),
        ],
    );
    assert!(b.case_file(&id).exists());
    assert!(b.dir.join("cases/.gitkeep").exists());
    // With init.defaultBranch set, that name.
    let c = Sandbox::named("Officer C");
    let cfg = c.home.path().join(".gitconfig");
    let text = std::fs::read_to_string(&cfg).unwrap() + "[init]\n\tdefaultBranch = trunk\n";
    std::fs::write(&cfg, text).unwrap();
    c.ok(DAY, &["init"]);
    assert_eq!(c.git(&["symbolic-ref", "HEAD"]).trim(), "refs/heads/trunk");
}

#[test]
fn clone_follows_head_or_the_branch_with_the_cases_and_says_so() {
    let (_a, bare, id) = seeded();
    let b = Sandbox::named("Officer B");
    let out = b.ok(DAY, &["clone", bare.to_str().unwrap()]);
    assert!(out.contains("master"), "{out}");
    assert!(b.case_file(&id).exists());
    assert!(b.dir.join("cases").is_dir());
    assert_eq!(b.git(&["status", "--porcelain"]), "");
    // HEAD at a branch that does not exist (a bare made with -b main).
    git(&bare, &["symbolic-ref", "HEAD", "refs/heads/main"]);
    let c = Sandbox::named("Officer C");
    let out = c.ok(DAY, &["--lang", "en", "clone", bare.to_str().unwrap()]);
    assert!(
        out.contains("does not point at an existing branch") && out.contains("`master`"),
        "{out}"
    );
    assert!(c.case_file(&id).exists());
    // Works on: a new case syncs back.
    c.new_case(P);
    let out = c.ok(DAY, &["sync"]);
    assert!(out.contains("uit: 1 commit"), "{out}");
}

#[test]
fn init_in_an_empty_folder_with_a_remote_joins_instead_of_starting_anew() {
    let (a, bare, id) = seeded();
    let b = Sandbox::named("Officer B");
    std::fs::create_dir_all(&b.dir).unwrap();
    git(&b.dir, &["init", "-q"]);
    git(&b.dir, &["remote", "add", "origin", bare.to_str().unwrap()]);
    b.ok(DAY, &["init"]);
    assert!(b.case_file(&id).exists());
    b.ok(DAY, &["add", &id, "ziek", "--date", DAY]);
    b.ok(DAY, &["sync"]);
    assert!(a.ok(DAY, &["sync"]).contains("1 gebeurtenis toegevoegd"));
}

#[test]
fn a_second_case_branch_is_never_made_and_diverging_ones_are_explained() {
    let (a, bare, id) = seeded();
    // B started on its own with `main`, then added the remote.
    let b = Sandbox::named("Officer B");
    let cfg = b.home.path().join(".gitconfig");
    let text = std::fs::read_to_string(&cfg).unwrap() + "[init]\n\tdefaultBranch = main\n";
    std::fs::write(&cfg, text).unwrap();
    b.ok(DAY, &["init"]);
    let mine = b.new_case(P);
    b.git(&["remote", "add", "origin", bare.to_str().unwrap()]);
    let err = b.fails(DAY, &["--lang", "en", "sync"], 1);
    assert!(err.contains("branch -m main master"), "{err}");
    assert_eq!(
        git(&bare, &["branch", "--list"]).lines().count(),
        1,
        "no second branch"
    );
    b.git(&["branch", "-m", "main", "master"]);
    b.ok(DAY, &["sync"]);
    a.ok(DAY, &["sync"]);
    assert!(a.case_file(&mine).exists() && b.case_file(&id).exists());
    // Someone pushed a second, diverging case branch by hand.
    let c = Sandbox::named("Officer C");
    c.ok(DAY, &["clone", bare.to_str().unwrap()]);
    let other = c.new_case(P);
    c.git(&["push", "-q", "origin", "master:split"]);
    a.ok(DAY, &["add", &id, "ziek", "--date", DAY]);
    let err = a.fails(DAY, &["--lang", "en", "sync"], 1);
    assert!(
        err.contains("sync --join split") && err.contains("--delete split"),
        "{err}"
    );
    a.ok(DAY, &["sync", "--join", "split"]);
    assert!(a.case_file(&other).exists());
    a.git(&["push", "-q", "origin", "--delete", "split"]);
    assert!(a.ok(DAY, &["sync"]).contains("uit: 0 commits"));
}
