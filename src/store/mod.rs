//! Storage: case files on disk and their history in git. Everything here
//! does IO; nothing here decides what a protocol means.

pub mod atomic;
pub mod branches;
pub mod cache;
pub mod case_file;
pub mod config;
pub mod conflicts;
pub mod embedded;
pub mod fail;
pub mod filemerge;
pub mod git;
pub mod gitlocks;
pub mod gittemps;
pub mod import;
pub mod incoming;
pub mod join;
pub mod keys;
pub mod keys_repo;
pub mod letters;
pub mod load;
pub mod lock;
pub mod memo;
pub mod notices;
pub mod perms;
pub mod recovery;
pub mod repo;
pub mod reports;
mod resolve;
pub mod retention;
pub mod scan;
pub mod sealing;
pub mod sync;
#[cfg(test)]
pub mod test_support;
pub mod transport;
pub mod treemerge;
pub mod txn;

pub use repo::CaseRepo;

use crate::domain::textpos::FileError;
use std::path::PathBuf;

/// Errors from the store. `User` errors are the person's to fix (exit 1);
/// the rest are repository problems (exit 2).
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{0}")]
    User(String),
    #[error("{0}")]
    Broken(FileError),
    #[error("{0}")]
    Repo(String),
    #[error("{}", io_text(.path, .source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Sync(String),
    /// The commit was made but the index could not be updated (another git
    /// process holds its lock, or an I/O error): a warning, not a failure.
    #[error("{0}")]
    IndexLocked(String),
    #[error("{}", git_text(.0))]
    Git(#[from] git2::Error),
}

/// What a disk problem means for the person, in words, with what to do;
/// `None` for other errors.
fn disk_words(e: &std::io::Error) -> Option<&'static str> {
    use crate::i18n::t;
    use std::io::ErrorKind as K;
    let text = e.to_string();
    Some(match e.kind() {
        K::StorageFull | K::QuotaExceeded => t(
            "de schijf is vol; maak ruimte vrij en probeer opnieuw",
            "the disk is full; free some space and try again",
        ),
        K::ReadOnlyFilesystem => t(
            "de schijf is alleen-lezen; maak hem weer schrijfbaar (of kies een andere map met --dir) en probeer opnieuw",
            "the disk is read-only; make it writable again (or choose another folder with --dir) and try again",
        ),
        _ if e.raw_os_error() == Some(5) || text.contains("Input/output error") => t(
            "de schijf gaf een lees-/schrijffout (I/O); controleer de schijf en maak een reservekopie voor je verder werkt",
            "the disk reported an I/O error; check the disk and make a backup before you go on",
        ),
        _ => return None,
    })
}

/// An I/O error on one line: the folder of a temp file (its random name
/// says nothing), then what happened in words where we know them.
fn io_text(path: &std::path::Path, e: &std::io::Error) -> String {
    let temp = path.file_name().is_some_and(|n| {
        n.as_encoded_bytes()
            .starts_with(atomic::TEMP_PREFIX.as_bytes())
    });
    let shown = match path.parent() {
        Some(dir) if temp => dir,
        _ => path,
    };
    match disk_words(e) {
        Some(words) => format!("{}: {words}", shown.display()),
        None => format!("{}: {e}", shown.display()),
    }
}

/// A libgit2 error; a disk problem in words rather than `git: ...`.
fn git_text(e: &git2::Error) -> String {
    let m = e.message();
    let kind =
        if m.contains("No space left") || m.contains("Disk quota") || m.contains("Out of disk") {
            Some(std::io::ErrorKind::StorageFull)
        } else if m.contains("Read-only file system") {
            Some(std::io::ErrorKind::ReadOnlyFilesystem)
        } else if m.contains("Input/output error") {
            Some(std::io::ErrorKind::Other)
        } else {
            None
        };
    let words = kind.and_then(|k| disk_words(&std::io::Error::new(k, m.to_string())));
    match words {
        Some(w) => w.to_string(),
        None => format!("git: {m}"),
    }
}

impl StoreError {
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { path, source }
    }

    /// Exit status for the command line: 1 for user errors, 2 otherwise.
    pub fn exit_code(&self) -> i32 {
        match self {
            StoreError::User(_) => 1,
            _ => 2,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
