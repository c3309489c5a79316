//! Fault injection at every step of the write path: each failure before
//! the commit leaves no trace (HEAD, files and journal as before), each
//! failure after it is a success whose change is committed.

use crate::domain::dates;
use crate::domain::event::Event;
use crate::store::test_support::{case, repo};
use crate::store::{CaseRepo, fail};

/// HEAD, the case file and whether a journal is present.
fn state(dir: &std::path::Path, repo: &CaseRepo) -> (String, Option<String>, bool) {
    let g = repo.git().unwrap();
    let head = g.head().unwrap().target().unwrap().to_string();
    let file = std::fs::read_to_string(dir.join("cases/aaaa.toml")).ok();
    (head, file, g.path().join("verzuim-journal").exists())
}

#[test]
fn every_step_of_a_write_is_all_or_nothing() {
    // (step, passes to let through first, whether the commit then exists)
    let steps: [(&str, u32, bool); 9] = [
        ("write", 0, false),  // the journal
        ("write", 1, false),  // the case file
        ("fsync", 0, false),  // the journal
        ("fsync", 1, false),  // the objects and the case file, before the ref
        ("rename", 0, false), // the case file
        ("object", 0, false),
        ("ref", 0, false),
        ("after-ref", 0, true),
        ("index", 0, true),
    ];
    for (step, skip, committed) in steps {
        let (dir, repo) = repo();
        repo.create_case(&case("aaaa")).unwrap();
        let before = state(dir.path(), &repo);
        let event = Event::new("ziek", dates::parse("2025-09-02").unwrap());
        fail::arm(step, skip);
        let result = repo.add_event("aaaa", &event, "add ziek");
        fail::disarm();
        let after = state(dir.path(), &repo);
        assert!(!after.2, "{step}/{skip}: journal left");
        let text = after.1.clone().unwrap();
        match (committed, result) {
            (false, Err(e)) => {
                assert_eq!(after, before, "{step}/{skip}: a trace of a failed write");
                assert!(
                    e.to_string().contains("nothing was changed")
                        || e.to_string().contains("niets gewijzigd"),
                    "{e}"
                );
            }
            (true, Ok(id)) => {
                assert_ne!(after.0, before.0, "{step}/{skip}: not committed");
                let g = repo.git().unwrap();
                let tree = g.head().unwrap().peel_to_tree().unwrap();
                let blob = tree
                    .get_path(std::path::Path::new("cases/aaaa.toml"))
                    .unwrap();
                let in_head = g.find_blob(blob.id()).unwrap().content().to_vec();
                assert_eq!(in_head, text.as_bytes(), "{step}/{skip}");
                assert!(text.contains(&id));
                assert!(!repo.take_notices().is_empty(), "{step}: no warning");
            }
            (c, r) => panic!("{step}/{skip}: committed={c} but {:?}", r.map(|_| ())),
        }
        // The next write works and leaves git clean.
        repo.add_event("aaaa", &event, "add ziek").unwrap();
        let g = repo.git().unwrap();
        let mut opts = git2::StatusOptions::new();
        opts.include_untracked(true);
        assert_eq!(
            g.statuses(Some(&mut opts)).unwrap().len(),
            0,
            "{step}/{skip}"
        );
    }
}

#[test]
fn a_new_case_whose_commit_fails_leaves_no_file() {
    let (dir, repo) = repo();
    fail::arm("ref", 0);
    assert!(repo.create_case(&case("aaaa")).is_err());
    fail::disarm();
    assert!(!dir.path().join("cases/aaaa.toml").exists());
    assert!(repo.resolve_case("aaaa").is_err());
}
