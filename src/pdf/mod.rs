//! The PDF engine: a small document model (headings, paragraphs, tables)
//! laid out on A4 pages in an embedded open font (DejaVu Sans, regular and
//! bold) and written with `pdf-writer`. Offline, every Unicode letter the
//! font has (ë, é, ï, ĳ, €) shown and extractable as itself, and the same
//! document always gives the same bytes: no dates, no random ids.
//! Pure: no IO, no clock, no interface language (front ends word the text).
//! Why this engine and not typst: `docs/pdf.md`.

mod font;
mod layout;
mod write;

pub use font::FontError;

/// A document to print.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    /// The document's title (PDF metadata; not printed by itself).
    pub title: String,
    /// Printed at the foot of every page, followed by "n/N".
    pub footer: Option<String>,
    /// Landscape pages (wide tables).
    pub landscape: bool,
    pub blocks: Vec<Block>,
}

/// One block of a document, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A bold line, larger than the text.
    Heading(String),
    /// Text wrapped to the page width; each `\n` starts a new line, an
    /// empty line leaves a blank line.
    Text(String),
    /// A table with a bold header row repeated on every page; cells wrap
    /// within their column, and a wide table is set in a smaller size.
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

/// Renders the document to PDF bytes (deterministic for the same `doc`).
pub fn render(doc: &Doc) -> Result<Vec<u8>, FontError> {
    let fonts = font::Fonts::load()?;
    let pages = layout::lay_out(doc, &fonts);
    write::write(doc, &fonts, &pages)
}

#[cfg(test)]
mod tests;
