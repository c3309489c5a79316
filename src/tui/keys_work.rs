//! The working-day keys of the case view (issue 14): `A` an action by
//! hand, `p` pause or resume the deadlines, `v` extend the selected action,
//! `O` hand the case over, `T` record a consent, `[` `]` choose a timeline
//! event, `E` correct it, `W` withdraw it. Each opens a form; the form's
//! effect is one commit. Targets are ids, never rows.

use super::form::{FieldKey, Form};
use super::model::App;
use super::msg::Effect;
use crate::domain::correction;
use crate::domain::event::Field as EventField;
use crate::domain::workflow;
use crate::i18n::{date, t};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

/// The current case's events in the timeline's order (newest first).
pub fn timeline_ids(app: &App) -> Vec<String> {
    match app.current_case() {
        Some((case, _)) => case
            .events_by_date()
            .into_iter()
            .rev()
            .map(|(id, _)| id.to_string())
            .collect(),
        None => Vec::new(),
    }
}

/// The selected timeline event (the newest when none is chosen).
pub fn selected_event(app: &App) -> Option<String> {
    let ids = timeline_ids(app);
    app.event_sel
        .as_ref()
        .filter(|s| ids.contains(s))
        .cloned()
        .or_else(|| ids.first().cloned())
}

/// A case-view key of this module; `None` when the key is not one of them.
pub(super) fn case_key(
    app: &mut App,
    key: KeyEvent,
    case_id: &str,
    action: Option<&str>,
) -> Option<Vec<Effect>> {
    match key.code {
        KeyCode::Char('A') => kind_form(app, case_id, workflow::HAND_ACTION, &[]),
        KeyCode::Char('p') => {
            let paused = app
                .current_case()
                .and_then(|(c, _)| workflow::pause_on(c, app.today, app.today));
            match paused {
                Some(p) => {
                    app.info(crate::i18n::work::pause(&p));
                    kind_form(app, case_id, workflow::RESUME, &[]);
                }
                None => kind_form(app, case_id, workflow::PAUSE, &[]),
            }
        }
        KeyCode::Char('v') => match action {
            Some(a) => kind_form(
                app,
                case_id,
                workflow::EXTENSION,
                &[(FieldKey::Event(EventField::Action), a.into())],
            ),
            None => app.error(t(
                "kies eerst een open actie om te verlengen",
                "choose an open action to extend first",
            )),
        },
        KeyCode::Char('O') => kind_form(app, case_id, workflow::HANDOVER, &[]),
        KeyCode::Char('T') => kind_form(app, case_id, crate::domain::consent::KIND, &[]),
        KeyCode::Char(c @ ('[' | ']')) => {
            let ids = timeline_ids(app);
            let at = selected_event(app).and_then(|s| ids.iter().position(|i| *i == s));
            if let Some(i) = at {
                let next = if c == ']' {
                    (i + 1).min(ids.len() - 1)
                } else {
                    i.saturating_sub(1)
                };
                app.event_sel = Some(ids[next].clone());
            }
        }
        KeyCode::Char('E') => correct(app, case_id, true),
        KeyCode::Char('W') => correct(app, case_id, false),
        _ => return None,
    }
    Some(vec![])
}

/// Opens the add form for one kind, with `presets`.
fn kind_form(app: &mut App, case_id: &str, kind: &str, presets: &[(FieldKey, String)]) {
    let form = app.case_index(case_id).and_then(|i| {
        let case = &app.data.cases[i];
        let protocol = app.protocol(&case.protocol)?;
        Form::add_kind(case, protocol, app.today, kind, presets)
    });
    match form {
        Some(f) => app.form = Some(f),
        None => app.error(t(
            "protocol ontbreekt of is kapot",
            "protocol missing or broken",
        )),
    }
}

/// `E` (edit) or `W` (withdraw) on the selected timeline event.
fn correct(app: &mut App, case_id: &str, edit: bool) {
    let Some(eid) = selected_event(app) else {
        app.error(t("geen gebeurtenis gekozen", "no event selected"));
        return;
    };
    let Some((case, _)) = app.current_case() else {
        return;
    };
    let Some(old) = case.events.get(eid.as_str()) else {
        return;
    };
    if old.withdrawn.is_some() {
        app.error(format!(
            "{} ({})",
            t(
                "deze gebeurtenis is al ingetrokken",
                "this event is already withdrawn"
            ),
            date(old.date)
        ));
        return;
    }
    let form = if edit {
        let spec = app
            .protocol(&case.protocol)
            .and_then(|p| p.kinds.iter().find(|k| k.id == old.kind).cloned())
            .unwrap_or_else(|| correction::lenient_spec(old));
        // Prefilled as this reader sees it: opened for a key holder, else
        // masked (and then not editable).
        let seen = app.shown(case);
        let shown = seen.events.get(eid.as_str()).unwrap_or(old);
        let locked = crate::domain::compartments::unopened(case, old, shown)
            .into_iter()
            .filter_map(FieldKey::of_event_name)
            .collect();
        Form::edit_event(case_id, &eid, (old, shown), locked, spec)
    } else {
        Form::withdraw(case_id, &eid, old)
    };
    app.form = Some(form);
}
