//! What `check` and `overdue` made of each case, kept until the next run
//! on the same day (`.git/verzuim-memo-<command>-<variant>`, private, never
//! committed). Evaluating a case is a pure function of the case file, the
//! rules files, the program and the day, so a result stored under all of
//! them can be used again: a second `overdue` on the same day reads the
//! results of the cases whose files git's index vouches for (the parse
//! cache's trust rule, `store/cache/mod.rs`) and evaluates only the others.
//!
//! The key covers every input: the memo's format, the command and its
//! variant (language, JSON), the program (its file's device,
//! inode, size and modification time: a new build or install is another
//! key), the rules' fingerprint (`load::Rules::fingerprint`) and the day.
//! Entries are by git blob id, so a changed case file is simply another
//! entry. A memo that does not read, or whose key differs, is ignored.

use super::cache::BlobId;
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha1::{Digest, Sha1};
use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"VZMEMO01";

/// The key of a memo: every input of the results besides the case file.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Key([u8; 20]);

impl Key {
    /// The key for `command` with these options, rules and day, for the
    /// running program; None when the program's file cannot be found (then
    /// nothing is memoised).
    pub fn new(command: &str, variant: &str, rules: &[u8; 20], day: i32) -> Option<Key> {
        let exe = std::env::current_exe().ok()?;
        Some(Self::with_program(
            command,
            variant.as_bytes(),
            rules,
            day,
            &program_identity(&exe)?,
        ))
    }

    fn with_program(
        command: &str,
        extra: &[u8],
        rules: &[u8; 20],
        day: i32,
        program: &[u8],
    ) -> Key {
        let mut h = Sha1::new();
        h.update(MAGIC);
        for part in [
            command.as_bytes(),
            extra,
            rules,
            &day.to_le_bytes(),
            program,
        ] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part);
        }
        Key(h.finalize().into())
    }
}

/// Device, inode, size and modification time of the program's file: any
/// rebuild or install changes one of them.
fn program_identity(exe: &Path) -> Option<Vec<u8>> {
    let m = std::fs::metadata(exe).ok()?;
    // The version too: builds with fixed modification times (reproducible
    // builds) may otherwise look alike.
    let mut out = env!("CARGO_PKG_VERSION").as_bytes().to_vec();
    for n in [
        m.dev(),
        m.ino(),
        m.size(),
        m.mtime() as u64,
        m.mtime_nsec() as u64,
    ] {
        out.extend_from_slice(&n.to_le_bytes());
    }
    Some(out)
}

/// One file per command and variant, so `overdue` and `overdue --json`
/// (or two languages) do not replace each other's memo.
fn path(git_dir: &Path, command: &str, variant: &str) -> PathBuf {
    git_dir.join(format!("verzuim-memo-{command}-{variant}"))
}

/// Removes every memo (`retention destroy`: they hold what was printed of
/// each case).
pub fn remove_all(git_dir: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(git_dir)? {
        let path = entry?.path();
        let is_memo = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("verzuim-memo-"));
        if is_memo {
            std::fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// The memo's bytes (empty when there is none); decoded by [`entries`]
/// once the key is known, so reading can start before the rules are read.
pub fn read_bytes(git_dir: &Path, command: &str, variant: &str) -> Vec<u8> {
    std::fs::read(path(git_dir, command, variant)).unwrap_or_default()
}

/// The entries of a memo written under `key`, by blob id and case id; none
/// for another key or a memo that does not decode.
pub fn entries<R: DeserializeOwned>(bytes: &[u8], key: Key) -> HashMap<(BlobId, String), R> {
    let Some(rest) = bytes.strip_prefix(MAGIC.as_slice()) else {
        return HashMap::new();
    };
    let Some(body) = rest.strip_prefix(key.0.as_slice()) else {
        return HashMap::new();
    };
    rmp_serde::from_slice::<Vec<(BlobId, String, R)>>(body)
        .map(|v| v.into_iter().map(|(b, id, r)| ((b, id), r)).collect())
        .unwrap_or_default()
}

/// Replaces the memo (a failure only costs time on the next run).
pub fn write<R: Serialize>(
    git_dir: &Path,
    (command, variant): (&str, &str),
    key: Key,
    entries: &[(BlobId, &str, &R)],
) {
    let Ok(body) = rmp_serde::to_vec(entries) else {
        return;
    };
    let mut out = Vec::with_capacity(MAGIC.len() + 20 + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&key.0);
    out.extend_from_slice(&body);
    let _ = super::atomic::write_unsynced(&path(git_dir, command, variant), &out);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(command: &str, extra: &[u8], rules: u8, day: i32, program: &[u8]) -> Key {
        Key::with_program(command, extra, &[rules; 20], day, program)
    }

    #[test]
    fn every_input_changes_the_key() {
        let base = key("overdue", b"nl", 1, 740_000, b"p1");
        assert_eq!(base, key("overdue", b"nl", 1, 740_000, b"p1"));
        assert_ne!(base, key("check", b"nl", 1, 740_000, b"p1"));
        assert_ne!(base, key("overdue", b"en", 1, 740_000, b"p1"));
        assert_ne!(base, key("overdue", b"nl", 2, 740_000, b"p1"));
        assert_ne!(base, key("overdue", b"nl", 1, 740_001, b"p1"));
        assert_ne!(base, key("overdue", b"nl", 1, 740_000, b"p2"));
        // Parts are length-prefixed: moving a byte from one to the next is
        // another key.
        assert_ne!(
            key("overdue", b"n", 1, 0, b"lp"),
            key("overdue", b"nl", 1, 0, b"p")
        );
    }

    #[test]
    fn a_memo_is_read_back_only_under_its_own_key() {
        let dir = tempfile::tempdir().unwrap();
        let k = key("overdue", b"", 1, 1, b"p");
        let one = vec!["a".to_string()];
        let two: Vec<String> = Vec::new();
        write(
            dir.path(),
            ("overdue", "nl"),
            k,
            &[([1; 20], "c1", &one), ([2; 20], "c2", &two)],
        );
        let bytes = read_bytes(dir.path(), "overdue", "nl");
        let back: HashMap<(BlobId, String), Vec<String>> = entries(&bytes, k);
        assert_eq!(back.len(), 2);
        assert_eq!(back[&([1; 20], "c1".to_string())], one);
        let other = key("overdue", b"", 1, 2, b"p");
        assert!(entries::<Vec<String>>(&bytes, other).is_empty());
        assert!(entries::<Vec<String>>(b"garbage", k).is_empty());
        assert!(entries::<Vec<String>>(&bytes[..bytes.len() - 3], k).is_empty());
        remove_all(dir.path()).unwrap();
        assert!(read_bytes(dir.path(), "overdue", "nl").is_empty());
    }
}
