//! Dutch (and English) words for the options of the repository and its sharing: the options every command has, `init`, `clone`, `sync`, `resolve`, `protocols`, `keys`.

use crate::i18n::t;

/// An option's help, if it is one of this area's.
pub fn arg_help(cmd: &str, arg: &str) -> Option<String> {
    let text = match (cmd, arg) {
        (_, "dir") => t(
            "de dossiermap (standaard: $VERZUIM_DIR, anders ~/.local/share/verzuim)",
            "the case repository (default: $VERZUIM_DIR, else ~/.local/share/verzuim)",
        )
        .to_string(),
        (_, "today") => t(
            "zet \"vandaag\" vast (dd-mm-jjjj of jjjj-mm-dd), voor herhaalbare uitvoer",
            "fix \"today\" (YYYY-MM-DD or DD-MM-YYYY) for reproducible output",
        )
        .to_string(),
        (_, "lang") => t(
            "taal van de interface: nl (standaard) of en",
            "interface language: nl (default) or en",
        )
        .to_string(),
        ("init", "author") => t(
            "leg vast als \"Naam <mail>\" ([author] in verzuim.toml; gaat voor de git-identiteit, GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL gaan daar weer voor)",
            "commit as \"Name <mail>\" ([author] in verzuim.toml; wins over the git identity, GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL win over it)",
        )
        .to_string(),
        ("init", "remote") => t(
            "sluit aan bij de dossiermap op deze URL (zoals `clone`)",
            "join the case repository at this URL (as `clone`)",
        )
        .to_string(),
        ("clone", "url") => t(
            "de remote: een pad, file://, ssh:// of https://",
            "the remote: a path, file://, ssh:// or https://",
        )
        .to_string(),
        ("sync", "join") => t(
            "voeg een andere dossier-branch van de remote samen met de jouwe (als sync twee uiteenlopende branches meldt)",
            "merge another case branch of the remote into yours (when sync reports two diverging case branches)",
        )
        .to_string(),
        ("keys init", "ssh_key") => t(
            "gebruik deze bestaande ssh-sleutel (ed25519 of rsa) in plaats van een nieuwe sleutel",
            "use this existing ssh key (ed25519 or rsa) instead of a new key",
        )
        .to_string(),
        (c, "label") if c.starts_with("keys") => t(
            "wie het is (bv. jeugdarts-jansen); staat naast de sleutel in compartments.toml",
            "who it is (e.g. jeugdarts-jansen); kept beside the key in compartments.toml",
        )
        .to_string(),
        ("keys add-recipient", "key") => t(
            "de publieke sleutel: age1..., \"ssh-ed25519 AAAA...\" of \"ssh-rsa AAAA...\"",
            "the public key: age1..., \"ssh-ed25519 AAAA...\" or \"ssh-rsa AAAA...\"",
        )
        .to_string(),
        (c, "compartment") if c.starts_with("keys") => {
            t("het compartiment", "the compartment").to_string()
        }
        ("keys add-recipient", "recovery") => t(
            "zet de verplichte herstelsleutel van de organisatie in plaats van een ontvanger",
            "set the organisation's mandatory recovery key instead of a recipient",
        )
        .to_string(),
        ("sync", "remote") => t(
            "de git-remote (standaard [sync] remote in verzuim.toml, anders origin)",
            "the git remote (default [sync] remote in verzuim.toml, else origin)",
        )
        .to_string(),
        ("resolve", "field") => t("het veld met een conflict", "the field in conflict").to_string(),
        ("resolve", "choice") => t(
            "local (eigen waarde houden), remote of remote-2, remote-3, ... (een waarde van de andere kant nemen, zoals `verzuim conflicts` ze toont)",
            "local (keep ours), remote or remote-2, remote-3, ... (take another side's value, as `verzuim conflicts` shows them)",
        )
        .to_string(),
        ("protocols", "check") => t(
            "controleer een protocolbestand tegen de protocollen van deze map",
            "validate a protocol file against this repository's protocols",
        )
        .to_string(),
        ("protocols", "markdown") => t(
            "alle regels van alle protocollen als Markdown",
            "every protocol's rules as Markdown",
        )
        .to_string(),
        _ => return None,
    };
    Some(text)
}
