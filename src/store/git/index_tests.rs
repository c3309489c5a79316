//! The spliced index is one git and libgit2 read as their own: it equals
//! HEAD (`git diff-index --cached`), its stat data matches the files
//! (`git diff-files`), and forms it does not handle go to libgit2.

use super::*;
use crate::store::git::{self as store_git, Change};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// Files to commit: a path and its text (`None` removes it).
type Files<'a> = Vec<(&'a str, Option<&'a str>)>;

/// Writes the files, commits them as verzuim does (a `None` removes).
fn commit(repo: &Repository, files: &[(&str, Option<&str>)]) {
    let root = repo.workdir().unwrap();
    for (path, text) in files {
        let full = root.join(path);
        match text {
            Some(t) => {
                std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                std::fs::write(&full, t).unwrap();
            }
            None => std::fs::remove_file(&full).unwrap(),
        }
    }
    let changes: Vec<Change> = files
        .iter()
        .map(|(path, text)| Change {
            path,
            content: text.map(str::as_bytes),
        })
        .collect();
    let author = git2::Signature::now("Unit", "unit@example.org").unwrap();
    store_git::commit(repo, &changes, "test", &author).unwrap();
}

/// The index equals HEAD, describes the files, and libgit2 reads it.
fn in_line(repo: &Repository, what: &str) {
    let dir = repo.workdir().unwrap();
    assert_eq!(git(dir, &["diff-index", "--cached", "HEAD"]), "", "{what}");
    assert_eq!(git(dir, &["diff-files"]), "", "{what}");
    assert_eq!(git(dir, &["status", "--porcelain"]), "", "{what}");
    let fresh = Repository::open(dir).unwrap();
    let index = fresh.index().unwrap();
    for e in index.iter() {
        let path = std::str::from_utf8(&e.path).unwrap();
        let meta = std::fs::symlink_metadata(dir.join(path)).unwrap();
        assert_eq!(u64::from(e.file_size), meta.size(), "{what}: {path}");
        assert_eq!(i64::from(e.mtime.seconds()), meta.mtime(), "{what}: {path}");
        assert_eq!(u64::from(e.ino), meta.ino() & 0xffff_ffff, "{what}: {path}");
    }
}

#[test]
fn a_case_added_changed_and_removed_leaves_the_index_git_expects() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let first: Vec<String> = (0..30).map(|i| format!("cases/c{i:03}.toml")).collect();
    let files: Vec<(&str, Option<&str>)> = first
        .iter()
        .map(|p| (p.as_str(), Some("x = 1\n")))
        .chain([("verzuim.toml", Some("a = 1\n"))])
        .collect();
    commit(&repo, &files); // no index yet: libgit2 writes the first
    in_line(&repo, "first");
    // A cache tree (`git read-tree` writes one) is dropped: git rebuilds it.
    git(dir.path(), &["read-tree", "HEAD"]);
    git(dir.path(), &["update-index", "--refresh"]);
    let has_tree = || {
        let index = std::fs::read(dir.path().join(".git/index")).unwrap();
        index.windows(4).any(|w| w == b"TREE")
    };
    assert!(has_tree());
    let steps: [(&str, Files); 5] = [
        ("added", vec![("cases/c0105.toml", Some("new\n"))]),
        (
            "changed",
            vec![("cases/c010.toml", Some("changed, longer\n"))],
        ),
        ("removed", vec![("cases/c020.toml", None)]),
        (
            "several, a new folder, a long name",
            vec![
                ("cases/a.toml", Some("a\n")),
                ("cases/c029.toml", None),
                ("conflicts/x.toml", Some("c\n")),
                (
                    "zz/very-long-name-of-a-file-in-a-folder-abcdefghijklmnop.toml",
                    Some("z\n"),
                ),
            ],
        ),
        (
            "the last of a path named twice",
            vec![("cases/c001.toml", Some("1\n")), ("cases/c001.toml", None)],
        ),
    ];
    for (what, files) in &steps {
        commit(&repo, files);
        assert!(!has_tree(), "{what}");
        in_line(&repo, what);
    }
}

#[test]
fn other_forms_go_to_libgit2_and_a_held_lock_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    commit(
        &repo,
        &[("cases/a.toml", Some("a\n")), ("cases/b.toml", Some("b\n"))],
    );
    // Version 4 (prefix-compressed paths): not spliced, libgit2 updates it.
    git(dir.path(), &["update-index", "--index-version", "4"]);
    std::fs::write(dir.path().join("cases/a.toml"), "a2\n").unwrap();
    assert!(!splice(&repo, &[("cases/a.toml", true)]).unwrap());
    commit(&repo, &[("cases/a.toml", Some("a3\n"))]);
    in_line(&repo, "version 4");
    git(dir.path(), &["update-index", "--index-version", "2"]);
    std::fs::write(dir.path().join(".git/index.lock"), "").unwrap();
    let err = splice(&repo, &[("cases/a.toml", true)]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::Locked);
    assert!(
        dir.path().join(".git/index.lock").exists(),
        "git's lock is not ours to remove"
    );
}

/// An entry whose file changed in the instant the index was written keeps
/// no stat data a reader could trust (git's smudge: size 0).
#[test]
fn a_racily_clean_entry_of_a_changed_file_is_smudged() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    commit(
        &repo,
        &[("cases/a.toml", Some("a\n")), ("cases/b.toml", Some("b\n"))],
    );
    commit(&repo, &[("cases/a.toml", Some("1\n"))]);
    // b changed, same size; the index made as old as the epoch, so every
    // entry is as new as the index: racily clean.
    std::fs::write(dir.path().join("cases/b.toml"), "B\n").unwrap();
    let index = std::fs::File::options()
        .write(true)
        .open(dir.path().join(".git/index"))
        .unwrap();
    index.set_modified(std::time::UNIX_EPOCH).unwrap();
    drop(index);
    commit(&repo, &[("cases/c.toml", Some("c\n"))]);
    let fresh = Repository::open(dir.path()).unwrap();
    let index = fresh.index().unwrap();
    let size = |p: &str| index.get_path(Path::new(p), 0).unwrap().file_size;
    assert_eq!(
        size("cases/b.toml"),
        0,
        "the changed file's entry is smudged"
    );
    assert_eq!(size("cases/a.toml"), 2, "an unchanged file's entry is kept");
    let status = git(dir.path(), &["status", "--porcelain"]);
    assert_eq!(status.trim(), "M cases/b.toml");
}

/// A damaged index (a torn write) is not spliced: a splice would seal the
/// damage with a valid checksum, and git and libgit2 would trust it.
#[test]
fn a_damaged_index_is_left_to_libgit2() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    commit(
        &repo,
        &[("cases/a.toml", Some("a\n")), ("cases/b.toml", Some("b\n"))],
    );
    let path = dir.path().join(".git/index");
    let good = std::fs::read(&path).unwrap();
    let mut bad = good.clone();
    // A byte of the first entry's blob id.
    bad[12 + 40] ^= 0xff;
    std::fs::write(&path, &bad).unwrap();
    std::fs::write(dir.path().join("cases/a.toml"), "a2\n").unwrap();
    assert!(!splice(&repo, &[("cases/a.toml", true)]).unwrap());
    assert_eq!(std::fs::read(&path).unwrap(), bad, "nothing written");
    assert!(!dir.path().join(".git/index.lock").exists());
}
