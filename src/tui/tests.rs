//! TUI tests without a terminal: every key through `update`, and whole
//! screens rendered into ratatui's TestBackend and compared with insta
//! snapshots. The fixture is the demo's sample cases on their own date.

use super::model::{App, Screen};
use super::msg::{Effect, Msg, ProtocolInfo, Snapshot};
use super::update::update;
use crate::domain::case::Case;
use crate::domain::dates;
use crate::store::{case_file, embedded};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(super) const TODAY: &str = "2025-11-21";

pub(super) fn snapshot() -> Snapshot {
    let today = dates::parse(TODAY).unwrap();
    let mut cases: Vec<Case> = embedded::SAMPLE_CASES
        .iter()
        .map(|(n, t)| case_file::parse(n, n.trim_end_matches(".toml"), t).unwrap())
        .collect();
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    let cl = embedded::caseload(cases);
    let protocols = ProtocolInfo::all(&cl.library);
    let checks = cl.evaluate_all(today);
    Snapshot {
        cases: cl.cases,
        checks,
        protocols,
        broken: vec![],
        conflicts: Default::default(),
        retention: crate::domain::retention::RetentionRules::parse(
            "retention.toml",
            embedded::RETENTION,
        )
        .ok(),
        templates: embedded::TEMPLATES
            .iter()
            .map(|(n, t)| crate::domain::letter::Template::parse(n, t).unwrap())
            .collect(),
    }
}

pub(super) fn app() -> App {
    let mut app = App::new(dates::parse(TODAY).unwrap(), "/demo".into(), false);
    update(&mut app, Msg::Loaded(Box::new(snapshot())));
    app
}

pub(super) fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

pub(super) fn render(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 28)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    format!("{}", terminal.backend())
}

pub(super) fn open(app: &mut App, name: &str) {
    key(app, KeyCode::Char('2'));
    key(app, KeyCode::Char('/'));
    type_text(app, name);
    key(app, KeyCode::Enter);
    key(app, KeyCode::Enter);
    assert_eq!(app.screen, Screen::Case);
}

#[test]
fn screen_today() {
    insta::assert_snapshot!(render(&app()));
}

#[test]
fn screen_cases_with_search() {
    let mut a = app();
    key(&mut a, KeyCode::Char('2'));
    key(&mut a, KeyCode::Char('/'));
    type_text(&mut a, "daan");
    insta::assert_snapshot!(render(&a));
}

#[test]
fn screen_case() {
    let mut a = app();
    open(&mut a, "Sanne");
    insta::assert_snapshot!(render(&a));
}

#[test]
fn the_case_view_shows_the_destruction_date_and_its_rule() {
    let mut a = app();
    open(&mut a, "Sanne");
    let screen = render(&a);
    let case = a.current_case().unwrap().0.clone();
    let rules = a.data.retention.clone().unwrap();
    let due = rules.compute(&case).unwrap().case;
    let shown = format!(
        "Vernietigen per: {} ({})",
        crate::i18n::date(due.date),
        due.rule
    );
    assert!(screen.contains(&shown), "{screen}");
}

#[test]
fn screen_form_with_validation_error() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('a'));
    key(&mut a, KeyCode::Tab);
    for _ in 0..10 {
        key(&mut a, KeyCode::Backspace);
    }
    type_text(&mut a, "2025-02-30");
    assert!(
        key(&mut a, KeyCode::Enter).is_empty(),
        "invalid input commits nothing"
    );
    insta::assert_snapshot!(render(&a));
}

#[test]
fn screen_help() {
    let mut a = app();
    key(&mut a, KeyCode::Char('?'));
    insta::assert_snapshot!(render(&a));
}

#[test]
fn screen_history() {
    let mut a = app();
    open(&mut a, "Sanne");
    assert!(matches!(
        key(&mut a, KeyCode::Char('h')).as_slice(),
        [Effect::History { .. }]
    ));
    let when = chrono::DateTime::parse_from_rfc3339("2025-11-21T09:30:00+01:00").unwrap();
    let entry = crate::store::git::LogEntry {
        id: "abcdef0123456789".into(),
        time: when,
        author: "Test Officer".into(),
        email: "t@example.org".into(),
        message: "case wqvr38211f17cvxq: add ziek 2025-11-10".into(),
    };
    let effects = update(
        &mut a,
        Msg::History {
            case_id: "wqvr38211f17cvxq".into(),
            entries: vec![entry],
        },
    );
    assert_eq!(
        effects,
        vec![Effect::Diff {
            commit: "abcdef0123456789".into(),
            case_id: "wqvr38211f17cvxq".into()
        }]
    );
    update(
        &mut a,
        Msg::Diff {
            commit: "abcdef0123456789".into(),
            text: "+kind = \"ziek\"\n".into(),
        },
    );
    insta::assert_snapshot!(render(&a));
}

#[test]
fn s_syncs_in_the_worker_and_a_conflict_is_chosen_with_l_or_r() {
    let mut a = app();
    assert_eq!(key(&mut a, KeyCode::Char('s')), vec![Effect::Sync]);
    assert!(a.busy.is_some());
    assert!(
        key(&mut a, KeyCode::Char('s')).is_empty(),
        "one sync at a time"
    );
    update(&mut a, Msg::Synced("gesynchroniseerd".into()));
    let mut snap = snapshot();
    let id = snap
        .cases
        .iter()
        .find(|c| c.name == "Sanne de Vries")
        .unwrap()
        .id
        .clone();
    let conflict = crate::domain::merge::Conflict {
        field: "school".into(),
        base: Some("\"A\"".into()),
        local: Some("\"Grotius College\"".into()),
        remote: Some("\"Grotius College Noord\"".into()),
        others: Vec::new(),
    };
    snap.conflicts.insert(id.to_string(), vec![conflict]);
    update(&mut a, Msg::Loaded(Box::new(snap)));
    assert!(a.busy.is_none());
    open(&mut a, "Sanne");
    insta::assert_snapshot!(render(&a));
    assert_eq!(
        key(&mut a, KeyCode::Char('R')),
        vec![Effect::Resolve {
            case_id: id.to_string(),
            field: "school".into(),
            choice: 1
        }]
    );
}

#[test]
fn case_view_shows_whom_to_contact_and_the_thuiszitter_type() {
    let mut a = app();
    open(&mut a, "Yusuf");
    let screen = render(&a);
    assert!(
        screen.contains("JGZ Zuid-Holland West info@jgzzhw.nl"),
        "{screen}"
    );
    key(&mut a, KeyCode::Char('q'));
    key(&mut a, KeyCode::Esc);
    open(&mut a, "Lars");
    let screen = render(&a);
    assert!(
        screen.contains("type 5") && screen.contains("oranje"),
        "{screen}"
    );
}

#[test]
fn a_long_list_shows_the_page_with_the_selection() {
    let today = dates::parse(TODAY).unwrap();
    let mut snap = snapshot();
    let extra = crate::synth::cases(300, 9, today);
    snap.checks.extend(extra.iter().map(|_| {
        Err(crate::domain::caseload::Unchecked::UnknownProtocol(
            "x".into(),
        ))
    }));
    snap.cases.extend(extra);
    let mut a = App::new(today, "/demo".into(), false);
    update(&mut a, Msg::Loaded(Box::new(snap)));
    key(&mut a, KeyCode::Char('2'));
    key(&mut a, KeyCode::Char('t')); // by name
    for _ in 0..5 {
        key(&mut a, KeyCode::PageDown);
    }
    let selected = a.data.cases[a.visible[a.cases_index().unwrap()]]
        .name
        .clone();
    assert_eq!(a.cases_index(), Some(50));
    assert!(
        render(&a).contains(&selected),
        "the selected case is on screen"
    );
}
