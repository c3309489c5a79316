//! Signal rules: counts, hour sums and day sums in sliding windows, and
//! unbroken absence periods reaching a length. Each returns the dates on
//! which the rule fired; `active` picks the signals that still hold today.
//! A sliding-window rule holds on every day its window holds the threshold
//! and fires again (a new occurrence) when it starts to hold after a stop.

use super::Signal;
use super::timeline::{Period, Timeline};
use crate::domain::protocol::{KindFilter, ResolvedProtocol, Rule, RuleBody, TermSource};
use crate::domain::units::Span;
use chrono::NaiveDate;
use std::collections::VecDeque;

/// One firing of a signal rule.
#[derive(Debug, Clone)]
pub struct Fired<'r> {
    pub rule: &'r Rule,
    pub signal: Signal,
    /// For consecutive rules: the period that reached the length.
    pub period: Option<Period>,
    /// For sliding-window rules: the last day the window held the
    /// threshold, `None` while it still holds today.
    pub held_until: Option<NaiveDate>,
    /// A sliding-window rule, whose episode (not `active_for`) says whether it holds.
    pub sliding: bool,
}

pub fn evaluate<'r>(tl: &Timeline, protocol: &'r ResolvedProtocol) -> Vec<Fired<'r>> {
    let mut fired: Vec<Fired> = protocol
        .rules
        .iter()
        .filter(|r| r.applies_to(tl.level))
        .flat_map(|rule| fired_by(tl, rule))
        .collect();
    fired.sort_by_key(|f| f.signal.since);
    fired
}

/// The firings of one rule: the episodes of a sliding window, or the
/// dates a count or an unbroken period reached its threshold.
fn fired_by<'r>(tl: &Timeline, rule: &'r Rule) -> Vec<Fired<'r>> {
    if let Some((amounts, threshold, window)) = sliding_amounts(tl, &rule.body) {
        return episodes(tl, &amounts, threshold, window)
            .into_iter()
            .map(|e| Fired {
                rule,
                signal: signal(rule, e.start),
                period: None,
                held_until: e.end,
                sliding: true,
            })
            .collect();
    }
    let dates: Vec<(NaiveDate, Option<Period>)> = match &rule.body {
        RuleBody::Count {
            filter,
            threshold,
            window,
            every,
            reset_by,
        } => count(tl, filter, *threshold, *window, *every, reset_by)
            .into_iter()
            .map(|d| (d, None))
            .collect(),
        RuleBody::Consecutive {
            filter,
            length,
            more_than,
            unless,
        } => consecutive(tl, filter, *length, *more_than, unless)
            .into_iter()
            .map(|(d, period)| (d, Some(period)))
            .collect(),
        _ => Vec::new(),
    };
    dates
        .into_iter()
        .map(|(date, period)| Fired {
            rule,
            signal: signal(rule, date),
            period,
            held_until: None,
            sliding: false,
        })
        .collect()
}

/// Dated amounts a sliding window sums, the threshold, and the window.
type Sliding = (Vec<(NaiveDate, f64)>, f64, Span);

/// What a sliding-window rule sums (dated amounts), its threshold and its
/// window; `None` for a rule that is not one (a count with `every`, a
/// `reset_by` or no window counts occurrences instead).
fn sliding_amounts(tl: &Timeline, body: &RuleBody) -> Option<Sliding> {
    match body {
        RuleBody::Count {
            filter,
            threshold,
            window: Some(w),
            every: false,
            reset_by,
        } if reset_by.is_empty() => {
            let ones = tl.matching(filter).map(|(_, e)| (e.date, 1.0)).collect();
            Some((ones, f64::from(*threshold), *w))
        }
        RuleBody::Hours {
            filter,
            threshold,
            window,
        } => Some((tl.hours(filter), *threshold, *window)),
        RuleBody::Days {
            filter,
            threshold,
            window,
        } => {
            let days = tl
                .absent_days(filter)
                .into_iter()
                .map(|d| (d, 1.0))
                .collect();
            Some((days, f64::from(*threshold), *window))
        }
        _ => None,
    }
}

/// The signal a rule gives from `since`.
fn signal(rule: &Rule, since: NaiveDate) -> Signal {
    Signal {
        rule: rule.id.clone(),
        since,
        message: rule.message.clone(),
        owner: rule.owner,
        local_term: rule.term_source == TermSource::Local,
    }
}

/// Dates on which the n-th matching event within the window occurred. With
/// `every`, counting starts over after each firing (4th, 8th, 12th...);
/// a `reset_by` event starts a new count (a new JGZ trajectory).
fn count(
    tl: &Timeline,
    filter: &KindFilter,
    threshold: u32,
    window: Option<Span>,
    every: bool,
    reset_by: &[String],
) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut counted: VecDeque<NaiveDate> = VecDeque::new();
    for (_, e) in &tl.events {
        if reset_by.iter().any(|r| *r == e.kind) {
            counted.clear();
        }
        if !filter.matches(&e.kind, e.outcome.as_deref()) {
            continue;
        }
        counted.push_back(e.date);
        if let Some(w) = window {
            while counted
                .front()
                .is_some_and(|&first| !tl.cal.within(first, e.date, w))
            {
                counted.pop_front();
            }
        }
        if counted.len() as u32 == threshold {
            out.push(e.date);
            if every {
                counted.clear();
            }
        }
    }
    out
}

/// A stretch of days on which a sliding sum held the threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Episode {
    pub start: NaiveDate,
    /// The last day it held; `None` while it holds today.
    pub end: Option<NaiveDate>,
}

/// The episodes in which the sum over the window ending on a day reaches
/// the threshold, judged on every day up to today (a sum also stops
/// holding when an old amount leaves the window on a day without news).
pub(super) fn episodes(
    tl: &Timeline,
    amounts: &[(NaiveDate, f64)],
    threshold: f64,
    window: Span,
) -> Vec<Episode> {
    // A small tolerance: hours such as 0.1 add up inexactly.
    let threshold = threshold - 1e-9;
    let mut out: Vec<Episode> = Vec::new();
    let Some(&(first, _)) = amounts.first() else {
        return out;
    };
    let mut in_window: VecDeque<(NaiveDate, f64)> = VecDeque::new();
    let mut sum = 0.0;
    let mut next = 0;
    let mut open: Option<NaiveDate> = None;
    let mut day = first;
    while tl.today.reached(day) {
        while next < amounts.len() && amounts[next].0 <= day {
            sum += amounts[next].1;
            in_window.push_back(amounts[next]);
            next += 1;
        }
        while let Some(&(d, a)) = in_window.front() {
            if tl.cal.within(d, day, window) {
                break;
            }
            sum -= a;
            in_window.pop_front();
        }
        match (open, sum >= threshold) {
            (None, true) => open = Some(day),
            (Some(start), false) => {
                out.push(Episode {
                    start,
                    end: day.pred_opt(),
                });
                open = None;
            }
            _ => {}
        }
        // The sum changes only when an amount comes in or the oldest one
        // leaves the window: jump to whichever comes first.
        let arrives = amounts.get(next).map(|&(d, _)| d);
        let leaves = in_window
            .front()
            .map(|&(d, _)| tl.cal.first_day_outside(d, window));
        match (arrives, leaves) {
            (Some(a), Some(l)) => day = a.min(l),
            (Some(d), None) | (None, Some(d)) => day = d,
            (None, None) => break,
        }
    }
    if let Some(start) = open {
        out.push(Episode { start, end: None });
    }
    out
}

/// For each unbroken period that reaches the length, the day it did, unless
/// a period of an `unless` kind (an exemption) covers that day.
fn consecutive(
    tl: &Timeline,
    filter: &KindFilter,
    length: Span,
    more_than: bool,
    unless: &[String],
) -> Vec<(NaiveDate, Period)> {
    let exempt_filter = KindFilter {
        kinds: unless.to_vec(),
        outcomes: vec![],
    };
    let exemptions = if unless.is_empty() {
        Vec::new()
    } else {
        tl.periods(&exempt_filter)
    };
    tl.periods(filter)
        .into_iter()
        .filter_map(|p| {
            let reached = tl.cal.reached(p.start, length, more_than);
            let exempt = exemptions
                .iter()
                .any(|x| x.start <= reached && reached <= x.end);
            (reached <= p.end && !exempt).then_some((reached, p))
        })
        .collect()
}

/// The latest firing of each rule, if it still holds today: a sliding
/// window while it holds the threshold; a count while its window (or
/// `active_for`) still reaches today; a consecutive rule while the period
/// lasts (plus `active_for` after it ends).
pub fn active<'a, 'r>(
    tl: &Timeline,
    protocol: &ResolvedProtocol,
    fired: &'a [Fired<'r>],
) -> Vec<&'a Fired<'r>> {
    let mut out = Vec::new();
    for rule in &protocol.rules {
        let Some(last) = fired.iter().rev().find(|f| f.rule.id == rule.id) else {
            continue;
        };
        let holds = match (&rule.body, last.period) {
            _ if last.sliding => last.held_until.is_none(),
            (RuleBody::Consecutive { .. }, Some(p)) => {
                tl.today.not_after(p.end)
                    || rule
                        .active_for
                        .is_some_and(|a| tl.today.within(tl.cal, p.end, a))
            }
            (RuleBody::Count { window, .. }, _) => match rule.active_for.or(*window) {
                Some(w) => tl.today.within(tl.cal, last.signal.since, w),
                None => true,
            },
            _ => false,
        };
        if holds {
            out.push(last);
        }
    }
    out
}
