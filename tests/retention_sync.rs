//! Retention across clones: with two clones and a bare remote the
//! destruction reaches both and the remote's history, while unrelated
//! unpushed work survives; a colleague's push in between is kept; two
//! rounds at once keep both records; a purge without an approved list is
//! refused.

mod common;
#[path = "common/retention.rs"]
mod support;
use common::Sandbox;
use support::*;

#[test]
fn two_clones_and_a_bare_remote_all_lose_the_case_and_keep_other_work() {
    two_clones_and_a_bare_remote("git");
}

/// The same without the system git: git2 transport, pack builder purge.
#[test]
fn the_same_with_libgit2_only() {
    two_clones_and_a_bare_remote("libgit2");
}

/// Runs verzuim with the transport `t` (git or libgit2); its stdout.
fn ok(s: &Sandbox, t: &str, args: &[&str]) -> String {
    let out = s.cmd(TODAY, args).env("VERZUIM_GIT", t).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn two_clones_and_a_bare_remote(t: &str) {
    let a = Sandbox::named("Officer A");
    let b = Sandbox::named("Officer B");
    a.ok("2018-09-01", &["init"]);
    let (old, young, _) = cases(&a);
    let bare = a.home.path().join("remote.git");
    git(
        a.home.path(),
        a.home.path(),
        &["init", "--bare", "-q", bare.to_str().unwrap()],
    );
    git(
        &a.dir,
        a.home.path(),
        &["remote", "add", "origin", bare.to_str().unwrap()],
    );
    ok(&a, t, &["sync"]);
    git(
        b.home.path(),
        b.home.path(),
        &[
            "clone",
            "-q",
            bare.to_str().unwrap(),
            b.dir.to_str().unwrap(),
        ],
    );
    let old_blob = b
        .git(&["rev-parse", &format!("HEAD:cases/{old}.toml")])
        .trim()
        .to_string();
    // B's unpushed work: an unrelated event, and one on the doomed case.
    let kept = ok(
        &b,
        t,
        &[
            "add",
            &young,
            "ongeoorloofd",
            "--date",
            "2026-11-20",
            "--hours",
            "2",
        ],
    );
    let kept = kept.trim().to_string();
    ok(
        &b,
        t,
        &[
            "add",
            &old,
            "notitie",
            "--date",
            "2026-11-20",
            "--note",
            "Zwaantje nog eens",
        ],
    );
    ok(&a, t, &["retention", "approve", "r1"]);
    ok(&a, t, &["retention", "destroy", "r1"]);
    let pushed = ok(&a, t, &["sync"]);
    assert!(
        pushed.contains("force-with-lease") && pushed.contains("gc --prune=now"),
        "{pushed}"
    );
    let synced = ok(&b, t, &["sync"]);
    assert!(
        synced.contains("vernietiging uitgevoerd") && synced.contains(&old),
        "{synced}"
    );
    assert!(
        synced.contains(&format!("vernietigd dossier {old}")),
        "{synced}"
    );
    // B's new event on the young case (whose Wpg event went) is kept, and
    // not reported as discarded.
    assert!(
        !synced
            .lines()
            .any(|l| l.contains("weggegooid") && l.contains(&young)),
        "{synced}"
    );
    ok(&a, t, &["sync"]);
    for s in [&a, &b] {
        assert!(!s.case_file(&old).exists());
        let young_file = std::fs::read_to_string(s.case_file(&young)).unwrap();
        assert!(young_file.contains(&kept), "B's unrelated event is lost");
        for needle in [NAME, "Zwaantje"] {
            assert!(
                !trace_in_git(&s.dir, s.home.path(), needle),
                "{needle} left in a clone"
            );
        }
        let (exists, _) = git(&s.dir, s.home.path(), &["cat-file", "-e", &old_blob]);
        assert!(!exists);
    }
    let (_, remote_log) = git(&bare, a.home.path(), &["log", "--all", "-p"]);
    assert!(
        !remote_log.contains("Zwaantje"),
        "the remote's history holds the case"
    );
    // After the command the output names, the remote has no trace either.
    git(
        &bare,
        a.home.path(),
        &["reflog", "expire", "--expire=now", "--all"],
    );
    git(&bare, a.home.path(), &["gc", "--prune=now"]);
    assert!(!trace_in_git(&bare, a.home.path(), "Zwaantje"));
}

#[test]
fn a_colleague_who_pushed_before_the_purge_reached_the_remote_loses_nothing_else() {
    let a = Sandbox::named("Officer A");
    let b = Sandbox::named("Officer B");
    a.ok("2018-09-01", &["init"]);
    let (old, young, _) = cases(&a);
    let bare = common::share(&a, &b, TODAY);
    a.ok(TODAY, &["retention", "approve", "r1"]);
    a.ok(TODAY, &["retention", "destroy", "r1"]);
    // B pushes on the old history before A's sync: A's lease fails, A
    // fetches, purges what came in, merges and overwrites.
    let kept = b.ok(
        TODAY,
        &[
            "add",
            &young,
            "ongeoorloofd",
            "--date",
            "2026-11-20",
            "--hours",
            "2",
        ],
    );
    b.ok(TODAY, &["sync"]);
    let out = a.ok(TODAY, &["sync"]);
    assert!(
        out.contains("force-with-lease") && !out.contains("weggegooid"),
        "{out}"
    );
    let out = b.ok(TODAY, &["sync"]);
    assert!(out.contains(&old) && !out.contains("weggegooid"), "{out}");
    for s in [&a, &b] {
        let young_file = std::fs::read_to_string(s.case_file(&young)).unwrap();
        assert!(young_file.contains(&kept), "B's event is lost");
        assert!(
            !trace_in_git(&s.dir, s.home.path(), "Zwaantje"),
            "a trace left in a clone"
        );
    }
    assert_eq!(a.git(&["rev-parse", "HEAD"]), b.git(&["rev-parse", "HEAD"]));
    let (_, remote_log) = git(&bare, a.home.path(), &["log", "--all", "-p"]);
    assert!(!remote_log.contains("Zwaantje"));
}

#[test]
fn two_clones_destroying_at_once_both_keep_both_records() {
    let a = Sandbox::named("Officer A");
    let b = Sandbox::named("Officer B");
    a.ok("2018-09-01", &["init"]);
    let (old, _, _) = cases(&a);
    let other = a.ok(
        "2018-09-01",
        &[
            "new",
            "--name",
            "Klaas Vaak",
            "--birth",
            "2003-02-02",
            "--school",
            "De Brug",
            "--level",
            "vo",
            "--protocol",
            "leerplichtwet",
        ],
    );
    common::share(&a, &b, TODAY);
    // Each approves and destroys its own list, before seeing the other's.
    a.ok(
        "2026-11-23",
        &["retention", "approve", "ra", "--until", "2023-01-10"],
    );
    a.ok(TODAY, &["retention", "destroy", "ra"]);
    a.ok(TODAY, &["sync"]);
    b.ok(
        TODAY,
        &["retention", "approve", "rb", "--until", "2022-02-02"],
    );
    b.ok(TODAY, &["retention", "destroy", "rb"]);
    b.ok(TODAY, &["sync"]);
    a.ok(TODAY, &["sync"]);
    for s in [&a, &b] {
        assert!(!s.case_file(&old).exists() && !s.case_file(&other).exists());
        for needle in [NAME, "Klaas Vaak"] {
            assert!(
                !trace_in_git(&s.dir, s.home.path(), needle),
                "{needle} left"
            );
        }
        let purges = std::fs::read_to_string(s.dir.join("retention/purges.toml")).unwrap();
        assert!(
            purges.contains("\"ra\"") && purges.contains("\"rb\""),
            "{purges}"
        );
        assert!(!s.dir.join("retention/purges.toml.remote").exists());
    }
    assert_eq!(a.git(&["rev-parse", "HEAD"]), b.git(&["rev-parse", "HEAD"]));
}

#[test]
fn a_purge_from_the_remote_without_an_approved_list_is_refused() {
    let a = Sandbox::named("Officer A");
    let b = Sandbox::named("Officer B");
    a.ok("2018-09-01", &["init"]);
    let (old, _, _) = cases(&a);
    common::share(&a, &b, TODAY);
    // Someone pushes a purge by hand, with no approved list behind it.
    std::fs::create_dir_all(a.dir.join("retention")).unwrap();
    let purge = format!(
        "[[purge]]\nlist = \"nep\"\ndate = \"2026-11-23\"\ncases = [\"{old}\"]\nevents = []\n"
    );
    std::fs::write(a.dir.join("retention/purges.toml"), purge).unwrap();
    git(&a.dir, a.home.path(), &["add", "retention/purges.toml"]);
    git(&a.dir, a.home.path(), &["commit", "-qm", "purge"]);
    git(&a.dir, a.home.path(), &["push", "-q", "origin", "HEAD"]);
    let err = b.fails(TODAY, &["sync"], 2);
    assert!(
        err.contains("geweigerd: vernietiging") && err.contains(&old),
        "{err}"
    );
    assert!(b.case_file(&old).exists());
    let (_, log) = git(&b.dir, b.home.path(), &["log", "-p"]);
    assert!(log.contains(NAME), "B's history was rewritten");
}
