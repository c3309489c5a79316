//! Atomic, private file writes: a temp file in the same folder, fsync,
//! rename over the target, fsync the folder. A crash leaves either the old
//! file or the new one, never half of either.

use super::{Result, StoreError, fail};
use std::fs;
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

/// Writes `bytes` to `path` atomically with mode 0600.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, bytes, true)
}

/// As [`write`] without the fsyncs, for a file a transaction's journal
/// names: a crash before the commit is synced puts it back from HEAD, and
/// the commit syncs it with its objects (see `git::objects`).
pub fn write_unsynced(path: &Path, bytes: &[u8]) -> Result<()> {
    replace(path, bytes, false)
}

/// A private temp file beside `path`, filled, (synced,) renamed over it
/// (and the folder synced).
fn replace(path: &Path, bytes: &[u8], synced: bool) -> Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| StoreError::Repo(format!("{} has no folder", path.display())))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)
        .map_err(StoreError::io(dir))?;
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(0o600))
        .map_err(StoreError::io(tmp.path()))?;
    fail::point("write")
        .and_then(|_| tmp.write_all(bytes))
        .map_err(StoreError::io(tmp.path()))?;
    if synced {
        fail::point("fsync")
            .and_then(|_| tmp.as_file().sync_all())
            .map_err(StoreError::io(tmp.path()))?;
    }
    fail::point("rename").map_err(StoreError::io(path))?;
    tmp.persist(path).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    if synced { sync_dir(dir) } else { Ok(()) }
}

/// The name prefix of our temp files (ignored by git through `.gitignore`).
pub const TEMP_PREFIX: &str = ".tmp-";

/// When this process started: temp files older than that are left-overs
/// of a crash (a live writer's temp file is newer than its own start).
static STARTED: std::sync::OnceLock<std::time::SystemTime> = std::sync::OnceLock::new();

/// Records the process start; call first thing in `main`.
pub fn mark_process_start() {
    STARTED.get_or_init(std::time::SystemTime::now);
}

/// Removes our temp files in `dir` (`prefix`) older than this process, or
/// all of them (`all`, when the repository lock rules out a live writer);
/// returns how many. Left-overs hold names and notes, so they must go.
pub fn remove_stale_temps(dir: &Path, prefix: &str, all: bool) -> usize {
    let started = *STARTED.get_or_init(std::time::SystemTime::now);
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let stale = e
            .file_name()
            .as_encoded_bytes()
            .starts_with(prefix.as_bytes())
            && e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|m| all || m < started);
        if stale && fs::remove_file(e.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// fsync a folder so a rename in it survives a crash (tempfile does not).
pub fn sync_dir(dir: &Path) -> Result<()> {
    fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(StoreError::io(dir))
}

/// Creates a folder (and parents) readable by the owner only.
pub fn create_private_dir(dir: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(StoreError::io(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_whole_file_with_private_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .collect();
        assert_eq!(leftovers.len(), 1, "no temp file left behind");
    }
}
