//! The commands: each one parses its input into domain values (bad input is
//! a one-line error and changes nothing), then calls the store and prints.

use super::args::{Cli, Command};
use super::out::outln;
use super::{demo, join, read, show, user};
use crate::domain::caseload::Unchecked;
use crate::domain::engine::ActionStatus;
use crate::domain::event::{DONE_KIND, Event};
use crate::domain::ids;
use crate::domain::input;
use crate::domain::protocol::ResolvedProtocol;
use crate::i18n::{self, Lang, count, t};
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
        && let Some(lang) = config.lang.as_deref().and_then(Lang::parse)
    {
        i18n::set_lang(lang);
    }
    let Some(command) = cli.command else {
        return crate::tui::run_on(&CaseRepo::open(&ctx.dir)?, ctx.today)
            .map(|_| ExitCode::SUCCESS);
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
            let repo = CaseRepo::open(&ctx.dir)?;
            let rules = load::load_rules(&repo.root)?;
            let input = input::CaseInput {
                name: &name,
                birth: &birth,
                school: &school,
                level: &level,
                protocol: &protocol,
                gemeente: gemeente.as_deref(),
                owner: owner.as_deref(),
            };
            let fields = input::case_fields(&input, ctx.today).map_err(user)?;
            protocol_for(&rules, &fields.protocol)?;
            let mut case = fields.into_case(ids::new_id(), ctx.today);
            case.leerlingnummer = input::pupil_number(leerlingnummer.as_deref()).map_err(user)?;
            repo.create_case(&case)?;
            super::out::ack(&case.id);
            Ok(ExitCode::SUCCESS)
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
        } => {
            let repo = CaseRepo::open(&ctx.dir)?;
            let id = repo.resolve_case(&case)?;
            let rules = load::load_rules(&repo.root)?;
            let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
            let protocol = protocol_for(&rules, &current.protocol)?;
            let event = build_event(
                protocol,
                &kind,
                &date,
                (until, hours, outcome, note),
                &fields,
            )?;
            super::setup::question(&rules, &current, &event, ctx.today, force)?;
            super::keys::unlock_for(&repo, &event)?;
            let what = format!("add {} {}", event.kind, event.date);
            super::out::ack(&repo.add_event(&id, &event, &what)?);
            Ok(ExitCode::SUCCESS)
        }
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
        Command::Check { json } => read::check(&ctx, json),
        Command::Overdue { json } => read::overdue(&ctx, json),
        Command::Show { case, json } => show::show(&ctx, &case, json),
        Command::Log { case } => show::log(&ctx, &case),
        Command::Import { file, map, apply } => super::import::run(&ctx, &file, &map, apply),
        Command::Report(args) => super::report::run(&ctx, args),
        Command::Keys(args) => super::keys::run(&ctx, args),
        Command::Protocols { check, markdown } => show::protocols(&ctx, check, markdown),
        Command::Sync { remote, join } => sync(&ctx, remote.as_deref(), join.as_deref()),
        Command::Conflicts { json } => conflicts(&ctx, json),
        Command::Resolve {
            case,
            field,
            choice,
        } => {
            let repo = CaseRepo::open(&ctx.dir)?;
            let id = repo.resolve_case(&case)?;
            let n = match choice.as_str() {
                "local" => 0,
                "remote" => 1,
                other => other
                    .strip_prefix("remote-")
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| *n >= 2)
                    .ok_or_else(|| {
                        StoreError::User(format!(
                            "`{other}`: {}",
                            t(
                                "kies local, remote of remote-N",
                                "choose local, remote or remote-N"
                            )
                        ))
                    })?,
            };
            repo.resolve_conflict_with(&id, &field, n)?;
            outln!(
                "{id} {field}: {}",
                if choice != "local" {
                    t("waarde van de andere kant genomen", "remote value taken")
                } else {
                    t("eigen waarde gehouden", "local value kept")
                }
            );
            Ok(ExitCode::SUCCESS)
        }
    }
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
    input::date(flag, text).map_err(user)
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
    input::event(&protocol.vocabulary, &input).map_err(user)
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

fn sync(ctx: &Ctx, remote: Option<&str>, join: Option<&str>) -> Result<ExitCode> {
    let r = CaseRepo::open(&ctx.dir)?.sync(remote, join)?;
    outln!(
        "{} {}: {} {} {}, {} {}; {} {}",
        t("gesynchroniseerd met", "synced with"),
        r.remote,
        t("binnen:", "in:"),
        count(r.cases_in, ("dossier", "dossiers"), ("case", "cases")),
        t("gewijzigd", "changed"),
        count(
            r.events_in,
            ("gebeurtenis", "gebeurtenissen"),
            ("event", "events")
        ),
        t("toegevoegd", "added"),
        t("uit:", "out:"),
        count(r.commits_out, ("commit", "commits"), ("commit", "commits")),
    );
    if r.conflicts > 0 {
        outln!(
            "{}: {} (`verzuim conflicts`)",
            count(
                r.conflicts,
                ("conflict", "conflicten"),
                ("conflict", "conflicts")
            ),
            t(
                "de lokale waarde is gehouden; kies met `verzuim resolve`",
                "the local value was kept; choose with `verzuim resolve`"
            )
        );
    }
    for f in &r.kept_both {
        outln!(
            "{}: {f}",
            t(
                "beide versies bewaard, de remote-versie als",
                "both versions kept, the remote one as"
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn conflicts(ctx: &Ctx, as_json: bool) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let all = crate::store::conflicts::read_all(&repo.root)?;
    if as_json {
        let v: Vec<serde_json::Value> = all
            .iter()
            .flat_map(|(case, list)| {
                list.iter().map(move |c| serde_json::json!({ "case": case, "field": c.field, "local": c.local, "remote": c.remote, "others": c.others, "base": c.base }))
            })
            .collect();
        outln!("{}", serde_json::Value::Array(v));
        return Ok(ExitCode::SUCCESS);
    }
    if all.is_empty() {
        outln!("{}", t("geen conflicten", "no conflicts"));
    }
    for (case, list) in &all {
        for c in list {
            let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
            let more: String = c
                .others
                .iter()
                .enumerate()
                .map(|(i, v)| format!("  remote-{}: {v}", i + 2))
                .collect();
            outln!(
                "{case}  {}  {}: {}  {}: {}{more}",
                c.field,
                t("lokaal", "local"),
                show(&c.local),
                t("andere kant", "remote"),
                show(&c.remote)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
