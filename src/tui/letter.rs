//! Letters from the case view: `b` opens the letter choice for the case
//! (and the selected open action): templates that fit the action first.
//! Enter asks the worker to make the PDF in `exports/` of the repository
//! (kept out of git) and to record the `brief` event; Esc cancels.

use super::model::App;
use super::msg::Effect;
use crate::i18n::t;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The folder letters written from the TUI go to, inside the repository
/// but ignored by git (it holds its own `.gitignore`: `*`).
pub const EXPORTS: &str = "exports";

#[derive(Debug, Clone, PartialEq)]
pub struct LetterChoice {
    pub case_id: String,
    pub action_id: Option<String>,
    /// (template id, title, fits the action).
    pub choices: Vec<(String, String, bool)>,
    pub selected: usize,
}

/// `b` on a case: the choice of letters, fitting ones first.
pub fn open(app: &mut App, case_id: &str, action_id: Option<String>) {
    let actions = app
        .case_index(case_id)
        .and_then(|i| app.data.checks[i].as_ref().ok())
        .map(|e| e.actions.clone())
        .unwrap_or_default();
    let action = action_id
        .as_ref()
        .and_then(|id| actions.iter().find(|a| &a.id == id));
    let choices: Vec<(String, String, bool)> =
        crate::render::letter::offer(&app.data.templates, &actions, action)
            .into_iter()
            .map(|(tpl, fits)| (tpl.id.clone(), tpl.title.clone(), fits))
            .collect();
    if choices.is_empty() {
        app.error(t(
            "geen briefsjablonen gevonden",
            "no letter templates found",
        ));
        return;
    }
    app.letter = Some(LetterChoice {
        case_id: case_id.to_string(),
        action_id,
        choices,
        selected: 0,
    });
}

/// A key while the letter choice is open.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(c) = app.letter.as_mut() else {
        return vec![];
    };
    let last = c.choices.len().saturating_sub(1);
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => c.selected = c.selected.saturating_sub(1),
        KeyCode::Down | KeyCode::Char('j') => c.selected = (c.selected + 1).min(last),
        KeyCode::Enter => {
            let Some((template, ..)) = c.choices.get(c.selected).cloned() else {
                return vec![];
            };
            let effect = Effect::Letter {
                case_id: c.case_id.clone(),
                action_id: c.action_id.clone(),
                template: template.clone(),
            };
            app.letter = None;
            app.said = Some(format!("{} {template}", t("brief", "letter")));
            app.busy = Some(t("brief maken...", "making the letter...").into());
            return vec![effect];
        }
        KeyCode::Esc | KeyCode::Char('q') => app.letter = None,
        _ => {}
    }
    vec![]
}
