//! The cache's form of a case and of an event: positional, dates as day
//! numbers, converted from and to the domain's `Case` and `Event`. A new
//! field of a case or event is added here too (and the cache's magic in
//! `mod.rs` bumped, so old caches are parsed again).

use crate::domain::calendar::Region;
use crate::domain::case::{Case, Level, Status};
use crate::domain::compartments::KeyBlock;
use crate::domain::event::{Details, Event, EventId};
use crate::domain::units::Span;
use chrono::{Datelike, NaiveDate};
use compact_str::CompactString;
use serde::de::{SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

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
    events: CachedEvents,
    /// Key blocks (id, compartment, retired, wrapped): opaque here.
    keys: Vec<(String, String, bool, String)>,
}

/// The events of a case, decoded straight into the case's map: each
/// cached event becomes an [`Event`] as it is read (no vector of decoded
/// events moved into the map afterwards).
struct CachedEvents(BTreeMap<EventId, Event>);

/// An event as cached: a MessagePack array `[kind, date, until, hours,
/// outcome, note, details]`, dates as day numbers, the side table `nil`
/// when the event has none (most have none: no per-event list of empty
/// fields to skip).
#[derive(Deserialize)]
struct CachedEvent {
    kind: CompactString,
    date: i32,
    until: Option<i32>,
    hours: Option<f64>,
    outcome: Option<String>,
    note: Option<String>,
    details: Option<CachedDetails>,
}

/// What `CachedEvent` is written from (borrowed: no copies of the texts).
#[derive(Serialize)]
struct CachedEventOut<'a> {
    kind: &'a str,
    date: i32,
    until: Option<i32>,
    hours: Option<f64>,
    outcome: Option<&'a str>,
    note: Option<&'a str>,
    details: Option<CachedDetails>,
}

/// The side table of an event ([`Details`]), dates as day numbers, a span
/// as its text.
#[derive(Serialize, Deserialize)]
struct CachedDetails {
    action: Option<String>,
    to: Option<String>,
    school: Option<String>,
    reason: Option<String>,
    days: Option<u32>,
    artikel: Option<String>,
    advice: Option<String>,
    findings: Option<String>,
    soort: Option<String>,
    meldingsnummer: Option<String>,
    status: Option<String>,
    title: Option<String>,
    due: Option<i32>,
    role: Option<String>,
    by: Option<String>,
    subject: Option<String>,
    scope: Option<String>,
    given_by: Option<String>,
    owner: Option<String>,
    template: Option<String>,
    sha256: Option<String>,
    withdrawn: Option<String>,
}

impl From<&Details> for CachedDetails {
    fn from(d: &Details) -> Self {
        CachedDetails {
            action: d.action.clone(),
            to: d.to.clone(),
            school: d.school.clone(),
            reason: d.reason.clone(),
            days: d.days,
            artikel: d.artikel.clone(),
            advice: d.advice.clone(),
            findings: d.findings.clone(),
            soort: d.soort.clone(),
            meldingsnummer: d.meldingsnummer.clone(),
            status: d.status.clone(),
            title: d.title.clone(),
            due: d.due.map(day),
            role: d.role.clone(),
            by: d.by.map(|b| b.to_string()),
            subject: d.subject.clone(),
            scope: d.scope.clone(),
            given_by: d.given_by.clone(),
            owner: d.owner.clone(),
            template: d.template.clone(),
            sha256: d.sha256.clone(),
            withdrawn: d.withdrawn.clone(),
        }
    }
}

impl From<CachedDetails> for Details {
    fn from(c: CachedDetails) -> Self {
        Details {
            action: c.action,
            to: c.to,
            school: c.school,
            reason: c.reason,
            days: c.days,
            artikel: c.artikel,
            advice: c.advice,
            findings: c.findings,
            soort: c.soort,
            meldingsnummer: c.meldingsnummer,
            status: c.status,
            title: c.title,
            due: c.due.map(date),
            role: c.role,
            by: c.by.and_then(|b| Span::parse_text(&b).ok()),
            subject: c.subject,
            scope: c.scope,
            given_by: c.given_by,
            owner: c.owner,
            template: c.template,
            sha256: c.sha256,
            withdrawn: c.withdrawn,
        }
    }
}

impl From<CachedEvent> for Event {
    fn from(c: CachedEvent) -> Self {
        Event {
            kind: c.kind,
            date: date(c.date),
            until: c.until.map(date),
            hours: c.hours,
            outcome: c.outcome,
            note: c.note,
            details: c.details.and_then(|d| Details::from(d).boxed()),
        }
    }
}

impl<'a> From<&'a Event> for CachedEventOut<'a> {
    fn from(e: &'a Event) -> Self {
        CachedEventOut {
            kind: &e.kind,
            date: day(e.date),
            until: e.until.map(day),
            hours: e.hours,
            outcome: e.outcome.as_deref(),
            note: e.note.as_deref(),
            details: e.details.as_deref().map(CachedDetails::from),
        }
    }
}

impl Serialize for CachedEvents {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|(id, e)| (id, CachedEventOut::from(e))))
    }
}

impl<'de> Deserialize<'de> for CachedEvents {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(EventsVisitor)
    }
}

struct EventsVisitor;

impl<'de> Visitor<'de> for EventsVisitor {
    type Value = CachedEvents;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of (event id, event)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CachedEvents, A::Error> {
        let mut events = BTreeMap::new();
        while let Some((id, e)) = seq.next_element::<(EventId, CachedEvent)>()? {
            events.insert(id, Event::from(e));
        }
        Ok(CachedEvents(events))
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
            id: c.id.to_string(),
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
            events: CachedEvents(c.events.clone()),
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
            id: c.id.into(),
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
            events: c.events.0,
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
