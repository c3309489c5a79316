//! A full disk and a read-only one, for real: a 2 MB tmpfs (mounted by
//! the test when it runs as root, as CI does; skipped with the reason
//! otherwise). `add` and `new` fail with a Dutch message that says what
//! happened and what to do, print no acknowledgement, and after the next
//! start nothing is half-written.

mod common;
use common::Sandbox;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const DAY: &str = "2025-09-02";

/// A tmpfs mounted for one test, unmounted when it ends.
struct Tmpfs {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl Tmpfs {
    fn mount(test: &str) -> Option<Tmpfs> {
        let uid = Command::new("id").arg("-u").output().ok()?;
        if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
            eprintln!("SKIPPED {test}: mounting a small tmpfs needs root (CI runs as root)");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("disk");
        std::fs::create_dir(&path).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs"])
            .arg(&path)
            .output()
            .ok()?;
        if !out.status.success() {
            eprintln!(
                "SKIPPED {test}: cannot mount a tmpfs here: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
            return None;
        }
        Some(Tmpfs { _dir: dir, path })
    }

    fn remount(&self, mode: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.path)
            .status()
            .unwrap();
        assert!(ok.success(), "remount {mode}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

fn sandbox_on(disk: &Tmpfs) -> Sandbox {
    let mut s = Sandbox::new();
    s.dir = disk.path.join("cases-repo");
    s.ok(DAY, &["init"]);
    s
}

/// Fills the disk, leaving about `free` bytes.
fn fill(disk: &Tmpfs, free: u64) -> PathBuf {
    let filler = disk.path.join("filler");
    let _ = std::fs::remove_file(&filler);
    let avail = {
        let out = Command::new("df")
            .args(["--output=avail", "-B1"])
            .arg(&disk.path)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines().nth(1).unwrap().trim().parse::<u64>().unwrap()
    };
    let size = avail.saturating_sub(free) as usize;
    // Written (not sparse), so the space is really taken; a short write
    // at the very end is fine.
    let _ = std::fs::write(&filler, vec![b'x'; size]);
    filler
}

fn new_args() -> Vec<&'static str> {
    vec![
        "new",
        "--name",
        "Bo Test",
        "--birth",
        "2011-05-06",
        "--school",
        "De Brug",
        "--level",
        "vo",
        "--protocol",
        "leerplichtwet",
    ]
}

/// Every file the repository holds that git does not ignore, with HEAD
/// and the commit count: what a failed write must leave as it was.
fn state(s: &Sandbox) -> (String, String, usize) {
    let head = s.git(&["rev-parse", "HEAD"]);
    let status = s.git(&[
        "status",
        "--porcelain",
        "--ignored",
        "--untracked-files=all",
    ]);
    (head, status, s.commit_count())
}

fn no_temp_files(dir: &Path) {
    for e in walk(dir) {
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            !name.starts_with(".tmp-") && !name.starts_with("tmp_object_git2_"),
            "left behind: {}",
            e.display()
        );
        assert!(name != "verzuim-journal", "journal left: {}", e.display());
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn assert_refused(out: &Output, words: &str, what: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{what}: succeeded on a bad disk");
    assert!(out.stdout.is_empty(), "{what}: acknowledged: {out:?}");
    assert!(err.contains(words), "{what}: {err}");
    assert!(!err.contains(" git:"), "{what}: {err}");
    // Nothing changed, or (the undo itself needed space) put back at the
    // next start, which the test then checks.
    assert!(
        err.contains("niets gewijzigd") || err.contains("bij de volgende start teruggezet"),
        "{what}: {err}"
    );
    assert!(!err.contains("os error"), "{what}: {err}");
    assert_eq!(err.trim().lines().count(), 1, "{what}: {err}");
}

#[test]
fn a_full_disk_refuses_add_and_new_in_dutch_and_leaves_nothing_half_written() {
    let Some(disk) = Tmpfs::mount("full disk") else {
        return;
    };
    let s = sandbox_on(&disk);
    let id = s.new_case("leerplichtwet");
    // From no space at all to enough for some steps but not all.
    for free in [0u64, 4096, 8192, 16384, 32768, 65536] {
        let before = state(&s);
        let filler = fill(&disk, free);
        let add = s.run(DAY, &["add", &id, "ziek", "--date", DAY]);
        let new = s.run(DAY, &new_args());
        std::fs::remove_file(&filler).unwrap();
        // The next start (a write) finds everything whole.
        s.ok(DAY, &["add", &id, "gesprek", "--date", DAY]);
        let after = state(&s);
        let acknowledged = [&add, &new].iter().filter(|o| o.status.success()).count();
        for (out, what) in [(&add, "add"), (&new, "new")] {
            if !out.status.success() {
                assert_refused(out, "de schijf is vol", &format!("{what} with {free} free"));
            }
        }
        assert_eq!(after.2, before.2 + acknowledged + 1, "{free}: commits");
        assert!(after.1.trim().is_empty(), "{free}: {}", after.1);
        no_temp_files(&s.dir);
    }
}

#[test]
fn a_read_only_disk_refuses_add_and_new_in_dutch_and_changes_nothing() {
    let Some(disk) = Tmpfs::mount("read-only disk") else {
        return;
    };
    let s = sandbox_on(&disk);
    let id = s.new_case("leerplichtwet");
    let before = state(&s);
    disk.remount("ro");
    let add = s.run(DAY, &["add", &id, "ziek", "--date", DAY]);
    let new = s.run(DAY, &new_args());
    disk.remount("rw");
    assert_refused(&add, "alleen-lezen", "add");
    assert_refused(&new, "alleen-lezen", "new");
    assert_eq!(state(&s), before);
    s.ok(DAY, &["add", &id, "ziek", "--date", DAY]);
    let after = state(&s);
    assert_eq!(after.2, before.2 + 1);
    assert!(after.1.trim().is_empty(), "{}", after.1);
    no_temp_files(&s.dir);
}
