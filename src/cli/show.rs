//! Plain-text output: case summaries, the overdue list, one case, its git
//! history, and the protocol library (list, check, Markdown).

use super::commands::{Ctx, unchecked_text};
use super::out::{errln, outln};
use crate::domain::case::Case;
use crate::domain::caseload::{CaseCheck, DueItem};
use crate::domain::engine::ActionStatus;
use crate::domain::protocol::{self, ResolvedProtocol, resolve_all};
use crate::i18n::t;
use crate::store::load::{self, PROTOCOLS_DIR};
use crate::store::{CaseRepo, Result, StoreError, git};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

fn status_text(s: ActionStatus) -> &'static str {
    match s {
        ActionStatus::Open => t("open", "open"),
        ActionStatus::Overdue => t("te laat", "overdue"),
        ActionStatus::Done => t("afgerond", "done"),
    }
}

fn print_signals(signals: &[crate::domain::engine::Signal]) {
    for s in signals {
        outln!(
            "  ! {}  {} {}  {}",
            s.rule,
            t("sinds", "since"),
            s.since,
            s.message
        );
    }
}

pub fn print_case_summary(case: &Case, check: &CaseCheck, today: NaiveDate) {
    outln!(
        "{}  {}  ({}, {}, {})",
        case.id,
        case.name,
        case.level,
        case.school,
        case.protocol
    );
    match check {
        Err(u) => outln!("  ? {}", unchecked_text(u)),
        Ok(eval) => {
            print_signals(&eval.signals);
            for a in eval.open_actions() {
                let late = a.days_overdue(today);
                let late = if late > 0 {
                    format!(" ({late} {})", t("dagen te laat", "days overdue"))
                } else {
                    String::new()
                };
                outln!(
                    "  - {:<9} {}  {}  [{}] {}{late}",
                    status_text(a.status),
                    a.due,
                    a.id,
                    a.role,
                    a.title
                );
            }
        }
    }
}

pub fn print_due_items(items: &[DueItem], today: NaiveDate) {
    if items.is_empty() {
        outln!("{} ({today})", t("niets te laat", "nothing overdue"));
        return;
    }
    for i in items {
        outln!(
            "{}  {:>3} {}  {}  {:<22} {:<11} {}",
            i.action.due,
            i.days_overdue,
            t("d", "d"),
            i.case.id,
            i.case.name,
            i.action.role,
            i.action.title
        );
    }
}

pub fn show(ctx: &Ctx, case: &str, as_json: bool) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let caseload = load::load_rules(&repo.root)?.into_caseload();
    let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    let check = caseload.evaluate(&current, ctx.today);
    if as_json {
        let eval = check.as_ref().ok();
        let v = serde_json::json!({ "today": ctx.today, "case": current, "evaluation": eval,
            "unchecked": check.as_ref().err().map(unchecked_text) });
        outln!("{v}");
        return Ok(ExitCode::SUCCESS);
    }
    let c = &current;
    outln!("{}  {}", c.id, c.name);
    outln!(
        "  {}: {}   {}: {}   {}: {}",
        t("geboren", "born"),
        c.birth,
        t("niveau", "level"),
        c.level,
        t("status", "status"),
        c.status.as_str()
    );
    outln!(
        "  school: {}   {}: {}",
        c.school,
        t("gemeente", "municipality"),
        c.gemeente.as_deref().unwrap_or("-")
    );
    outln!(
        "  protocol: {}   {}: {}",
        c.protocol,
        t("eigenaar", "owner"),
        c.owner.as_deref().unwrap_or("-")
    );
    outln!("{}:", t("gebeurtenissen", "events"));
    for (eid, e) in c.events_by_date() {
        let extra = e.details();
        let note = e
            .note
            .as_deref()
            .map(|n| format!("  \"{n}\""))
            .unwrap_or_default();
        outln!(
            "  {}  {:<18} {}{extra}{note}",
            e.date,
            e.kind,
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
                    class.since
                );
            }
            outln!("{}:", t("acties", "actions"));
            let protocol = caseload.library.protocols.get(&c.protocol);
            for a in &eval.actions {
                let done = a.done_on.map(|d| format!(" ({d})")).unwrap_or_default();
                outln!(
                    "  - {:<9}{done} {}  {}  [{}] {}",
                    status_text(a.status),
                    a.due,
                    a.id,
                    a.role,
                    a.title
                );
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
            e.time.format("%Y-%m-%d %H:%M"),
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
        .map(|x| format!(" (extends {x})"))
        .unwrap_or_default();
    outln!("{}  {}{extends}", p.id, p.name);
    for r in &p.rules {
        let levels: Vec<&str> = r.levels.iter().map(|l| l.as_str()).collect();
        let levels = if levels.is_empty() {
            String::new()
        } else {
            format!(" [{}]", levels.join(","))
        };
        outln!(
            "  {:<28} {:<13} {:<10} {}{levels}",
            r.id,
            r.kind,
            r.owner,
            r.message
        );
    }
}
