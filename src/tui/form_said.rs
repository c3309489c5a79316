//! How the status bar names the change a form makes ("ziekmelding van
//! 20-11-2025 toegevoegd"): in the person's words, while the commit
//! message stays technical (ids and kinds).

use super::form::{Form, FormKind};
use crate::domain::input;
use crate::i18n::{Lang, date, lang, t};

impl Form {
    /// How the status bar names the change this form makes.
    pub fn said(&self) -> String {
        let labels = |keys: &[&str]| -> String {
            let names: Vec<&str> = self
                .fields
                .iter()
                .filter(|f| keys.contains(&f.key))
                .map(|f| f.label())
                .collect();
            names.join(", ").to_lowercase()
        };
        match &self.kind {
            FormKind::AddEvent { .. } => {
                let label = self.spec().map_or(self.value("kind"), |s| s.label.as_str());
                let date = input::date(input::Input::Date, self.value("date"))
                    .map(date)
                    .unwrap_or_default();
                match lang() {
                    Lang::Nl => {
                        format!("{} van {date} toegevoegd", label.to_lowercase())
                    }
                    Lang::En => format!("{} of {date} added", self.value("kind")),
                }
            }
            FormKind::NewCase => t("nieuw dossier aangemaakt", "new case created").into(),
            FormKind::EditCase { original, .. } => {
                let changed: Vec<&str> = self
                    .fields
                    .iter()
                    .filter(|f| original.iter().any(|(k, v)| k == f.key && v != &f.value))
                    .map(|f| f.key)
                    .collect();
                format!(
                    "{}: {}",
                    t("dossier gewijzigd", "case changed"),
                    labels(&changed)
                )
            }
            FormKind::EditEvent { .. } => t("gebeurtenis gecorrigeerd", "event corrected").into(),
            FormKind::Withdraw { .. } => t("gebeurtenis ingetrokken", "event withdrawn").into(),
            FormKind::Done { title, .. } => {
                format!("{}: {title}", t("actie afgerond", "action done"))
            }
        }
    }
}
