//! A case repository on disk: creating it, finding cases by id prefix, and
//! every state change as write-then-commit under the repository lock.

use super::atomic;
use super::case_file::{self, CaseDoc};
use super::config::{self, RepoConfig};
use super::embedded;
use super::git::{self, Change};
use super::load::{self, CALENDAR_DIR, CASES_DIR, PROTOCOLS_DIR};
use super::lock::RepoLock;
use super::recovery;
use super::{Result, StoreError};
use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::ids;
use crate::i18n::t;
use git2::{Repository, Signature};
use std::path::{Path, PathBuf};
use std::time::Duration;

const GITIGNORE: &str = "# temp files of interrupted atomic writes\n.tmp-*\n";
/// How long a write waits for another verzuim process to finish.
const LOCK_WAIT: Duration = Duration::from_secs(10);

pub struct CaseRepo {
    pub root: PathBuf,
    /// Where notices go (recovery, waiting for the lock): stderr for the
    /// command line, collected for the TUI so nothing prints over it.
    notices: Option<std::sync::Mutex<Vec<String>>>,
    /// Whether this process has scanned the whole repository for uncommitted
    /// changes yet; later writes only check the journal and their own file.
    scanned: std::sync::atomic::AtomicBool,
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
                "{}: {} (`verzuim --dir {} init`)",
                dir.display(),
                t(
                    "geen dossiermap; maak er een met",
                    "not a case repository; create one with"
                ),
                dir.display()
            )));
        }
        Ok(CaseRepo::at(dir.to_path_buf()))
    }

    /// Creates a case repository with the built-in protocols and calendars.
    pub fn init(dir: &Path) -> Result<CaseRepo> {
        CaseRepo::init_as(dir, None)
    }

    /// The same, with `author` recorded as `[author]` in verzuim.toml. The
    /// author is known before anything is created: without one, nothing is.
    pub fn init_as(dir: &Path, author: Option<&config::Author>) -> Result<CaseRepo> {
        if dir.join(config::FILE).exists() {
            return Err(StoreError::User(format!(
                "{}: {}",
                dir.display(),
                t("is al een dossiermap", "is already a case repository")
            )));
        }
        let git_config = match Repository::open(dir) {
            Ok(r) => r.config()?,
            Err(_) => git2::Config::open_default()?,
        };
        let author_sig = git::identity(&git_config, author)?;
        atomic::create_private_dir(dir)?;
        let repo = match Repository::open(dir) {
            Ok(r) => r,
            Err(_) => git::init(dir)?,
        };
        let author_text = author.map(config::author_text);
        let settings = match &author_text {
            Some(a) => format!("{}{a}", config::DEFAULT_TEXT),
            None => config::DEFAULT_TEXT.to_string(),
        };
        let author = author_sig;
        let mut files: Vec<(String, &str)> = vec![
            (config::FILE.into(), settings.as_str()),
            (".gitignore".into(), GITIGNORE),
        ];
        files.extend(
            embedded::PROTOCOLS
                .iter()
                .map(|(n, text)| (format!("{PROTOCOLS_DIR}/{n}"), *text)),
        );
        files.extend(
            embedded::CALENDARS
                .iter()
                .map(|(n, text)| (format!("{CALENDAR_DIR}/{n}"), *text)),
        );
        files.extend(
            embedded::REPORTS
                .iter()
                .map(|(n, text)| (format!("{}/{n}", super::reports::DIR), *text)),
        );
        for d in [CASES_DIR, PROTOCOLS_DIR, CALENDAR_DIR, super::reports::DIR] {
            atomic::create_private_dir(&dir.join(d))?;
        }
        for (path, text) in &files {
            atomic::write(&dir.join(path), text.as_bytes())?;
        }
        let changes: Vec<Change> = files
            .iter()
            .map(|(p, text)| Change {
                path: p,
                content: Some(text.as_bytes()),
            })
            .collect();
        git::commit(
            &repo,
            &changes,
            "init: case repository with protocols, school calendars and report definitions",
            &author,
        )?;
        Ok(CaseRepo::at(dir.to_path_buf()))
    }

    /// A handle on a folder already known to be a case repository.
    pub fn at(root: PathBuf) -> CaseRepo {
        CaseRepo {
            root,
            notices: None,
            scanned: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Collects notices instead of printing them (for the TUI).
    pub fn quiet(mut self) -> Self {
        self.notices = Some(std::sync::Mutex::new(Vec::new()));
        self
    }

    pub(super) fn notice(&self, text: &str) {
        match &self.notices {
            Some(m) => m
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(text.to_string()),
            None => eprintln!("{text}"),
        }
    }

    /// Notices collected since the last call (quiet mode).
    pub fn take_notices(&self) -> Vec<String> {
        self.notices
            .as_ref()
            .map(|m| std::mem::take(&mut *m.lock().unwrap_or_else(|p| p.into_inner())))
            .unwrap_or_default()
    }

    pub fn git(&self) -> Result<Repository> {
        Ok(Repository::open(&self.root)?)
    }

    pub fn config(&self) -> Result<RepoConfig> {
        load::load_config(&self.root)
    }

    /// Takes the lock, checks git's state and recovers uncommitted changes:
    /// the first time in a process all of them (a crash or a hand edit since
    /// the last run), afterwards those in the journal and in `paths`, the
    /// files this write is about to change.
    pub fn begin(&self, paths: &[&str]) -> Result<Session> {
        let git = self.git()?;
        let lock = RepoLock::acquire(git.path(), LOCK_WAIT, &|n| self.notice(n))?;
        recovery::check_state(&git)?;
        let config = self.config()?;
        let author = git::signature(&git, config.author.as_ref())?;
        let full = !self.scanned.swap(true, std::sync::atomic::Ordering::SeqCst);
        let recovered = recovery::recover(&git, &self.root, &author, full, paths)?;
        for p in &recovered.problems {
            self.notice(&format!("{}: {p}", t("let op", "warning")));
        }
        if !recovered.committed.is_empty() {
            let files = recovered.committed.join(", ");
            self.notice(&format!(
                "{}: {files}",
                t("hersteld en vastgelegd", "recovered and committed")
            ));
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
        let ids = self.case_ids()?;
        if ids.iter().any(|id| id == prefix) {
            return Ok(prefix.to_string());
        }
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
        if path.exists() {
            return Err(StoreError::Repo(format!(
                "{}: {}",
                path.display(),
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
        let text = std::fs::read_to_string(&path).map_err(StoreError::io(&path))?;
        let rel = load::rel(&self.root, &path);
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
        let new_text = doc.to_string();
        self.write_and_commit(&s, id, &new_text, &message)?;
        Ok(out)
    }

    /// Appends an event; returns its id.
    pub fn add_event(&self, case_id: &str, event: &Event, what: &str) -> Result<String> {
        let event_id = ids::new_id();
        self.modify_case(case_id, |_, doc| {
            doc.add_event(&event_id, event);
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
        recovery::journal_begin(&s.git, &[&rel])?;
        atomic::write(&load::case_path(&self.root, id), text.as_bytes())?;
        let change = Change {
            path: &rel,
            content: Some(text.as_bytes()),
        };
        match git::commit(&s.git, &[change], message, &s.author) {
            // Committed; only `git status` lags until the lock is gone.
            Err(StoreError::IndexLocked(warning)) => self.notice(&warning),
            other => {
                other?;
            }
        }
        recovery::journal_end(&s.git)
    }

    /// Resolves one sync conflict: keeps the local value or takes the remote
    /// one; the case and its merge record change in one commit.
    pub fn resolve_conflict(&self, case_id: &str, field: &str, take_remote: bool) -> Result<()> {
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
        let conflict = open.remove(i);
        let path = load::case_path(&self.root, case_id);
        let text = std::fs::read_to_string(&path).map_err(StoreError::io(&path))?;
        let current = case_file::parse(&rel, case_id, &text).map_err(StoreError::Broken)?;
        let mut doc = CaseDoc::parse(&text).map_err(StoreError::Repo)?;
        if take_remote {
            let mut chosen = current.clone();
            crate::domain::merge::take_remote(&mut chosen, &conflict).map_err(StoreError::Repo)?;
            doc.apply(&current, &chosen).map_err(StoreError::Repo)?;
        }
        let new_text = doc.to_string();
        case_file::parse(&rel, case_id, &new_text)
            .map_err(|e| StoreError::Repo(format!("internal: {e}")))?;
        let record_text = super::conflicts::render(case_id, &open);
        recovery::journal_begin(&s.git, &[&rel, &record])?;
        atomic::write(&path, new_text.as_bytes())?;
        let record_path = super::conflicts::path(&self.root, case_id);
        match &record_text {
            Some(t) => atomic::write(&record_path, t.as_bytes())?,
            None => std::fs::remove_file(&record_path).map_err(StoreError::io(&record_path))?,
        }
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
        let which = if take_remote { "remote" } else { "local" };
        git::commit(
            &s.git,
            &changes,
            &format!("case {case_id}: resolve conflict in {field} ({which})"),
            &s.author,
        )?;
        recovery::journal_end(&s.git)
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
        let paths: Vec<&str> = changes.iter().map(|(p, _)| p.as_str()).collect();
        recovery::journal_begin(&s.git, &paths)?;
        for (path, content) in &changes {
            let full = self.root.join(path);
            match content {
                Some(bytes) => atomic::write(&full, bytes)?,
                None => std::fs::remove_file(&full).map_err(StoreError::io(&full))?,
            }
        }
        let list: Vec<Change> = changes
            .iter()
            .map(|(p, c)| Change {
                path: p,
                content: c.as_deref(),
            })
            .collect();
        let short = &commit_id[..commit_id.len().min(10)];
        git::commit(
            &s.git,
            &list,
            &format!("undo {short}: {summary}"),
            &s.author,
        )?;
        Ok(())
    }
}
