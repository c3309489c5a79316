//! Views: functions from the TUI model to the screen. They never change
//! state and never touch disk or git.

mod case;
mod case_actions;
mod cases;
mod form;
mod help;
mod history;
mod letter;
mod reports;
mod terminal;
pub use terminal::{EXIT_AFTER_FIRST_FRAME, color_wanted, run_on};
pub mod theme;
mod today;

use crate::i18n::{lang, t};
use crate::tui::model::{App, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn draw(f: &mut Frame, app: &App) {
    // A long message takes a second line rather than being cut off.
    let status_line = status_line(app, f.area().width);
    let status_height = if status_line.width() > usize::from(f.area().width) {
        2
    } else {
        1
    };
    let [tabs, main, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(status_height),
    ])
    .areas(f.area());
    draw_tabs(f, app, tabs);
    if app.loading {
        let text = format!(
            "{} {}",
            t("Dossiers laden uit", "Loading cases from"),
            app.repo_label
        );
        f.render_widget(Paragraph::new(text), main);
    } else {
        match app.screen {
            Screen::Today => today::draw(f, app, main),
            Screen::Cases => cases::draw(f, app, main),
            Screen::Case => case::draw(f, app, main),
            Screen::History => history::draw(f, app, main),
            Screen::Reports => reports::draw(f, app, main),
        }
    }
    f.render_widget(
        Paragraph::new(status_line).wrap(ratatui::widgets::Wrap { trim: true }),
        status,
    );
    if let Some(form) = &app.form {
        form::draw(f, app, form);
    }
    if let Some(p) = &app.picker {
        form::draw_picker(f, app, p);
    }
    if let Some(c) = &app.letter {
        letter::draw(f, app, c);
    }
    if let Some(c) = &app.confirm {
        form::draw_confirm(f, app, &c.text);
    }
    if app.help {
        help::draw(f, app);
    }
}

fn draw_tabs(f: &mut Frame, app: &App, area: Rect) {
    let th = theme::Theme::new(app.color);
    let current = app
        .current_case()
        .map(|(c, _)| c.name.as_str())
        // No case open yet: name the screen, a bare "-" told a new user nothing.
        .unwrap_or(t("Dossier", "Case"));
    let tabs = [
        (Screen::Today, format!("1 {}", t("Vandaag", "Today"))),
        (Screen::Cases, format!("2 {}", t("Dossiers", "Cases"))),
        (Screen::Case, format!("3 {current}")),
        (
            Screen::Reports,
            format!("4 {}", t("Rapportages", "Reports")),
        ),
    ];
    let mut spans = vec![Span::styled(" verzuim ", th.title())];
    for (screen, label) in tabs {
        let on = app.screen == screen || (screen == Screen::Case && app.screen == Screen::History);
        spans.push(Span::raw(" "));
        spans.push(Span::styled(
            format!(" {label} "),
            if on { th.selected() } else { th.dim() },
        ));
    }
    spans.push(Span::styled(
        format!("   ? {}", t("help", "help")),
        th.dim(),
    ));
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The status bar: counts, language, then the last message; the
/// repository's folder only when there is room (the message matters more).
fn status_line(app: &App, width: u16) -> Line<'static> {
    let th = theme::Theme::new(app.color);
    let (open, overdue) = app.counts();
    let mut spans = vec![
        Span::raw(format!(" {open} {}  ", t("open", "open"))),
        Span::styled(
            format!("{overdue} {}", t("over tijd", "overdue")),
            if overdue > 0 {
                th.overdue()
            } else {
                th.plain()
            },
        ),
        Span::raw(format!("  {}  ", lang().as_str())),
    ];
    if let Some(busy) = &app.busy {
        spans.push(Span::styled(format!("{busy} "), th.dim()));
    }
    if let Some(s) = &app.status {
        let style = if s.error { th.error() } else { th.plain() };
        let prefix = if s.error && !app.color { "FOUT: " } else { "" };
        spans.push(Span::styled(format!("{prefix}{}", s.text), style));
    }
    let label = format!("  {}", app.repo_label);
    let line = Line::from(spans.clone());
    if line.width() + label.chars().count() <= usize::from(width) {
        spans.push(Span::styled(label, th.dim()));
    }
    Line::from(spans)
}

/// The rows of a long list to build for a table of `height` rows: the page
/// holding the selection. Only these are turned into widgets, so a frame
/// costs the same with 50 or 50,000 cases. Returns (first, last+1, selected
/// within the page).
pub fn page(len: usize, selected: Option<usize>, height: u16) -> (usize, usize, Option<usize>) {
    let height = usize::from(height).max(1);
    let sel = selected.unwrap_or(0).min(len.saturating_sub(1));
    let start = sel / height * height;
    let end = (start + height).min(len);
    (
        start,
        end,
        selected.map(|s| s.min(len.saturating_sub(1)) - start),
    )
}

/// `text` in at most `width` columns: whole words, then "…" when it is
/// longer, so no label or title is ever cut off mid-word.
pub fn fit(text: &str, width: usize) -> String {
    // Names and notes come from files anyone could have synced: control
    // characters are shown escaped, never sent to the terminal raw.
    let text = &*crate::domain::text::escape(text);
    if text.chars().count() <= width {
        return text.to_string();
    }
    // Leading spaces (a marker's room) are kept as they are.
    let body = text.trim_start_matches(' ');
    let indent = text.len() - body.len();
    let room = width.saturating_sub(1 + indent);
    let text = body;
    let mut out = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!out.is_empty());
        if out.chars().count() + sep + word.chars().count() > room {
            break;
        }
        if sep == 1 {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        // One long word: cut it, visibly.
        out = text.chars().take(room).collect();
    }
    out.push('…');
    format!("{}{out}", " ".repeat(indent))
}

/// `text` wrapped on words into lines of at most `width` columns.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(8);
    let text = &*crate::domain::text::escape(text);
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("one line at least");
        let len = last.chars().count();
        if len > 0 && len + 1 + word.chars().count() > width {
            lines.push(fit(word, width));
        } else {
            if len > 0 {
                last.push(' ');
            }
            last.push_str(&fit(word, width));
        }
    }
    lines
}

/// A centred rectangle of at most `w` x `h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::{fit, page, wrap};

    #[test]
    fn fit_and_wrap_never_cut_a_word() {
        assert_eq!(
            fit("Mentor neemt contact op", 40),
            "Mentor neemt contact op"
        );
        assert_eq!(fit("Mentor neemt contact op", 15), "Mentor neemt…");
        assert_eq!(fit("Zorgadviesteamoverleg", 8), "Zorgadv…");
        assert_eq!(fit("  24-11 Mentor neemt", 15), "  24-11 Mentor…");
        assert_eq!(
            wrap("JGZ stuurt de uitnodiging", 12),
            ["JGZ stuurt", "de", "uitnodiging"]
        );
    }

    #[test]
    fn page_holds_the_selection() {
        assert_eq!(page(100, Some(3), 10), (0, 10, Some(3)));
        assert_eq!(page(100, Some(25), 10), (20, 30, Some(5)));
        assert_eq!(page(23, Some(22), 10), (20, 23, Some(2)));
        assert_eq!(page(0, None, 10), (0, 0, None));
        assert_eq!(page(5, None, 0), (0, 1, None));
    }
}
