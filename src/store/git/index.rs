//! git's index brought in line with a commit by splicing the entries of
//! its files into the raw file, as `tree.rs` does for trees. libgit2 reads
//! the whole index, checks its trailing SHA-1 with sha1dc, parses every
//! entry, then writes and hashes all of it again: at 50,000 cases (4.8 MB
//! of index) that was the largest part of a state change (see
//! `docs/performance.md`). Here the file is read, the few entries are
//! replaced, inserted or removed in git's order (bytewise by path), and
//! the checksum is computed with the CPU's SHA instructions.
//!
//! Only the common form is spliced: version 2 or 3, no changed path in
//! conflict, no required extension (split index, sparse index). Anything
//! else returns `Ok(false)` and libgit2 does the update. Of the optional
//! extensions only `REUC` (resolve-undo) is kept; the others describe
//! positions, trees or folders (`TREE`, `UNTR`, `EOIE`, `IEOT`, `FSMN`) and
//! git rebuilds them when it needs them. The lock is git's own
//! (`index.lock`, created exclusively); the index need not be durable (git
//! re-checks entries against the files), so it is not synced.

use git2::{ErrorClass, ErrorCode, Repository};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::Path;

/// One entry's bytes, its path and its stage.
struct Entry<'a> {
    raw: &'a [u8],
    path: &'a [u8],
    stage: u16,
}

/// The entries of a version 2 or 3 index and where they end.
fn entries(data: &[u8]) -> Option<(Vec<Entry<'_>>, usize)> {
    if data.len() < 32 || &data[..4] != b"DIRC" {
        return None;
    }
    let word = |i: usize| u32::from_be_bytes(data[i..i + 4].try_into().expect("4 bytes"));
    let version = word(4);
    if !(2..=3).contains(&version) {
        return None;
    }
    let body = data.len() - 20;
    // Bounded by what the file can hold: a damaged count must not ask for
    // gigabytes (an allocation failure aborts, leaving `index.lock`).
    let mut out = Vec::with_capacity((word(8) as usize).min(data.len() / 62));
    let mut i = 12;
    for _ in 0..word(8) {
        let flags = u16::from_be_bytes(data.get(i + 60..i + 62)?.try_into().ok()?);
        let extended = flags & 0x4000 != 0;
        let name = i + 62 + if extended { 2 } else { 0 };
        let len = match usize::from(flags & 0xfff) {
            0xfff => data.get(name..body)?.iter().position(|&b| b == 0)?,
            n => n,
        };
        let end = i + ((name + len - i + 8) & !7);
        if end > body || (extended && version < 3) {
            return None;
        }
        out.push(Entry {
            raw: &data[i..end],
            path: &data[name..name + len],
            stage: (flags >> 12) & 3,
        });
        i = end;
    }
    Some((out, i))
}

/// The optional extensions kept (`REUC`), or `None` for a required one.
fn kept_extensions(data: &[u8], mut i: usize) -> Option<Vec<u8>> {
    let body = data.len() - 20;
    let mut kept = Vec::new();
    while i + 8 <= body {
        let sig = &data[i..i + 4];
        let len = u32::from_be_bytes(data[i + 4..i + 8].try_into().ok()?) as usize;
        let end = i.checked_add(8 + len).filter(|e| *e <= body)?;
        if !sig[0].is_ascii_uppercase() {
            return None;
        }
        if sig == b"REUC" {
            kept.extend_from_slice(&data[i..end]);
        }
        i = end;
    }
    (i == body).then_some(kept)
}

/// Whether an entry was written in the same instant as the index (its
/// file's mtime not before the index's): git then cannot tell from the
/// stat data alone whether the file changed afterwards ("racily clean").
fn racy(entry: &[u8], stamp: (u32, u32)) -> bool {
    let word = |i: usize| u32::from_be_bytes(entry[i..i + 4].try_into().expect("4 bytes"));
    (word(8), word(12)) >= stamp
}

/// Whether the file of a racily clean entry still holds the entry's blob
/// (else the entry is smudged, as git's `ce_smudge_racily_clean_entry`).
fn clean(root: &Path, e: &Entry) -> bool {
    let Ok(path) = std::str::from_utf8(e.path) else {
        return false;
    };
    let full = root.join(path);
    let id = &e.raw[40..60];
    super::hash::file_blob_id(&full).is_ok_and(|b| b.as_bytes() == id)
}

/// The on-disk entry of the file at `full` as `path`, stage 0.
fn entry_bytes(path: &[u8], full: &Path) -> std::io::Result<Option<Vec<u8>>> {
    let meta = std::fs::symlink_metadata(full)?;
    if !meta.file_type().is_file() {
        return Ok(None);
    }
    let id = super::hash::file_blob_id(full)?;
    let mode: u32 = if meta.mode() & 0o100 != 0 {
        0o100755
    } else {
        0o100644
    };
    let mut e = Vec::with_capacity(72 + path.len());
    for v in [
        meta.ctime() as u32,
        meta.ctime_nsec() as u32,
        meta.mtime() as u32,
        meta.mtime_nsec() as u32,
        meta.dev() as u32,
        meta.ino() as u32,
        mode,
        meta.uid(),
        meta.gid(),
        meta.size() as u32,
    ] {
        e.extend_from_slice(&v.to_be_bytes());
    }
    e.extend_from_slice(id.as_bytes());
    e.extend_from_slice(&(path.len().min(0xfff) as u16).to_be_bytes());
    e.extend_from_slice(path);
    e.resize((62 + path.len() + 8) & !7, 0);
    Ok(Some(e))
}

/// Updates the index for `paths` (relative, as in a commit; `true`: the
/// file was written and gets an entry describing it, `false`: removed, its
/// entry leaves). `Ok(false)`: the index is not in a form spliced here (or
/// a written file is missing: libgit2 reports it), nothing written.
pub fn splice(repo: &Repository, paths: &[(&str, bool)]) -> Result<bool, git2::Error> {
    let (Some(root), git_dir) = (repo.workdir(), repo.path()) else {
        return Ok(false);
    };
    let io = |e: std::io::Error| git2::Error::from_str(&format!("index: {e}"));
    let lock = git_dir.join("index.lock");
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&lock)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let msg = "the index is locked (index.lock exists)";
            return Err(git2::Error::new(ErrorCode::Locked, ErrorClass::Index, msg));
        }
        Err(e) => return Err(io(e)),
    };
    let written = (|| -> Result<bool, git2::Error> {
        let Some(new) = spliced(git_dir, root, paths).map_err(io)? else {
            return Ok(false);
        };
        file.write_all(&new).map_err(io)?;
        // The index keeps its permissions (a shared repository's index is
        // group-writable; ours is created 0600).
        if let Ok(m) = std::fs::metadata(git_dir.join("index")) {
            let _ = file.set_permissions(m.permissions());
        }
        std::fs::rename(&lock, git_dir.join("index")).map_err(io)?;
        Ok(true)
    })();
    if !matches!(written, Ok(true)) {
        let _ = std::fs::remove_file(&lock);
    }
    written
}

/// The new index bytes, or `None` when this form is left to libgit2.
fn spliced(
    git_dir: &Path,
    root: &Path,
    paths: &[(&str, bool)],
) -> std::io::Result<Option<Vec<u8>>> {
    let path = git_dir.join("index");
    let (data, stamp) = match std::fs::metadata(&path).and_then(|m| Ok((std::fs::read(&path)?, m)))
    {
        Ok((d, m)) => (d, (m.mtime() as u32, m.mtime_nsec() as u32)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    // A damaged index (a torn write: the index is not synced) goes to
    // libgit2, which refuses it: a splice would seal its damage with a
    // valid checksum. All zeros is git's `index.skipHash`.
    let (body, trailer) = data.split_at(data.len().saturating_sub(20));
    if trailer.len() != 20 || (trailer != super::hash::sha1(body) && trailer != [0u8; 20]) {
        return Ok(None);
    }
    let Some((old, end)) = entries(&data) else {
        return Ok(None);
    };
    let Some(extensions) = kept_extensions(&data, end) else {
        return Ok(None);
    };
    // The last word on a path counts (a path may be named twice).
    let mut last: Vec<(&str, bool)> = Vec::with_capacity(paths.len());
    for (p, present) in paths.iter().rev() {
        if !last.iter().any(|(q, _)| q == p) {
            last.push((p, *present));
        }
    }
    let mut changed: Vec<&[u8]> = last.iter().map(|(p, _)| p.as_bytes()).collect();
    changed.sort_unstable();
    let mut new_entries = Vec::with_capacity(changed.len());
    for (p, _) in last.iter().filter(|(_, present)| *present) {
        match entry_bytes(p.as_bytes(), &root.join(p))? {
            Some(e) => new_entries.push((p.as_bytes(), e)),
            None => return Ok(None),
        }
    }
    new_entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    if old
        .iter()
        .any(|e| e.stage != 0 && changed.binary_search(&e.path).is_ok())
    {
        return Ok(None);
    }
    let count = old.len()
        - old
            .iter()
            .filter(|e| changed.binary_search(&e.path).is_ok())
            .count()
        + new_entries.len();
    let mut out = Vec::with_capacity(data.len() + new_entries.len() * 96);
    out.extend_from_slice(&data[..8]);
    out.extend_from_slice(&(count as u32).to_be_bytes());
    let mut next = new_entries.iter().peekable();
    for e in &old {
        while let Some((_, bytes)) = next.next_if(|(p, _)| *p < e.path) {
            out.extend_from_slice(bytes);
        }
        if changed.binary_search(&e.path).is_err() {
            let at = out.len();
            out.extend_from_slice(e.raw);
            if racy(e.raw, stamp) && !clean(root, e) {
                // git's smudge: size 0, so no later reader trusts the stat.
                out[at + 36..at + 40].fill(0);
            }
        }
    }
    next.for_each(|(_, bytes)| out.extend_from_slice(bytes));
    out.extend_from_slice(&extensions);
    let sum = super::hash::sha1(&out);
    out.extend_from_slice(&sum);
    Ok(Some(out))
}

#[cfg(test)]
#[path = "index_tests.rs"]
mod tests;
