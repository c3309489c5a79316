//! Retention in a case repository: the rules (`retention.toml`, the
//! repository's own, else the built-in one), the approved destruction
//! lists, and `destroy`: a tombstone commit, the rewrite of every commit
//! (see [`rewrite`]), the removal of the old objects (see [`purge`]). Sync
//! carries a destruction to every clone (see [`remote`]).

pub mod destroy;
pub mod files;
pub mod purge;
pub mod remote;
pub mod rewrite;

use super::git::Change;
use super::{CaseRepo, Result, StoreError, atomic, embedded, txn};
use crate::domain::case::Case;
use crate::domain::retention::{self, DueItem, RetentionError, RetentionRules};
use crate::i18n::t;
use chrono::NaiveDate;
use files::{LISTS_DIR, ListFile, ListItem};
use std::path::Path;

/// The rules of the repository at `root` (built in when it has none).
pub fn rules(root: &Path) -> Result<RetentionRules> {
    let path = root.join(retention::FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => embedded::RETENTION.to_string(),
        Err(e) => return Err(StoreError::io(&path)(e)),
    };
    RetentionRules::parse(retention::FILE, &text).map_err(StoreError::Broken)
}

/// Everything due on or before `until` among `cases`.
pub fn due(
    rules: &RetentionRules,
    cases: &[Case],
    until: NaiveDate,
) -> (Vec<DueItem>, Vec<RetentionError>) {
    let refs: Vec<&Case> = cases.iter().collect();
    retention::due_list(rules, &refs, until)
}

/// The path of a list in the repository; the name must be a plain id.
pub fn list_path(list: &str) -> Result<String> {
    if !crate::domain::ids::is_valid(list) {
        return Err(StoreError::User(format!(
            "`{list}`: {}",
            t(
                "een lijstnaam bestaat uit a-z, 0-9 en -",
                "a list name uses only a-z, 0-9 and -"
            )
        )));
    }
    Ok(format!("{LISTS_DIR}/{list}.toml"))
}

impl CaseRepo {
    /// Records the approval of the list of everything due on or before
    /// `until` as `retention/lists/<list>.toml`: one commit, ids and rule
    /// ids only. The approver is the commit's author.
    pub fn approve_list(&self, list: &str, until: NaiveDate, today: NaiveDate) -> Result<ListFile> {
        let rel = list_path(list)?;
        let s = self.begin(&[&rel])?;
        if self.root.join(&rel).exists() {
            return Err(StoreError::User(format!(
                "{rel}: {}",
                t(
                    "deze lijst bestaat al; kies een andere naam",
                    "this list exists already; choose another name"
                )
            )));
        }
        let loaded = super::load::load(&self.root)?;
        let rules = rules(&self.root)?;
        let (items, _) = due(&rules, &loaded.caseload.cases, until);
        let file = ListFile {
            list: list.to_string(),
            until,
            approved: today,
            approved_by: s.author.email().unwrap_or("").to_string(),
            items: items
                .iter()
                .map(|i| ListItem {
                    case: i.case.clone(),
                    event: i.event.clone(),
                    rule: i.due.rule.clone(),
                    date: i.due.date,
                })
                .collect(),
        };
        let text = files::render(
            "verzuim destruction list, approved (ids and rule ids only)",
            &file,
        );
        atomic::create_private_dir(&self.root.join(LISTS_DIR))?;
        let cases = file.items.iter().filter(|i| i.event.is_none()).count();
        let message = format!(
            "retention: list {list} approved ({cases} cases, {} events, until {})",
            file.items.len() - cases,
            until.format("%Y-%m-%d")
        );
        let change = Change {
            path: &rel,
            content: Some(text.as_bytes()),
        };
        let done = txn::apply(&s.git, &self.root, &[change], &message, &s.author)?;
        for w in &done.warnings {
            self.notice(w);
        }
        Ok(file)
    }

    /// An approved list: committed as it is on disk.
    pub fn approved_list(&self, list: &str) -> Result<ListFile> {
        let rel = list_path(list)?;
        let path = self.root.join(&rel);
        let text = std::fs::read_to_string(&path).map_err(|_| {
            StoreError::User(format!(
                "{rel}: {} (`verzuim retention approve {list}`)",
                t("geen goedgekeurde lijst", "no approved list")
            ))
        })?;
        let git = self.git()?;
        let committed = git
            .head()
            .and_then(|h| h.peel_to_tree())
            .ok()
            .and_then(|tree| tree.get_path(Path::new(&rel)).ok())
            .and_then(|e| git.find_blob(e.id()).ok())
            .is_some_and(|b| b.content() == text.as_bytes());
        if !committed {
            return Err(StoreError::User(format!(
                "{rel}: {}",
                t(
                    "niet goedgekeurd: de lijst wijkt af van wat `retention approve` vastlegde",
                    "not approved: the list differs from what `retention approve` committed"
                )
            )));
        }
        files::parse_list(&rel, &text).map_err(StoreError::Broken)
    }
}
