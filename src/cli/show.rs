//! Plain-text output: case summaries, the overdue list, one case (read,
//! then printed as text or as the JSON of `cli/json/case.rs`) and its git
//! history. The protocol library: `cli/protocols.rs`.

use super::ctx::{Ctx, unchecked_text};
use super::json::case::Show;
use super::out::outln;
use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, DueItem};
use crate::domain::engine::{Action, ActionStatus};
use crate::domain::event::KindSpec;
use crate::domain::protocol::ResolvedProtocol;
use crate::domain::protocol::Role;
use crate::domain::protocol::resolve::Library;
use crate::domain::text::escape;
use crate::i18n::{date, t};
use crate::store::load;
use crate::store::{CaseRepo, Result, StoreError, git};
use chrono::NaiveDate;
use std::io::Write;
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
pub fn write_due_lines(
    out: &mut impl Write,
    mut lines: impl Iterator<Item = impl AsRef<str>>,
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
        .try_for_each(|l| writeln!(out, "{}", l.as_ref()))
}

/// One line of the due list (without its line end).
pub fn due_item_line(i: &DueItem) -> String {
    let title = crate::i18n::work::action_title(i.action);
    due_line(&DueFields::of(i, &title), i.days_overdue)
}

/// What a line of the due list shows of an action besides how many days
/// it is overdue (`overdue` keeps these in its memo across days).
pub struct DueFields<'a> {
    pub due: NaiveDate,
    pub case: &'a str,
    pub name: &'a str,
    pub role: Role,
    /// As the list words it (`i18n::work::action_title`).
    pub title: &'a str,
}

impl<'a> DueFields<'a> {
    pub fn of(i: &DueItem<'a>, title: &'a str) -> DueFields<'a> {
        DueFields {
            due: i.action.due,
            case: &i.case.id,
            name: &i.case.name,
            role: i.action.role,
            title,
        }
    }
}

/// The line of `f`, `days` overdue.
pub fn due_line(f: &DueFields, days: i64) -> String {
    format!(
        "{}  {:>3} {}  {}  {:<22} {:<11} {}",
        date(f.due),
        days,
        t("d", "d"),
        escape(f.case),
        escape(f.name),
        // to_string: Role's Display ignores the width, the column needs it padded
        f.role.to_string(),
        escape(f.title)
    )
}

pub fn show(ctx: &Ctx, case: &str, as_json: bool) -> Result<ExitCode> {
    let shown = load_shown(ctx, case)?;
    if as_json {
        let unchecked = shown.check.as_ref().err().map(unchecked_text);
        let kept = shown.kept.as_ref().map_err(super::retention::error_text);
        let doc = Show::new(&shown.case, &shown.check, unchecked, kept, ctx.today);
        super::json::print(&doc);
    } else {
        print_case(&shown, ctx.today);
    }
    Ok(ExitCode::SUCCESS)
}

/// One case as `show` gives it: the case with its sealed values opened
/// (when the key is at hand), the engine's result, the destruction dates.
struct Shown {
    case: Case,
    check: CaseCheck,
    kept: super::retention::Kept,
    library: Library,
}

/// The reading part of `show`.
fn load_shown(ctx: &Ctx, case: &str) -> Result<Shown> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let caseload = load::load_rules(&repo.root)?.into_caseload();
    let stored = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    // The engine works on the stored (sealed) case; only display opens it.
    let check = caseload.evaluate(&stored, ctx.today);
    let mut case = super::keys::reveal(&stored)?;
    case.keys.clear();
    let kept = crate::store::retention::rules(&repo.root)?.compute(&case);
    Ok(Shown {
        case,
        check,
        kept,
        library: caseload.library,
    })
}

fn print_case(shown: &Shown, today: NaiveDate) {
    let c = &shown.case;
    print_fields(c);
    super::retention::show_line(&shown.kept);
    if let Some(p) = crate::domain::workflow::pause_on(c, today, today) {
        outln!("  {}", crate::i18n::work::pause(&p));
    }
    let protocol = shown.library.protocols.get(&c.protocol);
    print_events(
        c,
        protocol
            .map(|p| p.vocabulary.as_slice())
            .unwrap_or_default(),
    );
    match &shown.check {
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
            for a in &eval.actions {
                print_action(c, a, protocol);
            }
        }
    }
}

fn print_fields(c: &Case) {
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
}

fn print_events(c: &Case, vocabulary: &[KindSpec]) {
    outln!("{}:", t("gebeurtenissen", "events"));
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
}

fn print_action(c: &Case, a: &Action, protocol: Option<&ResolvedProtocol>) {
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
