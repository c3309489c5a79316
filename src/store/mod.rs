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
pub mod import;
pub mod incoming;
pub mod join;
pub mod keys;
pub mod keys_repo;
pub mod load;
pub mod lock;
pub mod perms;
pub mod recovery;
pub mod repo;
pub mod reports;
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
    #[error("{path}: {source}")]
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
    #[error("git: {0}")]
    Git(#[from] git2::Error),
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
