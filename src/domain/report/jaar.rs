//! The yearly figures (leerplichttelling, Leerplichtwet art. 25): every row
//! of the layout (`jaar_defs`) counted over one school year, 1 August to
//! 31 July (seed 004 §1.1), in total and per level. Counts only: no names.

use super::jaar_defs::{JaarDefs, Measure, RowDef, When, admits};
use crate::domain::calendar::SchoolCalendar;
use crate::domain::case::{Case, Level};
use crate::domain::caseload::Caseload;
use crate::domain::engine::{self, Period};
use crate::domain::event::Event;
use crate::domain::protocol::KindFilter;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// A school year by its first calendar year: 2025 is 2025-2026.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SchoolYear(pub i32);

/// Why a typed school year is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchoolYearError {
    /// Not `JJJJ-JJJJ` (or `JJJJ/JJJJ`).
    Format(String),
    /// The second year does not follow the first (`2025-2027`).
    NotConsecutive(String),
}

impl SchoolYear {
    /// `2025-2026` or `2025/2026`.
    pub fn parse(text: &str) -> Result<SchoolYear, SchoolYearError> {
        let text = text.trim();
        let bad = || SchoolYearError::Format(text.to_string());
        let (a, b) = text.split_once(['-', '/']).ok_or_else(bad)?;
        let year = |s: &str| {
            (s.len() == 4 && s.bytes().all(|c| c.is_ascii_digit()))
                .then(|| s.parse::<i32>().ok())
                .flatten()
        };
        let (a, b) = (year(a).ok_or_else(bad)?, year(b).ok_or_else(bad)?);
        if b != a + 1 {
            return Err(SchoolYearError::NotConsecutive(text.to_string()));
        }
        Ok(SchoolYear(a))
    }

    /// The school year a date falls in.
    pub fn of(date: NaiveDate) -> SchoolYear {
        SchoolYear(crate::domain::dates::school_year_of(date))
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0, 8, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.0 + 1, 7, 31).unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.0, self.0 + 1)
    }
}

/// One row's counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JaarRow {
    pub id: String,
    pub section: String,
    pub label: String,
    pub count: Measure,
    pub total: u64,
    /// Per level (po, vo, mbo, so), every level present.
    pub per_level: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Jaar {
    pub schooljaar: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The figures as known on this day (the year's last day, or today
    /// while the year runs).
    pub as_of: NaiveDate,
    pub gemeente: Option<String>,
    pub rows: Vec<JaarRow>,
}

/// Counts every row of `defs` over `year`, with what is known on `today`,
/// for the cases of `gemeente` (none: all).
pub fn compute(
    caseload: &Caseload,
    defs: &JaarDefs,
    year: SchoolYear,
    gemeente: Option<&str>,
    today: NaiveDate,
) -> Jaar {
    let (from, to) = (year.first_day(), year.last_day());
    let as_of = to.min(today).max(from);
    let cases: Vec<(&Case, Ctx)> = caseload
        .cases
        .iter()
        .filter(|c| {
            gemeente.is_none_or(|g| {
                c.gemeente
                    .as_deref()
                    .is_some_and(|h| h.eq_ignore_ascii_case(g))
            })
        })
        .filter_map(|c| {
            let protocol = caseload.library.protocols.get(&c.protocol)?;
            let cal = caseload.calendars.for_case(c, Some(protocol));
            Some((c, Ctx { protocol, cal }))
        })
        .collect();
    let window = Window { from, as_of };
    let rows = defs
        .rows
        .iter()
        .map(|def| {
            let mut per_level: BTreeMap<String, u64> = Level::ALL
                .iter()
                .map(|l| (l.as_str().to_string(), 0))
                .collect();
            for (case, ctx) in &cases {
                if !def.level.is_empty() && !def.level.contains(&case.level) {
                    continue;
                }
                let n = if def.is_duration() {
                    count_periods(case, ctx, def, window)
                } else {
                    count_events(case, ctx, def, window)
                };
                *per_level
                    .entry(case.level.as_str().to_string())
                    .or_default() += n;
            }
            JaarRow {
                id: def.id.get_ref().clone(),
                section: def.section.clone(),
                label: def.label.clone(),
                count: def.count,
                total: per_level.values().sum(),
                per_level,
            }
        })
        .collect();
    Jaar {
        schooljaar: year.to_string(),
        from,
        to,
        as_of,
        gemeente: gemeente.map(str::to_string),
        rows,
    }
}

struct Ctx<'a> {
    protocol: &'a crate::domain::protocol::ResolvedProtocol,
    cal: &'a SchoolCalendar,
}

#[derive(Clone, Copy)]
struct Window {
    from: NaiveDate,
    /// The last day counted (the year's end, or today while it runs).
    as_of: NaiveDate,
}

impl Window {
    /// Whether a period passes the row's `when`.
    fn admits(self, when: When, p: &Period) -> bool {
        match when {
            When::InJaar => p.start <= self.as_of && p.end >= self.from,
            When::EindeJaar => p.start <= self.as_of && p.end >= self.as_of,
            When::Beeindigd => !p.ongoing && p.end >= self.from && p.end < self.as_of,
        }
    }
}

/// An event row: the matching events of one case (withdrawn ones never).
fn count_events(case: &Case, ctx: &Ctx, def: &RowDef, w: Window) -> u64 {
    let cal = ctx.cal;
    let known: Vec<(&str, &Event)> = case
        .events_by_date()
        .into_iter()
        .filter(|(_, e)| e.date <= w.as_of && e.withdrawn.is_none())
        .collect();
    let kinds = def.kind_ids();
    // The engine's own period of each event, for `einde-jaar` and `beeindigd`.
    let periods: BTreeMap<&str, Period> = if def.when == When::InJaar {
        BTreeMap::new()
    } else {
        let filter = KindFilter {
            kinds: kinds.clone(),
            outcomes: vec![],
        };
        engine::event_periods(case, ctx.protocol, cal, w.as_of, &filter)
            .into_iter()
            .collect()
    };
    let has =
        |list: &[toml::Spanned<String>], e: &Event| list.iter().any(|k| *k.get_ref() == e.kind);
    let mut n = 0;
    let mut found = false;
    for (i, (id, e)) in known.iter().enumerate() {
        let in_window = match def.when {
            When::InJaar => e.date >= w.from,
            _ => periods.get(id).is_some_and(|p| w.admits(def.when, p)),
        };
        let ok = kinds.iter().any(|k| k == e.kind.as_str())
            && in_window
            && admits(&def.soort, e.soort.as_deref())
            && admits(&def.artikel, e.artikel.as_deref())
            && admits(&def.outcome, e.outcome.as_deref())
            && admits(&def.to, e.to.as_deref())
            && (def.after.is_empty() || known[..i].iter().any(|(_, x)| has(&def.after, x)))
            && !known[i + 1..]
                .iter()
                .any(|(_, x)| has(&def.unless_after, x));
        if !ok {
            continue;
        }
        found = true;
        n += match def.count {
            Measure::Meldingen => 1,
            Measure::Leerlingen => 0,
            Measure::Dagen => u64::from(days(cal, e)),
        };
    }
    if def.count == Measure::Leerlingen {
        u64::from(found)
    } else {
        n
    }
}

/// A decision's days: its `days`, else the school days it spans, else one.
fn days(cal: &SchoolCalendar, e: &Event) -> u32 {
    e.days
        .or_else(|| e.until.map(|u| cal.school_days_between(e.date, u)))
        .unwrap_or(1)
}

/// A duration row: the unbroken absence periods of `kinds` as the engine
/// joins them, of the row's length, passing its `when`.
fn count_periods(case: &Case, ctx: &Ctx, def: &RowDef, w: Window) -> u64 {
    let filter = KindFilter {
        kinds: def.kind_ids(),
        outcomes: vec![],
    };
    let periods = engine::periods_by(case, ctx.protocol, ctx.cal, w.as_of, &filter);
    let cal = ctx.cal;
    let long_enough = |p: &Period| {
        def.at_least
            .is_none_or(|s| cal.reached(p.start, s, false) <= p.end)
    };
    let short_enough = |p: &Period| {
        def.below
            .is_none_or(|s| cal.reached(p.start, s, false) > p.end)
    };
    let seen: Vec<&Period> = periods.iter().filter(|p| w.admits(def.when, p)).collect();
    match def.count {
        Measure::Leerlingen => {
            // A pupil counts once, by the longest period, so bands add up.
            let longest = seen.iter().max_by_key(|p| {
                (
                    cal.school_days_between(p.start, p.end),
                    std::cmp::Reverse(p.start),
                )
            });
            u64::from(longest.is_some_and(|p| long_enough(p) && short_enough(p)))
        }
        _ => seen
            .iter()
            .filter(|p| long_enough(p) && short_enough(p))
            .count() as u64,
    }
}

/// Kind ids a layout may name besides the base vocabulary: every kind of
/// the library's protocols.
pub fn library_kinds(caseload: &Caseload) -> Vec<String> {
    let set: BTreeSet<String> = caseload
        .library
        .protocols
        .values()
        .flat_map(|p| p.vocabulary.iter().map(|k| k.id.clone()))
        .collect();
    set.into_iter().collect()
}
