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
        show.contains("Zorgmelding") && show.contains("to=veilig-thuis"),
        "{show}"
    );
    assert!(
        show.contains("Hoorgesprek") && show.contains("artikel=5a"),
        "{show}"
    );
    let en = s.ok(day, &["--lang", "en", "show", &id]);
    assert!(en.contains("Care report") && en.contains("Hearing"), "{en}");
    let json = s.ok(day, &["show", &id, "--json"]);
    assert!(json.contains("\"kind\":\"zorgmelding\"") && json.contains("\"to\":\"veilig-thuis\""));
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(file.contains("to = \"veilig-thuis\""), "{file}");
}
