//! Parsed cases cached by git blob id, in `.git/verzuim-cases.cache`
//! (private, never committed). Parsing TOML is most of opening a large
//! repository; a case parsed from a blob never changes, so only new blobs
//! are parsed. A file's blob id is taken from the git index only when its
//! stat data matches the index entry exactly and the entry is not "racily
//! clean" (modified in the same instant the index was written): the same
//! rule git itself uses to trust the index. Anything else is parsed.

use git2::Repository;
use rayon::prelude::*;
use rustix::fs::AtFlags;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

mod form;
pub use form::Cached;

const FILE: &str = "verzuim-cases.cache";
const MAGIC: &[u8; 8] = b"VZCASES8";
/// Cases per independently decoded chunk (so both cores decode).
pub const CHUNK: usize = 512;

pub type BlobId = [u8; 20];

/// Blob ids of the working-tree files git's index vouches for, one per
/// file of `files` (in their order; `None`: parse it). The files are the
/// sorted `.toml` files of one folder `dir` (relative to the repository,
/// `cases`), as `load::toml_files` gives them.
///
/// Made for 10,000 files in a few milliseconds: the index's entries of the
/// folder are matched to the files by walking both sorted lists side by
/// side (no map of paths), and each file is `stat`ed by its name relative
/// to the open folder (no walk of the whole path per file).
pub fn trusted_blob_ids(
    repo: &Repository,
    root: &Path,
    dir: &str,
    files: &[PathBuf],
) -> Vec<Option<BlobId>> {
    let none = || vec![None; files.len()];
    let Ok(index) = repo.index() else {
        return none();
    };
    let index_mtime = std::fs::metadata(repo.path().join("index"))
        .map(|m| (m.mtime(), m.mtime_nsec()))
        .ok();
    let (Some(index_mtime), Ok(folder)) = (index_mtime, std::fs::File::open(root.join(dir))) else {
        return none();
    };
    let entries = entries_of(&index, dir, files);
    files
        .par_iter()
        .zip(entries)
        .map(|(path, e)| {
            let e = e?;
            let m =
                rustix::fs::statat(&folder, path.file_name()?, AtFlags::SYMLINK_NOFOLLOW).ok()?;
            let file = Stat::of(&m);
            let entry_mtime = (
                i64::from(e.mtime.seconds()),
                i64::from(e.mtime.nanoseconds()),
            );
            let entry_ctime = (
                i64::from(e.ctime.seconds()),
                i64::from(e.ctime.nanoseconds()),
            );
            // ctime catches an in-place edit that kept size and mtime
            // (`cp -p`, `rsync --inplace -t`): no one can set it back.
            let same = entry_mtime == file.mtime
                && entry_ctime == file.ctime
                && u64::from(e.file_size) == file.size
                && u64::from(e.ino) == (file.ino & 0xffff_ffff)
                && same_mode(e.mode, file.mode);
            let racy = entry_mtime >= index_mtime;
            let id: BlobId = e.id.as_bytes().try_into().ok()?;
            (same && !racy).then_some(id)
        })
        .collect()
}

/// The index entry of each file (`dir/<name>`), found by walking the
/// index's sorted entries and the files' sorted names side by side.
fn entries_of(index: &git2::Index, dir: &str, files: &[PathBuf]) -> Vec<Option<git2::IndexEntry>> {
    let prefix = format!("{dir}/");
    let mut out: Vec<Option<git2::IndexEntry>> = Vec::with_capacity(files.len());
    let mut entries = index
        .iter()
        .filter(|e| e.path.starts_with(prefix.as_bytes()))
        .peekable();
    for path in files {
        let name = path.file_name().map_or(&[][..], |n| n.as_encoded_bytes());
        let found = loop {
            let Some(e) = entries.peek() else { break None };
            match e.path[prefix.len()..].cmp(name) {
                std::cmp::Ordering::Less => {
                    entries.next();
                }
                std::cmp::Ordering::Equal => break entries.next(),
                std::cmp::Ordering::Greater => break None,
            }
        };
        out.push(found);
    }
    out
}

/// What the trust rule compares of a file's `stat`, in fixed types (the
/// `stat` struct's field types differ between platforms).
struct Stat {
    mtime: (i64, i64),
    ctime: (i64, i64),
    size: u64,
    ino: u64,
    mode: u32,
}

impl Stat {
    #[allow(clippy::unnecessary_cast, clippy::useless_conversion)]
    fn of(m: &rustix::fs::Stat) -> Stat {
        Stat {
            mtime: (m.st_mtime as i64, m.st_mtime_nsec as i64),
            ctime: (m.st_ctime as i64, m.st_ctime_nsec as i64),
            size: m.st_size as u64,
            ino: m.st_ino as u64,
            mode: m.st_mode as u32,
        }
    }
}

/// Whether an index entry's mode (git keeps only the kind and the
/// executable bit) describes the file's mode.
fn same_mode(entry: u32, file: u32) -> bool {
    let regular = file & 0o170000 == 0o100000;
    let exec = file & 0o100 != 0;
    regular && entry == if exec { 0o100755 } else { 0o100644 }
}

/// The cache file's bytes, to be cut with `split` (empty when absent).
pub fn read_bytes(git_dir: &Path) -> Vec<u8> {
    std::fs::read(git_dir.join(FILE)).unwrap_or_default()
}

/// One chunk's entries (none when it does not decode: they are parsed again).
pub fn decode(chunk: &[u8]) -> Vec<(BlobId, Cached)> {
    rmp_serde::from_slice(chunk).unwrap_or_default()
}

/// Entries encoded as one chunk.
pub fn encode(entries: &[(BlobId, Cached)]) -> Option<Vec<u8>> {
    rmp_serde::to_vec(entries).ok()
}

/// The chunks of a cache file's bytes (None when it is not a cache file).
pub fn split(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let len = u32::from_le_bytes(rest.get(i..i + 4)?.try_into().ok()?) as usize;
        chunks.push(rest.get(i + 4..i + 4 + len)?);
        i += 4 + len;
    }
    Some(chunks)
}

/// Replaces the cache with these encoded chunks (a failure to write only
/// costs speed next time, so it is not an error).
pub fn write_chunks(git_dir: &Path, chunks: &[impl AsRef<[u8]>]) {
    let chunks: Vec<&[u8]> = chunks.iter().map(|c| c.as_ref()).collect();
    let mut out = Vec::with_capacity(chunks.iter().map(|c| c.len() + 4).sum::<usize>() + 8);
    out.extend_from_slice(MAGIC);
    for c in &chunks {
        out.extend_from_slice(&(c.len() as u32).to_le_bytes());
        out.extend_from_slice(c);
    }
    let _ = super::atomic::write(&git_dir.join(FILE), &out);
}

/// The blob id git gives these bytes.
pub fn blob_id(bytes: &[u8]) -> Option<BlobId> {
    super::git::hash::object_id(git2::ObjectType::Blob, bytes)
        .as_bytes()
        .try_into()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::Region;
    use crate::domain::case::Case;
    use crate::domain::compartments::KeyBlock;
    use crate::domain::event::{Details, Event};

    #[test]
    fn cached_form_round_trips_every_field() {
        let today = crate::domain::dates::parse("2026-11-20").unwrap();
        let mut cases = crate::synth::cases(30, 3, today);
        cases[0].pseudonym = Some("P".into());
        cases[0].region = Some(Region::Zuid);
        cases[0].contacts.insert("ouder".into(), "06".into());
        // One event with every field set, each to a different value, so a
        // swapped pair of fields cannot round-trip by accident.
        let mut e = Event::new("ziek", today);
        e.until = Some(today.succ_opt().unwrap());
        e.hours = Some(2.5);
        e.outcome = Some("uitkomst".into());
        e.note = Some("notitie".into());
        let mut d = Details::default();
        let texts = [
            &mut d.action,
            &mut d.to,
            &mut d.school,
            &mut d.reason,
            &mut d.artikel,
            &mut d.advice,
            &mut d.withdrawn,
            &mut d.soort,
            &mut d.meldingsnummer,
            &mut d.status,
            &mut d.findings,
            &mut d.title,
            &mut d.role,
            &mut d.subject,
            &mut d.scope,
            &mut d.given_by,
            &mut d.owner,
            &mut d.template,
            &mut d.sha256,
        ];
        for (n, t) in texts.into_iter().enumerate() {
            *t = Some(format!("v{n}"));
        }
        d.days = Some(7);
        d.due = Some(today.pred_opt().unwrap());
        d.by = Some(crate::domain::units::Span::parse_text("5 schooldagen").unwrap());
        e.details = Some(Box::new(d));
        cases[1].events.insert("e1".into(), e);
        cases[0].keys.insert(
            "k1".into(),
            KeyBlock {
                compartment: "jgz".into(),
                retired: true,
                wrapped: "YWdl".into(),
            },
        );
        for c in &cases {
            let bytes = rmp_serde::to_vec(&Cached::from(c)).unwrap();
            let back: Cached = rmp_serde::from_slice(&bytes).unwrap();
            assert_eq!(&Case::from(back), c);
        }
    }
}
