//! Reports worded for people: the domain's figures as titled tables
//! (Dutch, English through `i18n`) and the formats they are written in.
//! Shared by the CLI (`verzuim report ...`) and the TUI's Rapportages
//! screen, so both show and write exactly the same table. Letters are
//! made here too (`letter`: template text, PDF, digest), for the same two
//! front ends.

pub mod jaar;
pub mod letter;
pub mod mazl;
pub mod pdf;
pub mod table;
pub mod thuiszitters;

pub use table::{Cell, Format, Table};

use std::io::{self, Write};

/// Writes a report's tables in a file format. A CSV holds one table: the
/// last (the cases of a named overview, else the only one); the human
/// formats hold all of them, after `mark` (VERTROUWELIJK) when given; a
/// PDF is titled after its first table, `mark` on every page (a caller
/// with a better title uses `pdf::bytes`).
pub fn write(
    out: &mut impl Write,
    tables: &[Table],
    format: Format,
    mark: Option<&str>,
) -> io::Result<()> {
    match format {
        Format::Csv | Format::Excel => match tables.last() {
            Some(t) => table::csv(out, t, format == Format::Excel),
            None => Ok(()),
        },
        Format::Pdf => {
            let title = tables.first().map_or("", |t| t.title.as_str());
            let bytes = pdf::bytes(title, tables, mark).map_err(io::Error::other)?;
            out.write_all(&bytes)
        }
        _ => {
            if let Some(mark) = mark {
                writeln!(out, "{mark}\n")?;
            }
            for t in tables {
                if format == Format::Markdown {
                    table::markdown(out, t)?;
                } else {
                    table::terminal(out, t)?;
                }
            }
            Ok(())
        }
    }
}

/// The usual file name extension of a format.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Csv | Format::Excel => "csv",
        Format::Markdown => "md",
        Format::Json => "json",
        Format::Terminal => "txt",
        Format::Pdf => "pdf",
    }
}
