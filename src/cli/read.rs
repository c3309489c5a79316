//! `check` and `overdue`: the commands that read every case. They visit the
//! cases with `store::scan` (each case evaluated and rendered, then
//! dropped) instead of holding the caseload, so their memory is what they
//! print, not the size of the repository. Each keeps its results in a memo
//! (`store/memo.rs`): `check` for the day, `overdue` for as long as each
//! case's evaluation stays the same (`cli/due.rs`).

use super::ctx::Ctx;
use super::out::errln;
use super::{due, json, show};
use crate::domain::caseload::{self, CalendarSet};
use crate::domain::engine::DaySpan;
use crate::domain::textpos::FileError;
use crate::i18n::t;
use crate::store::scan::{self, Scanned};
use crate::store::{CaseRepo, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::process::ExitCode;

/// One open case's rendered lines (or JSON object), with its sort key;
/// kept in the command's memo for the rest of the day.
#[derive(Serialize, Deserialize)]
struct Rendered {
    name: String,
    id: String,
    text: String,
}

/// What a memo of `command` depends on besides the rules and the program:
/// the language of the text and whether it is JSON (the day is checked
/// against each entry's span).
fn memo_for(command: &'static str, today: NaiveDate, as_json: bool) -> scan::MemoFor<'static> {
    // The language even for JSON: a title in it may be worded.
    let variant = match (crate::i18n::lang(), as_json) {
        (crate::i18n::Lang::Nl, false) => "nl",
        (crate::i18n::Lang::En, false) => "en",
        (crate::i18n::Lang::Nl, true) => "json-nl",
        (crate::i18n::Lang::En, true) => "json-en",
    };
    scan::MemoFor {
        command,
        variant,
        today,
    }
}

pub fn check(ctx: &Ctx, as_json: bool) -> Result<ExitCode> {
    let root = CaseRepo::open(&ctx.dir)?.root;
    let today = ctx.today;
    let memo = memo_for("check", today, as_json);
    let mut scanned = scan::scan_memo(&root, memo, |cl, case| {
        if !case.is_open() {
            return (None, DaySpan::day(today));
        }
        let check = cl.evaluate(&case, today);
        let mut bytes = Vec::new();
        if as_json {
            let unchecked = check.as_ref().err().map(super::ctx::unchecked_text);
            let typed = json::check::CheckCase::new(&case, &check, unchecked);
            json::check::check_case(&mut bytes, &typed);
        } else {
            // Writing into a Vec cannot fail.
            let _ = show::write_case_summary(&mut bytes, &case, &check, today);
        }
        let rendered = Rendered {
            name: case.name,
            id: case.id.to_string(),
            text: String::from_utf8_lossy(&bytes).into_owned(),
        };
        // Its summary lines speak of today: kept for today only.
        (Some(rendered), DaySpan::day(today))
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
        json::check::write_check(&mut out, today, open.iter().map(|r| r.text.as_bytes()))
    } else if open.is_empty() {
        writeln!(out, "{}", t("geen open dossiers", "no open cases"))
    } else {
        open.iter()
            .try_for_each(|r| out.write_all(r.text.as_bytes()))
    }
    .and_then(|()| out.flush());
    drop(out);
    super::out::done(written);
    Ok(report_broken(&scanned, today))
}

pub fn overdue(ctx: &Ctx, as_json: bool) -> Result<ExitCode> {
    let root = CaseRepo::open(&ctx.dir)?.root;
    let today = ctx.today;
    let memo = memo_for("overdue", today, as_json);
    let mut scanned = scan::scan_memo(&root, memo, |cl, case| {
        if !case.is_open() {
            // Whether a case is closed is in its file, not in the day.
            return (Vec::new(), DaySpan::ALWAYS);
        }
        let (check, span) = cl.evaluate_spanned(&case, today);
        let case = std::slice::from_ref(&case);
        let check = [check];
        let rows = caseload::overdue(case, &check, today)
            .iter()
            .map(due::OverdueRow::of)
            .collect();
        (rows, span)
    })?;
    let mut rows: Vec<due::OverdueRow> = std::mem::take(&mut scanned.results)
        .into_iter()
        .flatten()
        .collect();
    // Oldest due first, as `caseload::overdue` orders them.
    rows.sort_unstable_by(|a, b| (a.due, &a.case, &a.action).cmp(&(b.due, &b.case, &b.action)));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = if as_json {
        json::check::write_overdue(&mut out, rows.iter().map(|r| r.json(today)))
    } else {
        show::write_due_lines(&mut out, rows.iter().map(|r| r.line(today)), today)
    }
    .and_then(|()| out.flush());
    drop(out);
    super::out::done(written);
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
