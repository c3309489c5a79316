//! Keys: what each key does on each screen, as state changes and effects.
//! Every action targets an id (case, action, conflict field), never a row.

use super::form::{Form, Outcome};
use super::model::{App, HistoryView, Screen, Sort};
use super::msg::Effect;
use super::picker::{FilterKind, Picker};
use crate::i18n::t;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(super) fn on_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
        app.quit = true;
        return vec![];
    }
    if let Some(c) = app.confirm.take() {
        return confirm_key(app, key, c);
    }
    if app.picker.is_some() {
        super::picker::key(app, key);
        return vec![];
    }
    if app.letter.is_some() {
        return super::letter::key(app, key);
    }
    if let Some(form) = app.form.as_mut() {
        return match form.key(key) {
            Outcome::Stay => vec![],
            Outcome::Cancel => {
                app.form = None;
                app.info(t("geannuleerd", "cancelled"));
                vec![]
            }
            Outcome::Submit => match form.effect(app.today) {
                Ok(effect) => {
                    form.pending = true;
                    form.error = None;
                    app.said = Some(form.said());
                    if let Effect::CreateCase { case } = &effect {
                        app.open_after = Some(case.id.clone());
                    }
                    app.busy = Some(t("vastleggen...", "committing...").into());
                    vec![effect]
                }
                Err(e) => {
                    form.error = Some(e);
                    vec![]
                }
            },
        };
    }
    if app.help {
        app.help = false;
        return vec![];
    }
    if app.searching {
        return search_key(app, key);
    }
    let quitting = std::mem::take(&mut app.quitting);
    match key.code {
        KeyCode::Char('?') => app.help = true,
        KeyCode::Char('q') => back(app),
        // Esc on a top screen asks before quitting: a second Esc quits.
        KeyCode::Esc
            if matches!(app.screen, Screen::Today | Screen::Cases) && app.query.is_empty() =>
        {
            if quitting {
                app.quit = true;
            } else {
                app.quitting = true;
                app.info(t(
                    "verzuim afsluiten? Esc nog eens of q sluit af; een andere toets blijft",
                    "quit verzuim? Esc again or q quits; any other key stays",
                ));
            }
        }
        KeyCode::Esc => back(app),
        KeyCode::Tab => {
            app.screen = match app.screen {
                Screen::Today => Screen::Cases,
                Screen::Cases if app.current.is_some() => Screen::Case,
                _ => Screen::Today,
            }
        }
        KeyCode::Char('1') => app.screen = Screen::Today,
        KeyCode::Char('2') => app.screen = Screen::Cases,
        KeyCode::Char('3') if app.current.is_some() => app.screen = Screen::Case,
        KeyCode::Char('n') if !app.loading => app.form = Some(Form::new_case(&app.data.protocols)),
        KeyCode::Char('u') => return undo(app),
        KeyCode::Char('s') if !app.loading && app.busy.is_none() => {
            app.busy = Some(t("synchroniseren...", "syncing...").into());
            return vec![Effect::Sync];
        }
        _ => return screen_key(app, key),
    }
    vec![]
}

/// The answer to a question about an odd event: yes records it anyway;
/// anything else goes back to the form with the doubt shown.
fn confirm_key(app: &mut App, key: KeyEvent, c: super::model::Confirm) -> Vec<Effect> {
    if matches!(key.code, KeyCode::Char('j' | 'J' | 'y' | 'Y')) {
        if let Some(form) = app.form.as_mut() {
            form.pending = true;
        }
        app.busy = Some(t("vastleggen...", "committing...").into());
        return vec![c.effect];
    }
    match app.form.as_mut() {
        Some(form) => form.error = Some(c.text),
        None => app.info(t("niet vastgelegd", "not recorded")),
    }
    vec![]
}

fn back(app: &mut App) {
    match app.screen {
        Screen::History => app.screen = Screen::Case,
        Screen::Case => app.screen = app.back_to,
        Screen::Cases if !app.query.is_empty() => {
            app.query.clear();
            app.filter_cases();
        }
        _ => app.quit = true,
    }
}

fn search_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Enter => app.searching = false,
        KeyCode::Esc => {
            app.searching = false;
            app.query.clear();
            app.filter_cases();
        }
        KeyCode::Backspace => {
            app.query.pop();
            app.filter_cases();
        }
        KeyCode::Up | KeyCode::Down => return screen_key(app, key),
        KeyCode::Char(c) => {
            app.query.push(c);
            app.case_sel = None;
            app.filter_cases();
        }
        _ => {}
    }
    vec![]
}

/// Moves an index by `delta` within `len`.
fn step(i: Option<usize>, len: usize, delta: isize) -> Option<usize> {
    let i = i? as isize + delta;
    Some(i.clamp(0, len.saturating_sub(1) as isize) as usize)
}

fn delta(key: &KeyEvent) -> Option<isize> {
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => Some(-1),
        KeyCode::Down | KeyCode::Char('j') => Some(1),
        KeyCode::PageUp => Some(-10),
        KeyCode::PageDown => Some(10),
        _ => None,
    }
}

fn screen_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    match app.screen {
        Screen::Today => today_key(app, key),
        Screen::Cases => cases_key(app, key),
        Screen::Case => case_key(app, key),
        Screen::History => history_key(app, key),
    }
}

fn open_case(app: &mut App, id: String, from: Screen) {
    app.current = Some(id);
    app.action_sel = None;
    app.back_to = from;
    app.screen = Screen::Case;
}

fn today_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let selected = app.today_index().map(|i| &app.today_rows[i]);
    let ids = selected.map(|r| (app.data.cases[r.case_idx].id.clone(), r.action_id.clone()));
    if let Some(d) = delta(&key) {
        if let Some(i) = step(app.today_index(), app.today_rows.len(), d) {
            let r = &app.today_rows[i];
            app.today_sel = Some((app.data.cases[r.case_idx].id.clone(), r.action_id.clone()));
        }
        return vec![];
    }
    let signal = selected.is_some_and(|r| r.signal);
    match (key.code, ids) {
        (KeyCode::Enter, Some((case, _))) => open_case(app, case, Screen::Today),
        (KeyCode::Char('x'), Some(_)) if signal => app.error(t(
            "een signaal is geen actie: open het dossier (Enter) en leg vast wat er gebeurt (a)",
            "a signal is not an action: open the case (Enter) and record what happens (a)",
        )),
        (KeyCode::Char('x'), Some((case, action))) => return mark_done(app, &case, &action),
        _ => {}
    }
    vec![]
}

fn cases_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    if let Some(d) = delta(&key) {
        if let Some(i) = step(app.cases_index(), app.visible.len(), d) {
            app.case_sel = Some(app.data.cases[app.visible[i]].id.clone());
        }
        return vec![];
    }
    let selected = app
        .cases_index()
        .map(|i| app.data.cases[app.visible[i]].id.clone());
    match key.code {
        KeyCode::Char('/') => app.searching = true,
        KeyCode::Enter => {
            if let Some(id) = selected {
                open_case(app, id, Screen::Cases);
            }
            return vec![];
        }
        KeyCode::Char(c @ ('o' | 'p' | 'S' | 'w' | 'r' | 'g')) => {
            if let Some(filter) = FilterKind::from_key(c) {
                app.picker = Some(Picker::open(app, filter));
            }
            return vec![];
        }
        KeyCode::Char('f') => {
            app.clear_filters();
            app.info(t("alle filters gewist", "all filters cleared"));
            return vec![];
        }
        KeyCode::Char('t') => {
            app.filters.sort = if app.filters.sort == Sort::NextDue {
                Sort::Name
            } else {
                Sort::NextDue
            };
        }
        _ => {
            if let Some(id) = selected {
                return case_command(app, key, &id);
            }
            return vec![];
        }
    }
    app.filter_cases();
    vec![]
}

/// Keys that act on one case, from the case list or the case view.
fn case_command(app: &mut App, key: KeyEvent, id: &str) -> Vec<Effect> {
    let Some(i) = app.case_index(id) else {
        return vec![];
    };
    let case = &app.data.cases[i];
    match key.code {
        KeyCode::Char('a') => match app.protocol(&case.protocol) {
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
        KeyCode::Char('e') => app.form = Some(Form::edit_case(case, &app.data.protocols)),
        KeyCode::Char('c') => {
            let (status, what, said) = if case.is_open() {
                ("closed", "close case", t("dossier gesloten", "case closed"))
            } else {
                (
                    "open",
                    "reopen case",
                    t("dossier heropend", "case reopened"),
                )
            };
            app.said = Some(said.into());
            app.busy = Some(t("vastleggen...", "committing...").into());
            return vec![Effect::EditCase {
                case_id: id.to_string(),
                changes: vec![("status".into(), Some(status.into()))],
                summary: what.into(),
            }];
        }
        KeyCode::Char('h') => {
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

fn case_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(id) = app.current.clone() else {
        return vec![];
    };
    let actions: Vec<String> = app
        .current_open_actions()
        .iter()
        .map(|a| a.id.clone())
        .collect();
    let index = (!actions.is_empty()).then(|| {
        app.action_sel
            .as_ref()
            .and_then(|s| actions.iter().position(|a| a == s))
            .unwrap_or(0)
    });
    if let Some(d) = delta(&key) {
        if let Some(i) = step(index, actions.len(), d) {
            app.action_sel = Some(actions[i].clone());
        }
        return vec![];
    }
    let conflict = app
        .data
        .conflicts
        .get(&id)
        .and_then(|c| c.first())
        .map(|c| c.field.clone());
    match (key.code, index, conflict) {
        (KeyCode::Char(c @ ('L' | 'R')), _, Some(field)) => {
            app.busy = Some(t("conflict oplossen...", "resolving conflict...").into());
            vec![Effect::Resolve {
                case_id: id,
                field,
                take_remote: c == 'R',
            }]
        }
        (KeyCode::Char('b'), i, _) => {
            super::letter::open(app, &id, i.map(|i| actions[i].clone()));
            vec![]
        }
        (KeyCode::Char('x'), Some(i), _) => mark_done(app, &id, &actions[i].clone()),
        (KeyCode::Char('x'), None, _) => {
            app.error(t(
                "geen open actie om af te ronden",
                "no open action to mark done",
            ));
            vec![]
        }
        _ => case_command(app, key, &id),
    }
}

fn history_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let Some(h) = app.history.as_mut() else {
        return vec![];
    };
    if let Some(d) = delta(&key)
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
fn mark_done(app: &mut App, case_id: &str, action_id: &str) -> Vec<Effect> {
    let action = app
        .case_index(case_id)
        .and_then(|i| app.data.checks[i].as_ref().ok())
        .and_then(|e| e.actions.iter().find(|a| a.id == action_id));
    if let Some(a) = action {
        app.form = Some(Form::done(case_id, a, app.today));
    }
    vec![]
}

/// Undo this session's last change: a revert commit, so history stays.
fn undo(app: &mut App) -> Vec<Effect> {
    match app.undo.pop() {
        Some(u) => {
            app.busy = Some(t("ongedaan maken...", "undoing...").into());
            app.said = Some(format!("{}: {}", t("ongedaan gemaakt", "undone"), u.said));
            vec![Effect::Undo {
                case_id: u.case_id,
                commit: u.commit,
                summary: u.summary,
            }]
        }
        None => {
            app.error(t(
                "niets om ongedaan te maken in deze sessie",
                "nothing to undo in this session",
            ));
            vec![]
        }
    }
}
