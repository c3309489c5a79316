//! Dossiers: all cases with level, protocol, active signals and the next
//! due action; fuzzy search, filters and sort; broken files listed below.

use super::fit;
use super::theme::Theme;
use crate::i18n::{date, t};
use crate::tui::model::{App, Sort, StatusFilter};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState};

/// The case list, with the search and filter bar above it and the broken
/// files below.
pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    let broken = app.data.broken.len() as u16;
    let [bar, list, errors] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(if broken > 0 { broken.min(6) + 2 } else { 0 }),
    ])
    .areas(area);
    draw_bar(f, app, bar, &th);
    draw_table(f, app, list, &th);
    if broken > 0 {
        f.render_widget(broken_panel(app, &th), errors);
    }
}

/// One page of the visible cases, in the columns the width allows.
fn draw_table(f: &mut Frame, app: &App, list: Rect, th: &Theme) {
    let (first, last, selected) = super::page(
        app.visible.len(),
        app.cases_index(),
        list.height.saturating_sub(3),
    );
    let shown = columns(list.width.saturating_sub(2));
    // What the last (growing) column gets; the others are fixed.
    let fixed: u16 = shown
        .iter()
        .filter(|&&i| i != 6)
        .map(|&i| match COLUMNS[i].1 {
            Constraint::Length(n) => n + 1,
            _ => 1,
        })
        .sum();
    let next_width = usize::from(list.width.saturating_sub(2 + fixed + 2));
    let w = |i: usize| match COLUMNS[i].1 {
        Constraint::Length(n) => usize::from(n),
        _ => next_width,
    };
    let rows: Vec<Row> = app.visible[first..last]
        .iter()
        .map(|&i| case_row(app, i, &shown, &w, th))
        .collect();
    let header = Row::new(
        [
            t("Leerling", "Pupil"),
            "Id",
            t("Niv.", "Lvl"),
            "School",
            "Protocol",
            t("Signalen", "Signals"),
            t("Volgende actie", "Next action"),
        ]
        .into_iter()
        .enumerate()
        .filter(|(i, _)| shown.contains(i))
        .map(|(_, h)| h),
    )
    .style(th.heading());
    let widths: Vec<Constraint> = shown.iter().map(|&i| COLUMNS[i].1).collect();
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
}

/// The row of case `i`: only the `shown` columns, each cut to `w(column)`.
fn case_row<'a>(
    app: &App,
    i: usize,
    shown: &[usize],
    w: &dyn Fn(usize) -> usize,
    th: &Theme,
) -> Row<'a> {
    let case = &app.data.cases[i];
    let (signals, next, style) = signals_and_next(app, i, th);
    let status = if case.is_open() {
        ""
    } else {
        t(" (gesloten)", " (closed)")
    };
    let status = if app.data.conflicts.contains_key(case.id.as_str()) {
        format!("{status} [conflict]")
    } else {
        status.to_string()
    };
    let cells = [
        Cell::from(fit(&format!("{}{status}", case.name), w(0))),
        Cell::from(case.id[..8.min(case.id.len())].to_string()),
        Cell::from(case.level.as_str()),
        Cell::from(fit(&case.school, w(3))),
        Cell::from(fit(&case.protocol, w(4))),
        Cell::from(fit(&signals, w(5))),
        Cell::from(fit(&next, w(6))).style(style),
    ];
    Row::new(
        cells
            .into_iter()
            .enumerate()
            .filter(|(i, _)| shown.contains(i))
            .map(|(_, c)| c),
    )
}

/// The active signals of case `i`, its next due action, and that
/// action's urgency (or the word that it could not be checked).
fn signals_and_next(app: &App, i: usize, th: &Theme) -> (String, String, Style) {
    let Ok(e) = &app.data.checks[i] else {
        let unchecked = t(
            "niet gecontroleerd: protocol kapot",
            "unchecked: protocol broken",
        );
        return (String::new(), unchecked.to_string(), th.error());
    };
    let signals: Vec<&str> = e.signals.iter().map(|s| s.rule.as_str()).collect();
    match e.next_due() {
        Some(a) => {
            let (style, marker) = th.urgency(a.due, app.today);
            let next = format!("{marker}{} {}", date(a.due), a.title);
            (signals.join(", "), next, style)
        }
        None => (signals.join(", "), String::new(), th.plain()),
    }
}

/// The case files that do not parse: never overwritten, fixed by hand.
fn broken_panel<'a>(app: &App, th: &Theme) -> Paragraph<'a> {
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
    Paragraph::new(lines).block(Block::bordered().title(title))
}

/// Columns: (priority, width); the lowest numbers stay on a narrow screen.
const COLUMNS: [(u8, Constraint); 7] = [
    (0, Constraint::Length(22)),
    (6, Constraint::Length(9)),
    (4, Constraint::Length(4)),
    (3, Constraint::Length(20)),
    (5, Constraint::Length(18)),
    (2, Constraint::Length(22)),
    (1, Constraint::Min(50)),
];

/// The columns that fit in `width`, in display order: added by priority
/// while the next one still fits (a column and its one-cell gap).
fn columns(width: u16) -> Vec<usize> {
    let size = |c: &Constraint| match c {
        Constraint::Length(n) | Constraint::Min(n) => *n + 1,
        _ => 1,
    };
    let mut by_priority: Vec<usize> = (0..COLUMNS.len()).collect();
    by_priority.sort_by_key(|&i| COLUMNS[i].0);
    let mut used = 0;
    let mut shown = Vec::new();
    for i in by_priority {
        let need = size(&COLUMNS[i].1);
        if used + need <= width + 1 || shown.len() < 2 {
            used += need;
            shown.push(i);
        }
    }
    shown.sort();
    shown
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
    let mut active = vec![format!("status {status}")];
    let named = [
        (t("protocol", "protocol"), f_.protocol.as_deref()),
        (t("school", "school"), f_.school.as_deref()),
        (t("eigenaar", "owner"), f_.owner.as_deref()),
        (t("rol", "role"), f_.role.map(|r| r.as_str())),
        (t("signaal", "signal"), f_.signal.as_deref()),
    ];
    active.extend(
        named
            .iter()
            .filter_map(|(name, v)| v.map(|v| format!("{name} {v}"))),
    );
    active.push(format!(
        "{} {}",
        t("sortering", "sort"),
        if f_.sort == Sort::NextDue {
            t("eerstvolgende", "next due")
        } else {
            t("naam", "name")
        }
    ));
    let filters = format!(
        "{}: {}  ({})",
        t("Filters", "Filters"),
        active.join(" · "),
        t(
            "o p S w r g kiezen, f wist alles, t sorteert",
            "o p S w r g choose, f clears all, t sorts"
        )
    );
    f.render_widget(
        Paragraph::new(vec![Line::from(search), Line::styled(filters, th.dim())])
            .wrap(ratatui::widgets::Wrap { trim: true }),
        area,
    );
}
