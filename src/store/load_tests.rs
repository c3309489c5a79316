//! Any bytes in one case file: loading never panics, never touches the
//! file, and lists every other case.

use super::*;
use crate::domain::case::{CaseFields, Level};
use crate::domain::dates;
use crate::store::CaseRepo;
use proptest::prelude::*;

fn repo() -> (tempfile::TempDir, Vec<String>) {
    let dir = tempfile::tempdir().unwrap();
    let g = crate::store::git::init(dir.path()).unwrap();
    let mut cfg = g.config().unwrap();
    cfg.set_str("user.name", "Unit").unwrap();
    cfg.set_str("user.email", "unit@example.org").unwrap();
    let repo = CaseRepo::init(dir.path()).unwrap().quiet();
    let ids: Vec<String> = ["aaaa", "bbbb", "cccc"].map(String::from).to_vec();
    for id in &ids {
        let fields = CaseFields {
            name: format!("N {id}"),
            birth: dates::parse("2011-01-01").unwrap(),
            school: "S".into(),
            level: Level::Vo,
            protocol: "leerplichtwet".into(),
            gemeente: None,
            owner: None,
        };
        let case = fields.into_case(id.clone(), dates::parse("2025-09-01").unwrap());
        repo.create_case(&case).unwrap();
    }
    (dir, ids)
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, Vec<u8>),
    Truncate(usize),
    Whole(Vec<u8>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Replace(i, b)),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        proptest::collection::vec(any::<u8>(), 0..200).prop_map(Mutation::Whole),
    ]
}

#[test]
fn any_bytes_in_one_case_file_hide_no_other_case() {
    // One repository for all runs (the file is put back after each).
    let (dir, ids) = repo();
    let path = case_path(dir.path(), &ids[0]);
    let original = fs::read(&path).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    let result = runner.run(&mutation(), |m| {
        let mut bytes = original.clone();
        let n = bytes.len();
        match m {
            Mutation::Replace(i, b) => bytes[i % n] = b,
            Mutation::Insert(i, b) => {
                bytes.splice(i % n..i % n, b);
            }
            Mutation::Truncate(i) => bytes.truncate(i % n),
            Mutation::Whole(b) => bytes = b,
        }
        fs::write(&path, &bytes).unwrap();
        let loaded = load(dir.path()).unwrap();
        prop_assert_eq!(&fs::read(&path).unwrap(), &bytes, "file touched");
        for id in &ids[1..] {
            prop_assert!(loaded.caseload.cases.iter().any(|c| &c.id == id));
        }
        let listed = loaded.caseload.cases.iter().any(|c| c.id == ids[0]);
        let named = loaded
            .broken_cases
            .iter()
            .any(|e| e.file == "cases/aaaa.toml");
        prop_assert!(listed || named);
        fs::write(&path, &original).unwrap();
        Ok(())
    });
    result.unwrap();
}
