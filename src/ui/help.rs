//! Help: every key on the current screen.

use crate::i18n::t;
use crate::tui::model::{App, Screen};
use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn keys(screen: Screen) -> Vec<(&'static str, &'static str)> {
    let mut k = vec![
        (
            "Tab, 1 2 3",
            t(
                "scherm wisselen: Vandaag, Dossiers, dossier",
                "switch screen: Today, Cases, case",
            ),
        ),
        ("↑ ↓ j k", t("kiezen", "select")),
        ("n", t("nieuw dossier", "new case")),
        (
            "u",
            t(
                "laatste eigen wijziging ongedaan maken (git revert)",
                "undo your last change (git revert)",
            ),
        ),
        (
            "s",
            t(
                "synchroniseren met de git-remote",
                "sync with the git remote",
            ),
        ),
        ("?", t("deze help", "this help")),
        (
            "q",
            t(
                "terug; op Vandaag/Dossiers: afsluiten",
                "back; on Today/Cases: quit",
            ),
        ),
        (
            "Esc",
            t(
                "terug; op Vandaag/Dossiers: vraagt eerst",
                "back; on Today/Cases: asks first",
            ),
        ),
    ];
    let more: &[(&str, (&str, &str))] = match screen {
        Screen::Today => &[
            ("Enter", ("dossier openen", "open case")),
            ("x", ("gekozen actie afronden", "mark selected action done")),
        ],
        Screen::Cases => &[
            (
                "/",
                (
                    "zoeken (Enter houdt, Esc wist)",
                    "search (Enter keeps, Esc clears)",
                ),
            ),
            ("Enter", ("dossier openen", "open case")),
            ("a", ("gebeurtenis toevoegen", "add event")),
            ("e", ("dossier bewerken", "edit case")),
            ("c", ("dossier sluiten / heropenen", "close / reopen case")),
            ("h", ("geschiedenis", "history")),
            (
                "o p S w r g",
                (
                    "filter kiezen uit een lijst: status, protocol, school, eigenaar, rol, signaal",
                    "choose a filter from a list: status, protocol, school, owner, role, signal",
                ),
            ),
            (
                "f",
                (
                    "alle filters en de zoekterm wissen",
                    "clear all filters and the search",
                ),
            ),
            (
                "t",
                (
                    "sorteren: eerstvolgende actie / naam",
                    "sort: next due / name",
                ),
            ),
        ],
        Screen::Case => &[
            ("a", ("gebeurtenis toevoegen", "add event")),
            ("x", ("gekozen actie afronden", "mark selected action done")),
            (
                "b",
                (
                    "brief (PDF) bij de gekozen actie; vastgelegd als gebeurtenis",
                    "letter (PDF) for the selected action; recorded as an event",
                ),
            ),
            ("e", ("dossier bewerken", "edit case")),
            ("c", ("dossier sluiten / heropenen", "close / reopen case")),
            ("h", ("geschiedenis", "history")),
            (
                "L R",
                (
                    "conflict: eigen waarde houden / die van de andere kant nemen",
                    "conflict: keep local / take remote",
                ),
            ),
        ],
        Screen::History => &[(
            "↑ ↓",
            (
                "commit kiezen; diff rechts",
                "choose commit; diff on the right",
            ),
        )],
    };
    k.extend(more.iter().map(|(key, (nl, en))| (*key, t(nl, en))));
    k
}

pub fn draw(f: &mut Frame, app: &App) {
    let keys = keys(app.screen);
    let area = super::centered(f.area(), 76, keys.len() as u16 + 4);
    let mut lines: Vec<Line> = keys
        .iter()
        .map(|(k, what)| Line::raw(format!(" {k:<12} {what}")))
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::raw(t(
        " Een toets sluit deze help.",
        " Any key closes this help.",
    )));
    f.render_widget(Clear, area);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(ratatui::widgets::Wrap { trim: false })
            .block(Block::bordered().title(" Help ")),
        area,
    );
}
