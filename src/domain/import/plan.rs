//! From records to a plan: each record finds its case (or is unmatched or
//! ambiguous), records aggregate into events whose ids come from a stable
//! key, and each event is new, already present, or changed since an earlier
//! import. Applying the plan is the store's; saying it is the front end's.

use super::mapping::{Aggregate, Mapping, MatchBy};
use super::records::{Pupil, Record, Records, fold_name};
use super::{ErrorKind, RowError, stable_id};
use crate::domain::case::Case;
use crate::domain::caseload::Caseload;
use crate::domain::engine::{Action, ActionStatus, Signal};
use crate::domain::event::{self, Event};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq)]
pub enum ItemStatus {
    New,
    Present,
    /// The event an earlier import wrote, before this one.
    Changed(Box<Event>),
}

/// One event the import would write (or finds already written).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub event: Event,
    /// The rows it comes from.
    pub rows: Vec<usize>,
    pub status: ItemStatus,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CasePlan {
    /// Index into the cases the plan was made from.
    pub case: usize,
    pub items: Vec<Item>,
}

#[derive(Debug, Default)]
pub struct Plan {
    pub cases: Vec<CasePlan>,
    pub unmatched: Vec<(usize, Pupil)>,
    /// Rows that fit more than one case, with how many.
    pub ambiguous: Vec<(usize, Pupil, usize)>,
    pub skipped: usize,
}

impl Plan {
    /// Counts of new, present and changed events.
    pub fn counts(&self) -> (usize, usize, usize) {
        let all = self.cases.iter().flat_map(|c| &c.items);
        let mut n = (0, 0, 0);
        for i in all {
            match i.status {
                ItemStatus::New => n.0 += 1,
                ItemStatus::Present => n.1 += 1,
                ItemStatus::Changed(_) => n.2 += 1,
            }
        }
        n
    }
}

/// The case with the plan's new and changed events in it.
pub fn apply_to(case: &Case, plan: &CasePlan) -> Case {
    let mut after = case.clone();
    for i in plan
        .items
        .iter()
        .filter(|i| i.status != ItemStatus::Present)
    {
        after.events.insert(i.id.as_str().into(), i.event.clone());
    }
    after
}

/// What the import starts: signals that hold after but not before, and
/// actions open after that were not open before.
pub fn effects(
    cl: &Caseload,
    before: &Case,
    after: &Case,
    today: NaiveDate,
) -> (Vec<Signal>, Vec<Action>) {
    let (Ok(b), Ok(a)) = (cl.evaluate(before, today), cl.evaluate(after, today)) else {
        return (Vec::new(), Vec::new());
    };
    let signals = a
        .signals
        .into_iter()
        .filter(|s| !b.signals.iter().any(|o| o.rule == s.rule))
        .collect();
    let was_open = |id: &str| {
        b.actions
            .iter()
            .any(|o| o.id == id && o.status != ActionStatus::Done)
    };
    let actions = a
        .actions
        .into_iter()
        .filter(|x| x.status != ActionStatus::Done && !was_open(&x.id))
        .collect();
    (signals, actions)
}

/// Makes the plan. `school_day` says whether a date is a school day for a
/// case (consecutive sick days skip weekends and holidays).
pub fn plan(
    mapping: &Mapping,
    records: Records,
    cases: &[Case],
    school_day: &dyn Fn(&Case, NaiveDate) -> bool,
) -> Result<Plan, RowError> {
    let mut index: HashMap<Pupil, Vec<usize>> = HashMap::new();
    for (i, c) in cases.iter().enumerate().filter(|(_, c)| c.is_open()) {
        let key = match mapping.match_by {
            MatchBy::PupilNumber => match &c.leerlingnummer {
                Some(n) => Pupil::Number(n.trim().to_string()),
                None => continue,
            },
            MatchBy::NameBirth => Pupil::NameBirth(fold_name(&c.name), c.birth),
        };
        index.entry(key).or_default().push(i);
    }
    let mut plan = Plan {
        skipped: records.skipped,
        ..Plan::default()
    };
    let mut per_case: BTreeMap<usize, Vec<Record>> = BTreeMap::new();
    for r in records.records {
        let mut found: Vec<usize> = index.get(&r.pupil).cloned().unwrap_or_default();
        if found.len() > 1
            && let Some(s) = &r.school
        {
            found.retain(|&i| fold_name(&cases[i].school) == fold_name(s));
        }
        match found.as_slice() {
            [] => plan.unmatched.push((r.row, r.pupil)),
            [one] => per_case.entry(*one).or_default().push(r),
            many => plan.ambiguous.push((r.row, r.pupil.clone(), many.len())),
        }
    }
    for (i, recs) in per_case {
        let case = &cases[i];
        let items = case_items(mapping, case, &recs, &|d| school_day(case, d))?;
        plan.cases.push(CasePlan { case: i, items });
    }
    Ok(plan)
}

/// A group of records that becomes one event: (school, kind, date, lesson).
type GroupKey = (String, String, NaiveDate, String);

fn case_items(
    m: &Mapping,
    case: &Case,
    recs: &[Record],
    school_day: &dyn Fn(NaiveDate) -> bool,
) -> Result<Vec<Item>, RowError> {
    let school_of = |r: &Record| fold_name(r.school.as_deref().unwrap_or(&case.school));
    let mut groups: BTreeMap<GroupKey, Vec<&Record>> = BTreeMap::new();
    let mut runs: BTreeMap<(String, String), Vec<&Record>> = BTreeMap::new();
    for r in recs {
        let school = school_of(r);
        let lesson = || {
            r.meldingsnummer
                .clone()
                .or_else(|| r.lesson.clone())
                .unwrap_or_default()
        };
        match m.aggregate_of(&r.kind) {
            Aggregate::Runs => runs.entry((school, r.kind.clone())).or_default().push(r),
            Aggregate::HoursPerDay | Aggregate::PerDay => groups
                .entry((school, r.kind.clone(), r.date, String::new()))
                .or_default()
                .push(r),
            Aggregate::PerRow => groups
                .entry((school, r.kind.clone(), r.date, lesson()))
                .or_default()
                .push(r),
        }
    }
    let pupil = recs.first().map(|r| r.pupil.key()).unwrap_or_default();
    let mut items = Vec::new();
    for ((school, kind, date, lesson), rows) in groups {
        let id = stable_id(&[
            m.def.key.get_ref(),
            &school,
            &pupil,
            &date.to_string(),
            &lesson,
            &kind,
        ]);
        let event = group_event(m, &kind, date, &rows);
        items.push(item(case, id, event, rows.iter().map(|r| r.row).collect()));
    }
    for ((school, kind), rows) in runs {
        let key = |d: NaiveDate| {
            stable_id(&[
                m.def.key.get_ref(),
                &school,
                &pupil,
                &d.to_string(),
                "",
                &kind,
            ])
        };
        for (id, event, rows) in runs_of(case, &kind, &rows, &key, school_day) {
            items.push(item(case, id, event, rows));
        }
    }
    check_items(&items)?;
    items.sort_by(|a, b| {
        a.event
            .date
            .cmp(&b.event.date)
            .then_with(|| a.id.cmp(&b.id))
    });
    Ok(items)
}

/// Every event passes the vocabulary's checks, or the first row of the
/// first that does not is the error.
fn check_items(items: &[Item]) -> Result<(), RowError> {
    let vocabulary = event::base_vocabulary();
    for it in items {
        let spec = vocabulary.iter().find(|k| k.id == it.event.kind);
        if let Some(Err(error)) = spec.map(|s| event::validate(&it.event, s)) {
            let row = it.rows.first().copied().unwrap_or(0);
            return Err(RowError {
                file: String::new(),
                row,
                column: 1,
                kind: ErrorKind::Invalid(error),
            });
        }
    }
    Ok(())
}

fn group_event(m: &Mapping, kind: &str, date: NaiveDate, rows: &[&Record]) -> Event {
    let mut e = Event::new(kind, date);
    let last = rows.last();
    if m.aggregate_of(kind) == Aggregate::HoursPerDay {
        // One lesson counts once, however often it is listed.
        let mut lessons: BTreeMap<String, f64> = BTreeMap::new();
        for (n, r) in rows.iter().enumerate() {
            let lesson = r.lesson.clone().unwrap_or_else(|| format!("#{n}"));
            lessons.insert(lesson, r.hours.unwrap_or(1.0));
        }
        e.hours = Some(lessons.values().sum::<f64>().min(24.0));
        return e;
    }
    if let Some(r) = last {
        e.until = r.until;
        e.hours = r.hours;
        e.soort = r.soort.clone();
        e.meldingsnummer = r.meldingsnummer.clone();
        e.status = r.status.clone();
    }
    e
}

fn item(case: &Case, id: String, mut event: Event, rows: Vec<usize>) -> Item {
    let status = match case.events.get(id.as_str()) {
        None => ItemStatus::New,
        Some(old) => {
            // A note a person added to an imported event stays.
            event.note = old.note.clone();
            if *old == event {
                ItemStatus::Present
            } else {
                ItemStatus::Changed(Box::new(old.clone()))
            }
        }
    };
    Item {
        id,
        event,
        rows,
        status,
    }
}

/// Whether `day` comes right after `end`: later, with no school day between
/// (a weekend or holiday does not break a run; at most six weeks apart).
fn adjacent(end: NaiveDate, day: NaiveDate, school_day: &dyn Fn(NaiveDate) -> bool) -> bool {
    day > end
        && (day - end).num_days() <= 42
        && end
            .iter_days()
            .skip(1)
            .take_while(|d| *d < day)
            .all(|d| !school_day(d))
}

type Run = (String, Event, Vec<usize>);

/// Consecutive school days -> one event with `until`. An event an earlier
/// import made (its id is the key of its first day) is an anchor: days in it
/// are present, days right after it extend it; its first day never moves, so
/// its id stays its key.
fn runs_of(
    case: &Case,
    kind: &str,
    recs: &[&Record],
    key: &dyn Fn(NaiveDate) -> String,
    school_day: &dyn Fn(NaiveDate) -> bool,
) -> Vec<Run> {
    let mut days: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for r in recs {
        let end = r.until.unwrap_or(r.date);
        for d in r.date.iter_days().take_while(|d| *d <= end) {
            if d == r.date || school_day(d) {
                days.entry(d).or_default().push(r.row);
            }
        }
    }
    let mut anchors: Vec<Run> = case
        .events
        .iter()
        .filter(|(id, e)| e.kind == kind && e.until.is_some() && **id == key(e.date))
        .map(|(id, e)| (id.to_string(), e.clone(), Vec::new()))
        .collect();
    anchors.sort_by_key(|a| a.1.date);
    let mut out: Vec<Run> = Vec::new();
    // The run the previous day went into: (is anchor, index).
    let mut current: Option<(bool, usize)> = None;
    for (day, rows) in days {
        if let Some(a) = anchors
            .iter_mut()
            .find(|a| a.1.date <= day && day <= a.1.until.unwrap_or(a.1.date))
        {
            a.2.extend(rows);
            current = None;
            continue;
        }
        let follows = |e: &Event| adjacent(e.until.unwrap_or(e.date), day, school_day);
        let target = match current {
            Some((true, i)) if follows(&anchors[i].1) => Some((true, i)),
            Some((false, i)) if follows(&out[i].1) => Some((false, i)),
            _ => anchors
                .iter()
                .position(|a| follows(&a.1))
                .map(|i| (true, i)),
        };
        current = Some(match target {
            Some((is_anchor, i)) => {
                let run = if is_anchor {
                    &mut anchors[i]
                } else {
                    &mut out[i]
                };
                run.1.until = Some(day);
                run.2.extend(rows);
                (is_anchor, i)
            }
            None => {
                let mut e = Event::new(kind, day);
                e.until = Some(day);
                out.push((key(day), e, rows));
                (false, out.len() - 1)
            }
        });
    }
    anchors.retain(|a| !a.2.is_empty());
    out.extend(anchors);
    out.sort_by_key(|r| r.1.date);
    out
}
