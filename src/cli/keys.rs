//! `verzuim keys ...` (issue 15): the user's key, the recipients of a
//! compartment, rewrap, rotate and sealing old plain values; and the
//! unlocking that `add`, `edit` and `show` do when a case needs it.

use super::ctx::Ctx;
use super::out::outln;
use crate::domain::case::Case;
use crate::domain::compartments::{self, Compartments};
use crate::domain::event::Event;
use crate::i18n::t;
use crate::store::keys::{self, Keyring};
use crate::store::keys_repo::{ConfigChange, KeyOp, KeyReport};
use crate::store::{CaseRepo, Result, StoreError, sealing};
use age::secrecy::SecretString;
use clap::{Args, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Debug, Args)]
pub struct KeysArgs {
    #[command(subcommand)]
    pub action: KeysAction,
}

#[derive(Debug, Subcommand)]
pub enum KeysAction {
    /// Make your key (passphrase-protected) or point at an ssh key.
    Init {
        /// Use this ssh private key (ed25519 or rsa) instead of a new key.
        #[arg(long, value_name = "PATH")]
        ssh_key: Option<PathBuf>,
    },
    /// Add a colleague's public key to a compartment and rewrap every case key.
    AddRecipient {
        label: String,
        key: String,
        #[arg(long, default_value = "jgz", value_name = "NAME")]
        compartment: String,
        /// Set the organisation's recovery key instead.
        #[arg(long)]
        recovery: bool,
    },
    /// Remove a recipient and rotate every case key of the compartment.
    RemoveRecipient {
        label: String,
        #[arg(long, default_value = "jgz", value_name = "NAME")]
        compartment: String,
    },
    /// Wrap every case key again to the current recipients.
    Rewrap,
    /// Retire every case key: new values get a new key.
    Rotate,
    /// Seal plain values of sealed fields (one commit).
    SealExisting,
}

/// Asks for a passphrase: the environment, else the terminal.
pub fn ask(prompt: &str) -> Option<SecretString> {
    if let Some(p) = keys::passphrase_from_env() {
        return Some(p);
    }
    if !std::io::stdin().is_terminal() {
        return None;
    }
    rpassword::prompt_password(format!("{prompt}: "))
        .ok()
        .map(SecretString::from)
}

/// The session's keyring: unlocked once, `None` when this user has no key.
pub fn unlock() -> Result<Option<Keyring>> {
    let Some(path) = keys::identity_path() else {
        return Ok(None);
    };
    keys::unlock(&path, &ask).map(Some)
}

fn need_keyring() -> Result<Keyring> {
    unlock()?.ok_or_else(|| {
        StoreError::User(
            t(
                "je hebt nog geen sleutel: maak er een met `verzuim keys init`",
                "you have no key yet: make one with `verzuim keys init`",
            )
            .into(),
        )
    })
}

/// Before a write of `event`: unlocks the key when the event has values
/// to seal (the store refuses the write without it).
pub fn unlock_for(repo: &CaseRepo, event: &Event) -> Result<()> {
    let Some(cfg) = sealing::load_config(&repo.root)? else {
        return Ok(());
    };
    if cfg.to_seal(None, event).is_empty() {
        return Ok(());
    }
    if let Some(k) = unlock()? {
        repo.set_keyring(Arc::new(k));
    }
    Ok(())
}

/// The case as this user may see it: sealed values opened with the key,
/// or masked "vertrouwelijk (jgz)". Asks for the passphrase only when the
/// case holds sealed values.
pub fn reveal(case: &Case) -> Result<Case> {
    if !compartments::sealed_in(case) {
        return Ok(case.clone());
    }
    let keyring = session_keyring()?;
    Ok(compartments::reveal(case, &|kid| {
        keyring.as_ref().and_then(|k| k.key(case, kid))
    }))
}

/// The keyring for showing sealed values: unlocked when this user has a
/// key and a passphrase can be had (asked or from the environment), else
/// `None` (values shown masked).
pub fn session_keyring() -> Result<Option<Keyring>> {
    Ok(match keys::identity_path() {
        Some(path) if keys::passphrase_from_env().is_some() || std::io::stdin().is_terminal() => {
            Some(keys::unlock(&path, &ask)?)
        }
        _ => None,
    })
}

pub fn run(ctx: &Ctx, args: KeysArgs) -> Result<ExitCode> {
    match args.action {
        KeysAction::Init { ssh_key } => init(ssh_key),
        KeysAction::AddRecipient {
            label,
            key,
            compartment,
            recovery,
        } => {
            let repo = CaseRepo::open(&ctx.dir)?;
            let current = read_config(&repo)?;
            let text =
                sealing::add_recipient(current.as_deref(), &compartment, &label, &key, recovery)?;
            let parsed =
                Compartments::parse(compartments::FILE, &text).map_err(StoreError::Broken)?;
            if parsed.recovery.is_none() {
                // Nothing is sealed without it: say so now, not at the first note.
                super::out::errln!(
                    "{}",
                    crate::i18n::t(
                        "let op: er is nog geen herstelsleutel van de organisatie; zonder die wordt niets verzegeld (verzuim keys add-recipient LABEL SLEUTEL --recovery)",
                        "note: there is no organisation recovery key yet; nothing is sealed without it (verzuim keys add-recipient LABEL KEY --recovery)"
                    )
                );
            }
            let what = if recovery {
                "recovery key set".to_string()
            } else {
                format!("recipient added to {compartment}")
            };
            rekey(&repo, KeyOp::Rewrap, Some(ConfigChange { text, what }))
        }
        KeysAction::RemoveRecipient { label, compartment } => {
            let repo = CaseRepo::open(&ctx.dir)?;
            let current = read_config(&repo)?.unwrap_or_default();
            let text = sealing::remove_recipient(&current, &compartment, &label)?;
            let what = format!("recipient removed from {compartment}");
            rekey(&repo, KeyOp::Rotate, Some(ConfigChange { text, what }))
        }
        KeysAction::Rewrap => rekey(&CaseRepo::open(&ctx.dir)?, KeyOp::Rewrap, None),
        KeysAction::Rotate => rekey(&CaseRepo::open(&ctx.dir)?, KeyOp::Rotate, None),
        KeysAction::SealExisting => rekey(&CaseRepo::open(&ctx.dir)?, KeyOp::SealExisting, None),
    }
}

fn read_config(repo: &CaseRepo) -> Result<Option<String>> {
    let path = repo.root.join(compartments::FILE);
    if !path.is_file() {
        return Ok(None);
    }
    std::fs::read_to_string(&path)
        .map(Some)
        .map_err(StoreError::io(path))
}

fn init(ssh_key: Option<PathBuf>) -> Result<ExitCode> {
    let public = match ssh_key {
        Some(ssh) => keys::init_ssh(&keys::config_dir()?.join(keys::SSH_POINTER_FILE), &ssh)?,
        None => {
            let path = match std::env::var_os("VERZUIM_IDENTITY") {
                Some(path) => PathBuf::from(path),
                None => keys::config_dir()?.join(keys::IDENTITY_FILE),
            };
            let first = ask(t("nieuwe wachtwoordzin", "new passphrase")).ok_or_else(|| {
                StoreError::User(
                    t(
                        "geen wachtwoordzin: typ hem in een terminal of zet VERZUIM_PASSPHRASE",
                        "no passphrase: type it in a terminal or set VERZUIM_PASSPHRASE",
                    )
                    .into(),
                )
            })?;
            if keys::passphrase_from_env().is_none() {
                let again = ask(t("nog een keer", "once more"));
                use age::secrecy::ExposeSecret;
                if again.as_ref().map(|a| a.expose_secret()) != Some(first.expose_secret()) {
                    return Err(StoreError::User(
                        t("de wachtwoordzinnen verschillen", "the passphrases differ").into(),
                    ));
                }
            }
            let work = std::env::var("VERZUIM_SCRYPT_WORK")
                .ok()
                .and_then(|w| w.parse().ok());
            keys::init_age(&path, first, work)?
        }
    };
    outln!("{public}");
    super::out::errln!(
        "{} `verzuim keys add-recipient <label> {public}`",
        t(
            "je publieke sleutel; een collega met sleutel voegt je toe met",
            "your public key; a colleague with a key adds you with"
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn rekey(repo: &CaseRepo, op: KeyOp, config: Option<ConfigChange>) -> Result<ExitCode> {
    let keyring = need_keyring()?;
    let r = repo.rekey(&keyring, op, config)?;
    print_report(op, &r);
    Ok(ExitCode::SUCCESS)
}

fn print_report(op: KeyOp, r: &KeyReport) {
    use crate::i18n::count;
    let cases = count(r.cases, ("dossier", "dossiers"), ("case", "cases"));
    match op {
        KeyOp::SealExisting => {
            outln!(
                "{} {} {cases}",
                count(r.values, ("waarde", "waarden"), ("value", "values")),
                t("verzegeld in", "sealed in")
            );
            if r.values > 0 {
                outln!(
                    "{}",
                    t(
                        "let op: de eerdere geschiedenis (git) bevat de platte tekst nog, tot de bewaartermijn-opschoning (retention) haar herschrijft",
                        "note: earlier history (git) still holds the plain text until the retention purge rewrites it"
                    )
                );
            }
        }
        KeyOp::Rewrap | KeyOp::Rotate => {
            outln!(
                "{} {} {cases}{}",
                count(
                    r.keys,
                    ("dossiersleutel", "dossiersleutels"),
                    ("case key", "case keys")
                ),
                if op == KeyOp::Rotate {
                    t(
                        "opnieuw verpakt en buiten gebruik gesteld in",
                        "rewrapped and retired in",
                    )
                } else {
                    t("opnieuw verpakt in", "rewrapped in")
                },
                if op == KeyOp::Rotate {
                    t(
                        "; nieuwe waarden krijgen een nieuwe sleutel. Wie eerder een sleutel had, kan de oude geschiedenis blijven lezen: ontneem ook de toegang tot de remote",
                        "; new values get a new key. Whoever had a key before can still read the old history: remove their access to the remote too",
                    )
                } else {
                    ""
                }
            );
        }
    }
    if r.not_held > 0 {
        outln!(
            "{}: {}",
            count(
                r.not_held,
                ("dossiersleutel", "dossiersleutels"),
                ("case key", "case keys")
            ),
            t(
                "gaat niet open met jouw sleutel en is gelaten zoals hij was",
                "does not open with your key and was left as it was"
            )
        );
    }
}
