//! `--only tree-options`: the parts of one state change that grow with
//! the number of cases, each timed alone on the repository's own `cases/`
//! tree and index (issue 13 point 4: the options measured), in CPU time.

use std::io::Write;
use std::path::Path;

/// CPU time of this process (ms): on a shared, loaded machine the wall
/// time of a step says more about the neighbours than about the step.
fn cpu() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid clock id and out-parameter.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1e6
}

fn ms(f: impl FnOnce()) -> f64 {
    let t = cpu();
    f();
    cpu() - t
}

fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    super::median((0..runs).map(|_| ms(&mut f)).collect())
}

fn deflate(data: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len()),
        flate2::Compression::new(level),
    );
    e.write_all(data).expect("deflate");
    e.finish().expect("deflate")
}

pub fn measure(dir: &Path, runs: usize) -> super::Row {
    let mut row: super::Row = Vec::new();
    let mut put = |k: &str, v: String| row.push((k.to_string(), v));
    let repo = git2::Repository::open(dir).expect("repo");
    let tree = repo
        .head()
        .and_then(|h| h.peel_to_tree())
        .expect("HEAD tree");
    let cases = tree.get_name("cases").expect("cases/").id();
    let odb = repo.odb().expect("odb");
    let raw = odb.read(cases).expect("read").data().to_vec();
    let n = repo.find_tree(cases).expect("cases/").len();
    put("cases", n.to_string());
    put("`cases/` tree (KB)", format!("{}", raw.len() / 1024));
    put(
        "libgit2: read (inflate + sha1dc check) (ms)",
        format!("{:.2}", median(runs, || drop(odb.read(cases)))),
    );
    put(
        "libgit2: read + parse (find_tree) (ms)",
        format!(
            "{:.2}",
            median(runs, || {
                let r = git2::Repository::open(dir).expect("repo");
                std::hint::black_box(r.find_tree(cases).expect("tree").len());
            })
        ),
    );
    let hash = || verzuim::store::git::hash::object_id(git2::ObjectType::Tree, &raw);
    put(
        "SHA-1 (sha1 crate, CPU instructions) (ms)",
        format!(
            "{:.2}",
            median(runs, || {
                std::hint::black_box(hash());
            })
        ),
    );
    put(
        "SHA-1 (libgit2, sha1dc) (ms)",
        format!(
            "{:.2}",
            median(runs, || {
                std::hint::black_box(git2::Oid::hash_object(git2::ObjectType::Tree, &raw).ok());
            })
        ),
    );
    for level in [0, 1, 6] {
        let mut size = 0;
        let t = median(runs, || size = deflate(&raw, level).len());
        put(
            &format!("deflate level {level} (zlib-rs) (ms; KB)"),
            format!("{t:.2}; {}", size / 1024),
        );
    }
    let file = dir.join(".git").join(verzuim::store::git::tree_cache::FILE);
    if file.exists() {
        put(
            "read the tree cache file (ms)",
            format!("{:.2}", median(runs, || drop(std::fs::read(&file)))),
        );
    }
    put(
        "libgit2 index: read (ms)",
        format!(
            "{:.2}",
            median(runs, || {
                let r = git2::Repository::open(dir).expect("repo");
                std::hint::black_box(r.index().expect("index").len());
            })
        ),
    );
    put(
        "libgit2 index: read + write (ms)",
        format!(
            "{:.2}",
            median(runs, || {
                let r = git2::Repository::open(dir).expect("repo");
                let mut i = r.index().expect("index");
                i.write().expect("write");
            })
        ),
    );
    row
}
