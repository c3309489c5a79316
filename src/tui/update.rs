//! `update(&mut App, Msg) -> Vec<Effect>`: the TUI's only entry for state
//! changes (keys are handled in `keys`). Pure: no disk, no git, no clock,
//! so every message and key is unit-tested.

use super::model::{App, HistoryView, Undoable};
use super::msg::{Effect, Msg};
use crate::i18n::t;

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(key) => super::keys::on_key(app, key),
        Msg::Resize => vec![],
        Msg::Loaded(snapshot) => {
            let reload = !app.loading;
            app.busy = None;
            let broken = snapshot.broken.len();
            app.set_snapshot(*snapshot);
            let n = app.data.cases.len();
            if reload {
                return vec![];
            }
            if broken > 0 {
                app.error(format!(
                    "{n} {}; {broken} {}",
                    t("cases geladen", "cases loaded"),
                    t("kapotte bestanden: zie Dossiers", "broken files: see Cases")
                ));
            } else {
                app.info(format!("{n} {}", t("cases geladen", "cases loaded")));
            }
            vec![]
        }
        Msg::Changed {
            case_id,
            case,
            commit,
            summary,
            undoable,
        } => {
            app.busy = None;
            app.form = None;
            app.replace_case(&case_id, case.map(|b| *b));
            if undoable {
                app.undo.push(Undoable {
                    case_id: case_id.clone(),
                    commit: commit.clone(),
                    summary: summary.clone(),
                });
            }
            app.info(format!(
                "{}: {summary} ({})",
                t("vastgelegd", "committed"),
                &commit[..commit.len().min(8)]
            ));
            if app.history.as_ref().is_some_and(|h| h.case_id == case_id) {
                return vec![Effect::History { case_id }];
            }
            vec![]
        }
        Msg::History { case_id, entries } => {
            app.busy = None;
            let first = entries.first().map(|e| e.id.clone());
            let diff_case = case_id.clone();
            app.history = Some(HistoryView {
                case_id,
                entries,
                selected: 0,
                diff: None,
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
        Msg::Diff { commit, text } => {
            if let Some(h) = app.history.as_mut() {
                h.diff = Some((commit, text));
            }
            vec![]
        }
        Msg::Synced(text) => {
            app.info(text);
            app.busy = Some(t("herladen...", "reloading...").into());
            vec![]
        }
        Msg::Failed(error) => {
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
    }
}
