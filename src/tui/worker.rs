//! The worker thread: runs effects (disk and git) off the UI thread and
//! sends the results back as messages, like gitui's asyncgit. After a
//! change it re-reads and re-evaluates only the changed case.

use super::msg::{Effect, Msg, ProtocolInfo, Snapshot};
use super::watch::{WATCH_EVERY, Watch};
use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, Caseload};
use crate::domain::event::Event;
use crate::domain::plausible;
use crate::i18n::t;
use crate::store::load::{self, CASES_DIR};
use crate::store::{CaseRepo, Result, StoreError, git};
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

// The letter effect's disk work (a part of the worker, in its own file).
#[path = "worker_letter.rs"]
mod letter;
// The sync and conflict effects, and their words for the status line.
#[path = "worker_sync.rs"]
mod sync;

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
        let mut watch = Watch::new(&w.repo.root);
        loop {
            // Between effects, look for changes made outside this TUI (the
            // CLI, a sync in another terminal) a few times a second.
            let effect = match rx.recv_timeout(WATCH_EVERY) {
                Ok(effect) => effect,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    if watch.changed() && w.caseload.is_some() {
                        let msg = w.load().unwrap_or_else(|e| Msg::Failed(e.to_string()));
                        let _ = w.out.send(Msg::Outside);
                        if w.out.send(msg).is_err() {
                            break;
                        }
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            };
            let mut msg = w.run_caught(effect);
            let notices = w.repo.take_notices();
            if let Msg::Changed { notices: n, .. } = &mut msg {
                n.extend(notices);
            }
            // Our own commits are not outside changes.
            watch.changed();
            if w.out.send(msg).is_err() {
                break;
            }
        }
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
    /// Runs an effect; an error or a panic becomes `Msg::Failed`, so the
    /// TUI clears `busy` and shows it instead of waiting forever.
    fn run_caught(&mut self, effect: Effect) -> Msg {
        caught(|| self.run(effect))
    }

    pub(super) fn run(&mut self, effect: Effect) -> Result<Msg> {
        match effect {
            Effect::Load => self.load(),
            Effect::AddEvent {
                case_id,
                event,
                summary,
                force,
            } => {
                if let Some(doubt) = self.doubt(&case_id, &event, force)? {
                    let effect = Effect::AddEvent {
                        case_id,
                        event,
                        summary,
                        force: true,
                    };
                    return Ok(Msg::Doubt {
                        text: doubt,
                        effect,
                    });
                }
                self.repo.add_event(&case_id, &event, &summary)?;
                self.changed(case_id, summary, true)
            }
            Effect::ReplaceEvent {
                case_id,
                event_id,
                old,
                new,
                summary,
            } => {
                self.repo.modify_case(&case_id, |case, doc| {
                    if case.events.get(&event_id) != Some(&*old) {
                        return Err(StoreError::User(
                            t(
                                "de gebeurtenis is intussen gewijzigd; bekijk ze opnieuw",
                                "the event changed meanwhile; look at it again",
                            )
                            .into(),
                        ));
                    }
                    doc.add_event(&event_id, &new);
                    Ok(((), format!("case {case_id}: {summary}")))
                })?;
                self.changed(case_id, summary, true)
            }
            Effect::CreateCase { case } => {
                self.repo.create_case(&case)?;
                self.changed(case.id.clone(), "new case".into(), true)
            }
            Effect::EditCase {
                case_id,
                edit,
                summary,
            } => {
                self.repo.modify_case(&case_id, |_, doc| {
                    for (key, value) in edit.entries() {
                        doc.set_str(key, value.as_deref());
                    }
                    Ok(((), format!("case {case_id}: {summary}")))
                })?;
                self.changed(case_id, summary, true)
            }
            Effect::Undo {
                case_id,
                commit,
                summary,
            } => {
                self.repo
                    .revert(&commit, &format!("case {case_id}: {summary}"))?;
                self.changed(case_id, format!("undo {summary}"), false)
            }
            Effect::History { case_id } => {
                let path = format!("{CASES_DIR}/{case_id}.toml");
                let entries = git::file_history(&self.repo.git()?, &path, 500)?;
                Ok(Msg::History { case_id, entries })
            }
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
            } => {
                let path = self.letter(&case_id, action_id.as_deref(), &template)?;
                let mut msg = self.changed(case_id, format!("brief {template}"), true)?;
                if let Msg::Changed { notices, .. } = &mut msg {
                    notices.push(format!(
                        "{}: {}",
                        t("PDF geschreven", "PDF written"),
                        path.display()
                    ));
                }
                Ok(msg)
            }
            Effect::Diff { commit, case_id } => {
                let path = format!("{CASES_DIR}/{case_id}.toml");
                let text = git::commit_diff(&self.repo.git()?, &commit, Some(&path))?;
                Ok(Msg::Diff { commit, text })
            }
        }
    }

    fn load(&mut self) -> Result<Msg> {
        let loaded = load::load(&self.repo.root)?;
        let cl = loaded.caseload;
        let checks = cl.evaluate_all(self.today);
        let protocols = ProtocolInfo::all(&cl.library);
        let mut broken: Vec<String> = loaded
            .broken_protocols
            .iter()
            .chain(&loaded.broken_cases)
            .map(|e| e.to_string())
            .collect();
        // A broken template hides only the letters, never the cases.
        let templates = crate::store::letters::templates(&self.repo.root).unwrap_or_else(|e| {
            broken.push(e.to_string());
            Vec::new()
        });
        let conflicts = crate::store::conflicts::read_all(&self.repo.root)?;
        let mut broken: Vec<String> = broken;
        let retention = match crate::store::retention::rules(&self.repo.root) {
            Ok(r) => Some(r),
            Err(e) => {
                broken.push(e.to_string());
                None
            }
        };
        // The cases move to the UI; the worker keeps what evaluation needs.
        let Caseload {
            cases,
            library,
            calendars,
        } = cl;
        let snapshot = Snapshot {
            cases,
            checks,
            protocols,
            broken,
            conflicts,
            retention,
            templates,
        };
        self.caseload = Some(Caseload {
            cases: Vec::new(),
            library,
            calendars,
        });
        Ok(Msg::Loaded(Box::new(snapshot)))
    }

    /// The changed case re-read and re-evaluated (None when its file is gone).
    fn changed(&self, case_id: String, summary: String, undoable: bool) -> Result<Msg> {
        // The commit this write returned, never HEAD: a sync may have put a
        // colleague's commit on top since the lock was released.
        let commit = self.repo.last_commit().unwrap_or_default();
        let undoable = undoable && !commit.is_empty();
        let case = if load::case_path(&self.repo.root, &case_id).exists() {
            let case = load::load_case(&self.repo.root, &case_id)?.map_err(StoreError::Broken)?;
            let check = self.evaluate(&case);
            Some(Box::new((case, check)))
        } else {
            None
        };
        Ok(Msg::Changed {
            case_id,
            case,
            commit,
            summary,
            undoable,
            notices: Vec::new(),
        })
    }

    /// A doubt a person may overrule; a refusal is an error.
    fn doubt(&self, case_id: &str, event: &Event, force: bool) -> Result<Option<String>> {
        let Some(cl) = &self.caseload else {
            return Ok(None);
        };
        let case = load::load_case(&self.repo.root, case_id)?.map_err(StoreError::Broken)?;
        let Some(protocol) = cl.library.protocols.get(&case.protocol) else {
            return Ok(None);
        };
        let cal = cl.calendars.for_case(&case, Some(protocol));
        let hours = protocol.lesson_hours(case.level);
        let doubts = plausible::check(event, &case, cal, hours, self.today);
        match plausible::blocking(&doubts, force) {
            Some(d) if !d.forcible() => Err(StoreError::User(crate::i18n::doubt(d))),
            Some(d) => Ok(Some(crate::i18n::doubt(d))),
            None => Ok(None),
        }
    }

    fn evaluate(&self, case: &Case) -> CaseCheck {
        match &self.caseload {
            Some(cl) => cl.evaluate(case, self.today),
            None => Err(crate::domain::caseload::Unchecked::UnknownProtocol(
                case.protocol.clone(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates;
    use crate::domain::event::Event;

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
