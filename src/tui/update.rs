//! `update(&mut App, Msg) -> Vec<Effect>`: the TUI's only entry for state
//! changes (keys are handled in `keys`). Pure: no disk, no git, no clock,
//! so every message and key is unit-tested.

use super::model::{App, HistoryView, Undoable};
use super::msg::{Effect, Msg, Snapshot};
use crate::i18n::{count, t};

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let effects = handle(app, msg);
    // The case on show may have changed: its sealed values are opened now,
    // once, rather than in every frame.
    app.refresh_revealed();
    effects
}

fn handle(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => super::keys::on_key(app, key),
        Msg::Resize => vec![],
        Msg::Loaded(snapshot) => loaded(app, *snapshot),
        msg @ Msg::Changed { .. } => changed(app, msg),
        Msg::History { case_id, entries } => history(app, case_id, entries),
        Msg::Diff { commit, text } => {
            if let Some(h) = app.history.as_mut() {
                h.diff = Some((commit, text));
            }
            app.reveal_diff();
            vec![]
        }
        Msg::Doubt { text, effect } => {
            app.busy = None;
            if let Some(form) = app.form.as_mut() {
                form.pending = false;
            }
            app.confirm = Some(super::model::Confirm { text, effect });
            vec![]
        }
        Msg::Outside => {
            app.info(t(
                "bijgewerkt: wijziging van buiten deze sessie",
                "updated: a change from outside this session",
            ));
            vec![]
        }
        Msg::Report { request, tables } => {
            app.busy = None;
            // An answer to an earlier choice is not shown over the current one.
            if request == app.reports.request {
                app.reports.shown = Some((request, tables));
            }
            vec![]
        }
        Msg::Exported(path) => {
            app.busy = None;
            app.info(format!("{}: {path}", t("geschreven", "written")));
            vec![]
        }
        Msg::Synced(text) => {
            app.info(text);
            app.busy = Some(t("herladen...", "reloading...").into());
            vec![]
        }
        Msg::Failed(error) => failed(app, error),
    }
}

/// The caseload read: shown, and on the first load counted on the status line.
fn loaded(app: &mut App, snapshot: Snapshot) -> Vec<Effect> {
    let reload = !app.loading;
    app.busy = None;
    let broken = snapshot.broken.len();
    app.set_snapshot(snapshot);
    let n = app.data.cases.len();
    if reload {
        return vec![];
    }
    let loaded = format!(
        "{} {}",
        count(n, ("dossier", "dossiers"), ("case", "cases")),
        t("geladen", "loaded")
    );
    if broken > 0 {
        app.error(format!(
            "{loaded}; {}: {}",
            count(
                broken,
                ("kapot bestand", "kapotte bestanden"),
                ("broken file", "broken files")
            ),
            t("zie Dossiers", "see Cases")
        ));
    } else {
        app.info(loaded);
    }
    vec![]
}

/// A change committed: the case replaced, the change named on the status
/// line and kept for undo.
fn changed(app: &mut App, msg: Msg) -> Vec<Effect> {
    let Msg::Changed {
        case_id,
        case,
        commit,
        summary,
        undoable,
        notices,
    } = msg
    else {
        return vec![];
    };
    app.busy = None;
    app.form = None;
    app.confirm = None;
    let said = app.said.take().unwrap_or_else(|| summary.clone());
    app.replace_case(&case_id, case.map(|b| *b));
    if app.open_after.as_deref() == Some(case_id.as_str()) {
        app.open_after = None;
        app.show_new_case(&case_id);
    }
    if undoable {
        app.undo.push(Undoable {
            case_id: case_id.clone(),
            commit: commit.clone(),
            summary: summary.clone(),
            said: said.clone(),
        });
    }
    let notices: String = notices.iter().map(|n| format!("; {n}")).collect();
    app.info(format!(
        "{}: {said} ({}){notices}",
        t("vastgelegd", "committed"),
        &commit[..commit.len().min(8)]
    ));
    if app.history.as_ref().is_some_and(|h| h.case_id == case_id) {
        return vec![Effect::History { case_id }];
    }
    vec![]
}

/// A case's history arrived: shown, and the newest commit's diff asked for.
fn history(
    app: &mut App,
    case_id: String,
    entries: Vec<crate::store::git::LogEntry>,
) -> Vec<Effect> {
    app.busy = None;
    let first = entries.first().map(|e| e.id.clone());
    let diff_case = case_id.clone();
    app.history = Some(HistoryView {
        case_id,
        entries,
        selected: 0,
        diff: None,
        shown: None,
    });
    first
        .map(|commit| {
            vec![Effect::Diff {
                commit,
                case_id: diff_case,
            }]
        })
        .unwrap_or_default()
}

/// The worker failed: the error shown, and a waiting form may retry.
fn failed(app: &mut App, error: String) -> Vec<Effect> {
    app.busy = None;
    if let Some(form) = app.form.as_mut() {
        form.pending = false;
        form.error = Some(format!(
            "{error} ({})",
            t("Enter probeert opnieuw", "Enter retries")
        ));
    }
    app.error(error);
    vec![]
}
