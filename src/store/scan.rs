//! Visiting every case once without holding the caseload: for the commands
//! that read everything and keep little (`check`, `overdue`). Cases come
//! from the parse cache one chunk at a time (decoded on both cores) or are
//! parsed, are handed to the visitor and dropped, so memory stays at a few
//! chunks plus what the visitor keeps, whatever the size of the caseload.

use super::load::{self, CASES_DIR, Rules};
use super::{Result, cache, case_file};
use crate::domain::case::Case;
use crate::domain::caseload::Caseload;
use crate::domain::textpos::FileError;
use crate::store::config::RepoConfig;
use rayon::prelude::*;
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
        || {
            let trusted = || {
                git2::Repository::open(root)
                    .map(|r| cache::trusted_blob_ids(&r, root, &files))
                    .unwrap_or_default()
            };
            rayon::join(trusted, || cache::read_bytes(&git_dir))
        },
    );
    let Rules {
        config,
        library,
        unparsed,
        calendars,
    } = rules?;
    let mut broken_protocols = unparsed;
    broken_protocols.extend(library.broken.values().flatten().cloned());
    let caseload = Caseload {
        cases: Vec::new(),
        library,
        calendars,
    };
    let visit = |case: Case| visit(&caseload, case);
    let chunks = cache::split(&bytes).unwrap_or_default();
    let claimed: Vec<AtomicBool> = files.iter().map(|_| AtomicBool::new(false)).collect();
    let by_blob = blob_index(&files, &trusted);
    let from_cache: Vec<(Vec<R>, Option<Vec<u8>>)> = chunks
        .par_iter()
        .map(|chunk| visit_chunk(chunk, &files, &by_blob, &claimed, &visit))
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
fn blob_index(
    files: &[PathBuf],
    trusted: &HashMap<PathBuf, cache::BlobId>,
) -> HashMap<cache::BlobId, usize> {
    files
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((*trusted.get(p)?, i)))
        .collect()
}

/// Visits the cached cases of one chunk that git vouches for; claims their
/// files. Returns the results and, when some entries are no longer any
/// file's, the chunk encoded again without them.
fn visit_chunk<R>(
    chunk: &[u8],
    files: &[PathBuf],
    by_blob: &HashMap<cache::BlobId, usize>,
    claimed: &[AtomicBool],
    visit: &(impl Fn(Case) -> R + Sync),
) -> (Vec<R>, Option<Vec<u8>>) {
    let entries = cache::decode(chunk);
    let total = entries.len();
    let live: Vec<(cache::BlobId, cache::Cached)> = entries
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
        .map(|(_, c)| visit(Case::from(c)))
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
    visit: &(impl Fn(Case) -> R + Sync),
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
                if let Some(blob) = cache::blob_id(text.as_bytes()) {
                    entries.push((blob, cache::Cached::from(&case)));
                }
                cases.push(case);
            }
            Err(e) => broken.push(e),
        }
    }
    Ok(Parsed {
        results: cases.into_iter().map(visit).collect(),
        broken,
        encoded: if entries.is_empty() {
            None
        } else {
            cache::encode(&entries)
        },
    })
}
