//! Fixtures shared by the store's and the TUI worker's unit tests: a case
//! repository in a temp folder with a git identity, and a minimal case.

use crate::domain::case::{Case, CaseFields, Level};
use crate::domain::dates;
use crate::store::{CaseRepo, git};

/// A fresh case repository (quiet) with the author "Unit".
pub fn repo() -> (tempfile::TempDir, CaseRepo) {
    let dir = tempfile::tempdir().unwrap();
    let g = git::init(dir.path()).unwrap();
    let mut cfg = g.config().unwrap();
    cfg.set_str("user.name", "Unit").unwrap();
    cfg.set_str("user.email", "unit@example.org").unwrap();
    let repo = CaseRepo::init(dir.path()).unwrap().quiet();
    (dir, repo)
}

/// A vo case under the national protocol, opened 2025-09-01.
pub fn case(id: &str) -> Case {
    let fields = CaseFields {
        name: "N".into(),
        birth: dates::parse("2011-01-01").unwrap(),
        school: "S".into(),
        level: Level::Vo,
        protocol: "leerplichtwet".into(),
        gemeente: None,
        owner: None,
    };
    fields.into_case(id.into(), dates::parse("2025-09-01").unwrap())
}
