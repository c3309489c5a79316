//! The case view: pupil, protocol, active signals with message and date,
//! open actions (with whom to contact), classification, and the timeline.

use super::theme::Theme;
use crate::domain::engine::Evaluation;
use crate::domain::protocol::resolve::contacts_for;
use crate::domain::text::escape;
use crate::i18n::t;
use crate::tui::model::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    let Some((case, check)) = app.current_case() else {
        f.render_widget(
            Paragraph::new(t("Geen case gekozen.", "No case selected.")),
            area,
        );
        return;
    };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let conflicts = app
        .data
        .conflicts
        .get(&case.id)
        .map(|c| c.as_slice())
        .unwrap_or(&[]);
    let conflict_height = if conflicts.is_empty() {
        0
    } else {
        conflicts.len() as u16 * 2 + 2
    };
    let [info, conflict_area, signals] = Layout::vertical([
        Constraint::Length(10),
        Constraint::Length(conflict_height),
        Constraint::Min(3),
    ])
    .areas(left);
    if !conflicts.is_empty() {
        let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
        let lines: Vec<Line> = conflicts
            .iter()
            .flat_map(|c| {
                [
                    Line::styled(
                        format!("{}: {} {}", c.field, t("lokaal", "local"), show(&c.local)),
                        th.error(),
                    ),
                    Line::styled(
                        format!(
                            "{:width$}  remote {}",
                            "",
                            show(&c.remote),
                            width = c.field.len()
                        ),
                        th.error(),
                    ),
                ]
            })
            .collect();
        let title = format!(
            " {} (L {}, R {}) ",
            t("Conflict", "Conflict"),
            t("lokaal houden", "keep local"),
            t("remote nemen", "take remote")
        );
        f.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(title)),
            conflict_area,
        );
    }
    let [actions, timeline] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(right);

    let status = if case.is_open() {
        t("open", "open")
    } else {
        t("gesloten", "closed")
    };
    let mut lines = vec![
        Line::styled(escape(&case.name).into_owned(), th.heading()),
        Line::raw(format!(
            "{}: {}   id: {}",
            t("Geboren", "Born"),
            case.birth,
            case.id
        )),
        Line::raw(format!("School: {} ({})", escape(&case.school), case.level)),
        Line::raw(format!(
            "{}: {}",
            t("Gemeente", "Municipality"),
            case.gemeente.as_deref().unwrap_or("-")
        )),
        Line::raw(format!("Protocol: {}", case.protocol)),
        Line::raw(format!(
            "{}: {}   Status: {status}",
            t("Eigenaar", "Owner"),
            case.owner.as_deref().unwrap_or("-")
        )),
    ];
    if let Ok(Evaluation { class: Some(c), .. }) = check {
        let colour = c.colour.clone().unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(format!("{}: ", c.scheme)),
            Span::styled(format!("{} {colour}", c.label), th.named(&colour)),
            Span::raw(format!(" {} {}", t("sinds", "since"), c.since)),
        ]));
    }
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(format!(" {} ", t("Leerling", "Pupil")))),
        info,
    );

    let signal_lines: Vec<Line> = match check {
        Ok(e) if e.signals.is_empty() => vec![Line::styled(
            t("Geen actieve signalen.", "No active signals."),
            th.dim(),
        )],
        Ok(e) => e
            .signals
            .iter()
            .flat_map(|s| {
                [
                    Line::styled(
                        format!("{} ({} {})", s.rule, t("sinds", "since"), s.since),
                        th.soon(),
                    ),
                    Line::raw(format!("  {}", s.message)),
                ]
            })
            .collect(),
        Err(u) => vec![Line::styled(u.to_string(), th.error())],
    };
    let block = Block::bordered().title(format!(" {} ", t("Signalen", "Signals")));
    f.render_widget(
        Paragraph::new(signal_lines)
            .wrap(Wrap { trim: false })
            .block(block),
        signals,
    );

    let open = app.current_open_actions();
    let contacts = app
        .protocol(&case.protocol)
        .map(|p| p.contacts.as_slice())
        .unwrap_or(&[]);
    let items: Vec<ListItem> = open
        .iter()
        .map(|a| {
            let (style, marker) = th.urgency(a.due, app.today);
            let mut lines = vec![Line::styled(
                format!("{marker}{} [{}] {}", a.due, a.role, a.title),
                style,
            )];
            // Whom to contact for it: the municipality's own contact first.
            if let Some(c) = contacts_for(contacts, a.role, case.gemeente.as_deref()).first() {
                lines.push(Line::styled(
                    format!(
                        "    {} {}",
                        escape(&c.name),
                        escape(c.email.as_deref().unwrap_or(""))
                    ),
                    th.dim(),
                ));
            }
            ListItem::new(lines)
        })
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
    let title = format!(
        " {} (x {}) ",
        t("Open acties", "Open actions"),
        t("afronden", "mark done")
    );
    let list = List::new(items)
        .block(Block::bordered().title(title))
        .highlight_style(th.selected());
    f.render_stateful_widget(
        list,
        actions,
        &mut ListState::default().with_selected(selected),
    );

    let mut events: Vec<Line> = case
        .events_by_date()
        .into_iter()
        .rev()
        .map(|(_, e)| {
            let mut text = format!(
                "{}  {:<18}{}",
                e.date,
                escape(&e.kind),
                escape(&e.details())
            );
            if let Some(n) = &e.note {
                text += &format!("  \"{}\"", escape(n));
            }
            let style = if e.date > app.today {
                th.dim()
            } else {
                th.plain()
            };
            Line::styled(text, style)
        })
        .collect();
    if events.is_empty() {
        events.push(Line::styled(
            t(
                "Nog geen gebeurtenissen (a: toevoegen).",
                "No events yet (a: add).",
            ),
            th.dim(),
        ));
    }
    let title = format!(
        " {} (a {}, h {}) ",
        t("Tijdlijn", "Timeline"),
        t("toevoegen", "add"),
        t("geschiedenis", "history")
    );
    f.render_widget(
        Paragraph::new(events).block(Block::bordered().title(title)),
        timeline,
    );
}
