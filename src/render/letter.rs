//! Making a letter, shared by the CLI (`verzuim letter`) and the TUI: the
//! text from a template (domain), as PDF if asked (engine), its digest, and
//! the errors worded in the interface language. Writing the file and
//! recording the event is the store's (`CaseRepo::deliver_letter`).

use crate::domain::case::Case;
use crate::domain::engine::{Action, ActionStatus};
use crate::domain::letter::{self, LetterData, LetterError, Sender, Template};
use crate::i18n::t;
use chrono::NaiveDate;

/// A letter made, ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Made {
    pub template: String,
    pub text: String,
    /// What is sent: the PDF, or the text as UTF-8.
    pub bytes: Vec<u8>,
    pub sha256: String,
}

/// The letter from `template` for `case` (and `action`), as PDF when `pdf`.
pub fn make(
    case: &Case,
    template: &Template,
    action: Option<&Action>,
    sender: &Sender,
    today: NaiveDate,
    pdf: bool,
) -> Result<Made, String> {
    let data = LetterData::new(case, action, sender, today);
    let text = shown(&template.render(&data).map_err(|e| describe(&e))?);
    let bytes = if pdf {
        let doc = crate::pdf::Doc {
            title: template.title.clone(),
            footer: Some(format!(
                "{} - {} {}",
                t("Vertrouwelijk", "Confidential"),
                t("kenmerk", "reference"),
                case.id
            )),
            landscape: false,
            blocks: vec![crate::pdf::Block::Text(text.clone())],
        };
        crate::pdf::render(&doc).map_err(|e| format!("PDF: {e}"))?
    } else {
        text.clone().into_bytes()
    };
    Ok(Made {
        template: template.id.clone(),
        sha256: letter::digest(&bytes),
        text,
        bytes,
    })
}

/// The text as sent: control characters (only a template could still hold
/// one; data is escaped) escaped line by line, ending in a line end, so the
/// digest is that of exactly what is printed or saved.
fn shown(text: &str) -> String {
    let mut out: String = text
        .trim_end_matches('\n')
        .split('\n')
        .map(|l| crate::domain::text::escape(l).into_owned() + "\n")
        .collect();
    if out.trim().is_empty() {
        out = String::new();
    }
    out
}

/// A letter error in words, with `file:line`.
pub fn describe(e: &LetterError) -> String {
    match e {
        LetterError::Head(f) => format!(
            "{f} ({})",
            t(
                "een sjabloon begint met +++, titel = \"...\", past_bij = [...], +++",
                "a template starts with +++, titel = \"...\", past_bij = [...], +++"
            )
        ),
        LetterError::UnknownField { file, line, field } => format!(
            "{file}:{line}: {} `{field}` ({})",
            t("onbekend veld", "unknown field"),
            t(
                "zie docs/letters.md voor de velden",
                "see docs/letters.md for the fields"
            )
        ),
        LetterError::Template { file, line, detail } => format!(
            "{file}:{line}: {}: {detail}",
            t("fout in sjabloon", "error in template")
        ),
    }
}

/// The templates in the order to offer them: those that fit one of the
/// case's open actions (or `action`, when given) first, then the rest,
/// each by id. The flag says whether it fits.
pub fn offer<'t>(
    templates: &'t [Template],
    actions: &[Action],
    action: Option<&Action>,
) -> Vec<(&'t Template, bool)> {
    let fits = |tpl: &Template| match action {
        Some(a) => tpl.fits(a),
        None => actions
            .iter()
            .any(|a| a.status != ActionStatus::Done && tpl.fits(a)),
    };
    let mut v: Vec<(&Template, bool)> = templates.iter().map(|tpl| (tpl, fits(tpl))).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.id.cmp(&b.0.id)));
    v
}
