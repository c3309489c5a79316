//! `verzuim sync`, `conflicts` and `resolve`: working with colleagues'
//! copies and choosing a side where both changed the same field.

use super::ctx::Ctx;
use super::out::outln;
use super::values::Side;
use crate::domain::compartments;
use crate::domain::merge::Conflict;
use crate::domain::seal;
use crate::i18n::{count, t};
use crate::store::{CaseRepo, Result, load};
use std::collections::BTreeMap;
use std::path::Path;
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
    let all = shown(&repo.root, crate::store::conflicts::read_all(&repo.root)?)?;
    if as_json {
        let v: Vec<_> = all
            .iter()
            .flat_map(|(case, list)| {
                list.iter()
                    .map(|c| super::json::conflicts::Conflict::new(case, c))
            })
            .collect();
        super::json::print(&v);
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

/// The conflicts as this user may see them: a sealed value in a side
/// opened with the key, else "vertrouwelijk (jgz)". The passphrase is asked
/// only when a side holds a sealed value.
fn shown(
    root: &Path,
    all: BTreeMap<String, Vec<Conflict>>,
) -> Result<BTreeMap<String, Vec<Conflict>>> {
    let sealed = |v: &String| v.contains(seal::PREFIX);
    let any = all.values().flatten().any(|c| {
        [&c.base, &c.local, &c.remote]
            .iter()
            .any(|v| v.as_ref().is_some_and(sealed))
            || c.others.iter().any(sealed)
    });
    if !any {
        return Ok(all);
    }
    let keyring = super::keys::session_keyring()?;
    let mut out = BTreeMap::new();
    for (id, list) in all {
        // A case file that does not parse gives no keys: all masked.
        let case = load::load_case(root, &id)?.ok();
        let list = list
            .iter()
            .map(|c| match &case {
                Some(case) => compartments::reveal_conflict(case, c, &|kid| {
                    keyring.as_ref().and_then(|k| k.key(case, kid))
                }),
                None => masked_all(c),
            })
            .collect();
        out.insert(id, list);
    }
    Ok(out)
}

fn masked_all(c: &Conflict) -> Conflict {
    let mask = |v: &String| {
        if v.contains(seal::PREFIX) {
            compartments::masked("?")
        } else {
            v.clone()
        }
    };
    Conflict {
        field: c.field.clone(),
        base: c.base.as_ref().map(mask),
        local: c.local.as_ref().map(mask),
        remote: c.remote.as_ref().map(mask),
        others: c.others.iter().map(mask).collect(),
    }
}

/// `verzuim resolve`: one side of a conflict (local, remote, remote-N).
pub fn resolve(ctx: &Ctx, case: &str, field: &str, side: Side) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    repo.resolve_conflict_with(&id, field, side.index())?;
    outln!(
        "{id} {field}: {}",
        match side {
            Side::Local => t("eigen waarde gehouden", "local value kept"),
            Side::Remote(_) => t("waarde van de andere kant genomen", "remote value taken"),
        }
    );
    Ok(ExitCode::SUCCESS)
}
