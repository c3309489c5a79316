//! One writer at a time: an OS file lock on `.git/verzuim.lock` that the
//! kernel releases when the process dies (no PID file to go stale). The
//! holder's pid is written into the file only to tell a waiting user who.

use super::{Result, StoreError};
use crate::i18n::t;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::Path;
use std::time::{Duration, Instant};

pub struct RepoLock {
    file: File,
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
        let started = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
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
                Err(std::fs::TryLockError::Error(e)) => return Err(StoreError::io(&path)(e)),
            }
        }
        file.set_len(0)
            .and_then(|_| file.rewind())
            .map_err(StoreError::io(&path))?;
        write!(file, "{}", std::process::id()).map_err(StoreError::io(&path))?;
        Ok(RepoLock { file })
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
        let _ = self.file.unlock();
    }
}
