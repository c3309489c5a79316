//! The working-day keys of the TUI (issue 14): each opens its form and the
//! form's effect is the same event the CLI writes; Vandaag follows the role
//! and owner filters.

use super::form::{FieldKey, FormKind};
use super::model::Screen;
use super::msg::{Effect, Msg};
use super::tests::{app, key, open, type_text};
use super::update::update;
use crate::domain::protocol::Role;
use ratatui::crossterm::event::KeyCode;

fn submit(a: &mut super::model::App) -> crate::domain::event::Event {
    let effects = key(a, KeyCode::Enter);
    match effects.as_slice() {
        [Effect::AddEvent { event, .. }] => event.clone(),
        other => panic!(
            "{other:?} {:?}",
            a.form.as_ref().and_then(|f| f.error.clone())
        ),
    }
}

#[test]
fn capital_a_adds_an_action_by_hand() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('A'));
    let form = a.form.as_ref().unwrap();
    assert_eq!(form.title(), "Actie (met de hand)");
    type_text(&mut a, "Huisbezoek plannen");
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "28-11-2025");
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "leer");
    let e = submit(&mut a);
    assert_eq!(e.kind, "actie");
    assert_eq!(e.title.as_deref(), Some("Huisbezoek plannen"));
    assert_eq!(e.role.as_deref(), Some("leerplicht"));
    assert_eq!(e.due.unwrap().to_string(), "2025-11-28");
}

#[test]
fn p_pauses_with_a_reason_and_v_extends_the_selected_action() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('p'));
    assert_eq!(a.form.as_ref().unwrap().title(), "Termijnen gepauzeerd");
    let effects = key(&mut a, KeyCode::Enter);
    assert!(effects.is_empty(), "a pause needs its reason");
    type_text(&mut a, "ziekenhuisopname");
    let e = submit(&mut a);
    assert_eq!(
        (e.kind.as_str(), e.reason.as_deref()),
        ("pauze", Some("ziekenhuisopname"))
    );
    a.form = None;
    let selected = a.current_open_actions()[0].id.clone();
    key(&mut a, KeyCode::Char('v'));
    // The form asks the reason first, then how far.
    type_text(&mut a, "wacht op school");
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "5 schooldagen");
    let e = submit(&mut a);
    assert_eq!(e.kind, "verlenging");
    assert_eq!(e.action.as_deref(), Some(selected.as_str()));
    assert_eq!(e.by.unwrap().to_string(), "5 school-days");
}

#[test]
fn e_and_w_correct_the_chosen_timeline_event() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char(']'));
    let chosen = super::keys_work::selected_event(&a).unwrap();
    let newest = super::keys_work::timeline_ids(&a)[0].clone();
    assert_ne!(chosen, newest, "] moves to the next (older) event");
    key(&mut a, KeyCode::Char('W'));
    assert!(matches!(
        a.form.as_ref().unwrap().kind,
        FormKind::Withdraw { .. }
    ));
    type_text(&mut a, "dubbel ingevoerd");
    let effects = key(&mut a, KeyCode::Enter);
    let [
        Effect::ReplaceEvent {
            event_id,
            new,
            summary,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(event_id, &chosen);
    assert_eq!(new.withdrawn.as_deref(), Some("dubbel ingevoerd"));
    assert_eq!(summary, &format!("withdraw event {chosen}"));
    a.form = None;
    key(&mut a, KeyCode::Char('['));
    key(&mut a, KeyCode::Char('E'));
    assert!(matches!(
        a.form.as_ref().unwrap().kind,
        FormKind::EditEvent { .. }
    ));
    // Unchanged: nothing to commit.
    assert!(key(&mut a, KeyCode::Enter).is_empty());
    let note = a
        .form
        .as_ref()
        .unwrap()
        .fields
        .iter()
        .position(|f| f.key == FieldKey::Note)
        .unwrap();
    a.form.as_mut().unwrap().focus = note;
    type_text(&mut a, "gebeld");
    let effects = key(&mut a, KeyCode::Enter);
    let [
        Effect::ReplaceEvent {
            event_id, summary, ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}")
    };
    assert_eq!(event_id, &newest);
    assert_eq!(summary, &format!("edit event {newest} (note)"));
}

#[test]
fn a_handover_shows_on_the_new_owners_vandaag_at_once() {
    let mut a = app();
    open(&mut a, "Sanne");
    key(&mut a, KeyCode::Char('O'));
    type_text(&mut a, "bram");
    let e = submit(&mut a);
    assert_eq!(
        (e.kind.as_str(), e.owner.as_deref()),
        ("overdracht", Some("bram"))
    );
    a.filters.owner = Some("bram".into());
    a.recompute();
    assert!(a.today_rows.is_empty(), "nobody's case is bram's yet");
    // The commit lands: the case file now says owner = bram.
    let (case, check) = a.current_case().unwrap();
    let mut case = case.clone();
    case.owner = Some("bram".into());
    let check = check.clone();
    let id = case.id.clone();
    update(
        &mut a,
        Msg::Changed {
            case_id: id.to_string(),
            case: Some(Box::new((case, check))),
            commit: "c0ffee00".into(),
            summary: "handover".into(),
            undoable: true,
            notices: vec![],
        },
    );
    key(&mut a, KeyCode::Char('1'));
    assert_eq!(a.screen, Screen::Today);
    assert!(!a.today_rows.is_empty());
    assert!(
        a.today_rows
            .iter()
            .all(|r| a.data.cases[r.case_idx].id == id)
    );
}

#[test]
fn vandaag_filters_by_role_with_r() {
    let mut a = app();
    let all = a.today_rows.len();
    key(&mut a, KeyCode::Char('r'));
    assert!(a.picker.is_some(), "r opens the role picker on Vandaag");
    // Down to "school" (all, school, ...) and choose it.
    key(&mut a, KeyCode::Down);
    key(&mut a, KeyCode::Enter);
    assert_eq!(a.filters.role, Some(Role::School));
    assert!(a.today_rows.len() < all);
    for r in a.today_rows.iter().filter(|r| !r.signal) {
        let eval = a.data.checks[r.case_idx].as_ref().unwrap();
        let action = eval.actions.iter().find(|x| x.id == r.action_id).unwrap();
        assert_eq!(action.role, Role::School);
    }
    key(&mut a, KeyCode::Char('f'));
    assert_eq!(a.today_rows.len(), all);
}

/// A correction is written only over the event as the form saw it: a
/// colleague's change in between is never overwritten.
#[test]
fn the_worker_replaces_an_event_only_if_the_file_still_has_it() {
    use crate::domain::event::Event;
    use crate::store::CaseRepo;
    let (dir, repo) = crate::store::test_support::repo();
    repo.create_case(&crate::store::test_support::case("aaaa"))
        .unwrap();
    let day = crate::domain::dates::parse("2025-09-01").unwrap();
    let old = Event::new("ziek", day);
    let eid = repo.add_event("aaaa", &old, "add ziek").unwrap();
    let (tx, _rx) = std::sync::mpsc::channel();
    let mut w = super::worker::Worker {
        repo: CaseRepo::at(dir.path().to_path_buf()).quiet(),
        today: day,
        caseload: None,
        out: tx,
    };
    let withdrawn = crate::domain::correction::withdraw(&old, "dubbel").unwrap();
    let replace = |old: &Event| Effect::ReplaceEvent {
        case_id: "aaaa".into(),
        event_id: eid.clone(),
        old: Box::new(old.clone()),
        new: Box::new(withdrawn.clone()),
        summary: format!("withdraw event {eid}"),
    };
    let mut stale = old.clone();
    stale.note = Some("anders".into());
    assert!(w.run(replace(&stale)).is_err(), "the file no longer has it");
    assert!(matches!(w.run(replace(&old)).unwrap(), Msg::Changed { .. }));
    let text = std::fs::read_to_string(dir.path().join("cases/aaaa.toml")).unwrap();
    assert!(text.contains("withdrawn = \"dubbel\""), "{text}");
}

fn render(app: &super::model::App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 36)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    format!("{}", terminal.backend())
}

/// An extension names its action but is no "done"; the case view lists
/// what moved the due date under the action.
#[test]
fn the_case_view_shows_an_extension_under_its_action_and_in_the_timeline() {
    let mut a = app();
    open(&mut a, "Sanne");
    let action = a.current_open_actions()[0].id.clone();
    key(&mut a, KeyCode::Char('v'));
    type_text(&mut a, "wacht op school");
    key(&mut a, KeyCode::Tab);
    type_text(&mut a, "2 weken");
    let e = submit(&mut a);
    let i = a.case_index(a.current.as_deref().unwrap()).unwrap();
    a.data.cases[i].events.insert("ext00001".into(), e);
    let today = a.today;
    let cl = crate::domain::caseload::Caseload {
        cases: vec![],
        library: crate::domain::protocol::resolve_all(
            &crate::store::embedded::PROTOCOLS
                .iter()
                .map(|(n, t)| crate::domain::protocol::parse(n, t).unwrap())
                .collect::<Vec<_>>(),
        ),
        calendars: calendars(),
    };
    a.data.checks[i] = cl.evaluate(&a.data.cases[i], today);
    a.recompute();
    let screen = render(&a);
    assert!(screen.contains("Termijn verlengd"), "{screen}");
    assert!(
        screen.contains("verlengd op 21-11-2025 met 2 weken"),
        "{screen}"
    );
    let eval = a.data.checks[i].as_ref().unwrap();
    let moved = eval.actions.iter().find(|x| x.id == action).unwrap();
    assert_eq!(moved.shifts.len(), 1);
}

fn calendars() -> crate::domain::caseload::CalendarSet {
    crate::store::embedded::calendars()
}
