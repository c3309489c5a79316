//! `verzuim import FILE --map NAME [--apply]`: shows per case what an export
//! would add, what is already there, what changed, which rows found no case
//! or more than one, and the signals and actions the import starts; writes
//! it as one commit only with `--apply`.

use super::ctx::Ctx;
use super::messages::user;
use super::out::{errln, outln};
use crate::domain::case::Case;
use crate::domain::import::plan::{apply_to, effects};
use crate::domain::import::records::{self, Pupil};
use crate::domain::import::{CasePlan, ErrorKind, ItemStatus, Mapping, Plan, RowError, plan};
use crate::i18n::t;
use crate::store::import::{load_mapping, read_table};
use crate::store::load;
use crate::store::{CaseRepo, Result};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(ctx: &Ctx, file: &Path, map: &str, apply: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let repo = CaseRepo::open(&ctx.dir)?;
    let mapping = load_mapping(&repo.root, map)?;
    let loaded = load::load(&repo.root)?;
    let tty = std::io::stderr().is_terminal();
    let mut progress = |n: usize| {
        if tty {
            eprint!("\rverzuim: {n} {}", t("rijen gelezen", "rows read"));
        }
    };
    let table = read_table(file, &mut progress)?.map_err(|e| user(describe(&e)))?;
    let rows = table.rows.len();
    let recs = records::read(&table, &mapping).map_err(|e| user(describe(&e)))?;
    let cl = &loaded.caseload;
    let school_day = |c: &Case, d| {
        cl.calendars
            .for_case(c, cl.library.protocols.get(&c.protocol))
            .is_school_day(d)
    };
    let plan = plan(&mapping, recs, &cl.cases, &school_day).map_err(|mut e| {
        e.file = table.file.clone();
        user(describe(&e))
    })?;
    for cp in &plan.cases {
        print_case(ctx, &cl.cases[cp.case], cp, &loaded);
    }
    print_rows(&plan);
    print_total(&plan);
    if tty {
        eprint!("\r");
    }
    errln!(
        "verzuim: {rows} {} {} {:.2} s",
        t("rijen gelezen uit", "rows read from"),
        clean(&table.file),
        started.elapsed().as_secs_f64()
    );
    let (new, _, changed) = plan.counts();
    if new + changed == 0 {
        outln!("{}", t("niets te schrijven", "nothing to write"));
    } else if apply {
        let commit = write(&repo, &mapping, &plan, &cl.cases)?;
        outln!(
            "{} {}",
            t("vastgelegd in commit", "committed as"),
            &commit[..commit.len().min(10)]
        );
    } else {
        outln!(
            "{}",
            t(
                "proefdraai: er is niets geschreven; schrijf het met --apply",
                "dry run: nothing was written; write it with --apply"
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn print_total(plan: &Plan) {
    let (new, present, changed) = plan.counts();
    outln!(
        "{}: {new} {}, {present} {}, {changed} {}, {} {}, {} {}, {} {}",
        t("totaal", "total"),
        t("nieuw", "new"),
        t("al aanwezig", "already present"),
        t("gewijzigd", "changed"),
        plan.unmatched.len(),
        t("rijen zonder case", "rows without a case"),
        plan.ambiguous.len(),
        t("rijen met meer cases", "rows with several cases"),
        plan.skipped,
        t("rijen overgeslagen", "rows skipped"),
    );
}

/// One commit; its message names the mapping, counts and case ids only.
fn write(repo: &CaseRepo, m: &Mapping, plan: &Plan, cases: &[Case]) -> Result<String> {
    let mut edits = Vec::new();
    let mut body = String::new();
    for cp in &plan.cases {
        let events: Vec<_> = cp
            .items
            .iter()
            .filter(|i| i.status != ItemStatus::Present)
            .map(|i| (i.id.clone(), i.event.clone()))
            .collect();
        if events.is_empty() {
            continue;
        }
        let id = &cases[cp.case].id;
        body += &format!("case {id}: {} events\n", events.len());
        edits.push((id.to_string(), events));
    }
    let (new, _, changed) = plan.counts();
    let message = format!(
        "import {}: {new} events added, {changed} changed in {} cases\n\n{body}",
        m.id,
        edits.len()
    );
    repo.write_import(&edits, &message)
}

fn print_case(ctx: &Ctx, case: &Case, cp: &CasePlan, loaded: &load::Loaded) {
    outln!("{}  {}", case.id, clean(&case.name));
    for item in &cp.items {
        let (mark, word) = match &item.status {
            ItemStatus::New => ('+', t("nieuw", "new")),
            ItemStatus::Present => ('=', t("al aanwezig", "already present")),
            ItemStatus::Changed(_) => ('~', t("gewijzigd", "changed")),
        };
        let e = &item.event;
        let was = match &item.status {
            ItemStatus::Changed(old) => format!(
                " ({}:{})",
                t("was", "was"),
                clean(&crate::i18n::event_details(old))
            ),
            _ => String::new(),
        };
        outln!(
            "  {mark} {}  {:<14}{}  [{word}; {} {}]{was}",
            crate::i18n::date(e.date),
            e.kind,
            clean(&crate::i18n::event_details(e)),
            t("rij", "row"),
            rows_text(&item.rows)
        );
    }
    let after = apply_to(case, cp);
    let (signals, actions) = effects(&loaded.caseload, case, &after, ctx.today);
    for s in signals {
        outln!("  ! {}: {} ({})", t("signaal", "signal"), s.message, s.rule);
    }
    for a in actions {
        outln!(
            "  > {}: {} ({} {}, {})",
            t("actie", "action"),
            a.title,
            t("uiterlijk", "due"),
            a.due,
            a.role.as_str()
        );
    }
}

fn print_rows(plan: &Plan) {
    for (row, pupil) in &plan.unmatched {
        outln!(
            "? {} {row}: {} ({})",
            t("rij", "row"),
            t("geen case gevonden", "no case found"),
            who(pupil)
        );
    }
    for (row, pupil, n) in &plan.ambiguous {
        outln!(
            "? {} {row}: {} {n} {} ({})",
            t("rij", "row"),
            t("past op", "fits"),
            t("cases; niets gekozen", "cases; none chosen"),
            who(pupil)
        );
    }
}

fn who(p: &Pupil) -> String {
    match p {
        Pupil::Number(n) => format!("{} {}", t("leerlingnummer", "pupil number"), clean(n)),
        Pupil::NameBirth(_, b) => {
            format!("{} {b}", t("naam en geboortedatum", "name and birth date"))
        }
    }
}

/// "3, 4, 5" (the first few, then how many more).
fn rows_text(rows: &[usize]) -> String {
    let mut sorted = rows.to_vec();
    sorted.sort_unstable();
    let shown: Vec<String> = sorted.iter().take(5).map(|r| r.to_string()).collect();
    match sorted.len() {
        n if n > 5 => format!("{} +{}", shown.join(", "), n - 5),
        _ => shown.join(", "),
    }
}

/// Text from a file never reaches the terminal with its control characters.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// One line: `file:row:column: what`.
fn describe(e: &RowError) -> String {
    let what = match &e.kind {
        ErrorKind::MissingColumn { name, found } => format!(
            "{} `{}` {}; {}: {}",
            t("kolom", "column"),
            clean(name),
            t("staat niet in de kopregel", "is not in the header row"),
            t("gevonden", "found"),
            clean(&found.join(", "))
        ),
        ErrorKind::Empty { column } => {
            format!(
                "{} `{}` {}",
                t("kolom", "column"),
                clean(column),
                t("is leeg", "is empty")
            )
        }
        ErrorKind::BadDate { text } => format!(
            "`{}`: {}",
            clean(text),
            t(
                "geen bestaande datum in de formaten van de koppeling",
                "not a real date in the mapping's formats"
            )
        ),
        ErrorKind::UntilBeforeDate { until, date } => {
            format!("{until} {} {date}", t("ligt voor", "is before"))
        }
        ErrorKind::UnknownCode { code } => format!(
            "{} `{}` {}",
            t("onbekende code", "unknown code"),
            clean(code),
            t(
                "(voeg hem toe aan [codes] van de koppeling)",
                "(add it to the mapping's [codes])"
            )
        ),
        ErrorKind::BadNumber { text } => format!(
            "`{}`: {}",
            clean(text),
            t("geen geldig aantal uren", "not a valid number of hours")
        ),
        ErrorKind::UnknownValue { text } => format!(
            "{} `{}`",
            t("onbekende waarde", "unknown value"),
            clean(text)
        ),
        ErrorKind::Invalid(error) => clean(&super::messages::event_error(error)),
        ErrorKind::Malformed { message } => format!(
            "{}: {}",
            t("geen leesbare tabel", "not a readable table"),
            clean(message)
        ),
    };
    format!(
        "{}:{}:{}: {what} ({})",
        clean(&e.file),
        e.row,
        e.column,
        t("er is niets geschreven", "nothing was written")
    )
}
