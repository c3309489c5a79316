//! `check` and `overdue`: the commands that read every case. They visit the
//! cases with `store::scan` (each case evaluated and rendered, then
//! dropped) instead of holding the caseload, so their memory is what they
//! print, not the size of the repository.

use super::commands::Ctx;
use super::out::errln;
use super::{json, show};
use crate::domain::case::Case;
use crate::domain::caseload::{self, CalendarSet};
use crate::domain::engine::{ActionStatus, Evaluation};
use crate::domain::textpos::FileError;
use crate::i18n::t;
use crate::store::scan::{self, Scanned};
use crate::store::{CaseRepo, Result};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

/// One open case's rendered lines (or JSON object), with its sort key.
struct Rendered {
    name: String,
    id: String,
    bytes: Vec<u8>,
}

pub fn check(ctx: &Ctx, as_json: bool) -> Result<ExitCode> {
    let root = CaseRepo::open(&ctx.dir)?.root;
    let today = ctx.today;
    let mut scanned = scan::scan(&root, |cl, case| {
        if !case.is_open() {
            return None;
        }
        let check = cl.evaluate(&case, today);
        let mut bytes = Vec::new();
        if as_json {
            let unchecked = check.as_ref().err().map(super::commands::unchecked_text);
            let typed = json::check::CheckCase::new(&case, &check, unchecked);
            json::check::check_case(&mut bytes, &typed);
        } else {
            // Writing into a Vec cannot fail.
            let _ = show::write_case_summary(&mut bytes, &case, &check, today);
        }
        Some(Rendered {
            name: case.name,
            id: case.id,
            bytes,
        })
    })?;
    let mut open: Vec<Rendered> = std::mem::take(&mut scanned.results)
        .into_iter()
        .flatten()
        .collect();
    // The order `load` gives: by name, then id.
    open.sort_unstable_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // A reader that went away (`| head`) only ends the output.
    let written = if as_json {
        json::check::write_check(&mut out, today, open.iter().map(|r| r.bytes.as_slice()))
    } else if open.is_empty() {
        writeln!(out, "{}", t("geen open dossiers", "no open cases"))
    } else {
        open.iter().try_for_each(|r| out.write_all(&r.bytes))
    }
    .and_then(|()| out.flush());
    drop(out);
    super::out::done(written);
    Ok(report_broken(&scanned, today))
}

pub fn overdue(ctx: &Ctx, as_json: bool) -> Result<ExitCode> {
    let root = CaseRepo::open(&ctx.dir)?.root;
    let today = ctx.today;
    let mut scanned = scan::scan(&root, |cl, case| {
        if !case.is_open() {
            return None;
        }
        let eval = cl.evaluate(&case, today).ok()?;
        let actions: Vec<_> = eval
            .actions
            .into_iter()
            .filter(|a| a.status == ActionStatus::Overdue)
            .collect();
        if actions.is_empty() {
            return None;
        }
        // Only what the list shows is kept: not the events, not the rest
        // of the evaluation.
        let case = Case {
            events: BTreeMap::new(),
            contacts: BTreeMap::new(),
            ..case
        };
        Some((
            case,
            Evaluation {
                actions,
                ..Default::default()
            },
        ))
    })?;
    let (cases, checks): (Vec<Case>, Vec<_>) = std::mem::take(&mut scanned.results)
        .into_iter()
        .flatten()
        .map(|(c, e)| (c, Ok(e)))
        .unzip();
    let items = caseload::overdue(&cases, &checks, today);
    if as_json {
        let items: Vec<_> = items.iter().map(json::check::Overdue::from).collect();
        json::print(&items);
    } else {
        show::print_due_items(&items, today);
    }
    Ok(report_broken(&scanned, today))
}

/// Prints broken files (and missing calendar data) to stderr; returns the
/// exit code (2 if any file is broken).
fn report_broken<R>(scanned: &Scanned<R>, today: NaiveDate) -> ExitCode {
    warn_no_holidays(&scanned.caseload.calendars, today);
    let broken: Vec<&FileError> = scanned
        .broken_protocols
        .iter()
        .chain(&scanned.broken_cases)
        .collect();
    for e in &broken {
        errln!("verzuim: {e}");
    }
    if broken.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}

fn warn_no_holidays(calendars: &CalendarSet, today: NaiveDate) {
    if !calendars.covers(today) {
        let year = crate::domain::dates::school_year_of(today);
        errln!(
            "verzuim: {} {}-{} {}",
            t(
                "let op: geen schoolvakanties voor schooljaar",
                "warning: no school holidays for school year"
            ),
            year,
            year + 1,
            t(
                "in calendar/; schooldagen slaan dan alleen weekenden over",
                "in calendar/; school days then skip weekends only"
            )
        );
    }
}
