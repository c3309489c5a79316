//! Plain-text output: case summaries, the overdue list, one case, its git
//! history, and the protocol library (list, check, Markdown).

use super::ctx::{Ctx, unchecked_text};
use super::out::{errln, outln};
use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, DueItem};
use crate::domain::engine::ActionStatus;
use crate::domain::protocol::{self, ResolvedProtocol, resolve_all};
use crate::domain::text::escape;
use crate::i18n::{date, t};
use crate::store::load::{self, PROTOCOLS_DIR};
use crate::store::{CaseRepo, Result, StoreError, git};
use chrono::NaiveDate;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn status_text(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => t("open", "open"),
        ActionStatus::Overdue => t("verlopen", "overdue"),
        ActionStatus::Done => t("afgerond", "done"),
    }
}

/// Marks a deadline whose term no source states (a local default).
pub fn local_term_text(local: bool) -> &'static str {
    if local {
        t(" (lokale termijn)", " (local term)")
    } else {
        ""
    }
}

fn print_signals(signals: &[crate::domain::engine::Signal]) {
    let mut out = std::io::stdout().lock();
    super::out::done(write_signals(&mut out, signals));
}

fn write_signals(
    out: &mut impl Write,
    signals: &[crate::domain::engine::Signal],
) -> std::io::Result<()> {
    for s in signals {
        writeln!(
            out,
            "  ! {}  {} {}{}  ({})",
            s.message,
            t("sinds", "since"),
            date(s.since),
            local_term_text(s.local_term),
            s.rule,
        )?;
    }
    Ok(())
}

/// One case's lines of `check`, written to `out` (a buffer when cases are
/// rendered in parallel).
pub fn write_case_summary(
    out: &mut impl Write,
    case: &Case,
    check: &CaseCheck,
    today: NaiveDate,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}  {}  ({}, {}, {})",
        escape(&case.id),
        escape(&case.name),
        case.level,
        escape(&case.school),
        escape(&case.protocol)
    )?;
    match check {
        Err(u) => writeln!(out, "  ? {}", unchecked_text(u)),
        Ok(eval) => {
            write_signals(out, &eval.signals)?;
            for a in eval.open_actions() {
                let late = a.days_overdue(today);
                let late = if late > 0 {
                    format!(" ({late} {})", t("dagen over tijd", "days overdue"))
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "  - {:<9} {}  {}  [{}] {}{late}{}",
                    status_text(a.status),
                    date(a.due),
                    a.id,
                    a.role,
                    escape(&crate::i18n::work::action_title(a)),
                    local_term_text(a.local_term)
                )?;
            }
            Ok(())
        }
    }
}

pub fn print_due_items(items: &[DueItem], today: NaiveDate) {
    // One buffered write instead of a system call per line; a reader that
    // went away (`| head`) only ends the output.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = write_due_items(&mut out, items, today).and_then(|()| out.flush());
    drop(out);
    super::out::done(written);
}

fn write_due_items(
    out: &mut impl Write,
    items: &[DueItem],
    today: NaiveDate,
) -> std::io::Result<()> {
    let lines: Vec<String> = items.iter().map(due_item_line).collect();
    write_due_lines(out, lines.iter().map(String::as_str), today)
}

/// The due list's lines, or that nothing is overdue.
pub fn write_due_lines<'a>(
    out: &mut impl Write,
    mut lines: impl Iterator<Item = &'a str>,
    today: NaiveDate,
) -> std::io::Result<()> {
    let Some(first) = lines.next() else {
        return writeln!(
            out,
            "{} ({})",
            t("niets over tijd", "nothing overdue"),
            date(today)
        );
    };
    std::iter::once(first)
        .chain(lines)
        .try_for_each(|l| writeln!(out, "{l}"))
}

/// One line of the due list (without its line end).
pub fn due_item_line(i: &DueItem) -> String {
    format!(
        "{}  {:>3} {}  {}  {:<22} {:<11} {}",
        date(i.action.due),
        i.days_overdue,
        t("d", "d"),
        escape(&i.case.id),
        escape(&i.case.name),
        // to_string: Role's Display ignores the width, the column needs it padded
        i.action.role.to_string(),
        escape(&crate::i18n::work::action_title(i.action))
    )
}

pub fn show(ctx: &Ctx, case: &str, as_json: bool) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let caseload = load::load_rules(&repo.root)?.into_caseload();
    let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    // The engine works on the stored (sealed) case; only display opens it.
    let check = caseload.evaluate(&current, ctx.today);
    let mut current = super::keys::reveal(&current)?;
    current.keys.clear();
    let kept = crate::store::retention::rules(&repo.root)?.compute(&current);
    if as_json {
        let eval = check.as_ref().ok();
        let v = serde_json::json!({ "today": ctx.today, "case": current, "evaluation": eval,
            "unchecked": check.as_ref().err().map(unchecked_text),
            "retention": super::retention::json(&kept) });
        outln!("{v}");
        return Ok(ExitCode::SUCCESS);
    }
    let c = &current;
    outln!("{}  {}", c.id, c.name);
    outln!(
        "  {}: {}   {}: {}   {}: {}",
        t("geboren", "born"),
        date(c.birth),
        t("niveau", "level"),
        c.level,
        t("status", "status"),
        if c.is_open() {
            t("open", "open")
        } else {
            t("gesloten", "closed")
        }
    );
    outln!(
        "  school: {}   {}: {}",
        c.school,
        t("gemeente", "municipality"),
        c.gemeente.as_deref().unwrap_or("-")
    );
    if let Some(n) = &c.leerlingnummer {
        outln!("  {}: {n}", t("leerlingnummer", "pupil number"));
    }
    outln!(
        "  protocol: {}   {}: {}",
        c.protocol,
        t("eigenaar", "owner"),
        c.owner.as_deref().unwrap_or("-")
    );
    super::retention::show_line(&kept);
    if let Some(p) = crate::domain::workflow::pause_on(c, ctx.today, ctx.today) {
        outln!("  {}", crate::i18n::work::pause(&p));
    }
    outln!("{}:", t("gebeurtenissen", "events"));
    let vocabulary = caseload
        .library
        .protocols
        .get(&c.protocol)
        .map(|p| p.vocabulary.as_slice())
        .unwrap_or_default();
    // The label column as wide as this case's longest label, so ids line up.
    let width = c
        .events_by_date()
        .into_iter()
        .map(|(_, e)| crate::i18n::kind_label(&e.kind, vocabulary).chars().count())
        .max()
        .unwrap_or(0);
    for (eid, e) in c.events_by_date() {
        let extra = crate::i18n::event_details(e);
        let note = e
            .note
            .as_deref()
            .map(|n| format!("  \"{n}\""))
            .unwrap_or_default();
        outln!(
            "  {}  {:<width$} {}{extra}{note}",
            date(e.date),
            crate::i18n::kind_label(&e.kind, vocabulary),
            &eid[..eid.len().min(8)]
        );
    }
    match &check {
        Err(u) => outln!("  ? {}", unchecked_text(u)),
        Ok(eval) => {
            outln!("{}:", t("signalen", "signals"));
            print_signals(&eval.signals);
            if let Some(class) = &eval.class {
                outln!(
                    "  {}: {} ({}) {} {}",
                    class.scheme,
                    class.label,
                    class.colour.as_deref().unwrap_or("-"),
                    t("sinds", "since"),
                    date(class.since)
                );
            }
            outln!("{}:", t("acties", "actions"));
            let protocol = caseload.library.protocols.get(&c.protocol);
            for a in &eval.actions {
                let done = a
                    .done_on
                    .map(|d| format!(" ({})", date(d)))
                    .unwrap_or_default();
                outln!(
                    "  - {:<9}{done} {}  {}  [{}] {}{}",
                    status_text(a.status),
                    date(a.due),
                    a.id,
                    a.role,
                    crate::i18n::work::action_title(a),
                    local_term_text(a.local_term)
                );
                for line in a.shifts.iter().map(crate::i18n::work::shift) {
                    outln!("      {line}");
                }
                if let Some(consent) = &a.consent {
                    outln!("      {}", crate::i18n::work::consent(consent));
                }
                if a.status != ActionStatus::Done
                    && let Some(p) = protocol
                {
                    for contact in p
                        .contacts_for(a.role, c.gemeente.as_deref())
                        .into_iter()
                        .take(1)
                    {
                        outln!(
                            "      {}: {} {}",
                            t("contact", "contact"),
                            contact.name,
                            contact.email.as_deref().unwrap_or("")
                        );
                    }
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn log(ctx: &Ctx, case: &str) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let entries = git::file_history(
        &repo.git()?,
        &format!("{}/{id}.toml", load::CASES_DIR),
        usize::MAX,
    )?;
    for e in entries {
        outln!(
            "{}  {}  {}",
            format_args!("{} {}", date(e.time.date_naive()), e.time.format("%H:%M")),
            e.author,
            e.message.lines().next().unwrap_or("")
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn protocols(ctx: &Ctx, check: Option<PathBuf>, markdown: bool) -> Result<ExitCode> {
    // Outside a case repository, the built-in library.
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let files: Vec<(String, String)> = match CaseRepo::open(&ctx.dir) {
        Ok(repo) => load::toml_files(&repo.root.join(PROTOCOLS_DIR))?
            .iter()
            .map(|p| {
                Ok((
                    load::rel(&repo.root, p),
                    std::fs::read_to_string(p).map_err(StoreError::io(p))?,
                ))
            })
            .collect::<Result<_>>()?,
        Err(_) => crate::store::embedded::PROTOCOLS
            .iter()
            .map(|(n, t)| (format!("{PROTOCOLS_DIR}/{n}"), t.to_string()))
            .collect(),
    };
    let checked_id = match &check {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(StoreError::io(path))?;
            let p = match protocol::parse(&path.display().to_string(), &text) {
                Ok(p) => p,
                Err(e) => {
                    errln!("{e}");
                    return Ok(ExitCode::from(1));
                }
            };
            let id = p.id().to_string();
            sources.push(p);
            Some(id)
        }
        None => None,
    };
    for (name, text) in files {
        match protocol::parse(&name, &text) {
            Ok(p) if Some(p.id()) != checked_id.as_deref() => sources.push(p),
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    let lib = resolve_all(&sources);
    if let Some(id) = checked_id {
        return Ok(match lib.broken.get(&id) {
            Some(errs) => {
                for e in errs {
                    errln!("{e}");
                }
                ExitCode::from(1)
            }
            None => {
                outln!(
                    "{id}: ok ({} {})",
                    lib.protocols[&id].rules.len(),
                    t("regels", "rules")
                );
                ExitCode::SUCCESS
            }
        });
    }
    if markdown {
        let text = super::markdown::render(&lib.protocols.values().collect::<Vec<_>>());
        outln!("{}", text.trim_end_matches('\n'));
    } else {
        for p in lib.protocols.values() {
            print_protocol(p);
        }
    }
    errors.extend(lib.broken.values().flatten().cloned());
    for e in &errors {
        errln!("verzuim: {e}");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

fn print_protocol(p: &ResolvedProtocol) {
    let extends = p
        .chain
        .get(1)
        .map(|x| format!(" ({} {x})", t("bouwt voort op", "extends")))
        .unwrap_or_default();
    outln!("{}  {}{extends}", p.id, p.name);
    for r in &p.rules {
        let levels: Vec<&str> = r.levels.iter().map(|l| l.as_str()).collect();
        let levels = if levels.is_empty() {
            String::new()
        } else {
            format!(" [{}]", levels.join(","))
        };
        let local = local_term_text(r.term_source == protocol::TermSource::Local);
        outln!(
            "  {:<28} {:<13} {:<10} {}{levels}{local}",
            r.id,
            // to_string: their Display ignores the width, the columns need it
            r.kind.to_string(),
            r.owner.to_string(),
            r.message
        );
    }
}
