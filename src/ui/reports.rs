//! Rapportages: the list of reports with their options on the left, the
//! chosen one as a table on the right, and the prompt that writes it to a
//! file. Reads the model only; the worker computed the tables.

use super::theme::Theme;
use crate::i18n::t;
use crate::render::table::human;
use crate::render::{Table, thuiszitters::CONFIDENTIAL};
use crate::tui::model::App;
use crate::tui::reports::{ExportPrompt, ReportKind, format_label};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

const HINTS: [(&str, (&str, &str)); 3] = [
    ("Enter", ("opnieuw berekenen", "recompute")),
    ("w", ("naar een bestand", "write to a file")),
    ("PgDn", ("verder in de tabel", "scroll the table")),
];

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    // Below 140 columns the table gets the whole width and the list sits
    // above it (the keys are in `?`): the yearly and M@ZL labels need it.
    let narrow = area.width < 140;
    let [list, body] = if narrow {
        Layout::vertical([Constraint::Length(6), Constraint::Min(3)]).areas(area)
    } else {
        Layout::horizontal([Constraint::Length(34), Constraint::Min(20)]).areas(area)
    };
    let r = &app.reports;
    let req = r.request;
    let mut lines: Vec<Line> = ReportKind::ALL
        .iter()
        .map(|k| {
            let on = *k == req.kind;
            let text = format!("{} {}", if on { ">" } else { " " }, k.label());
            Line::styled(text, if on { th.selected() } else { th.plain() })
        })
        .collect();
    if !narrow {
        lines.push(Line::raw(""));
    }
    match req.kind {
        ReportKind::Thuiszitters => {
            let variant = if req.named {
                t("met namen (VERTROUWELIJK)", "named (CONFIDENTIAL)")
            } else {
                t("zonder namen", "aggregate")
            };
            lines.push(Line::raw(format!(" v  {variant}")));
        }
        _ => lines.push(Line::raw(format!(
            " [ ]  {} {}",
            t("schooljaar", "school year"),
            req.year
        ))),
    }
    if narrow && let Some(last) = lines.last_mut() {
        let w = format!("   w {}", t("naar een bestand", "write to a file"));
        last.push_span(Span::styled(w, th.dim()));
    }
    let hints = if narrow { &[][..] } else { &HINTS[..] };
    for (k, (nl, en)) in hints {
        lines.push(Line::styled(format!(" {k:<5} {}", t(nl, en)), th.dim()));
    }
    let block = Block::bordered().title(format!(" {} ", t("Rapportages", "Reports")));
    f.render_widget(Paragraph::new(lines).block(block), list);
    draw_tables(f, app, body);
    if let Some(p) = &r.export {
        draw_export(f, app, p);
    }
}

fn draw_tables(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    let r = &app.reports;
    let width = usize::from(area.width.saturating_sub(2));
    let (title, lines) = match &r.shown {
        Some((req, tables)) if *req == r.request => {
            let mut lines = Vec::new();
            for table in tables {
                lines.extend(table_lines(table, width, &th));
                lines.push(Line::raw(""));
            }
            let mark = if req.named && req.kind == ReportKind::Thuiszitters {
                format!(" {CONFIDENTIAL} ")
            } else {
                String::new()
            };
            (mark, lines)
        }
        _ => (
            String::new(),
            vec![Line::styled(t("berekenen...", "computing..."), th.dim())],
        ),
    };
    let skip = r.scroll.min(lines.len().saturating_sub(1));
    let block = Block::bordered().title(Span::styled(title, th.error()));
    f.render_widget(
        Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()).block(block),
        area,
    );
}

/// A table as lines of at most `width` columns: a wide table of few rows
/// (M@ZL) turned on its side, then the widest columns give up room first,
/// cut with "…" rather than wrapped.
fn table_lines(table: &Table, width: usize, th: &Theme) -> Vec<Line<'static>> {
    let mut headers = table.headers.clone();
    let mut rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(human).collect())
        .collect();
    let widths_of = |headers: &[String], rows: &[Vec<String>]| {
        let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
        for r in rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        widths
    };
    let natural = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
    let mut widths = widths_of(&headers, &rows);
    if natural(&widths) > width && rows.len() + 1 < headers.len() {
        (headers, rows) = transpose(&headers, &rows);
        widths = widths_of(&headers, &rows);
    }
    let table_headers = headers;
    let gaps = 2 * widths.len().saturating_sub(1);
    // The widest column gives up room first, down to a floor: the first
    // column names the rows and keeps more (28) than the others (8).
    while widths.iter().sum::<usize>() + gaps > width {
        let floor = |i: usize| if i == 0 { 28 } else { 8 };
        let pick = (0..widths.len())
            .filter(|&i| widths[i] > floor(i))
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)))
            .or_else(|| {
                (0..widths.len())
                    .filter(|&i| widths[i] > 4)
                    .max_by_key(|&i| widths[i])
            });
        let Some(at) = pick else { break };
        widths[at] -= 1;
    }
    let line = |cells: &[String]| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{:<w$}", super::fit(c, *w), w = *w))
            .collect();
        padded.join("  ").trim_end().to_string()
    };
    let mut out = vec![
        Line::styled(super::fit(&table.title, width), th.title()),
        Line::styled(line(&table_headers), th.heading()),
    ];
    out.extend(rows.iter().map(|r| Line::raw(line(r))));
    out
}

/// Columns become rows: the first column of each row heads a column.
fn transpose(headers: &[String], rows: &[Vec<String>]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut new_headers = vec![headers.first().cloned().unwrap_or_default()];
    new_headers.extend(rows.iter().map(|r| r.first().cloned().unwrap_or_default()));
    let new_rows = (1..headers.len())
        .map(|c| {
            let mut row = vec![headers[c].clone()];
            row.extend(rows.iter().map(|r| r.get(c).cloned().unwrap_or_default()));
            row
        })
        .collect();
    (new_headers, new_rows)
}

fn draw_export(f: &mut Frame, app: &App, p: &ExportPrompt) {
    let th = Theme::new(app.color);
    let area = super::centered(f.area(), 72, 9);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!(" {:<10}", t("Formaat", "Format")), th.heading()),
            Span::raw(format!("< {} >", format_label(p.format))),
        ]),
        Line::from(vec![
            Span::styled(format!(" {:<10}", t("Bestand", "File")), th.heading()),
            Span::styled(format!("{}_", super::fit(&p.path, 58)), th.selected()),
        ]),
        Line::raw(""),
    ];
    let req = app.reports.request;
    if req.kind == ReportKind::Thuiszitters && req.named {
        lines.push(Line::styled(
            t(
                " Met namen: VERTROUWELIJK. exports/ wordt nooit gecommit.",
                " Named: CONFIDENTIAL. exports/ is never committed.",
            ),
            th.error(),
        ));
    } else {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        t(
            " Tab formaat  Enter schrijven  Esc annuleren",
            " Tab format  Enter write  Esc cancel",
        ),
        th.dim(),
    ));
    f.render_widget(Clear, area);
    let block = Block::bordered().title(format!(" {} ", t("Rapportage schrijven", "Write report")));
    f.render_widget(Paragraph::new(lines).block(block), area);
}
