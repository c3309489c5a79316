//! A case repository on disk: creating it, finding cases by id prefix, and
//! every state change as write-then-commit under the repository lock.

use super::case_file::{self, CaseDoc};
use super::config::{self, RepoConfig};
use super::git::{self, Change};
use super::load::{self, CASES_DIR};
use super::lock::RepoLock;
use super::notices::Notices;
use super::recovery;
use super::{Result, StoreError};
use super::{atomic, gitlocks, perms, txn};
use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::ids;
use crate::i18n::t;
use git2::{Repository, Signature};
use std::path::{Path, PathBuf};
use std::time::Duration;

// Creating a case repository: a part of `CaseRepo`, in its own file.
#[path = "repo_init.rs"]
mod init;

/// How long a write waits for another verzuim process to finish.
const LOCK_WAIT: Duration = Duration::from_secs(10);

pub struct CaseRepo {
    pub root: PathBuf,
    /// Where notices go (recovery, waiting for the lock): the front end's
    /// writer for the command line, collected for the TUI so nothing
    /// prints over it (`store/notices.rs`).
    notices: Notices,
    /// Whether the next write skips the scan of every file for hand edits
    /// (it then checks the journal and its own files only). A command-line
    /// write never scans: a state change costs what it changes.
    scanned: std::sync::atomic::AtomicBool,
    /// The commit this handle's last write made: what an undo reverts
    /// (never "HEAD", which a colleague's sync may have moved since).
    last_commit: std::sync::Mutex<Option<git2::Oid>>,
    /// This session's unlocked key (issue 15), if the user gave one:
    /// what seals new confidential values on every write.
    keyring: std::sync::Mutex<Option<std::sync::Arc<super::keys::Keyring>>>,
}

/// A write in progress: the lock, the repository and the author.
pub struct Session {
    _lock: RepoLock,
    pub git: Repository,
    pub author: Signature<'static>,
    /// What start-up recovery did, for the front end to tell.
    pub recovered: recovery::Report,
}

impl CaseRepo {
    /// Opens an existing case repository.
    pub fn open(dir: &Path) -> Result<CaseRepo> {
        if !dir.join(config::FILE).is_file() || !dir.join(".git").exists() {
            return Err(StoreError::Repo(format!(
                "{}: {} `verzuim --dir {} init`",
                dir.display(),
                t(
                    "geen dossiermap; maak er een met",
                    "not a case repository; create one with"
                ),
                dir.display()
            )));
        }
        let repo = CaseRepo::at(dir.to_path_buf());
        repo.tighten_modes();
        Ok(repo)
    }

    /// Makes the repository owner-only (see [`perms::tighten_repo`]).
    fn tighten_modes(&self) {
        perms::tighten_repo(&self.root, &|n| self.notice(n));
    }

    /// A handle on a folder already known to be a case repository.
    pub fn at(root: PathBuf) -> CaseRepo {
        CaseRepo {
            root,
            notices: Notices::send(),
            scanned: std::sync::atomic::AtomicBool::new(true),
            last_commit: std::sync::Mutex::new(None),
            keyring: std::sync::Mutex::new(None),
        }
    }

    /// For the TUI: collects notices instead of printing them, and its
    /// first write commits hand edits anywhere (the TUI has read every
    /// file anyway, so the scan costs little there).
    pub fn quiet(mut self) -> Self {
        self.notices = Notices::collect();
        self.scanned = std::sync::atomic::AtomicBool::new(false);
        self
    }

    pub(super) fn notice(&self, text: &str) {
        self.notices.give(text);
    }

    /// Gives this handle the session's unlocked key.
    pub fn set_keyring(&self, keyring: std::sync::Arc<super::keys::Keyring>) {
        *self.keyring.lock().unwrap_or_else(|p| p.into_inner()) = Some(keyring);
    }

    /// The session's unlocked key, if any.
    pub fn keyring(&self) -> Option<std::sync::Arc<super::keys::Keyring>> {
        self.keyring
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// The id of the commit this handle's last write made.
    pub fn last_commit(&self) -> Option<String> {
        self.last_commit
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .map(|o| o.to_string())
    }

    fn set_last_commit(&self, oid: Option<git2::Oid>) {
        *self.last_commit.lock().unwrap_or_else(|p| p.into_inner()) = oid;
    }

    /// Notices collected since the last call (quiet mode).
    pub fn take_notices(&self) -> Vec<String> {
        self.notices.take()
    }

    pub fn git(&self) -> Result<Repository> {
        git::open(&self.root)
    }

    pub fn config(&self) -> Result<RepoConfig> {
        load::load_config(&self.root)
    }

    /// Takes the lock, clears what crashes left (git lock files no one
    /// holds, our temp files), checks git's state, undoes an interrupted
    /// write and commits hand edits: in `paths`, the files this write is
    /// about to change, or anywhere (the TUI's first write; no `paths`).
    pub fn begin(&self, paths: &[&str]) -> Result<Session> {
        // This write has written nothing yet: a disk or git error here (the
        // lock, an undo of an earlier interrupted write) changed nothing.
        self.start(paths).map_err(|e| match e {
            StoreError::Io { .. } | StoreError::Git(_) => super::txn::nothing_changed(e),
            e => e,
        })
    }

    fn start(&self, paths: &[&str]) -> Result<Session> {
        let git = self.git()?;
        let lock = RepoLock::acquire(git.path(), LOCK_WAIT, &|n| self.notice(n))?;
        for l in gitlocks::remove_stale(git.path()) {
            self.notice(&format!(
                "{}: .git/{l}",
                t(
                    "achtergebleven git-slot verwijderd (geen proces hield het vast)",
                    "removed a left-over git lock (no process held it)"
                )
            ));
        }
        for dir in [git.path().to_path_buf(), git.path().join("objects")] {
            atomic::remove_stale_temps(&dir, atomic::TEMP_PREFIX, false);
        }
        super::gittemps::remove_old(git.path(), std::time::SystemTime::now());
        recovery::check_state(&git)?;
        let config = self.config()?;
        let author = git::signature(&git, config.author.as_ref())?;
        // A write that cannot name its files up front (sync, undo) reads
        // everything anyway: it commits hand edits anywhere first.
        let first = !self.scanned.swap(true, std::sync::atomic::Ordering::SeqCst);
        let full = first || paths.is_empty();
        if full {
            atomic::remove_stale_temps(&self.root.join(CASES_DIR), atomic::TEMP_PREFIX, true);
        }
        let recovered = recovery::recover(&git, &self.root, &author, full, paths)?;
        for n in recovered.notices() {
            self.notice(&n);
        }
        Ok(Session {
            _lock: lock,
            git,
            author,
            recovered,
        })
    }

    /// All case ids, from the file names (no parsing).
    pub fn case_ids(&self) -> Result<Vec<String>> {
        Ok(load::toml_files(&self.root.join(CASES_DIR))?
            .iter()
            .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect())
    }

    /// The one case whose id is `prefix` or starts with it.
    pub fn resolve_case(&self, prefix: &str) -> Result<String> {
        if prefix.trim().is_empty() {
            return Err(StoreError::User(t("lege case-id", "empty case id").into()));
        }
        // An exact id needs no listing of 10,000 file names.
        if ids::is_valid(prefix) && load::case_path(&self.root, prefix).is_file() {
            return Ok(prefix.to_string());
        }
        let ids = self.case_ids()?;
        let matches: Vec<&String> = ids.iter().filter(|id| id.starts_with(prefix)).collect();
        match matches.as_slice() {
            [one] => Ok(one.to_string()),
            [] => Err(StoreError::User(format!(
                "{} `{prefix}`",
                t("onbekend dossier", "unknown case")
            ))),
            many => Err(StoreError::User(format!(
                "`{prefix}` {} {} {}",
                t("past op", "matches"),
                many.len(),
                t("dossiers; typ meer tekens", "cases; type more characters")
            ))),
        }
    }

    /// Writes a new case file and commits it; returns the case id.
    pub fn create_case(&self, case: &Case) -> Result<()> {
        let rel = format!("{CASES_DIR}/{}.toml", case.id);
        let s = self.begin(&[&rel])?;
        let path = load::case_path(&self.root, &case.id);
        if path.symlink_metadata().is_ok() {
            return Err(StoreError::Repo(format!(
                "{rel}: {}",
                t("bestaat al", "already exists")
            )));
        }
        let text = case_file::render_new(case);
        self.write_and_commit(
            &s,
            &case.id,
            &text,
            &format!(
                "case {}: new case ({}, {})",
                case.id, case.level, case.protocol
            ),
        )
    }

    /// Applies an edit to a case file and commits it. The case must parse:
    /// a broken file is never overwritten.
    pub fn modify_case<T>(
        &self,
        id: &str,
        edit: impl FnOnce(&Case, &mut CaseDoc) -> Result<(T, String)>,
    ) -> Result<T> {
        let rel = format!("{CASES_DIR}/{id}.toml");
        let s = self.begin(&[&rel])?;
        let path = load::case_path(&self.root, id);
        let text = load::read_text(&self.root, &path).map_err(StoreError::Broken)?;
        let case = case_file::parse(&rel, id, &text).map_err(|e| {
            StoreError::Repo(format!(
                "{e} ({})",
                t(
                    "herstel het bestand eerst; er is niets geschreven",
                    "fix the file first; nothing was written"
                )
            ))
        })?;
        let mut doc = CaseDoc::parse(&text).map_err(StoreError::Repo)?;
        let (out, message) = edit(&case, &mut doc)?;
        // Confidential values are sealed before any file is written.
        super::sealing::seal_doc(&self.root, self.keyring().as_deref(), &rel, &case, &mut doc)?;
        let new_text = doc.to_string();
        self.write_and_commit(&s, id, &new_text, &message)?;
        Ok(out)
    }

    /// Appends an event; returns its id.
    pub fn add_event(&self, case_id: &str, event: &Event, what: &str) -> Result<String> {
        let event_id = super::ids::fresh();
        self.modify_case(case_id, |_, doc| {
            doc.add_event(&event_id, event);
            // A handover is its event and the case's new owner, in one
            // commit, so every owner filter shows it at once.
            if event.kind == crate::domain::workflow::HANDOVER && event.owner.is_some() {
                doc.set_str("owner", event.owner.as_deref());
            }
            Ok((
                event_id.clone(),
                format!("case {case_id}: {what} (event {event_id})"),
            ))
        })
    }

    fn write_and_commit(&self, s: &Session, id: &str, text: &str, message: &str) -> Result<()> {
        // Never write what we could not read back.
        let rel = format!("{CASES_DIR}/{id}.toml");
        case_file::parse(&rel, id, text).map_err(|e| StoreError::Repo(format!("internal: {e}")))?;
        let change = Change {
            path: &rel,
            content: Some(text.as_bytes()),
        };
        self.commit(s, &[change], message)
    }

    /// Writes and commits `changes` all or nothing (see [`txn`]); steps
    /// after the commit that fail are told as warnings. The commit made is
    /// remembered, so undo reverts exactly it, never "HEAD".
    pub(super) fn commit(&self, s: &Session, changes: &[Change], message: &str) -> Result<()> {
        self.set_last_commit(None);
        let done = txn::apply(&s.git, &self.root, changes, message, &s.author)?;
        self.set_last_commit(Some(done.commit));
        for w in &done.warnings {
            self.notice(&format!("{}: {w}", t("let op", "warning")));
        }
        Ok(())
    }

    /// Reverts a commit (an undo that keeps the history): one new commit.
    pub fn revert(&self, commit_id: &str, summary: &str) -> Result<()> {
        let s = self.begin(&[])?;
        let changes = git::revert_changes(&s.git, commit_id)?;
        let paths: Vec<&str> = changes.iter().map(|(p, _)| p.as_str()).collect();
        // Files changed by hand since are committed first, never reverted over.
        let report = recovery::recover(&s.git, &self.root, &s.author, false, &paths)?;
        if let Some(problem) = report.problems.first() {
            return Err(StoreError::Repo(format!(
                "{problem}; {}",
                t("er is niets ongedaan gemaakt", "nothing was undone")
            )));
        }
        let changes = git::revert_changes(&s.git, commit_id)?;
        let list: Vec<Change> = changes
            .iter()
            .map(|(p, c)| Change {
                path: p,
                content: c.as_deref(),
            })
            .collect();
        let short = &commit_id[..commit_id.len().min(10)];
        self.commit(&s, &list, &format!("undo {short}: {summary}"))
    }
}
