//! The case view: pupil, protocol, active signals with message and date,
//! open actions (with whom to contact; `case_actions.rs`), classification,
//! and the timeline. One function per panel; all read the model only.

use super::theme::Theme;
use crate::domain::case::Case;
use crate::domain::caseload::CaseCheck;
use crate::domain::engine::Evaluation;
use crate::domain::event::{DONE_KIND, Event, KindSpec};
use crate::domain::text::escape;
use crate::i18n::kind_label;
use crate::i18n::{date, t};
use crate::tui::model::{App, side_key};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The case on show, one panel per part: pupil, conflicts and signals on
/// the left, open actions and the timeline on the right.
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
    let conflicts = app.shown_conflicts(case);
    // One line per side of each conflict (three people: three lines).
    let conflict_height = if conflicts.is_empty() {
        0
    } else {
        conflicts
            .iter()
            .map(|c| 1 + c.remote_values().len() as u16)
            .sum::<u16>()
            + 2
    };
    let [info, conflict_area, signals] = Layout::vertical([
        Constraint::Length(11),
        Constraint::Length(conflict_height),
        Constraint::Min(3),
    ])
    .areas(left);
    let [actions, timeline] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(right);
    f.render_widget(pupil_panel(app, case, check, &th), info);
    if !conflicts.is_empty() {
        f.render_widget(conflict_box(&conflicts, &th), conflict_area);
    }
    f.render_widget(signals_panel(check, &th), signals);
    super::case_actions::draw(f, app, case, actions, &th);
    f.render_widget(timeline_panel(app, case, check, timeline, &th), timeline);
}

/// Who the pupil is: name, classification, school, owner, retention, pause.
fn pupil_panel<'a>(app: &App, case: &Case, check: &CaseCheck, th: &Theme) -> Paragraph<'a> {
    let status = if case.is_open() {
        t("open", "open")
    } else {
        t("gesloten", "closed")
    };
    let mut lines = vec![Line::styled(escape(&case.name).into_owned(), th.heading())];
    // The classification (thuiszitter type) right under the name and its
    // date first: a short panel (80x24) cuts lines from the bottom.
    if let Ok(Evaluation { class: Some(c), .. }) = check {
        let colour = c.colour.clone().unwrap_or_default();
        lines.push(Line::from(vec![
            Span::raw(format!("{} {}: ", t("sinds", "since"), date(c.since))),
            Span::styled(format!("{} {colour}", c.label), th.named(&colour)),
            Span::raw(format!(" ({})", c.scheme)),
        ]));
    }
    lines.extend([
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
    ]);
    lines.extend(retention_line(app, case));
    if let Some(p) = crate::domain::workflow::pause_on(case, app.today, app.today) {
        lines.push(Line::styled(
            escape(&crate::i18n::work::pause(&p)).into_owned(),
            th.soon(),
        ));
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(format!(" {} ", t("Leerling", "Pupil"))))
}

/// When the case (and its first event) may be destroyed, by the rules.
fn retention_line<'a>(app: &App, case: &Case) -> Option<Line<'a>> {
    let r = app.data.retention.as_ref()?.compute(case).ok()?;
    let mut text = format!(
        "{}: {} ({})",
        t("Vernietigen per", "Destroy from"),
        date(r.case.date),
        r.case.rule
    );
    if let Some((_, first)) = r.events.first() {
        text += &format!(
            "; {}: {}",
            crate::i18n::count(
                r.events.len(),
                ("gebeurtenis eerder", "gebeurtenissen eerder"),
                ("event earlier", "events earlier")
            ),
            date(first.date)
        );
    }
    Some(Line::raw(text))
}

/// The active signals, each with its message and since when.
fn signals_panel<'a>(check: &CaseCheck, th: &Theme) -> Paragraph<'a> {
    let lines: Vec<Line> = match check {
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
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(block)
}

/// Every event, newest first, the chosen one marked.
fn timeline_panel<'a>(
    app: &App,
    case: &Case,
    check: &CaseCheck,
    area: Rect,
    th: &Theme,
) -> Paragraph<'a> {
    // Kinds line up in a wide box; a narrow one needs the room for details.
    let pad = if area.width > 60 { 26 } else { 0 };
    let vocabulary = app
        .protocol(&case.protocol)
        .map(|p| p.kinds.as_slice())
        .unwrap_or_default();
    let chosen = crate::tui::keys_work::selected_event(app);
    let shown = app.shown(case);
    let mut events: Vec<Line> = shown
        .events_by_date()
        .into_iter()
        .rev()
        .map(|(eid, e)| {
            let mark = if chosen.as_deref() == Some(eid) {
                "▸"
            } else {
                " "
            };
            let text = format!("{mark}{}", event_text(e, check, vocabulary, pad));
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
        " {} (a {}, E {}, W {}) ",
        t("Tijdlijn", "Timeline"),
        t("nieuw", "add"),
        t("corrigeer", "correct"),
        t("trek in", "withdraw")
    );
    Paragraph::new(events)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().title(title))
}

/// One event as a timeline line (after its mark): date, what happened,
/// the note. `pad` lines the kinds up in a wide box.
fn event_text(e: &Event, check: &CaseCheck, vocabulary: &[KindSpec], pad: usize) -> String {
    // A marked-done action shows what was done, not only its id.
    // (An extension names an action too, but is no "done".)
    let done_id = e.action.as_ref().filter(|_| e.kind == DONE_KIND);
    let done = done_id.and_then(|id| {
        let e = check.as_ref().ok()?;
        e.actions
            .iter()
            .find(|a| &a.id == id)
            .map(|a| a.title.clone())
    });
    let mut text = match done {
        Some(title) => format!(
            "{}  {}: {}",
            date(e.date),
            t("afgerond", "done"),
            escape(&title)
        ),
        None => {
            let label = kind_label(&e.kind, vocabulary);
            format!(
                "{}  {:<pad$}{}",
                date(e.date),
                escape(&label),
                escape(&crate::i18n::event_details(e))
            )
        }
    };
    if let Some(n) = &e.note {
        text += &format!("  \"{}\"", escape(n));
    }
    text
}

/// Every side of every open conflict, each with the key that picks it
/// (for the first conflict; the next is shown once that one is solved).
fn conflict_box(conflicts: &[crate::domain::merge::Conflict], th: &Theme) -> Paragraph<'static> {
    // Values came from another machine: control characters escaped.
    let show = |v: &Option<String>| {
        v.as_deref()
            .map_or_else(|| "-".into(), |s| escape(s).to_string())
    };
    let mut lines: Vec<Line> = Vec::new();
    for (n, c) in conflicts.iter().enumerate() {
        let sides = std::iter::once(c.local.clone()).chain(c.remote_values());
        for (i, value) in sides.enumerate() {
            let key = match side_key(i) {
                Some(k) if n == 0 => format!("[{k}] "),
                _ => "    ".into(),
            };
            let who = match i {
                0 => t("eigen", "local").to_string(),
                1 => t("andere kant", "remote").to_string(),
                i => format!("{} {i}", t("andere kant", "remote")),
            };
            let field = if i == 0 { c.field.as_str() } else { "" };
            lines.push(Line::styled(
                format!(
                    "{field:w$}  {key}{who}: {}",
                    show(&value),
                    w = c.field.len()
                ),
                th.error(),
            ));
        }
    }
    let title = format!(
        " {} ({}) ",
        t("Conflict", "Conflict"),
        t("de toets kiest die waarde", "the key picks that value")
    );
    Paragraph::new(lines).block(Block::bordered().title(title))
}
