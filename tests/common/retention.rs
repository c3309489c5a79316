//! Shared by the retention tests: two cases (one long past its date, one
//! with a Wpg event) and a search of a whole `.git` for a trace.
#![allow(dead_code)]

use crate::common::Sandbox;
use std::path::Path;
use std::process::Command;

pub const NAME: &str = "Zwaantje Vergetelheid";
pub const TODAY: &str = "2026-11-23";

pub fn git(dir: &Path, home: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// An old case (born 2004: due since 2023) and a young one with a
/// hoorgesprek of 2020 (due 2025 under the Wpg) and a sick day.
pub fn cases(s: &Sandbox) -> (String, String, String) {
    let new = |name: &str, birth: &str, level: &str| {
        s.ok(
            "2018-09-01",
            &[
                "new",
                "--name",
                name,
                "--birth",
                birth,
                "--school",
                "De Brug",
                "--level",
                level,
                "--protocol",
                "leerplichtwet",
            ],
        )
    };
    let old = new(NAME, "2004-01-10", "vo");
    s.ok(
        "2018-09-03",
        &[
            "add",
            &old,
            "ziek",
            "--date",
            "2018-09-03",
            "--note",
            "Zwaantje belt zelf",
        ],
    );
    let young = new("Pietje Puk", "2012-05-01", "po");
    let hoor = s.ok(
        "2020-10-01",
        &[
            "add",
            &young,
            "hoorgesprek",
            "--date",
            "2020-10-01",
            "--note",
            "hoorgesprek-geheim",
        ],
    );
    s.ok(
        "2020-10-02",
        &["add", &young, "ziek", "--date", "2020-10-02"],
    );
    (old, young, hoor)
}

/// Whether any object in the database, decompressed, or any file under
/// `.git` as it lies on disk holds `needle`.
pub fn trace_in_git(dir: &Path, home: &Path, needle: &str) -> bool {
    let (_, all) = git(dir, home, &["cat-file", "--batch-all-objects", "--batch"]);
    let (_, log) = git(dir, home, &["log", "--all", "-p"]);
    let mut raw = false;
    let git_dir = if dir.join(".git").is_dir() {
        dir.join(".git")
    } else {
        dir.to_path_buf()
    };
    for e in walk(&git_dir) {
        let bytes = std::fs::read(&e).unwrap_or_default();
        raw |= bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
    }
    all.contains(needle) || log.contains(needle) || raw
}

pub fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
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
