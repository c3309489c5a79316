//! Reports as PDF: a report's tables (what it builds for every other
//! format) laid out as a `pdf::Doc`. Shared by `verzuim report ... --pdf`
//! and the TUI's Rapportages export, so both write the same document.

use super::table::{Table, human};
use crate::domain::report::jaar::SchoolYear;
use crate::i18n::t;
use crate::pdf::{Block, Doc};

/// Tables wider than this many columns go on landscape pages.
const PORTRAIT_COLUMNS: usize = 7;

/// The report's tables as a PDF document under `title`; `footer` on every
/// page (e.g. VERTROUWELIJK for a named overview).
pub fn document(title: &str, tables: &[Table], footer: Option<&str>) -> Doc {
    let mut blocks = vec![Block::Heading(title.to_string())];
    for table in tables {
        blocks.push(Block::Heading(table.title.clone()));
        blocks.push(Block::Table {
            headers: table.headers.clone(),
            rows: table
                .rows
                .iter()
                .map(|r| r.iter().map(human).collect())
                .collect(),
        });
    }
    Doc {
        title: title.to_string(),
        footer: footer.map(str::to_string),
        landscape: tables.iter().any(|t| t.headers.len() > PORTRAIT_COLUMNS),
        blocks,
    }
}

/// The PDF bytes of [`document`]; the error is the font engine's, worded.
pub fn bytes(title: &str, tables: &[Table], footer: Option<&str>) -> Result<Vec<u8>, String> {
    crate::pdf::render(&document(title, tables, footer)).map_err(|e| format!("PDF: {e}"))
}

/// The title of the yearly figures' PDF.
pub fn jaar_title(year: SchoolYear) -> String {
    format!(
        "{} {year}",
        t("Jaarcijfers schooljaar", "Yearly figures school year")
    )
}

/// The title of the M@ZL figures' PDF.
pub fn mazl_title() -> &'static str {
    t("M@ZL-cijfers", "M@ZL figures")
}

/// The title of the thuiszitters overview's PDF.
pub fn thuiszitters_title() -> &'static str {
    t("Thuiszittersoverzicht", "Thuiszitters overview")
}
