//! Plausible input on the command line: implausible events are refused (or
//! need `--force`), dates are typed as dd-mm-jjjj or JJJJ-MM-DD, and Dutch
//! output writes them the Dutch way while files and JSON keep ISO.

mod common;
use common::Sandbox;

const ZHW: &str = "zhw-ziekteverzuim-als-signaal";

fn repo_with_case() -> (Sandbox, String) {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let id = s.new_case(ZHW); // born 2011-05-06
    (s, id)
}

#[test]
fn implausible_events_are_one_line_errors_and_change_nothing() {
    let (s, id) = repo_with_case();
    let before = s.commit_count();
    let cases: &[(&[&str], &str)] = &[
        (
            &["add", &id, "ziek", "--date", "2010-01-04"],
            "geboortedatum",
        ),
        (
            &["add", &id, "ziek", "--date", "2026-09-16"],
            "meer dan een jaar",
        ),
        (
            &["add", &id, "ongeoorloofd", "--date", "2025-09-10"],
            "--hours",
        ),
        // 13 September 2025 is a Saturday.
        (
            &[
                "add",
                &id,
                "ongeoorloofd",
                "--date",
                "2025-09-13",
                "--hours",
                "2",
            ],
            "geen schooldag",
        ),
        (
            &[
                "add",
                &id,
                "ongeoorloofd",
                "--date",
                "2025-09-10",
                "--hours",
                "12",
            ],
            "schooldag",
        ),
    ];
    for (args, word) in cases {
        let err = s.fails("2025-09-15", args, 1);
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
        assert!(err.contains(word), "{args:?}: {err}");
    }
    assert_eq!(s.commit_count(), before);
    // Those a person may mean go in with --force.
    let err = s.fails(
        "2025-09-15",
        &[
            "add",
            &id,
            "ongeoorloofd",
            "--date",
            "2025-09-13",
            "--hours",
            "2",
        ],
        1,
    );
    assert!(err.contains("--force"), "{err}");
    s.ok(
        "2025-09-15",
        &[
            "add",
            &id,
            "ongeoorloofd",
            "--date",
            "2025-09-13",
            "--hours",
            "2",
            "--force",
        ],
    );
    assert_eq!(s.commit_count(), before + 1);
    // A refusal is not forced.
    s.fails(
        "2025-09-15",
        &["add", &id, "ziek", "--date", "2010-01-04", "--force"],
        1,
    );
}

#[test]
fn dates_typed_the_dutch_way_are_stored_iso_and_shown_dutch() {
    let s = Sandbox::new();
    s.ok("15-09-2025", &["init"]);
    let id = s.ok(
        "2025-09-15",
        &[
            "new",
            "--name",
            "Bo Dijk",
            "--birth",
            "6-5-2011",
            "--school",
            "De Brug",
            "--level",
            "vo",
            "--protocol",
            ZHW,
        ],
    );
    s.ok(
        "2025-09-15",
        &[
            "add",
            &id,
            "ziek",
            "--date",
            "10-09-2025",
            "--until",
            "11-09-2025",
        ],
    );
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(file.contains("birth = \"2011-05-06\""), "{file}");
    assert!(file.contains("date = \"2025-09-10\""), "{file}");
    let show = s.ok("15-09-2025", &["show", &id]);
    assert!(show.contains("06-05-2011"), "{show}");
    assert!(show.contains("10-09-2025"), "{show}");
    let json = s.ok("15-09-2025", &["show", &id, "--json"]);
    assert!(
        json.contains("2025-09-10") && !json.contains("10-09-2025"),
        "{json}"
    );
    let err = s.fails(
        "2025-09-15",
        &["add", &id, "ziek", "--date", "31-02-2025"],
        1,
    );
    assert!(err.contains("dd-mm-jjjj"), "{err}");
}

#[test]
fn an_action_is_not_done_in_the_future_and_done_dates_are_typed_dutch() {
    let (s, id) = repo_with_case();
    s.ok(
        "2025-09-15",
        &["add", &id, "aanmelding-jgz", "--date", "10-09-2025"],
    );
    let err = s.fails(
        "2025-09-15",
        &["done", &id, "jgz-uitnodiging", "--date", "16-09-2025"],
        1,
    );
    assert!(err.contains("ligt na vandaag"), "{err}");
    s.ok(
        "2025-09-15",
        &["done", &id, "jgz-uitnodiging", "--date", "12-09-2025"],
    );
}
