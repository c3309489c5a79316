//! Resolving a sync conflict in a case: the chosen side and the updated
//! merge record in one commit.

use super::case_file::{self, CaseDoc};
use super::git::Change;
use super::load::{self, CASES_DIR};
use super::repo::CaseRepo;
use super::{Result, StoreError};
use crate::i18n::t;

impl CaseRepo {
    /// Resolves one sync conflict: keeps the local value or takes the remote
    /// one; the case and its merge record change in one commit.
    pub fn resolve_conflict(&self, case_id: &str, field: &str, take_remote: bool) -> Result<()> {
        self.resolve_conflict_with(case_id, field, usize::from(take_remote))
    }

    /// As [`Self::resolve_conflict`], choosing any value shown: 0 keeps
    /// local, 1 takes `remote`, 2 and up `remote-2`, ... (a third side).
    pub fn resolve_conflict_with(&self, case_id: &str, field: &str, choice: usize) -> Result<()> {
        let take_remote = choice > 0;
        let rel = format!("{CASES_DIR}/{case_id}.toml");
        let record = super::conflicts::rel_path(case_id);
        let s = self.begin(&[&rel, &record])?;
        let mut open = super::conflicts::read(&self.root, case_id)?;
        let Some(i) = open.iter().position(|c| c.field == field) else {
            let fields: Vec<&str> = open.iter().map(|c| c.field.as_str()).collect();
            return Err(StoreError::User(format!(
                "{} `{field}` ({})",
                t("geen conflict in veld", "no conflict in field"),
                fields.join(", ")
            )));
        };
        let mut conflict = open.remove(i);
        let values = conflict.remote_values();
        let Some(chosen) = values.get(choice.saturating_sub(1)) else {
            return Err(StoreError::User(format!(
                "{} {}",
                t(
                    "kies local, remote of remote-2 t/m remote-",
                    "choose local, remote or remote-2 to remote-"
                ),
                values.len()
            )));
        };
        conflict.remote = chosen.clone();
        let path = load::case_path(&self.root, case_id);
        let text = load::read_text(&self.root, &path).map_err(StoreError::Broken)?;
        let current = case_file::parse(&rel, case_id, &text).map_err(StoreError::Broken)?;
        let mut doc = CaseDoc::parse(&text).map_err(StoreError::Repo)?;
        if take_remote {
            let mut chosen = current.clone();
            crate::domain::merge::take_remote(&mut chosen, &conflict)
                .map_err(|e| StoreError::Repo(format!("{}: {}", e.field, e.detail)))?;
            doc.apply(&current, &chosen).map_err(StoreError::Repo)?;
        }
        let new_text = doc.to_string();
        case_file::parse(&rel, case_id, &new_text)
            .map_err(|e| StoreError::Repo(format!("internal: {e}")))?;
        let record_text = super::conflicts::render(case_id, &open);
        let changes = [
            Change {
                path: &rel,
                content: Some(new_text.as_bytes()),
            },
            Change {
                path: &record,
                content: record_text.as_deref().map(str::as_bytes),
            },
        ];
        let which = match choice {
            0 => "local".to_string(),
            1 => "remote".to_string(),
            n => format!("remote-{n}"),
        };
        let message = format!("case {case_id}: resolve conflict in {field} ({which})");
        self.commit(&s, &changes, &message)
    }
}
