//! Vandaag: every open action of the caseload, overdue first (oldest due
//! first), then what falls due within a week, then the active signals of
//! cases that have no open action at all.

use super::fit;
use super::theme::Theme;
use crate::i18n::{count, date, t};
use crate::tui::model::{App, DUE_SOON_DAYS, TodayRow};
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::widgets::{Block, Cell, Row, Table, TableState};

/// The list of today: one page of actions and signals, the chosen one
/// highlighted.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    let title = heading(app);
    // Borders and header take three rows.
    let (first, last, selected) = super::page(
        app.today_rows.len(),
        app.today_index(),
        area.height.saturating_sub(3),
    );
    // The action's title gets what is left; the role column goes first
    // when the screen is narrow (it is in the case view too).
    let narrow = area.width < 90;
    let name = if narrow { 18 } else { 22 };
    let role = if narrow { 0 } else { 10 };
    let title_width = usize::from(area.width.saturating_sub(2 + 12 + 9 + name + role + 4));
    let widths = [
        Constraint::Length(12),
        Constraint::Length(9),
        Constraint::Length(name),
        Constraint::Min(20),
        Constraint::Length(role),
    ];
    let fits = (usize::from(name), title_width);
    let rows: Vec<Row> = app.today_rows[first..last]
        .iter()
        .filter_map(|r| row(app, r, &th, fits))
        .collect();
    let empty = rows.is_empty();
    let header = Row::new(vec![
        t("  Uiterlijk", "  Due"),
        t("Over tijd", "Overdue"),
        t("Leerling", "Pupil"),
        t("Actie of signaal", "Action or signal"),
        t("Rol", "Role"),
    ])
    .style(th.heading());
    let table = Table::new(rows, widths)
        .header(header)
        .block(Block::bordered().title(title))
        .row_highlight_style(th.selected());
    let mut state = TableState::default().with_selected(selected);
    f.render_stateful_widget(table, area, &mut state);
    if empty {
        draw_nothing_to_do(f, area);
    }
}

/// Said inside the empty table, under its header.
fn draw_nothing_to_do(f: &mut Frame, area: Rect) {
    let inner = Rect {
        x: area.x + 2,
        y: area.y + 2,
        width: area.width.saturating_sub(4),
        height: 1,
    };
    f.render_widget(
        ratatui::widgets::Paragraph::new(t(
            "Niets te doen: geen open acties en geen signalen.",
            "Nothing to do: no open actions and no signals.",
        )),
        inner,
    );
}

/// The counts of the list (overdue, due soon, signals without action)
/// and the filters it follows.
fn heading(app: &App) -> String {
    // Every overdue action of an open case (under the filters) is on this list.
    let overdue = app.today_overdue;
    let signals = app.today_rows.iter().filter(|r| r.signal).count();
    let soon = app.today_rows.len() - overdue - signals;
    let mut title = format!(
        " {} {}: {overdue} {}, {soon} {} {DUE_SOON_DAYS} {}",
        t("Vandaag", "Today"),
        date(app.today),
        t("over tijd", "overdue"),
        t("binnen", "due within"),
        t("dagen", "days")
    );
    if signals > 0 {
        title += &format!(
            ", {} {}",
            count(signals, ("signaal", "signalen"), ("signal", "signals")),
            t("zonder actie", "without action")
        );
    }
    if let Some(r) = app.filters.role {
        title += &format!(" [{}: {r}]", t("rol", "role"));
    }
    if let Some(o) = &app.filters.owner {
        title += &format!(
            " [{}: {}]",
            t("eigenaar", "owner"),
            crate::domain::text::escape(o)
        );
    }
    title.push(' ');
    title
}

/// One row; `fits` is the width of the name and the title columns.
fn row<'a>(app: &'a App, r: &TodayRow, th: &Theme, fits: (usize, usize)) -> Option<Row<'a>> {
    let (name_w, title_w) = fits;
    let case = &app.data.cases[r.case_idx];
    let eval = app.data.checks[r.case_idx].as_ref().ok()?;
    if r.signal {
        let s = eval.signals.iter().find(|s| s.rule == r.action_id)?;
        return Some(
            Row::new(vec![
                Cell::from(format!("* {}", date(s.since))),
                Cell::from(""),
                Cell::from(fit(&case.name, name_w)),
                Cell::from(fit(
                    &format!("{}: {}", t("signaal", "signal"), s.message),
                    title_w,
                )),
                Cell::from(s.owner.as_str()),
            ])
            .style(th.soon()),
        );
    }
    let a = eval.actions.iter().find(|a| a.id == r.action_id)?;
    let (style, marker) = th.urgency(a.due, app.today);
    let late = a.days_overdue(app.today);
    let late = if late > 0 {
        format!("{late} d")
    } else {
        String::new()
    };
    Some(
        Row::new(vec![
            Cell::from(format!("{marker}{}", date(a.due))),
            Cell::from(late),
            Cell::from(fit(&case.name, name_w)),
            Cell::from(fit(&crate::i18n::work::action_title(a), title_w)),
            Cell::from(a.role.as_str()),
        ])
        .style(style),
    )
}
