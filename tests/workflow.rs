//! Issue 14, the whole working day, run as a user would: the legal steps in
//! the vocabulary, corrections (edit, withdraw) and what they do to rules.

mod common;
use common::Sandbox;

const ZHW: &str = "zhw-ziekteverzuim-als-signaal";

fn init() -> Sandbox {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    s
}

#[test]
fn new_kinds_take_their_fields_and_show_by_label() {
    let s = init();
    let id = s.new_case(ZHW);
    let day = "2025-11-20";
    s.ok(
        day,
        &[
            "add",
            &id,
            "zorgmelding",
            "--date",
            day,
            "--to",
            "veilig-thuis",
        ],
    );
    s.ok(
        day,
        &["add", &id, "vrijstelling", "--date", day, "--artikel", "5a"],
    );
    s.ok(day, &["add", &id, "hoorgesprek", "--date", day]);
    let err = s.fails(day, &["add", &id, "inschrijving", "--date", day], 1);
    assert!(
        err.contains("--school") && err.lines().count() == 1,
        "{err}"
    );
    let err = s.fails(
        day,
        &["add", &id, "hoorgesprek", "--date", day, "--to", "x"],
        1,
    );
    assert!(err.contains("--to"), "{err}");
    let err = s.fails(
        day,
        &["add", &id, "vrijstelling", "--date", day, "--artikel", "9"],
        1,
    );
    assert!(err.contains("5a, 5b"), "{err}");
    let show = s.ok(day, &["show", &id]);
    assert!(
        show.contains("Zorgmelding") && show.contains("Aan: veilig-thuis"),
        "{show}"
    );
    assert!(
        show.contains("Hoorgesprek") && show.contains("Artikel: 5a"),
        "{show}"
    );
    let en = s.ok(day, &["--lang", "en", "show", &id]);
    assert!(en.contains("Care report") && en.contains("Hearing"), "{en}");
    let json = s.ok(day, &["show", &id, "--json"]);
    assert!(json.contains("\"kind\":\"zorgmelding\"") && json.contains("\"to\":\"veilig-thuis\""));
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(file.contains("to = \"veilig-thuis\""), "{file}");
}

/// Four sick reports in twelve school weeks: the ZHW "4e ziekmelding".
fn four_sick_reports(s: &Sandbox, id: &str) -> Vec<String> {
    [
        ("2025-09-08", "2025-09-09"),
        ("2025-09-29", "2025-10-01"),
        ("2025-10-13", "2025-10-14"),
        ("2025-11-10", "2025-11-14"),
    ]
    .iter()
    .map(|(from, until)| {
        s.ok(
            "2025-11-14",
            &["add", id, "ziek", "--date", from, "--until", until],
        )
    })
    .collect()
}

#[test]
fn a_withdrawn_sick_report_no_longer_counts_and_stays_in_file_and_history() {
    let s = init();
    let id = s.new_case(ZHW);
    let evs = four_sick_reports(&s, &id);
    let day = "2025-11-17";
    let json = s.ok(day, &["show", &id, "--json"]);
    assert!(
        json.contains("\"rule\":\"ziekmeldingen-frequent\""),
        "{json}"
    );
    let commits = s.commit_count();
    s.ok(
        day,
        &[
            "withdraw",
            &id,
            &evs[1][..6],
            "--reason",
            "dubbel ingevoerd",
        ],
    );
    assert_eq!(s.commit_count(), commits + 1);
    let json = s.ok(day, &["show", &id, "--json"]);
    assert!(
        !json.contains("\"rule\":\"ziekmeldingen-frequent\""),
        "{json}"
    );
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(file.contains("withdrawn = \"dubbel ingevoerd\""), "{file}");
    let show = s.ok(day, &["show", &id]);
    assert!(show.contains("[ingetrokken: dubbel ingevoerd]"), "{show}");
    let log = s.git(&["log", "--format=%s"]);
    let first = log.lines().next().unwrap();
    assert_eq!(first, format!("case {id}: withdraw event {}", evs[1]));
    let err = s.fails(day, &["withdraw", &id, &evs[1], "--reason", "x"], 1);
    assert!(err.contains("al ingetrokken"), "{err}");
}

#[test]
fn an_edit_is_one_commit_naming_the_event_and_fields_only() {
    let s = init();
    let id = s.new_case(ZHW);
    let ev = s.ok(
        "2025-11-10",
        &[
            "add",
            &id,
            "ziek",
            "--date",
            "2025-11-10",
            "--note",
            "griep",
        ],
    );
    let commits = s.commit_count();
    s.ok(
        "2025-11-12",
        &[
            "edit",
            &id,
            &ev[..5],
            "--until",
            "11-11-2025",
            "--note",
            "buikgriep",
        ],
    );
    assert_eq!(s.commit_count(), commits + 1);
    let log = s.git(&["log", "-1", "--format=%s"]);
    assert_eq!(
        log.trim(),
        format!("case {id}: edit event {ev} (until, note)")
    );
    assert!(!log.contains("griep"));
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(file.contains("until = \"2025-11-11\"") && file.contains("buikgriep"));
    let err = s.fails("2025-11-12", &["edit", &id, &ev, "--school", "X"], 1);
    assert!(
        err.contains("--school") && err.lines().count() == 1,
        "{err}"
    );
    let err = s.fails("2025-11-12", &["edit", &id, &ev], 1);
    assert!(err.contains("niets te wijzigen"), "{err}");
    let err = s.fails("2025-11-12", &["edit", &id, "zzz", "--note", "x"], 1);
    assert!(err.contains("geen gebeurtenis"), "{err}");
}
