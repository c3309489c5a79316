//! History: the case's commits (date, author, message) and the diff of the
//! selected one.

use super::theme::Theme;
use crate::i18n::{date, t};
use crate::tui::model::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    let Some(h) = &app.history else { return };
    let [list, diff] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let width = usize::from(list.width.saturating_sub(2));
    let items: Vec<ListItem> = h
        .entries
        .iter()
        .map(|e| {
            let when = format!("{} {}", date(e.time.date_naive()), e.time.format("%H:%M"));
            let mut lines = vec![Line::styled(
                super::fit(&format!("{when}  {}", e.author), width),
                th.heading(),
            )];
            let message = e.message.lines().next().unwrap_or("");
            lines.extend(
                super::wrap(message, width.saturating_sub(2))
                    .into_iter()
                    .map(|l| Line::raw(format!("  {l}"))),
            );
            ListItem::new(lines)
        })
        .collect();
    let name = app
        .case_index(&h.case_id)
        .map(|i| app.data.cases[i].name.clone())
        .unwrap_or_else(|| h.case_id.clone());
    let title = format!(
        " {} {} ",
        t("Geschiedenis van", "History of"),
        super::fit(&name, width.saturating_sub(20))
    );
    let widget = List::new(items)
        .block(Block::bordered().title(title))
        .highlight_style(th.selected());
    let selected = (!h.entries.is_empty()).then_some(h.selected);
    f.render_stateful_widget(
        widget,
        list,
        &mut ListState::default().with_selected(selected),
    );
    let lines: Vec<Line> = match h.shown.as_deref() {
        Some(text) => text
            .lines()
            .map(|l| match l.chars().next() {
                Some('+') => Line::styled(l.to_string(), th.good()),
                Some('-') => Line::styled(l.to_string(), th.overdue()),
                _ => Line::raw(l.to_string()),
            })
            .collect(),
        None => vec![Line::styled(t("laden...", "loading..."), th.dim())],
    };
    f.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(Block::bordered().title(format!(" {} ", t("wijziging", "diff")))),
        diff,
    );
}
