//! `verzuim letter CASE [TEMPLATE] [--pdf FILE] [--action ACTION]`: a letter
//! from a template, as text on stdout or as PDF in FILE; its sending is
//! recorded as a `brief` event (template, sha256) in one commit. Without a
//! template: the templates, those that fit the case's open actions first.

use super::ctx::{Ctx, find_action, unchecked_error};
use super::messages::user;
use super::out::{errln, outln};
use crate::domain::text::escape;
use crate::i18n::t;
use crate::store::load;
use crate::store::{CaseRepo, Result, StoreError, letters};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(
    ctx: &Ctx,
    case: &str,
    template: Option<&str>,
    pdf: Option<PathBuf>,
    action: Option<&str>,
) -> Result<ExitCode> {
    let repo = CaseRepo::open(&ctx.dir)?;
    let id = repo.resolve_case(case)?;
    let current = load::load_case(&repo.root, &id)?.map_err(StoreError::Broken)?;
    let caseload = load::load_rules(&repo.root)?.into_caseload();
    let eval = caseload
        .evaluate(&current, ctx.today)
        .map_err(|u| unchecked_error(&u))?;
    let action = action.map(|a| find_action(&eval.actions, a)).transpose()?;
    let templates = letters::templates(&repo.root)?;
    let Some(name) = template else {
        for (tpl, fits) in crate::render::letter::offer(&templates, &eval.actions, action) {
            let mark = if fits { "*" } else { " " };
            outln!("{mark} {}  {}", escape(&tpl.id), escape(&tpl.title));
        }
        return Ok(ExitCode::SUCCESS);
    };
    let tpl = templates.iter().find(|x| x.id == name).ok_or_else(|| {
        let known: Vec<&str> = templates.iter().map(|x| x.id.as_str()).collect();
        user(format!(
            "{} `{}`; {} {}",
            t("onbekend sjabloon", "unknown template"),
            escape(name),
            t("kies uit", "choose from"),
            known.join(", ")
        ))
    })?;
    let sender = repo.sender()?;
    let made =
        crate::render::letter::make(&current, tpl, action, &sender, ctx.today, pdf.is_some())
            .map_err(user)?;
    let target = pdf.map(|p| absolute(&p)).transpose()?;
    let event = repo.deliver_letter(
        &id,
        &made.template,
        &made.bytes,
        target.as_deref(),
        ctx.today,
    )?;
    errln!("sha256 {}", made.sha256);
    match &target {
        Some(path) => {
            errln!(
                "{}: {}",
                t("brief geschreven", "letter written"),
                path.display()
            );
            super::out::ack(&event);
        }
        None => {
            // stdout is the letter, byte for byte what the digest is of.
            outln!("{}", made.text.trim_end_matches('\n'));
            errln!("{}: {event}", t("vastgelegd als", "committed as"));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The path from the current folder (the file is written beside itself).
fn absolute(path: &Path) -> Result<PathBuf> {
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    let here = std::env::current_dir().map_err(StoreError::io("."))?;
    Ok(here.join(path))
}
