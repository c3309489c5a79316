//! `verzuim-bench`: measures a generated repository (see `verzuim-gen`) and
//! prints one Markdown table, a column per repository:
//!
//!     verzuim-bench [--runs 7] DIR...
//!
//! Every figure is the median of `--runs` runs on this machine. Speed is
//! measured here, never asserted in tests.

mod tree_options;
mod whole;

use clap::Parser;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use verzuim::domain::event::Event;
use verzuim::domain::search::{self, Searcher};
use verzuim::store::load;
use verzuim::store::{CaseRepo, case_file::CaseDoc};
use verzuim::tui::model::App;
use verzuim::tui::msg::{ProtocolInfo, Snapshot};

#[derive(Parser)]
struct Args {
    #[arg(long, default_value_t = 7)]
    runs: usize,
    #[arg(long, default_value = "2026-11-20")]
    today: String,
    /// Only some figures: `state-change` (in process and whole process),
    /// `tree-options` (the parts of a state change that grow with the cases).
    #[arg(long)]
    only: Option<String>,
    dirs: Vec<PathBuf>,
}

type Row = Vec<(String, String)>;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn ms(f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_secs_f64() * 1000.0
}

fn times(runs: usize, mut f: impl FnMut(usize)) -> f64 {
    median((0..runs).map(|i| ms(|| f(i))).collect())
}

/// Empties the page cache (root only); false where the kernel refuses.
fn drop_caches() -> bool {
    unsafe { libc::sync() };
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

fn read_all(dir: &Path) -> usize {
    let files = load::toml_files(&dir.join("cases")).expect("cases");
    files
        .iter()
        .map(|p| std::fs::read(p).expect("read").len())
        .sum()
}

fn load_and_check(dir: &Path, today: chrono::NaiveDate) -> usize {
    let loaded = load::load(dir).expect("load");
    loaded.caseload.evaluate_all(today).len()
}

fn measure(dir: &Path, runs: usize, today: chrono::NaiveDate) -> Row {
    let mut row: Row = Vec::new();
    let mut put = |k: &str, v: String| row.push((k.to_string(), v));
    let n = load::toml_files(&dir.join("cases")).expect("cases").len();
    put("cases", n.to_string());
    whole::rows(dir, runs, n, &mut put);
    let read = times(runs, |_| {
        read_all(dir);
    });
    let warm = times(runs, |_| {
        load_and_check(dir, today);
    });
    put(
        "read all case files (`cat`), warm (ms)",
        format!("{read:.1}"),
    );
    put(
        "open + all signals and actions, warm (ms)",
        format!("{warm:.1}"),
    );
    put(
        "  ratio to reading the bytes",
        format!("{:.1}x", warm / read),
    );
    let loaded = load::load(dir).expect("load");
    let evaluate = times(runs, |_| {
        loaded.caseload.evaluate_all(today);
    });
    put(
        "  of which: read + parse all files (ms)",
        format!("{:.1}", warm - evaluate),
    );
    put(
        "  of which: evaluate every rule (ms)",
        format!("{evaluate:.1}"),
    );
    drop(loaded);
    if drop_caches() {
        let cold_read = times(runs.min(3), |_| {
            drop_caches();
            read_all(dir);
        });
        let cold = times(runs.min(3), |_| {
            drop_caches();
            load_and_check(dir, today);
        });
        put("read all case files, cold (ms)", format!("{cold_read:.1}"));
        put(
            "open + all signals and actions, cold (ms)",
            format!("{cold:.1}"),
        );
        put(
            "  ratio to reading the bytes, cold",
            format!("{:.1}x", cold / cold_read),
        );
    } else {
        put("cold cache", "n/a (cannot drop the page cache here)".into());
    }
    let (ours, git_cli) = state_change(dir, runs);
    put(
        "one state change: atomic write + commit (ms)",
        format!("{ours:.1}"),
    );
    put(
        "`git add` + `git commit` by the git CLI (ms)",
        format!("{git_cli:.1}"),
    );
    put("  ratio to the git CLI", format!("{:.2}x", ours / git_cli));
    put(
        "fuzzy filter per keystroke, all cases (ms)",
        format!("{:.2}", fuzzy(dir, runs)),
    );
    let (loading, full) = first_frame(dir, runs, today);
    put(
        "TUI start to first frame (loading screen) (ms)",
        format!("{loading:.2}"),
    );
    put(
        "TUI start to first frame with all cases (ms)",
        format!("{full:.1}"),
    );
    row
}

fn state_change(dir: &Path, runs: usize) -> (f64, f64) {
    let repo = CaseRepo::open(dir).expect("repo");
    let ids = repo.case_ids().expect("ids");
    let ours = times(runs, |i| {
        let e = Event::new(
            "notitie",
            chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
        );
        let mut e = e;
        e.note = Some(format!("bench {i}"));
        repo.add_event(&ids[i % ids.len()], &e, "add notitie")
            .expect("add");
    });
    let git_cli = times(runs, |i| {
        git_cli_change(dir, &ids[(i + runs) % ids.len()], i);
    });
    (ours, git_cli)
}

/// The same change made by the git command line: the file edited, then
/// `git add` and `git commit` (whole processes); returns their ms.
fn git_cli_change(dir: &Path, id: &str, i: usize) -> f64 {
    let path = load::case_path(dir, id);
    let mut doc = CaseDoc::parse(&std::fs::read_to_string(&path).expect("read")).expect("parse");
    let mut e = Event::new(
        "notitie",
        chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("date"),
    );
    e.note = Some(format!("cli {i}"));
    doc.add_event(&verzuim::store::ids::fresh(), &e);
    std::fs::write(&path, doc.to_string()).expect("write");
    let rel = format!("cases/{id}.toml");
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .stdout(Stdio::null())
            .status()
            .expect("git")
    };
    ms(|| {
        assert!(git(&["add", &rel]).success());
        assert!(git(&["commit", "-q", "-m", &format!("case {id}: add notitie")]).success());
    })
}

fn fuzzy(dir: &Path, runs: usize) -> f64 {
    let loaded = load::load(dir).expect("load");
    let hay: Vec<String> = loaded.caseload.cases.iter().map(search::haystack).collect();
    let s = Searcher;
    let query = "sanne de v";
    median(
        (0..runs)
            .flat_map(|_| (1..=query.len()).map(|k| ms(|| drop(s.filter(&query[..k], &hay)))))
            .collect(),
    )
}

fn first_frame(dir: &Path, runs: usize, today: chrono::NaiveDate) -> (f64, f64) {
    let draw = |app: &App| {
        let mut t = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
        t.draw(|f| verzuim::ui::draw(f, app)).expect("draw");
    };
    let loading = times(runs, |_| {
        draw(&App::new(today, dir.display().to_string(), true))
    });
    let full = times(runs, |_| {
        let mut app = App::new(today, dir.display().to_string(), true);
        let (loaded, checks) = load::load_evaluated(dir, today).expect("load");
        let cl = loaded.caseload;
        let protocols = ProtocolInfo::all(&cl.library);
        app.set_snapshot(Snapshot {
            cases: cl.cases,
            checks,
            protocols,
            broken: vec![],
            conflicts: Default::default(),
            retention: verzuim::store::retention::rules(dir).ok(),
            templates: Vec::new(),
        });
        draw(&app);
    });
    (loading, full)
}

/// Only the state-change figures: in process and whole process, each
/// against the git CLI (`--only state-change`).
fn measure_state_change(dir: &Path, runs: usize) -> Row {
    let mut row: Row = Vec::new();
    let mut put = |k: &str, v: String| row.push((k.to_string(), v));
    let n = load::toml_files(&dir.join("cases")).expect("cases").len();
    put("cases", n.to_string());
    let (ours, git_cli) = state_change(dir, runs);
    put(
        "one state change: atomic write + commit (ms)",
        format!("{ours:.1}"),
    );
    put(
        "`git add` + `git commit` by the git CLI (ms)",
        format!("{git_cli:.1}"),
    );
    put("  ratio to the git CLI", format!("{:.2}x", ours / git_cli));
    whole::add_rows(dir, runs, &mut put);
    row
}

fn main() {
    let args = Args::parse();
    let today = chrono::NaiveDate::parse_from_str(&args.today, "%Y-%m-%d").expect("--today");
    let rows: Vec<Row> = args
        .dirs
        .iter()
        .map(|d| match args.only.as_deref() {
            Some("state-change") => measure_state_change(d, args.runs),
            Some("tree-options") => tree_options::measure(d, args.runs),
            Some(other) => panic!("--only {other}: `state-change` or `tree-options`"),
            None => measure(d, args.runs, today),
        })
        .collect();
    let Some(first) = rows.first() else { return };
    print!("| figure |");
    for r in &rows {
        print!(" {} cases |", r[0].1);
    }
    println!();
    println!("|---|{}", "---:|".repeat(rows.len()));
    for (i, (name, _)) in first.iter().enumerate().skip(1) {
        print!("| {name} |");
        for r in &rows {
            print!(" {} |", r.get(i).map_or("", |x| x.1.as_str()));
        }
        println!();
    }
}
