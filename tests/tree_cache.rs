//! The tree cache (`.git/verzuim-tree.cache`, issue 13) never writes a
//! wrong tree when HEAD moved without verzuim: the git CLI (a commit, a
//! reset to an older commit), a sync, a `retention destroy` rewrite. After
//! each, the next write's commit changes exactly its own file on top of
//! the new HEAD, and git finds the repository sound.

mod common;
#[path = "common/retention.rs"]
mod support;
use common::{Sandbox, git_ok, share};

const DAY: &str = "2025-09-02";

fn add(s: &Sandbox, id: &str, note: &str) {
    s.ok(DAY, &["add", id, "notitie", "--date", DAY, "--note", note]);
}

/// HEAD's last commit changed only `cases/<id>.toml`, the index and the
/// files agree with HEAD, and `git fsck` finds nothing wrong.
fn last_commit_is_only(s: &Sandbox, id: &str) {
    let changed = s.git(&["diff", "--name-only", "HEAD~1", "HEAD"]);
    assert_eq!(changed.trim(), format!("cases/{id}.toml"));
    assert_eq!(s.git(&["status", "--porcelain"]).trim(), "");
    git_ok(
        &s.dir,
        s.home.path(),
        &["fsck", "--strict", "--no-progress"],
    );
}

fn cache_file(s: &Sandbox) -> std::path::PathBuf {
    s.dir.join(".git/verzuim-tree.cache")
}

#[test]
fn head_moved_by_the_git_cli_a_commit_and_a_reset() {
    let s = Sandbox::new();
    s.ok(DAY, &["init"]);
    let a = s.new_case("leerplichtwet");
    let b = s.new_case("leerplichtwet");
    add(&s, &a, "een");
    assert!(cache_file(&s).exists(), "a write leaves the tree cache");
    // The git CLI commits an edit of b: the cache now names an old tree.
    let b_path = s.case_file(&b);
    let mut text = std::fs::read_to_string(&b_path).unwrap();
    text.push_str("# door git zelf\n");
    std::fs::write(&b_path, &text).unwrap();
    git_ok(&s.dir, s.home.path(), &["commit", "-q", "-am", "hand edit"]);
    add(&s, &a, "twee");
    last_commit_is_only(&s, &a);
    let in_head = s.git(&["show", &format!("HEAD:cases/{b}.toml")]);
    assert_eq!(in_head, text, "the CLI's commit is kept");
    // A reset to before b existed: b must not come back from the cache.
    let grep = format!("--grep=case {a}: new case");
    let before_b = s.git(&["log", "-1", "--format=%H", "-F", &grep]);
    git_ok(
        &s.dir,
        s.home.path(),
        &["reset", "-q", "--hard", before_b.trim()],
    );
    assert!(!b_path.exists());
    add(&s, &a, "drie");
    last_commit_is_only(&s, &a);
    let listed = s.git(&["ls-tree", "--name-only", "HEAD", "cases/"]);
    assert!(!listed.contains(&b), "{listed}");
}

#[test]
fn head_moved_by_a_sync() {
    let one = Sandbox::named("Officer A");
    let two = Sandbox::named("Officer B");
    one.ok(DAY, &["init"]);
    let x = one.new_case("leerplichtwet");
    let y = one.new_case("leerplichtwet");
    share(&one, &two, DAY);
    add(&two, &y, "eerst"); // two's cache: its own HEAD
    add(&one, &x, "van A");
    one.ok(DAY, &["sync"]);
    two.ok(DAY, &["sync"]); // a merge: two's HEAD moved past its cache
    add(&two, &y, "daarna");
    last_commit_is_only(&two, &y);
    let theirs = one.git(&["show", &format!("HEAD:cases/{x}.toml")]);
    let ours = two.git(&["show", &format!("HEAD:cases/{x}.toml")]);
    assert_eq!(ours, theirs, "A's change is in B's next commit");
}

#[test]
fn a_retention_destroy_rewrite_leaves_no_cached_tree_behind() {
    let s = Sandbox::new();
    s.ok("2018-09-01", &["init"]);
    let (old, young, _) = support::cases(&s);
    s.ok(support::TODAY, &["retention", "approve", "ronde-2026"]);
    s.ok(support::TODAY, &["retention", "destroy", "ronde-2026"]);
    let cache = std::fs::read(cache_file(&s)).unwrap_or_default();
    let named = |bytes: &[u8]| bytes.windows(old.len()).any(|w| w == old.as_bytes());
    assert!(!named(&cache), "the cache still names the destroyed case");
    s.ok(
        support::TODAY,
        &[
            "add",
            &young,
            "notitie",
            "--date",
            support::TODAY,
            "--note",
            "n",
        ],
    );
    last_commit_is_only(&s, &young);
    let listed = s.git(&["ls-tree", "--name-only", "HEAD", "cases/"]);
    assert!(!listed.contains(&old), "{listed}");
    assert!(!named(&std::fs::read(cache_file(&s)).unwrap()));
}
