//! TUI tests for first contact: Dutch wording and plurals in the status
//! bar, dates typed dd-mm-jjjj, the question before an odd event, Esc that
//! asks before quitting, a new case opened whatever the filters, signals
//! on the today screen, and every screen at 80x24 with nothing cut mid-word.

use super::form::FormKind;
use super::model::{App, Screen, StatusFilter};
use super::msg::{Effect, Msg};
use super::tests::{TODAY, app, key, open, snapshot, type_text};
use super::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn render_small(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    format!("{}", terminal.backend())
}

fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The change the worker would report for the current case, with `said`.
fn committed(a: &mut App, effects: &[Effect]) {
    let case_id = match effects {
        [Effect::AddEvent { case_id, .. }] => case_id.clone(),
        [Effect::CreateCase { case }] => case.id.to_string(),
        other => panic!("{other:?}"),
    };
    let case = match effects {
        [Effect::CreateCase { case }] => Some((**case).clone()),
        _ => a.case_index(&case_id).map(|i| a.data.cases[i].clone()),
    };
    let check = Err(crate::domain::caseload::Unchecked::UnknownProtocol(
        "x".into(),
    ));
    update(
        a,
        Msg::Changed {
            case_id,
            case: case.map(|c| Box::new((c, check))),
            commit: "0123456789abcdef".into(),
            summary: "add ziek 2025-11-20".into(),
            undoable: true,
            notices: vec![],
        },
    );
}

#[test]
fn status_bar_speaks_dutch_with_plurals() {
    let a = app();
    assert_eq!(status(&a), "13 dossiers geladen");
    let mut one = App::new(a.today, "/demo".into(), false);
    let mut snap = snapshot();
    snap.cases.truncate(1);
    snap.checks.truncate(1);
    update(&mut one, Msg::Loaded(Box::new(snap)));
    assert_eq!(status(&one), "1 dossier geladen");
    let bar = render_small(&a);
    assert!(
        bar.contains("over tijd") && !bar.contains("te laat"),
        "{bar}"
    );
}

#[test]
fn an_event_typed_dd_mm_jjjj_is_committed_and_named_in_dutch() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('a'));
    key(&mut a, KeyCode::Tab);
    assert_eq!(a.form.as_ref().unwrap().fields[1].value, "21-11-2025");
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "20-11-2025");
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::AddEvent { event, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(event.date.to_string(), "2025-11-20");
    committed(&mut a, &effects);
    assert_eq!(
        status(&a),
        "vastgelegd: ziekmelding van 20-11-2025 toegevoegd (01234567)"
    );
}

#[test]
fn form_errors_name_fields_not_flags() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('a'));
    type_text(&mut a, "ongeoorloofd");
    assert!(key(&mut a, KeyCode::Enter).is_empty());
    let error = a.form.as_ref().unwrap().error.clone().unwrap();
    assert!(!error.contains("--"), "{error}");
    assert!(error.contains("'Lesuren'"), "{error}");
}

#[test]
fn an_odd_event_asks_and_yes_records_it_forced() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('a'));
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::AddEvent { .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let Some(Effect::AddEvent {
        case_id,
        event,
        summary,
        ..
    }) = effects.into_iter().next()
    else {
        unreachable!()
    };
    let forced = Effect::AddEvent {
        case_id,
        event,
        summary,
        force: true,
    };
    let doubt = |a: &mut App| {
        update(
            a,
            Msg::Doubt {
                text: "22-11-2025 is geen schooldag".into(),
                effect: forced.clone(),
            },
        )
    };
    doubt(&mut a);
    assert!(render_small(&a).contains("Toch vastleggen?"));
    // Anything but yes: back to the form, the doubt shown there.
    assert!(key(&mut a, KeyCode::Char('n')).is_empty());
    let form = a.form.as_ref().unwrap();
    assert!(!form.pending && form.error.as_deref() == Some("22-11-2025 is geen schooldag"));
    doubt(&mut a);
    assert_eq!(key(&mut a, KeyCode::Char('j')), vec![forced]);
}

#[test]
fn esc_on_a_top_screen_asks_before_quitting() {
    let mut a = app();
    key(&mut a, KeyCode::Esc);
    assert!(!a.quit && status(&a).contains("afsluiten?"));
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Esc);
    assert!(!a.quit, "another key in between starts over");
    key(&mut a, KeyCode::Esc);
    assert!(a.quit);
}

#[test]
fn a_new_case_is_shown_and_opened_whatever_the_filters() {
    let mut a = app();
    key(&mut a, KeyCode::Char('2'));
    for k in [KeyCode::Char('o'), KeyCode::Down, KeyCode::Enter] {
        key(&mut a, k);
    }
    assert_eq!(a.filters.status, StatusFilter::Closed);
    key(&mut a, KeyCode::Char('n'));
    type_text(&mut a, "Nieuw Kind");
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "1-2-2012");
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "De Brug");
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::CreateCase { case }] = effects.as_slice() else {
        panic!("{effects:?} {:?}", a.form.as_ref().unwrap().error)
    };
    assert_eq!(case.birth.to_string(), "2012-02-01");
    let id = case.id.clone();
    committed(&mut a, &effects);
    assert_eq!(a.screen, Screen::Case);
    assert_eq!(a.current.as_deref(), Some(id.as_str()));
    assert_eq!(a.filters.status, StatusFilter::Open, "filters cleared");
    assert!(a.visible.iter().any(|&i| a.data.cases[i].id == id));
    assert!(status(&a).contains("nieuw dossier aangemaakt"));
}

#[test]
fn today_shows_signals_of_cases_without_open_actions() {
    let mut snap = snapshot();
    let i = snap
        .checks
        .iter()
        .position(|c| c.as_ref().is_ok_and(|e| !e.signals.is_empty()))
        .expect("a sample case with a signal");
    if let Ok(e) = snap.checks[i].as_mut() {
        e.actions.clear();
    }
    let name = snap.cases[i].name.clone();
    let mut a = App::new(
        crate::domain::dates::parse(TODAY).unwrap(),
        "/d".into(),
        false,
    );
    update(&mut a, Msg::Loaded(Box::new(snap)));
    let row = a.today_rows.iter().find(|r| r.signal).expect("signal row");
    assert_eq!(a.data.cases[row.case_idx].name, name);
    let screen = render_small(&a);
    assert!(screen.contains("signaal:"), "{screen}");
}

#[test]
fn a_done_action_shows_its_title_in_the_timeline() {
    let mut a = app();
    open(&mut a, "Sanne");
    let (title, id) = {
        let (_, check) = a.current_case().unwrap();
        let act = &check
            .as_ref()
            .unwrap()
            .open_actions()
            .next()
            .unwrap()
            .clone();
        (act.title.clone(), act.id.clone())
    };
    let effects = key(&mut a, KeyCode::Char('x'));
    assert!(effects.is_empty());
    assert!(matches!(
        a.form.as_ref().unwrap().kind,
        FormKind::Done { .. }
    ));
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "gebeld");
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::AddEvent { event, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(event.action.as_deref(), Some(id.as_str()));
    assert_eq!(event.note.as_deref(), Some("gebeld"));
    // Once committed and re-evaluated, the timeline names the action.
    let mut snap = snapshot();
    let i = snap
        .cases
        .iter()
        .position(|c| c.name.starts_with("Sanne"))
        .unwrap();
    snap.cases[i].events.insert("done1".into(), event.clone());
    let keep = snap.checks[i].clone();
    update(&mut a, Msg::Loaded(Box::new(snap)));
    a.data.checks[i] = keep; // the action as it was, so its title is known
    a.form = None;
    let screen = render_small(&a);
    let first = title.split(' ').next().unwrap();
    assert!(screen.contains(&format!("afgerond: {first}")), "{screen}");
}

#[test]
fn every_screen_at_80x24() {
    let mut a = app();
    insta::assert_snapshot!("small_today", render_small(&a));
    key(&mut a, KeyCode::Char('2'));
    insta::assert_snapshot!("small_cases", render_small(&a));
    key(&mut a, KeyCode::Char('p'));
    insta::assert_snapshot!("small_filter_list", render_small(&a));
    key(&mut a, KeyCode::Esc);
    open(&mut a, "Sanne");
    insta::assert_snapshot!("small_case", render_small(&a));
    key(&mut a, KeyCode::Char('a'));
    insta::assert_snapshot!("small_form", render_small(&a));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('?'));
    insta::assert_snapshot!("small_help", render_small(&a));
    key(&mut a, KeyCode::Esc);
    key(&mut a, KeyCode::Char('h'));
    let id = a.current.clone().unwrap();
    update(
        &mut a,
        Msg::History {
            case_id: id,
            entries: vec![crate::store::git::LogEntry {
                id: "abcdef0123456789".into(),
                time: chrono::DateTime::parse_from_rfc3339("2025-11-21T10:00:00+01:00").unwrap(),
                author: "Test Officer".into(),
                email: "t@example.org".into(),
                message: "case 0123456789abcdef: add contact-ouders 2025-11-21".into(),
            }],
        },
    );
    insta::assert_snapshot!("small_history", render_small(&a));
}

#[test]
fn an_edited_birth_date_typed_dutch_is_stored_iso() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('e'));
    let form = a.form.as_ref().unwrap();
    assert_eq!(form.fields[1].value, "12-04-2011", "shown the Dutch way");
    key(&mut a, KeyCode::Tab);
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "13-04-2011");
    let effects = key(&mut a, KeyCode::Enter);
    let [Effect::EditCase { edit, .. }] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(
        edit.entries(),
        vec![("birth", Some("2011-04-13".to_string()))]
    );
    assert_eq!(a.said.as_deref(), Some("dossier gewijzigd: geboortedatum"));
}

#[test]
fn the_thuiszitter_line_keeps_its_since_date_at_80x24() {
    let mut a = app();
    let (name, since) = a
        .data
        .cases
        .iter()
        .find_map(|c| {
            let i = a.case_index(&c.id)?;
            match &a.data.checks[i] {
                Ok(e) => e.class.as_ref().map(|k| (c.name.clone(), k.since)),
                Err(_) => None,
            }
        })
        .expect("a demo case with a classification");
    open(&mut a, &name);
    let screen = render_small(&a);
    // The pupil panel: the left column down to its bottom border.
    let panel: String = screen
        .lines()
        .skip(1)
        .map(|l| l.chars().take(37).collect::<String>())
        .take_while(|l| !l.contains('└'))
        .collect();
    let since = format!("sinds {}", crate::i18n::date(since));
    assert!(panel.contains(&since), "{since} missing:\n{screen}");
}
