//! The worker's letter effect: the PDF written to `exports/` and the
//! `brief` event recorded (one commit).

use super::Worker;
use crate::i18n::t;
use crate::store::load;
use crate::store::{Result, StoreError};
use crate::tui::msg::Msg;
use std::path::PathBuf;

impl Worker {
    /// `Effect::Letter`: the letter made and recorded; the change reported
    /// with where the PDF went.
    pub(super) fn letter_effect(
        &self,
        case_id: String,
        action_id: Option<&str>,
        template: &str,
    ) -> Result<Msg> {
        let path = self.letter(&case_id, action_id, template)?;
        let mut msg = self.changed(case_id, format!("brief {template}"), true)?;
        if let Msg::Changed { notices, .. } = &mut msg {
            notices.push(format!(
                "{}: {}",
                t("PDF geschreven", "PDF written"),
                path.display()
            ));
        }
        Ok(msg)
    }

    /// Makes the letter as PDF in `exports/` (ignored by git: it holds its
    /// own `.gitignore`) and records the `brief` event; returns the file.
    fn letter(&self, case_id: &str, action_id: Option<&str>, template: &str) -> Result<PathBuf> {
        use crate::store::{atomic, letters};
        let case = load::load_case(&self.repo.root, case_id)?.map_err(StoreError::Broken)?;
        let actions = self.evaluate(&case).map(|e| e.actions).unwrap_or_default();
        let action = action_id.and_then(|id| actions.iter().find(|a| a.id == id));
        let templates = letters::templates(&self.repo.root)?;
        let tpl = templates.iter().find(|x| x.id == template).ok_or_else(|| {
            StoreError::User(format!(
                "{} `{template}`",
                t("onbekend sjabloon", "unknown template")
            ))
        })?;
        let sender = self.repo.sender()?;
        let made = crate::render::letter::make(&case, tpl, action, &sender, self.today, true)
            .map_err(StoreError::User)?;
        let dir = self.repo.root.join(crate::tui::letter::EXPORTS);
        atomic::create_private_dir(&dir)?;
        if !dir.join(".gitignore").exists() {
            atomic::write(&dir.join(".gitignore"), b"*\n")?;
        }
        // Ids and the date only: no name in a file name.
        let day = self.today.format("%Y-%m-%d");
        let path = dir.join(format!("{case_id}-{template}-{day}.pdf"));
        self.repo
            .deliver_letter(case_id, template, &made.bytes, Some(&path), self.today)?;
        Ok(path)
    }
}
