//! The one key table: which key does what on which screen, and the help
//! text for it. `keys.rs` dispatches through it and `ui/help.rs` shows it,
//! so the help cannot drift from what the keys do (as in gitui).

use super::model::Screen;
use ratatui::crossterm::event::KeyCode;

/// What a key asks for; `keys.rs` carries it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Tab, 1, 2, 3 (the key says which screen).
    SwitchScreen,
    /// Up/down by one or by a page (the key says how far).
    Move,
    NewCase,
    Undo,
    Sync,
    Help,
    /// `q`: back, or quit on a top screen.
    Back,
    /// Esc: back, or ask before quitting on a top screen.
    Escape,
    Search,
    Open,
    Done,
    AddEvent,
    EditCase,
    CloseCase,
    History,
    /// One of the list filters (the key says which).
    Filter,
    ClearFilters,
    Sort,
    /// L, R, S, ...: keep the local value of a conflict or take one of the
    /// other sides (`model::side_key` names them).
    Resolve,
    /// `b`: a letter for the selected action (`tui/letter.rs`).
    Letter,
    /// A key of the Rapportages screen (`tui/reports.rs` carries it out).
    Report,
    /// A working-day key of the case view (`tui/keys_work.rs` carries it
    /// out): hand action, pause, extension, handover, consent, corrections.
    Work,
}

/// One row of the table.
pub struct Binding {
    pub keys: &'static [KeyCode],
    /// How the help names the keys.
    pub label: &'static str,
    /// The screens it works on (empty: every screen).
    pub on: &'static [Screen],
    pub action: Action,
    /// What it does, in Dutch and in English.
    pub help: (&'static str, &'static str),
}

use Action as A;
use KeyCode::{Char as C, Down, Enter, Esc, PageDown, PageUp, Tab, Up};
use Screen::{Case, Cases, History, Reports, Today};

/// The keys that pick a side of a conflict: L keeps the local value, the
/// others take the remote sides in order (`model::side_key`). They skip the
/// case view's other capitals (T consent, W withdraw, ...).
pub const SIDE_KEYS: [KeyCode; 8] = [
    C('L'),
    C('R'),
    C('S'),
    C('U'),
    C('V'),
    C('X'),
    C('Y'),
    C('Z'),
];

const LISTS: &[Screen] = &[Today, Cases, Case];
const ONE_CASE: &[Screen] = &[Cases, Case];

/// Every key of the TUI, in the order the help shows them. A key's first
/// row for a screen wins.
pub const KEYS: &[Binding] = &[
    Binding {
        keys: &[Tab, C('1'), C('2'), C('3'), C('4')],
        label: "Tab, 1 2 3 4",
        on: &[],
        action: A::SwitchScreen,
        help: (
            "scherm wisselen: Vandaag, Dossiers, dossier, Rapportages",
            "switch screen: Today, Cases, case, Reports",
        ),
    },
    Binding {
        keys: &[Up, Down, C('k'), C('j'), PageUp, PageDown],
        label: "↑ ↓ j k",
        on: LISTS,
        action: A::Move,
        help: ("kiezen", "select"),
    },
    Binding {
        keys: &[C('n')],
        label: "n",
        on: &[],
        action: A::NewCase,
        help: ("nieuw dossier", "new case"),
    },
    Binding {
        keys: &[C('u')],
        label: "u",
        on: &[],
        action: A::Undo,
        help: (
            "laatste eigen wijziging ongedaan maken (git revert)",
            "undo your last change (git revert)",
        ),
    },
    Binding {
        keys: &[C('s')],
        label: "s",
        on: &[],
        action: A::Sync,
        help: (
            "synchroniseren met de git-remote",
            "sync with the git remote",
        ),
    },
    Binding {
        keys: &[C('?')],
        label: "?",
        on: &[],
        action: A::Help,
        help: ("deze help", "this help"),
    },
    Binding {
        keys: &[C('q')],
        label: "q",
        on: &[],
        action: A::Back,
        help: (
            "terug; op Vandaag/Dossiers: afsluiten",
            "back; on Today/Cases: quit",
        ),
    },
    Binding {
        keys: &[Esc],
        label: "Esc",
        on: &[],
        action: A::Escape,
        help: (
            "terug; op Vandaag/Dossiers: vraagt eerst",
            "back; on Today/Cases: asks first",
        ),
    },
    Binding {
        keys: &[C('/')],
        label: "/",
        on: &[Cases],
        action: A::Search,
        help: (
            "zoeken (Enter houdt, Esc wist)",
            "search (Enter keeps, Esc clears)",
        ),
    },
    Binding {
        keys: &[Enter],
        label: "Enter",
        on: &[Today, Cases],
        action: A::Open,
        help: ("dossier openen", "open case"),
    },
    Binding {
        keys: &[C('x')],
        label: "x",
        on: &[Today],
        action: A::Done,
        help: ("gekozen actie afronden", "mark selected action done"),
    },
    Binding {
        keys: &[C('a')],
        label: "a",
        on: ONE_CASE,
        action: A::AddEvent,
        help: ("gebeurtenis toevoegen", "add event"),
    },
    Binding {
        keys: &[C('x')],
        label: "x",
        on: &[Case],
        action: A::Done,
        help: ("gekozen actie afronden", "mark selected action done"),
    },
    Binding {
        keys: &[C('e')],
        label: "e",
        on: ONE_CASE,
        action: A::EditCase,
        help: ("dossier bewerken", "edit case"),
    },
    Binding {
        keys: &[C('c')],
        label: "c",
        on: ONE_CASE,
        action: A::CloseCase,
        help: ("dossier sluiten / heropenen", "close / reopen case"),
    },
    Binding {
        keys: &[C('h')],
        label: "h",
        on: ONE_CASE,
        action: A::History,
        help: ("geschiedenis", "history"),
    },
    Binding {
        keys: &[C('o'), C('p'), C('S'), C('w'), C('r'), C('g')],
        label: "o p S w r g",
        on: &[Cases],
        action: A::Filter,
        help: (
            "filter kiezen uit een lijst: status, protocol, school, eigenaar, rol, signaal",
            "choose a filter from a list: status, protocol, school, owner, role, signal",
        ),
    },
    Binding {
        keys: &[C('r'), C('w')],
        label: "r w",
        on: &[Today],
        action: A::Filter,
        help: (
            "filter op rol of eigenaar (teamleider: de escalaties)",
            "filter by role or owner (teamleider: the escalations)",
        ),
    },
    Binding {
        keys: &[C('f')],
        label: "f",
        on: &[Today],
        action: A::ClearFilters,
        help: ("alle filters wissen", "clear all filters"),
    },
    Binding {
        keys: &[C('b')],
        label: "b",
        on: &[Case],
        action: A::Letter,
        help: (
            "brief (PDF) bij de gekozen actie; vastgelegd als gebeurtenis",
            "letter (PDF) for the selected action; recorded as an event",
        ),
    },
    Binding {
        keys: &[C('A')],
        label: "A",
        on: &[Case],
        action: A::Work,
        help: ("actie met de hand toevoegen", "add an action by hand"),
    },
    Binding {
        keys: &[C('p')],
        label: "p",
        on: &[Case],
        action: A::Work,
        help: (
            "termijnen pauzeren (met reden) / hervatten",
            "pause the deadlines (with a reason) / resume",
        ),
    },
    Binding {
        keys: &[C('v')],
        label: "v",
        on: &[Case],
        action: A::Work,
        help: ("gekozen actie verlengen", "extend the selected action"),
    },
    Binding {
        keys: &[C('O')],
        label: "O",
        on: &[Case],
        action: A::Work,
        help: ("dossier overdragen", "hand the case over"),
    },
    Binding {
        keys: &[C('T')],
        label: "T",
        on: &[Case],
        action: A::Work,
        help: ("toestemming vastleggen", "record a consent"),
    },
    Binding {
        keys: &[C('['), C(']'), C('E'), C('W')],
        label: "[ ] E W",
        on: &[Case],
        action: A::Work,
        help: (
            "gebeurtenis kiezen; corrigeren; intrekken",
            "choose an event; correct it; withdraw it",
        ),
    },
    Binding {
        keys: &[C('f')],
        label: "f",
        on: &[Cases],
        action: A::ClearFilters,
        help: (
            "alle filters en de zoekterm wissen",
            "clear all filters and the search",
        ),
    },
    Binding {
        keys: &[C('t')],
        label: "t",
        on: &[Cases],
        action: A::Sort,
        help: (
            "sorteren: eerstvolgende actie / naam",
            "sort: next due / name",
        ),
    },
    Binding {
        keys: &SIDE_KEYS,
        label: "L R S",
        on: &[Case],
        action: A::Resolve,
        help: (
            "conflict: eigen houden / een andere kant nemen",
            "conflict: keep local / take a remote side",
        ),
    },
    Binding {
        keys: &[Up, Down, C('k'), C('j'), PageUp, PageDown],
        label: "↑ ↓",
        on: &[History],
        action: A::Move,
        help: (
            "commit kiezen; diff rechts",
            "choose commit; diff on the right",
        ),
    },
    Binding {
        keys: &[Up, Down, C('k'), C('j')],
        label: "↑ ↓",
        on: &[Reports],
        action: A::Report,
        help: ("rapportage kiezen", "choose report"),
    },
    Binding {
        keys: &[C('v')],
        label: "v",
        on: &[Reports],
        action: A::Report,
        help: (
            "thuiszitters: zonder / met namen (VERTROUWELIJK)",
            "thuiszitters: aggregate / named (CONFIDENTIAL)",
        ),
    },
    Binding {
        keys: &[C('['), C(']')],
        label: "[ ]",
        on: &[Reports],
        action: A::Report,
        help: ("vorig / volgend schooljaar", "previous / next school year"),
    },
    Binding {
        keys: &[Enter],
        label: "Enter",
        on: &[Reports],
        action: A::Report,
        help: ("opnieuw berekenen", "recompute"),
    },
    Binding {
        keys: &[C('w')],
        label: "w",
        on: &[Reports],
        action: A::Report,
        help: (
            "naar een bestand schrijven (CSV, Excel, Markdown; standaard in exports/)",
            "write to a file (CSV, Excel, Markdown; exports/ by default)",
        ),
    },
    Binding {
        keys: &[PageUp, PageDown],
        label: "PgUp PgDn",
        on: &[Reports],
        action: A::Report,
        help: ("door de tabel bladeren", "scroll the table"),
    },
];

fn works_on(b: &Binding, screen: Screen) -> bool {
    b.on.is_empty() || b.on.contains(&screen)
}

/// What `key` does on `screen`, if anything.
pub fn action(screen: Screen, key: KeyCode) -> Option<Action> {
    KEYS.iter()
        .find(|b| works_on(b, screen) && b.keys.contains(&key))
        .map(|b| b.action)
}

/// The rows the help shows for `screen`: keys and (Dutch, English) text.
pub fn help(screen: Screen) -> impl Iterator<Item = (&'static str, (&'static str, &'static str))> {
    KEYS.iter()
        .filter(move |b| works_on(b, screen))
        .map(|b| (b.label, b.help))
}

/// How far a movement key moves.
pub fn distance(key: KeyCode) -> isize {
    match key {
        Up | C('k') => -1,
        PageUp => -10,
        PageDown => 10,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_does_two_things_on_one_screen() {
        for screen in [Today, Cases, Case, History, Reports] {
            let mut seen: Vec<KeyCode> = Vec::new();
            for b in KEYS.iter().filter(|b| works_on(b, screen)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} twice on {screen:?}");
                    seen.push(*k);
                }
            }
        }
    }
}
