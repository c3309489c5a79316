//! Retention end to end in one repository: a case past its date is
//! listed, approved and destroyed from HEAD, every commit and the object
//! database; a Wpg event goes before its case.

mod common;
#[path = "common/retention.rs"]
mod support;
use common::Sandbox;
use support::*;

#[test]
fn a_case_past_its_date_is_destroyed_from_head_history_and_objects() {
    let s = Sandbox::new();
    s.ok("2018-09-01", &["init"]);
    let (old, young, hoor) = cases(&s);
    let listed = s.ok(TODAY, &["retention", "list"]);
    assert!(listed.contains(&old) && listed.contains(&hoor), "{listed}");
    // The Wpg event expires before its case: on its day it is listed, its
    // case (due in 2031) is not; the day before, it is not listed either.
    let due = |day: &str| -> Vec<(String, Option<String>)> {
        let v: serde_json::Value =
            serde_json::from_str(&s.ok(day, &["retention", "list", "--json"])).unwrap();
        v["due"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["case"].as_str().unwrap().to_string(),
                    i["event"].as_str().map(str::to_string),
                )
            })
            .collect()
    };
    assert_eq!(
        due("2025-10-01"),
        [(old.clone(), None), (young.clone(), Some(hoor.clone()))]
    );
    assert_eq!(due("2025-09-30"), [(old.clone(), None)]);
    let shown = s.ok(TODAY, &["show", &young]);
    assert!(shown.contains("vernietigen per: 01-05-2031"), "{shown}");
    let old_blob = s
        .git(&["rev-parse", &format!("HEAD:cases/{old}.toml")])
        .trim()
        .to_string();
    s.fails(TODAY, &["retention", "destroy", "ronde-2026"], 1);
    s.ok(TODAY, &["retention", "approve", "ronde-2026"]);
    // `check` and `overdue` keep what they printed of each case for the day.
    let memos = || {
        std::fs::read_dir(s.dir.join(".git"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("verzuim-memo-"))
            .count()
    };
    s.ok_or_2(TODAY, &["check"]);
    s.ok_or_2(TODAY, &["overdue"]);
    assert_eq!(memos(), 2);
    let list = std::fs::read_to_string(s.dir.join("retention/lists/ronde-2026.toml")).unwrap();
    assert!(!list.contains(NAME) && list.contains(&old), "{list}");
    let out = s.ok(TODAY, &["retention", "destroy", "ronde-2026"]);
    assert!(out.contains("geen spoor meer"), "{out}");
    assert_eq!(memos(), 0, "the memos of check and overdue are removed");
    assert!(!s.case_file(&old).exists());
    let young_file = std::fs::read_to_string(s.case_file(&young)).unwrap();
    assert!(
        !young_file.contains(&hoor) && young_file.contains("ziek"),
        "{young_file}"
    );
    let (exists, _) = git(&s.dir, s.home.path(), &["cat-file", "-e", &old_blob]);
    assert!(!exists, "the old blob is still in the object database");
    for needle in [NAME, "Zwaantje belt zelf", "hoorgesprek-geheim"] {
        assert!(
            !trace_in_git(&s.dir, s.home.path(), needle),
            "{needle} left in .git"
        );
    }
    // The rest of the history stays: every commit message, the young case.
    let log = s.git(&["log", "--format=%s"]);
    assert!(
        log.contains(&format!("case {old}: new case"))
            && log.contains("retention: destroy list ronde-2026"),
        "{log}"
    );
    assert!(s.git(&["status", "--porcelain"]).trim().is_empty());
    let tomb = std::fs::read_to_string(s.dir.join("retention/destroyed.toml")).unwrap();
    assert!(
        tomb.contains(&old) && tomb.contains("selectielijst-12.1.3") && !tomb.contains(NAME),
        "{tomb}"
    );
}
