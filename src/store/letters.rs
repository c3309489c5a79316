//! Letter templates in the repository (`templates/*.txt`, `.md`; copied at
//! init, the built-in ones for a repository without its own) and the
//! record of a letter sent: one `brief` event with the template and the
//! sha256 of what was sent, in one commit. The letter itself is not kept.

use super::{CaseRepo, Result, StoreError, embedded};
use crate::domain::event::{Event, LETTER_KIND};
use crate::domain::letter::{DIR, LetterError, Sender, Template};
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::path::Path;

/// A template that does not read, with where.
fn broken(e: LetterError) -> StoreError {
    match e {
        LetterError::Head(f) => StoreError::Broken(f),
        other => StoreError::Repo(format!("{other:?}")),
    }
}

/// Every template by id: the repository's own over the built-in ones.
pub fn templates(root: &Path) -> Result<Vec<Template>> {
    let mut by_id: BTreeMap<String, Template> = BTreeMap::new();
    for (name, text) in embedded::TEMPLATES {
        let t = Template::parse(&format!("{DIR}/{name}"), text).map_err(broken)?;
        by_id.insert(t.id.clone(), t);
    }
    let dir = root.join(DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(by_id.into_values().collect());
        }
        Err(e) => return Err(StoreError::io(&dir)(e)),
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && (n.ends_with(".txt") || n.ends_with(".md")))
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let text = std::fs::read_to_string(&path).map_err(StoreError::io(&path))?;
        let t = Template::parse(&format!("{DIR}/{name}"), &text).map_err(broken)?;
        by_id.insert(t.id.clone(), t);
    }
    Ok(by_id.into_values().collect())
}

impl CaseRepo {
    /// Who signs letters: the commit author (as `begin` finds it).
    pub fn sender(&self) -> Result<Sender> {
        let git = self.git()?;
        let config = self.config()?;
        let sig = super::git::signature(&git, config.author.as_ref())?;
        Ok(Sender {
            name: sig.name().unwrap_or_default().to_string(),
            email: sig.email().unwrap_or_default().to_string(),
        })
    }

    /// Sends a letter: writes `bytes` to `target` (owner-only, atomic) when
    /// given, then records the `brief` event with their sha256. When the
    /// record fails the file is removed again: no letter leaves unrecorded.
    pub fn deliver_letter(
        &self,
        case_id: &str,
        template: &str,
        bytes: &[u8],
        target: Option<&Path>,
        date: NaiveDate,
    ) -> Result<String> {
        let sha = crate::domain::letter::digest(bytes);
        if let Some(path) = target {
            super::atomic::write(path, bytes)?;
        }
        let recorded = self.record_letter(case_id, template, &sha, date);
        if let (Err(_), Some(path)) = (&recorded, target) {
            let _ = std::fs::remove_file(path);
        }
        recorded
    }

    /// Records that a letter from `template` was sent (one commit naming
    /// ids and the template only); returns the event id.
    pub fn record_letter(
        &self,
        case_id: &str,
        template: &str,
        sha256: &str,
        date: NaiveDate,
    ) -> Result<String> {
        let mut event = Event::new(LETTER_KIND, date);
        event.template = Some(template.to_string());
        event.sha256 = Some(sha256.to_string());
        let what = format!("add {LETTER_KIND} {template} {date}");
        self.add_event(case_id, &event, &what)
    }
}
