//! `check` and `overdue` keep each case's result until the next run of the
//! day (`store/memo.rs`). A run with the memo must print exactly what a run
//! without it prints, whatever changed in between: the day, a commit, a hand
//! edit, a rules file, the language, a copied case file.

mod common;
use common::{Sandbox, mode};

const ZHW: &str = "zhw-ziekteverzuim-als-signaal";
const DAY: &str = "2025-09-07";

/// Ten cases, each registered with the JGZ on 1 September: on the 7th the
/// JGZ's invitation (5 days) is one day overdue in every case.
fn sandbox() -> (Sandbox, Vec<String>) {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let ids = (0..10)
        .map(|_| {
            let id = s.new_case(ZHW);
            s.ok(
                "2025-09-01",
                &["add", &id, "aanmelding-jgz", "--date", "2025-09-01"],
            );
            id
        })
        .collect();
    (s, ids)
}

fn memos(s: &Sandbox) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(s.dir.join(".git"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("verzuim-memo-"))
        .collect()
}

/// Exit code, stdout and stderr of a run.
fn run(s: &Sandbox, day: &str, args: &[&str]) -> (Option<i32>, String, String) {
    let out = s.run(day, args);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// What a run prints with no memo at all.
fn without_memo(s: &Sandbox, day: &str, args: &[&str]) -> (Option<i32>, String, String) {
    for m in memos(s) {
        std::fs::remove_file(m).unwrap();
    }
    run(s, day, args)
}

/// Runs `args` twice with the memo (the first may fill it) and checks both
/// against a run without it.
fn same_as_without_memo(s: &Sandbox, day: &str, args: &[&str]) -> String {
    let first = run(s, day, args);
    let second = run(s, day, args);
    let fresh = without_memo(s, day, args);
    assert_eq!(first, fresh, "{args:?} on {day}");
    assert_eq!(second, fresh, "{args:?} on {day}");
    // And once more with the memo the fresh run wrote.
    assert_eq!(run(s, day, args), fresh, "{args:?} on {day}");
    fresh.1
}

const VARIANTS: [&[&str]; 6] = [
    &["overdue"],
    &["overdue", "--json"],
    &["check"],
    &["check", "--json"],
    &["--lang", "en", "overdue"],
    &["--lang", "en", "check"],
];

#[test]
fn a_run_with_the_memo_prints_what_a_run_without_it_prints() {
    let (s, _) = sandbox();
    for args in VARIANTS {
        same_as_without_memo(&s, DAY, args);
    }
    // Every variant in its own private file, none of it committed.
    for args in VARIANTS {
        run(&s, DAY, args);
    }
    let files = memos(&s);
    assert_eq!(files.len(), VARIANTS.len(), "{files:?}");
    for f in &files {
        assert_eq!(mode(f), 0o600, "{f:?}");
    }
    assert_eq!(s.git(&["status", "--porcelain", "--ignored"]), "");
    let out = same_as_without_memo(&s, DAY, &["overdue"]);
    assert_eq!(out.lines().count(), 10, "{out}");
}

#[test]
fn the_memo_follows_the_day_a_commit_a_hand_edit_and_the_rules() {
    let (s, ids) = sandbox();
    let overdue = |s: &Sandbox| same_as_without_memo(s, DAY, &["overdue"]);
    // The day before nothing is overdue; the memo of that day is not used.
    assert!(same_as_without_memo(&s, "2025-09-06", &["overdue"]).contains("niets over tijd"));
    assert_eq!(overdue(&s).lines().count(), 10);
    // A commit through verzuim: one case leaves the list.
    s.ok(DAY, &["done", &ids[0], "jgz-uitnodiging"]);
    let out = overdue(&s);
    assert_eq!(out.lines().count(), 9, "{out}");
    assert!(!out.contains(ids[0].as_str()), "{out}");
    // A hand edit, not committed: the new name is printed at once.
    let file = s.case_file(&ids[1]);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Anna Test", "Zoë Test")).unwrap();
    assert!(overdue(&s).contains("Zoë Test"));
    assert!(same_as_without_memo(&s, DAY, &["check"]).contains("Zoë Test"));
    // A rules file: the JGZ gets 10 days instead of 5, nothing is overdue.
    let (protocol, rules) = jgz_term(&s, 10);
    assert!(overdue(&s).contains("niets over tijd"));
    std::fs::write(&protocol, &rules).unwrap();
    assert_eq!(overdue(&s).lines().count(), 9);
}

#[test]
fn a_copied_or_broken_case_file_is_reported_on_every_run() {
    let (s, ids) = sandbox();
    same_as_without_memo(&s, DAY, &["overdue"]);
    // The same bytes under another name: not that case, and not a hit.
    let copy = s.dir.join("cases/0000000000000000.toml");
    std::fs::copy(s.case_file(&ids[2]), &copy).unwrap();
    let broken = s.case_file(&ids[3]);
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(&broken, text.replace("name = ", "name = = ")).unwrap();
    for _ in 0..3 {
        let (code, out, err) = run(&s, DAY, &["overdue"]);
        assert_eq!(code, Some(2), "{err}");
        assert!(err.contains("cases/0000000000000000.toml"), "{err}");
        assert!(err.contains(&format!("cases/{}.toml", ids[3])), "{err}");
        assert_eq!(out.lines().count(), 9, "{out}");
    }
    same_as_without_memo(&s, DAY, &["check"]);
}

/// `overdue` in both languages, as text and as JSON.
const OVERDUE: [&[&str]; 4] = [
    &["overdue"],
    &["overdue", "--json"],
    &["--lang", "en", "overdue"],
    &["--lang", "en", "overdue", "--json"],
];

/// The ten cases of [`sandbox`] and the sample cases of `cases/` (every
/// shipped protocol, a closed case, pauses, escalations), committed.
fn samples() -> (Sandbox, Vec<String>) {
    use std::os::unix::fs::PermissionsExt;
    let (s, ids) = sandbox();
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    for entry in std::fs::read_dir(samples).unwrap() {
        let from = entry.unwrap().path();
        let to = s.dir.join("cases").join(from.file_name().unwrap());
        std::fs::copy(&from, &to).unwrap();
        std::fs::set_permissions(&to, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    s.git(&["add", "cases"]);
    s.git(&["commit", "-q", "-m", "sample cases"]);
    assert_eq!(s.git(&["status", "--porcelain"]), "");
    (s, ids)
}

/// Runs `args` on `day` with the memo as the earlier runs left it, then
/// once more with no memo at all (the memos set aside meanwhile and put
/// back after, so the next day again starts from the memo's own chain),
/// and checks that both print the same, byte for byte; the output.
fn with_memo_as_without(s: &Sandbox, day: &str, args: &[&str]) -> String {
    let with = run(s, day, args);
    let aside = s.home.path().join("memos-aside");
    std::fs::create_dir_all(&aside).unwrap();
    for m in memos(s) {
        std::fs::rename(&m, aside.join(m.file_name().unwrap())).unwrap();
    }
    let fresh = run(s, day, args);
    for m in memos(s) {
        std::fs::remove_file(m).unwrap();
    }
    for entry in std::fs::read_dir(&aside).unwrap() {
        let m = entry.unwrap().path();
        std::fs::rename(&m, s.dir.join(".git").join(m.file_name().unwrap())).unwrap();
    }
    assert_eq!(with, fresh, "{args:?} on {day}");
    fresh.1
}

/// Every variant of `overdue` on `day`; the Dutch text.
fn overdue_on(s: &Sandbox, day: &str) -> String {
    let outs: Vec<String> = OVERDUE
        .iter()
        .map(|args| with_memo_as_without(s, day, args))
        .collect();
    outs[0].clone()
}

/// How many lines of a list name the case `id`.
fn lines_of(out: &str, id: &str) -> usize {
    out.lines().filter(|l| l.contains(id)).count()
}

fn days(first: &str, n: u64) -> Vec<String> {
    let first = chrono::NaiveDate::parse_from_str(first, "%Y-%m-%d").unwrap();
    (0..n)
        .map(|i| (first + chrono::Days::new(i)).to_string())
        .collect()
}

#[test]
fn overdue_day_after_day_and_back_prints_what_a_run_without_the_memo_prints() {
    let (s, _) = samples();
    // Forty days in a row: weekends, and the start of the Christmas
    // holiday of the shipped calendar (20 December 2025).
    let mut outputs = Vec::new();
    for day in days("2025-11-17", 40) {
        outputs.push(overdue_on(&s, &day));
    }
    // Jumps forward and back: a spring holiday, the autumn holiday (before
    // some of the cases began), days already seen, a day far ahead.
    for day in [
        "2026-02-23",
        "2025-10-20",
        "2025-12-01",
        "2025-11-18",
        "2026-06-30",
        "2025-11-17",
    ] {
        outputs.push(overdue_on(&s, day));
    }
    // Not a trivial comparison: lists of some length that change by the day.
    let longest = outputs.iter().map(|o| o.lines().count()).max().unwrap();
    assert!(longest > 12, "{longest}");
    outputs.dedup();
    assert!(outputs.len() > 30, "{}", outputs.len());
}

#[test]
fn overdue_across_days_follows_a_commit_an_edit_of_the_rules_and_of_the_calendar() {
    let (s, ids) = samples();
    let before = overdue_on(&s, "2025-11-20");
    // A `done` on the next day.
    s.ok("2025-11-21", &["done", &ids[0], "jgz-uitnodiging"]);
    let out = overdue_on(&s, "2025-11-21");
    assert_eq!(lines_of(&out, &ids[0]), lines_of(&before, &ids[0]) - 1);
    // An `add` after the weekend: the invitation is sent.
    s.ok(
        "2025-11-24",
        &["add", &ids[1], "uitnodiging-jgz", "--date", "2025-11-24"],
    );
    let out = overdue_on(&s, "2025-11-24");
    assert_eq!(lines_of(&out, &ids[1]), lines_of(&before, &ids[1]) - 1);
    let edited = overdue_on(&s, "2025-11-25");
    // A protocol file: the JGZ gets 100 days instead of 5.
    jgz_term(&s, 100);
    let out = overdue_on(&s, "2025-11-26");
    assert_eq!(lines_of(&out, &ids[2]), lines_of(&edited, &ids[2]) - 1);
    overdue_on(&s, "2025-11-27");
    // A calendar file: a week of holiday in every region, which moves the
    // deadlines counted in school days.
    let calendar = s.dir.join("calendar/2025-2026.toml");
    let mut text = std::fs::read_to_string(&calendar).unwrap();
    let plain = overdue_on(&s, "2025-12-05");
    text += "\n[[holidays]]\nname = \"Extra\"\nregions = [\"noord\", \"midden\", \"zuid\"]\n\
             from = \"2025-11-10\"\nto = \"2025-11-28\"\nstatus = \"advies\"\nsource = \"test\"\n";
    std::fs::write(&calendar, &text).unwrap();
    let holiday = overdue_on(&s, "2025-12-05");
    assert_ne!(holiday, plain);
    for day in days("2025-12-06", 5) {
        overdue_on(&s, &day);
    }
}

/// Gives the JGZ `days` days instead of 5 for its invitation in the ZHW
/// protocol file; returns the file and its text before.
fn jgz_term(s: &Sandbox, days: u32) -> (std::path::PathBuf, String) {
    let protocol = s.dir.join(format!("protocols/{ZHW}.toml"));
    let rules = std::fs::read_to_string(&protocol).unwrap();
    let longer = rules.replacen(
        "due = { amount = 5, unit = \"days\" }\nsatisfied_by = [\"uitnodiging-jgz\"]",
        &format!(
            "due = {{ amount = {days}, unit = \"days\" }}\nsatisfied_by = [\"uitnodiging-jgz\"]"
        ),
        1,
    );
    assert_ne!(longer, rules);
    std::fs::write(&protocol, &longer).unwrap();
    (protocol, rules)
}
