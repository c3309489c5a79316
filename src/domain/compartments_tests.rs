use super::*;
use crate::domain::dates;

const AGE: &str = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p";

fn file() -> String {
    format!(
        "[recovery]\nlabel = \"herstel\"\nkey = \"{AGE}\"\n\n[compartments.jgz]\nlabel = \"JGZ\"\n\n[[compartments.jgz.recipients]]\nlabel = \"jeugdarts\"\nkey = \"{AGE}\"\n\n[compartments.jgz.sealed]\nconsult = [\"note\"]\n"
    )
}

#[test]
fn a_file_names_compartments_recipients_and_sealed_fields() {
    let c = Compartments::parse("compartments.toml", &file()).unwrap();
    assert_eq!(c.recovery.as_ref().unwrap().label, "herstel");
    let jgz = c.sealing("consult", "note").unwrap();
    assert_eq!((jgz.id.as_str(), jgz.recipients.len()), ("jgz", 1));
    assert!(c.sealing("consult", "advice").is_none());
    assert!(c.sealing("ziek", "note").is_none());
}

#[test]
fn outcome_advice_and_secret_keys_are_refused_with_a_position() {
    let bad = file().replace("consult = [\"note\"]", "consult = [\"note\", \"advice\"]");
    let e = Compartments::parse("compartments.toml", &bad).unwrap_err();
    assert_eq!(e.line, 13, "{e}");
    let secret = file().replace("label = \"JGZ\"", "label = \"JGZ\"\n# AGE-SECRET-KEY-1QQQ");
    let e = Compartments::parse("compartments.toml", &secret).unwrap_err();
    assert_eq!(e.line, 7, "{e}");
    let wrong = file().replace(
        &format!("key = \"{AGE}\"\n\n[compartments"),
        "key = \"x\"\n\n[compartments",
    );
    assert!(Compartments::parse("compartments.toml", &wrong).is_err());
}

#[test]
fn only_new_or_changed_plain_values_need_sealing() {
    let c = Compartments::parse("compartments.toml", &file()).unwrap();
    let mut e = Event::new("consult", dates::parse("2026-11-02").unwrap());
    e.outcome = Some("verschenen".into());
    e.advice = Some("mag naar school".into());
    assert!(c.to_seal(None, &e).is_empty());
    e.note = Some("buikpijn".into());
    assert_eq!(c.to_seal(None, &e).len(), 1);
    assert!(c.to_seal(Some(&e), &e).is_empty(), "unchanged plain stays");
    e.note = Some("vz1:k1:abc".into());
    assert!(c.to_seal(None, &e).is_empty(), "already sealed");
}

#[test]
fn reveal_opens_with_the_key_and_masks_without() {
    let mut case = crate::domain::case::CaseFields {
        name: "A".into(),
        birth: dates::parse("2012-01-01").unwrap(),
        school: "S".into(),
        level: crate::domain::case::Level::Vo,
        protocol: "p".into(),
        gemeente: None,
        owner: None,
    }
    .into_case("c1".into(), dates::parse("2026-09-01").unwrap());
    let key = [3u8; 32];
    let mut e = Event::new("consult", dates::parse("2026-11-02").unwrap());
    e.note = Some(seal::seal(
        &key,
        "k1",
        "c1",
        "events.e1.note",
        "buikpijn",
        [1; 24],
    ));
    case.events.insert("e1".into(), e);
    case.keys.insert(
        "k1".into(),
        KeyBlock {
            compartment: "jgz".into(),
            retired: false,
            wrapped: String::new(),
        },
    );
    assert!(sealed_in(&case));
    let open = reveal(&case, &|kid| (kid == "k1").then_some(key));
    assert_eq!(open.events["e1"].note.as_deref(), Some("buikpijn"));
    let hidden = reveal(&case, &|_| None);
    assert_eq!(hidden.events["e1"].note, Some(masked("jgz")));
}

#[test]
fn a_diff_shows_sealed_values_opened_or_masked() {
    let key = [4u8; 32];
    let mut case = crate::domain::case::CaseFields {
        name: "A".into(),
        birth: dates::parse("2012-01-01").unwrap(),
        school: "S".into(),
        level: crate::domain::case::Level::Vo,
        protocol: "p".into(),
        gemeente: None,
        owner: None,
    }
    .into_case("c1".into(), dates::parse("2026-09-01").unwrap());
    case.keys.insert(
        "k1".into(),
        KeyBlock {
            compartment: "jgz".into(),
            retired: false,
            wrapped: String::new(),
        },
    );
    let v = seal::seal(&key, "k1", "c1", "events.e1.note", "buikpijn", [1; 24]);
    let diff = format!("+[events.e1]\n+kind = \"consult\"\n+note = \"{v}\"\n");
    let open = reveal_diff(&diff, &case, &|_| Some(key));
    assert!(open.contains("+note = \"buikpijn\""), "{open}");
    case.events.insert(
        "e1".into(),
        Event::new("consult", dates::parse("2026-11-02").unwrap()),
    );
    let hunk = format!(" kind = \"consult\"\n note = \"{v}\"\n");
    assert!(reveal_diff(&hunk, &case, &|_| Some(key)).contains("buikpijn"));
    let hidden = reveal_diff(&diff, &case, &|_| None);
    assert!(
        hidden.contains("vertrouwelijk (jgz)") && !hidden.contains("vz1:"),
        "{hidden}"
    );
}

fn sealed_case() -> (crate::domain::case::Case, Event, [u8; 32]) {
    let key = [4u8; 32];
    let mut case = crate::domain::case::CaseFields {
        name: "A".into(),
        birth: dates::parse("2012-01-01").unwrap(),
        school: "S".into(),
        level: crate::domain::case::Level::Vo,
        protocol: "p".into(),
        gemeente: None,
        owner: None,
    }
    .into_case("c1".into(), dates::parse("2026-09-01").unwrap());
    case.keys.insert(
        "k1".into(),
        KeyBlock {
            compartment: "jgz".into(),
            retired: false,
            wrapped: String::new(),
        },
    );
    let mut e = Event::new("consult", dates::parse("2026-11-02").unwrap());
    e.note = Some(seal::seal(
        &key,
        "k1",
        "c1",
        "events.e1.note",
        "buikpijn",
        [1; 24],
    ));
    case.events.insert("e1".into(), e.clone());
    (case, e, key)
}

#[test]
fn a_conflict_over_an_event_shows_its_sealed_note_opened_or_masked() {
    let (case, e, key) = sealed_case();
    let mut other = e.clone();
    other.outcome = Some("verschenen".into());
    let text = |e: &Event| Some(toml::Value::try_from(e).unwrap().to_string());
    let c = crate::domain::merge::Conflict {
        field: "events.e1".into(),
        base: None,
        local: text(&e),
        remote: text(&other),
        others: vec![],
    };
    let open = reveal_conflict(&case, &c, &|_| Some(key));
    assert!(
        open.local.as_deref().unwrap().contains("buikpijn"),
        "{open:?}"
    );
    assert!(open.remote.as_deref().unwrap().contains("verschenen"));
    let hidden = reveal_conflict(&case, &c, &|_| None);
    for side in [hidden.local.unwrap(), hidden.remote.unwrap()] {
        assert!(
            side.contains("vertrouwelijk (jgz)") && !side.contains("vz1:"),
            "{side}"
        );
    }
}

#[test]
fn an_edit_keeps_an_untouched_sealed_field_and_knows_what_it_cannot_open() {
    let (case, raw, key) = sealed_case();
    let open = reveal(&case, &|_| Some(key)).events["e1"].clone();
    assert!(unopened(&case, &raw, &open).is_empty());
    let hidden = reveal(&case, &|_| None).events["e1"].clone();
    assert_eq!(unopened(&case, &raw, &hidden), vec!["note"]);
    let mut new = open.clone();
    new.outcome = Some("verschenen".into());
    keep_sealed(&raw, &mut new, &["outcome"]);
    assert_eq!(new.note, raw.note);
    let mut changed = open;
    changed.note = Some("hoofdpijn".into());
    keep_sealed(&raw, &mut changed, &["note"]);
    assert_eq!(changed.note.as_deref(), Some("hoofdpijn"));
}

#[test]
fn a_wiped_copy_holds_no_opened_text() {
    let (case, _, key) = sealed_case();
    let mut open = reveal(&case, &|_| Some(key));
    assert_eq!(open.events["e1"].note.as_deref(), Some("buikpijn"));
    wipe(&mut open);
    let e = &open.events["e1"];
    assert!(e.note.is_none(), "{e:?}");
    // The stored case is untouched: only the copy is wiped.
    assert!(
        case.events["e1"]
            .note
            .as_deref()
            .is_some_and(seal::is_sealed)
    );
}
