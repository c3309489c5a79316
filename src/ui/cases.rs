//! Dossiers: all cases with level, protocol, active signals and the next
//! due action; fuzzy search, filters and sort; broken files listed below.

use super::theme::Theme;
use crate::domain::text::escape;
use crate::i18n::t;
use crate::tui::model::{App, Sort, StatusFilter};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    let broken = app.data.broken.len() as u16;
    let [bar, list, errors] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(3),
        Constraint::Length(if broken > 0 { broken.min(6) + 2 } else { 0 }),
    ])
    .areas(area);
    draw_bar(f, app, bar, &th);
    let (first, last, selected) = super::page(
        app.visible.len(),
        app.cases_index(),
        list.height.saturating_sub(3),
    );
    let rows: Vec<Row> = app.visible[first..last]
        .iter()
        .map(|&i| {
            let case = &app.data.cases[i];
            let (signals, next, style) = match &app.data.checks[i] {
                Ok(e) => {
                    let signals: Vec<&str> = e.signals.iter().map(|s| s.rule.as_str()).collect();
                    match e.next_due() {
                        Some(a) => {
                            let (style, marker) = th.urgency(a.due, app.today);
                            (
                                signals.join(", "),
                                format!("{marker}{} {}", a.due, a.title),
                                style,
                            )
                        }
                        None => (signals.join(", "), String::new(), th.plain()),
                    }
                }
                Err(_) => (
                    String::new(),
                    t(
                        "niet gecontroleerd: protocol kapot",
                        "unchecked: protocol broken",
                    )
                    .to_string(),
                    th.error(),
                ),
            };
            let status = if case.is_open() {
                ""
            } else {
                t(" (gesloten)", " (closed)")
            };
            let status = if app.data.conflicts.contains_key(&case.id) {
                format!("{status} [conflict]")
            } else {
                status.to_string()
            };
            Row::new(vec![
                Cell::from(format!("{}{status}", escape(&case.name))),
                Cell::from(escape(case.id.get(..8).unwrap_or(&case.id)).into_owned()),
                Cell::from(case.level.as_str()),
                Cell::from(escape(&case.school).into_owned()),
                Cell::from(case.protocol.clone()),
                Cell::from(signals),
                Cell::from(next).style(style),
            ])
        })
        .collect();
    let header = Row::new(vec![
        t("Leerling", "Pupil"),
        "Id",
        t("Niv.", "Lvl"),
        "School",
        "Protocol",
        t("Signalen", "Signals"),
        t("Volgende actie", "Next action"),
    ])
    .style(th.heading());
    let widths = [
        Constraint::Length(22),
        Constraint::Length(9),
        Constraint::Length(4),
        Constraint::Length(20),
        Constraint::Length(18),
        Constraint::Length(22),
        Constraint::Min(20),
    ];
    let title = format!(
        " {} ({}/{}) ",
        t("Dossiers", "Cases"),
        app.visible.len(),
        app.data.cases.len()
    );
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(title))
        .row_highlight_style(th.selected());
    let mut state = TableState::default().with_selected(selected);
    f.render_stateful_widget(table, list, &mut state);
    if broken > 0 {
        let lines: Vec<Line> = app
            .data
            .broken
            .iter()
            .map(|b| Line::styled(b.clone(), th.error()))
            .collect();
        let title = format!(
            " {} ",
            t(
                "Kapotte bestanden (niet overschreven; herstel met de hand)",
                "Broken files (never overwritten; fix by hand)"
            )
        );
        f.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(title)),
            errors,
        );
    }
}

fn draw_bar(f: &mut Frame, app: &App, area: Rect, th: &Theme) {
    let cursor = if app.searching { "_" } else { "" };
    let search = if app.searching || !app.query.is_empty() {
        Span::styled(format!("/ {}{cursor}", app.query), th.heading())
    } else {
        Span::styled(
            t(
                "/ zoeken (naam, id, school, gemeente)",
                "/ search (name, id, school, municipality)",
            ),
            th.dim(),
        )
    };
    let f_ = &app.filters;
    let status = match f_.status {
        StatusFilter::Open => t("open", "open"),
        StatusFilter::Closed => t("gesloten", "closed"),
        StatusFilter::All => t("alle", "all"),
    };
    let all = t("alle", "all");
    let filters = format!(
        "o status:{status}  p protocol:{}  S school:{}  w {}:{}  r {}:{}  g {}:{}  t {}:{}",
        f_.protocol.as_deref().unwrap_or(all),
        f_.school.as_deref().unwrap_or(all),
        t("eigenaar", "owner"),
        f_.owner.as_deref().unwrap_or(all),
        t("rol", "role"),
        f_.role.map(|r| r.as_str()).unwrap_or(all),
        t("signaal", "signal"),
        f_.signal.as_deref().unwrap_or(all),
        t("sortering", "sort"),
        if f_.sort == Sort::NextDue {
            t("eerstvolgende", "next due")
        } else {
            t("naam", "name")
        },
    );
    f.render_widget(
        Paragraph::new(vec![Line::from(search), Line::styled(filters, th.dim())]),
        area,
    );
}
