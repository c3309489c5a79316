//! The open actions panel of the case view: each action with its due
//! date, role, what moved it, its consent, and whom to contact.

use super::theme::Theme;
use crate::domain::case::Case;
use crate::domain::engine::Action;
use crate::domain::protocol::Contact;
use crate::domain::protocol::resolve::contacts_for;
use crate::i18n::{date, t};
use crate::tui::model::App;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState};

/// The open actions of `case`, the chosen one highlighted.
pub fn draw(f: &mut Frame, app: &App, case: &Case, area: Rect, th: &Theme) {
    let open = app.current_open_actions();
    let contacts = app
        .protocol(&case.protocol)
        .map(|p| p.contacts.as_slice())
        .unwrap_or(&[]);
    // Titles wrap on words inside the box (borders take two columns).
    let width = usize::from(area.width.saturating_sub(2));
    let items: Vec<ListItem> = open
        .iter()
        .map(|a| action_item(a, contacts, case, width, app.today, th))
        .collect();
    let selected = if open.is_empty() {
        None
    } else {
        Some(
            app.action_sel
                .as_ref()
                .and_then(|s| open.iter().position(|a| &a.id == s))
                .unwrap_or(0),
        )
    };
    // The count says when more actions are open than the panel shows.
    let heading = format!("{}: {}", t("Open acties", "Open actions"), open.len());
    let mut title = format!(
        " {heading} (x {}, v {}, b {}) ",
        t("afronden", "mark done"),
        t("verlengen", "extend"),
        t("brief", "letter")
    );
    // A narrow panel keeps the keys and drops their words (`?` has them).
    if title.chars().count() + 2 > usize::from(area.width) {
        title = format!(" {heading} (x, v, b) ");
    }
    let list = List::new(items)
        .block(Block::bordered().title(title))
        .highlight_style(th.selected());
    f.render_stateful_widget(
        list,
        area,
        &mut ListState::default().with_selected(selected),
    );
}

/// One action: its head wrapped to `width`, then its notes indented.
fn action_item<'a>(
    a: &Action,
    contacts: &[Contact],
    case: &Case,
    width: usize,
    today: NaiveDate,
    th: &Theme,
) -> ListItem<'a> {
    let (style, marker) = th.urgency(a.due, today);
    let title = crate::i18n::work::action_title(a);
    let head = format!("{marker}{} [{}] {title}", date(a.due), a.role);
    let mut lines: Vec<Line> = super::wrap(&head, width)
        .into_iter()
        .map(|l| Line::styled(l, style))
        .collect();
    // A term no source states is a local default: say so.
    if a.local_term {
        lines.push(Line::styled(
            format!(
                "    {}",
                t(
                    "termijn: lokale keuze, geen bron",
                    "term: local choice, no source"
                )
            ),
            th.dim(),
        ));
    }
    // What moved its due date, and whether its consent is on record.
    let moved = a.shifts.iter().map(crate::i18n::work::shift);
    for more in moved.chain(a.consent.iter().map(crate::i18n::work::consent)) {
        // Wrapped a little narrower and indented like the contact line.
        lines.extend(
            super::wrap(&more, width.saturating_sub(4))
                .into_iter()
                .map(|l| Line::styled(format!("    {l}"), th.dim())),
        );
    }
    // Whom to contact for it: the municipality's own contact first.
    if let Some(c) = contacts_for(contacts, a.role, case.gemeente.as_deref()).first() {
        let who = format!("{} {}", c.name, c.email.as_deref().unwrap_or(""));
        lines.push(Line::styled(
            format!("    {}", super::fit(&who, width.saturating_sub(4))),
            th.dim(),
        ));
    }
    ListItem::new(lines)
}
