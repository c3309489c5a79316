//! Help: every key on the current screen, from `tui/keymap.rs` (the
//! table that also dispatches them).

use crate::i18n::t;
use crate::tui::keymap;
use crate::tui::model::{App, Screen};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

/// The keys of `screen` and what they do, from the one key table.
pub fn keys(screen: Screen) -> Vec<(&'static str, &'static str)> {
    keymap::help(screen)
        .map(|(k, (nl, en))| (k, t(nl, en)))
        .collect()
}

pub fn draw(f: &mut Frame, app: &App) {
    let keys = keys(app.screen);
    let close = t(
        " Een toets sluit deze help. ",
        " Any key closes this help. ",
    );
    // The closing hint sits in the bottom border, so every key row fits a
    // 24-line terminal; a taller list than the screen is cut, never wrapped
    // over the hint.
    let area = super::centered(f.area(), 76, keys.len() as u16 + 2);
    let lines: Vec<Line> = keys
        .iter()
        .map(|(k, what)| Line::raw(format!(" {k:<12} {what}")))
        .collect();
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .title(" Help ")
                .title_bottom(Line::raw(close)),
        ),
        area,
    );
}
