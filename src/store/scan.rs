//! Visiting every case once without holding the caseload: for the commands
//! that read everything and keep little (`check`, `overdue`). Cases come
//! from the parse cache one chunk at a time (decoded on both cores) or are
//! parsed, are handed to the visitor and dropped, so memory stays at a few
//! chunks plus what the visitor keeps, whatever the size of the caseload.

use super::cache::BlobId;
use super::load::{self, CASES_DIR, Rules};
use super::{Result, cache, case_file, memo};
use crate::domain::case::Case;
use crate::domain::caseload::Caseload;
use crate::domain::engine::DaySpan;
use crate::domain::textpos::FileError;
use crate::store::config::RepoConfig;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// What a scan leaves: the visitor's results (in no particular order) and
/// everything `load` reports besides the cases.
pub struct Scanned<R> {
    pub results: Vec<R>,
    /// The rules, with no cases in it: to evaluate a visited case with.
    pub caseload: Caseload,
    pub config: RepoConfig,
    pub broken_cases: Vec<FileError>,
    pub broken_protocols: Vec<FileError>,
}

/// Runs `visit` on every case of the repository, in parallel. `visit`
/// gets the rules (a caseload without cases) and the case, by value.
pub fn scan<R: Send>(
    root: &Path,
    visit: impl Fn(&Caseload, Case) -> R + Sync,
) -> Result<Scanned<R>> {
    let files = load::toml_files(&root.join(CASES_DIR))?;
    let git_dir = root.join(".git");
    let (rules, (trusted, bytes)) = rayon::join(
        || load::load_rules(root),
        || rayon::join(|| trusted_ids(root, &files), || cache::read_bytes(&git_dir)),
    );
    let scanned = visit_all(root, &files, &trusted, &bytes, rules?, |cl, _, case| {
        visit(cl, case)
    })?;
    Ok(scanned)
}

/// What a memoised scan is for: the command and its options (the memo's
/// key besides the rules and the program; `store/memo.rs`) and the day.
pub struct MemoFor<'a> {
    pub command: &'a str,
    /// What else shapes the result (a language, JSON), as a file-name-safe word.
    pub variant: &'a str,
    /// The day of the run: a kept result is used when its span holds it.
    pub today: NaiveDate,
}

/// One case's result as a memoised scan keeps it: the case file's blob (when
/// git vouches for it), the case id, the days the result holds for, the result.
type Kept<R> = (Option<BlobId>, String, DaySpan, R);

/// As [`scan`], keeping each case's result in the command's memo: the
/// cases whose files git vouches for and whose blob has a result whose span
/// of days holds today, under the same rules and program, are not read at
/// all. When few are new, only their files are parsed; otherwise every case
/// is visited. `visit` returns the result and the days it holds for (it
/// must come out the same on every day of that span).
pub fn scan_memo<R>(
    root: &Path,
    memo_for: MemoFor,
    visit: impl Fn(&Caseload, Case) -> (R, DaySpan) + Sync,
) -> Result<Scanned<R>>
where
    R: Serialize + DeserializeOwned + Send,
{
    let files = load::toml_files(&root.join(CASES_DIR))?;
    let git_dir = root.join(".git");
    let (rules, (trusted, memo_bytes)) = rayon::join(
        || load::load_rules(root),
        || {
            rayon::join(
                || trusted_ids(root, &files),
                || memo::read_bytes(&git_dir, memo_for.command, memo_for.variant),
            )
        },
    );
    let rules = rules?;
    let today = memo_for.today;
    let key = memo::Key::new(memo_for.command, memo_for.variant, &rules.fingerprint);
    let mut memo: memo::Memo<R> = key
        .map(|k| memo::Memo::read(&memo_bytes, k))
        .unwrap_or_else(memo::Memo::empty);
    drop(memo_bytes);
    let mut hits: Vec<Kept<R>> = Vec::with_capacity(files.len());
    let mut misses: Vec<&PathBuf> = Vec::new();
    for (path, blob) in files.iter().zip(&trusted) {
        // By blob and file name: a copy of a case file under another name
        // is not that case (a scan reports it as broken), so no hit.
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let hit = blob.zip(stem).and_then(|(b, stem)| {
            let (id, span, r) = memo.take(b, stem, today)?;
            Some((Some(b), id, span, r))
        });
        match hit {
            Some(hit) => hits.push(hit),
            None => misses.push(path),
        }
    }
    let visit_blob = |cl: &Caseload, blob: Option<BlobId>, case: Case| {
        let id = case.id.to_string();
        let (r, span) = visit(cl, case);
        (blob, id, span, r)
    };
    let (fresh, rest) = if misses.len() * 8 <= files.len() {
        // Few new: parse just those files (the parse cache is not read).
        let (caseload, rest) = split_rules(rules);
        let visit = |blob, case| visit_blob(&caseload, blob, case);
        let parsed = misses
            .par_chunks(64)
            .map(|paths| parse_chunk(root, paths, &visit))
            .collect::<Result<Vec<_>>>()?;
        let mut fresh = Vec::new();
        let mut broken = Vec::new();
        for p in parsed {
            fresh.extend(p.results);
            broken.extend(p.broken);
        }
        (fresh, (caseload, rest, broken))
    } else {
        hits.clear();
        let bytes = cache::read_bytes(&git_dir);
        let all = visit_all(root, &files, &trusted, &bytes, rules, visit_blob)?;
        let rest = (
            all.caseload,
            (all.config, all.broken_protocols),
            all.broken_cases,
        );
        (all.results, rest)
    };
    let (caseload, (config, broken_protocols), broken_cases) = rest;
    if let Some(key) = key
        && (!fresh.is_empty() || !memo.is_empty())
    {
        write_memo(&git_dir, &memo_for, key, &hits, &fresh);
    }
    let mut results: Vec<R> = hits.into_iter().map(|(_, _, _, r)| r).collect();
    results.extend(fresh.into_iter().map(|(_, _, _, r)| r));
    Ok(Scanned {
        results,
        caseload,
        config,
        broken_cases,
        broken_protocols,
    })
}

/// The memo again: the results used and the new ones, each under its
/// file's git blob id (a parsed file git does not vouch for yet is kept
/// under the id of its bytes: a hit once it is committed unchanged).
fn write_memo<R: Serialize>(
    git_dir: &Path,
    memo_for: &MemoFor,
    key: memo::Key,
    hits: &[Kept<R>],
    fresh: &[Kept<R>],
) {
    let entries: Vec<(BlobId, &str, DaySpan, &R)> = hits
        .iter()
        .chain(fresh)
        .filter_map(|(b, id, span, r)| Some(((*b)?, id.as_str(), *span, r)))
        .collect();
    memo::write(git_dir, (memo_for.command, memo_for.variant), key, &entries);
}

/// Blob ids of the case files git's index vouches for.
fn trusted_ids(root: &Path, files: &[PathBuf]) -> Vec<Option<BlobId>> {
    git2::Repository::open(root)
        .map(|r| cache::trusted_blob_ids(&r, root, CASES_DIR, files))
        .unwrap_or_else(|_| vec![None; files.len()])
}

/// The rules as a caseload of no cases, and the settings and broken
/// protocol files beside it.
fn split_rules(rules: Rules) -> (Caseload, (RepoConfig, Vec<FileError>)) {
    let Rules {
        config,
        library,
        unparsed,
        calendars,
        fingerprint: _,
    } = rules;
    let mut broken_protocols = unparsed;
    broken_protocols.extend(library.broken.values().flatten().cloned());
    let caseload = Caseload {
        cases: Vec::new(),
        library,
        calendars,
    };
    (caseload, (config, broken_protocols))
}

/// Visits every case: from the parse cache's chunks when git vouches for
/// the file, else parsed (and the cache written again when it changed).
/// `visit` also gets the case file's blob id when it is known.
fn visit_all<R: Send>(
    root: &Path,
    files: &[PathBuf],
    trusted: &[Option<BlobId>],
    bytes: &[u8],
    rules: Rules,
    visit: impl Fn(&Caseload, Option<BlobId>, Case) -> R + Sync,
) -> Result<Scanned<R>> {
    let git_dir = root.join(".git");
    let (caseload, (config, broken_protocols)) = split_rules(rules);
    let visit = |blob: Option<BlobId>, case: Case| visit(&caseload, blob, case);
    let chunks = cache::split(bytes).unwrap_or_default();
    let claimed: Vec<AtomicBool> = files.iter().map(|_| AtomicBool::new(false)).collect();
    let by_blob = blob_index(trusted);
    let from_cache: Vec<(Vec<R>, Option<Vec<u8>>)> = chunks
        .par_iter()
        .map(|chunk| visit_chunk(chunk, files, &by_blob, &claimed, &visit))
        .collect();
    let misses: Vec<&PathBuf> = files
        .iter()
        .zip(&claimed)
        .filter(|(_, c)| !c.load(Ordering::Relaxed))
        .map(|(p, _)| p)
        .collect();
    let parsed: Vec<Result<Parsed<R>>> = misses
        .par_chunks(cache::CHUNK)
        .map(|paths| parse_chunk(root, paths, &visit))
        .collect();
    let stale = !misses.is_empty() || from_cache.iter().any(|(_, re)| re.is_some());
    let mut results = Vec::with_capacity(files.len());
    // The cache again: chunks still whole are copied as they are.
    let mut out_chunks: Vec<&[u8]> = chunks
        .iter()
        .zip(&from_cache)
        .map(|(chunk, (_, reencoded))| reencoded.as_deref().unwrap_or(chunk))
        .collect();
    let mut broken_cases = Vec::new();
    let mut new_chunks = Vec::new();
    for p in parsed {
        let p = p?;
        results.extend(p.results);
        broken_cases.extend(p.broken);
        new_chunks.extend(p.encoded);
    }
    out_chunks.extend(new_chunks.iter().map(Vec::as_slice));
    out_chunks.retain(|c| !c.is_empty());
    if stale && git_dir.is_dir() {
        cache::write_chunks(&git_dir, &out_chunks);
    }
    drop(out_chunks);
    results.extend(from_cache.into_iter().flat_map(|(r, _)| r));
    Ok(Scanned {
        results,
        caseload,
        config,
        broken_cases,
        broken_protocols,
    })
}

/// Which file (by index) each trusted blob is.
fn blob_index(trusted: &[Option<BlobId>]) -> HashMap<BlobId, usize> {
    trusted
        .iter()
        .enumerate()
        .filter_map(|(i, b)| Some(((*b)?, i)))
        .collect()
}

/// Visits the cached cases of one chunk that git vouches for; claims their
/// files. Returns the results and, when some entries are no longer any
/// file's, the chunk encoded again without them.
fn visit_chunk<R>(
    chunk: &[u8],
    files: &[PathBuf],
    by_blob: &HashMap<BlobId, usize>,
    claimed: &[AtomicBool],
    visit: &(impl Fn(Option<BlobId>, Case) -> R + Sync),
) -> (Vec<R>, Option<Vec<u8>>) {
    let entries = cache::decode(chunk);
    let total = entries.len();
    let live: Vec<(BlobId, cache::Cached)> = entries
        .into_iter()
        .filter(|(blob, c)| {
            by_blob.get(blob).is_some_and(|&i| {
                let stem = files[i].file_stem().map(|s| s.as_encoded_bytes());
                // A blob belongs to one file (the id is in it); the swap keeps
                // a duplicate entry from being visited twice.
                stem == Some(c.id().as_bytes()) && !claimed[i].swap(true, Ordering::Relaxed)
            })
        })
        .collect();
    // Empty means "drop this chunk" (an empty chunk is never written, or
    // every run would add one).
    let reencoded = if live.len() < total || total == 0 {
        Some(if live.is_empty() {
            Vec::new()
        } else {
            cache::encode(&live).unwrap_or_default()
        })
    } else {
        None
    };
    let results = live
        .into_iter()
        .map(|(blob, c)| visit(Some(blob), Case::from(c)))
        .collect();
    (results, reencoded)
}

/// Parsed files: results, parse errors, and the new cache chunk.
struct Parsed<R> {
    results: Vec<R>,
    broken: Vec<FileError>,
    encoded: Option<Vec<u8>>,
}

fn parse_chunk<R>(
    root: &Path,
    paths: &[&PathBuf],
    visit: &(impl Fn(Option<BlobId>, Case) -> R + Sync),
) -> Result<Parsed<R>> {
    let mut cases = Vec::with_capacity(paths.len());
    let mut entries = Vec::with_capacity(paths.len());
    let mut broken = Vec::new();
    for path in paths {
        // A file that cannot be read (not UTF-8, a link, an I/O error) is
        // reported like one that does not parse: it never hides the others.
        let text = match load::read_text(root, path) {
            Ok(text) => text,
            Err(e) => {
                broken.push(e);
                continue;
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        match case_file::parse(&load::rel(root, path), &stem, &text) {
            Ok(case) => {
                let blob = cache::blob_id(text.as_bytes());
                if let Some(blob) = blob {
                    entries.push((blob, cache::Cached::from(&case)));
                }
                cases.push((blob, case));
            }
            Err(e) => broken.push(e),
        }
    }
    Ok(Parsed {
        results: cases
            .into_iter()
            .map(|(blob, case)| visit(blob, case))
            .collect(),
        broken,
        encoded: if entries.is_empty() {
            None
        } else {
            cache::encode(&entries)
        },
    })
}
