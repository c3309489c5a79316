//! The spliced trees are exactly the trees git writes for the same change.

use super::*;
use crate::store::git::{self as store_git, Change};
use std::path::Path;
use std::process::Command;

fn update_one(repo: &Repository, base: Option<Oid>, name: &str, e: Option<Oid>) -> Option<Oid> {
    let p = &mut Pending::default();
    update(repo, base, &[(name, e)], p, &mut Vec::new()).unwrap()
}

/// Names git orders in tricky ways ('.' and '-' before '/', a folder as
/// if its name ended in '/'), against libgit2's tree builder.
#[test]
fn splice_matches_libgit2_treebuilder() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let blob = repo.blob(b"x").unwrap();
    let other = repo.blob(b"y").unwrap();
    let names = ["b.toml", "a", "a.b", "a-b", "ab", "c", "zz"];
    let mut ours: Option<Oid> = None;
    let mut theirs = repo.treebuilder(None).unwrap();
    for (i, n) in names.iter().enumerate() {
        // Every third name a folder `n/f`.
        if i % 3 == 1 {
            ours = {
                let p = &mut Pending::default();
                let path = format!("{n}/f");
                update(&repo, ours, &[(&path, Some(blob))], p, &mut Vec::new()).unwrap()
            };
            let mut sub = repo.treebuilder(None).unwrap();
            sub.insert("f", blob, 0o100644).unwrap();
            theirs.insert(n, sub.write().unwrap(), 0o040000).unwrap();
        } else {
            ours = update_one(&repo, ours, n, Some(blob));
            theirs.insert(n, blob, 0o100644).unwrap();
        }
        assert_eq!(ours, Some(theirs.write().unwrap()), "after inserting {n}");
    }
    ours = update_one(&repo, ours, "ab", Some(other));
    theirs.insert("ab", other, 0o100644).unwrap();
    assert_eq!(ours, Some(theirs.write().unwrap()), "replace");
    ours = update_one(&repo, ours, "a.b", None);
    theirs.remove("a.b").unwrap();
    assert_eq!(ours, Some(theirs.write().unwrap()), "remove");
    assert_eq!(update_one(&repo, None, "x", None), None);
}

/// `git` in `dir` with a private index; its trimmed output.
fn git(dir: &Path, index: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_INDEX_FILE", index)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// The tree git itself writes for `changes` (already on disk) on top of
/// `parent`:
/// `git read-tree`, `git update-index`, `git write-tree`.
fn git_tree(dir: &Path, parent: &str, changes: &[(&str, Option<&[u8]>)]) -> String {
    let index = dir.join(".git/test-index");
    let _ = std::fs::remove_file(&index);
    git(dir, &index, &["read-tree", parent]);
    for (path, content) in changes {
        match content {
            // The file as written on disk: git hashes and stores it.
            Some(_) => {
                git(dir, &index, &["update-index", "--add", path]);
            }
            None => {
                git(dir, &index, &["update-index", "--force-remove", path]);
            }
        }
    }
    git(dir, &index, &["write-tree"])
}

/// A commit's files: a path and its bytes (`None` removes it).
type Changes<'a> = Vec<(&'a str, Option<&'a [u8]>)>;

/// The files written (or removed) as a commit of them expects.
fn write_files(dir: &Path, changes: &[(&str, Option<&[u8]>)]) {
    for (path, content) in changes {
        let full = dir.join(path);
        match content {
            Some(bytes) => {
                std::fs::create_dir_all(full.parent().unwrap()).unwrap();
                std::fs::write(&full, bytes).unwrap();
            }
            None => {
                let _ = std::fs::remove_file(&full);
            }
        }
    }
}

/// Commits `changes` as verzuim does and checks the tree against git's.
fn commit_and_compare(repo: &Repository, changes: &[(&str, Option<&[u8]>)], what: &str) {
    let dir = repo.workdir().unwrap();
    write_files(dir, changes);
    let parent = repo
        .head()
        .unwrap()
        .peel_to_commit()
        .unwrap()
        .id()
        .to_string();
    let expected = git_tree(dir, &parent, changes);
    let list: Vec<Change> = changes
        .iter()
        .map(|(path, content)| Change {
            path,
            content: *content,
        })
        .collect();
    let author = git2::Signature::now("Unit", "unit@example.org").unwrap();
    let id = store_git::commit(repo, &list, what, &author).unwrap();
    let ours = repo.find_commit(id).unwrap().tree_id().to_string();
    assert_eq!(ours, expected, "{what}: our tree differs from git's");
}

#[test]
fn a_commit_writes_the_tree_git_writes_for_a_case_added_changed_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let author = git2::Signature::now("Unit", "unit@example.org").unwrap();
    // A first commit with a few cases and a file at the top.
    let mut first: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| {
            (
                format!("cases/c{i:03}.toml"),
                format!("id = {i}\n").into_bytes(),
            )
        })
        .collect();
    first.push(("verzuim.toml".into(), b"x = 1\n".to_vec()));
    let on_disk: Vec<(&str, Option<&[u8]>)> = first
        .iter()
        .map(|(p, c)| (p.as_str(), Some(c.as_slice())))
        .collect();
    write_files(dir.path(), &on_disk);
    store_git::commit(&repo, &Change::writes(&first), "first", &author).unwrap();
    let steps: [(&str, Changes); 6] = [
        ("added", vec![("cases/c0205.toml", Some(b"new\n"))]),
        ("changed", vec![("cases/c010.toml", Some(b"changed\n"))]),
        ("removed (retention)", vec![("cases/c020.toml", None)]),
        (
            "several at once (an import), a new folder too",
            vec![
                ("cases/a.toml", Some(b"a\n")),
                ("cases/c039.toml", None),
                ("cases/zz.toml", Some(b"z\n")),
                ("conflicts/c1.toml", Some(b"c\n")),
                ("cases/c001.toml", Some(b"1\n")),
            ],
        ),
        ("a folder emptied", vec![("conflicts/c1.toml", None)]),
        (
            "the same file twice: the last wins",
            vec![
                ("cases/c002.toml", Some(b"first\n")),
                ("cases/c002.toml", Some(b"last\n")),
            ],
        ),
    ];
    for (what, changes) in &steps {
        commit_and_compare(&repo, changes, what);
    }
    // A new process (nothing kept in memory) reads the cache file: same.
    tree_cache::forget();
    commit_and_compare(&repo, &[("cases/c003.toml", Some(b"3\n"))], "after forget");
}

/// A `cases/` tree from 256 KB on is stored without compression; git and
/// libgit2 read it as any other.
#[test]
fn a_large_tree_is_stored_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repository::init(dir.path()).unwrap();
    let blob = repo.blob(b"x").unwrap();
    let paths: Vec<String> = (0..8000).map(|i| format!("cases/c{i:05}.toml")).collect();
    let changes: Vec<(&str, Option<Oid>)> =
        paths.iter().map(|p| (p.as_str(), Some(blob))).collect();
    let root = update(
        &repo,
        None,
        &changes,
        &mut Pending::default(),
        &mut Vec::new(),
    )
    .unwrap()
    .unwrap();
    let cases = repo
        .find_tree(root)
        .unwrap()
        .get_name("cases")
        .unwrap()
        .id();
    let fresh = Repository::open(dir.path()).unwrap();
    assert_eq!(fresh.find_tree(cases).unwrap().len(), 8000);
    assert!(fresh.odb().unwrap().read(cases).unwrap().len() >= STORED_FROM);
    let index = dir.path().join(".git/unused-index");
    let listed = git(dir.path(), &index, &["cat-file", "-p", &cases.to_string()]);
    assert_eq!(listed.lines().count(), 8000);
    // Stored: the object file is larger than the tree it holds.
    let hex = cases.to_string();
    let file = dir
        .path()
        .join(".git/objects")
        .join(&hex[..2])
        .join(&hex[2..]);
    let size = std::fs::metadata(file).unwrap().len() as usize;
    assert!(
        size > fresh.odb().unwrap().read(cases).unwrap().len(),
        "{size}"
    );
}
