//! History: the case's commits (date, author, message) and the diff of the
//! selected one.

use super::theme::Theme;
use crate::i18n::t;
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
    let items: Vec<ListItem> = h
        .entries
        .iter()
        .map(|e| {
            ListItem::new(vec![
                Line::styled(
                    format!("{}  {}", e.time.format("%Y-%m-%d %H:%M"), e.author),
                    th.heading(),
                ),
                Line::raw(format!("  {}", e.message.lines().next().unwrap_or(""))),
            ])
        })
        .collect();
    let title = format!(" {} {} ", t("Geschiedenis van", "History of"), h.case_id);
    let widget = List::new(items)
        .block(Block::bordered().title(title))
        .highlight_style(th.selected());
    let selected = (!h.entries.is_empty()).then_some(h.selected);
    f.render_stateful_widget(
        widget,
        list,
        &mut ListState::default().with_selected(selected),
    );
    let lines: Vec<Line> = match &h.diff {
        Some((_, text)) => text
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
        Paragraph::new(lines).block(Block::bordered().title(" diff ")),
        diff,
    );
}
