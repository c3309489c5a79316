//! `init` (the author known before anything is created) and the
//! plausibility question of `add` (refused, or `--force`).

use super::ctx::Ctx;
use super::messages::user;
use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::plausible;
use crate::i18n::{self, t};
use crate::store::Result;
use crate::store::config::Author;
use crate::store::load::Rules;
use chrono::NaiveDate;
use std::process::ExitCode;

pub fn init(ctx: &Ctx, author: Option<String>, remote: Option<&str>) -> Result<ExitCode> {
    let author = author
        .map(|a| {
            Author::parse(&a).ok_or_else(|| {
                user(format!(
                    "--author `{a}`: {}",
                    t(
                        "verwacht \"Naam <naam@voorbeeld.nl>\"",
                        "expected \"Name <name@example.org>\""
                    )
                ))
            })
        })
        .transpose()?;
    super::join::init(&ctx.dir, remote, author.as_ref())
}

/// An event that looks odd for its case is refused with one line; one a
/// person may mean goes in with `--force`.
pub fn question(
    rules: &Rules,
    case: &Case,
    event: &Event,
    today: NaiveDate,
    force: bool,
) -> Result<()> {
    let Some(protocol) = rules.library.protocols.get(&case.protocol) else {
        return Ok(());
    };
    let cal = rules.calendars.for_case(case, Some(protocol));
    let hours = protocol.lesson_hours(case.level);
    let doubts = plausible::check(event, case, cal, hours, today);
    match plausible::blocking(&doubts, force) {
        Some(d) => {
            let hint = if d.forcible() {
                t(
                    " (--force legt het toch vast)",
                    " (--force records it anyway)",
                )
            } else {
                ""
            };
            Err(user(format!("{}{hint}", i18n::doubt(d))))
        }
        None => Ok(()),
    }
}
