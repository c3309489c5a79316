//! Temp files git and libgit2 leave when killed mid-write: loose objects
//! (`objects/tmp_object_git2_*`), packs being received
//! (`objects/pack/tmp_pack_*`, `tmp_idx_*`, `tmp_rev_*` from git,
//! `pack_git2_*` from libgit2). They hold case data, so they must not
//! stay. Only old ones go: a `git fetch` outside our lock (sync fetches
//! without it) may be writing one right now, and a live writer touches
//! its file at least every few seconds (a stalled transfer is cut off
//! after `transport::STALL_SECS`).

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// A temp file untouched this long belongs to no live writer.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

const IN_OBJECTS: [&str; 1] = ["tmp_object_git2_"];
const IN_PACK: [&str; 4] = ["tmp_pack_", "tmp_idx_", "tmp_rev_", "pack_git2_"];

/// Removes git's and libgit2's temp files older than [`STALE_AFTER`] from
/// `objects/` and `objects/pack/` (two folder reads; git's own loose
/// `objects/xx/tmp_obj_*` are left to `git gc`); returns how many.
pub fn remove_old(git_dir: &Path, now: SystemTime) -> usize {
    let objects = git_dir.join("objects");
    remove_in(&objects, &IN_OBJECTS, now) + remove_in(&objects.join("pack"), &IN_PACK, now)
}

fn remove_in(dir: &Path, prefixes: &[&str], now: SystemTime) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let ours = prefixes
            .iter()
            .any(|p| name.as_encoded_bytes().starts_with(p.as_bytes()));
        let old = || {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|m| now.duration_since(m).is_ok_and(|age| age > STALE_AFTER))
        };
        if ours && old() && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_old_git_temp_files_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("objects/pack");
        fs::create_dir_all(&pack).unwrap();
        let now = SystemTime::now();
        let old = now - STALE_AFTER - Duration::from_secs(1);
        let file = |p: std::path::PathBuf, when: SystemTime| {
            fs::File::create(&p).unwrap().set_modified(when).unwrap();
            p
        };
        let gone = [
            file(dir.path().join("objects/tmp_object_git2_a1b2"), old),
            file(pack.join("tmp_pack_x"), old),
            file(pack.join("pack_git2_y"), old),
        ];
        let kept = [
            // A live writer's (fresh), and files that are not temp files.
            file(dir.path().join("objects/tmp_object_git2_live"), now),
            file(pack.join("tmp_pack_live"), now),
            file(pack.join("pack-1234.pack"), old),
            file(dir.path().join("objects/info"), old),
        ];
        assert_eq!(remove_old(dir.path(), now), 3);
        assert!(gone.iter().all(|p| !p.exists()));
        assert!(kept.iter().all(|p| p.exists()));
    }
}
