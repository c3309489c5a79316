//! The repository's object format. Our object writer (`objects.rs`,
//! `tree.rs`, `hash.rs`) writes SHA-1 objects, git's default format; a
//! repository made with `git init --object-format=sha256` would get objects
//! it cannot name. The libgit2 built into this program (git2 without its
//! `unstable-sha256` feature) cannot open such a repository either, so it
//! is refused before anything is read or written, in words a person can
//! act on.

use crate::i18n::t;
use crate::store::{Result, StoreError};
use git2::{ObjectFormat, Repository};
use std::path::Path;

/// Refuses a repository whose object format is not SHA-1.
pub fn check(repo: &Repository) -> Result<()> {
    #[allow(unreachable_patterns)]
    match repo.object_format() {
        ObjectFormat::Sha1 => Ok(()),
        other => Err(refused(other.str())),
    }
}

/// Why `dir`'s repository could not be opened, when it is its object
/// format (`extensions.objectformat` other than `sha1`).
pub fn explain(dir: &Path) -> Option<StoreError> {
    let config = git2::Config::open(&dir.join(".git").join("config")).ok()?;
    let format = config.get_string("extensions.objectformat").ok()?;
    (!format.eq_ignore_ascii_case("sha1")).then(|| refused(&format))
}

fn refused(format: &str) -> StoreError {
    StoreError::User(format!(
        "{} `{format}` {}",
        t(
            "deze git-repository gebruikt het objectformaat",
            "this git repository uses the object format"
        ),
        t(
            "(extensions.objectformat); verzuim werkt alleen met sha1, git's standaard. Maak een nieuwe dossiermap met `verzuim init` in een lege map; er is niets gewijzigd",
            "(extensions.objectformat); verzuim works with sha1 only, git's default. Create a new case repository with `verzuim init` in an empty folder; nothing was changed"
        )
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A repository as `git init --object-format=sha256` makes it.
    #[test]
    fn a_sha256_repository_is_refused_in_dutch() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let mut config = repo.config().unwrap();
        config.set_i32("core.repositoryformatversion", 1).unwrap();
        config.set_str("extensions.objectformat", "sha256").unwrap();
        drop(repo);
        let err = match crate::store::git::open(dir.path()) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("a sha256 repository was opened"),
        };
        assert!(
            err.contains("objectformaat `sha256`") || err.contains("object format `sha256`"),
            "{err}"
        );
        assert!(matches!(
            crate::store::git::init(dir.path()),
            Err(StoreError::User(_))
        ));
        // A sha1 repository that says so is fine.
        let ok = tempfile::tempdir().unwrap();
        let repo = Repository::init(ok.path()).unwrap();
        repo.config()
            .unwrap()
            .set_str("extensions.objectformat", "sha1")
            .unwrap();
        assert!(crate::store::git::open(ok.path()).is_ok());
    }
}
