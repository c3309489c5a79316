//! `verzuim-gen`: generates a synthetic case repository for benchmarks.
//!
//!     verzuim-gen --cases 10000 --commits 10000 [--seed 7] [--today 2026-11-20] DIR
//!
//! The repository is created by `verzuim init` (in-process), then the cases
//! and a history of `--commits` commits (cases created one by one, then
//! events appended one by one) are written with `git fast-import`, which
//! packs the history; the work tree is checked out at the end. A benchmark
//! fixture tool, not part of the product: only it calls the system git.

use chrono::NaiveDate;
use clap::Parser;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use verzuim::domain::case::Case;
use verzuim::store::{CaseRepo, case_file};

#[derive(Parser)]
struct Args {
    #[arg(long)]
    cases: usize,
    #[arg(long, default_value_t = 0)]
    commits: usize,
    #[arg(long, default_value_t = 7)]
    seed: u64,
    #[arg(long, default_value = "2026-11-20")]
    today: String,
    dir: PathBuf,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let today = NaiveDate::parse_from_str(&args.today, "%Y-%m-%d")?;
    anyhow::ensure!(!args.dir.exists(), "{} exists", args.dir.display());
    std::fs::create_dir_all(&args.dir)?;
    let repo = git2::Repository::init_opts(
        &args.dir,
        git2::RepositoryInitOptions::new().initial_head("main"),
    )?;
    let mut cfg = repo.config()?;
    cfg.set_str("user.name", "verzuim bench")?;
    cfg.set_str("user.email", "bench@verzuim.invalid")?;
    drop(repo);
    let repo = CaseRepo::init(&args.dir)?;
    let head = repo
        .git()?
        .head()?
        .target()
        .map(|o| o.to_string())
        .unwrap_or_default();
    let cases = verzuim::synth::cases(args.cases, args.seed, today);
    let stream = history(&cases, args.commits.max(1), &head);
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(&args.dir)
        .stdin(Stdio::piped())
        .spawn()?;
    child.stdin.take().expect("piped").write_all(&stream)?;
    anyhow::ensure!(child.wait()?.success(), "git fast-import failed");
    let reset = Command::new("git")
        .args(["reset", "--hard", "-q", "main"])
        .current_dir(&args.dir)
        .status()?;
    anyhow::ensure!(reset.success(), "git reset failed");
    println!(
        "{} cases, {} commits in {}",
        cases.len(),
        args.commits.max(1) + 1,
        args.dir.display()
    );
    Ok(())
}

/// The text of `case` with only its first `k` events (by date).
fn with_events(case: &Case, k: usize) -> String {
    let mut c = case.clone();
    let keep: Vec<&str> = case
        .events_by_date()
        .into_iter()
        .take(k)
        .map(|(id, _)| id)
        .collect();
    c.events.retain(|id, _| keep.contains(&id.as_str()));
    case_file::render_new(&c)
}

/// A fast-import stream: `commits` commits on top of `main`. With fewer
/// commits than cases, several cases are created per commit; with more,
/// each case starts short and later commits append its events one by one.
fn history(cases: &[Case], commits: usize, parent: &str) -> Vec<u8> {
    let n = cases.len().max(1);
    let creations = commits.min(n);
    let appends = commits - creations;
    // How many appends each case gets (round robin, capped by its events).
    let mut extra = vec![0usize; cases.len()];
    let mut left = appends;
    while left > 0 && cases.iter().zip(&extra).any(|(c, e)| *e < c.events.len()) {
        for (i, c) in cases.iter().enumerate() {
            if left > 0 && extra[i] < c.events.len() {
                extra[i] += 1;
                left -= 1;
            }
        }
    }
    let mut out = Vec::new();
    let mut time = 1_700_000_000u64;
    let mut from = Some(parent.to_string());
    let mut commit = |out: &mut Vec<u8>, message: &str, files: Vec<(String, String)>| {
        time += 60;
        let _ = write!(
            out,
            "commit refs/heads/main\ncommitter verzuim bench <bench@verzuim.invalid> {time} +0100\n"
        );
        let _ = write!(out, "data {}\n{message}\n", message.len());
        if let Some(parent) = from.take() {
            let _ = writeln!(out, "from {parent}");
        }
        for (path, text) in files {
            let _ = write!(out, "M 100644 inline {path}\ndata {}\n{text}\n", text.len());
        }
    };
    let per = n.div_ceil(creations.max(1));
    for chunk in cases.chunks(per.max(1)) {
        let files = chunk
            .iter()
            .map(|c| {
                let i = cases.iter().position(|x| x.id == c.id).unwrap_or(0);
                (
                    format!("cases/{}.toml", c.id),
                    with_events(c, c.events.len() - extra[i]),
                )
            })
            .collect();
        commit(&mut out, &format!("case {}: new case", chunk[0].id), files);
    }
    let mut shown = vec![0usize; cases.len()];
    let mut progress = true;
    while progress {
        progress = false;
        for (i, c) in cases.iter().enumerate() {
            if shown[i] < extra[i] {
                shown[i] += 1;
                let k = c.events.len() - extra[i] + shown[i];
                commit(
                    &mut out,
                    &format!("case {}: add event", c.id),
                    vec![(format!("cases/{}.toml", c.id), with_events(c, k))],
                );
                progress = true;
            }
        }
    }
    out
}
