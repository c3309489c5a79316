//! The objects of one commit written as loose objects without an fsync
//! each, then made durable together before the ref moves ([`sync_all`]).
//! libgit2 with `GIT_OPT_ENABLE_FSYNC_GITDIR` fsyncs every object, its
//! folder, the ref, the reflog and the index one after another: 19 fsyncs
//! for one state change, each waiting for its own journal commit. Here the
//! fsyncs of one step run side by side, so the filesystem commits them as
//! one (ext4's and xfs's journals group concurrent fsyncs). The order that
//! durability needs is kept: objects before the ref that names them, the
//! ref before the write is acknowledged.

use git2::{ObjectType, Oid, Repository};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files and folders written but not yet synced.
#[derive(Default)]
pub struct Pending(Vec<PathBuf>);

impl Pending {
    /// A file and the folder that holds its name.
    pub fn file(&mut self, path: &Path) {
        self.0.push(path.to_path_buf());
        if let Some(dir) = path.parent() {
            self.0.push(dir.to_path_buf());
        }
    }

    /// fsyncs everything pending, side by side; empties the list.
    pub fn sync(&mut self) -> std::io::Result<()> {
        let mut paths = std::mem::take(&mut self.0);
        paths.sort();
        paths.dedup();
        sync_all(&paths)
    }
}

/// fsyncs `paths` (files or folders) concurrently, one thread each: the
/// journal commits once for all of them instead of once per path.
pub fn sync_all(paths: &[PathBuf]) -> std::io::Result<()> {
    let one = |p: &PathBuf| std::fs::File::open(p).and_then(|f| f.sync_all());
    match paths {
        [] => Ok(()),
        [p] => one(p),
        _ => std::thread::scope(|s| {
            let handles: Vec<_> = paths[1..].iter().map(|p| s.spawn(move || one(p))).collect();
            let first = one(&paths[0]);
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(std::io::Error::other("fsync")))
                })
                .chain(std::iter::once(first))
                .collect()
        }),
    }
}

/// Writes `data` as a loose object of `kind` (zlib at `level`, any level
/// is valid to every git reader; `git gc` repacks them) without syncing;
/// its file and folder join `pending`.
pub fn write_loose(
    repo: &Repository,
    kind: ObjectType,
    data: &[u8],
    level: flate2::Compression,
    pending: &mut Pending,
) -> Result<Oid, git2::Error> {
    use flate2::write::ZlibEncoder;
    let oid = super::hash::object_id(kind, data);
    let hex = oid.to_string();
    let objects = repo.path().join("objects");
    let dir = objects.join(&hex[..2]);
    let path = dir.join(&hex[2..]);
    let io = |e: std::io::Error| git2::Error::from_str(&format!("writing object {hex}: {e}"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).map_err(io)?;
        let mut enc = ZlibEncoder::new(Vec::with_capacity(data.len() / 2 + 64), level);
        enc.write_all(format!("{} {}\0", kind.str(), data.len()).as_bytes())
            .map_err(io)?;
        enc.write_all(data).map_err(io)?;
        let bytes = enc.finish().map_err(io)?;
        // The temp file goes in `objects/` itself, where start-up finds and
        // removes one a crash left (see `atomic::remove_stale_temps`).
        let mut tmp = tempfile::Builder::new()
            .prefix(crate::store::atomic::TEMP_PREFIX)
            .tempfile_in(&objects)
            .map_err(io)?;
        tmp.write_all(&bytes).map_err(io)?;
        tmp.persist(&path).map_err(|e| io(e.error))?;
    }
    // Also when it existed: a process that crashed may have written it
    // without reaching its sync.
    pending.file(&path);
    Ok(oid)
}

/// Runs `f` with libgit2's own fsyncs off (the caller syncs what `f`
/// wrote with [`sync_all`]). Writers in this process are serialised by the
/// repository lock, and this lock keeps two toggles from interleaving.
pub fn without_libgit2_fsync<T>(f: impl FnOnce() -> T) -> T {
    static TOGGLE: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _guard = TOGGLE.lock().unwrap_or_else(|p| p.into_inner());
    set_fsync(false);
    let out = f();
    set_fsync(true);
    out
}

fn set_fsync(on: bool) {
    super::durable();
    // SAFETY: a documented global option with one int argument.
    unsafe {
        libgit2_sys::git_libgit2_opts(
            libgit2_sys::GIT_OPT_ENABLE_FSYNC_GITDIR as libc::c_int,
            libc::c_int::from(on),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_loose_object_reads_back_as_libgit2_wrote_it() {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repository::init(dir.path()).unwrap();
        let mut pending = Pending::default();
        let ours = write_loose(
            &repo,
            ObjectType::Blob,
            b"hello",
            flate2::Compression::fast(),
            &mut pending,
        )
        .unwrap();
        assert_eq!(ours, repo.blob(b"hello").unwrap());
        assert_eq!(repo.find_blob(ours).unwrap().content(), b"hello");
        assert_eq!(pending.0.len(), 2, "the file and its folder");
        pending.sync().unwrap();
        assert!(pending.0.is_empty());
    }
}
