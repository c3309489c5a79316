//! Parsed cases cached by git blob id, in `.git/verzuim-cases.cache`
//! (private, never committed). Parsing TOML is most of opening a large
//! repository; a case parsed from a blob never changes, so only new blobs
//! are parsed. A file's blob id is taken from the git index only when its
//! stat data matches the index entry exactly and the entry is not "racily
//! clean" (modified in the same instant the index was written): the same
//! rule git itself uses to trust the index. Anything else is parsed.

use crate::domain::calendar::Region;
use crate::domain::case::{Case, Level, Status};
use crate::domain::compartments::KeyBlock;
use crate::domain::event::Event;
use chrono::{Datelike, NaiveDate};
use git2::Repository;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const FILE: &str = "verzuim-cases.cache";
const MAGIC: &[u8; 8] = b"VZCASES7";
/// Cases per independently decoded chunk (so both cores decode).
pub const CHUNK: usize = 512;

pub type BlobId = [u8; 20];

/// Blob ids of the working-tree files git's index vouches for, by path
/// relative to the repository (`cases/<id>.toml`).
pub fn trusted_blob_ids(
    repo: &Repository,
    root: &Path,
    paths: &[PathBuf],
) -> HashMap<PathBuf, BlobId> {
    let Ok(index) = repo.index() else {
        return HashMap::new();
    };
    let index_mtime = std::fs::metadata(repo.path().join("index"))
        .map(|m| (m.mtime(), m.mtime_nsec()))
        .ok();
    let Some(index_mtime) = index_mtime else {
        return HashMap::new();
    };
    let by_path: HashMap<Vec<u8>, git2::IndexEntry> =
        index.iter().map(|e| (e.path.clone(), e)).collect();
    paths
        .par_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(root).ok()?;
            let e = by_path.get(rel.as_os_str().as_encoded_bytes())?;
            let m = std::fs::symlink_metadata(p).ok()?;
            let entry_mtime = (
                i64::from(e.mtime.seconds()),
                i64::from(e.mtime.nanoseconds()),
            );
            let entry_ctime = (
                i64::from(e.ctime.seconds()),
                i64::from(e.ctime.nanoseconds()),
            );
            // ctime catches an in-place edit that kept size and mtime
            // (`cp -p`, `rsync --inplace -t`): no one can set it back.
            let same = entry_mtime == (m.mtime(), m.mtime_nsec())
                && entry_ctime == (m.ctime(), m.ctime_nsec())
                && u64::from(e.file_size) == m.size()
                && u64::from(e.ino) == (m.ino() & 0xffff_ffff)
                && same_mode(e.mode, m.mode());
            let racy = entry_mtime >= index_mtime;
            let id: BlobId = e.id.as_bytes().try_into().ok()?;
            (same && !racy).then(|| (p.clone(), id))
        })
        .collect()
}

/// Whether an index entry's mode (git keeps only the kind and the
/// executable bit) describes the file's mode.
fn same_mode(entry: u32, file: u32) -> bool {
    let regular = file & 0o170000 == 0o100000;
    let exec = file & 0o100 != 0;
    regular && entry == if exec { 0o100755 } else { 0o100644 }
}

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

/// The cache file's bytes, to be cut with `split` (empty when absent).
pub fn read_bytes(git_dir: &Path) -> Vec<u8> {
    std::fs::read(git_dir.join(FILE)).unwrap_or_default()
}

/// One chunk's entries (none when it does not decode: they are parsed again).
pub fn decode(chunk: &[u8]) -> Vec<(BlobId, Cached)> {
    rmp_serde::from_slice(chunk).unwrap_or_default()
}

/// Entries encoded as one chunk.
pub fn encode(entries: &[(BlobId, Cached)]) -> Option<Vec<u8>> {
    rmp_serde::to_vec(entries).ok()
}

/// The chunks of a cache file's bytes (None when it is not a cache file).
pub fn split(bytes: &[u8]) -> Option<Vec<&[u8]>> {
    let rest = bytes.strip_prefix(MAGIC.as_slice())?;
    let mut chunks = Vec::new();
    let mut i = 0;
    while i < rest.len() {
        let len = u32::from_le_bytes(rest.get(i..i + 4)?.try_into().ok()?) as usize;
        chunks.push(rest.get(i + 4..i + 4 + len)?);
        i += 4 + len;
    }
    Some(chunks)
}

/// Replaces the cache with these encoded chunks (a failure to write only
/// costs speed next time, so it is not an error).
pub fn write_chunks(git_dir: &Path, chunks: &[impl AsRef<[u8]>]) {
    let chunks: Vec<&[u8]> = chunks.iter().map(|c| c.as_ref()).collect();
    let mut out = Vec::with_capacity(chunks.iter().map(|c| c.len() + 4).sum::<usize>() + 8);
    out.extend_from_slice(MAGIC);
    for c in &chunks {
        out.extend_from_slice(&(c.len() as u32).to_le_bytes());
        out.extend_from_slice(c);
    }
    let _ = super::atomic::write(&git_dir.join(FILE), &out);
}

/// The blob id git gives these bytes.
pub fn blob_id(bytes: &[u8]) -> Option<BlobId> {
    super::git::hash::object_id(git2::ObjectType::Blob, bytes)
        .as_bytes()
        .try_into()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_form_round_trips_every_field() {
        let today = crate::domain::dates::parse("2026-11-20").unwrap();
        let mut cases = crate::synth::cases(30, 3, today);
        cases[0].pseudonym = Some("P".into());
        cases[0].region = Some(Region::Zuid);
        cases[0].contacts.insert("ouder".into(), "06".into());
        // One event with every field set, each to a different value, so a
        // swapped pair of fields cannot round-trip by accident.
        let mut e = Event::new("ziek", today);
        e.until = Some(today.succ_opt().unwrap());
        e.hours = Some(2.5);
        let texts = [
            &mut e.outcome,
            &mut e.action,
            &mut e.note,
            &mut e.to,
            &mut e.school,
            &mut e.reason,
            &mut e.artikel,
            &mut e.advice,
            &mut e.withdrawn,
            &mut e.soort,
            &mut e.meldingsnummer,
            &mut e.status,
            &mut e.findings,
        ];
        for (n, t) in texts.into_iter().enumerate() {
            *t = Some(format!("v{n}"));
        }
        e.days = Some(7);
        cases[1].events.insert("e1".into(), e);
        cases[0].keys.insert(
            "k1".into(),
            KeyBlock {
                compartment: "jgz".into(),
                retired: true,
                wrapped: "YWdl".into(),
            },
        );
        for c in &cases {
            let bytes = rmp_serde::to_vec(&Cached::from(c)).unwrap();
            let back: Cached = rmp_serde::from_slice(&bytes).unwrap();
            assert_eq!(&Case::from(back), c);
        }
    }
}
