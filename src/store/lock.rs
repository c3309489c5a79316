//! One writer at a time: an OS lock (flock) on the `.git` folder itself,
//! which the kernel releases when the process dies (no PID file to go
//! stale) and which no one can delete from under us while it is held, as
//! happened with a lock on a file. The holder's pid is written into
//! `.git/verzuim.lock` only to tell a waiting user who.

use super::{Result, StoreError};
use crate::i18n::t;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

pub struct RepoLock {
    /// The locked `.git` folder.
    dir: File,
}

impl RepoLock {
    /// Takes the lock, waiting up to `wait` while another process holds it.
    pub fn acquire(git_dir: &Path, wait: Duration, notify: &dyn Fn(&str)) -> Result<RepoLock> {
        let path = git_dir.join("verzuim.lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(StoreError::io(&path))?;
        let dir = File::open(git_dir).map_err(StoreError::io(git_dir))?;
        let started = Instant::now();
        let mut told = false;
        loop {
            match dir.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    let holder = holder(&mut file);
                    if started.elapsed() >= wait {
                        return Err(StoreError::Repo(format!(
                            "{} {holder})",
                            t(
                                "de dossiermap is bezet door een ander verzuim-proces (pid",
                                "the case repository is in use by another verzuim process (pid"
                            )
                        )));
                    }
                    if !told {
                        notify(&format!(
                            "{} {holder}...",
                            t(
                                "wachten op ander verzuim-proces, pid",
                                "waiting for another verzuim process, pid"
                            )
                        ));
                        told = true;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(git_dir)(e)),
            }
        }
        file.set_len(0)
            .and_then(|_| file.rewind())
            .map_err(StoreError::io(&path))?;
        write!(file, "{}", std::process::id()).map_err(StoreError::io(&path))?;
        Ok(RepoLock { dir })
    }
}

fn holder(file: &mut File) -> String {
    let mut s = String::new();
    let _ = file.rewind().and_then(|_| file.read_to_string(&mut s));
    if s.trim().is_empty() {
        "?".into()
    } else {
        s.trim().to_string()
    }
}

impl Drop for RepoLock {
    fn drop(&mut self) {
        let _ = self.dir.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deleting_the_lock_file_does_not_admit_a_second_writer() {
        let dir = tempfile::tempdir().unwrap();
        let held = RepoLock::acquire(dir.path(), Duration::ZERO, &|_| {}).unwrap();
        std::fs::remove_file(dir.path().join("verzuim.lock")).unwrap();
        let second = RepoLock::acquire(dir.path(), Duration::ZERO, &|_| {});
        assert!(second.is_err(), "a second writer got the lock");
        drop(held);
        assert!(RepoLock::acquire(dir.path(), Duration::ZERO, &|_| {}).is_ok());
    }
}
