//! What `check` and `overdue` made of each case, kept for the next runs
//! (`.git/verzuim-memo-<command>-<variant>`, private, never committed).
//! Evaluating a case is a pure function of the case file, the rules files,
//! the program and the day, so a result stored under all of them can be
//! used again: a later `overdue` reads the results of the cases whose files
//! git's index vouches for (the parse cache's trust rule,
//! `store/cache/mod.rs`) and evaluates only the others.
//!
//! The day is not in the key: each entry carries the span of days on which
//! its result comes out the same (`domain::engine::DaySpan`, from
//! `Caseload::evaluate_spanned`), and is a hit only on a day inside it. So
//! the first run of a new day (or a jump back in time) reuses every result
//! whose span reaches that day and evaluates the rest.
//!
//! The key covers every other input: the memo's format, the command and its
//! variant (language, JSON), the program (its file's device, inode, size and
//! modification time: a new build or install is another key) and the rules'
//! fingerprint (`load::Rules::fingerprint`). Entries are by git blob id and
//! file stem, so a changed case file is simply another entry. A memo that
//! does not read, or whose key differs, is ignored.

use super::cache::BlobId;
use crate::domain::engine::DaySpan;
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};
use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The memo's format: 02 holds a span of days per entry (01 had the day in
/// the key); a memo of another format never matches a key.
const MAGIC: &[u8; 8] = b"VZMEMO02";

/// The key of a memo: every input of the results besides the case file and
/// the day.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Key([u8; 20]);

impl Key {
    /// The key for `command` with these options and rules, for the running
    /// program; None when the program's file cannot be found (then nothing
    /// is memoised).
    pub fn new(command: &str, variant: &str, rules: &[u8; 20]) -> Option<Key> {
        let exe = std::env::current_exe().ok()?;
        Some(Self::with_program(
            command,
            variant.as_bytes(),
            rules,
            &program_identity(&exe)?,
        ))
    }

    fn with_program(command: &str, extra: &[u8], rules: &[u8; 20], program: &[u8]) -> Key {
        let mut h = Sha1::new();
        h.update(MAGIC);
        for part in [command.as_bytes(), extra, rules, program] {
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

/// The memo's bytes (empty when there is none); decoded by [`Memo::read`]
/// once the key is known, so reading can start before the rules are read.
pub fn read_bytes(git_dir: &Path, command: &str, variant: &str) -> Vec<u8> {
    std::fs::read(path(git_dir, command, variant)).unwrap_or_default()
}

/// A date in a memo as its day number (`num_days_from_ce`): smaller and
/// faster to decode than text. For `#[serde(with = "...")]`.
pub mod day_number {
    use chrono::{Datelike, NaiveDate};
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(Datelike::num_days_from_ce(d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let n = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| D::Error::custom("day out of range"))
    }
}

/// A span as stored: its ends as day numbers.
#[derive(Serialize, Deserialize)]
struct StoredSpan(
    #[serde(with = "day_number")] NaiveDate,
    #[serde(with = "day_number")] NaiveDate,
);

/// The entries of a memo as read: each case's result (by blob id and file
/// stem) with the days it holds for.
pub struct Memo<R> {
    entries: HashMap<(BlobId, String), (DaySpan, R)>,
}

impl<R: DeserializeOwned> Memo<R> {
    /// The entries of a memo written under `key`; none for another key or
    /// a memo that does not decode.
    pub fn read(bytes: &[u8], key: Key) -> Memo<R> {
        let entries = bytes
            .strip_prefix(MAGIC.as_slice())
            .and_then(|rest| rest.strip_prefix(key.0.as_slice()))
            .and_then(|body| {
                rmp_serde::from_slice::<Vec<(BlobId, String, StoredSpan, R)>>(body).ok()
            })
            .map(|v| {
                v.into_iter()
                    .map(|(b, id, StoredSpan(first, last), r)| {
                        ((b, id), (DaySpan { first, last }, r))
                    })
                    .collect()
            })
            .unwrap_or_default();
        Memo { entries }
    }
}

impl<R> Memo<R> {
    pub fn empty() -> Memo<R> {
        Memo {
            entries: HashMap::new(),
        }
    }

    /// The result kept for this blob under this file stem when its span
    /// holds `today`, with the stem (the case id) given back. The entry
    /// leaves the memo either way: what is left afterwards was no file's
    /// (see [`Memo::is_empty`]).
    pub fn take(
        &mut self,
        blob: BlobId,
        stem: String,
        today: NaiveDate,
    ) -> Option<(String, DaySpan, R)> {
        let ((_, id), (span, r)) = self.entries.remove_entry(&(blob, stem))?;
        span.contains(today).then_some((id, span, r))
    }

    /// No entry left untaken: when some are, the memo holds results of files
    /// that are gone and is written again without them.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Replaces the memo (a failure only costs time on the next run).
pub fn write<R: Serialize>(
    git_dir: &Path,
    (command, variant): (&str, &str),
    key: Key,
    entries: &[(BlobId, &str, DaySpan, &R)],
) {
    let stored: Vec<(BlobId, &str, StoredSpan, &R)> = entries
        .iter()
        .map(|&(b, id, span, r)| (b, id, StoredSpan(span.first, span.last), r))
        .collect();
    let Ok(body) = rmp_serde::to_vec(&stored) else {
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

    fn key(command: &str, extra: &[u8], rules: u8, program: &[u8]) -> Key {
        Key::with_program(command, extra, &[rules; 20], program)
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 9, d).unwrap()
    }

    #[test]
    fn every_input_changes_the_key_but_the_day_is_not_one() {
        let base = key("overdue", b"nl", 1, b"p1");
        assert_eq!(base, key("overdue", b"nl", 1, b"p1"));
        assert_ne!(base, key("check", b"nl", 1, b"p1"));
        assert_ne!(base, key("overdue", b"en", 1, b"p1"));
        assert_ne!(base, key("overdue", b"nl", 2, b"p1"));
        assert_ne!(base, key("overdue", b"nl", 1, b"p2"));
        // Parts are length-prefixed: moving a byte from one to the next is
        // another key.
        assert_ne!(
            key("overdue", b"n", 1, b"lp"),
            key("overdue", b"nl", 1, b"p")
        );
    }

    #[test]
    fn a_memo_is_read_back_only_under_its_own_key() {
        let dir = tempfile::tempdir().unwrap();
        let k = key("overdue", b"", 1, b"p");
        let one = vec!["a".to_string()];
        let two: Vec<String> = Vec::new();
        let span = DaySpan::day(day(7));
        write(
            dir.path(),
            ("overdue", "nl"),
            k,
            &[([1; 20], "c1", span, &one), ([2; 20], "c2", span, &two)],
        );
        let bytes = read_bytes(dir.path(), "overdue", "nl");
        let mut back: Memo<Vec<String>> = Memo::read(&bytes, k);
        assert_eq!(
            back.take([1; 20], "c1".into(), day(7)),
            Some(("c1".into(), span, one))
        );
        assert!(!back.is_empty());
        assert_eq!(
            back.take([2; 20], "c2".into(), day(7)),
            Some(("c2".into(), span, two))
        );
        assert!(back.is_empty());
        let other = key("overdue", b"", 2, b"p");
        assert!(Memo::<Vec<String>>::read(&bytes, other).is_empty());
        assert!(Memo::<Vec<String>>::read(b"garbage", k).is_empty());
        assert!(Memo::<Vec<String>>::read(&bytes[..bytes.len() - 3], k).is_empty());
        // A memo of the old format (the day in the key) is not read.
        let old = [b"VZMEMO01".as_slice(), &bytes[MAGIC.len()..]].concat();
        assert!(Memo::<Vec<String>>::read(&old, k).is_empty());
        remove_all(dir.path()).unwrap();
        assert!(read_bytes(dir.path(), "overdue", "nl").is_empty());
    }

    #[test]
    fn an_entry_is_a_hit_only_inside_its_span() {
        let dir = tempfile::tempdir().unwrap();
        let k = key("overdue", b"nl", 1, b"p");
        let span = DaySpan {
            first: day(5),
            last: day(9),
        };
        let forever = DaySpan::ALWAYS;
        let r = 42u32;
        write(
            dir.path(),
            ("overdue", "nl"),
            k,
            &[([1; 20], "c1", span, &r), ([2; 20], "c2", forever, &r)],
        );
        let bytes = read_bytes(dir.path(), "overdue", "nl");
        let hit = |d: NaiveDate| {
            let got = Memo::<u32>::read(&bytes, k).take([1; 20], "c1".into(), d);
            got.map(|(_, span, r)| (span, r))
        };
        // Both ends are in the span, the days either side are not.
        for d in 5..=9 {
            assert_eq!(hit(day(d)), Some((span, 42)), "{d}");
        }
        assert_eq!(hit(day(4)), None);
        assert_eq!(hit(day(10)), None);
        // The blob and the file stem must match too.
        let mut memo = Memo::<u32>::read(&bytes, k);
        assert_eq!(memo.take([9; 20], "c1".into(), day(7)), None);
        assert_eq!(memo.take([1; 20], "c2".into(), day(7)), None);
        // A span of every day survives the trip through the file.
        for d in [NaiveDate::MIN, day(1), NaiveDate::MAX] {
            let got = Memo::<u32>::read(&bytes, k).take([2; 20], "c2".into(), d);
            assert_eq!(got, Some(("c2".into(), forever, 42)));
        }
        // Taken out of its span, the entry is gone all the same.
        let mut memo = Memo::<u32>::read(&bytes, k);
        assert_eq!(memo.take([1; 20], "c1".into(), day(10)), None);
        assert_eq!(memo.take([1; 20], "c1".into(), day(7)), None);
    }
}
