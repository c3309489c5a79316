//! The letter choice over the case view: templates, those that fit the
//! selected action marked and first.

use super::theme::Theme;
use crate::domain::text::escape;
use crate::i18n::t;
use crate::tui::letter::LetterChoice;
use crate::tui::model::App;
use ratatui::Frame;
use ratatui::widgets::{Block, Clear, List, ListItem, ListState};

pub fn draw(f: &mut Frame, app: &App, c: &LetterChoice) {
    let th = Theme::new(app.color);
    let height = (c.choices.len() as u16 + 2).min(f.area().height.saturating_sub(2));
    let area = super::centered(f.area(), 64, height);
    let items: Vec<ListItem> = c
        .choices
        .iter()
        .map(|(id, title, fits)| {
            let mark = if *fits { "*" } else { " " };
            ListItem::new(format!("{mark} {}  ({})", escape(title), escape(id)))
        })
        .collect();
    let title = format!(
        " {} (* {}; ↑↓ Enter = PDF, Esc) ",
        t("Brief", "Letter"),
        t("past bij de actie", "fits the action")
    );
    f.render_widget(Clear, area);
    f.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().title(title))
            .highlight_style(th.selected()),
        area,
        &mut ListState::default().with_selected(Some(c.selected)),
    );
}
