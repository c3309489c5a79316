//! The filter picker: a filter key opens the list of that filter's values
//! ("alle" first); ↑↓ step back and forth, Enter chooses, Esc keeps the
//! filter as it was.

use super::model::{App, StatusFilter};
use crate::domain::protocol::Role;
use crate::i18n::t;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    Status,
    Protocol,
    School,
    Owner,
    Role,
    Signal,
}

impl FilterKind {
    pub fn from_key(c: char) -> Option<FilterKind> {
        Some(match c {
            'o' => FilterKind::Status,
            'p' => FilterKind::Protocol,
            'S' => FilterKind::School,
            'w' => FilterKind::Owner,
            'r' => FilterKind::Role,
            'g' => FilterKind::Signal,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            FilterKind::Status => t("status", "status"),
            FilterKind::Protocol => t("protocol", "protocol"),
            FilterKind::School => t("school", "school"),
            FilterKind::Owner => t("eigenaar", "owner"),
            FilterKind::Role => t("rol", "role"),
            FilterKind::Signal => t("signaal", "signal"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    pub filter: FilterKind,
    /// (value, label); the value "" is "all".
    pub choices: Vec<(String, String)>,
    pub selected: usize,
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

impl Picker {
    /// The picker for `filter`, on the filter's current value.
    pub fn open(app: &App, filter: FilterKind) -> Picker {
        let all = || (String::new(), t("alle", "all").to_string());
        let plain = |v: Vec<String>| {
            std::iter::once(all())
                .chain(v.into_iter().map(|x| (x.clone(), x)))
                .collect::<Vec<_>>()
        };
        let data = &app.data;
        let f = &app.filters;
        let (choices, current) = match filter {
            FilterKind::Status => (
                vec![
                    ("open".into(), t("open", "open").into()),
                    ("closed".into(), t("gesloten", "closed").into()),
                    ("all".into(), t("alle", "all").into()),
                ],
                match f.status {
                    StatusFilter::Open => "open",
                    StatusFilter::Closed => "closed",
                    StatusFilter::All => "all",
                }
                .to_string(),
            ),
            FilterKind::Protocol => (
                plain(sorted(
                    data.protocols.iter().map(|p| p.id.clone()).collect(),
                )),
                f.protocol.clone().unwrap_or_default(),
            ),
            FilterKind::School => (
                plain(sorted(
                    data.cases.iter().map(|c| c.school.clone()).collect(),
                )),
                f.school.clone().unwrap_or_default(),
            ),
            FilterKind::Owner => (
                plain(sorted(
                    data.cases.iter().filter_map(|c| c.owner.clone()).collect(),
                )),
                f.owner.clone().unwrap_or_default(),
            ),
            FilterKind::Role => (
                plain(Role::ALL.iter().map(|r| r.as_str().to_string()).collect()),
                f.role.map(|r| r.as_str().to_string()).unwrap_or_default(),
            ),
            FilterKind::Signal => (
                plain(sorted(
                    data.checks
                        .iter()
                        .filter_map(|c| c.as_ref().ok())
                        .flat_map(|e| e.signals.iter().map(|s| s.rule.clone()))
                        .collect(),
                )),
                f.signal.clone().unwrap_or_default(),
            ),
        };
        let selected = choices.iter().position(|(v, _)| *v == current).unwrap_or(0);
        Picker {
            filter,
            choices,
            selected,
        }
    }
}

/// Sets `filter` to `value` ("" is all).
fn apply(app: &mut App, filter: FilterKind, value: &str) {
    let some = || Some(value.to_string()).filter(|v| !v.is_empty());
    let f = &mut app.filters;
    match filter {
        FilterKind::Status => {
            f.status = match value {
                "closed" => StatusFilter::Closed,
                "all" => StatusFilter::All,
                _ => StatusFilter::Open,
            }
        }
        FilterKind::Protocol => f.protocol = some(),
        FilterKind::School => f.school = some(),
        FilterKind::Owner => f.owner = some(),
        FilterKind::Role => f.role = Role::parse(value),
        FilterKind::Signal => f.signal = some(),
    }
    // The role and owner filters also choose Vandaag's rows.
    app.recompute();
}

/// A key while the picker is open.
pub fn key(app: &mut App, key: KeyEvent) {
    let Some(p) = app.picker.as_mut() else {
        return;
    };
    let last = p.choices.len().saturating_sub(1);
    match key.code {
        KeyCode::Up | KeyCode::Char('k') | KeyCode::Left => {
            p.selected = p.selected.saturating_sub(1)
        }
        KeyCode::Down | KeyCode::Char('j') | KeyCode::Right => {
            p.selected = (p.selected + 1).min(last)
        }
        KeyCode::Home => p.selected = 0,
        KeyCode::End => p.selected = last,
        KeyCode::Enter => {
            let filter = p.filter;
            let value = p
                .choices
                .get(p.selected)
                .map(|c| c.0.clone())
                .unwrap_or_default();
            app.picker = None;
            apply(app, filter, &value);
        }
        KeyCode::Esc | KeyCode::Char('q') => app.picker = None,
        _ => {}
    }
}
