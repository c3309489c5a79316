//! `verzuim demo`: a fresh case repository in a temp folder, filled with the
//! sample cases from `cases/` shifted by whole weeks so their dates are
//! recent (weekdays stay weekdays), then opened in the TUI (or, when not on
//! a terminal, its overdue list printed).

use super::ctx::Ctx;
use super::out::outln;
use crate::domain::case::Case;
use crate::domain::ids;
use crate::i18n::t;
use crate::store::git::{self, Change};
use crate::store::load::CASES_DIR;
use crate::store::{CaseRepo, Result, StoreError, atomic, case_file, embedded};
use chrono::{Days, NaiveDate};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// The Friday the sample cases were written against.
pub const SAMPLE_TODAY: &str = "2025-11-21";

/// Creates the demo repository in `dir` with the samples shifted to `today`.
pub fn create_demo_repo(dir: &Path, today: NaiveDate) -> Result<CaseRepo> {
    atomic::create_private_dir(dir)?;
    let repo = git::init(dir)?;
    if repo.signature().is_err() {
        let mut cfg = repo.config()?;
        cfg.set_str("user.name", "verzuim demo")?;
        cfg.set_str("user.email", "demo@verzuim.invalid")?;
    }
    drop(repo);
    let case_repo = CaseRepo::init(dir)?;
    let anchor = crate::domain::dates::parse(SAMPLE_TODAY).expect("valid constant");
    let weeks = (today - anchor).num_days().div_euclid(7);
    let mut files = Vec::new();
    for (name, text) in embedded::SAMPLE_CASES {
        let stem = name.trim_end_matches(".toml");
        let case = case_file::parse(name, stem, text).map_err(StoreError::Broken)?;
        let shifted = shift(case, weeks);
        files.push((
            format!("{CASES_DIR}/{name}"),
            case_file::render_new(&shifted),
        ));
    }
    for (path, text) in &files {
        atomic::write(&dir.join(path), text.as_bytes())?;
    }
    let git = case_repo.git()?;
    let author = git::signature(&git, None)?;
    let changes = Change::writes(&files);
    git::commit(
        &git,
        &changes,
        &format!("demo: {} sample cases", files.len()),
        &author,
    )?;
    Ok(case_repo)
}

fn shift(mut case: Case, weeks: i64) -> Case {
    let by = |d: NaiveDate| {
        if weeks >= 0 {
            d + Days::new(7 * weeks as u64)
        } else {
            d - Days::new(7 * weeks.unsigned_abs())
        }
    };
    case.birth = by(case.birth);
    case.opened = case.opened.map(by);
    for e in case.events.values_mut() {
        e.date = by(e.date);
        e.until = e.until.map(by);
    }
    debug_assert!(ids::is_valid(&case.id));
    case
}

pub fn run(ctx: &Ctx) -> Result<ExitCode> {
    // A private temp folder that is removed again when the demo ends, so
    // running the demo leaves no copies of sample data behind.
    let tmp = tempfile::Builder::new()
        .prefix("verzuim-demo-")
        .tempdir()
        .map_err(StoreError::io(std::env::temp_dir()))?;
    let dir = tmp.path().join("dossiers");
    let repo = create_demo_repo(&dir, ctx.today)?;
    if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() {
        crate::ui::run_on(&repo, ctx.today)?;
        return Ok(ExitCode::SUCCESS);
    }
    let loaded = crate::store::load::load(&repo.root)?;
    let cl = &loaded.caseload;
    let checks = cl.evaluate_all(ctx.today);
    outln!(
        "{} ({}):",
        t("over tijd", "overdue"),
        crate::i18n::date(ctx.today)
    );
    super::show::print_due_items(
        &crate::domain::caseload::overdue(&cl.cases, &checks, ctx.today),
        ctx.today,
    );
    Ok(ExitCode::SUCCESS)
}
