//! `edit` and `withdraw`: corrections to a recorded event, each one commit
//! naming the event and the fields changed (never their values).

use super::args::FieldArgs;
use super::ctx::{Ctx, EventText, protocol_for};
use super::messages::{self, user};
use crate::domain::correction::{self, EventEdit};
use crate::domain::event::Event;
use crate::store::load;
use crate::store::{CaseRepo, Result, StoreError};
use std::process::ExitCode;

/// Changes the given fields of one event.
pub fn edit(
    ctx: &Ctx,
    case: &str,
    event: &str,
    date: Option<String>,
    (until, hours, outcome, note): EventText,
    fields: &FieldArgs,
) -> Result<ExitCode> {
    let change = EventEdit {
        date: date.as_deref(),
        until: until.as_deref(),
        hours: hours.as_deref(),
        outcome: outcome.as_deref(),
        note: note.as_deref(),
        fields: fields.given(),
    };
    if change.is_empty() {
        return Err(user(crate::i18n::t(
            "niets te wijzigen: geef minstens één veld (bijv. --date, --note)",
            "nothing to change: give at least one field (e.g. --date, --note)",
        )));
    }
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let rules = load::load_rules(&repo.root)?;
    let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    let protocol = protocol_for(&rules, &current.protocol)?;
    let eid = correction::find_event(&current, event).map_err(messages::correction)?;
    let old = &current.events[eid];
    let spec = protocol
        .kind(&old.kind)
        .cloned()
        .unwrap_or_else(|| correction::lenient_spec(old));
    let (new, changed) = correction::edit(old, &spec, &change).map_err(messages::correction)?;
    if changed.is_empty() {
        super::out::ack(eid);
        return Ok(ExitCode::SUCCESS);
    }
    let message = format!("case {id}: edit event {eid} ({})", changed.join(", "));
    replace(&repo, &id, eid, &new, message)?;
    super::out::ack(eid);
    Ok(ExitCode::SUCCESS)
}

/// Marks one event withdrawn with its reason.
pub fn withdraw(ctx: &Ctx, case: &str, event: &str, reason: &str) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    let eid = correction::find_event(&current, event).map_err(messages::correction)?;
    let new = correction::withdraw(&current.events[eid], reason).map_err(messages::correction)?;
    replace(
        &repo,
        &id,
        eid,
        &new,
        format!("case {id}: withdraw event {eid}"),
    )?;
    super::out::ack(eid);
    Ok(ExitCode::SUCCESS)
}

fn replace(repo: &CaseRepo, id: &str, eid: &str, new: &Event, message: String) -> Result<()> {
    super::keys::unlock_for(repo, new)?;
    repo.modify_case(id, |_, doc| {
        doc.add_event(eid, new);
        Ok(((), message))
    })
}
