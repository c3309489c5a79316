//! The trees the last commit wrote (the root and `cases/`, which lists
//! every case file: 2.4 MB at 50,000 cases) kept raw, in memory and in
//! `.git/verzuim-tree.cache`, so the next state change finds and splices
//! them without inflating them from git and hashing them again with
//! libgit2's collision-detecting SHA-1.
//!
//! Keyed by each tree's own id and verified by it: bytes read from the
//! file are used only when their SHA-1, computed as git computes a tree's
//! id, is the id asked for (the one the parent commit names). A stale file
//! (HEAD moved by the git CLI, a sync, a history rewrite) or a damaged one
//! is simply not used, so a wrong cache can never put a wrong tree into a
//! commit. Bytes kept in memory were hashed by us when written, or checked
//! by libgit2 when read. The file holds file names (case ids) and blob
//! ids, no case data; it is private (0600) and removed by the retention
//! purge with the parse cache.

use git2::{ObjectType, Oid};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

pub const FILE: &str = "verzuim-tree.cache";
const MAGIC: &[u8; 8] = b"VZTREE02";
/// Trees kept in memory (a TUI session: the last commit's and the one before).
const KEEP: usize = 4;

/// Raw tree bytes, shared without copying.
pub type Raw = Arc<Vec<u8>>;

/// The trees this process last read or wrote, newest last.
static KEPT: Mutex<Vec<(Oid, Raw)>> = Mutex::new(Vec::new());

fn kept() -> MutexGuard<'static, Vec<(Oid, Raw)>> {
    KEPT.lock().unwrap_or_else(|p| p.into_inner())
}

/// The raw bytes of tree `id` if this process or the cache file has them
/// (the file's checked against `id`).
pub fn get(git_dir: &Path, id: Oid) -> Option<Raw> {
    if let Some((_, raw)) = kept().iter().find(|(k, _)| *k == id) {
        return Some(raw.clone());
    }
    let raw = Arc::new(read_file(git_dir, id)?);
    remember(id, raw.clone());
    Some(raw)
}

/// Keeps `raw`, whose id is `id`, for the next change.
pub fn remember(id: Oid, raw: Raw) {
    let mut kept = kept();
    kept.retain(|(k, _)| *k != id);
    if kept.len() >= KEEP {
        kept.remove(0);
    }
    kept.push((id, raw));
}

/// Writes the kept trees `ids` to the cache file (after the commit that
/// names them is durable). Not synced: a file lost or torn by a crash
/// fails its check and the trees are read from git. Best effort: a cache.
pub fn save(git_dir: &Path, ids: &[Oid]) {
    let trees: Vec<(Oid, Raw)> = kept()
        .iter()
        .filter(|(k, _)| ids.contains(k))
        .cloned()
        .collect();
    if trees.is_empty() {
        return;
    }
    let write = || -> std::io::Result<()> {
        let mut head = MAGIC.to_vec();
        head.extend_from_slice(&(trees.len() as u32).to_le_bytes());
        for (id, raw) in &trees {
            head.extend_from_slice(id.as_bytes());
            head.extend_from_slice(&(raw.len() as u64).to_le_bytes());
        }
        let mut tmp = tempfile::Builder::new()
            .prefix(crate::store::atomic::TEMP_PREFIX)
            .tempfile_in(git_dir)?;
        tmp.write_all(&head)?;
        for (_, raw) in &trees {
            tmp.write_all(raw)?;
        }
        tmp.persist(git_dir.join(FILE)).map_err(|e| e.error)?;
        Ok(())
    };
    let _ = write();
}

/// Forgets every kept tree (a history rewrite removes what they named).
pub fn forget() {
    kept().clear();
}

/// The file's tree `id`: its header lists `id` (a quick refusal of a
/// stale file) and its bytes hash to `id`.
fn read_file(git_dir: &Path, id: Oid) -> Option<Vec<u8>> {
    let mut f = std::fs::File::open(git_dir.join(FILE)).ok()?;
    let mut magic = [0u8; 12];
    f.read_exact(&mut magic).ok()?;
    if &magic[..8] != MAGIC {
        return None;
    }
    let count = u32::from_le_bytes(magic[8..].try_into().ok()?) as usize;
    let mut head = vec![0u8; count.min(16) * 28];
    f.read_exact(&mut head).ok()?;
    let mut offset = 12 + head.len() as u64;
    for entry in head.chunks(28) {
        let len = u64::from_le_bytes(entry[20..].try_into().ok()?);
        if &entry[..20] == id.as_bytes() {
            // A damaged length must not ask for more than the file holds.
            if offset.checked_add(len)? > f.metadata().ok()?.len() {
                return None;
            }
            f.seek(SeekFrom::Start(offset)).ok()?;
            let mut raw = vec![0u8; usize::try_from(len).ok()?];
            f.read_exact(&mut raw).ok()?;
            return (super::hash::object_id(ObjectType::Tree, &raw) == id).then_some(raw);
        }
        offset += len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(fill: u8, len: usize) -> (Oid, Vec<u8>) {
        let raw = vec![fill; len];
        (super::super::hash::object_id(ObjectType::Tree, &raw), raw)
    }

    #[test]
    fn the_file_gives_a_tree_only_when_it_hashes_to_its_id() {
        let dir = tempfile::tempdir().unwrap();
        let git_dir = dir.path();
        let (a, raw_a) = tree(7, 100_000);
        let (b, raw_b) = tree(8, 30);
        remember(a, Arc::new(raw_a.clone()));
        remember(b, Arc::new(raw_b.clone()));
        save(git_dir, &[a, b]);
        forget();
        assert_eq!(get(git_dir, b).as_deref(), Some(&raw_b), "second read back");
        assert_eq!(get(git_dir, a).as_deref(), Some(&raw_a), "first read back");
        forget();
        // An id the file does not list: refused by the header.
        let (other, _) = tree(9, 5);
        assert!(get(git_dir, other).is_none());
        // Damaged bytes under the right header: refused by the hash.
        let path = git_dir.join(FILE);
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[12 + 2 * 28 + 5] ^= 1;
        std::fs::write(&path, bytes).unwrap();
        assert!(get(git_dir, a).is_none(), "a damaged cache is not used");
        assert_eq!(
            get(git_dir, b).as_deref(),
            Some(&raw_b),
            "the other is fine"
        );
    }
}
