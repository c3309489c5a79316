//! The `keys` commands that rewrite many case files in one commit (issue
//! 15): rewrap every case key to the current recipients, rotate (retire
//! every key, so future values get a new one), seal plain values that
//! predate the compartment, and change a compartment's recipients.

use super::case_file::{self, CaseDoc};
use super::git::Change;
use super::keys::{self, Keyring};
use super::load::{self, CASES_DIR};
use super::sealing;
use super::{CaseRepo, Result, StoreError};
use crate::domain::compartments::{self, Compartments, KeyBlock};
use crate::i18n::t;

/// What one key command does to each case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyOp {
    /// Wrap each key again to the current recipients; no value changes.
    Rewrap,
    /// Rewrap and retire each key: the next sealed value gets a new one.
    Rotate,
    /// Seal the plain values of sealed fields.
    SealExisting,
}

/// What a key command changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KeyReport {
    pub cases: usize,
    pub keys: usize,
    pub values: usize,
    /// Case keys this user's key does not open (left as they were).
    pub not_held: usize,
    pub commit: Option<String>,
}

/// A change of `compartments.toml` made in the same commit.
pub struct ConfigChange {
    pub text: String,
    pub what: String,
}

impl CaseRepo {
    /// Runs `op` over every case (and writes `config` first, if given):
    /// one commit, or none when nothing changed.
    pub fn rekey(
        &self,
        keyring: &Keyring,
        op: KeyOp,
        config: Option<ConfigChange>,
    ) -> Result<KeyReport> {
        let s = self.begin(&[])?;
        let cfg = match &config {
            Some(c) => {
                Compartments::parse(compartments::FILE, &c.text).map_err(StoreError::Broken)?
            }
            None => sealing::load_config(&self.root)?.ok_or_else(|| {
                StoreError::User(format!(
                    "{} {} (`verzuim keys add-recipient`)",
                    compartments::FILE,
                    t("ontbreekt", "is missing")
                ))
            })?,
        };
        let mut report = KeyReport::default();
        let mut files: Vec<(String, String)> = Vec::new();
        for path in load::toml_files(&self.root.join(CASES_DIR))? {
            let Some(id) = path.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let rel = format!("{CASES_DIR}/{id}.toml");
            let text = load::read_text(&self.root, &path).map_err(StoreError::Broken)?;
            let case = case_file::parse(&rel, &id, &text).map_err(StoreError::Broken)?;
            let Some(new) = rekey_case(&cfg, keyring, op, &case, &mut report)? else {
                continue;
            };
            let mut doc = CaseDoc::parse(&text).map_err(StoreError::Repo)?;
            doc.apply(&case, &new).map_err(StoreError::Repo)?;
            report.cases += 1;
            files.push((rel, doc.to_string()));
        }
        if let Some(c) = &config {
            files.push((compartments::FILE.to_string(), c.text.clone()));
        }
        if files.is_empty() {
            return Ok(report);
        }
        let changes = Change::writes(&files);
        let what = match op {
            KeyOp::Rewrap => "rewrap",
            KeyOp::Rotate => "rotate",
            KeyOp::SealExisting => "seal existing values",
        };
        let mut message = format!(
            "keys: {what}: {} case keys, {} values in {} cases",
            report.keys, report.values, report.cases
        );
        if let Some(c) = &config {
            message = format!("{}; {message}", c.what);
        }
        self.commit(&s, &changes, &message)?;
        report.commit = self.last_commit();
        Ok(report)
    }
}

/// One case after `op`; `None` when it does not change.
fn rekey_case(
    cfg: &Compartments,
    kr: &Keyring,
    op: KeyOp,
    case: &crate::domain::case::Case,
    report: &mut KeyReport,
) -> Result<Option<crate::domain::case::Case>> {
    if op == KeyOp::SealExisting {
        let n = cfg.plain_values(case).len();
        let sealed = sealing::seal_case(cfg, Some(kr), None, case)?;
        report.values += n;
        return Ok(sealed);
    }
    let mut new = case.clone();
    for (kid, block) in &case.keys {
        let Some(comp) = cfg.compartments.get(&block.compartment) else {
            continue;
        };
        let Some(key) = kr.key(case, kid) else {
            report.not_held += 1;
            continue;
        };
        let wrapped = keys::wrap(cfg, comp, &key)?;
        new.keys.insert(
            kid.clone(),
            KeyBlock {
                compartment: block.compartment.clone(),
                retired: block.retired || op == KeyOp::Rotate,
                wrapped,
            },
        );
        report.keys += 1;
    }
    Ok((new != *case).then_some(new))
}
