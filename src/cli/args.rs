//! Command-line arguments (clap derive). Usage errors exit with status 1
//! and one line, like every other user error.

pub use super::args_fields::FieldArgs;
use super::out::errln;
use super::values::{
    ArtikelArg, LevelArg, OrEmpty, RoleArg, ScopeArg, Side, SideParser, SoortArg, StatusArg,
    SubjectArg, ToArg,
};
use crate::i18n::{self, Lang};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
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
    #[arg(long, global = true, env = "VERZUIM_DIR", hide_env_values = true)]
    pub dir: Option<PathBuf>,
    /// Fix "today" (YYYY-MM-DD) for reproducible output.
    #[arg(long, global = true, env = "VERZUIM_TODAY", hide_env_values = true)]
    pub today: Option<String>,
    /// Interface language: nl (default) or en.
    #[arg(
        long,
        global = true,
        env = "VERZUIM_LANG",
        hide_env_values = true,
        // clap words the list in English; the Dutch help names both values
        hide_possible_values = true,
        value_enum
    )]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl FieldArgs {
    /// The fields given, with the vocabulary's field for each (a choice as
    /// its typed text; empty clears it on `edit`).
    pub fn given(&self) -> Vec<(crate::domain::event::Field, &str)> {
        use crate::domain::event::Field;
        fn choice<T: Copy>(
            v: Option<OrEmpty<T>>,
            name: fn(T) -> &'static str,
        ) -> Option<&'static str> {
            v.map(|v| match v {
                OrEmpty::Value(v) => name(v),
                OrEmpty::Empty => "",
            })
        }
        [
            (Field::To, choice(self.to, ToArg::as_str)),
            (Field::School, self.school.as_deref()),
            (Field::Reason, self.reason.as_deref()),
            (Field::Days, self.days.as_deref()),
            (Field::Artikel, choice(self.artikel, ArtikelArg::as_str)),
            (Field::Advice, self.advice.as_deref()),
            (Field::Title, self.title.as_deref()),
            (Field::Due, self.due.as_deref()),
            (Field::Role, choice(self.role, RoleArg::as_str)),
            (Field::By, self.by.as_deref()),
            (Field::Action, self.action.as_deref()),
            (Field::Subject, choice(self.subject, SubjectArg::as_str)),
            (Field::Scope, choice(self.scope, ScopeArg::as_str)),
            (Field::GivenBy, self.given_by.as_deref()),
            (Field::Owner, self.owner.as_deref()),
            (Field::Findings, self.findings.as_deref()),
            (Field::Soort, choice(self.soort, SoortArg::as_str)),
            (Field::Meldingsnummer, self.meldingsnummer.as_deref()),
            (Field::Status, choice(self.status, StatusArg::as_str)),
        ]
        .into_iter()
        .filter_map(|(f, v)| v.map(|v| (f, v)))
        .collect()
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the TUI on a fresh demo repository (a temp folder).
    Demo,
    /// Create a case repository in DIR (git init, protocols, calendar, config);
    /// with a remote (given or already configured) it joins that one instead.
    Init {
        /// Commit as "Name <mail>" (written as [author] in verzuim.toml).
        #[arg(long, value_name = "AUTHOR")]
        author: Option<String>,
        /// Join the case repository at this URL (as `clone`).
        #[arg(long, value_name = "URL")]
        remote: Option<String>,
    },
    /// Join a case repository from a remote: a working copy in DIR.
    Clone {
        url: String,
        /// Where (default: --dir, $VERZUIM_DIR, else ~/.local/share/verzuim).
        dir: Option<PathBuf>,
    },
    /// Create a case; print its id.
    New {
        #[arg(long)]
        name: String,
        #[arg(long)]
        birth: String,
        #[arg(long)]
        school: String,
        #[arg(long, value_enum)]
        level: LevelArg,
        #[arg(long)]
        protocol: String,
        #[arg(long)]
        gemeente: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        /// The school's pupil number, how `import` finds the case.
        #[arg(long)]
        leerlingnummer: Option<String>,
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
        #[command(flatten)]
        fields: FieldArgs,
        /// Record it even though it looks odd (unauthorised absence on a day
        /// without school, more hours than a school day has).
        #[arg(long)]
        force: bool,
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
    /// Correct fields of a recorded event; print the event id.
    Edit {
        case: String,
        event: String,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        until: Option<String>,
        #[arg(long, allow_negative_numbers = true)]
        hours: Option<String>,
        #[arg(long)]
        outcome: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[command(flatten)]
        fields: FieldArgs,
    },
    /// Withdraw a recorded event (it stays, marked, and no rule counts it).
    Withdraw {
        case: String,
        event: String,
        #[arg(long)]
        reason: String,
    },
    /// Actions added by hand.
    #[command(subcommand)]
    Action(super::workflow::ActionCommand),
    /// Stop the clock of every open deadline of a case.
    Pause {
        case: String,
        #[arg(long)]
        reason: String,
        /// The last paused day (else until `resume`).
        #[arg(long)]
        until: Option<String>,
        /// The first paused day (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Let the clock of a paused case run again.
    Resume {
        case: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Move one action's deadline.
    Extend {
        case: String,
        action: String,
        /// How far, unit explicit: "5 schooldagen", "2 weken".
        #[arg(long)]
        by: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Hand a case over to another owner.
    Handover {
        case: String,
        #[arg(long)]
        owner: String,
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
        /// Merge another case branch of the remote into yours (when sync
        /// reports two diverging case branches).
        #[arg(long, value_name = "BRANCH")]
        join: Option<String>,
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
        /// local, remote, or remote-2, remote-3, ... (further sides' values).
        #[arg(value_parser = SideParser)]
        choice: Side,
    },
    /// Import absence rows (CSV or XLSX) through a mapping in imports/; a dry run unless --apply.
    Import {
        file: PathBuf,
        /// The mapping: imports/NAME.toml (magister, somtoday, duo, ...).
        #[arg(long = "map", value_name = "NAME")]
        map: String,
        /// Write the events (one commit); without it nothing is written.
        #[arg(long)]
        apply: bool,
    },
    /// A letter from a template (text, or PDF with --pdf); the sending is
    /// recorded as a `brief` event. Without TEMPLATE: the templates.
    Letter {
        case: String,
        /// The template's id (templates/ID.txt).
        template: Option<String>,
        /// Write the letter as PDF to this file.
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        /// The action the letter is for (id, id prefix or rule id).
        #[arg(long, value_name = "ACTION")]
        action: Option<String>,
    },
    /// Reports: the thuiszitters overview (and more to come).
    Report(super::report::ReportArgs),
    /// Retention: the destruction list, its approval, and destruction.
    Retention(super::retention::RetentionArgs),
    /// Keys of confidential compartments (jgz): your key, recipients, rewrap, rotate.
    Keys(super::keys::KeysArgs),
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

/// The language asked for before the arguments are parsed (for `--help`
/// and clap's errors): `--lang`, else `$VERZUIM_LANG`, else Dutch.
fn early_lang(args: &[std::ffi::OsString]) -> Option<Lang> {
    let args: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let from_args = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--lang=")
            .map(str::to_string)
            .or_else(|| (a == "--lang").then(|| args.get(i + 1).cloned()).flatten())
    });
    from_args
        .or_else(|| std::env::var("VERZUIM_LANG").ok())
        .and_then(|l| Lang::parse(&l))
}

/// Parses the command line; on a usage error prints one line and returns
/// the exit code to use.
pub fn parse() -> Result<Cli, ExitCode> {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if let Some(lang) = early_lang(&args) {
        i18n::set_lang(lang);
    }
    let command = super::help::localize(Cli::command());
    let parsed = command
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            print!("{}", super::help::help_text(&e.render().to_string()));
            return Err(ExitCode::SUCCESS);
        }
        Err(e) => {
            errln!("verzuim: {}", super::help::error_line(&e));
            return Err(ExitCode::from(1));
        }
    };
    if let Some(lang) = cli.lang {
        i18n::set_lang(lang);
    }
    Ok(cli)
}
