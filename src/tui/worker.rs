//! The worker thread: runs effects (disk and git) off the UI thread and
//! sends the results back as messages, like gitui's asyncgit. After a
//! change it re-reads and re-evaluates only the changed case.

use super::msg::{Effect, Msg, ProtocolInfo, Snapshot};
use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, Caseload};
use crate::domain::event::Event;
use crate::domain::plausible;
use crate::i18n::{count, t};
use crate::store::load::{self, CASES_DIR};
use crate::store::{CaseRepo, Result, StoreError, git};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, SystemTime};

/// How often the worker looks for changes made outside this TUI.
const WATCH_EVERY: Duration = Duration::from_millis(400);

/// What moves when anyone commits or syncs: HEAD, the branch it points
/// to, and the index. Modification times and contents, read cheaply.
struct Watch {
    git_dir: PathBuf,
    last: Vec<(Option<SystemTime>, Vec<u8>)>,
}

impl Watch {
    fn new(root: &std::path::Path) -> Watch {
        let mut w = Watch {
            git_dir: root.join(".git"),
            last: Vec::new(),
        };
        w.last = w.state();
        w
    }

    fn state(&self) -> Vec<(Option<SystemTime>, Vec<u8>)> {
        let head = std::fs::read(self.git_dir.join("HEAD")).unwrap_or_default();
        let branch = String::from_utf8_lossy(&head)
            .strip_prefix("ref: ")
            .map(|r| self.git_dir.join(r.trim()));
        let read = |p: &std::path::Path, content: bool| {
            let mtime = std::fs::metadata(p).and_then(|m| m.modified()).ok();
            let bytes = if content {
                std::fs::read(p).unwrap_or_default()
            } else {
                Vec::new()
            };
            (mtime, bytes)
        };
        let mut out = vec![
            (None, head.clone()),
            read(&self.git_dir.join("index"), false),
            read(&self.git_dir.join("packed-refs"), false),
        ];
        if let Some(b) = branch {
            out.push(read(&b, true));
        }
        out
    }

    /// Whether anything moved since the last call.
    fn changed(&mut self) -> bool {
        let now = self.state();
        let moved = now != self.last;
        self.last = now;
        moved
    }
}

struct Worker {
    repo: CaseRepo,
    today: NaiveDate,
    caseload: Option<Caseload>,
    out: Sender<Msg>,
}

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
    std::thread::spawn(move || {
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
            let mut msg = w.run(effect).unwrap_or_else(|e| Msg::Failed(e.to_string()));
            let notices = w.repo.take_notices();
            if let Msg::Changed { notices: n, .. } = &mut msg {
                *n = notices;
            }
            // Our own commits are not outside changes.
            watch.changed();
            if w.out.send(msg).is_err() {
                break;
            }
        }
    });
    tx
}

impl Worker {
    fn run(&mut self, effect: Effect) -> Result<Msg> {
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
            Effect::CreateCase { case } => {
                self.repo.create_case(&case)?;
                self.changed(case.id.clone(), "new case".into(), true)
            }
            Effect::EditCase {
                case_id,
                changes,
                summary,
            } => {
                self.repo.modify_case(&case_id, |_, doc| {
                    for (key, value) in &changes {
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
            Effect::Sync => {
                let r = self.repo.sync(None, None)?;
                let text = format!(
                    "{} {}: {} {}, {} {}, {} {}{}",
                    t("gesynchroniseerd met", "synced with"),
                    r.remote,
                    count(r.cases_in, ("dossier", "dossiers"), ("case", "cases")),
                    t("binnen", "in"),
                    count(
                        r.events_in,
                        ("gebeurtenis", "gebeurtenissen"),
                        ("event", "events")
                    ),
                    t("binnen", "in"),
                    count(r.commits_out, ("commit", "commits"), ("commit", "commits")),
                    t("verstuurd", "out"),
                    if r.conflicts > 0 {
                        format!(
                            "; {}: {}",
                            count(
                                r.conflicts,
                                ("conflict", "conflicten"),
                                ("conflict", "conflicts")
                            ),
                            t("zie het dossier", "see the case")
                        )
                    } else {
                        String::new()
                    }
                );
                let _ = self.out.send(Msg::Synced(text));
                self.load()
            }
            Effect::Resolve {
                case_id,
                field,
                take_remote,
            } => {
                self.repo.resolve_conflict(&case_id, &field, take_remote)?;
                let which = if take_remote {
                    t("waarde van de andere kant genomen", "remote value taken")
                } else {
                    t("eigen waarde gehouden", "local value kept")
                };
                let _ = self.out.send(Msg::Synced(format!(
                    "{} {field}: {which}",
                    t("conflict opgelost in", "conflict resolved in")
                )));
                self.load()
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
        let broken = loaded
            .broken_protocols
            .iter()
            .chain(&loaded.broken_cases)
            .map(|e| e.to_string())
            .collect();
        let conflicts = crate::store::conflicts::read_all(&self.repo.root)?;
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
}
