//! `--help` and clap's own errors in the interface language: every command
//! and option described in Dutch or English, with its valid values, and a
//! usage error turned into one line in the same language.
//!
//! The words are kept by command area: `setup` (repository, sharing,
//! keys), `cases` (recording), `reports` (reports, letters, retention),
//! `workflow` (the working day), `about` (commands and placeholders).

mod about;
mod cases;
mod reports;
mod setup;
mod workflow;

use crate::i18n::t;
use about::{about, value_name};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// An option's help text, looked up area by area (an area that has an
/// option of one command before a catch-all of another comes first).
fn arg_help(cmd: &str, arg: &str) -> Option<String> {
    setup::arg_help(cmd, arg)
        .or_else(|| reports::arg_help(cmd, arg))
        .or_else(|| cases::arg_help(cmd, arg))
        .or_else(|| workflow::arg_help(cmd, arg))
}

/// Help text with clap's remaining fixed English words in the current
/// language.
pub fn help_text(rendered: &str) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::En => rendered.to_string(),
        crate::i18n::Lang::Nl => rendered
            .replace("[OPTIONS]", "[OPTIES]")
            .replace("[env: ", "[omgeving: ")
            .replace("[default: ", "[standaard: ")
            .replace("[possible values: ", "[mogelijke waarden: "),
    }
}

/// The command line described in the current language.
pub fn localize(cmd: Command) -> Command {
    let cmd = describe(cmd, "");
    cmd.mut_subcommands(|sub| localize_sub(sub, ""))
}

/// A subcommand and its own subcommands (`report thuiszitters`), each
/// described under its whole path.
fn localize_sub(sub: Command, parent: &str) -> Command {
    let path = if parent.is_empty() {
        sub.get_name().to_string()
    } else {
        format!("{parent} {}", sub.get_name())
    };
    let sub = describe(sub, &path);
    sub.mut_subcommands(|s| localize_sub(s, &path))
}

fn describe(cmd: Command, name: &str) -> Command {
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        t("Gebruik:", "Usage:")
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(t("Opdrachten", "Commands"))
        .subcommand_value_name(t("OPDRACHT", "COMMAND"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .mut_args(|a| {
            let heading = if a.is_positional() {
                t("Argumenten", "Arguments")
            } else {
                t("Opties", "Options")
            };
            let mut a = a.help_heading(heading);
            if let (Some(v), true) = (
                value_name(a.get_id().as_str()),
                a.get_action().takes_values(),
            ) {
                a = a.value_name(v);
            }
            match arg_help(name, a.get_id().as_str()) {
                Some(h) => a.help(h),
                None => a,
            }
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(t("deze hulp", "this help"))
                .help_heading(t("Opties", "Options")),
        );
    if let Some(text) = about(name) {
        cmd = cmd.about(text);
    }
    if name.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("de versie", "the version"))
                .help_heading(t("Opties", "Options")),
        );
    }
    cmd
}

/// A usage error as one line in the current language.
pub fn error_line(e: &clap::Error) -> String {
    let get = |k: ContextKind| match e.get(k) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let valid = get(ContextKind::ValidValue);
    let valid = if valid.is_empty() {
        String::new()
    } else {
        format!(" ({}: {valid})", t("kies uit", "choose from"))
    };
    match e.kind() {
        ErrorKind::UnknownArgument => format!("{} `{arg}`", t("onbekende optie", "unknown option")),
        ErrorKind::InvalidSubcommand => format!(
            "{} `{}` (`verzuim --help`)",
            t("onbekende opdracht", "unknown command"),
            get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "{arg} `{value}`: {}{valid}",
            t("ongeldige waarde", "invalid value")
        ),
        ErrorKind::MissingRequiredArgument => format!("{}: {arg}", t("ontbreekt", "missing")),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => t(
            "opdracht ontbreekt (`verzuim --help`)",
            "command missing (`verzuim --help`)",
        )
        .to_string(),
        ErrorKind::ArgumentConflict => format!(
            "{arg} {}",
            t(
                "gaat niet samen met een andere optie",
                "cannot be used with another option"
            )
        ),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!(
                "{arg}: {}",
                t("verkeerd aantal waarden", "wrong number of values")
            )
        }
        ErrorKind::NoEquals => format!("{arg}: {}", t("verwacht =WAARDE", "expected =VALUE")),
        ErrorKind::InvalidUtf8 => t(
            "ongeldige tekens (geen UTF-8)",
            "invalid characters (not UTF-8)",
        )
        .to_string(),
        _ => {
            let text = e.render().to_string();
            text.lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("usage error")
                .trim_start_matches("error: ")
                .to_string()
        }
    }
}

#[cfg(test)]
mod completeness {
    use super::*;
    use clap::CommandFactory;

    /// Every command and option has Dutch words: a new one without them
    /// would show an English line on a Dutch screen.
    #[test]
    fn every_command_and_option_is_described_in_dutch() {
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if about(path).is_none() {
                missing.push(format!("about `{path}`"));
            }
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                if arg_help(path, id).is_none() {
                    missing.push(format!("`{path}` --{id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                let p = if path.is_empty() {
                    sub.get_name().to_string()
                } else {
                    format!("{path} {}", sub.get_name())
                };
                walk(sub, &p, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&crate::cli::Cli::command(), "", &mut missing);
        assert!(missing.is_empty(), "no Dutch help for: {missing:?}");
    }
}
