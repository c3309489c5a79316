//! Fault injection in the sync's own writes: a failure (as a crash) at
//! each step of a fast-forward and of a merge leaves a repository that
//! the next start brings back to a consistent state (files, index and
//! branch agree, no warning, no advice), and the next sync then brings
//! in everything: nothing is lost on either side.

use crate::domain::dates;
use crate::domain::event::Event;
use crate::store::test_support::{case, repo};
use crate::store::{CaseRepo, fail};
use git2::{Repository, StatusOptions};
use std::path::Path;

/// Machine A with one case, pushed to a bare remote, and machine B joined.
fn two_machines(tmp: &Path) -> (tempfile::TempDir, CaseRepo, CaseRepo) {
    let (dir_a, a) = repo();
    let bare = tmp.join("remote.git");
    Repository::init_bare(&bare).unwrap();
    a.git()
        .unwrap()
        .remote("origin", bare.to_str().unwrap())
        .unwrap();
    a.create_case(&case("aaaa")).unwrap();
    a.sync(None, None).unwrap();
    let dir_b = tmp.join("b");
    let (b, _) = CaseRepo::join(&dir_b, "origin", Some(bare.to_str().unwrap()))
        .unwrap()
        .unwrap();
    let mut cfg = b.git().unwrap().config().unwrap();
    cfg.set_str("user.name", "B").unwrap();
    cfg.set_str("user.email", "b@example.org").unwrap();
    (dir_a, a, CaseRepo::at(b.root.clone()).quiet())
}

fn add(repo: &CaseRepo, day: &str) -> String {
    let event = Event::new("ziek", dates::parse(day).unwrap());
    repo.add_event("aaaa", &event, "add ziek").unwrap()
}

/// Files, index and branch agree and nothing needs a person.
fn assert_consistent(b: &CaseRepo, what: &str) {
    let s = b.begin(&[]).unwrap();
    assert!(
        s.recovered.problems.is_empty(),
        "{what}: {:?}",
        s.recovered.problems
    );
    assert!(s.recovered.committed.is_empty(), "{what}: a 'hand edit'");
    let mut opts = StatusOptions::new();
    opts.include_untracked(true);
    let dirty: Vec<String> = s
        .git
        .statuses(Some(&mut opts))
        .unwrap()
        .iter()
        .map(|e| format!("{} {:?}", e.path().unwrap_or("?"), e.status()))
        .collect();
    assert!(dirty.is_empty(), "{what}: {dirty:?}");
    assert!(!s.git.path().join("verzuim-journal").exists(), "{what}");
}

fn case_text(repo: &CaseRepo) -> String {
    std::fs::read_to_string(repo.root.join("cases/aaaa.toml")).unwrap()
}

#[test]
fn a_crash_at_any_step_of_a_fast_forward_is_recovered_with_nothing_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let (_keep, a, b) = two_machines(tmp.path());
    for step in ["sync-files", "sync-index", "sync-ref", "sync-end"] {
        let event = add(&a, "2025-09-02");
        a.sync(None, None).unwrap();
        fail::arm(step, 0);
        let result = b.sync(None, None);
        fail::disarm();
        assert!(result.is_err(), "{step}: the failpoint was not reached");
        assert_consistent(&b, step);
        b.sync(None, None).unwrap();
        assert!(case_text(&b).contains(&event), "{step}: the event is lost");
        assert_consistent(&b, step);
        let heads = [&a, &b].map(|r| r.git().unwrap().head().unwrap().target());
        assert_eq!(heads[0], heads[1], "{step}");
    }
}

#[test]
fn a_crash_at_any_step_of_a_merge_is_recovered_with_nothing_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let (_keep, a, b) = two_machines(tmp.path());
    for step in ["sync-files", "sync-commit", "ref", "index", "sync-end"] {
        let theirs = add(&a, "2025-09-03");
        a.sync(None, None).unwrap();
        let ours = add(&b, "2025-09-04");
        fail::arm(step, 0);
        let result = b.sync(None, None);
        fail::disarm();
        assert!(result.is_err(), "{step}: the failpoint was not reached");
        assert_consistent(&b, step);
        assert!(case_text(&b).contains(&ours), "{step}: our event is lost");
        b.sync(None, None).unwrap();
        let text = case_text(&b);
        assert!(text.contains(&theirs) && text.contains(&ours), "{step}");
        a.sync(None, None).unwrap();
        assert!(case_text(&a).contains(&ours), "{step}: A never got it");
        assert_consistent(&b, step);
    }
}
