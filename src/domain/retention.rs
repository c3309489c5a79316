//! Retention as data (`retention.toml`): when a case, and some of its
//! events, must be destroyed. A case's date is the latest of the case rules
//! that apply to it (and of the jgz rule when the jgz part is declared a
//! GGD dossier); an event rule (the Wpg) gives its events an earlier date.
//! Pure: the rules and `today` are parameters; errors are typed.

use crate::domain::case::Case;
use crate::domain::event::Event;
use crate::domain::textpos::{self, FileError};
use chrono::{Days, Months, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeSet;
use toml::Spanned;

/// The repository file with the rules.
pub const FILE: &str = "retention.toml";

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionRules {
    pub source: String,
    #[serde(default, rename = "case")]
    pub cases: Vec<CaseRule>,
    #[serde(default, rename = "event")]
    pub events: Vec<EventRule>,
    pub jgz: Option<JgzRule>,
}

/// A term with its unit written out: `{ amount = 19, unit = "years" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub amount: u32,
    pub unit: TermUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TermUnit {
    Years,
    Months,
    Days,
}

impl Term {
    /// `date` plus this term; `None` past the calendar's end. A year after
    /// 29 February is 28 February.
    pub fn after(self, date: NaiveDate) -> Option<NaiveDate> {
        match self.unit {
            TermUnit::Years => date.checked_add_months(Months::new(self.amount.checked_mul(12)?)),
            TermUnit::Months => date.checked_add_months(Months::new(self.amount)),
            TermUnit::Days => date.checked_add_days(Days::new(self.amount.into())),
        }
    }
}

/// Where a case rule's term starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseAnchor {
    /// The pupil's birth date.
    Birth,
    /// The end of an obligation: the earlier of the birthday at
    /// `end_at_age` and the first of `end_events`.
    End,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRule {
    pub id: Spanned<String>,
    pub from: CaseAnchor,
    pub after: Term,
    /// For `from = "end"`: the age at which the obligation ends.
    pub end_at_age: Option<Term>,
    /// For `from = "end"`: event kinds that end the obligation earlier.
    #[serde(default)]
    pub end_events: Vec<String>,
    /// The rule applies only to a case with an event on or after the
    /// birthday at this age (or one of `end_events`).
    pub applies_from_age: Option<Term>,
    pub source: String,
}

/// Where an event rule's term starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventAnchor {
    /// Each event's own date (when it was first processed).
    Event,
    /// The first event of the rule's kinds in the case: they go together.
    First,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventRule {
    pub id: Spanned<String>,
    pub kinds: Spanned<Vec<String>>,
    pub from: EventAnchor,
    pub after: Term,
    pub source: String,
}

/// BW 7:454 lid 3: only when the GGD declares the jgz part its dossier.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JgzRule {
    pub id: Spanned<String>,
    pub ggd_dossier: bool,
    pub kinds: Vec<String>,
    /// Counted from the last change: the latest jgz event.
    pub after: Term,
    pub source: String,
}

/// A destruction date and the rule that gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub date: NaiveDate,
    pub rule: String,
}

/// The dates of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRetention {
    pub case: Due,
    /// Events an event rule gives an earlier date than the case's.
    pub events: Vec<(String, Due)>,
}

/// Why no date could be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RetentionError {
    /// No case rule applies to the case (the file lacks a general rule).
    NoRule { case: String },
    /// A term runs past the end of the calendar.
    OutOfRange { case: String, rule: String },
}

impl std::fmt::Display for RetentionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RetentionError::NoRule { case } => write!(f, "no retention rule applies to {case}"),
            RetentionError::OutOfRange { case, rule } => {
                write!(f, "rule {rule} gives case {case} no valid date")
            }
        }
    }
}

impl RetentionRules {
    /// Parses and checks the file; errors name `file:line:column`.
    pub fn parse(file: &str, text: &str) -> Result<Self, FileError> {
        let rules: RetentionRules =
            toml::from_str(text).map_err(|e| textpos::from_toml(file, text, &e))?;
        let at = |s: &Spanned<String>, msg: &str| textpos::at(file, text, Some(s.span()), msg);
        let mut seen = BTreeSet::new();
        let ids = rules
            .cases
            .iter()
            .map(|r| &r.id)
            .chain(rules.events.iter().map(|r| &r.id))
            .chain(rules.jgz.iter().map(|r| &r.id));
        for id in ids {
            let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.';
            if id.get_ref().is_empty() || !id.get_ref().chars().all(ok) {
                return Err(at(id, "a rule id may only use a-z, 0-9, - and ."));
            }
            if !seen.insert(id.get_ref().clone()) {
                return Err(at(id, "this rule id is used twice"));
            }
        }
        for r in &rules.cases {
            if r.from == CaseAnchor::End && r.end_at_age.is_none() && r.end_events.is_empty() {
                return Err(at(
                    &r.id,
                    "`from = \"end\"` needs `end_at_age` or `end_events`",
                ));
            }
        }
        for r in &rules.events {
            if r.kinds.get_ref().is_empty() {
                let span = r.kinds.span();
                return Err(textpos::at(
                    file,
                    text,
                    Some(span),
                    "an event rule needs kinds",
                ));
            }
        }
        if !rules.cases.iter().any(|r| r.applies_from_age.is_none()) {
            return Err(textpos::at(
                file,
                text,
                None,
                "no case rule that applies to every case (one without `applies_from_age`)",
            ));
        }
        Ok(rules)
    }

    /// The destruction dates of `case`.
    pub fn compute(&self, case: &Case) -> Result<CaseRetention, RetentionError> {
        let out_of_range = |rule: &str| RetentionError::OutOfRange {
            case: case.id.to_string(),
            rule: rule.to_string(),
        };
        let mut best: Option<Due> = None;
        for rule in self.cases.iter().filter(|r| applies(r, case)) {
            let id = rule.id.get_ref();
            let date = case_anchor(rule, case)
                .and_then(|a| rule.after.after(a))
                .ok_or_else(|| out_of_range(id))?;
            later(&mut best, date, id);
        }
        if let Some(jgz) = self.jgz.as_ref().filter(|j| j.ggd_dossier) {
            let last = case
                .events
                .values()
                .filter(|e| jgz.kinds.iter().any(|k| k == e.kind.as_str()))
                .map(|e| e.date)
                .max();
            if let Some(last) = last {
                let id = jgz.id.get_ref();
                let date = jgz.after.after(last).ok_or_else(|| out_of_range(id))?;
                later(&mut best, date, id);
            }
        }
        let case_due = best.ok_or_else(|| RetentionError::NoRule {
            case: case.id.to_string(),
        })?;
        let events = self.event_dates(case, &case_due)?;
        Ok(CaseRetention {
            case: case_due,
            events,
        })
    }

    /// Events whose own rule ends before the case does.
    fn event_dates(
        &self,
        case: &Case,
        case_due: &Due,
    ) -> Result<Vec<(String, Due)>, RetentionError> {
        let mut out = Vec::new();
        for rule in &self.events {
            let kinds = rule.kinds.get_ref();
            let id = rule.id.get_ref();
            let of_kind = |e: &Event| kinds.iter().any(|k| k == e.kind.as_str());
            let first = case
                .events
                .values()
                .filter(|e| of_kind(e))
                .map(|e| e.date)
                .min();
            for (eid, e) in case.events.iter().filter(|(_, e)| of_kind(e)) {
                let anchor = match rule.from {
                    EventAnchor::Event => e.date,
                    EventAnchor::First => first.unwrap_or(e.date),
                };
                let date = rule.after.after(anchor).ok_or(RetentionError::OutOfRange {
                    case: case.id.to_string(),
                    rule: id.clone(),
                })?;
                if date < case_due.date && !out.iter().any(|(x, _): &(String, Due)| x == eid) {
                    out.push((
                        eid.to_string(),
                        Due {
                            date,
                            rule: id.clone(),
                        },
                    ));
                }
            }
        }
        out.sort_by(|a, b| a.1.date.cmp(&b.1.date).then_with(|| a.0.cmp(&b.0)));
        Ok(out)
    }

    /// The source quoted for a rule id.
    pub fn source_of(&self, rule: &str) -> Option<&str> {
        let case = self.cases.iter().find(|r| r.id.get_ref() == rule);
        let event = self.events.iter().find(|r| r.id.get_ref() == rule);
        let jgz = self.jgz.iter().find(|r| r.id.get_ref() == rule);
        case.map(|r| r.source.as_str())
            .or(event.map(|r| r.source.as_str()))
            .or(jgz.map(|r| r.source.as_str()))
    }
}

fn later(best: &mut Option<Due>, date: NaiveDate, rule: &str) {
    if best.as_ref().is_none_or(|b| date > b.date) {
        *best = Some(Due {
            date,
            rule: rule.to_string(),
        });
    }
}

fn first_end_event(rule: &CaseRule, case: &Case) -> Option<NaiveDate> {
    case.events
        .values()
        .filter(|e| rule.end_events.iter().any(|k| k == e.kind.as_str()) && e.withdrawn.is_none())
        .map(|e| e.date)
        .min()
}

fn case_anchor(rule: &CaseRule, case: &Case) -> Option<NaiveDate> {
    match rule.from {
        CaseAnchor::Birth => Some(case.birth),
        CaseAnchor::End => {
            let by_age = match rule.end_at_age {
                Some(age) => Some(age.after(case.birth)?),
                None => None,
            };
            match (by_age, first_end_event(rule, case)) {
                (Some(a), Some(e)) => Some(a.min(e)),
                (a, e) => a.or(e),
            }
        }
    }
}

fn applies(rule: &CaseRule, case: &Case) -> bool {
    let Some(age) = rule.applies_from_age else {
        return true;
    };
    let Some(from) = age.after(case.birth) else {
        return false;
    };
    first_end_event(rule, case).is_some() || case.events.values().any(|e| e.date >= from)
}

/// One line of a destruction list: a whole case, or one event of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueItem {
    pub case: String,
    pub event: Option<String>,
    pub due: Due,
}

/// Everything due on or before `until`, cases first by date then id.
/// An event is listed only when its case is not.
pub fn due_list(
    rules: &RetentionRules,
    cases: &[&Case],
    until: NaiveDate,
) -> (Vec<DueItem>, Vec<RetentionError>) {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for case in cases {
        match rules.compute(case) {
            Ok(r) if r.case.date <= until => items.push(DueItem {
                case: case.id.to_string(),
                event: None,
                due: r.case,
            }),
            Ok(r) => items.extend(r.events.into_iter().filter(|(_, d)| d.date <= until).map(
                |(eid, due)| DueItem {
                    case: case.id.to_string(),
                    event: Some(eid),
                    due,
                },
            )),
            Err(e) => errors.push(e),
        }
    }
    items.sort_by(|a, b| {
        (a.event.is_some(), a.due.date, &a.case, &a.event).cmp(&(
            b.event.is_some(),
            b.due.date,
            &b.case,
            &b.event,
        ))
    });
    (items, errors)
}

#[cfg(test)]
#[path = "retention_tests.rs"]
mod tests;
