//! `--pdf FILE` for every report: its tables (`report_fmt::Table`, what
//! each report already builds for the other formats) laid out as a PDF,
//! written owner-only. A new report gets PDF by handing its tables here.

use crate::pdf::{Block, Doc};
use crate::render::table::{Table, human};
use crate::store::{Result, StoreError, atomic};
use std::path::Path;

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

/// Writes the document to `path` (atomic, 0600).
pub fn write(path: &Path, doc: &Doc) -> Result<()> {
    let bytes = crate::pdf::render(doc).map_err(|e| StoreError::Repo(format!("PDF: {e}")))?;
    let path = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(StoreError::io("."))?
            .join(path)
    };
    atomic::write(&path, &bytes)?;
    super::out::errln!(
        "{}: {}",
        crate::i18n::t("PDF geschreven", "PDF written"),
        path.display()
    );
    Ok(())
}
