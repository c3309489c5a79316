//! `--pdf FILE` for every report: its tables laid out as a PDF
//! (`render::pdf::document`, shared with the TUI), written owner-only. A
//! new report gets PDF by handing its tables here.

use crate::pdf::Doc;
use crate::store::{Result, StoreError, atomic};
use std::path::Path;

pub use crate::render::pdf::document;

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
