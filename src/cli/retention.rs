//! `verzuim retention`: the destruction round. `list` (table, JSON,
//! Markdown for the approval meeting), `approve` (one commit: ids and
//! rule ids), `destroy` (the approved list only; history rewritten on
//! every ref, old objects removed and checked gone).

use super::ctx::{Ctx, parse_date};
use super::out::outln;
use crate::domain::retention::RetentionRules;
use crate::domain::text::escape;
use crate::i18n::{count, date, t};
use crate::store::retention::destroy::{Destruction, Skip};
use crate::store::retention::purge::Verified;
use crate::store::retention::{self, remote::PurgeSync};
use crate::store::{CaseRepo, Result, load};
use clap::{Args, Subcommand};
use std::process::ExitCode;

// What destroy and sync say about destruction: a part of this command,
// in its own file.
#[path = "retention_print.rs"]
mod print;
use print::print_destruction;
pub use print::sync_note;

#[derive(Debug, Args)]
pub struct RetentionArgs {
    #[command(subcommand)]
    pub which: Which,
}

#[derive(Debug, Subcommand)]
pub enum Which {
    /// Cases and events due for destruction, with rule and source.
    List {
        /// Due on or before this date (default today).
        #[arg(long)]
        until: Option<String>,
        #[arg(long)]
        json: bool,
        /// As Markdown, for the approval meeting.
        #[arg(long)]
        markdown: bool,
    },
    /// Approve the list of everything due: retention/lists/LIST.toml, one commit.
    Approve {
        list: String,
        /// Due on or before this date (default today), as the list showed.
        #[arg(long)]
        until: Option<String>,
    },
    /// Destroy what an approved list names, from every commit of the history.
    Destroy { list: String },
}

pub fn run(ctx: &Ctx, args: RetentionArgs) -> Result<ExitCode> {
    match args.which {
        Which::List {
            until,
            json,
            markdown,
        } => list(ctx, until.as_deref(), json, markdown),
        Which::Approve { list, until } => {
            let until = until_or_today(ctx, until.as_deref())?;
            let file = CaseRepo::open(&ctx.dir)?.approve_list(&list, until, ctx.today)?;
            outln!(
                "{} {list}: {} ({})",
                t("lijst goedgekeurd", "list approved"),
                count(file.items.len(), ("regel", "regels"), ("line", "lines")),
                file.approved_by
            );
            outln!(
                "{}: verzuim retention destroy {list}",
                t("vernietigen met", "destroy with")
            );
            Ok(ExitCode::SUCCESS)
        }
        Which::Destroy { list } => {
            let d = CaseRepo::open(&ctx.dir)?.destroy_list(&list, ctx.today)?;
            print_destruction(&d);
            Ok(if d.verified.remaining.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            })
        }
    }
}

fn until_or_today(ctx: &Ctx, until: Option<&str>) -> Result<chrono::NaiveDate> {
    match until {
        Some(text) => parse_date("--until", text),
        None => Ok(ctx.today),
    }
}

fn list(ctx: &Ctx, until: Option<&str>, json: bool, markdown: bool) -> Result<ExitCode> {
    let until = until_or_today(ctx, until)?;
    let repo = CaseRepo::open(&ctx.dir)?;
    let loaded = load::load(&repo.root)?;
    let rules = retention::rules(&repo.root)?;
    let (items, errors) = retention::due(&rules, &loaded.caseload.cases, until);
    let name = |id: &str| {
        let c = loaded.caseload.cases.iter().find(|c| c.id == id);
        c.map(|c| escape(&c.name).into_owned()).unwrap_or_default()
    };
    if json {
        let source = |r: &str| rules.source_of(r).unwrap_or("");
        super::json::print(&super::json::retention::RetentionList::new(
            &items, until, source,
        ));
        return Ok(ExitCode::SUCCESS);
    }
    if markdown {
        outln!(
            "# {} {}\n",
            t("Vernietigingslijst tot en met", "Destruction list up to"),
            date(until)
        );
        outln!(
            "| {} | {} | {} | {} | {} |",
            t("dossier", "case"),
            t("naam", "name"),
            t("gebeurtenis", "event"),
            t("regel", "rule"),
            t("vernietigen per", "destroy from")
        );
        outln!("|---|---|---|---|---|");
    } else if !items.is_empty() {
        outln!(
            "{:<16}  {:<24}  {:<16}  {:<22}  {}",
            t("dossier", "case"),
            t("naam", "name"),
            t("gebeurtenis", "event"),
            t("regel", "rule"),
            t("vernietigen per", "destroy from")
        );
    }
    for i in &items {
        let event = i.event.as_deref().unwrap_or("-");
        if markdown {
            outln!(
                "| {} | {} | {event} | {} | {} |",
                i.case,
                name(&i.case),
                i.due.rule,
                date(i.due.date)
            );
        } else {
            outln!(
                "{:<16}  {:<24}  {event:<16}  {:<22}  {}",
                i.case,
                name(&i.case),
                i.due.rule,
                date(i.due.date)
            );
        }
    }
    let used: Vec<&str> = items.iter().map(|i| i.due.rule.as_str()).collect();
    sources(&rules, &used, markdown);
    if markdown {
        outln!(
            "\n{}: `verzuim retention approve NAAM --until {}`",
            t("Goedkeuren", "Approve"),
            until.format("%Y-%m-%d")
        );
    } else if items.is_empty() {
        outln!(
            "{} {}",
            t("niets te vernietigen tot en met", "nothing due up to"),
            date(until)
        );
    }
    for e in errors {
        super::out::errln!("{}: {}", t("let op", "warning"), error_text(&e));
    }
    Ok(ExitCode::SUCCESS)
}

/// The quoted source of each rule used, once.
fn sources(rules: &RetentionRules, used: &[&str], markdown: bool) {
    let mut seen: Vec<&str> = Vec::new();
    for r in used {
        if !seen.contains(r) {
            seen.push(r);
        }
    }
    if !seen.is_empty() && markdown {
        outln!("\n## {}\n", t("Bronnen", "Sources"));
    } else if !seen.is_empty() {
        outln!("{}:", t("bronnen", "sources"));
    }
    for r in seen {
        let source = rules.source_of(r).unwrap_or("");
        if markdown {
            outln!("- **{r}**: {source}");
        } else {
            outln!("  {r}: {source}");
        }
    }
}

/// A case's destruction dates, or why there are none.
pub type Kept = std::result::Result<
    crate::domain::retention::CaseRetention,
    crate::domain::retention::RetentionError,
>;

/// The line of `show` with the destruction date.
pub fn show_line(kept: &Kept) {
    match kept {
        Ok(r) => {
            outln!(
                "  {}: {} ({})",
                t("vernietigen per", "destroy from"),
                date(r.case.date),
                r.case.rule
            );
            for (id, d) in &r.events {
                outln!(
                    "    {} {}: {} ({})",
                    t("gebeurtenis", "event"),
                    &id[..id.len().min(8)],
                    date(d.date),
                    d.rule
                );
            }
        }
        Err(e) => outln!(
            "  {}: {}",
            t("vernietigen per", "destroy from"),
            error_text(e)
        ),
    }
}

/// A retention error in the interface language.
pub fn error_text(e: &crate::domain::retention::RetentionError) -> String {
    use crate::domain::retention::RetentionError as E;
    match e {
        E::NoRule { case } => format!(
            "{case}: {}",
            t(
                "geen bewaarregel van toepassing (retention.toml)",
                "no retention rule applies (retention.toml)"
            )
        ),
        E::OutOfRange { case, rule } => format!(
            "{case}: {} {rule} {}",
            t("regel", "rule"),
            t("geeft geen geldige datum", "gives no valid date")
        ),
    }
}
