//! The seal step of every case write (issue 15): new or changed values of
//! sealed fields are encrypted before any file or temp file is written;
//! without a key the write is refused. Also the edits of
//! `compartments.toml` that `keys add-recipient` and `remove-recipient` make.

use super::case_file::{self, CaseDoc};
use super::keys::{self, Keyring};
use super::{Result, StoreError};
use crate::domain::case::Case;
use crate::domain::compartments::{self, Compartment, Compartments, KeyBlock};
use crate::domain::seal;
use crate::i18n::t;
use std::path::Path;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

/// The repository's compartments, `None` when it has no such file.
pub fn load_config(root: &Path) -> Result<Option<Compartments>> {
    let path = root.join(compartments::FILE);
    if !path.is_file() {
        return Ok(None);
    }
    let text = super::load::read_text(root, &path).map_err(StoreError::Broken)?;
    Compartments::parse(compartments::FILE, &text)
        .map(Some)
        .map_err(StoreError::Broken)
}

/// Seals what `doc` (an edit of `before`) adds or changes in sealed fields.
pub fn seal_doc(
    root: &Path,
    keyring: Option<&Keyring>,
    rel: &str,
    before: &Case,
    doc: &mut CaseDoc,
) -> Result<()> {
    let Some(cfg) = load_config(root)? else {
        return Ok(());
    };
    let after = case_file::parse(rel, &before.id, &doc.to_string())
        .map_err(|e| StoreError::Repo(format!("internal: {e}")))?;
    if let Some(sealed) = seal_case(&cfg, keyring, Some(before), &after)? {
        doc.apply(&after, &sealed).map_err(StoreError::Repo)?;
    }
    Ok(())
}

/// `after` with every value that needs sealing sealed (and any new key
/// block); `None` when nothing needed it.
pub fn seal_case(
    cfg: &Compartments,
    keyring: Option<&Keyring>,
    before: Option<&Case>,
    after: &Case,
) -> Result<Option<Case>> {
    let mut out = after.clone();
    let mut changed = false;
    for (eid, e) in &after.events {
        let todo = cfg.to_seal(before.and_then(|b| b.events.get(eid)), e);
        for (field, comp) in todo {
            let Some(kr) = keyring else {
                return Err(refused(&e.kind, &field, &comp.id));
            };
            if !kr.may_seal(cfg, comp) {
                return Err(StoreError::User(format!(
                    "{} {} ({}); {}",
                    t(
                        "je sleutel staat niet bij de ontvangers van",
                        "your key is not among the recipients of"
                    ),
                    comp.id,
                    compartments::FILE,
                    t("er is niets geschreven", "nothing was written")
                )));
            }
            let (kid, key) = active_key(cfg, kr, &mut out, comp)?;
            let plain = compartments::get_text(e, &field).unwrap_or_default();
            let path = seal::field_path(eid, &field);
            let value = seal::seal(&key, &kid, &after.id, &path, &plain, keys::nonce());
            if let Some(ev) = out.events.get_mut(eid) {
                compartments::set_text(ev, &field, Some(value));
            }
            changed = true;
        }
    }
    Ok(changed.then_some(out))
}

fn refused(kind: &str, field: &str, comp: &str) -> StoreError {
    StoreError::User(format!(
        "`{field}` {} `{kind}` {} ({comp}) {}; {}",
        t("van", "of"),
        t("is vertrouwelijk", "is confidential"),
        t(
            "en wordt alleen verzegeld opgeslagen, maar je hebt geen sleutel",
            "and is only stored sealed, but you have no key"
        ),
        t(
            "maak er een met `verzuim keys init` en laat een collega je toevoegen, of laat het veld leeg. Er is niets geschreven",
            "make one with `verzuim keys init` and have a colleague add you, or leave the field empty. Nothing was written"
        )
    ))
}

/// The case's current key of `comp`, or a new one wrapped to every
/// recipient and added to the case.
fn active_key(
    cfg: &Compartments,
    kr: &Keyring,
    case: &mut Case,
    comp: &Compartment,
) -> Result<(String, [u8; seal::KEY_LEN])> {
    let current = case
        .keys
        .iter()
        .find(|(_, b)| b.compartment == comp.id && !b.retired)
        .map(|(k, _)| k.clone());
    if let Some(kid) = current {
        let key = kr.key(case, &kid).ok_or_else(|| {
            StoreError::User(format!(
                "{} {kid} {}; {}",
                t(
                    "je sleutel opent de dossiersleutel",
                    "your key does not open case key"
                ),
                t("niet", ""),
                t(
                    "vraag een collega met sleutel om `verzuim keys rewrap`",
                    "ask a colleague with a key to run `verzuim keys rewrap`"
                )
            ))
        })?;
        return Ok((kid, key));
    }
    let (kid, key) = keys::new_key();
    let wrapped = keys::wrap(cfg, comp, &key)?;
    case.keys.insert(
        kid.clone(),
        KeyBlock {
            compartment: comp.id.clone(),
            retired: false,
            wrapped,
        },
    );
    kr.remember(&kid, key);
    Ok((kid, key))
}

/// A new `compartments.toml` with the `jgz` compartment and its sealed
/// fields (the notes of the jeugdarts's kinds), no recipients yet.
pub const TEMPLATE: &str = r#"# Vertrouwelijke compartimenten (issue 15): wie welke velden kan lezen.
# Alleen publieke sleutels; een geheime sleutel hoort hier nooit.
# Soort, datum, uitkomst en `advice` blijven altijd leesbaar.

[compartments.jgz]
label = "Jeugdgezondheidszorg (jeugdarts)"
source = "Beroepsgeheim van de jeugdarts; gezondheidsgegevens zijn bijzondere persoonsgegevens (AVG art. 9). Leerplicht en school zien dat er een consult was, of de leerling kwam, en het advies dat gedeeld mag worden."

[compartments.jgz.sealed]
consult = ["note", "findings"]
terugkoppeling = ["note", "findings"]
follow-up = ["note", "findings"]
"#;

/// `text` (or the template) with a recipient added to `comp`, or with
/// the recovery key set when `recovery`.
pub fn add_recipient(
    text: Option<&str>,
    comp: &str,
    label: &str,
    key: &str,
    recovery: bool,
) -> Result<String> {
    let mut doc: DocumentMut = text
        .unwrap_or(TEMPLATE)
        .parse()
        .map_err(|e: toml_edit::TomlError| StoreError::Repo(e.to_string()))?;
    let mut entry = Table::new();
    entry.insert("label", toml_edit::value(label));
    entry.insert("key", toml_edit::value(key.trim()));
    if recovery {
        doc.insert("recovery", Item::Table(entry));
    } else {
        let comps = doc
            .entry("compartments")
            .or_insert_with(implicit_table)
            .as_table_mut()
            .ok_or_else(|| StoreError::Repo("compartments".into()))?;
        let c = comps
            .entry(comp)
            .or_insert_with(|| Item::Table(Table::new()))
            .as_table_mut()
            .ok_or_else(|| StoreError::Repo(comp.into()))?;
        let list = c
            .entry("recipients")
            .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()))
            .as_array_of_tables_mut()
            .ok_or_else(|| StoreError::Repo("recipients".into()))?;
        if list
            .iter()
            .any(|r| r.get("label").and_then(|l| l.as_str()) == Some(label))
        {
            return Err(StoreError::User(format!(
                "`{label}` {} {comp}",
                t("staat al bij", "is already in")
            )));
        }
        list.push(entry);
    }
    Ok(doc.to_string())
}

fn implicit_table() -> Item {
    let mut t = Table::new();
    t.set_implicit(true);
    Item::Table(t)
}

/// `text` without the recipient labelled `label` in `comp`.
pub fn remove_recipient(text: &str, comp: &str, label: &str) -> Result<String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| StoreError::Repo(e.to_string()))?;
    let list = doc
        .get_mut("compartments")
        .and_then(|c| c.get_mut(comp))
        .and_then(|c| c.get_mut("recipients"))
        .and_then(|r| r.as_array_of_tables_mut());
    let Some(list) = list else {
        return Err(unknown_recipient(comp, label));
    };
    let before = list.len();
    list.retain(|r| r.get("label").and_then(|l| l.as_str()) != Some(label));
    if list.len() == before {
        return Err(unknown_recipient(comp, label));
    }
    Ok(doc.to_string())
}

fn unknown_recipient(comp: &str, label: &str) -> StoreError {
    StoreError::User(format!(
        "`{label}` {} {comp}",
        t("is geen ontvanger van", "is not a recipient of")
    ))
}
