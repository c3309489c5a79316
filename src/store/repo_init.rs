//! Creating a case repository: settings, the built-in protocols,
//! calendars, import mappings, report definitions and letter templates,
//! written and committed as the first commit.

use super::CaseRepo;
use crate::i18n::t;
use crate::store::git::{self, Change};
use crate::store::load::{CALENDAR_DIR, CASES_DIR, PROTOCOLS_DIR};
use crate::store::{Result, StoreError, atomic, config, embedded};
use git2::Repository;
use std::path::Path;

const GITIGNORE: &str = "# temp files of interrupted atomic writes\n.tmp-*\n# reports written from the TUI: may name pupils, never committed or synced\n/exports/\n";

impl CaseRepo {
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
        git::durable();
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
        let files = first_files(&settings);
        for d in [
            CASES_DIR,
            PROTOCOLS_DIR,
            CALENDAR_DIR,
            crate::store::import::IMPORTS_DIR,
            crate::store::reports::DIR,
            crate::domain::letter::DIR,
        ] {
            atomic::create_private_dir(&dir.join(d))?;
        }
        for (path, text) in &files {
            atomic::write(&dir.join(path), text.as_bytes())?;
        }
        let changes = Change::writes(&files);
        git::commit(
            &repo,
            &changes,
            "init: case repository with protocols, school calendars, import mappings and report definitions",
            &author,
        )?;
        let repo = CaseRepo::at(dir.to_path_buf());
        repo.tighten_modes();
        Ok(repo)
    }
}

/// The files of a new repository: settings (`verzuim.toml`), then every
/// built-in protocol, calendar, import mapping, report definition and
/// letter template, by path.
fn first_files(settings: &str) -> Vec<(String, &str)> {
    let mut files: Vec<(String, &str)> = vec![
        (config::FILE.into(), settings),
        (".gitignore".into(), GITIGNORE),
        // Git keeps no empty folder; every clone needs `cases/`.
        (format!("{CASES_DIR}/.gitkeep"), ""),
        (crate::domain::retention::FILE.into(), embedded::RETENTION),
    ];
    let built_in: [(&str, &[(&str, &'static str)]); 5] = [
        (PROTOCOLS_DIR, embedded::PROTOCOLS),
        (CALENDAR_DIR, embedded::CALENDARS),
        (crate::store::import::IMPORTS_DIR, embedded::IMPORTS),
        (crate::store::reports::DIR, embedded::REPORTS),
        (crate::domain::letter::DIR, embedded::TEMPLATES),
    ];
    for (dir, embedded) in built_in {
        files.extend(
            embedded
                .iter()
                .map(|(n, text)| (format!("{dir}/{n}"), *text)),
        );
    }
    files
}
