//! Setting up without traps: `init` needs a git author before it creates
//! anything, takes `--author`, honours GIT_AUTHOR_NAME/EMAIL, lets
//! `[author]` win over the git identity, commits verzuim.toml; `verzuim
//! log` lists commits in commit order.

mod common;
use common::Sandbox;

#[test]
fn init_without_an_author_creates_nothing() {
    let s = Sandbox::without_author();
    let err = s.fails("2025-09-01", &["init"], 1);
    assert!(err.contains("--author"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(!s.dir.exists(), "nothing created");
}

#[test]
fn init_with_author_records_it_and_it_wins_over_the_git_identity() {
    let s = Sandbox::new(); // git identity "Test Officer"
    s.ok(
        "2025-09-01",
        &["init", "--author", "Anna Ambtenaar <anna@gemeente.nl>"],
    );
    let settings = std::fs::read_to_string(s.dir.join("verzuim.toml")).unwrap();
    assert!(settings.contains("[author]"), "{settings}");
    let id = s.new_case("leerplichtwet");
    let authors = s.git(&["log", "--format=%an <%ae>"]);
    assert!(
        authors
            .lines()
            .all(|a| a == "Anna Ambtenaar <anna@gemeente.nl>"),
        "{authors}"
    );
    assert!(s.ok("2025-09-01", &["log", &id]).contains("Anna Ambtenaar"));
    // verzuim.toml is committed: a later edit is an ordinary change.
    assert_eq!(s.git(&["ls-files", "verzuim.toml"]).trim(), "verzuim.toml");
    assert_eq!(s.git(&["status", "--porcelain"]), "");
    s.fails("2025-09-01", &["init", "--author", "zonder mail"], 1);
}

#[test]
fn git_author_environment_is_honoured_as_git_does() {
    let s = Sandbox::without_author();
    let out = s
        .cmd("2025-09-01", &["init"])
        .env("GIT_AUTHOR_NAME", "Env Persoon")
        .env("GIT_AUTHOR_EMAIL", "env@example.org")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(s.git(&["log", "--format=%an"]).trim(), "Env Persoon");
}

#[test]
fn log_lists_commits_newest_first_like_git_log() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let id = s.new_case("leerplichtwet");
    // Several commits within one second: commit time alone cannot order them.
    for day in ["2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05"] {
        s.ok("2025-09-15", &["add", &id, "ziek", "--date", day]);
    }
    let git_order: Vec<String> = s
        .git(&["log", "--format=%s", "--", &format!("cases/{id}.toml")])
        .lines()
        .map(str::to_string)
        .collect();
    let ours: Vec<String> = s
        .ok("2025-09-15", &["log", &id])
        .lines()
        .map(|l| l.splitn(3, "  ").nth(2).unwrap_or("").to_string())
        .collect();
    assert_eq!(ours, git_order);
    assert!(git_order[0].contains("2025-09-05"), "{git_order:?}");
}
