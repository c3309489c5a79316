//! Deadline rules: every event or signal that triggers a rule opens an
//! action due a span later, done by a later event of a satisfying kind or
//! by an explicit `afgerond` event naming the action.

use super::Action;
use super::deadlines;
use super::signals::Fired;
use super::timeline::Timeline;
use crate::domain::consent;
use crate::domain::event::DONE_KIND;
use crate::domain::protocol::resolve::Deadline;
use crate::domain::protocol::{ResolvedProtocol, Rule, RuleBody, TermSource, Trigger};
use chrono::NaiveDate;

/// How many times a repeating action may recur (a guard, not a protocol number).
const MAX_REPEATS: usize = 200;

struct Start {
    key: String,
    date: NaiveDate,
    /// The triggering event, which cannot satisfy its own action.
    event_id: Option<String>,
}

pub fn evaluate(
    tl: &Timeline,
    protocol: &ResolvedProtocol,
    fired: &[Fired],
    active: &[&Fired],
) -> Vec<Action> {
    let mut out = Vec::new();
    for rule in protocol.rules.iter().filter(|r| r.applies_to(tl.level)) {
        let RuleBody::Deadline(d) = &rule.body else {
            continue;
        };
        let still_holds = match &d.trigger {
            Trigger::Signal(ids) => active.iter().any(|f| ids.contains(&f.rule.id)),
            Trigger::Event(_) => false,
        };
        let by_signal = matches!(d.trigger, Trigger::Signal(_));
        // A signal that fires while this rule's last action is still
        // open asks for the same thing: no second action for it.
        let mut busy_until: Option<NaiveDate> = None;
        for start in starts(tl, d, fired) {
            if by_signal && busy_until.is_some_and(|b| start.date <= b) {
                continue;
            }
            let first = out.len();
            chain(tl, rule, d, start, d.repeat && still_holds, &mut out);
            if let Some(last) = out[first..].last() {
                busy_until = Some(last.done_on.unwrap_or(NaiveDate::MAX));
            }
        }
    }
    out.extend(deadlines::hand_actions(tl));
    let escalations: Vec<Action> = out
        .iter()
        .filter_map(|a| {
            let own = protocol
                .rules
                .iter()
                .find(|r| r.id == a.rule)
                .and_then(|r| r.escalate);
            deadlines::escalation(tl, a, own.or(protocol.escalate)?)
        })
        .collect();
    out.extend(escalations);
    out.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(a.due.cmp(&b.due))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// What starts this rule's actions, oldest first.
fn starts(tl: &Timeline, d: &Deadline, fired: &[Fired]) -> Vec<Start> {
    match &d.trigger {
        Trigger::Event(filter) => tl
            .matching(filter)
            .filter(|(_, e)| !d.after_with_until || e.until.is_some())
            .filter(|(_, e)| match d.when_lasting {
                // Only once the absence has lasted long enough (and it did).
                Some(span) => {
                    let p = tl.period_of(e);
                    tl.cal.reached(p.start, span, false) <= p.end
                }
                None => true,
            })
            .map(|(id, e)| Start {
                key: short(id),
                date: e.date,
                event_id: Some(id.to_string()),
            })
            .collect(),
        Trigger::Signal(ids) => {
            // Signals firing on the same day open one action, not one each.
            let mut days: Vec<NaiveDate> = fired
                .iter()
                .filter(|f| ids.contains(&f.rule.id))
                .map(|f| f.signal.since)
                .collect();
            days.sort_unstable();
            days.dedup();
            days.into_iter()
                .map(|date| Start {
                    key: date.format("%Y%m%d").to_string(),
                    date,
                    event_id: None,
                })
                .collect()
        }
    }
}

fn short(event_id: &str) -> String {
    event_id.chars().take(8).collect()
}

/// One action, and for a repeating rule the ones that follow each time it is done.
fn chain(
    tl: &Timeline,
    rule: &Rule,
    d: &Deadline,
    start: Start,
    repeat: bool,
    out: &mut Vec<Action>,
) {
    let mut start = start;
    for _ in 0..MAX_REPEATS {
        let id = format!("{}-{}", rule.id, start.key);
        if let Some(nb) = d.not_before
            && tl.today.before(tl.cal.add(start.date, nb))
        {
            return;
        }
        let done = done_by(tl, d, &id, &start);
        let done_on = done.as_ref().map(|(date, _)| *date);
        let base = tl.cal.add(start.date, d.due);
        let (due, shifts) = deadlines::adjust(tl, &id, start.date, base, done_on);
        let consent = rule.needs_consent.as_deref().map(|scope| {
            let events = tl.events.iter().map(|(_, e)| *e);
            // Checked on the day it was done, else today (age and consent
            // on record then change with the day).
            let on = done_on.unwrap_or_else(|| tl.today.exact());
            consent::check(events, tl.birth, scope, on)
        });
        out.push(Action {
            status: deadlines::status(due, done.is_some(), &tl.today),
            id: id.into(),
            rule: rule.id.clone(),
            title: rule.message.clone(),
            role: rule.owner,
            triggered: start.date,
            due,
            done_on,
            local_term: rule.term_source == TermSource::Local,
            shifts,
            escalation_of: None,
            consent,
        });
        match done {
            Some((date, event_id)) if repeat => {
                start = Start {
                    key: short(&event_id),
                    date,
                    event_id: Some(event_id),
                };
            }
            _ => return,
        }
    }
}

/// The first event on or after the start that satisfies the action.
fn done_by(
    tl: &Timeline,
    d: &Deadline,
    action_id: &str,
    start: &Start,
) -> Option<(NaiveDate, String)> {
    tl.events
        .iter()
        .filter(|(id, e)| e.date >= start.date && start.event_id.as_deref() != Some(*id))
        .find(|(_, e)| {
            d.satisfied_by.matches(&e.kind, e.outcome.as_deref())
                || (e.kind == DONE_KIND && e.action.as_deref() == Some(action_id))
        })
        .map(|(id, e)| (e.date, id.to_string()))
}
