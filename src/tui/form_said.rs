//! How the status bar names the change a form makes ("ziekmelding van
//! 20-11-2025 toegevoegd"): in the person's words, while the commit
//! message stays technical (ids and kinds).

use super::form::{FieldKey, Form, FormKind};
use crate::domain::input;
use crate::i18n::{Lang, date, lang, t};

impl Form {
    /// How the status bar names the change this form makes.
    pub fn said(&self) -> String {
        let labels = |keys: &[FieldKey]| -> String {
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
                // An add form always has a kind and a date.
                let kind = self.value(FieldKey::Kind).unwrap_or_default();
                let label = self.spec().map_or(kind, |s| s.label.as_str());
                let date = self
                    .value(FieldKey::Date)
                    .and_then(|d| input::date(input::Input::Date, d).ok())
                    .map(date)
                    .unwrap_or_default();
                match lang() {
                    Lang::Nl => {
                        format!("{} van {date} toegevoegd", label.to_lowercase())
                    }
                    Lang::En => format!("{kind} of {date} added"),
                }
            }
            FormKind::NewCase => t("nieuw dossier aangemaakt", "new case created").into(),
            FormKind::EditCase { original, .. } => {
                let changed: Vec<FieldKey> = self
                    .fields
                    .iter()
                    .filter(|f| original.iter().any(|(k, v)| *k == f.key && v != &f.value))
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
