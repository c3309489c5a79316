//! TUI conflict view: every side of a conflict (three people: three
//! values) is shown, escaped, with the key that picks it.

use super::msg::{Effect, Msg};
use super::tests::{app, key, open, snapshot};
use super::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

fn render(app: &super::model::App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 28)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, app)).unwrap();
    format!("{}", terminal.backend())
}

#[test]
fn a_conflict_of_three_people_shows_every_side_and_any_side_is_picked() {
    let mut a = app();
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
        remote: Some("\"Grotius Noord\"".into()),
        others: vec!["\"Grotius Zuid\u{1b}[2J\"".into()],
    };
    snap.conflicts.insert(id.to_string(), vec![conflict]);
    update(&mut a, Msg::Loaded(Box::new(snap)));
    open(&mut a, "Sanne");
    let screen = render(&a);
    insta::assert_snapshot!(screen);
    for line in ["[L] eigen", "[R] andere kant:", "[S] andere kant 2:"] {
        assert!(screen.contains(line), "{line}\n{screen}");
    }
    assert!(
        !screen.contains('\u{1b}'),
        "a remote value reached the terminal raw"
    );
    assert!(key(&mut a, KeyCode::Char('U')).is_empty(), "no fourth side");
    assert_eq!(
        key(&mut a, KeyCode::Char('S')),
        vec![Effect::Resolve {
            case_id: id.to_string(),
            field: "school".into(),
            choice: 2
        }]
    );
}
