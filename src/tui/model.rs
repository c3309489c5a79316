//! The TUI's state. Selections are ids, never row numbers, so a refresh
//! can never move a destructive key onto another case or action.

use super::form::Form;
use super::msg::{ProtocolInfo, Snapshot};
use crate::domain::case::Case;
use crate::domain::caseload::{self, CaseCheck};
use crate::domain::protocol::Role;
use crate::domain::search::{self, Searcher};
use crate::store::git::LogEntry;
use chrono::NaiveDate;

// The derived lists (today, cases, counts): a part of the model, in its
// own file.
#[path = "model_lists.rs"]
mod lists;
// The current case revealed once per change, not per frame: also a part.
#[path = "model_revealed.rs"]
mod revealed;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Today,
    Cases,
    Case,
    History,
    /// Rapportages: the reports, one shown as a table, written to a file.
    Reports,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    #[default]
    Open,
    Closed,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    NextDue,
    Name,
}

/// Filters on the case list; `None` is "all".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub status: StatusFilter,
    pub protocol: Option<String>,
    pub school: Option<String>,
    /// The case's owner (a person or team, as written in the case).
    pub owner: Option<String>,
    pub role: Option<Role>,
    pub signal: Option<String>,
    pub sort: Sort,
}

/// One row of the today list: an open action of a case, or (after them)
/// an active signal of a case with no open action at all, so a pupil with a
/// signal and nothing planned is never "nothing to do".
#[derive(Debug, Clone, PartialEq)]
pub struct TodayRow {
    pub case_idx: usize,
    /// The action's id; for a signal row, the signal's rule.
    pub action_id: String,
    pub signal: bool,
}

#[derive(Debug, Clone, Default)]
pub struct HistoryView {
    pub case_id: String,
    pub entries: Vec<LogEntry>,
    pub selected: usize,
    /// The commit and its diff as stored (sealed values as ciphertext).
    pub diff: Option<(String, String)>,
    /// The diff as this session may see it, opened once when it arrives
    /// (`App::reveal_diff`); zeroized when dropped.
    pub shown: Option<zeroize::Zeroizing<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub error: bool,
}

/// A change this session made, for undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Undoable {
    pub case_id: String,
    pub commit: String,
    pub summary: String,
    /// How the status bar named the change.
    pub said: String,
}

/// A question before a change a person may mean (an odd event).
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub text: String,
    /// Sent on yes.
    pub effect: super::msg::Effect,
}

pub struct App {
    pub today: NaiveDate,
    pub repo_label: String,
    pub loading: bool,
    pub busy: Option<String>,
    pub data: Snapshot,
    pub haystacks: Vec<String>,
    pub screen: Screen,
    pub back_to: Screen,
    pub today_rows: Vec<TodayRow>,
    pub today_sel: Option<(String, String)>,
    pub visible: Vec<usize>,
    pub case_sel: Option<String>,
    pub current: Option<String>,
    pub action_sel: Option<String>,
    /// The chosen timeline event of the case view (for edit and withdraw).
    pub event_sel: Option<String>,
    pub query: String,
    pub searching: bool,
    pub filters: Filters,
    pub history: Option<HistoryView>,
    pub reports: super::reports::ReportsView,
    pub form: Option<Form>,
    pub help: bool,
    pub status: Option<Status>,
    pub undo: Vec<Undoable>,
    /// How the status bar names the change in flight (commit messages stay
    /// technical; this is what the person reads).
    pub said: Option<String>,
    pub confirm: Option<Confirm>,
    pub picker: Option<super::picker::Picker>,
    /// The letter choice (`b` on a case).
    pub letter: Option<super::letter::LetterChoice>,
    /// A case made with `n`: shown and opened when its commit lands.
    pub open_after: Option<String>,
    /// The id a new case gets: drawn outside `update` (here and by the
    /// loop after each new case) so `update` stays a function of its input.
    pub next_id: String,
    /// Esc on a top screen asks first; a second Esc (or q) quits.
    pub quitting: bool,
    pub quit: bool,
    pub color: bool,
    /// The session's unlocked key (issue 15), set with `set_keyring`:
    /// sealed values are opened with it; without it they show
    /// "vertrouwelijk (jgz)".
    keyring: Option<std::sync::Arc<crate::store::keys::Keyring>>,
    /// The current case with its sealed values opened or masked, made when
    /// the case, the data or the key changes (`model_revealed.rs`).
    revealed: Option<revealed::Revealed>,
    /// Counts changes of the data and the key: a revealed copy made at
    /// another stamp is stale.
    stamp: u64,
    /// How many times a case with sealed values was opened: a test sees
    /// that drawing never decrypts.
    pub reveals: usize,
    /// Open and overdue actions, counted when the data changes rather than
    /// in every frame (a whole region's caseload is a lot to count per key).
    counts: (usize, usize),
    /// Overdue rows of Vandaag under its filters.
    pub today_overdue: usize,
    searcher: Searcher,
}

/// Days ahead that count as "due soon" on the today screen.
pub const DUE_SOON_DAYS: i64 = 7;

impl App {
    pub fn new(today: NaiveDate, repo_label: String, color: bool) -> Self {
        App {
            today,
            repo_label,
            loading: true,
            busy: None,
            data: Snapshot::default(),
            haystacks: Vec::new(),
            screen: Screen::Today,
            back_to: Screen::Today,
            today_rows: Vec::new(),
            today_sel: None,
            visible: Vec::new(),
            case_sel: None,
            current: None,
            action_sel: None,
            event_sel: None,
            query: String::new(),
            searching: false,
            filters: Filters::default(),
            history: None,
            reports: super::reports::ReportsView::new(today),
            form: None,
            help: false,
            status: None,
            undo: Vec::new(),
            said: None,
            confirm: None,
            picker: None,
            letter: None,
            open_after: None,
            next_id: crate::store::ids::fresh(),
            quitting: false,
            quit: false,
            color,
            keyring: None,
            revealed: None,
            stamp: 0,
            reveals: 0,
            counts: (0, 0),
            today_overdue: 0,
            searcher: Searcher,
        }
    }

    pub fn set_snapshot(&mut self, snapshot: Snapshot) {
        self.haystacks = snapshot.cases.iter().map(search::haystack).collect();
        self.data = snapshot;
        self.loading = false;
        self.recompute();
        self.data_changed();
    }

    /// Replaces (or inserts, or removes) one case after a change: no reload.
    pub fn replace_case(&mut self, case_id: &str, updated: Option<(Case, CaseCheck)>) {
        let at = self.data.cases.iter().position(|c| c.id == case_id);
        match (at, updated) {
            (Some(i), Some((case, check))) => {
                self.haystacks[i] = search::haystack(&case);
                self.data.cases[i] = case;
                self.data.checks[i] = check;
            }
            (None, Some((case, check))) => {
                self.haystacks.push(search::haystack(&case));
                self.data.cases.push(case);
                self.data.checks.push(check);
            }
            (Some(i), None) => {
                self.haystacks.remove(i);
                self.data.cases.remove(i);
                let _removed = self.data.checks.remove(i);
                if self.current.as_deref() == Some(case_id) {
                    self.current = None;
                    self.screen = Screen::Cases;
                }
            }
            (None, None) => {}
        }
        self.recompute();
        self.data_changed();
    }

    /// Shows a case whatever the filters and search (a new one, just made)
    /// and opens it.
    pub fn show_new_case(&mut self, id: &str) {
        if self.case_index(id).is_none() {
            return;
        }
        if !self.visible.iter().any(|&i| self.data.cases[i].id == id) {
            self.clear_filters();
        }
        self.case_sel = Some(id.to_string());
        self.current = Some(id.to_string());
        self.action_sel = None;
        self.back_to = Screen::Cases;
        self.screen = Screen::Case;
    }

    /// Every filter and the search back to "all" (the sort stays).
    pub fn clear_filters(&mut self) {
        let sort = self.filters.sort;
        self.filters = Filters {
            sort,
            ..Filters::default()
        };
        self.query.clear();
        self.searching = false;
        // Vandaag follows the role and owner filters too.
        self.recompute();
    }

    pub fn case_index(&self, id: &str) -> Option<usize> {
        self.data.cases.iter().position(|c| c.id == id)
    }

    pub fn current_case(&self) -> Option<(&Case, &CaseCheck)> {
        let i = self.case_index(self.current.as_deref()?)?;
        Some((&self.data.cases[i], &self.data.checks[i]))
    }

    pub fn protocol(&self, id: &str) -> Option<&ProtocolInfo> {
        self.data.protocols.iter().find(|p| p.id == id)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: true,
        });
    }
}

/// The key that picks side `i` of a conflict: `L` this machine's value,
/// `R` the remote's, then `S`, `U`, ... for a third, fourth side
/// (`remote-2`, `remote-3`, ...). Digits switch screens, so letters.
pub fn side_key(i: usize) -> Option<char> {
    match super::keymap::SIDE_KEYS.get(i) {
        Some(ratatui::crossterm::event::KeyCode::Char(c)) => Some(*c),
        _ => None,
    }
}
