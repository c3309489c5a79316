//! Keys: what each key does on each screen, as state changes and effects.
//! Every action targets an id (case, action, conflict field), never a row.

use super::form::{Form, Outcome};
use super::keymap::{self, Action};
use super::model::{App, Screen, Sort};
use super::msg::Effect;
use super::picker::{FilterKind, Picker};
use crate::i18n::t;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    if app.screen == Screen::Reports && app.reports.export.is_some() {
        return super::reports::export_key(app, key);
    }
    if app.letter.is_some() {
        return super::letter::key(app, key);
    }
    if app.form.is_some() {
        return form_key(app, key);
    }
    if app.help {
        app.help = false;
        return vec![];
    }
    if app.searching {
        return search_key(app, key);
    }
    let quitting = std::mem::take(&mut app.quitting);
    let Some(action) = keymap::action(app.screen, key.code) else {
        return vec![];
    };
    match action {
        Action::Help => app.help = true,
        Action::Back => back(app),
        // Esc on a top screen asks before quitting: a second Esc quits.
        Action::Escape
            if matches!(app.screen, Screen::Today | Screen::Cases) && app.query.is_empty() =>
        {
            ask_to_quit(app, quitting)
        }
        Action::Escape => back(app),
        Action::SwitchScreen if key.code == KeyCode::Char('4') => {
            if !app.loading {
                return super::reports::open(app);
            }
        }
        Action::SwitchScreen => switch_screen(app, key.code),
        Action::NewCase if !app.loading => app.form = Some(Form::new_case(&app.data.protocols)),
        Action::NewCase => {}
        Action::Undo => return undo(app),
        Action::Sync if !app.loading && app.busy.is_none() => {
            app.busy = Some(t("synchroniseren...", "syncing...").into());
            return vec![Effect::Sync];
        }
        Action::Sync => {}
        _ => return screen_key(app, action, key),
    }
    vec![]
}

/// A key in the open form: typing, cancel, or submit (validated into the
/// effect it asks for, or the error shown in the form).
fn form_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let next_id = app.next_id.clone();
    let Some(form) = app.form.as_mut() else {
        return vec![];
    };
    match form.key(key) {
        Outcome::Stay => vec![],
        Outcome::Cancel => {
            app.form = None;
            app.info(t("geannuleerd", "cancelled"));
            vec![]
        }
        Outcome::Submit => match form.effect(app.today, &next_id) {
            Ok(effect) => {
                form.pending = true;
                form.error = None;
                app.said = Some(form.said());
                if let Effect::CreateCase { case } = &effect {
                    app.open_after = Some(case.id.to_string());
                }
                app.busy = Some(t("vastleggen...", "committing...").into());
                vec![effect]
            }
            Err(e) => {
                form.error = Some(e);
                vec![]
            }
        },
    }
}

/// Esc on a top screen asks before quitting: a second Esc quits.
fn ask_to_quit(app: &mut App, quitting: bool) {
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

fn switch_screen(app: &mut App, key: KeyCode) {
    app.screen = match (key, app.screen) {
        (KeyCode::Char('1'), _) => Screen::Today,
        (KeyCode::Char('2'), _) => Screen::Cases,
        (KeyCode::Char('3'), _) if app.current.is_some() => Screen::Case,
        (KeyCode::Char(_), screen) => screen,
        (_, Screen::Today) => Screen::Cases,
        (_, Screen::Cases) if app.current.is_some() => Screen::Case,
        _ => Screen::Today,
    }
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
        Screen::Reports => app.screen = Screen::Today,
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
        KeyCode::Up | KeyCode::Down => return screen_key(app, Action::Move, key),
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
pub(super) fn step(i: Option<usize>, len: usize, delta: isize) -> Option<usize> {
    let i = i? as isize + delta;
    Some(i.clamp(0, len.saturating_sub(1) as isize) as usize)
}

/// How far a key moves a selection, when its action is `Move`.
pub(super) fn delta(action: Action, key: &KeyEvent) -> Option<isize> {
    (action == Action::Move).then(|| keymap::distance(key.code))
}

pub(super) fn screen_key(app: &mut App, action: Action, key: KeyEvent) -> Vec<Effect> {
    match app.screen {
        Screen::Today => today_key(app, action, key),
        Screen::Cases => cases_key(app, action, key),
        Screen::Case => super::case_keys::case_key(app, action, key),
        Screen::History => super::case_keys::history_key(app, action, key),
        Screen::Reports => super::reports::key(app, key),
    }
}

pub(super) fn open_case(app: &mut App, id: impl Into<String>, from: Screen) {
    app.current = Some(id.into());
    app.action_sel = None;
    app.event_sel = None;
    app.back_to = from;
    app.screen = Screen::Case;
}

fn today_key(app: &mut App, action: Action, key: KeyEvent) -> Vec<Effect> {
    let selected = app.today_index().map(|i| &app.today_rows[i]);
    let ids = selected.map(|r| (app.data.cases[r.case_idx].id.clone(), r.action_id.clone()));
    if let Some(d) = delta(action, &key) {
        if let Some(i) = step(app.today_index(), app.today_rows.len(), d) {
            let r = &app.today_rows[i];
            app.today_sel = Some((
                app.data.cases[r.case_idx].id.to_string(),
                r.action_id.clone(),
            ));
        }
        return vec![];
    }
    let signal = selected.is_some_and(|r| r.signal);
    match (action, ids) {
        (Action::Open, Some((case, _))) => open_case(app, case, Screen::Today),
        (Action::Done, Some(_)) if signal => app.error(t(
            "een signaal is geen actie: open het dossier (Enter) en leg vast wat er gebeurt (a)",
            "a signal is not an action: open the case (Enter) and record what happens (a)",
        )),
        (Action::Done, Some((case, action))) => {
            return super::case_keys::mark_done(app, &case, &action);
        }
        // Vandaag by role (a team lead sees the escalations) or by owner.
        (Action::Filter, _) => {
            if let KeyCode::Char(c) = key.code {
                app.picker = FilterKind::from_key(c).map(|f| Picker::open(app, f));
            }
        }
        (Action::ClearFilters, _) => {
            app.clear_filters();
            app.info(t("alle filters gewist", "all filters cleared"));
        }
        _ => {}
    }
    vec![]
}

fn cases_key(app: &mut App, action: Action, key: KeyEvent) -> Vec<Effect> {
    if let Some(d) = delta(action, &key) {
        if let Some(i) = step(app.cases_index(), app.visible.len(), d) {
            app.case_sel = Some(app.data.cases[app.visible[i]].id.to_string());
        }
        return vec![];
    }
    let selected = app
        .cases_index()
        .map(|i| app.data.cases[app.visible[i]].id.clone());
    match action {
        Action::Search => app.searching = true,
        Action::Open => {
            if let Some(id) = selected {
                open_case(app, id, Screen::Cases);
            }
            return vec![];
        }
        Action::Filter => {
            if let KeyCode::Char(c) = key.code
                && let Some(filter) = FilterKind::from_key(c)
            {
                app.picker = Some(Picker::open(app, filter));
            }
            return vec![];
        }
        Action::ClearFilters => {
            app.clear_filters();
            app.info(t("alle filters gewist", "all filters cleared"));
            return vec![];
        }
        Action::Sort => {
            app.filters.sort = if app.filters.sort == Sort::NextDue {
                Sort::Name
            } else {
                Sort::NextDue
            };
        }
        _ => {
            if let Some(id) = selected {
                return super::case_keys::case_command(app, action, &id);
            }
            return vec![];
        }
    }
    app.filter_cases();
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
