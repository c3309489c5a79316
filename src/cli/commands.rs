//! The dispatch: the context every command runs in (`ctx::Ctx`), then
//! each command to its own module. Nothing but this module imports it
//! (`tests/layers.rs`): what commands share lives in `ctx.rs`.

use super::args::{Cli, Command};
use super::ctx::{Ctx, default_dir, parse_date};
use super::{demo, join, read, record, show};
use crate::domain::input;
use crate::i18n;
use crate::store::load;
use crate::store::{CaseRepo, Result};
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode> {
    let today = match &cli.today {
        Some(text) => parse_date("--today", text)?,
        None => chrono::Local::now().date_naive(),
    };
    let dir = match cli.dir.clone() {
        Some(dir) => dir,
        None => default_dir()?,
    };
    let ctx = Ctx { dir, today };
    if cli.lang.is_none()
        && let Ok(config) = load::load_config(&ctx.dir)
        && let Some(lang) = config.lang
    {
        i18n::set_lang(lang);
    }
    let Some(command) = cli.command else {
        return crate::ui::run_on(&CaseRepo::open(&ctx.dir)?, ctx.today).map(|_| ExitCode::SUCCESS);
    };
    match command {
        Command::Demo => demo::run(&ctx),
        Command::Init { author, remote } => super::setup::init(&ctx, author, remote.as_deref()),
        Command::Clone { url, dir } => join::clone(&url, &dir.unwrap_or_else(|| ctx.dir.clone())),
        Command::New {
            name,
            birth,
            school,
            level,
            protocol,
            gemeente,
            owner,
            leerlingnummer,
        } => {
            let input = input::CaseInput {
                name: &name,
                birth: &birth,
                school: &school,
                level: level.as_str(),
                protocol: &protocol,
                gemeente: gemeente.as_deref(),
                owner: owner.as_deref(),
            };
            record::new_case(&ctx, &input, leerlingnummer.as_deref())
        }
        Command::Add {
            case,
            kind,
            date,
            until,
            hours,
            outcome,
            note,
            fields,
            force,
        } => record::add(
            &ctx,
            &case,
            (&kind, &date),
            (until, hours, outcome, note),
            &fields,
            force,
        ),
        Command::Done {
            case,
            action,
            date,
            note,
        } => record::done(&ctx, &case, &action, date, note),
        Command::Edit {
            case,
            event,
            date,
            until,
            hours,
            outcome,
            note,
            fields,
        } => super::correct::edit(
            &ctx,
            &case,
            &event,
            date,
            (until, hours, outcome, note),
            &fields,
        ),
        Command::Withdraw {
            case,
            event,
            reason,
        } => super::correct::withdraw(&ctx, &case, &event, &reason),
        Command::Action(a) => super::workflow::action(&ctx, a),
        Command::Pause {
            case,
            reason,
            until,
            date,
        } => super::workflow::pause(&ctx, &case, &reason, until.as_deref(), date.as_deref()),
        Command::Resume { case, date } => super::workflow::resume(&ctx, &case, date.as_deref()),
        Command::Extend {
            case,
            action,
            by,
            reason,
            date,
        } => super::workflow::extend(&ctx, &case, &action, (&by, &reason), date.as_deref()),
        Command::Handover {
            case,
            owner,
            date,
            note,
        } => super::workflow::handover(&ctx, &case, &owner, date.as_deref(), note),
        Command::Check { json } => read::check(&ctx, json),
        Command::Overdue { json } => read::overdue(&ctx, json),
        Command::Show { case, json } => show::show(&ctx, &case, json),
        Command::Log { case } => show::log(&ctx, &case),
        Command::Import { file, map, apply } => super::import::run(&ctx, &file, &map, apply),
        Command::Report(args) => super::report::run(&ctx, args),
        Command::Retention(args) => super::retention::run(&ctx, args),
        Command::Letter {
            case,
            template,
            pdf,
            action,
        } => super::letter::run(&ctx, &case, template.as_deref(), pdf, action.as_deref()),
        Command::Keys(args) => super::keys::run(&ctx, args),
        Command::Protocols { check, markdown } => {
            super::protocols::protocols(&ctx, check, markdown)
        }
        Command::Sync { remote, join } => {
            super::conflicts::sync(&ctx, remote.as_deref(), join.as_deref())
        }
        Command::Conflicts { json } => super::conflicts::conflicts(&ctx, json),
        Command::Resolve {
            case,
            field,
            choice,
        } => super::conflicts::resolve(&ctx, &case, &field, choice),
    }
}
