//! Command-line arguments (clap derive). Usage errors exit with status 1
//! and one line, like every other user error.

use super::out::errln;
use crate::i18n::{self, Lang};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "verzuim",
    version,
    about = "Case tool for school-absence work (leerplicht, JGZ)"
)]
pub struct Cli {
    /// The case repository (default: $VERZUIM_DIR, else ~/.local/share/verzuim).
    #[arg(long, global = true, env = "VERZUIM_DIR")]
    pub dir: Option<PathBuf>,
    /// Fix "today" (YYYY-MM-DD) for reproducible output.
    #[arg(long, global = true, env = "VERZUIM_TODAY")]
    pub today: Option<String>,
    /// Interface language: nl (default) or en.
    #[arg(long, global = true, env = "VERZUIM_LANG")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the TUI on a fresh demo repository (a temp folder).
    Demo,
    /// Create a case repository in DIR (git init, protocols, calendar, config).
    Init,
    /// Create a case; print its id.
    New {
        #[arg(long)]
        name: String,
        #[arg(long)]
        birth: String,
        #[arg(long)]
        school: String,
        #[arg(long)]
        level: String,
        #[arg(long)]
        protocol: String,
        #[arg(long)]
        gemeente: Option<String>,
        #[arg(long)]
        owner: Option<String>,
    },
    /// Append an event to a case; print the event id.
    Add {
        case: String,
        kind: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        until: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        hours: Option<String>,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Mark an action done.
    Done {
        case: String,
        action: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        note: Option<String>,
    },
    /// Signals and actions of every open case.
    Check {
        #[arg(long)]
        json: bool,
    },
    /// Overdue actions of all cases, oldest due first.
    Overdue {
        #[arg(long)]
        json: bool,
    },
    /// One case: fields, events, signals, actions.
    Show {
        case: String,
        #[arg(long)]
        json: bool,
    },
    /// The case's history from git: date, author, what changed.
    Log { case: String },
    /// Pull, merge and push through a git remote.
    Sync {
        #[arg(long)]
        remote: Option<String>,
    },
    /// Open sync conflicts: case, field, local and remote value.
    Conflicts {
        #[arg(long)]
        json: bool,
    },
    /// Resolve a sync conflict by keeping the local or taking the remote value.
    Resolve {
        case: String,
        field: String,
        #[arg(value_parser = ["local", "remote"])]
        choice: String,
    },
    /// List the protocols and their rules.
    Protocols {
        /// Validate a protocol file against this repository's protocols.
        #[arg(long, value_name = "FILE")]
        check: Option<PathBuf>,
        /// Print every protocol's rules as Markdown.
        #[arg(long)]
        markdown: bool,
    },
}

/// Parses the command line; on a usage error prints one line and returns
/// the exit code to use.
pub fn parse() -> Result<Cli, ExitCode> {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            let _ = e.print();
            return Err(ExitCode::SUCCESS);
        }
        Err(e) => {
            let text = e.render().to_string();
            let line = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("usage error");
            errln!("verzuim: {}", line.trim_start_matches("error: "));
            return Err(ExitCode::from(1));
        }
    };
    match cli.lang.as_deref().map(Lang::parse) {
        Some(Some(lang)) => i18n::set_lang(lang),
        Some(None) => {
            errln!(
                "verzuim: unknown language `{}` (nl, en)",
                cli.lang.as_deref().unwrap_or("")
            );
            return Err(ExitCode::from(1));
        }
        None => {}
    }
    Ok(cli)
}
