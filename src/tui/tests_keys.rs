//! TUI key tests without a terminal: screens, selections that follow ids,
//! search and filters, forms that keep their input, close/edit/undo, help.

use super::form::{FieldKey, FormKind};
use super::model::{Screen, StatusFilter};
use super::msg::{Effect, Msg};
use super::tests::{TODAY, app, key, open, render, snapshot, type_text};
use super::update::update;
use crate::domain::event::DONE_KIND;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[test]
fn tab_and_numbers_switch_screens_and_q_goes_back_then_quits() {
    let mut a = app();
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.screen, Screen::Cases);
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.screen, Screen::Today, "no case open yet");
    open(&mut a, "Noor");
    key(&mut a, KeyCode::Char('1'));
    key(&mut a, KeyCode::Char('3'));
    assert_eq!(a.screen, Screen::Case);
    key(&mut a, KeyCode::Char('q'));
    assert_eq!(a.screen, Screen::Cases);
    key(&mut a, KeyCode::Esc);
    assert!(a.query.is_empty() && !a.quit, "Esc first clears the search");
    key(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

#[test]
fn today_selection_follows_ids_and_x_marks_the_selected_action_done() {
    let mut a = app();
    key(&mut a, KeyCode::Down);
    let (case, action) = a.today_sel.clone().unwrap();
    // `x` asks for the date (today by default) and a note.
    assert!(key(&mut a, KeyCode::Char('x')).is_empty());
    assert!(matches!(
        a.form.as_ref().unwrap().kind,
        FormKind::Done { .. }
    ));
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::AddEvent { case_id, event, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (case_id, event.kind.as_str(), event.action.as_ref()),
        (&case, DONE_KIND, Some(&action))
    );
    assert_eq!(event.date.to_string(), TODAY);
    // A refresh that reorders the cases keeps the selection on the same ids.
    let mut snap = snapshot();
    snap.cases.reverse();
    snap.checks.reverse();
    update(&mut a, Msg::Loaded(Box::new(snap)));
    let i = a.today_index().unwrap();
    assert_eq!(a.data.cases[a.today_rows[i].case_idx].id, case);
    assert_eq!(a.today_rows[i].action_id, action);
}

#[test]
fn search_filters_and_status_filter_shows_closed_cases() {
    let mut a = app();
    key(&mut a, KeyCode::Char('2'));
    assert_eq!(a.visible.len(), 12, "open cases");
    key(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "visser");
    assert_eq!(a.data.cases[a.visible[0]].name, "Daan Visser");
    key(&mut a, KeyCode::Esc);
    assert_eq!(a.visible.len(), 12);
    // A filter key opens its list; ↓ steps forward, ↑ back, Enter chooses.
    for k in [KeyCode::Char('o'), KeyCode::Down, KeyCode::Enter] {
        key(&mut a, k);
    }
    assert_eq!(a.filters.status, StatusFilter::Closed);
    assert_eq!(a.visible.len(), 1);
    assert_eq!(a.data.cases[a.visible[0]].name, "Finn Hendriks");
    for k in [KeyCode::Char('o'), KeyCode::Down, KeyCode::Enter] {
        key(&mut a, k);
    }
    assert_eq!(a.visible.len(), 13);
    for k in [KeyCode::Char('o'), KeyCode::Up, KeyCode::Enter] {
        key(&mut a, k);
    }
    assert_eq!(a.filters.status, StatusFilter::Closed, "a step back");
    for k in [KeyCode::Char('o'), KeyCode::Esc] {
        key(&mut a, k);
    }
    assert_eq!(a.filters.status, StatusFilter::Closed, "Esc keeps it");
    for k in [KeyCode::Char('o'), KeyCode::Down, KeyCode::Enter] {
        key(&mut a, k);
    }
    // First owner alphabetically.
    for k in [KeyCode::Char('w'), KeyCode::Down, KeyCode::Enter] {
        key(&mut a, k);
    }
    assert!(a.filters.owner.is_some());
    assert!(
        a.visible
            .iter()
            .all(|&i| a.data.cases[i].owner == a.filters.owner)
    );
    assert!(!a.visible.is_empty());
    // Role school: cases with an open school action.
    for k in [KeyCode::Char('r'), KeyCode::Down, KeyCode::Enter] {
        key(&mut a, k);
    }
    assert_eq!(a.filters.role, Some(crate::domain::protocol::Role::School));
    // One key clears them all.
    key(&mut a, KeyCode::Char('f'));
    assert_eq!(a.filters.status, StatusFilter::Open);
    assert!(a.filters.owner.is_none() && a.filters.role.is_none());
    assert_eq!(a.visible.len(), 12);
}

#[test]
fn add_event_form_submits_keeps_input_on_failure_and_closes_on_commit() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('a'));
    assert!(matches!(
        a.form.as_ref().unwrap().kind,
        FormKind::AddEvent { .. }
    ));
    key(&mut a, KeyCode::Char('c')); // kind: contact-ouders
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::AddEvent { event, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (event.kind.as_str(), event.date.to_string().as_str()),
        ("contact-ouders", TODAY)
    );
    update(&mut a, Msg::Failed("git: disk full".into()));
    let form = a.form.as_ref().expect("form kept");
    assert!(!form.pending && form.error.as_deref().unwrap().contains("disk full"));
    assert!(a.status.as_ref().unwrap().error);
    assert_eq!(key(&mut a, KeyCode::Enter).len(), 1, "Enter retries");
    let mut case = a.current_case().unwrap().0.clone();
    case.events.insert("new1".into(), event.clone());
    let check = Err(crate::domain::caseload::Unchecked::UnknownProtocol(
        "x".into(),
    ));
    let id = case.id.clone();
    update(
        &mut a,
        Msg::Changed {
            case_id: id.to_string(),
            case: Some(Box::new((case, check))),
            commit: "c0ffee00".into(),
            summary: "add".into(),
            undoable: true,
            notices: vec![],
        },
    );
    assert!(a.form.is_none());
    assert!(a.current_case().unwrap().0.events.contains_key("new1"));
    assert_eq!(
        key(&mut a, KeyCode::Char('u')),
        vec![Effect::Undo {
            case_id: id.to_string(),
            commit: "c0ffee00".into(),
            summary: "add".into()
        }]
    );
}

#[test]
fn consult_form_asks_for_an_outcome_and_esc_cancels() {
    let mut a = app();
    open(&mut a, "Yusuf");
    key(&mut a, KeyCode::Char('a'));
    type_text(&mut a, "cons");
    let form = a.form.as_ref().unwrap();
    let shown: Vec<FieldKey> = form.visible().iter().map(|&i| form.fields[i].key).collect();
    assert!(
        shown.contains(&FieldKey::Outcome) && !shown.contains(&FieldKey::Hours),
        "{shown:?}"
    );
    key(&mut a, KeyCode::Esc);
    assert!(a.form.is_none());
}

#[test]
fn case_keys_close_edit_history_and_undo_without_changes() {
    let mut a = app();
    open(&mut a, "Liam");
    let effects = key(&mut a, KeyCode::Char('c'));
    assert!(
        matches!(effects.as_slice(), [Effect::EditCase { edit, .. }] if edit.entries() == vec![("status", Some("closed".to_string()))])
    );
    key(&mut a, KeyCode::Char('e'));
    assert!(matches!(
        a.form.as_ref().unwrap().kind,
        FormKind::EditCase { .. }
    ));
    assert!(key(&mut a, KeyCode::Enter).is_empty(), "nothing changed");
    assert!(a.form.as_ref().unwrap().error.is_some());
    key(&mut a, KeyCode::Esc);
    assert!(key(&mut a, KeyCode::Char('u')).is_empty());
    assert!(a.status.as_ref().unwrap().error);
}

#[test]
fn help_closes_on_any_key_and_ctrl_c_quits() {
    let mut a = app();
    key(&mut a, KeyCode::Char('?'));
    assert!(a.help);
    key(&mut a, KeyCode::Char('z'));
    assert!(!a.help && !a.quit);
    update(
        &mut a,
        Msg::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
    );
    assert!(a.quit);
}

#[test]
fn new_case_form_creates_a_case_effect() {
    let mut a = app();
    key(&mut a, KeyCode::Char('n'));
    type_text(&mut a, "Nieuwe Leerling");
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "2012-01-02");
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "De Brug");
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::CreateCase { case }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        (case.name.as_str(), case.school.as_str()),
        ("Nieuwe Leerling", "De Brug")
    );
}

#[test]
fn colour_marks_urgency_and_no_color_uses_markers() {
    let mut a = app();
    let plain = render(&a);
    assert!(plain.contains("!!"), "markers without colour");
    a.color = true;
    let mut terminal = Terminal::new(TestBackend::new(120, 28)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, &a)).unwrap();
    let buf = terminal.backend().buffer();
    let red = (0..28).any(|y| buf[(3, y)].fg == ratatui::style::Color::Red);
    assert!(red, "overdue rows are red");
}
