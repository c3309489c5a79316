//! The Rapportages screen (key `4`): which report is chosen and how, the
//! table the worker computed for it, and the prompt that writes it to a
//! file. Computing and writing are effects: the worker does them.

use super::model::{App, Screen};
use super::msg::Effect;
use crate::domain::report::jaar::SchoolYear;
use crate::i18n::t;
use crate::render::{Format, Table};
use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportKind {
    Thuiszitters,
    Jaar,
    Mazl,
}

impl ReportKind {
    pub const ALL: [ReportKind; 3] = [ReportKind::Thuiszitters, ReportKind::Jaar, ReportKind::Mazl];

    pub fn id(self) -> &'static str {
        match self {
            ReportKind::Thuiszitters => "thuiszitters",
            ReportKind::Jaar => "jaar",
            ReportKind::Mazl => "mazl",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportKind::Thuiszitters => t("Thuiszitters (8-wekelijks)", "Thuiszitters (8-weekly)"),
            ReportKind::Jaar => t("Jaarcijfers (DUO/OCW)", "Yearly figures (DUO/OCW)"),
            ReportKind::Mazl => t("M@ZL-cijfers", "M@ZL figures"),
        }
    }
}

/// One report as asked for: the worker computes exactly this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportRequest {
    pub kind: ReportKind,
    /// Thuiszitters per case, with names (VERTROUWELIJK).
    pub named: bool,
    /// The school year of the yearly and M@ZL figures.
    pub year: SchoolYear,
}

impl ReportRequest {
    /// The title of its PDF (the same as `verzuim report ... --pdf`).
    pub fn pdf_title(&self) -> String {
        match self.kind {
            ReportKind::Thuiszitters => crate::render::pdf::thuiszitters_title().into(),
            ReportKind::Jaar => crate::render::pdf::jaar_title(self.year),
            ReportKind::Mazl => crate::render::pdf::mazl_title().into(),
        }
    }

    /// The default file name in `exports/`.
    pub fn file_name(&self, today: NaiveDate, format: Format) -> String {
        let ext = crate::render::extension(format);
        let excel = if format == Format::Excel {
            "-excel"
        } else {
            ""
        };
        match self.kind {
            ReportKind::Thuiszitters => {
                let named = if self.named { "-vertrouwelijk" } else { "" };
                format!(
                    "exports/thuiszitters-{}{named}{excel}.{ext}",
                    today.format("%Y-%m-%d")
                )
            }
            k => format!("exports/{}-{}{excel}.{ext}", k.id(), self.year),
        }
    }
}

/// The formats a report is written in from the TUI, in the order Tab
/// cycles them (the worker's `export` writes every format through
/// `render`).
pub const EXPORT_FORMATS: [Format; 4] = [Format::Csv, Format::Excel, Format::Markdown, Format::Pdf];

pub fn format_label(f: Format) -> &'static str {
    match f {
        Format::Csv => "CSV",
        Format::Excel => t("CSV voor Excel", "CSV for Excel"),
        Format::Markdown => "Markdown",
        Format::Json => "JSON",
        Format::Terminal => t("tekst", "text"),
        Format::Pdf => "PDF",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ExportPrompt {
    pub format: Format,
    pub path: String,
    /// The path was typed: a format change leaves it alone.
    pub edited: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportsView {
    pub request: ReportRequest,
    /// The request the shown tables answer, and the tables.
    pub shown: Option<(ReportRequest, Vec<Table>)>,
    /// First table row shown (PgUp/PgDn).
    pub scroll: usize,
    pub export: Option<ExportPrompt>,
}

impl ReportsView {
    pub fn new(today: NaiveDate) -> Self {
        ReportsView {
            request: ReportRequest {
                kind: ReportKind::Thuiszitters,
                named: false,
                year: SchoolYear::of(today),
            },
            shown: None,
            scroll: 0,
            export: None,
        }
    }
}

/// `4`: the screen, and the chosen report computed when not shown yet.
pub fn open(app: &mut App) -> Vec<Effect> {
    app.screen = Screen::Reports;
    let r = &app.reports;
    if r.shown.as_ref().is_some_and(|(req, _)| *req == r.request) {
        return vec![];
    }
    request(app)
}

fn request(app: &mut App) -> Vec<Effect> {
    app.busy = Some(t("rapportage berekenen...", "computing report...").into());
    app.reports.scroll = 0;
    vec![Effect::Report(app.reports.request)]
}

/// Keys on the Rapportages screen.
pub fn key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let r = &mut app.reports.request;
    let kinds = ReportKind::ALL;
    let at = kinds.iter().position(|k| *k == r.kind).unwrap_or(0);
    match key.code {
        KeyCode::Up | KeyCode::Char('k') => r.kind = kinds[at.saturating_sub(1)],
        KeyCode::Down | KeyCode::Char('j') => r.kind = kinds[(at + 1).min(kinds.len() - 1)],
        KeyCode::Char('v') if r.kind == ReportKind::Thuiszitters => r.named = !r.named,
        KeyCode::Char('[') if r.kind != ReportKind::Thuiszitters => {
            r.year = SchoolYear(r.year.0 - 1)
        }
        KeyCode::Char(']') if r.kind != ReportKind::Thuiszitters => {
            r.year = SchoolYear(r.year.0 + 1)
        }
        KeyCode::Enter => return request(app),
        KeyCode::PageDown => {
            app.reports.scroll += 10;
            return vec![];
        }
        KeyCode::PageUp => {
            app.reports.scroll = app.reports.scroll.saturating_sub(10);
            return vec![];
        }
        KeyCode::Char('w') => {
            let format = EXPORT_FORMATS[0];
            app.reports.export = Some(ExportPrompt {
                format,
                path: r.file_name(app.today, format),
                edited: false,
            });
            return vec![];
        }
        _ => return vec![],
    }
    request(app)
}

/// Keys while the export prompt is open: Tab the format, text the path,
/// Enter writes (through the worker), Esc cancels.
pub fn export_key(app: &mut App, key: KeyEvent) -> Vec<Effect> {
    let request = app.reports.request;
    let Some(p) = app.reports.export.as_mut() else {
        return vec![];
    };
    match key.code {
        KeyCode::Esc => {
            app.reports.export = None;
            app.info(t("niet geschreven", "not written"));
        }
        KeyCode::Tab => {
            let at = EXPORT_FORMATS
                .iter()
                .position(|f| *f == p.format)
                .unwrap_or(0);
            p.format = EXPORT_FORMATS[(at + 1) % EXPORT_FORMATS.len()];
            if !p.edited {
                p.path = request.file_name(app.today, p.format);
            }
        }
        KeyCode::Backspace => {
            p.path.pop();
            p.edited = true;
        }
        KeyCode::Char(c) => {
            p.path.push(c);
            p.edited = true;
        }
        KeyCode::Enter => {
            let effect = Effect::Export {
                request,
                format: p.format,
                path: p.path.clone(),
            };
            app.reports.export = None;
            app.busy = Some(t("rapportage schrijven...", "writing report...").into());
            return vec![effect];
        }
        _ => {}
    }
    vec![]
}
