//! The TUI with confidential compartments (issue 15): the case timeline
//! shows a sealed note opened for a key holder and "vertrouwelijk (jgz)"
//! for anyone else, never the ciphertext; so do the edit form (`E`) and
//! the conflict box.

use super::form::FieldKey;
use super::model::App;
use super::msg::Effect;
use super::tests::{app, key, open};
use crate::domain::compartments::{Compartments, KeyBlock};
use crate::domain::dates;
use crate::domain::event::Event;
use crate::domain::seal;
use crate::store::keys;
use age::secrecy::SecretString;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;
use std::sync::Arc;

fn render(app: &App) -> String {
    render_at(app, 140)
}

fn render_at(app: &App, width: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, 40)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    format!("{}", terminal.backend())
}

/// The demo app with a sealed consult note in Sanne's case, and the key
/// (unlocked) that opens it.
fn sealed_app() -> (App, keys::Keyring, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("id.age");
    let public = keys::init_age(&path, SecretString::from("pw"), Some(8)).unwrap();
    let cfg = Compartments::parse(
        "compartments.toml",
        &format!(
            "[recovery]\nlabel = \"h\"\nkey = \"{public}\"\n[compartments.jgz]\nrecipients = [{{ label = \"a\", key = \"{public}\" }}]\n[compartments.jgz.sealed]\nconsult = [\"note\"]\n"
        ),
    )
    .unwrap();
    let (kid, key) = keys::new_key();
    let wrapped = keys::wrap(&cfg, &cfg.compartments["jgz"], &key).unwrap();
    let mut a = app();
    let i = a
        .data
        .cases
        .iter()
        .position(|c| c.name.contains("Sanne"))
        .unwrap();
    let case = &mut a.data.cases[i];
    let mut e = Event::new("consult", dates::parse("2025-11-18").unwrap());
    e.outcome = Some("verschenen".into());
    let path_in_case = seal::field_path("sealed1", "note");
    e.note = Some(seal::seal(
        &key,
        &kid,
        &case.id,
        &path_in_case,
        "buikpijn",
        keys::nonce(),
    ));
    case.events.insert("sealed1".into(), e);
    case.keys.insert(
        kid,
        KeyBlock {
            compartment: "jgz".into(),
            retired: false,
            wrapped,
        },
    );
    let kr = keys::unlock(&path, &|_| Some(SecretString::from("pw"))).unwrap();
    (a, kr, dir)
}

#[test]
fn the_timeline_masks_a_sealed_note_without_a_key() {
    let (mut a, _kr, _dir) = sealed_app();
    open(&mut a, "Sanne");
    let screen = render(&a);
    assert!(screen.contains("vertrouwelijk (jgz)"), "{screen}");
    assert!(!screen.contains("vz1:") && !screen.contains("buikpijn"));
}

#[test]
fn the_timeline_opens_a_sealed_note_for_a_holder() {
    let (mut a, kr, _dir) = sealed_app();
    a.set_keyring(Some(Arc::new(kr)));
    open(&mut a, "Sanne");
    let screen = render(&a);
    assert!(screen.contains("buikpijn"), "{screen}");
    assert!(!screen.contains("vz1:"));
}

fn edit_sealed(a: &mut App) -> usize {
    open(a, "Sanne");
    a.event_sel = Some("sealed1".into());
    key(a, KeyCode::Char('E'));
    let form = a.form.as_ref().expect("the edit form");
    form.fields
        .iter()
        .position(|f| f.key == FieldKey::Note)
        .unwrap()
}

#[test]
fn the_edit_form_opens_a_sealed_note_for_a_holder_and_keeps_it_sealed() {
    let (mut a, kr, _dir) = sealed_app();
    a.set_keyring(Some(Arc::new(kr)));
    let note = edit_sealed(&mut a);
    let form = a.form.as_ref().unwrap();
    assert_eq!(form.fields[note].value, "buikpijn");
    let raw = a.current_case().unwrap().0.events["sealed1"].note.clone();
    // A change elsewhere keeps the stored ciphertext of the note.
    let outcome = form
        .fields
        .iter()
        .position(|f| f.key == FieldKey::Date)
        .unwrap();
    a.form.as_mut().unwrap().fields[outcome].value = "17-11-2025".into();
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::ReplaceEvent { new, summary, .. }] = effects.as_slice() else {
        panic!("{effects:?} {:?}", a.form.as_ref().map(|f| &f.error))
    };
    assert_eq!(new.note, raw);
    assert!(summary.ends_with("(date)"), "{summary}");
}

#[test]
fn the_edit_form_masks_a_sealed_note_and_refuses_changing_it_without_a_key() {
    let (mut a, _kr, _dir) = sealed_app();
    let note = edit_sealed(&mut a);
    let form = a.form.as_ref().unwrap();
    assert_eq!(form.fields[note].value, "vertrouwelijk (jgz)");
    a.form.as_mut().unwrap().fields[note].value = "iets anders".into();
    assert!(key(&mut a, KeyCode::Enter).is_empty());
    let error = a.form.as_ref().unwrap().error.clone().unwrap();
    assert!(error.contains("Notitie: vertrouwelijk"), "{error}");
}

#[test]
fn the_conflict_box_opens_or_masks_a_sealed_note() {
    let (mut a, kr, _dir) = sealed_app();
    let case = a
        .data
        .cases
        .iter()
        .find(|c| c.name.contains("Sanne"))
        .unwrap();
    let e = case.events["sealed1"].clone();
    let mut other = e.clone();
    other.outcome = Some("niet verschenen".into());
    let text = |e: &Event| Some(toml::Value::try_from(e).unwrap().to_string());
    let conflict = crate::domain::merge::Conflict {
        field: "events.sealed1".into(),
        base: None,
        local: text(&e),
        remote: text(&other),
        others: vec![],
    };
    let id = case.id.clone();
    a.data.conflicts.insert(id.to_string(), vec![conflict]);
    open(&mut a, "Sanne");
    // Wide enough for the whole event in the box (the note comes third).
    let conflict_line = |screen: &str| {
        screen
            .lines()
            .find(|l| l.contains("events.sealed1"))
            .unwrap()
            .to_string()
    };
    let screen = conflict_line(&render_at(&a, 400));
    assert!(
        screen.contains("note = \"vertrouwelijk (jgz)\""),
        "{screen}"
    );
    assert!(!screen.contains("vz1:"));
    a.set_keyring(Some(Arc::new(kr)));
    let screen = conflict_line(&render_at(&a, 400));
    assert!(
        screen.contains("buikpijn") && !screen.contains("vz1:"),
        "{screen}"
    );
}

#[test]
fn a_sealed_case_is_opened_once_not_in_every_frame() {
    let (mut a, kr, _dir) = sealed_app();
    a.set_keyring(Some(Arc::new(kr)));
    open(&mut a, "Sanne");
    assert_eq!(a.reveals, 1);
    let first = render(&a);
    let second = render(&a);
    assert!(first.contains("buikpijn") && first == second, "{second}");
    // Keys that leave the case and the data alone open nothing again.
    key(&mut a, KeyCode::Down);
    render(&a);
    assert_eq!(a.reveals, 1);
    // Another case chosen: the opened copy is dropped.
    key(&mut a, KeyCode::Char('2'));
    key(&mut a, KeyCode::Char('/'));
    key(&mut a, KeyCode::Esc);
    open(&mut a, "Daan");
    assert!(!render(&a).contains("buikpijn"));
    assert_eq!(a.reveals, 1);
    // A case that is not on show is only ever masked.
    let sanne = a.data.cases.iter().find(|c| c.name.contains("Sanne"));
    let note = a.shown(sanne.unwrap()).events["sealed1"].note.clone();
    assert_eq!(note.as_deref(), Some("vertrouwelijk (jgz)"));
}

#[test]
fn without_a_key_the_mask_is_shown_from_the_model() {
    let (mut a, _kr, _dir) = sealed_app();
    open(&mut a, "Sanne");
    assert_eq!(a.reveals, 1);
    for _ in 0..2 {
        let screen = render(&a);
        assert!(screen.contains("vertrouwelijk (jgz)"), "{screen}");
        assert!(!screen.contains("vz1:") && !screen.contains("buikpijn"));
    }
    assert_eq!(a.reveals, 1);
}
