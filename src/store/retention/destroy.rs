//! `retention destroy LIST`: only what an approved list names and is still
//! due today; a tombstone commit, then the rewrite of every commit, then
//! the old objects removed and checked gone.

use super::files::{self, DESTROYED, Destroyed, PURGES, Purge, Purges, Target, Tombstone};
use super::{purge, remote, rewrite};
use crate::domain::retention::RetentionRules;
use crate::store::git::Change;
use crate::store::load::{self, CASES_DIR};
use crate::store::repo::Session;
use crate::store::{CaseRepo, Result, StoreError, atomic, txn};
use chrono::NaiveDate;
use std::path::Path;

/// What a destruction did, for the front end to word.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Destruction {
    pub list: String,
    /// (case id, event id when only an event, rule id).
    pub destroyed: Vec<(String, Option<String>, String)>,
    /// (case id, event id, why it was left).
    pub skipped: Vec<(String, Option<String>, Skip)>,
    pub commits_rewritten: usize,
    pub verified: purge::Verified,
    /// Remotes (name, url) that still hold the old objects.
    pub remotes: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// Not in the repository (destroyed before, or never here).
    Gone,
    /// The rules give a later date today (the case changed since).
    NotDue,
    /// The case file does not parse.
    Broken,
}

impl CaseRepo {
    /// Destroys what the approved list `list` names and is due on `today`.
    pub fn destroy_list(&self, list: &str, today: NaiveDate) -> Result<Destruction> {
        let approved = self.approved_list(list)?;
        let s = self.begin(&[])?;
        let rules = super::rules(&self.root)?;
        let mut out = Destruction {
            list: list.to_string(),
            ..Default::default()
        };
        let mut target = Target::default();
        for item in &approved.items {
            match still_due(&self.root, &rules, &item.case, item.event.as_deref(), today) {
                Ok(rule) => {
                    out.destroyed
                        .push((item.case.clone(), item.event.clone(), rule));
                    match &item.event {
                        None => {
                            target.cases.insert(item.case.clone());
                        }
                        Some(e) => {
                            target
                                .events
                                .entry(item.case.clone())
                                .or_default()
                                .insert(e.clone());
                        }
                    }
                }
                Err(why) => out
                    .skipped
                    .push((item.case.clone(), item.event.clone(), why)),
            }
        }
        // An event of a case destroyed whole needs no event entry.
        target.events.retain(|c, _| !target.cases.contains(c));
        if target.is_empty() {
            return Ok(out);
        }
        let purge_entry = Purge {
            list: list.to_string(),
            date: today,
            cases: target.cases.iter().cloned().collect(),
            events: target
                .events
                .iter()
                .flat_map(|(c, es)| es.iter().map(move |e| format!("{c}/{e}")))
                .collect(),
        };
        self.tombstone(&s, &out, &purge_entry, today)?;
        let (done, verified) = self.purge_history(&s, &target)?;
        out.commits_rewritten = done.commits.len();
        out.verified = verified;
        out.remotes = remote::remotes(&s.git);
        Ok(out)
    }

    /// The tombstone commit: case files removed, expired events cut out of
    /// their files, `destroyed.toml` and `purges.toml` extended.
    fn tombstone(&self, s: &Session, d: &Destruction, p: &Purge, today: NaiveDate) -> Result<()> {
        let mut tomb: Destroyed = read_file(&self.root, DESTROYED)?;
        let mut purges: Purges = read_file(&self.root, PURGES)?;
        let mut texts: Vec<(String, Option<Vec<u8>>)> = Vec::new();
        for (case, event, rule) in &d.destroyed {
            tomb.destroyed.push(Tombstone {
                id: case.clone(),
                event: event.clone(),
                rule: rule.clone(),
                list: d.list.clone(),
                date: today,
            });
        }
        for case in &p.cases {
            texts.push((format!("{CASES_DIR}/{case}.toml"), None));
            let conflict = crate::store::conflicts::rel_path(case);
            if self.root.join(&conflict).exists() {
                texts.push((conflict, None));
            }
        }
        let mut target = Target::default();
        target.add(p);
        for (case, events) in &target.events {
            let rel = format!("{CASES_DIR}/{case}.toml");
            let text =
                std::fs::read_to_string(self.root.join(&rel)).map_err(StoreError::io(&rel))?;
            let mut doc: toml_edit::DocumentMut = text
                .parse()
                .map_err(|e: toml_edit::TomlError| StoreError::Repo(format!("{rel}: {e}")))?;
            if let Some(t) = doc.get_mut("events").and_then(|t| t.as_table_like_mut()) {
                for e in events {
                    t.remove(e);
                }
            }
            texts.push((rel, Some(doc.to_string().into_bytes())));
        }
        purges.purge.push(p.clone());
        let header =
            "verzuim: destroyed cases and events (ids, rule, list, date; no personal data)";
        texts.push((
            DESTROYED.into(),
            Some(files::render(header, &tomb).into_bytes()),
        ));
        let header = "verzuim: purges every clone applies to its history on sync (ids only)";
        texts.push((
            PURGES.into(),
            Some(files::render(header, &purges).into_bytes()),
        ));
        atomic::create_private_dir(&self.root.join("retention"))?;
        let changes: Vec<Change> = texts
            .iter()
            .map(|(p, c)| Change {
                path: p,
                content: c.as_deref(),
            })
            .collect();
        let message = format!(
            "retention: destroy list {} ({} cases, {} events)",
            d.list,
            p.cases.len(),
            p.events.len()
        );
        let done = txn::apply(&s.git, &self.root, &changes, &message, &s.author)?;
        for w in &done.warnings {
            self.notice(w);
        }
        Ok(())
    }

    /// Rewrites every ref without `target`, brings the working tree and
    /// index to the new HEAD, notes which remote branches must be
    /// overwritten, and removes the old objects. Returns the rewrite and
    /// what the check found.
    pub(crate) fn purge_history(
        &self,
        s: &Session,
        target: &Target,
    ) -> Result<(rewrite::Rewritten, purge::Verified)> {
        let done = rewrite::rewrite_all(&s.git, target)?;
        let mut co = git2::build::CheckoutBuilder::new();
        co.force().dir_perm(0o700).file_perm(0o600);
        s.git.checkout_head(Some(&mut co))?;
        for case in &target.cases {
            let path = load::case_path(&self.root, case);
            if path.exists() {
                std::fs::remove_file(&path).map_err(StoreError::io(&path))?;
            }
        }
        remote::note_leases(&s.git, &done)?;
        let verified = purge::prune(&self.root, &done)?;
        Ok((done, verified))
    }
}

/// The rule under which an item is due today, or why it is left.
fn still_due(
    root: &Path,
    rules: &RetentionRules,
    case: &str,
    event: Option<&str>,
    today: NaiveDate,
) -> std::result::Result<String, Skip> {
    if !crate::domain::ids::is_valid(case) || !load::case_path(root, case).is_file() {
        return Err(Skip::Gone);
    }
    let c = match load::load_case(root, case) {
        Ok(Ok(c)) => c,
        _ => return Err(Skip::Broken),
    };
    let r = rules.compute(&c).map_err(|_| Skip::NotDue)?;
    match event {
        None if r.case.date <= today => Ok(r.case.rule),
        None => Err(Skip::NotDue),
        Some(e) if !c.events.contains_key(e) => Err(Skip::Gone),
        Some(e) => r
            .events
            .into_iter()
            .find(|(id, d)| id == e && d.date <= today)
            .map(|(_, d)| d.rule)
            .ok_or(Skip::NotDue),
    }
}

/// A retention file of the working tree (absent: empty).
pub fn read_file<T: for<'de> serde::Deserialize<'de> + Default>(
    root: &Path,
    rel: &str,
) -> Result<T> {
    let text = match std::fs::read_to_string(root.join(rel)) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(StoreError::io(root.join(rel))(e)),
    };
    files::parse(rel, &text).map_err(StoreError::Broken)
}
