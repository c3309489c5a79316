//! The worker thread: runs effects (disk and git) off the UI thread and
//! sends the results back as messages, like gitui's asyncgit. After a
//! change it re-reads and re-evaluates only the changed case. This file
//! is the thread and the dispatch; the work is in its parts below.

use super::msg::{Effect, Msg};
use super::watch::{WATCH_EVERY, Watch};
use crate::domain::caseload::Caseload;
use crate::i18n::t;
use crate::store::{CaseRepo, Result};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};

pub(super) struct Worker {
    pub(super) repo: CaseRepo,
    pub(super) today: NaiveDate,
    pub(super) caseload: Option<Caseload>,
    pub(super) out: Sender<Msg>,
}

/// The worker thread's name: the panic hook leaves the terminal alone for
/// it, since the worker catches its own panics and reports them.
pub const THREAD: &str = "verzuim-worker";

// The parts of the worker, each in its own file: reading (the caseload,
// a changed case, history), writes to a case, the letter effect, and the
// sync and conflict effects with their words for the status line.
#[path = "worker_letter.rs"]
mod letter;
#[path = "worker_read.rs"]
mod read;
#[path = "worker_sync.rs"]
mod sync;
#[path = "worker_write.rs"]
mod write;

/// Starts the worker; effects sent to the returned channel run in order.
pub fn spawn(root: PathBuf, today: NaiveDate, out: Sender<Msg>) -> Sender<Effect> {
    spawn_with(root, today, out, None)
}

/// The same, with the session's unlocked key: what seals confidential
/// values on the worker's writes.
pub fn spawn_with(
    root: PathBuf,
    today: NaiveDate,
    out: Sender<Msg>,
    keyring: Option<std::sync::Arc<crate::store::keys::Keyring>>,
) -> Sender<Effect> {
    let (tx, rx): (Sender<Effect>, Receiver<Effect>) = mpsc::channel();
    let thread = std::thread::Builder::new().name(THREAD.into());
    let spawned = thread.spawn(move || {
        let repo = CaseRepo::at(root).quiet();
        if let Some(k) = keyring {
            repo.set_keyring(k);
        }
        let mut w = Worker {
            repo,
            today,
            caseload: None,
            out,
        };
        w.serve(&rx);
    });
    // As `std::thread::spawn`: a process that cannot start a thread stops.
    spawned.expect("start the worker thread");
    tx
}

/// The message `work` ends with: its own, its error's, or its panic's.
fn caught(work: impl FnOnce() -> Result<Msg>) -> Msg {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)) {
        Ok(result) => result.unwrap_or_else(|e| Msg::Failed(e.to_string())),
        Err(payload) => Msg::Failed(format!(
            "{}: {}",
            t(
                "interne fout in de achtergrond",
                "internal error in the background"
            ),
            panic_text(&*payload)
        )),
    }
}

/// A panic's message, from its payload.
fn panic_text(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("?")
}

impl Worker {
    /// Runs effects in order until the TUI hangs up; between effects,
    /// looks for changes made outside this TUI (the CLI, a sync in another
    /// terminal) a few times a second.
    fn serve(&mut self, rx: &Receiver<Effect>) {
        let mut watch = Watch::new(&self.repo.root);
        loop {
            let msg = match rx.recv_timeout(WATCH_EVERY) {
                Ok(effect) => {
                    let mut msg = self.run_caught(effect);
                    let notices = self.repo.take_notices();
                    if let Msg::Changed { notices: n, .. } = &mut msg {
                        n.extend(notices);
                    }
                    // Our own commits are not outside changes.
                    watch.changed();
                    msg
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if !(watch.changed() && self.caseload.is_some()) {
                        continue;
                    }
                    let msg = self.load().unwrap_or_else(|e| Msg::Failed(e.to_string()));
                    let _ = self.out.send(Msg::Outside);
                    msg
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            if self.out.send(msg).is_err() {
                break;
            }
        }
    }

    /// Runs an effect; an error or a panic becomes `Msg::Failed`, so the
    /// TUI clears `busy` and shows it instead of waiting forever.
    fn run_caught(&mut self, effect: Effect) -> Msg {
        caught(|| self.run(effect))
    }

    /// Carries out one effect: a dispatch to the part that does it.
    pub(super) fn run(&mut self, effect: Effect) -> Result<Msg> {
        match effect {
            Effect::Load => self.load(),
            Effect::AddEvent {
                case_id,
                event,
                summary,
                force,
            } => self.add_event(case_id, event, summary, force),
            Effect::ReplaceEvent {
                case_id,
                event_id,
                old,
                new,
                summary,
            } => self.replace_event(case_id, &event_id, &old, &new, summary),
            Effect::CreateCase { case } => {
                self.repo.create_case(&case)?;
                self.changed(case.id.to_string(), "new case".into(), true)
            }
            Effect::EditCase {
                case_id,
                edit,
                summary,
            } => self.edit_case(case_id, &edit, summary),
            Effect::Undo {
                case_id,
                commit,
                summary,
            } => {
                self.repo
                    .revert(&commit, &format!("case {case_id}: {summary}"))?;
                self.changed(case_id, format!("undo {summary}"), false)
            }
            Effect::History { case_id } => self.history(case_id),
            Effect::Diff { commit, case_id } => self.diff(commit, &case_id),
            Effect::Sync => self.sync(),
            Effect::Resolve {
                case_id,
                field,
                choice,
            } => self.resolve(&case_id, &field, choice),
            Effect::Report(request) => {
                super::worker_reports::report(&self.repo.root, self.today, request)
            }
            Effect::Export {
                request,
                format,
                path,
            } => super::worker_reports::export(&self.repo.root, self.today, request, format, &path),
            Effect::Letter {
                case_id,
                action_id,
                template,
            } => self.letter_effect(case_id, action_id.as_deref(), &template),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates;
    use crate::domain::event::Event;
    use crate::store::StoreError;

    /// Undo must revert the commit this write made, even when a sync put a
    /// colleague's commit on top before the worker reported it.
    #[test]
    fn a_change_reports_the_commit_it_made_never_head() {
        let (dir, repo) = crate::store::test_support::repo();
        let git = repo.git().unwrap();
        let d = dates::parse("2025-09-01").unwrap();
        repo.create_case(&crate::store::test_support::case("aaaa"))
            .unwrap();
        let (tx, _rx) = mpsc::channel();
        let mut w = Worker {
            repo: CaseRepo::at(dir.path().to_path_buf()).quiet(),
            today: d,
            caseload: None,
            out: tx,
        };
        let commit_of = |m: Msg| match m {
            Msg::Changed { commit, .. } => commit,
            _ => panic!("not a change"),
        };
        let mine = commit_of(
            w.run(Effect::AddEvent {
                case_id: "aaaa".into(),
                event: Event::new("ziek", d),
                summary: "add ziek".into(),
                force: false,
            })
            .unwrap(),
        );
        // Someone else's commit lands on top (another process, a sync).
        let other = CaseRepo::at(dir.path().to_path_buf()).quiet();
        other
            .add_event("aaaa", &Event::new("beter", d), "add beter")
            .unwrap();
        let head = git.head().unwrap().target().unwrap().to_string();
        let reported = commit_of(w.changed("aaaa".into(), "add ziek".into(), true).unwrap());
        assert_eq!(reported, mine);
        assert_ne!(reported, head);
    }

    #[test]
    fn a_panic_in_the_work_becomes_a_failure_message() {
        crate::i18n::set_lang(crate::i18n::Lang::Nl);
        let msg = caught(|| panic!("kapot"));
        let Msg::Failed(text) = msg else {
            panic!("{msg:?}")
        };
        assert!(
            text.contains("interne fout") && text.contains("kapot"),
            "{text}"
        );
        let msg = caught(|| Err(StoreError::Repo("schijf vol".into())));
        assert!(matches!(msg, Msg::Failed(t) if t.contains("schijf vol")));
    }
}
