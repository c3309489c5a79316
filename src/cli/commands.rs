//! The commands: each one parses its input into domain values (bad input is
//! a one-line error and changes nothing), then calls the store and prints.

use super::args::{Cli, Command};
use super::{demo, join, messages, read, show, user};
use crate::domain::caseload::Unchecked;
use crate::domain::engine::ActionStatus;
use crate::domain::event::{DONE_KIND, Event};
use crate::domain::ids;
use crate::domain::input;
use crate::domain::protocol::ResolvedProtocol;
use crate::i18n::{self, t};
use crate::store::load::{self, Rules};
use crate::store::{CaseRepo, Result, StoreError};
use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

pub struct Ctx {
    pub dir: PathBuf,
    pub today: NaiveDate,
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let today = match &cli.today {
        Some(text) => parse_date("--today", text)?,
        None => chrono::Local::now().date_naive(),
    };
    let dir = cli.dir.clone().unwrap_or_else(default_dir);
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
                level: &level,
                protocol: &protocol,
                gemeente: gemeente.as_deref(),
                owner: owner.as_deref(),
            };
            new_case(&ctx, &input, leerlingnummer.as_deref())
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
        } => add(
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
        } => done(&ctx, &case, &action, date, note),
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
        } => super::conflicts::resolve(&ctx, &case, &field, &choice),
    }
}

/// `verzuim new`: a case from typed fields, its id printed.
fn new_case(ctx: &Ctx, input: &input::CaseInput, leerlingnummer: Option<&str>) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let rules = load::load_rules(&repo.root)?;
    let fields = input::case_fields(input, ctx.today).map_err(messages::input)?;
    protocol_for(&rules, &fields.protocol)?;
    let mut case = fields.into_case(ids::new_id(), ctx.today);
    case.leerlingnummer = input::pupil_number(leerlingnummer).map_err(messages::input)?;
    repo.create_case(&case)?;
    super::out::ack(&case.id);
    Ok(ExitCode::SUCCESS)
}

/// `verzuim add`: one event, checked against the case's protocol and for
/// plausibility (`force` for what a person may mean), its id printed.
fn add(
    ctx: &Ctx,
    case: &str,
    (kind, date): (&str, &str),
    text: EventText,
    fields: &super::args::FieldArgs,
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

/// `$XDG_DATA_HOME/verzuim`, else `~/.local/share/verzuim`.
fn default_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("verzuim");
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    home.join(".local/share/verzuim")
}

pub fn parse_date(flag: &str, text: &str) -> Result<NaiveDate> {
    crate::domain::dates::parse_typed(text).ok_or_else(|| user(messages::not_a_date(flag, text)))
}

/// A protocol by id that resolved; a broken or unknown one is an error.
pub fn protocol_for<'a>(rules: &'a Rules, id: &str) -> Result<&'a ResolvedProtocol> {
    if let Some(p) = rules.library.protocols.get(id) {
        return Ok(p);
    }
    if let Some(errors) = rules.library.broken.get(id) {
        let first = errors.first().map(|e| e.to_string()).unwrap_or_default();
        return Err(StoreError::Repo(format!(
            "{} `{id}` {}: {first}",
            t("protocol", "protocol"),
            t("is kapot", "is broken")
        )));
    }
    let known: Vec<&str> = rules.library.protocols.keys().map(|s| s.as_str()).collect();
    Err(user(format!(
        "{} `{id}` ({})",
        t("onbekend protocol", "unknown protocol"),
        known.join(", ")
    )))
}

/// Until, hours, outcome and note as typed.
pub type EventText = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Builds and validates an event from command-line text.
pub fn build_event(
    protocol: &ResolvedProtocol,
    kind: &str,
    date: &str,
    (until, hours, outcome, note): EventText,
    fields: &super::args::FieldArgs,
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

fn done(
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
    let found = find_action(&eval.actions, action)?;
    if found.status == ActionStatus::Done {
        return Err(user(format!(
            "{} `{}` {}",
            t("actie", "action"),
            found.id,
            t("is al afgerond", "is already done")
        )));
    }
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
    event.action = Some(found.id.clone());
    event.note = note.filter(|n| !n.trim().is_empty());
    let what = format!("action {} done", found.id);
    super::out::ack(&repo.add_event(&id, &event, &what)?);
    Ok(ExitCode::SUCCESS)
}

/// An action by exact id, unique id prefix, or rule id with one open action.
pub fn find_action<'a>(
    actions: &'a [crate::domain::engine::Action],
    text: &str,
) -> Result<&'a crate::domain::engine::Action> {
    if let Some(a) = actions.iter().find(|a| a.id == text) {
        return Ok(a);
    }
    let open = |a: &&crate::domain::engine::Action| a.status != ActionStatus::Done;
    let by_rule: Vec<_> = actions
        .iter()
        .filter(open)
        .filter(|a| a.rule == text)
        .collect();
    let by_prefix: Vec<_> = actions.iter().filter(|a| a.id.starts_with(text)).collect();
    match (by_rule.as_slice(), by_prefix.as_slice()) {
        ([one], _) | ([], [one]) => Ok(one),
        ([], []) => Err(user(format!(
            "{} `{text}`",
            t("onbekende actie", "unknown action")
        ))),
        _ => Err(user(format!(
            "`{text}` {}",
            t(
                "is niet eenduidig; gebruik het volledige actie-id",
                "is ambiguous; use the full action id"
            )
        ))),
    }
}

pub fn unchecked_error(u: &Unchecked) -> StoreError {
    match u {
        Unchecked::UnknownProtocol(p) => StoreError::Repo(format!(
            "{} `{p}`",
            t("onbekend protocol", "unknown protocol")
        )),
        Unchecked::BrokenProtocol(p) => StoreError::Repo(format!(
            "{} `{p}` {}",
            t("protocol", "protocol"),
            t("is kapot", "is broken")
        )),
    }
}

pub fn unchecked_text(u: &Unchecked) -> String {
    u.to_string()
}
