//! The worker's reading: the whole caseload at start (and after an outside
//! change), one changed case re-read and re-evaluated after a write, and a
//! case's history and diffs.

use super::Worker;
use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, Caseload};
use crate::store::load::{self, CASES_DIR};
use crate::store::{Result, StoreError, git};
use crate::tui::msg::{Msg, ProtocolInfo, Snapshot};

impl Worker {
    /// Every case read and evaluated, for the first frame or a reload.
    pub(super) fn load(&mut self) -> Result<Msg> {
        let (loaded, checks) = load::load_evaluated(&self.repo.root, self.today)?;
        let cl = loaded.caseload;
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
    pub(super) fn changed(&self, case_id: String, summary: String, undoable: bool) -> Result<Msg> {
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

    pub(super) fn evaluate(&self, case: &Case) -> CaseCheck {
        match &self.caseload {
            Some(cl) => cl.evaluate(case, self.today),
            None => Err(crate::domain::caseload::Unchecked::UnknownProtocol(
                case.protocol.clone(),
            )),
        }
    }

    /// The commits that changed a case file, newest first.
    pub(super) fn history(&self, case_id: String) -> Result<Msg> {
        let path = format!("{CASES_DIR}/{case_id}.toml");
        let entries = git::file_history(&self.repo.git()?, &path, 500)?;
        Ok(Msg::History { case_id, entries })
    }

    /// What one commit changed in a case file.
    pub(super) fn diff(&self, commit: String, case_id: &str) -> Result<Msg> {
        let path = format!("{CASES_DIR}/{case_id}.toml");
        let text = git::commit_diff(&self.repo.git()?, &commit, Some(&path))?;
        Ok(Msg::Diff { commit, text })
    }
}
