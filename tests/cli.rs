//! The command-line contract, run as a user would: the real binary on a
//! temp repository, checking output, files, permissions and git history.

mod common;
use common::{Sandbox, mode};

const ZHW: &str = "zhw-ziekteverzuim-als-signaal";

fn init() -> Sandbox {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    s
}

#[test]
fn init_creates_a_private_repository_with_one_commit() {
    let s = init();
    assert!(s.dir.join("protocols/leerplichtwet.toml").is_file());
    assert!(s.dir.join("calendar/2025-2026.toml").is_file());
    assert_eq!(mode(&s.dir), 0o700);
    assert_eq!(mode(&s.dir.join("verzuim.toml")), 0o600);
    assert_eq!(mode(&s.dir.join(".git")), 0o700);
    assert_eq!(s.commit_count(), 1);
    assert_eq!(s.git(&["status", "--porcelain"]), "");
    let again = s.run("2025-09-01", &["init"]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn every_state_change_is_one_commit_touching_one_file_without_personal_data() {
    let s = init();
    let id = s.new_case(ZHW);
    assert_eq!(id.len(), 16);
    assert_eq!(mode(&s.case_file(&id)), 0o600);
    let ev = s.ok(
        "2025-09-01",
        &[
            "add",
            &id[..6],
            "ziek",
            "--date",
            "2025-09-01",
            "--note",
            "griep, koorts",
        ],
    );
    assert_eq!(ev.len(), 16);
    assert_eq!(s.commit_count(), 3);
    assert_eq!(
        s.git(&["status", "--porcelain"]),
        "",
        "clean working tree after each change"
    );
    let files = s.git(&["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), format!("cases/{id}.toml"));
    let log = s.git(&["log", "--format=%an|%s"]);
    assert!(
        log.contains(&format!(
            "Test Officer|case {id}: add ziek 2025-09-01 (event {ev})"
        )),
        "{log}"
    );
    assert!(
        !log.contains("Anna") && !log.contains("griep"),
        "no names or notes in history: {log}"
    );
    let text = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(text.contains(&format!("[events.{ev}]")) && text.contains("griep, koorts"));
    let history = s.ok("2025-09-01", &["log", &id]);
    assert_eq!(history.lines().count(), 2);
    assert!(history.contains("Test Officer"));
}

#[test]
fn bad_input_is_one_line_exit_1_and_changes_nothing() {
    let s = init();
    let id = s.new_case(ZHW);
    let before = s.commit_count();
    let cases: &[&[&str]] = &[
        &["add", &id, "ziek", "--date", "2025-02-30"],
        &[
            "add",
            &id,
            "ziek",
            "--date",
            "2025-09-10",
            "--until",
            "2025-09-09",
        ],
        &[
            "add",
            &id,
            "ongeoorloofd",
            "--date",
            "2025-09-10",
            "--hours",
            "-2",
        ],
        &["add", &id, "vakantie", "--date", "2025-09-10"],
        &[
            "add",
            &id,
            "consult",
            "--date",
            "2025-09-10",
            "--outcome",
            "weg",
        ],
        &["add", "zzzz", "ziek", "--date", "2025-09-10"],
        &[
            "new",
            "--name",
            "X",
            "--birth",
            "2011-01-01",
            "--school",
            "S",
            "--level",
            "hbo",
            "--protocol",
            ZHW,
        ],
        &[
            "new",
            "--name",
            "X",
            "--birth",
            "2011-01-01",
            "--school",
            "S",
            "--level",
            "vo",
            "--protocol",
            "nergens",
        ],
        &["done", &id, "niet-bestaand"],
        &["add", &id],
    ];
    for args in cases {
        let out = s.run("2025-09-15", args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: one line: {err}");
        assert!(out.stdout.is_empty());
    }
    assert_eq!(s.commit_count(), before);
    assert_eq!(s.git(&["status", "--porcelain"]), "");
}

#[test]
fn check_and_overdue_change_day_by_day() {
    let s = init();
    let id = s.new_case(ZHW);
    s.ok(
        "2025-09-01",
        &["add", &id, "aanmelding-jgz", "--date", "2025-09-01"],
    );
    let on = |day: &str| -> serde_json::Value {
        serde_json::from_str(&s.ok(day, &["overdue", "--json"])).unwrap()
    };
    assert_eq!(on("2025-09-06").as_array().unwrap().len(), 0);
    let late = on("2025-09-07");
    assert!(
        late[0]["action"]
            .as_str()
            .unwrap()
            .starts_with("jgz-uitnodiging-")
    );
    assert_eq!(late[0]["days_overdue"], 1);
    assert_eq!(late[0]["role"], "jgz");
    assert_eq!(late[0]["due"], "2025-09-06");
    let check: serde_json::Value =
        serde_json::from_str(&s.ok("2025-09-07", &["check", "--json"])).unwrap();
    assert_eq!(check["today"], "2025-09-07");
    let c = &check["cases"][0];
    assert_eq!(
        (c["id"].as_str().unwrap(), c["protocol"].as_str().unwrap()),
        (id.as_str(), ZHW)
    );
    let statuses: Vec<&str> = c["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    // jgz-uitnodiging overdue; jgz-consult and zorgmelding-leerplicht open.
    assert_eq!(statuses, vec!["overdue", "open", "open"]);
    // Marking it done by rule id removes it from the overdue list.
    s.ok("2025-09-07", &["done", &id, "jgz-uitnodiging"]);
    assert_eq!(on("2025-09-07").as_array().unwrap().len(), 0);
    let again = s.run("2025-09-07", &["done", &id, "jgz-uitnodiging"]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn signals_appear_in_check() {
    let s = init();
    let id = s.new_case("leerplichtwet");
    s.ok(
        "2025-09-15",
        &[
            "add",
            &id,
            "ongeoorloofd",
            "--date",
            "2025-09-15",
            "--hours",
            "16",
            "--force",
        ],
    );
    let text = s.ok("2025-09-16", &["check"]);
    assert!(
        text.contains("signaalverzuim") && text.contains("duo-melding"),
        "{text}"
    );
    let show = s.ok("2025-09-16", &["show", &id]);
    assert!(
        show.contains("Anna Test") && show.contains("16 uur"),
        "{show}"
    );
}

#[test]
fn a_broken_case_file_is_reported_never_overwritten_and_others_keep_working() {
    let s = init();
    let good = s.new_case(ZHW);
    let bad = s.new_case(ZHW);
    let path = s.case_file(&bad);
    let broken = std::fs::read_to_string(&path)
        .unwrap()
        .replace("level = \"vo\"", "level = \"vo\"\nlevel = <<<<<<< HEAD");
    std::fs::write(&path, &broken).unwrap();
    let out = s.run("2025-09-02", &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("cases/{bad}.toml:")), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains(&good));
    let write = s.run("2025-09-02", &["add", &bad, "ziek", "--date", "2025-09-02"]);
    assert_eq!(write.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        broken,
        "never overwritten"
    );
    // Writes to other cases still work, and do not commit the broken file.
    s.ok(
        "2025-09-02",
        &["add", &good, "ziek", "--date", "2025-09-02"],
    );
    assert!(
        s.git(&["show", "--name-only", "--format=", "HEAD"])
            .contains(&good)
    );
    assert!(s.git(&["status", "--porcelain"]).contains(&bad));
}

#[test]
fn an_uncommitted_hand_edit_is_committed_as_such_by_the_next_write_to_it() {
    let s = init();
    let id = s.new_case(ZHW);
    let path = s.case_file(&id);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("De Brug", "De Brug (locatie Zuid)");
    std::fs::write(&path, text).unwrap();
    // A write to another case costs what it changes: no scan of every file.
    let other = s.new_case(ZHW);
    assert!(s.git(&["status", "--porcelain"]).contains(&id));
    s.ok("2025-09-02", &["add", &id, "ziek", "--date", "2025-09-02"]);
    let log = s.git(&["log", "--format=%s"]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines[1], format!("hand edit: cases/{id}.toml"), "{log}");
    assert!(lines[2].contains(&other));
    assert_eq!(s.git(&["status", "--porcelain"]), "");
}

#[test]
fn no_git_author_is_a_clear_error() {
    let s = Sandbox::without_author();
    let err = s.fails("2025-09-01", &["init"], 1);
    assert!(err.contains("git config --global user.name"));
}

#[test]
fn not_a_repository_is_exit_2() {
    let s = Sandbox::new();
    assert!(s.fails("2025-09-01", &["check"], 2).contains("init"));
}

#[test]
fn demo_prints_recent_overdue_actions_off_a_terminal() {
    let s = Sandbox::new();
    let out = s.ok("2026-11-23", &["demo"]);
    assert!(
        out.contains("Daan Visser") && out.contains("-2026") && out.contains("over tijd"),
        "{out}"
    );
}

#[test]
fn english_messages_on_request() {
    let s = init();
    let out = s.run(
        "2025-09-01",
        &["--lang", "en", "add", "zzz", "ziek", "--date", "2025-09-01"],
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown case"));
}

#[test]
fn the_parse_cache_never_shows_stale_content() {
    let s = init();
    let id = s.new_case(ZHW);
    let name = |s: &Sandbox| -> String {
        let v: serde_json::Value =
            serde_json::from_str(&s.ok("2025-09-02", &["check", "--json"])).unwrap();
        v["cases"][0]["name"].as_str().unwrap().to_string()
    };
    assert_eq!(name(&s), "Anna Test");
    assert!(
        s.dir.join(".git/verzuim-cases.cache").exists(),
        "written on load"
    );
    assert_eq!(mode(&s.dir.join(".git/verzuim-cases.cache")), 0o600);
    // A hand edit in the same second as the cache and the index.
    let path = s.case_file(&id);
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("Anna Test", "Anna Bewerkt"),
    )
    .unwrap();
    assert_eq!(name(&s), "Anna Bewerkt");
    // Committed outside verzuim: the index now vouches for the new blob.
    s.git(&["commit", "-qam", "hand edit"]);
    assert_eq!(name(&s), "Anna Bewerkt");
    std::fs::write(
        &path,
        std::fs::read_to_string(&path)
            .unwrap()
            .replace("Anna Bewerkt", "Anna Terug"),
    )
    .unwrap();
    assert_eq!(name(&s), "Anna Terug");
    std::fs::write(
        s.dir.join(".git/verzuim-cases.cache"),
        b"VZCASES2\xff\xff\xff\xffgarbage",
    )
    .unwrap();
    assert_eq!(name(&s), "Anna Terug", "a corrupt cache is ignored");
}

#[test]
fn a_stale_git_lock_from_a_crash_is_removed_at_once_and_a_held_one_reported() {
    let s = init();
    let id = s.new_case(ZHW);
    let before = s.commit_count();
    // Fresh left-overs of a crash: nobody has them open.
    let lock = s.dir.join(".git/index.lock");
    let ref_lock = s.dir.join(".git/refs/heads/main.lock");
    std::fs::File::create(&lock).unwrap();
    std::fs::File::create(&ref_lock).unwrap();
    s.ok("2025-09-02", &["add", &id, "ziek", "--date", "2025-09-02"]);
    assert!(!lock.exists() && !ref_lock.exists(), "stale locks removed");
    assert_eq!(s.commit_count(), before + 1, "one commit, no empty ones");
    assert_eq!(s.git(&["status", "--porcelain"]), "");
    // A lock another process holds open is live: never removed.
    std::fs::File::create(&lock).unwrap();
    let mut holder = std::process::Command::new("sh")
        .arg("-c")
        .arg("exec 3<\"$0\"; sleep 30")
        .arg(&lock)
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let out = s.run("2025-09-02", &["add", &id, "beter", "--date", "2025-09-03"]);
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "the change is made: not an error"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("index.lock"),
        "but the user is told"
    );
    assert_eq!(
        s.commit_count(),
        before + 2,
        "the change itself is committed"
    );
    assert!(lock.exists(), "a live lock is never removed");
}

#[test]
fn a_school_year_without_calendar_data_is_warned_about() {
    let s = init();
    s.new_case(ZHW);
    let out = s.run("2030-01-10", &["check"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("2029-2030"));
    let out = s.run("2025-11-10", &["check"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `check` and `overdue` visit the cases from the parse cache where git
/// vouches for the file and parse the rest: a hand edit, a file that no
/// longer parses and a removed file are each seen at once, run after run.
#[test]
fn check_sees_hand_edits_through_the_parse_cache() {
    let s = init();
    let ids: Vec<String> = (0..3).map(|_| s.new_case(ZHW)).collect();
    let listed = |s: &Sandbox| -> Vec<(String, String)> {
        let v: serde_json::Value =
            serde_json::from_str(&s.ok_or_2("2025-09-07", &["check", "--json"])).unwrap();
        v["cases"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["name"].as_str().unwrap().into(),
                    c["id"].as_str().unwrap().into(),
                )
            })
            .collect()
    };
    let mut sorted = ids.clone();
    sorted.sort();
    let anna = |id: &String| ("Anna Test".to_string(), id.clone());
    for _ in 0..2 {
        assert_eq!(listed(&s), sorted.iter().map(anna).collect::<Vec<_>>());
    }
    let edit = |id: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(s.case_file(id)).unwrap();
        std::fs::write(s.case_file(id), text.replace(from, to)).unwrap();
    };
    edit(&sorted[0], "Anna Test", "Zoë Test");
    edit(&sorted[1], "name = ", "name = = ");
    let cache = s.dir.join(".git/verzuim-cases.cache");
    let mut sizes = Vec::new();
    for _ in 0..3 {
        assert_eq!(
            listed(&s),
            vec![anna(&sorted[2]), ("Zoë Test".into(), sorted[0].clone())]
        );
        let out = s.run("2025-09-07", &["overdue"]);
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(err.contains(&format!("cases/{}.toml:", sorted[1])), "{err}");
        sizes.push(std::fs::metadata(&cache).unwrap().len());
    }
    // The edited file is parsed again each run, and the cache keeps its size.
    assert_eq!(sizes[1], sizes[2], "{sizes:?}");
    edit(&sorted[1], "name = = ", "name = ");
    std::fs::remove_file(s.case_file(&sorted[2])).unwrap();
    let names: Vec<String> = listed(&s).into_iter().map(|c| c.0).collect();
    assert_eq!(names, ["Anna Test", "Zoë Test"]);
}
