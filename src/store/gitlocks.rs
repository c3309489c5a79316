//! Git's own lock files (`index.lock`, `HEAD.lock`, `refs/**.lock`, ...)
//! left by a crash block every later write until a person deletes them.
//! While verzuim holds its repository lock, no verzuim process can be
//! writing; a git lock file that no live process has open, while no `git`
//! process works in this repository, is a left-over and is removed at once.

use std::fs;
use std::path::{Path, PathBuf};

/// Lock files in the git folder itself that git and libgit2 take.
const TOP: [&str; 4] = ["index.lock", "HEAD.lock", "packed-refs.lock", "config.lock"];

/// Removes stale git lock files; returns the ones removed, relative to
/// the git folder. Call only while holding [`super::lock::RepoLock`].
pub fn remove_stale(git_dir: &Path) -> Vec<String> {
    let git_dir = &fs::canonicalize(git_dir).unwrap_or_else(|_| git_dir.to_path_buf());
    let mut found: Vec<PathBuf> = TOP
        .iter()
        .map(|n| git_dir.join(n))
        .filter(|p| p.exists())
        .collect();
    find_locks(&git_dir.join("refs"), &mut found);
    if found.is_empty() {
        return Vec::new();
    }
    let work = git_dir.parent().unwrap_or(git_dir);
    let live = LiveProcesses::scan(work);
    let mut removed = Vec::new();
    for lock in found {
        if live.git_running || live.open_files.iter().any(|f| f == &lock) {
            continue;
        }
        if fs::remove_file(&lock).is_ok() {
            let rel = lock.strip_prefix(git_dir).unwrap_or(&lock);
            removed.push(rel.to_string_lossy().into_owned());
        }
    }
    removed
}

fn find_locks(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => find_locks(&path, out),
            Ok(t) if t.is_file() && path.extension().is_some_and(|x| x == "lock") => out.push(path),
            _ => {}
        }
    }
}

/// What other processes are doing, from `/proc`.
struct LiveProcesses {
    /// Files any process other than this one has open.
    open_files: Vec<PathBuf>,
    /// Whether a `git` process works in the repository (it may hold a lock
    /// without an open file between writing it and renaming it into place).
    git_running: bool,
}

impl LiveProcesses {
    fn scan(work: &Path) -> LiveProcesses {
        let me = std::process::id().to_string();
        let mut live = LiveProcesses {
            open_files: Vec::new(),
            git_running: false,
        };
        let Ok(procs) = fs::read_dir("/proc") else {
            return live;
        };
        for p in procs.flatten() {
            let name = p.file_name();
            let name = name.to_string_lossy();
            if !name.bytes().all(|b| b.is_ascii_digit()) || name == me {
                continue;
            }
            let comm = fs::read_to_string(p.path().join("comm")).unwrap_or_default();
            let is_git = comm.trim() == "git" || comm.trim().starts_with("git-");
            if is_git && fs::read_link(p.path().join("cwd")).is_ok_and(|cwd| cwd.starts_with(work))
            {
                live.git_running = true;
            }
            let Ok(fds) = fs::read_dir(p.path().join("fd")) else {
                continue;
            };
            live.open_files
                .extend(fds.flatten().filter_map(|fd| fs::read_link(fd.path()).ok()));
        }
        live
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_over_locks_go_and_held_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        // A `.git` inside the temp folder, as in a repository: the work tree
        // (where a running git would block removal) is then the temp folder,
        // not all of /tmp, where other tests run git.
        let git_dir = dir.path().join(".git");
        let git = git_dir.as_path();
        fs::create_dir_all(git.join("refs/heads/feature")).unwrap();
        fs::write(git.join("index.lock"), "").unwrap();
        fs::write(git.join("refs/heads/main.lock"), "").unwrap();
        fs::write(git.join("refs/heads/feature/x.lock"), "").unwrap();
        fs::write(git.join("refs/heads/main"), "").unwrap();
        // A lock some process has open is held, not stale. A child process
        // holds it so this process's own exclusion does not matter.
        let held = git.join("refs/heads/held.lock");
        fs::write(&held, "").unwrap();
        let mut child = std::process::Command::new("sh")
            .arg("-c")
            .arg("exec 3<\"$0\"; sleep 30")
            .arg(&held)
            .spawn()
            .unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let held = fs::canonicalize(&held).unwrap();
        while !LiveProcesses::scan(git).open_files.contains(&held) {
            assert!(
                std::time::Instant::now() < deadline,
                "child never opened it"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let mut removed = remove_stale(git);
        child.kill().unwrap();
        child.wait().unwrap();
        removed.sort();
        assert_eq!(
            removed,
            [
                "index.lock",
                "refs/heads/feature/x.lock",
                "refs/heads/main.lock"
            ]
        );
        assert!(held.exists() && git.join("refs/heads/main").exists());
    }
}
