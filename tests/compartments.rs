//! Confidential compartments (issue 15) through the real binary: a
//! jeugdarts with a key and a leerplichtambtenaar without one share a
//! remote; the medical note is sealed everywhere the leerplicht side and
//! the remote can see, both sides sync without loss, recipients come and go.

mod common;
use common::Sandbox;
use std::path::Path;
use std::process::{Command, Output};

const DAY: &str = "2026-11-20";
const P: &str = "leerplichtwet";
const SECRET: &str = "buikpijn-en-angst-slaapt-slecht";
const FINDINGS: &str = "bevinding-lengte-gewicht-normaal";

/// Runs with a passphrase (and optionally another identity file), and a
/// temp folder of its own so it can be searched afterwards.
fn keyed(s: &Sandbox, pass: &str, identity: Option<&Path>, args: &[&str]) -> Output {
    let mut c = s.cmd(DAY, args);
    c.env("VERZUIM_PASSPHRASE", pass)
        .env("VERZUIM_SCRYPT_WORK", "10")
        .env("TMPDIR", s.home.path().join("tmp"));
    if let Some(i) = identity {
        c.env("VERZUIM_IDENTITY", i);
    }
    c.output().unwrap()
}

fn keyed_ok(s: &Sandbox, pass: &str, args: &[&str]) -> String {
    let out = keyed(s, pass, None, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// `add CASE consult --date D --outcome O` and `more` options.
fn consult<'a>(case: &'a str, date: &'a str, outcome: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["add", case, "consult", "--date", date, "--outcome", outcome];
    args.extend_from_slice(more);
    args
}

/// Every object of a git folder, decompressed, plus every plain file.
fn holds(dir: &Path, home: &Path, text: &str) -> bool {
    let out = Command::new("git")
        .arg("--git-dir")
        .arg(dir)
        .args(["cat-file", "--batch-all-objects", "--batch"])
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).contains(text) || files_hold(dir, text)
}

fn files_hold(dir: &Path, text: &str) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.flatten().any(|e| {
        let p = e.path();
        if p.is_dir() {
            files_hold(&p, text)
        } else {
            std::fs::read(&p).is_ok_and(|b| String::from_utf8_lossy(&b).contains(text))
        }
    })
}

/// A jeugdarts (A, with key), the recovery key, and a repository with a
/// case on a bare remote; a leerplichtambtenaar (B, no key) with a clone.
fn setup() -> (Sandbox, Sandbox, std::path::PathBuf, String) {
    let a = Sandbox::named("Jeugdarts A");
    let b = Sandbox::named("Leerplicht B");
    for s in [&a, &b] {
        std::fs::create_dir_all(s.home.path().join("tmp")).unwrap();
    }
    a.ok(DAY, &["init"]);
    let me = keyed_ok(&a, "arts", &["keys", "init"]);
    let recovery_file = a.home.path().join("herstel.age");
    let recovery =
        String::from_utf8(keyed(&a, "herstel", Some(&recovery_file), &["keys", "init"]).stdout)
            .unwrap();
    keyed_ok(
        &a,
        "arts",
        &[
            "keys",
            "add-recipient",
            "--recovery",
            "herstel",
            recovery.trim(),
        ],
    );
    keyed_ok(&a, "arts", &["keys", "add-recipient", "jeugdarts-a", &me]);
    let case = a.new_case(P);
    let bare = common::share(&a, &b, DAY);
    (a, b, bare, case)
}

#[test]
fn jeugdarts_and_leerplicht_work_offline_and_only_the_holder_reads_the_note() {
    let (a, b, bare, case) = setup();
    // Offline, both sides add to the same case.
    keyed_ok(
        &a,
        "arts",
        &consult(
            &case,
            "2026-11-10",
            "verschenen",
            &[
                "--note",
                SECRET,
                "--findings",
                FINDINGS,
                "--advice",
                "halve dagen naar school",
            ],
        ),
    );
    let refused = b.fails(
        DAY,
        &consult(&case, "2026-11-12", "afgemeld", &["--note", "griep"]),
        1,
    );
    assert!(
        refused.contains("vertrouwelijk (jgz)") && refused.contains("geen sleutel"),
        "{refused}"
    );
    b.ok(DAY, &consult(&case, "2026-11-12", "niet-verschenen", &[]));
    b.ok(
        DAY,
        &[
            "add",
            &case,
            "gesprek",
            "--date",
            "2026-11-13",
            "--note",
            "moeder gebeld",
        ],
    );
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    a.ok(DAY, &["sync"]);
    let text = |s: &Sandbox| std::fs::read_to_string(s.case_file(&case)).unwrap();
    assert_eq!(text(&a), text(&b), "both sides converge");
    assert_eq!(text(&a).matches("[events.").count(), 3, "nothing lost");
    assert!(b.ok(DAY, &["conflicts"]).contains("geen conflicten"));
    // The leerplicht side sees that it happened, the outcome and the advice.
    let seen_b = b.ok(DAY, &["show", &case]);
    assert!(
        seen_b.contains("vertrouwelijk (jgz)") && seen_b.contains("halve dagen"),
        "{seen_b}"
    );
    assert!(!seen_b.contains(SECRET) && !seen_b.contains(FINDINGS));
    let json_b = b.ok(DAY, &["show", &case, "--json"]);
    assert!(json_b.contains("vertrouwelijk (jgz)") && !json_b.contains(SECRET));
    // The jeugdarts sees everything, both sides' notes.
    let seen_a = keyed_ok(&a, "arts", &["show", &case]);
    assert!(
        seen_a.contains(SECRET) && seen_a.contains(FINDINGS) && seen_a.contains("moeder gebeld"),
        "{seen_a}"
    );
    // The recovery key opens it too.
    let rec = keyed(
        &a,
        "herstel",
        Some(&a.home.path().join("herstel.age")),
        &["show", &case],
    );
    assert!(String::from_utf8_lossy(&rec.stdout).contains(SECRET));
    // Nowhere in the clear: not in the leerplicht clone (.git and cache
    // included), the remote, the jeugdarts's own repository, temp folders.
    b.ok(DAY, &["check"]);
    a.ok(DAY, &["check"]);
    for (dir, home) in [
        (b.dir.as_path(), b.home.path()),
        (bare.as_path(), a.home.path()),
        (a.dir.as_path(), a.home.path()),
    ] {
        let git_dir = if dir.join(".git").exists() {
            dir.join(".git")
        } else {
            dir.to_path_buf()
        };
        assert!(
            !holds(&git_dir, home, SECRET),
            "{} holds the note",
            dir.display()
        );
        assert!(
            !holds(&git_dir, home, FINDINGS),
            "{} holds the findings",
            dir.display()
        );
        assert!(!files_hold(dir, SECRET), "{} holds the note", dir.display());
    }
    // The search finds what is there: B's plain note, in A's objects.
    assert!(holds(&a.dir.join(".git"), a.home.path(), "moeder gebeld"));
    for s in [&a, &b] {
        assert!(!files_hold(&s.home.path().join("tmp"), SECRET));
    }
    let log = a.git(&["log", "--format=%B"]);
    assert!(
        !log.contains(SECRET) && !log.contains("jeugdarts-a"),
        "{log}"
    );
}

#[test]
fn a_wrong_passphrase_is_a_clear_error_and_nothing_is_written() {
    let (a, _b, _bare, case) = setup();
    let before = a.commit_count();
    let out = keyed(
        &a,
        "fout",
        None,
        &consult(&case, "2026-11-10", "verschenen", &["--note", SECRET]),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("verkeerde wachtwoordzin"));
    assert_eq!(a.commit_count(), before);
}

#[test]
fn adding_and_removing_a_colleague_are_one_command_each() {
    let (a, _b, _bare, case) = setup();
    keyed_ok(
        &a,
        "arts",
        &consult(&case, "2026-11-10", "verschenen", &["--note", SECRET]),
    );
    // Colleague C makes a key (in a folder of their own) and is added.
    let c_id = a.home.path().join("c.age");
    let c_pub = String::from_utf8(keyed(&a, "c", Some(&c_id), &["keys", "init"]).stdout).unwrap();
    let before = a.commit_count();
    keyed_ok(
        &a,
        "arts",
        &["keys", "add-recipient", "collega-c", c_pub.trim()],
    );
    assert_eq!(
        a.commit_count(),
        before + 1,
        "config and rewrap in one commit"
    );
    let as_c = |args: &[&str]| String::from_utf8(keyed(&a, "c", Some(&c_id), args).stdout).unwrap();
    assert!(
        as_c(&["show", &case]).contains(SECRET),
        "C reads after the rewrap"
    );
    // C is removed: keys rotate; a new note gets a new key C cannot open.
    keyed_ok(&a, "arts", &["keys", "remove-recipient", "collega-c"]);
    assert_eq!(a.commit_count(), before + 2);
    keyed_ok(
        &a,
        "arts",
        &[
            "add",
            &case,
            "follow-up",
            "--date",
            "2026-11-17",
            "--note",
            "nieuw-na-rotatie",
        ],
    );
    let file = std::fs::read_to_string(a.case_file(&case)).unwrap();
    assert_eq!(file.matches("[keys.").count(), 2, "{file}");
    assert!(file.contains("retired = true"));
    let seen = as_c(&["show", &case]);
    assert!(
        !seen.contains("nieuw-na-rotatie") && seen.contains("vertrouwelijk (jgz)"),
        "{seen}"
    );
    assert!(keyed_ok(&a, "arts", &["show", &case]).contains("nieuw-na-rotatie"));
}

#[test]
fn seal_existing_seals_old_plain_notes_in_one_commit_and_says_history_keeps_them() {
    let s = Sandbox::named("Jeugdarts A");
    std::fs::create_dir_all(s.home.path().join("tmp")).unwrap();
    s.ok(DAY, &["init"]);
    let case = s.new_case(P);
    s.ok(
        DAY,
        &consult(&case, "2026-11-10", "verschenen", &["--note", SECRET]),
    );
    let me = keyed_ok(&s, "arts", &["keys", "init"]);
    let rec = s.home.path().join("herstel.age");
    let rec_pub = String::from_utf8(keyed(&s, "h", Some(&rec), &["keys", "init"]).stdout).unwrap();
    keyed_ok(
        &s,
        "arts",
        &[
            "keys",
            "add-recipient",
            "--recovery",
            "herstel",
            rec_pub.trim(),
        ],
    );
    keyed_ok(&s, "arts", &["keys", "add-recipient", "jeugdarts-a", &me]);
    let before = s.commit_count();
    let said = keyed_ok(&s, "arts", &["keys", "seal-existing"]);
    assert!(
        said.contains("1 waarde") && said.contains("geschiedenis"),
        "{said}"
    );
    assert_eq!(s.commit_count(), before + 1);
    let file = std::fs::read_to_string(s.case_file(&case)).unwrap();
    assert!(!file.contains(SECRET) && file.contains("vz1:"), "{file}");
    assert!(keyed_ok(&s, "arts", &["show", &case]).contains(SECRET));
}

#[test]
fn conflicts_open_a_sealed_note_for_the_holder_and_mask_it_for_anyone_else() {
    let (a, b, _bare, case) = setup();
    let event = keyed_ok(
        &a,
        "arts",
        &consult(&case, "2026-11-10", "verschenen", &["--note", SECRET]),
    );
    let event = event.split_whitespace().last().unwrap().to_string();
    a.ok(DAY, &["sync"]);
    b.ok(DAY, &["sync"]);
    // Both sides correct the same consult, differently.
    let edit = |s: &Sandbox, advice: &str| {
        keyed_ok(s, "arts", &["edit", &case, &event, "--advice", advice]);
    };
    edit(&a, "halve dagen");
    edit(&b, "hele dagen");
    b.ok(DAY, &["sync"]);
    a.ok(DAY, &["sync"]);
    let seen_a = keyed_ok(&a, "arts", &["conflicts"]);
    assert!(
        seen_a.contains(SECRET) && !seen_a.contains("vz1:"),
        "{seen_a}"
    );
    b.ok(DAY, &["sync"]);
    let seen_b = b.ok(DAY, &["conflicts"]);
    let json_a = keyed_ok(&a, "arts", &["conflicts", "--json"]);
    assert!(json_a.contains(SECRET), "{json_a}");
    assert!(
        !seen_b.contains("vz1:") && !seen_b.contains(SECRET),
        "{seen_b}"
    );
    assert!(
        seen_b.contains("note = \"vertrouwelijk (jgz)\""),
        "{seen_b}"
    );
}
