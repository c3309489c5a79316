//! The rows of `overdue` as its memo keeps them (`store/memo.rs`): what a
//! line of the list and its JSON object show of an overdue action, without
//! the day. The days overdue grow by one each day while the rest stays the
//! same, so they are filled in when the list is printed: a row kept on one
//! day prints, on any day of its span, what a fresh evaluation prints.

use super::json::Date;
use super::json::check::{Overdue, overdue_object};
use super::show::{DueFields, due_line};
use crate::domain::caseload::DueItem;
use crate::domain::protocol::Role;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One overdue action, without its days overdue. Fields in the list's sort
/// order first: due date, case id, action id.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
pub struct OverdueRow {
    #[serde(with = "crate::store::memo::day_number")]
    pub due: NaiveDate,
    pub case: String,
    pub action: String,
    pub name: String,
    pub role: Role,
    /// As the protocol has it (the JSON object's `title`).
    pub title: String,
    /// As the list words it (`i18n::work::action_title`: escalation,
    /// pause, missing consent), in the run's language; None when that is
    /// `title` as it is (most rows: the memo stays smaller).
    pub worded: Option<String>,
}

impl OverdueRow {
    pub fn of(i: &DueItem) -> OverdueRow {
        let worded = crate::i18n::work::action_title(i.action);
        OverdueRow {
            due: i.action.due,
            case: i.case.id.to_string(),
            action: i.action.id.to_string(),
            name: i.case.name.clone(),
            role: i.action.role,
            worded: (worded != i.action.title).then_some(worded),
            title: i.action.title.clone(),
        }
    }

    /// Calendar days past the due date on `today`: `Action::days_overdue`
    /// of an action that is overdue (every row is).
    fn days_overdue(&self, today: NaiveDate) -> i64 {
        (today - self.due).num_days().max(0)
    }

    /// Its line of the text list on `today` (`show::due_item_line`).
    pub fn line(&self, today: NaiveDate) -> String {
        let fields = DueFields {
            due: self.due,
            case: &self.case,
            name: &self.name,
            role: self.role,
            title: self.worded.as_deref().unwrap_or(&self.title),
        };
        due_line(&fields, self.days_overdue(today))
    }

    /// Its JSON object on `today` (`json::check::overdue_item`).
    pub fn json(&self, today: NaiveDate) -> String {
        overdue_object(&Overdue {
            action: &self.action,
            case: &self.case,
            days_overdue: self.days_overdue(today),
            due: Date(self.due),
            role: self.role.as_str(),
            title: &self.title,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::json::check::overdue_item;
    use crate::cli::show::due_item_line;
    use crate::domain::case::Case;
    use crate::domain::caseload::{self, Caseload};
    use crate::store::{case_file, embedded};

    fn start() -> NaiveDate {
        crate::domain::dates::parse(crate::cli::demo::SAMPLE_TODAY).unwrap()
    }

    fn caseload() -> Caseload {
        let mut cases: Vec<Case> = embedded::SAMPLE_CASES
            .iter()
            .map(|(name, text)| {
                case_file::parse(name, name.trim_end_matches(".toml"), text).unwrap()
            })
            .collect();
        cases.extend(crate::synth::cases(40, 7, start()));
        embedded::caseload(cases)
    }

    /// The text lines and JSON objects of one case's overdue actions on `day`,
    /// from that day's evaluation.
    fn printed(cl: &Caseload, case: &Case, day: NaiveDate) -> Vec<(String, String)> {
        let check = [cl.evaluate(case, day)];
        caseload::overdue(std::slice::from_ref(case), &check, day)
            .iter()
            .map(|i| (due_item_line(i), overdue_item(i)))
            .collect()
    }

    /// Rows kept on one day print, on every day of their span (looked at
    /// up to 40 days either side), what that day's own evaluation prints.
    #[test]
    fn a_kept_row_prints_what_the_days_evaluation_prints() {
        let cl = caseload();
        let mut rows_seen = 0;
        for case in cl.cases.iter().filter(|c| c.is_open()) {
            for offset in (0..60).step_by(3) {
                let kept_on = start() + chrono::Days::new(offset);
                let (check, span) = cl.evaluate_spanned(case, kept_on);
                assert!(span.contains(kept_on));
                let check = [check];
                let items = caseload::overdue(std::slice::from_ref(case), &check, kept_on);
                let rows: Vec<OverdueRow> = items.iter().map(OverdueRow::of).collect();
                rows_seen += rows.len();
                let window = (-40..=40)
                    .map(|d| kept_on + chrono::TimeDelta::days(d))
                    .filter(|d| span.contains(*d));
                for day in window {
                    let from_rows: Vec<(String, String)> =
                        rows.iter().map(|r| (r.line(day), r.json(day))).collect();
                    assert_eq!(from_rows, printed(&cl, case, day), "{} on {day}", case.id);
                }
            }
        }
        assert!(rows_seen > 20, "{rows_seen}");
    }

    #[test]
    fn a_row_survives_the_memo_format() {
        let cl = caseload();
        let day = start() + chrono::Days::new(30);
        let checks = cl.evaluate_all(day);
        let items = caseload::overdue(&cl.cases, &checks, day);
        let rows: Vec<OverdueRow> = items.iter().map(OverdueRow::of).collect();
        // Both kinds: worded as the protocol has it, and worded otherwise.
        assert!(rows.iter().any(|r| r.worded.is_none()));
        assert!(rows.iter().any(|r| r.worded.is_some()));
        let bytes = rmp_serde::to_vec(&rows).unwrap();
        let back: Vec<OverdueRow> = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(back, rows);
    }
}
