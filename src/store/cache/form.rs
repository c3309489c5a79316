//! The cache's form of a case and of an event: positional, dates as day
//! numbers, converted from and to the domain's `Case` and `Event`. A new
//! field of a case or event is added here too (and the cache's magic in
//! `mod.rs` bumped, so old caches are parsed again).

use crate::domain::calendar::Region;
use crate::domain::case::{Case, Level, Status};
use crate::domain::compartments::KeyBlock;
use crate::domain::event::Event;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The cache's form of a case: positional, every field present, dates as
/// day numbers. (The file format's optional fields and date strings make
/// the general form several times slower to decode.)
#[derive(Serialize, Deserialize)]
pub struct Cached {
    format: u32,
    id: String,
    name: String,
    birth: i32,
    pseudonym: Option<String>,
    leerlingnummer: Option<String>,
    school: String,
    level: Level,
    gemeente: Option<String>,
    protocol: String,
    owner: Option<String>,
    status: Status,
    region: Option<Region>,
    opened: Option<i32>,
    contacts: Vec<(String, String)>,
    events: Vec<(String, CachedEvent)>,
    /// Key blocks (id, compartment, retired, wrapped): opaque here.
    keys: Vec<(String, String, bool, String)>,
}

/// An event with its dates as day numbers. Named fields, written as a
/// MessagePack array (`rmp_serde::to_vec`), so the names cost no bytes.
#[derive(Serialize, Deserialize)]
struct CachedEvent {
    kind: String,
    date: i32,
    until: Option<i32>,
    hours: Option<f64>,
    outcome: Option<String>,
    action: Option<String>,
    note: Option<String>,
    extra: CachedExtra,
    work: CachedWork,
    letter: CachedLetter,
}

/// The fields of the working-day kinds (issue 14).
#[derive(Serialize, Deserialize)]
struct CachedWork {
    title: Option<String>,
    due: Option<i32>,
    role: Option<String>,
    by: Option<String>,
    subject: Option<String>,
    scope: Option<String>,
    given_by: Option<String>,
    owner: Option<String>,
}

/// The fields of a letter sent (template, sha256).
#[derive(Serialize, Deserialize)]
struct CachedLetter {
    template: Option<String>,
    sha256: Option<String>,
}

/// The fields of the workflow kinds (to, school, reason, days, artikel,
/// advice, withdrawn), of a DUO report (soort, meldingsnummer, status) and
/// the jeugdarts's findings (sealed, opaque here).
#[derive(Serialize, Deserialize)]
struct CachedExtra {
    to: Option<String>,
    school: Option<String>,
    reason: Option<String>,
    days: Option<u32>,
    artikel: Option<String>,
    advice: Option<String>,
    withdrawn: Option<String>,
    soort: Option<String>,
    meldingsnummer: Option<String>,
    status: Option<String>,
    findings: Option<String>,
}

impl From<&Event> for CachedEvent {
    fn from(e: &Event) -> Self {
        CachedEvent {
            kind: e.kind.clone(),
            date: day(e.date),
            until: e.until.map(day),
            hours: e.hours,
            outcome: e.outcome.clone(),
            action: e.action.clone(),
            note: e.note.clone(),
            extra: CachedExtra {
                to: e.to.clone(),
                school: e.school.clone(),
                reason: e.reason.clone(),
                days: e.days,
                artikel: e.artikel.clone(),
                advice: e.advice.clone(),
                withdrawn: e.withdrawn.clone(),
                soort: e.soort.clone(),
                meldingsnummer: e.meldingsnummer.clone(),
                status: e.status.clone(),
                findings: e.findings.clone(),
            },
            work: CachedWork {
                title: e.title.clone(),
                due: e.due.map(day),
                role: e.role.clone(),
                by: e.by.map(|b| b.to_string()),
                subject: e.subject.clone(),
                scope: e.scope.clone(),
                given_by: e.given_by.clone(),
                owner: e.owner.clone(),
            },
            letter: CachedLetter {
                template: e.template.clone(),
                sha256: e.sha256.clone(),
            },
        }
    }
}

impl From<CachedEvent> for Event {
    fn from(c: CachedEvent) -> Self {
        let x = c.extra;
        let w = c.work;
        Event {
            kind: c.kind,
            date: date(c.date),
            until: c.until.map(date),
            hours: c.hours,
            outcome: c.outcome,
            action: c.action,
            to: x.to,
            school: x.school,
            reason: x.reason,
            days: x.days,
            artikel: x.artikel,
            advice: x.advice,
            findings: x.findings,
            note: c.note,
            soort: x.soort,
            meldingsnummer: x.meldingsnummer,
            status: x.status,
            withdrawn: x.withdrawn,
            title: w.title,
            due: w.due.map(date),
            role: w.role,
            by: w
                .by
                .and_then(|b| crate::domain::units::Span::parse_text(&b).ok()),
            subject: w.subject,
            scope: w.scope,
            given_by: w.given_by,
            owner: w.owner,
            template: c.letter.template,
            sha256: c.letter.sha256,
        }
    }
}

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn date(n: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(n).unwrap_or_default()
}

impl From<&Case> for Cached {
    fn from(c: &Case) -> Self {
        Cached {
            format: c.format,
            id: c.id.clone(),
            name: c.name.clone(),
            birth: day(c.birth),
            pseudonym: c.pseudonym.clone(),
            leerlingnummer: c.leerlingnummer.clone(),
            school: c.school.clone(),
            level: c.level,
            gemeente: c.gemeente.clone(),
            protocol: c.protocol.clone(),
            owner: c.owner.clone(),
            status: c.status,
            region: c.region,
            opened: c.opened.map(day),
            contacts: c
                .contacts
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            events: c
                .events
                .iter()
                .map(|(id, e)| (id.clone(), CachedEvent::from(e)))
                .collect(),
            keys: c
                .keys
                .iter()
                .map(|(k, b)| {
                    (
                        k.clone(),
                        b.compartment.clone(),
                        b.retired,
                        b.wrapped.clone(),
                    )
                })
                .collect(),
        }
    }
}

impl From<Cached> for Case {
    fn from(c: Cached) -> Self {
        Case {
            format: c.format,
            id: c.id,
            name: c.name,
            birth: date(c.birth),
            pseudonym: c.pseudonym,
            leerlingnummer: c.leerlingnummer,
            school: c.school,
            level: c.level,
            gemeente: c.gemeente,
            protocol: c.protocol,
            owner: c.owner,
            status: c.status,
            region: c.region,
            opened: c.opened.map(date),
            contacts: c.contacts.into_iter().collect(),
            events: c
                .events
                .into_iter()
                .map(|(id, e)| (id, Event::from(e)))
                .collect(),
            keys: c
                .keys
                .into_iter()
                .map(|(kid, compartment, retired, wrapped)| {
                    let block = KeyBlock {
                        compartment,
                        retired,
                        wrapped,
                    };
                    (kid, block)
                })
                .collect(),
        }
    }
}

impl Cached {
    /// The case id inside the cached case (to check it against its file name).
    pub fn id(&self) -> &str {
        &self.id
    }
}
