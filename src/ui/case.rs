//! The case view: pupil, protocol, active signals with message and date,
//! open actions (with whom to contact), classification, and the timeline.

use super::theme::Theme;
use crate::domain::engine::Evaluation;
use crate::domain::event::kind_label;
use crate::domain::protocol::resolve::contacts_for;
use crate::domain::text::escape;
use crate::i18n::{date, t};
use crate::tui::model::App;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

pub fn draw(f: &mut Frame, app: &App, area: Rect) {
    let th = Theme::new(app.color);
    let Some((case, check)) = app.current_case() else {
        f.render_widget(
            Paragraph::new(t("Geen dossier gekozen.", "No case selected.")),
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
                        format!("{}: {} {}", c.field, t("eigen", "local"), show(&c.local)),
                        th.error(),
                    ),
                    Line::styled(
                        format!(
                            "{:width$}  {} {}",
                            "",
                            t("andere kant", "remote"),
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
            t("eigen houden", "keep local"),
            t("andere kant nemen", "take remote")
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
            date(case.birth),
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
            Span::raw(format!(" {} {}", t("sinds", "since"), date(c.since))),
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
            .map(|s| {
                // A person reads the rule's message, not its id.
                Line::styled(
                    format!(
                        "{} ({} {}){}",
                        s.message,
                        t("sinds", "since"),
                        date(s.since),
                        if s.local_term {
                            t(" (lokale termijn)", " (local term)")
                        } else {
                            ""
                        }
                    ),
                    th.soon(),
                )
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
    // Titles wrap on words inside the box (borders take two columns).
    let width = usize::from(actions.width.saturating_sub(2));
    let items: Vec<ListItem> = open
        .iter()
        .map(|a| {
            let (style, marker) = th.urgency(a.due, app.today);
            let head = format!("{marker}{} [{}] {}", date(a.due), a.role, a.title);
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
            // Whom to contact for it: the municipality's own contact first.
            if let Some(c) = contacts_for(contacts, a.role, case.gemeente.as_deref()).first() {
                let who = format!("{} {}", c.name, c.email.as_deref().unwrap_or(""));
                lines.push(Line::styled(
                    format!("    {}", super::fit(&who, width.saturating_sub(4))),
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

    // Kinds line up in a wide box; a narrow one needs the room for details.
    let pad = if timeline.width > 60 { 26 } else { 0 };
    let vocabulary = app
        .protocol(&case.protocol)
        .map(|p| p.kinds.as_slice())
        .unwrap_or_default();
    let shown = app.shown(case);
    let mut events: Vec<Line> = shown
        .events_by_date()
        .into_iter()
        .rev()
        .map(|(_, e)| {
            // A marked-done action shows what was done, not only its id.
            let done = e.action.as_ref().and_then(|id| {
                let e = check.as_ref().ok()?;
                e.actions
                    .iter()
                    .find(|a| &a.id == id)
                    .map(|a| a.title.clone())
            });
            let mut text = match done {
                Some(title) => format!("{}  {}: {title}", date(e.date), t("afgerond", "done")),
                None => {
                    let label = kind_label(&e.kind, vocabulary);
                    format!(
                        "{}  {:<pad$}{}",
                        date(e.date),
                        escape(&label),
                        escape(&e.details())
                    )
                }
            };
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
        Paragraph::new(events)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(title)),
        timeline,
    );
}
