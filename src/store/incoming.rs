//! What a case repository may hold, checked on every tree that comes from
//! a remote before anything of it is written: the remote is untrusted input
//! (a `.git/config` with `core.fsmonitor`, a symlink or an executable would
//! run code on this machine). One table, one check.

use super::{Result, StoreError};
use crate::i18n::t;
use git2::{FileMode, ObjectType, Oid, Repository, Tree, TreeWalkMode, TreeWalkResult};

/// Every path a case repository may hold, as globs over `/`-separated
/// segments: `*` within one segment, `**` any number of segments (at least
/// one). A segment a wildcard matches never starts with a dot.
pub const ALLOWED: &[&str] = &[
    "verzuim.toml",
    ".gitignore",
    "compartments.toml",
    // Recipients changed differently on both sides: sync keeps the remote
    // version beside it, like a protocol's.
    "compartments.toml.remote",
    "cases/*.toml",
    "cases/.gitkeep",
    "conflicts/*.toml",
    "protocols/**.toml",
    "calendar/*.toml",
    // The remote version of a protocol or calendar file changed on both
    // sides, kept beside the local one by sync itself (`x.toml.remote`).
    "protocols/**.remote",
    "calendar/*.remote",
    "imports/*.toml",
    "retention.toml",
    "retention/*.toml",
    "retention/lists/*.toml",
    "templates/**",
    "reports/**",
];

/// Whether `path` (a file) matches one of [`ALLOWED`].
pub fn allowed(path: &str) -> bool {
    let segs: Vec<&str> = path.split('/').collect();
    ALLOWED.iter().any(|p| {
        let pat: Vec<&str> = p.split('/').collect();
        matches(&pat, &segs)
    })
}

/// Whether `dir` (a folder) can hold an allowed file.
fn allowed_dir(dir: &str) -> bool {
    let segs: Vec<&str> = dir.split('/').collect();
    ALLOWED.iter().any(|p| {
        let pat: Vec<&str> = p.split('/').collect();
        match pat.iter().position(|s| s.starts_with("**")) {
            // Inside a `**`: its parent, or any plain folder below it.
            Some(j) => {
                segs.len() >= j
                    && matches(&pat[..j], &segs[..j])
                    && segs[j..].iter().all(|s| plain(s))
            }
            None => segs.len() < pat.len() && matches(&pat[..segs.len()], &segs),
        }
    })
}

/// A name a wildcard may stand for: no dot file, no `..`, no control or
/// separator characters.
fn plain(seg: &str) -> bool {
    !seg.is_empty()
        && !seg.starts_with('.')
        && !seg.chars().any(|c| c.is_control() || c == '\\' || c == ':')
}

fn matches(pat: &[&str], segs: &[&str]) -> bool {
    match (pat.first(), segs.first()) {
        (None, None) => true,
        (Some(p), _) if p.starts_with("**") => {
            let suffix = &p[2..];
            // `**` (or `**.toml`) as the last segment: one or more plain
            // segments, the last ending in the suffix.
            pat.len() == 1
                && !segs.is_empty()
                && segs.iter().all(|s| plain(s))
                && segs.last().is_some_and(|s| s.ends_with(suffix))
        }
        (Some(p), Some(s)) => {
            let one = match p.split_once('*') {
                Some((pre, post)) => {
                    plain(s)
                        && s.len() >= pre.len() + post.len()
                        && s.starts_with(pre)
                        && s.ends_with(post)
                }
                None => p == s,
            };
            one && matches(&pat[1..], &segs[1..])
        }
        _ => false,
    }
}

/// Checks every entry of the tree of `commit`: only regular, non-executable
/// files at allowed paths. The error names the commit and the first bad path.
pub fn check_commit(repo: &Repository, commit: Oid) -> Result<()> {
    let tree = repo.find_commit(commit)?.tree()?;
    match first_refused(&tree) {
        None => Ok(()),
        Some((path, why)) => Err(refused(commit, &path, why)),
    }
}

fn first_refused(tree: &Tree) -> Option<(String, &'static str)> {
    let mut bad = None;
    let _ = tree.walk(TreeWalkMode::PreOrder, |dir, entry| {
        let name = String::from_utf8_lossy(entry.name_bytes());
        let path = format!("{dir}{name}");
        let why = match (entry.kind(), entry.filemode()) {
            (Some(ObjectType::Tree), _) if allowed_dir(&path) => return TreeWalkResult::Ok,
            (Some(ObjectType::Tree), _) => t(
                "map die niet in een case-map hoort",
                "folder that does not belong in a case repository",
            ),
            (_, m) if m == i32::from(FileMode::Link) => t("symbolische link", "symbolic link"),
            (_, m) if m == i32::from(FileMode::Commit) => t("submodule", "submodule"),
            (_, m) if m == i32::from(FileMode::BlobExecutable) => {
                t("uitvoerbaar bestand", "executable file")
            }
            (Some(ObjectType::Blob), _) if allowed(&path) => return TreeWalkResult::Ok,
            _ => t(
                "bestand dat niet in een case-map hoort",
                "file that does not belong in a case repository",
            ),
        };
        bad = Some((path, why));
        TreeWalkResult::Abort
    });
    bad
}

fn refused(commit: Oid, path: &str, why: &str) -> StoreError {
    let path: String = path
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    StoreError::Sync(format!(
        "{} {}: `{path}` ({why}); {}",
        t("geweigerd: commit", "refused: commit"),
        &commit.to_string()[..12],
        t(
            "er is niets geschreven. Een case-map bevat alleen cases, protocollen, kalenders en instellingen; vraag wie dit pushte om het van de remote te halen",
            "nothing was written. A case repository holds only cases, protocols, calendars and settings; ask whoever pushed this to remove it from the remote"
        )
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_admits_case_data_and_nothing_else() {
        for ok in [
            "verzuim.toml",
            ".gitignore",
            "cases/abc.toml",
            "cases/.gitkeep",
            "conflicts/abc.toml",
            "protocols/x.toml",
            "protocols/regio/x.toml",
            "calendar/2025.toml",
            "templates/brief/a.txt",
            "reports/2025/q1.md",
            "compartments.toml",
            "retention.toml",
            "retention/purges.toml",
            "retention/lists/2026.toml",
            "compartments.toml.remote",
            "protocols/x.toml.remote",
            "calendar/2025.toml.remote.remote",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for bad in [
            ".git/config",
            ".gitmodules",
            ".gitattributes",
            "cases/../x.toml",
            "cases/.hidden.toml",
            "cases/sub/x.toml",
            "cases/x.sh",
            "../x.toml",
            "x.toml",
            "protocols/.git/x.toml",
            "templates/.git/config",
            "run.sh",
        ] {
            assert!(!allowed(bad), "{bad}");
        }
        for dir in ["cases", "protocols", "protocols/regio", "templates/a/b"] {
            assert!(allowed_dir(dir), "{dir}");
        }
        for dir in [".git", "cases/sub", "elsewhere", "templates/.git"] {
            assert!(!allowed_dir(dir), "{dir}");
        }
    }
}
