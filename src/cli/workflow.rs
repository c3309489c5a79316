//! The working day on the command line (issue 14): `action add`, `pause`,
//! `resume`, `extend` and `handover`. Each is one event in the case file
//! and one commit whose message names ids and what changed, never titles,
//! reasons or names.

use super::ctx::{Ctx, find_open_action, parse_date, unchecked_error};
use super::messages::user;
use super::values::RoleArg;
use crate::domain::event::Event;
use crate::domain::workflow::{self, WorkflowError};
use crate::i18n::work::workflow_error;
use crate::store::load;
use crate::store::{CaseRepo, Result, StoreError};
use std::process::ExitCode;

#[derive(Debug, clap::Subcommand)]
pub enum ActionCommand {
    /// Add an action by hand; print its id (for `done` and `extend`).
    Add {
        case: String,
        #[arg(long)]
        title: String,
        #[arg(long)]
        due: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The day it was agreed (default today).
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
}

fn wf(e: WorkflowError) -> StoreError {
    user(workflow_error(&e))
}

/// `--date` as typed, else today.
fn day(ctx: &Ctx, date: Option<&str>) -> Result<chrono::NaiveDate> {
    date.map(|d| parse_date("--date", d))
        .transpose()
        .map(|d| d.unwrap_or(ctx.today))
}

fn note(text: Option<String>) -> Option<String> {
    text.filter(|n| !n.trim().is_empty())
}

pub fn action(ctx: &Ctx, command: ActionCommand) -> Result<ExitCode> {
    let ActionCommand::Add {
        case,
        title,
        due,
        role,
        date,
        note: text,
    } = command;
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(&case)?;
    let date = day(ctx, date.as_deref())?;
    let due = parse_date("--due", &due)?;
    let mut event = workflow::hand_action(date, &title, due, role.as_str()).map_err(wf)?;
    event.note = note(text);
    let what = format!("add hand action due {due}");
    let eid = repo.add_event(&id, &event, &what)?;
    super::out::ack(&workflow::hand_action_id(&eid));
    Ok(ExitCode::SUCCESS)
}

fn load_case(repo: &CaseRepo, case: &str) -> Result<(String, crate::domain::case::Case)> {
    let id = repo.resolve_case(case)?;
    let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    Ok((id, current))
}

fn commit(repo: &CaseRepo, id: &str, event: &Event, what: &str) -> Result<ExitCode> {
    super::out::ack(&repo.add_event(id, event, what)?);
    Ok(ExitCode::SUCCESS)
}

pub fn pause(
    ctx: &Ctx,
    case: &str,
    reason: &str,
    until: Option<&str>,
    date: Option<&str>,
) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let (id, current) = load_case(&repo, case)?;
    let date = day(ctx, date)?;
    let until = until.map(|u| parse_date("--until", u)).transpose()?;
    let event = workflow::pause(&current, date, until, reason, ctx.today).map_err(wf)?;
    commit(&repo, &id, &event, "pause deadlines")
}

pub fn resume(ctx: &Ctx, case: &str, date: Option<&str>) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let (id, current) = load_case(&repo, case)?;
    let event = workflow::resume(&current, day(ctx, date)?, ctx.today).map_err(wf)?;
    commit(&repo, &id, &event, "resume deadlines")
}

pub fn extend(
    ctx: &Ctx,
    case: &str,
    action: &str,
    (by, reason): (&str, &str),
    date: Option<&str>,
) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let (id, current) = load_case(&repo, case)?;
    let eval = load::load_rules(&repo.root)?
        .into_caseload()
        .evaluate(&current, ctx.today)
        .map_err(|u| unchecked_error(&u))?;
    let found = find_open_action(&eval.actions, action)?;
    let event =
        workflow::extension(day(ctx, date)?, &found.id, by, reason, ctx.today).map_err(wf)?;
    let what = format!("extend action {}", found.id);
    commit(&repo, &id, &event, &what)
}

pub fn handover(
    ctx: &Ctx,
    case: &str,
    owner: &str,
    date: Option<&str>,
    text: Option<String>,
) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let (id, current) = load_case(&repo, case)?;
    let mut event = workflow::handover(&current, day(ctx, date)?, owner, ctx.today).map_err(wf)?;
    event.note = note(text);
    // The store sets the case's owner in the same commit.
    commit(&repo, &id, &event, "handover")
}
