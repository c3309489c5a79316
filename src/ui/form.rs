//! A form as a centred overlay: one line per field that applies, the focused
//! one marked, choices shown with ←/→, the validation message below.

use super::theme::Theme;
use crate::i18n::t;
use crate::tui::form::Form;
use crate::tui::model::App;
use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(f: &mut Frame, app: &App, form: &Form) {
    let th = Theme::new(app.color);
    let visible = form.visible();
    let area = super::centered(f.area(), 72, visible.len() as u16 + 7);
    let mut lines: Vec<Line> = visible
        .iter()
        .map(|&i| {
            let field = &form.fields[i];
            let focused = i == form.focus;
            let value = if field.choices.is_empty() {
                format!("{}{}", field.value, if focused { "_" } else { "" })
            } else {
                format!("< {} >", field.value)
            };
            Line::from(vec![
                Span::styled(
                    format!("{} {:<14}", if focused { ">" } else { " " }, field.label()),
                    th.heading(),
                ),
                Span::styled(value, if focused { th.selected() } else { th.plain() }),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    match (&form.error, form.pending) {
        (_, true) => lines.push(Line::styled(t("vastleggen...", "committing..."), th.dim())),
        (Some(e), _) => lines.push(Line::styled(e.clone(), th.error())),
        _ => lines.push(Line::raw("")),
    }
    lines.push(Line::styled(
        t(
            "Tab/↑↓ veld  ←→ kiezen  Enter opslaan  Esc annuleren",
            "Tab/↑↓ field  ←→ choose  Enter save  Esc cancel",
        ),
        th.dim(),
    ));
    f.render_widget(Clear, area);
    let block = Block::bordered().title(format!(" {} ", form.title()));
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block),
        area,
    );
}

/// The filter picker: the filter's values, the current one selected.
pub fn draw_picker(f: &mut Frame, app: &App, p: &crate::tui::picker::Picker) {
    let th = Theme::new(app.color);
    let height = (p.choices.len() as u16 + 3).min(f.area().height.saturating_sub(2));
    let area = super::centered(f.area(), 48, height);
    let items: Vec<ListItem> = p
        .choices
        .iter()
        .map(|(_, label)| ListItem::new(label.clone()))
        .collect();
    let title = format!(
        " {}: {} (↑↓ Enter, Esc) ",
        t("Filter", "Filter"),
        p.filter.label()
    );
    f.render_widget(Clear, area);
    f.render_stateful_widget(
        List::new(items)
            .block(Block::bordered().title(title))
            .highlight_style(th.selected()),
        area,
        &mut ListState::default().with_selected(Some(p.selected)),
    );
}

/// A question before recording an odd event.
pub fn draw_confirm(f: &mut Frame, app: &App, text: &str) {
    let th = Theme::new(app.color);
    let area = super::centered(f.area(), 64, 7);
    let lines = vec![
        Line::styled(text.to_string(), th.error()),
        Line::raw(""),
        Line::styled(
            t(
                "Toch vastleggen? j = ja, een andere toets = terug naar het formulier",
                "Record it anyway? y = yes, any other key = back to the form",
            ),
            th.heading(),
        ),
    ];
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(format!(" {} ", t("Klopt dit?", "Is this right?")))),
        area,
    );
}
