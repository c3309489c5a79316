//! What every command shares: the context it runs in (repository folder,
//! today) and the helpers that turn command-line text into domain values.
//!
//! The command modules import this one; it imports none of them (nor
//! `commands.rs`, which dispatches to them), so the modules of `cli/`
//! form a tree: `commands.rs` -> each command -> `ctx` -> `messages`.
//! `tests/layers.rs` keeps it that way.

use super::messages::{self, ProtocolError, user};
use crate::domain::caseload::Unchecked;
use crate::domain::engine::{Action, ActionStatus};
use crate::domain::protocol::ResolvedProtocol;
use crate::i18n::t;
use crate::store::load::Rules;
use crate::store::{Result, StoreError};
use chrono::NaiveDate;
use etcetera::BaseStrategy;
use std::path::PathBuf;

/// Where a command works and which day it is.
pub struct Ctx {
    pub dir: PathBuf,
    pub today: NaiveDate,
}

/// The repository folder when neither `--dir` nor `$VERZUIM_DIR` names
/// one: `verzuim` in the XDG data folder (`$XDG_DATA_HOME`, else
/// `~/.local/share`), on every system, as before.
pub fn default_dir() -> Result<PathBuf> {
    let xdg = etcetera::base_strategy::Xdg::new().map_err(|_| messages::no_home())?;
    Ok(xdg.data_dir().join("verzuim"))
}

/// A date typed for `flag`.
pub fn parse_date(flag: &str, text: &str) -> Result<NaiveDate> {
    crate::domain::dates::parse_typed(text).ok_or_else(|| user(messages::not_a_date(flag, text)))
}

/// A protocol by id that resolved; a broken or unknown one is an error.
pub fn protocol_for<'a>(rules: &'a Rules, id: &str) -> Result<&'a ResolvedProtocol> {
    if let Some(p) = rules.library.protocols.get(id) {
        return Ok(p);
    }
    let error = match rules.library.broken.get(id) {
        Some(errors) => ProtocolError::Broken {
            id: id.to_string(),
            first: errors.first().cloned(),
        },
        None => ProtocolError::Unknown {
            id: id.to_string(),
            known: rules.library.protocols.keys().cloned().collect(),
        },
    };
    Err(messages::protocol(error))
}

/// Until, hours, outcome and note as typed.
pub type EventText = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// An action by exact id, unique id prefix, or rule id with one open action.
pub fn find_action<'a>(actions: &'a [Action], text: &str) -> Result<&'a Action> {
    if let Some(a) = actions.iter().find(|a| a.id == text) {
        return Ok(a);
    }
    let open = |a: &&Action| a.status != ActionStatus::Done;
    let by_rule: Vec<_> = actions
        .iter()
        .filter(open)
        .filter(|a| a.rule == text)
        .collect();
    let by_prefix: Vec<_> = actions.iter().filter(|a| a.id.starts_with(text)).collect();
    match (by_rule.as_slice(), by_prefix.as_slice()) {
        ([one], _) | ([], [one]) => Ok(one),
        ([], []) => Err(user(messages::unknown_action(text))),
        _ => Err(user(messages::ambiguous_action(text))),
    }
}

/// As [`find_action`], for a command that changes an action: one that is
/// done already is an error (`done` twice, extending a finished deadline).
pub fn find_open_action<'a>(actions: &'a [Action], text: &str) -> Result<&'a Action> {
    let found = find_action(actions, text)?;
    if found.status == ActionStatus::Done {
        return Err(user(format!(
            "{} `{}` {}",
            t("actie", "action"),
            found.id,
            t("is al afgerond", "is already done")
        )));
    }
    Ok(found)
}

/// A case that could not be evaluated, as the error of a command that
/// needs its actions (a repository problem: exit status 2).
pub fn unchecked_error(u: &Unchecked) -> StoreError {
    let error = match u {
        Unchecked::UnknownProtocol(p) => ProtocolError::Unknown {
            id: p.clone(),
            known: Vec::new(),
        },
        Unchecked::BrokenProtocol(p) => ProtocolError::Broken {
            id: p.clone(),
            first: None,
        },
    };
    StoreError::Repo(messages::protocol_error(&error))
}

/// Why a case was not checked, as a line of `show` or `check`.
pub fn unchecked_text(u: &Unchecked) -> String {
    u.to_string()
}
