//! Sync through a bare remote with two clones, used alternately and
//! offline: they end identical, with every event both sides added, no
//! conflict markers anywhere, and `git log` telling who did what.

mod common;
use common::Sandbox;
use common::git_ok as git;

const P: &str = "zhw-ziekteverzuim-als-signaal";
const DAY: &str = "2025-09-15";

/// Officer A with a case repository pushed to a bare remote, officer B with
/// a clone of it.
fn two_clones() -> (Sandbox, Sandbox, std::path::PathBuf) {
    let a = Sandbox::named("Officer A");
    let b = Sandbox::named("Officer B");
    a.ok(DAY, &["init"]);
    let bare = common::share(&a, &b, DAY);
    (a, b, bare)
}

fn case_text(s: &Sandbox, id: &str) -> String {
    std::fs::read_to_string(s.case_file(id)).unwrap()
}

fn events(s: &Sandbox, id: &str) -> usize {
    case_text(s, id).matches("[events.").count()
}

fn no_markers(s: &Sandbox) {
    for entry in std::fs::read_dir(s.dir.join("cases")).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert!(
            !text.contains("<<<<<<<") && !text.contains(">>>>>>>"),
            "conflict markers written"
        );
    }
}

fn identical(a: &Sandbox, b: &Sandbox) {
    assert_eq!(
        git(&a.dir, a.home.path(), &["rev-parse", "HEAD"]),
        git(&b.dir, b.home.path(), &["rev-parse", "HEAD"])
    );
    assert_eq!(git(&a.dir, a.home.path(), &["status", "--porcelain"]), "");
    assert_eq!(git(&b.dir, b.home.path(), &["status", "--porcelain"]), "");
    no_markers(a);
    no_markers(b);
}

#[test]
fn events_added_offline_on_both_sides_are_all_kept() {
    let (a, b, _) = two_clones();
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    let out = b.ok(DAY, &["sync"]);
    assert!(out.contains("binnen: 1 dossier gewijzigd"), "{out}");
    a.ok(DAY, &["add", &id, "ziek", "--date", "2025-09-15"]);
    b.ok(DAY, &["add", &id, "gesprek", "--date", "2025-09-16"]);
    b.ok(DAY, &["add", &id, "aanmelding-jgz", "--date", "2025-09-16"]);
    a.ok(DAY, &["sync"]);
    let out = b.ok(DAY, &["sync"]);
    assert!(
        out.contains("2 gebeurtenissen toegevoegd") || out.contains("1 gebeurtenis toegevoegd"),
        "{out}"
    );
    a.ok(DAY, &["sync"]);
    assert_eq!((events(&a, &id), events(&b, &id)), (3, 3));
    assert_eq!(case_text(&a, &id), case_text(&b, &id));
    identical(&a, &b);
    let log = git(&a.dir, a.home.path(), &["log", "--format=%an|%s|%p"]);
    assert!(
        log.lines()
            .next()
            .unwrap()
            .starts_with("Officer B|sync: merge origin/master"),
        "{log}"
    );
    assert_eq!(
        log.lines()
            .next()
            .unwrap()
            .split('|')
            .nth(2)
            .unwrap()
            .split(' ')
            .count(),
        2,
        "merge has both parents"
    );
    assert!(
        log.contains("Officer A|case") && log.contains("Officer B|case"),
        "{log}"
    );
    assert_eq!(b.ok(DAY, &["conflicts"]), "geen conflicten");
}

#[test]
fn the_same_field_changed_both_ways_is_a_conflict_resolved_with_nothing_lost() {
    let (a, b, _) = two_clones();
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    let edit = |s: &Sandbox, school: &str| {
        let text =
            case_text(s, &id).replace("school = \"De Brug\"", &format!("school = \"{school}\""));
        std::fs::write(s.case_file(&id), text).unwrap();
    };
    edit(&a, "De Brug Noord");
    edit(&b, "De Brug Zuid");
    a.ok(DAY, &["sync"]);
    let out = b.ok(DAY, &["sync"]);
    assert!(out.contains("1 conflict:"), "{out}");
    assert!(
        case_text(&b, &id).contains("school = \"De Brug Zuid\""),
        "local value kept"
    );
    let listed: serde_json::Value =
        serde_json::from_str(&b.ok(DAY, &["conflicts", "--json"])).unwrap();
    assert_eq!(listed[0]["field"], "school");
    assert_eq!(listed[0]["remote"], "\"De Brug Noord\"");
    assert_eq!(listed[0]["local"], "\"De Brug Zuid\"");
    no_markers(&b);
    b.ok(DAY, &["resolve", &id[..6], "school", "remote"]);
    assert!(case_text(&b, &id).contains("school = \"De Brug Noord\""));
    assert_eq!(b.ok(DAY, &["conflicts"]), "geen conflicten");
    b.ok(DAY, &["sync"]);
    a.ok(DAY, &["sync"]);
    identical(&a, &b);
    let log = git(&b.dir, b.home.path(), &["log", "--format=%s"]);
    assert!(
        log.contains(&format!("case {id}: resolve conflict in school (remote)")),
        "{log}"
    );
}

#[test]
fn a_case_closed_on_one_side_and_extended_on_the_other_keeps_both() {
    let (a, b, _) = two_clones();
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    let text = case_text(&b, &id).replace("status = \"open\"", "status = \"closed\"");
    std::fs::write(b.case_file(&id), text).unwrap();
    b.ok(DAY, &["sync"]);
    a.ok(
        DAY,
        &[
            "add",
            &id,
            "notitie",
            "--date",
            DAY,
            "--note",
            "laatste contact",
        ],
    );
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    for s in [&a, &b] {
        let text = case_text(s, &id);
        assert!(
            text.contains("status = \"closed\"") && text.contains("laatste contact"),
            "{text}"
        );
    }
    identical(&a, &b);
}

#[test]
fn a_push_rejected_because_the_remote_moved_is_merged_and_retried() {
    let (a, b, bare) = two_clones();
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    b.ok(DAY, &["add", &id, "ziek", "--date", DAY]);
    // On the first push, someone else's commit lands first: the hook moves
    // main (outside the push's quarantine), so the push is rejected.
    let hook = bare.join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\n[ -f moved ] && exit 0\ntouch moved\nunset GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_QUARANTINE_PATH\n\
         c=$(git commit-tree -p master -m 'someone else' master^{tree})\ngit update-ref refs/heads/master $c\nexit 0\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    b.ok(DAY, &["sync"]);
    assert!(bare.join("moved").exists(), "the hook ran");
    let remote_log = git(&bare, b.home.path(), &["log", "--format=%s", "master"]);
    assert!(
        remote_log.contains("someone else") && remote_log.contains("add ziek"),
        "{remote_log}"
    );
    a.ok(DAY, &["sync"]);
    identical(&a, &b);
}

#[test]
fn an_unreachable_remote_is_a_clear_error_and_loses_nothing() {
    let (a, _b, _) = two_clones();
    let id = a.new_case(P);
    git(
        &a.dir,
        a.home.path(),
        &[
            "remote",
            "set-url",
            "origin",
            "ssh://nobody@127.0.0.1:1/nothing.git",
        ],
    );
    let head = git(&a.dir, a.home.path(), &["rev-parse", "HEAD"]);
    let out = a.run(DAY, &["sync"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    // Git's whole error, one line per cause, and what to do.
    assert!(err.contains("Connection refused"), "{err}");
    assert!(
        err.contains("Could not read from remote repository"),
        "{err}"
    );
    assert!(err.contains("git remote -v"), "{err}");
    assert!(err.contains("origin") && err.contains("veilig"), "{err}");
    assert_eq!(git(&a.dir, a.home.path(), &["rev-parse", "HEAD"]), head);
    assert!(a.case_file(&id).exists());
    let missing = a.run(DAY, &["sync", "--remote", "elders"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn many_commits_on_both_sides_in_one_sync() {
    let (a, b, _) = two_clones();
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    let other = b.new_case("leerplichtwet");
    for i in 0..55 {
        let day = format!("2025-09-{:02}", 1 + i % 28);
        a.ok(DAY, &["add", &id, "te-laat", "--date", &day]);
        b.ok(
            DAY,
            &[
                "add",
                &id,
                "notitie",
                "--date",
                &day,
                "--note",
                &format!("b{i}"),
            ],
        );
        b.ok(DAY, &["add", &other, "te-laat", "--date", &day]);
    }
    a.ok(DAY, &["sync"]);
    let out = b.ok(DAY, &["sync"]);
    assert!(out.contains("55 gebeurtenissen toegevoegd"), "{out}");
    a.ok(DAY, &["sync"]);
    assert_eq!((events(&a, &id), events(&a, &other)), (110, 55));
    identical(&a, &b);
}

#[test]
fn libgit2_transport_when_git_is_not_used() {
    let (a, b, _) = two_clones();
    let id = a.new_case(P);
    for side in [&a, &b] {
        let out = side
            .cmd(DAY, &["sync"])
            .env("VERZUIM_GIT", "libgit2")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(b.case_file(&id).exists());
}

#[test]
fn foreign_git_state_is_explained_and_nothing_is_overwritten() {
    let (a, _b, _) = two_clones();
    let id = a.new_case(P);
    let head = git(&a.dir, a.home.path(), &["rev-parse", "HEAD"]);
    git(
        &a.dir,
        a.home.path(),
        &["checkout", "-q", "--detach", "HEAD"],
    );
    let out = a.run(DAY, &["sync"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("git checkout BRANCH"));
    git(&a.dir, a.home.path(), &["checkout", "-q", "master"]);
    let marked = case_text(&a, &id).replace(
        "level = \"vo\"",
        "<<<<<<< HEAD\nlevel = \"vo\"\n=======\nlevel = \"po\"\n>>>>>>> other",
    );
    std::fs::write(a.case_file(&id), &marked).unwrap();
    let out = a.run(DAY, &["add", &id, "ziek", "--date", DAY]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("conflict markers") || err.contains("conflictmarkeringen"),
        "{err}"
    );
    assert_eq!(case_text(&a, &id), marked, "never overwritten");
    assert_eq!(git(&a.dir, a.home.path(), &["rev-parse", "HEAD"]), head);
}

#[test]
fn three_clones_editing_one_field_keep_all_three_values_and_converge() {
    let (a, b, bare) = two_clones();
    let c = Sandbox::named("Officer C");
    c.ok(DAY, &["clone", bare.to_str().unwrap()]);
    let id = a.new_case(P);
    for s in [&a, &b, &c] {
        s.ok(DAY, &["sync"]);
    }
    let edit = |s: &Sandbox, school: &str| {
        let text =
            case_text(s, &id).replace("school = \"De Brug\"", &format!("school = \"{school}\""));
        std::fs::write(s.case_file(&id), text).unwrap();
    };
    edit(&a, "Noord");
    edit(&b, "Zuid");
    edit(&c, "Oost");
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    let out = c.ok(DAY, &["sync"]);
    assert!(out.contains("1 conflict:"), "{out}");
    let listed: serde_json::Value =
        serde_json::from_str(&c.ok(DAY, &["conflicts", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["local"], "\"Oost\"", "this machine's value");
    assert_eq!(listed[0]["remote"], "\"Zuid\"");
    assert_eq!(
        listed[0]["others"][0], "\"Noord\"",
        "the third side's value"
    );
    assert!(case_text(&c, &id).contains("school = \"Oost\""));
    let shown = c.ok(DAY, &["conflicts"]);
    assert!(shown.contains("remote-2: \"Noord\""), "{shown}");
    c.ok(DAY, &["resolve", &id, "school", "remote-2"]);
    assert!(case_text(&c, &id).contains("school = \"Noord\""));
    assert_eq!(c.ok(DAY, &["conflicts"]), "geen conflicten");
    for s in [&c, &a, &b, &a] {
        s.ok(DAY, &["sync"]);
    }
    identical(&a, &b);
    identical(&a, &c);
    assert_eq!(b.ok(DAY, &["conflicts"]), "geen conflicten");
    assert!(case_text(&b, &id).contains("school = \"Noord\""));
}

#[test]
fn a_broken_hand_edit_stops_the_sync_before_anything_is_merged() {
    let (a, b, _) = two_clones();
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    a.ok(DAY, &["add", &id, "ziek", "--date", DAY]);
    a.ok(DAY, &["sync"]);
    let broken = case_text(&b, &id).replace("school = \"De Brug\"", "school = \"De Brug");
    std::fs::write(b.case_file(&id), &broken).unwrap();
    let head = git(&b.dir, b.home.path(), &["rev-parse", "HEAD"]);
    let out = b.run(DAY, &["sync"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("cases/{id}.toml:")), "{err}");
    assert!(err.contains("niets samengevoegd"), "{err}");
    assert_eq!(case_text(&b, &id), broken, "never overwritten");
    assert_eq!(git(&b.dir, b.home.path(), &["rev-parse", "HEAD"]), head);
}

#[test]
fn protocol_files_merge_rule_by_rule_and_a_real_conflict_keeps_both_versions() {
    let (a, b, _) = two_clones();
    let file = "protocols/leerplichtwet.toml";
    let edit = |s: &Sandbox, from: &str, to: &str| {
        let path = s.dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from));
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit(&a, "threshold = 16", "threshold = 12");
    edit(&b, "vanaf 1 dag\"", "vanaf de eerste dag\"");
    a.ok(DAY, &["sync"]);
    let out = b.ok(DAY, &["sync"]);
    assert!(!out.contains(".remote"), "{out}");
    a.ok(DAY, &["sync"]);
    for s in [&a, &b] {
        let text = std::fs::read_to_string(s.dir.join(file)).unwrap();
        assert!(
            text.contains("threshold = 12") && text.contains("vanaf de eerste dag"),
            "{text}"
        );
        assert!(!s.dir.join(format!("{file}.remote")).exists());
    }
    identical(&a, &b);
    // The same rule changed both ways: local stays, remote kept beside it.
    edit(&a, "threshold = 12", "threshold = 10");
    edit(&b, "threshold = 12", "threshold = 8");
    a.ok(DAY, &["sync"]);
    let out = b.ok(DAY, &["sync"]);
    assert!(out.contains(&format!("{file}.remote")), "{out}");
    a.ok(DAY, &["sync"]);
    for s in [&a, &b] {
        let mine = std::fs::read_to_string(s.dir.join(file)).unwrap();
        let aside = std::fs::read_to_string(s.dir.join(format!("{file}.remote"))).unwrap();
        assert!(mine.contains("threshold = 8") && aside.contains("threshold = 10"));
    }
}

#[test]
fn an_edit_merges_cleanly_with_a_colleagues_new_event_on_the_same_case() {
    let (a, b, _) = two_clones();
    let id = a.new_case(P);
    let ev = a.ok(DAY, &["add", &id, "ziek", "--date", "2025-09-15"]);
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    a.ok(DAY, &["edit", &id, &ev[..6], "--until", "2025-09-16"]);
    b.ok(DAY, &["add", &id, "gesprek", "--date", "2025-09-16"]);
    a.ok(DAY, &["sync"]);
    let out = b.ok(DAY, &["sync"]);
    assert!(!out.contains("conflict"), "{out}");
    a.ok(DAY, &["sync"]);
    assert_eq!(b.ok(DAY, &["conflicts"]), a.ok(DAY, &["conflicts"]));
    let text = case_text(&b, &id);
    assert!(text.contains("until = \"2025-09-16\""), "{text}");
    assert_eq!((events(&a, &id), events(&b, &id)), (2, 2));
    assert_eq!(case_text(&a, &id), text);
    identical(&a, &b);
}
