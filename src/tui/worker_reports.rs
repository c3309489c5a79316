//! The worker's report work: load the repository, compute the chosen
//! report in the domain, word it as tables (`render`), and for an export
//! write it to a file through the store (`exports/`, owner-only).

use super::msg::Msg;
use super::reports::{ReportKind, ReportRequest};
use crate::domain::report::jaar;
use crate::domain::report::mazl;
use crate::domain::report::thuiszitters::{self, Filter};
use crate::render::{self, Format, Table};
use crate::store::{Result, StoreError, load, reports};
use chrono::NaiveDate;
use std::path::Path;

/// The tables of one report as known on `today` (`screen`: the compact
/// form where a report has one, for a screen rather than a file).
pub fn tables(
    root: &Path,
    today: NaiveDate,
    req: ReportRequest,
    screen: bool,
) -> Result<Vec<Table>> {
    let loaded = load::load(root)?;
    let cl = &loaded.caseload;
    Ok(match req.kind {
        ReportKind::Thuiszitters => {
            let defs = reports::thuiszitter_defs(root)?;
            let previous = reports::previous_snapshot(root, today)?;
            let prev = previous.as_ref().map(|s| (s.date, &s.ids));
            let o = thuiszitters::compute(cl, &defs, &Filter::default(), today, prev);
            render::thuiszitters::tables(&o, req.named)
        }
        ReportKind::Jaar => {
            let defs = reports::jaar_defs(root, &jaar::library_kinds(cl))?;
            let figures = jaar::compute(cl, &defs, req.year, None, today);
            if screen {
                vec![render::jaar::compact(&figures)]
            } else {
                vec![render::jaar::table(&figures)]
            }
        }
        ReportKind::Mazl => {
            let defs = reports::mazl_defs(root)?;
            let from = req.year.first_day();
            // A year still running counts up to today; a future one is empty.
            let to = req.year.last_day().min(today).max(from);
            let filter = mazl::Filter {
                school: None,
                from,
                to,
            };
            vec![render::mazl::table(
                &mazl::compute(cl, &defs, &filter),
                &defs,
            )]
        }
    })
}

pub fn report(root: &Path, today: NaiveDate, request: ReportRequest) -> Result<Msg> {
    let tables = tables(root, today, request, true)?;
    Ok(Msg::Report { request, tables })
}

/// Computes the report and writes it to `path`; says where it went.
pub fn export(
    root: &Path,
    today: NaiveDate,
    request: ReportRequest,
    format: Format,
    path: &str,
) -> Result<Msg> {
    let tables = tables(root, today, request, false)?;
    let named = request.kind == ReportKind::Thuiszitters && request.named;
    let mark = named.then_some(render::thuiszitters::CONFIDENTIAL);
    let bytes = if format == Format::Pdf {
        render::pdf::bytes(&request.pdf_title(), &tables, mark)
            .map_err(|e| StoreError::Repo(format!("{path}: {e}")))?
    } else {
        let mut bytes = Vec::new();
        render::write(&mut bytes, &tables, format, mark)
            .map_err(|e| StoreError::Repo(format!("{path}: {e}")))?;
        bytes
    };
    let written = reports::export(root, path, &bytes)?;
    Ok(Msg::Exported(written.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::report::jaar::SchoolYear;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn an_export_is_written_private_and_reads_back_as_csv() {
        let (dir, repo) = crate::store::test_support::repo();
        repo.create_case(&crate::store::test_support::case("aaaa"))
            .unwrap();
        let today = crate::domain::dates::parse("2026-08-15").unwrap();
        let request = ReportRequest {
            kind: ReportKind::Jaar,
            named: false,
            year: SchoolYear(2025),
        };
        let msg = export(
            dir.path(),
            today,
            request,
            Format::Excel,
            "exports/jaar.csv",
        )
        .unwrap();
        let path = dir.path().join("exports/jaar.csv");
        assert!(matches!(msg, Msg::Exported(p) if p == path.display().to_string()));
        let bytes = std::fs::read(&path).unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let mut r = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let ids: Vec<String> = r.records().map(|r| r.unwrap()[0].to_string()).collect();
        assert!(ids.contains(&"relatief-meldingen".to_string()), "{ids:?}");
        // Never into the case data.
        let err = export(dir.path(), today, request, Format::Csv, "cases/aaaa.toml");
        assert!(matches!(err, Err(StoreError::User(_))));
    }

    #[test]
    fn a_pdf_export_is_a_private_pdf_named_for_its_report() {
        let (dir, repo) = crate::store::test_support::repo();
        repo.create_case(&crate::store::test_support::case("aaaa"))
            .unwrap();
        let today = crate::domain::dates::parse("2026-08-15").unwrap();
        let request = ReportRequest {
            kind: ReportKind::Mazl,
            named: false,
            year: SchoolYear(2025),
        };
        assert!(super::super::reports::EXPORT_FORMATS.contains(&Format::Pdf));
        let name = request.file_name(today, Format::Pdf);
        assert_eq!(name, "exports/mazl-2025-2026.pdf");
        export(dir.path(), today, request, Format::Pdf, &name).unwrap();
        let path = dir.path().join(&name);
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"%PDF-"), "{:?}", &bytes[..8]);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // The same document `verzuim report mazl --pdf` writes.
        let tables = tables(dir.path(), today, request, false).unwrap();
        let cli = crate::render::pdf::bytes(crate::render::pdf::mazl_title(), &tables, None);
        assert_eq!(cli.unwrap(), bytes);
    }
}
