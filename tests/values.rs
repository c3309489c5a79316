//! Options whose values are a closed set (clap `ValueEnum`s in
//! `cli/values.rs`) through the real binary: a wrong value is refused in
//! one line that names the allowed values, in Dutch by default and in
//! English with `--lang en`; `--help` lists them; the values are the
//! strings typed before; an empty value still clears a field on `edit`.

mod common;
use common::Sandbox;

const DAY: &str = "2025-10-01";

fn new_case_args(level: &str) -> Vec<&str> {
    common::new_case_args(level, "leerplichtwet")
}

/// The one line of a refused value, checked for the words and the list.
fn refused(s: &Sandbox, args: &[&str], words: &[&str]) -> String {
    let before = s.commit_count();
    let err = s.fails(DAY, args, 1);
    assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
    for w in words {
        assert!(err.contains(w), "{args:?}: no {w:?} in {err}");
    }
    assert!(!err.contains("error:") && !err.contains("Usage"), "{err}");
    assert_eq!(s.commit_count(), before, "{args:?} wrote something");
    err
}

#[test]
fn a_wrong_value_names_the_allowed_ones_in_dutch_and_in_english() {
    let s = Sandbox::new();
    s.ok(DAY, &["init"]);
    let id = s.ok(DAY, &new_case_args("vo"));
    refused(
        &s,
        &new_case_args("hbo"),
        &[
            "--level",
            "`hbo`",
            "ongeldige waarde",
            "kies uit: po, vo, mbo, so",
        ],
    );
    let mut en = vec!["--lang", "en"];
    en.extend(new_case_args("hbo"));
    refused(&s, &en, &["invalid value", "choose from: po, vo, mbo, so"]);
    refused(
        &s,
        &[
            "add",
            &id,
            "melding-leerplicht",
            "--date",
            DAY,
            "--soort",
            "vakantie",
        ],
        &[
            "--soort",
            "`vakantie`",
            "kies uit: 16u4w, lrv, luxe, overig, 18plus",
        ],
    );
    refused(
        &s,
        &[
            "add",
            &id,
            "melding-leerplicht",
            "--date",
            DAY,
            "--status",
            "klaar",
        ],
        &["kies uit: nieuw, in-behandeling, afgehandeld"],
    );
    refused(
        &s,
        &[
            "action", "add", &id, "--title", "Bellen", "--due", DAY, "--role", "baas",
        ],
        &[
            "--role",
            "kies uit: school, jgz, leerplicht, swv, ouders, teamleider",
        ],
    );
    refused(
        &s,
        &["add", &id, "toestemming", "--date", DAY, "--subject", "oma"],
        &["kies uit: leerling, ouders"],
    );
    refused(
        &s,
        &["add", &id, "zorgmelding", "--date", DAY, "--to", "buurman"],
        &["kies uit: veilig-thuis, raad-kinderbescherming"],
    );
    refused(
        &s,
        &["resolve", &id, "note", "lokaal"],
        &[
            "`lokaal`",
            "ongeldige waarde",
            "kies uit: local, remote, remote-N",
        ],
    );
    refused(
        &s,
        &["--lang", "en", "resolve", &id, "note", "remote-1"],
        &["invalid value", "choose from: local, remote, remote-N"],
    );
}

#[test]
fn help_lists_the_values_in_the_interface_language() {
    let s = Sandbox::new();
    let nl = s.ok(DAY, &["add", "--help"]);
    for list in [
        "[mogelijke waarden: 16u4w, lrv, luxe, overig, 18plus]",
        "[mogelijke waarden: school, jgz, leerplicht, swv, ouders, teamleider]",
        "[mogelijke waarden: 5a, 5b, 5c, 15, 3a, 3b, 11g]",
    ] {
        assert!(nl.contains(list), "{list}: {nl}");
    }
    assert!(!nl.contains("possible values"), "{nl}");
    let en = s.ok(DAY, &["--lang", "en", "new", "--help"]);
    assert!(en.contains("[possible values: po, vo, mbo, so]"), "{en}");
}

#[test]
fn the_values_typed_before_still_work_and_empty_clears_on_edit() {
    let s = Sandbox::new();
    s.ok(DAY, &["init"]);
    let id = s.ok(DAY, &new_case_args("mbo"));
    let melding = s.ok(
        DAY,
        &[
            "add",
            &id,
            "melding-leerplicht",
            "--date",
            DAY,
            "--soort",
            "18plus",
            "--status",
            "in-behandeling",
        ],
    );
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(file.contains("level = \"mbo\""), "{file}");
    assert!(file.contains("soort = \"18plus\""), "{file}");
    assert!(file.contains("status = \"in-behandeling\""), "{file}");
    s.ok(DAY, &["edit", &id, &melding, "--soort", ""]);
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(!file.contains("soort = "), "{file}");
    assert!(file.contains("status = \"in-behandeling\""), "{file}");
    let action = s.ok(
        DAY,
        &[
            "action",
            "add",
            &id,
            "--title",
            "Bellen",
            "--due",
            "2025-10-08",
            "--role",
            "teamleider",
        ],
    );
    assert!(!action.is_empty());
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(file.contains("role = \"teamleider\""), "{file}");
}
