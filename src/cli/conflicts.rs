//! `verzuim sync`, `conflicts` and `resolve`: working with colleagues'
//! copies and choosing a side where both changed the same field.

use super::commands::Ctx;
use super::out::outln;
use crate::i18n::{count, t};
use crate::store::{CaseRepo, Result, StoreError};
use std::process::ExitCode;

pub fn sync(ctx: &Ctx, remote: Option<&str>, join: Option<&str>) -> Result<ExitCode> {
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
    super::retention::sync_note(&r.purge);
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

pub fn conflicts(ctx: &Ctx, as_json: bool) -> Result<ExitCode> {
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

/// `verzuim resolve`: one side of a conflict, by choice (local, remote, remote-N).
pub fn resolve(ctx: &Ctx, case: &str, field: &str, choice: &str) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let n = match choice {
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
    repo.resolve_conflict_with(&id, field, n)?;
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
