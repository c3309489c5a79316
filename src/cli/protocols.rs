//! `verzuim protocols`: the protocol library (list, Markdown) and the check
//! of one protocol file against it. Reading the files and printing are
//! apart: [`read_library`] does the IO.

use super::ctx::Ctx;
use super::out::{errln, outln};
use super::show::local_term_text;
use crate::domain::protocol::{self, ResolvedProtocol, resolve_all};
use crate::domain::textpos::FileError;
use crate::i18n::t;
use crate::store::load::{self, PROTOCOLS_DIR};
use crate::store::{CaseRepo, Result, StoreError};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn protocols(ctx: &Ctx, check: Option<PathBuf>, markdown: bool) -> Result<ExitCode> {
    let files = library_files(ctx)?;
    if let Some(path) = check {
        return check_file(&path, files);
    }
    let (sources, mut errors) = parse_all(files, None);
    let lib = resolve_all(&sources);
    if markdown {
        let text = super::markdown::render(&lib.protocols.values().collect::<Vec<_>>());
        outln!("{}", text.trim_end_matches('\n'));
    } else {
        for p in lib.protocols.values() {
            print_protocol(p);
        }
    }
    errors.extend(lib.broken.values().flatten().cloned());
    for e in &errors {
        errln!("verzuim: {e}");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// The protocol files (name, text): the repository's, or outside a case
/// repository the built-in library.
fn library_files(ctx: &Ctx) -> Result<Vec<(String, String)>> {
    match CaseRepo::open(&ctx.dir) {
        Ok(repo) => load::toml_files(&repo.root.join(PROTOCOLS_DIR))?
            .iter()
            .map(|p| {
                Ok((
                    load::rel(&repo.root, p),
                    std::fs::read_to_string(p).map_err(StoreError::io(p))?,
                ))
            })
            .collect(),
        Err(_) => Ok(crate::store::embedded::PROTOCOLS
            .iter()
            .map(|(n, t)| (format!("{PROTOCOLS_DIR}/{n}"), t.to_string()))
            .collect()),
    }
}

/// The files parsed, leaving out the protocol `skip` (the file being
/// checked stands in for it); with the files that do not parse.
fn parse_all(
    files: Vec<(String, String)>,
    skip: Option<&str>,
) -> (Vec<protocol::SourcedProtocol>, Vec<FileError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in files {
        match protocol::parse(&name, &text) {
            Ok(p) if Some(p.id()) != skip => sources.push(p),
            Ok(_) => {}
            Err(e) => errors.push(e),
        }
    }
    (sources, errors)
}

/// `protocols --check FILE`: the file resolved with the library (which it
/// may extend); exit 1 with its errors.
fn check_file(path: &Path, files: Vec<(String, String)>) -> Result<ExitCode> {
    let text = std::fs::read_to_string(path).map_err(StoreError::io(path))?;
    let checked = match protocol::parse(&path.display().to_string(), &text) {
        Ok(p) => p,
        Err(e) => {
            errln!("{e}");
            return Ok(ExitCode::from(1));
        }
    };
    let id = checked.id().to_string();
    let (mut sources, _) = parse_all(files, Some(&id));
    sources.insert(0, checked);
    let lib = resolve_all(&sources);
    Ok(match lib.broken.get(&id) {
        Some(errs) => {
            for e in errs {
                errln!("{e}");
            }
            ExitCode::from(1)
        }
        None => {
            outln!(
                "{id}: ok ({} {})",
                lib.protocols[&id].rules.len(),
                t("regels", "rules")
            );
            ExitCode::SUCCESS
        }
    })
}

fn print_protocol(p: &ResolvedProtocol) {
    let extends = p
        .chain
        .get(1)
        .map(|x| format!(" ({} {x})", t("bouwt voort op", "extends")))
        .unwrap_or_default();
    outln!("{}  {}{extends}", p.id, p.name);
    for r in &p.rules {
        let levels: Vec<&str> = r.levels.iter().map(|l| l.as_str()).collect();
        let levels = if levels.is_empty() {
            String::new()
        } else {
            format!(" [{}]", levels.join(","))
        };
        let local = local_term_text(r.term_source == protocol::TermSource::Local);
        outln!(
            "  {:<28} {:<13} {:<10} {}{levels}{local}",
            r.id,
            // to_string: their Display ignores the width, the columns need it
            r.kind.to_string(),
            r.owner.to_string(),
            r.message
        );
    }
}
