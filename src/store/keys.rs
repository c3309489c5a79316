//! The user's own key (issue 15): an age identity sealed with a
//! passphrase (age's scrypt recipient) in the user's config folder, or a
//! pointer to an ssh key; unlocked once per session into a [`Keyring`]
//! that holds unwrapped case keys in memory only (zeroized on drop).

use super::{Result, StoreError};
use crate::domain::case::Case;
use crate::domain::compartments::{Compartment, Compartments, KeyBlock};
use crate::domain::seal::{KEY_LEN, NONCE_LEN};
use crate::i18n::t;
use age::secrecy::{ExposeSecret, SecretString};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use secrecy::SecretBox;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;
use zeroize::Zeroizing;

/// The passphrase-sealed age identity in the config folder.
pub const IDENTITY_FILE: &str = "identity.age";
/// Instead of it: one line naming an ssh private key.
pub const SSH_POINTER_FILE: &str = "identity.ssh";

/// `verzuim` in the XDG config folder (`$XDG_CONFIG_HOME`, else
/// `~/.config`), on every system; an error when there is no home folder.
pub fn config_dir() -> Result<PathBuf> {
    use etcetera::BaseStrategy;
    let xdg = etcetera::base_strategy::Xdg::new().map_err(|_| {
        key_error(t(
            "geen thuismap gevonden voor je sleutel: zet $HOME of $VERZUIM_IDENTITY",
            "no home folder found for your key: set $HOME or $VERZUIM_IDENTITY",
        ))
    })?;
    Ok(xdg.config_dir().join("verzuim"))
}

/// Where the identity is: `$VERZUIM_IDENTITY`, else the config folder's
/// age identity, else its ssh pointer. `None`: this user has no key.
pub fn identity_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VERZUIM_IDENTITY").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let dir = config_dir().ok()?;
    [IDENTITY_FILE, SSH_POINTER_FILE]
        .into_iter()
        .map(|f| dir.join(f))
        .find(|p| p.is_file())
}

/// Asks for a passphrase (`None`: none can be had, e.g. no terminal).
pub type Ask<'a> = &'a dyn Fn(&str) -> Option<SecretString>;

fn key_error(msg: &str) -> StoreError {
    StoreError::User(msg.to_string())
}

/// Creates a new age identity, sealed with `passphrase`, at `path`
/// (0600); returns its public key. `work` overrides scrypt's work factor
/// (tests only; the default takes about a second, as age chooses).
pub fn init_age(path: &Path, passphrase: SecretString, work: Option<u8>) -> Result<String> {
    if path.exists() {
        return Err(key_error(&format!(
            "{}: {}",
            path.display(),
            t(
                "bestaat al; een tweede sleutel zou de eerste overschrijven",
                "already exists; a second key would overwrite the first"
            )
        )));
    }
    let identity = age::x25519::Identity::generate();
    let mut recipient = age::scrypt::Recipient::new(passphrase);
    if let Some(w) = work {
        recipient.set_work_factor(w);
    }
    let secret = identity.to_string();
    let sealed = age::encrypt(&recipient, secret.expose_secret().as_bytes())
        .map_err(|e| StoreError::Repo(e.to_string()))?;
    write_private(path, &sealed)?;
    Ok(identity.to_public().to_string())
}

/// Points at an existing ssh key (its `.pub` beside it gives the public
/// key); returns the public key.
pub fn init_ssh(pointer: &Path, ssh_key: &Path) -> Result<String> {
    let public_path = PathBuf::from(format!("{}.pub", ssh_key.display()));
    let public = std::fs::read_to_string(&public_path).map_err(StoreError::io(&public_path))?;
    let public = public
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    age::ssh::Recipient::from_str(&public).map_err(|_| {
        key_error(&format!(
            "{}: {}",
            public_path.display(),
            t(
                "geen ssh-ed25519- of ssh-rsa-sleutel",
                "not an ssh-ed25519 or ssh-rsa key"
            )
        ))
    })?;
    let abs = std::fs::canonicalize(ssh_key).map_err(StoreError::io(ssh_key))?;
    write_private(pointer, format!("{}\n", abs.display()).as_bytes())?;
    Ok(public)
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        super::atomic::create_private_dir(dir)?;
    }
    super::atomic::write(path, bytes)
}

/// The unlocked identity of this session and the case keys it unwrapped.
pub struct Keyring {
    identity: Box<dyn age::Identity + Send + Sync>,
    /// The public key (age1... or "ssh-ed25519 AAAA...").
    pub public: String,
    keys: Mutex<HashMap<String, SecretBox<[u8; KEY_LEN]>>>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Keyring({})", self.public)
    }
}

/// Unlocks the identity at `path`, asking for the passphrase once.
pub fn unlock(path: &Path, ask: Ask) -> Result<Keyring> {
    let bytes = Zeroizing::new(std::fs::read(path).map_err(StoreError::io(path))?);
    if bytes.starts_with(b"age-encryption.org/") || bytes.starts_with(b"-----BEGIN AGE") {
        return unlock_age(&bytes, ask);
    }
    let text = String::from_utf8_lossy(&bytes);
    let ssh_path = if text.starts_with("-----BEGIN") {
        path.to_path_buf()
    } else {
        PathBuf::from(text.trim())
    };
    unlock_ssh(&ssh_path, ask)
}

fn unlock_age(bytes: &[u8], ask: Ask) -> Result<Keyring> {
    let passphrase = ask(t(
        "wachtwoordzin van je verzuim-sleutel",
        "passphrase of your verzuim key",
    ))
    .ok_or_else(|| key_error(no_passphrase()))?;
    let identity = age::scrypt::Identity::new(passphrase);
    let plain = Zeroizing::new(age::decrypt(&identity, bytes).map_err(|e| match e {
        age::DecryptError::DecryptionFailed | age::DecryptError::NoMatchingKeys => key_error(t(
            "verkeerde wachtwoordzin: je sleutel gaat niet open (er is niets gelezen of geschreven)",
            "wrong passphrase: your key does not open (nothing was read or written)",
        )),
        other => StoreError::Repo(other.to_string()),
    })?);
    let text = std::str::from_utf8(&plain).map_err(|e| StoreError::Repo(e.to_string()))?;
    let id = age::x25519::Identity::from_str(text.trim())
        .map_err(|e| StoreError::Repo(e.to_string()))?;
    let public = id.to_public().to_string();
    Ok(Keyring::new(Box::new(id), public))
}

fn no_passphrase() -> &'static str {
    t(
        "geen wachtwoordzin: typ hem in een terminal of zet VERZUIM_PASSPHRASE (of VERZUIM_PASSPHRASE_FILE)",
        "no passphrase: type it in a terminal or set VERZUIM_PASSPHRASE (or VERZUIM_PASSPHRASE_FILE)",
    )
}

fn unlock_ssh(path: &Path, ask: Ask) -> Result<Keyring> {
    let text = std::fs::read(path).map_err(StoreError::io(path))?;
    let id = age::ssh::Identity::from_buffer(&text[..], None)
        .map_err(|e| StoreError::Repo(format!("{}: {e}", path.display())))?;
    let id = match id {
        age::ssh::Identity::Encrypted(k) => {
            let passphrase = ask(t(
                "wachtwoordzin van je ssh-sleutel",
                "passphrase of your ssh key",
            ))
            .ok_or_else(|| key_error(no_passphrase()))?;
            age::ssh::Identity::Unencrypted(k.decrypt(passphrase).map_err(|_| {
                key_error(t(
                    "verkeerde wachtwoordzin voor je ssh-sleutel",
                    "wrong passphrase for your ssh key",
                ))
            })?)
        }
        age::ssh::Identity::Unencrypted(k) => age::ssh::Identity::Unencrypted(k),
        age::ssh::Identity::Unsupported(_) => {
            return Err(key_error(t(
                "dit soort ssh-sleutel wordt niet ondersteund (gebruik ssh-ed25519 of ssh-rsa)",
                "this kind of ssh key is not supported (use ssh-ed25519 or ssh-rsa)",
            )));
        }
    };
    let pub_path = PathBuf::from(format!("{}.pub", path.display()));
    let public = std::fs::read_to_string(&pub_path)
        .map(|p| p.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    Ok(Keyring::new(Box::new(id), public))
}

impl Keyring {
    fn new(identity: Box<dyn age::Identity + Send + Sync>, public: String) -> Self {
        Keyring {
            identity,
            public,
            keys: Mutex::new(HashMap::new()),
        }
    }

    /// Whether this key is one of `comp`'s recipients or the recovery key.
    pub fn may_seal(&self, cfg: &Compartments, comp: &Compartment) -> bool {
        let same = |k: &str| {
            let short: Vec<&str> = k.split_whitespace().take(2).collect();
            short.join(" ") == self.public
        };
        comp.recipients.iter().any(|r| same(&r.key))
            || cfg.recovery.as_ref().is_some_and(|r| same(&r.key))
    }

    /// The key `kid` of `case`, unwrapped once and then kept in memory.
    pub fn key(&self, case: &Case, kid: &str) -> Option<[u8; KEY_LEN]> {
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(k) = keys.get(kid) {
            return Some(*k.expose_secret());
        }
        let block = case.keys.get(kid)?;
        let key = unwrap(&*self.identity, block)?;
        keys.insert(kid.to_string(), SecretBox::new(Box::new(key)));
        Some(key)
    }

    /// Forgets every unwrapped case key (they are zeroized on drop).
    pub fn forget(&self) {
        self.keys.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }

    /// Remembers a key this session made.
    pub fn remember(&self, kid: &str, key: [u8; KEY_LEN]) {
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        keys.insert(kid.to_string(), SecretBox::new(Box::new(key)));
    }
}

fn unwrap(identity: &dyn age::Identity, block: &KeyBlock) -> Option<[u8; KEY_LEN]> {
    let bytes = STANDARD.decode(&block.wrapped).ok()?;
    let decryptor = age::Decryptor::new_buffered(&bytes[..]).ok()?;
    let mut reader = decryptor.decrypt(std::iter::once(identity)).ok()?;
    let mut key = Zeroizing::new(Vec::new());
    reader.read_to_end(&mut key).ok()?;
    key.as_slice().try_into().ok()
}

/// Wraps `key` to every recipient of `comp` and the recovery key, in one
/// age header.
pub fn wrap(cfg: &Compartments, comp: &Compartment, key: &[u8; KEY_LEN]) -> Result<String> {
    let recovery = cfg.recovery.as_ref().ok_or_else(|| {
        key_error(t(
            "compartments.toml mist de verplichte herstelsleutel [recovery] van de organisatie",
            "compartments.toml lacks the organisation's mandatory recovery key [recovery]",
        ))
    })?;
    let mut recipients: Vec<Box<dyn age::Recipient + Send>> = Vec::new();
    for r in comp.recipients.iter().chain(std::iter::once(recovery)) {
        recipients.push(parse_recipient(&r.key).ok_or_else(|| {
            key_error(&format!(
                "compartments.toml: {} `{}` {}",
                t("sleutel van", "key of"),
                r.label,
                t(
                    "is geen geldige publieke sleutel",
                    "is not a valid public key"
                )
            ))
        })?);
    }
    let encryptor = age::Encryptor::with_recipients(recipients.iter().map(|r| r.as_ref() as _))
        .map_err(|e| StoreError::Repo(e.to_string()))?;
    let mut out = Vec::new();
    let mut w = encryptor
        .wrap_output(&mut out)
        .map_err(|e| StoreError::Repo(e.to_string()))?;
    w.write_all(key)
        .and_then(|_| w.finish().map(|_| ()))
        .map_err(|e| StoreError::Repo(e.to_string()))?;
    Ok(STANDARD.encode(out))
}

fn parse_recipient(key: &str) -> Option<Box<dyn age::Recipient + Send>> {
    let key = key.trim();
    if let Ok(r) = age::x25519::Recipient::from_str(key) {
        return Some(Box::new(r));
    }
    age::ssh::Recipient::from_str(key)
        .ok()
        .map(|r| Box::new(r) as Box<dyn age::Recipient + Send>)
}

/// A fresh data key and its short id (8 hex digits).
pub fn new_key() -> (String, [u8; KEY_LEN]) {
    let mut key = [0u8; KEY_LEN];
    rand::fill(&mut key);
    let mut id = [0u8; 4];
    rand::fill(&mut id);
    let kid = id.iter().map(|b| format!("{b:02x}")).collect();
    (kid, key)
}

/// A fresh nonce for one sealed value.
pub fn nonce() -> [u8; NONCE_LEN] {
    let mut n = [0u8; NONCE_LEN];
    rand::fill(&mut n);
    n
}

/// The passphrase for scripts and tests: `$VERZUIM_PASSPHRASE`, else the
/// first line of `$VERZUIM_PASSPHRASE_FILE`.
pub fn passphrase_from_env() -> Option<SecretString> {
    if let Ok(p) = std::env::var("VERZUIM_PASSPHRASE") {
        return Some(SecretString::from(p));
    }
    let file = std::env::var_os("VERZUIM_PASSPHRASE_FILE")?;
    let text = Zeroizing::new(std::fs::read_to_string(file).ok()?);
    Some(SecretString::from(
        text.lines().next().unwrap_or("").to_string(),
    ))
}
