//! Keys that act on one case (from the case list or the case view) and on
//! its history; which key means which action is in `keymap.rs`.

use super::form::Form;
use super::keymap::Action;
use super::keys::{delta, step};
use super::model::{App, HistoryView, Screen, side_key};
use super::msg::Effect;
use crate::domain::case::{CaseEdit, Status};
use crate::i18n::t;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// Keys that act on one case, from the case list or the case view.
pub(super) fn case_command(app: &mut App, action: Action, id: &str) -> Vec<Effect> {
    let Some(i) = app.case_index(id) else {
        return vec![];
    };
    let case = &app.data.cases[i];
    match action {
        Action::AddEvent => match app.protocol(&case.protocol) {
            Some(p) => app.form = Some(Form::add_event(case, p, app.today)),
            None => app.error(format!(
                "{} `{}`",
                t(
                    "protocol ontbreekt of is kapot:",
                    "protocol missing or broken:"
                ),
                case.protocol
            )),
        },
        Action::EditCase => app.form = Some(Form::edit_case(case, &app.data.protocols)),
        Action::CloseCase => {
            let (status, what, said) = if case.is_open() {
                (
                    Status::Closed,
                    "close case",
                    t("dossier gesloten", "case closed"),
                )
            } else {
                (
                    Status::Open,
                    "reopen case",
                    t("dossier heropend", "case reopened"),
                )
            };
            app.said = Some(said.into());
            app.busy = Some(t("vastleggen...", "committing...").into());
            return vec![Effect::EditCase {
                case_id: id.to_string(),
                edit: CaseEdit {
                    status: Some(status),
                    ..CaseEdit::default()
                },
                summary: what.into(),
            }];
        }
        Action::History => {
            app.current = Some(id.to_string());
            app.screen = Screen::History;
            app.history = Some(HistoryView {
                case_id: id.to_string(),
                ..Default::default()
            });
            app.busy = Some(t("geschiedenis laden...", "loading history...").into());
            return vec![Effect::History {
                case_id: id.to_string(),
            }];
        }
        _ => {}
    }
    vec![]
}

pub(super) fn case_key(app: &mut App, action: Action, key: KeyEvent) -> Vec<Effect> {
    let Some(id) = app.current.clone() else {
        return vec![];
    };
    let actions: Vec<String> = app
        .current_open_actions()
        .iter()
        .map(|a| a.id.to_string())
        .collect();
    let index = (!actions.is_empty()).then(|| {
        app.action_sel
            .as_ref()
            .and_then(|s| actions.iter().position(|a| a == s))
            .unwrap_or(0)
    });
    if let Some(d) = delta(action, &key) {
        if let Some(i) = step(index, actions.len(), d) {
            app.action_sel = Some(actions[i].clone());
        }
        return vec![];
    }
    // The first open conflict: L keeps local, R, S, ... take a side.
    let conflict = app
        .data
        .conflicts
        .get(&id)
        .and_then(|c| c.first())
        .and_then(|c| {
            let sides = 1 + c.remote_values().len();
            let choice = (0..sides).find(|i| side_key(*i).map(KeyCode::Char) == Some(key.code))?;
            Some((c.field.clone(), choice))
        });
    if action == Action::Work {
        let selected = index.map(|i| actions[i].clone());
        return super::keys_work::case_key(app, key, &id, selected.as_deref()).unwrap_or_default();
    }
    match (action, index, conflict) {
        (Action::Resolve, _, Some((field, choice))) => {
            app.busy = Some(t("conflict oplossen...", "resolving conflict...").into());
            vec![Effect::Resolve {
                case_id: id,
                field,
                choice,
            }]
        }
        (Action::Letter, i, _) => {
            super::letter::open(app, &id, i.map(|i| actions[i].clone()));
            vec![]
        }
        (Action::Done, Some(i), _) => mark_done(app, &id, &actions[i].clone()),
        (Action::Done, None, _) => {
            app.error(t(
                "geen open actie om af te ronden",
                "no open action to mark done",
            ));
            vec![]
        }
        _ => case_command(app, action, &id),
    }
}

pub(super) fn history_key(app: &mut App, action: Action, key: KeyEvent) -> Vec<Effect> {
    let Some(h) = app.history.as_mut() else {
        return vec![];
    };
    if let Some(d) = delta(action, &key)
        && let Some(i) = step(Some(h.selected), h.entries.len(), d)
    {
        h.selected = i;
        return h
            .entries
            .get(i)
            .map(|e| {
                vec![Effect::Diff {
                    commit: e.id.clone(),
                    case_id: h.case_id.clone(),
                }]
            })
            .unwrap_or_default();
    }
    vec![]
}

/// `x`: asks on which date (today by default) and for an optional note.
pub(super) fn mark_done(app: &mut App, case_id: &str, action_id: &str) -> Vec<Effect> {
    let action = app
        .case_index(case_id)
        .and_then(|i| app.data.checks[i].as_ref().ok())
        .and_then(|e| e.actions.iter().find(|a| a.id == action_id));
    if let Some(a) = action {
        app.form = Some(Form::done(case_id, a, app.today));
    }
    vec![]
}
