//! Vandaag: every open action of the caseload, overdue first (oldest due
//! first), then what falls due within a week.

use super::theme::Theme;
use crate::domain::text::escape;
use crate::i18n::t;
use crate::tui::model::{App, DUE_SOON_DAYS};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    // Every overdue action of an open case is on this list.
    let overdue = app.counts().1;
    let title = format!(
        " {} {}: {overdue} {}, {} {} {DUE_SOON_DAYS} {} ",
        t("Vandaag", "Today"),
        app.today,
        t("te laat", "overdue"),
        app.today_rows.len() - overdue,
        t("binnen", "due within"),
        t("dagen", "days")
    );
    // Borders and header take three rows.
    let (first, last, selected) = super::page(
        app.today_rows.len(),
        app.today_index(),
        area.height.saturating_sub(3),
    );
    let rows: Vec<Row> = app.today_rows[first..last]
        .iter()
        .filter_map(|r| {
            let a = action(app, r)?;
            let case = &app.data.cases[r.case_idx];
            let (style, marker) = th.urgency(a.due, app.today);
            let late = a.days_overdue(app.today);
            let late = if late > 0 {
                format!("{late} d")
            } else {
                String::new()
            };
            Some(
                Row::new(vec![
                    Cell::from(format!("{marker}{}", a.due)),
                    Cell::from(late),
                    Cell::from(escape(&case.name).into_owned()),
                    Cell::from(a.title.clone()),
                    Cell::from(a.role.as_str()),
                ])
                .style(style),
            )
        })
        .collect();
    let empty = rows.is_empty();
    let header = Row::new(vec![
        t("  Uiterlijk", "  Due"),
        t("Te laat", "Late"),
        t("Leerling", "Pupil"),
        t("Actie", "Action"),
        t("Rol", "Role"),
    ])
    .style(th.heading());
    let widths = [
        Constraint::Length(13),
        Constraint::Length(7),
        Constraint::Length(22),
        Constraint::Min(20),
        Constraint::Length(10),
    ];
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(title))
        .row_highlight_style(th.selected());
    let mut state = TableState::default().with_selected(selected);
    f.render_stateful_widget(table, area, &mut state);
    if empty {
        let inner = Rect {
            x: area.x + 2,
            y: area.y + 2,
            width: area.width.saturating_sub(4),
            height: 1,
        };
        f.render_widget(
            ratatui::widgets::Paragraph::new(t(
                "Niets te doen: geen open acties.",
                "Nothing to do: no open actions.",
            )),
            inner,
        );
    }
}

fn action<'a>(
    app: &'a App,
    row: &crate::tui::model::TodayRow,
) -> Option<&'a crate::domain::engine::Action> {
    app.data.checks[row.case_idx]
        .as_ref()
        .ok()?
        .actions
        .iter()
        .find(|a| a.id == row.action_id)
}
