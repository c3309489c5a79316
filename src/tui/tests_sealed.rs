//! The TUI with confidential compartments (issue 15): the case timeline
//! shows a sealed note opened for a key holder and "vertrouwelijk (jgz)"
//! for anyone else, never the ciphertext.

use super::model::App;
use super::tests::{app, open};
use crate::domain::compartments::{Compartments, KeyBlock};
use crate::domain::dates;
use crate::domain::event::Event;
use crate::domain::seal;
use crate::store::keys;
use age::secrecy::SecretString;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::Arc;

fn render(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(140, 40)).unwrap();
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
    a.keyring = Some(Arc::new(kr));
    open(&mut a, "Sanne");
    let screen = render(&a);
    assert!(screen.contains("buikpijn"), "{screen}");
    assert!(!screen.contains("vz1:"));
}
