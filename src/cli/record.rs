//! The recording commands: `new` (a case), `add` (an event) and `done`
//! (an action). Each parses its input into domain values (bad input is a
//! one-line error and changes nothing), then writes one commit and prints
//! the new id.

use super::args::FieldArgs;
use super::ctx::{Ctx, EventText, find_open_action, parse_date, protocol_for, unchecked_error};
use super::messages::{self, user};
use crate::domain::event::{DONE_KIND, Event};
use crate::domain::input;
use crate::domain::protocol::ResolvedProtocol;
use crate::i18n::{self, t};
use crate::store::load;
use crate::store::{CaseRepo, Result, StoreError};
use std::process::ExitCode;

/// `verzuim new`: a case from typed fields, its id printed.
pub fn new_case(
    ctx: &Ctx,
    input: &input::CaseInput,
    leerlingnummer: Option<&str>,
) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let rules = load::load_rules(&repo.root)?;
    let fields = input::case_fields(input, ctx.today).map_err(messages::input)?;
    protocol_for(&rules, &fields.protocol)?;
    let mut case = fields.into_case(crate::store::ids::fresh(), ctx.today);
    case.leerlingnummer = input::pupil_number(leerlingnummer).map_err(messages::input)?;
    repo.create_case(&case)?;
    super::out::ack(&case.id);
    Ok(ExitCode::SUCCESS)
}

/// `verzuim add`: one event, checked against the case's protocol and for
/// plausibility (`force` for what a person may mean), its id printed.
pub fn add(
    ctx: &Ctx,
    case: &str,
    (kind, date): (&str, &str),
    text: EventText,
    fields: &FieldArgs,
    force: bool,
) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let rules = load::load_rules(&repo.root)?;
    let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    let protocol = protocol_for(&rules, &current.protocol)?;
    let event = build_event(protocol, kind, date, text, fields)?;
    crate::domain::workflow::check_kind(&event)
        .map_err(|e| user(crate::i18n::work::workflow_error(&e)))?;
    super::setup::question(&rules, &current, &event, ctx.today, force)?;
    super::keys::unlock_for(&repo, &event)?;
    let what = format!("add {} {}", event.kind, event.date);
    super::out::ack(&repo.add_event(&id, &event, &what)?);
    Ok(ExitCode::SUCCESS)
}

/// Builds and validates an event from command-line text.
fn build_event(
    protocol: &ResolvedProtocol,
    kind: &str,
    date: &str,
    (until, hours, outcome, note): EventText,
    fields: &FieldArgs,
) -> Result<Event> {
    let input = input::EventInput {
        kind,
        date,
        until: until.as_deref(),
        hours: hours.as_deref(),
        outcome: outcome.as_deref(),
        note: note.as_deref(),
        fields: fields.given(),
    };
    input::event(&protocol.vocabulary, &input).map_err(messages::input)
}

/// `verzuim done`: an action marked done (on `--date`, at the latest today).
pub fn done(
    ctx: &Ctx,
    case: &str,
    action: &str,
    date: Option<String>,
    note: Option<String>,
) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let caseload = load::load_rules(&repo.root)?.into_caseload();
    let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    let eval = caseload
        .evaluate(&current, ctx.today)
        .map_err(|u| unchecked_error(&u))?;
    let found = find_open_action(&eval.actions, action)?;
    let mut event = Event::new(
        DONE_KIND,
        date.map(|d| parse_date("--date", &d))
            .transpose()?
            .unwrap_or(ctx.today),
    );
    if event.date > ctx.today {
        return Err(user(format!(
            "--date {}: {}",
            i18n::date(event.date),
            t("ligt na vandaag", "is after today")
        )));
    }
    event.action = Some(found.id.to_string());
    event.note = note.filter(|n| !n.trim().is_empty());
    let what = format!("action {} done", found.id);
    super::out::ack(&repo.add_event(&id, &event, &what)?);
    Ok(ExitCode::SUCCESS)
}
