//! Whole-process figures: the real `verzuim` binary run as a user runs it,
//! timed from spawn to exit (median of the runs), with its peak resident
//! memory from the kernel (`wait4`'s rusage). Each comparison with another
//! tool (`cat`, the git CLI, taskwarrior) runs the two commands pair by pair,
//! alternating, and reports the median of the per-pair ratios.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;
use verzuim::store::{CaseRepo, load, memo};

/// Wall time (ms) and peak RSS (MB) of one process; output discarded.
pub fn run(cmd: &mut Command) -> (f64, f64) {
    let t = Instant::now();
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child; usage is a valid out-parameter.
    unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let wall = t.elapsed().as_secs_f64() * 1000.0;
    // Already reaped by wait4; this only lets std know.
    let _ = child.try_wait();
    (wall, usage.ru_maxrss as f64 / 1024.0)
}

pub fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Medians of: ours (ms), theirs (ms), the per-pair ratio, our peak RSS (MB).
pub struct Pair {
    pub ours: f64,
    pub theirs: f64,
    pub ratio: f64,
    pub rss: f64,
}

/// Runs `ours(i)` and `theirs(i)` alternately `runs` times (after one
/// untimed warm-up of each). Each returns (ms, MB).
pub fn pair(
    runs: usize,
    mut ours: impl FnMut(usize) -> (f64, f64),
    mut theirs: impl FnMut(usize) -> (f64, f64),
) -> Pair {
    ours(runs);
    theirs(runs);
    let (mut a, mut b, mut r, mut m) = (vec![], vec![], vec![], vec![]);
    for i in 0..runs {
        let (x, mem) = ours(i);
        let (y, _) = theirs(i);
        a.push(x);
        b.push(y);
        r.push(x / y);
        m.push(mem);
    }
    Pair {
        ours: median(a),
        theirs: median(b),
        ratio: median(r),
        rss: median(m),
    }
}

pub fn verzuim(dir: &Path, args: &[&str]) -> Command {
    verzuim_on(dir, "2026-11-20", args)
}

/// The binary on a given day.
pub fn verzuim_on(dir: &Path, today: &str, args: &[&str]) -> Command {
    let exe = std::env::current_exe()
        .expect("exe")
        .with_file_name("verzuim");
    let mut c = Command::new(exe);
    c.arg("--dir").arg(dir).args(["--today", today]).args(args);
    c
}

/// The n-th day after 1 December 2026 (after the bench's usual day).
fn fresh_day(n: usize) -> String {
    let first = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    (first + chrono::Days::new(n as u64)).to_string()
}

/// The first run of `args` on a day, after a run on the day before, as a
/// user's first run of a working day: an unmeasured run on day 2n, the
/// measured one on day 2n + 1 (days no other run of this bench uses).
pub fn first_of_day(dir: &Path, args: &[&str], n: usize) -> (f64, f64) {
    run(&mut verzuim_on(dir, &fresh_day(2 * n), args));
    run(&mut verzuim_on(dir, &fresh_day(2 * n + 1), args))
}

/// A run of `args` with no memo (`store/memo.rs`), as the first run after
/// an install or a new program: the memo files removed before it.
pub fn without_memo(dir: &Path, args: &[&str]) -> (f64, f64) {
    memo::remove_all(&dir.join(".git")).expect("remove the memos");
    run(&mut verzuim(dir, args))
}

/// `cat` of every case file, the floor for reading everything.
pub fn cat(dir: &Path, files: &[String]) -> Command {
    let mut c = Command::new("cat");
    c.current_dir(dir).args(files);
    c
}

/// The TUI in a terminal of 160x48 (`script` gives it a pty), leaving at
/// its first frame with the whole caseload.
pub fn tui(dir: &Path) -> Command {
    let exe = std::env::current_exe()
        .expect("exe")
        .with_file_name("verzuim");
    let inner = format!(
        "stty cols 160 rows 48; exec {} --dir {} --today 2026-11-20",
        exe.display(),
        dir.display()
    );
    let mut c = Command::new("script");
    c.args(["-qec", &inner, "/dev/null"])
        .env("VERZUIM_EXIT_AFTER_FIRST_FRAME", "1");
    c
}

pub fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// A taskwarrior sandbox next to the repository with `n` pending tasks
/// (about a third overdue), written straight into its data file; returns
/// the command `task overdue` with TASKRC and TASKDATA pointing into it.
pub fn taskwarrior(dir: &Path, n: usize) -> Command {
    let base: PathBuf = dir.with_extension("taskwarrior");
    let data = base.join("data");
    let rc = base.join("taskrc");
    if !data.join("pending.data").is_file() {
        std::fs::create_dir_all(&data).expect("task dir");
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_secs();
        let mut text = String::new();
        for i in 0..n {
            // Due from about 200 days ago to 400 days ahead.
            let due = now - 200 * 86400 + (i as u64 * 7919 % 600) * 86400;
            text += &format!(
                "[description:\"bench task {i} for case {i:06}\" due:\"{due}\" entry:\"{e}\" modified:\"{e}\" project:\"verzuim\" status:\"pending\" uuid:\"00000000-0000-4000-8000-{i:012}\"]\n",
                e = now - 400 * 86400
            );
        }
        std::fs::write(data.join("pending.data"), text).expect("pending.data");
        std::fs::write(data.join("completed.data"), "").expect("completed.data");
        std::fs::write(
            &rc,
            format!(
                "data.location={}\nconfirmation=off\nnews.version=2.6.0\n",
                data.display()
            ),
        )
        .expect("taskrc");
    }
    let mut c = Command::new("task");
    c.arg("overdue").env("TASKRC", &rc).env("TASKDATA", &data);
    c
}

/// The whole-process rows: the real binary against `cat`, taskwarrior and
/// the git CLI, pair by pair. `check` and `overdue` each three ways: again
/// on the same day (the memo holds every result), the first run of a day
/// after a run the day before (what a user sees each morning: the memo
/// holds the results whose span of days reaches today), and with no memo
/// at all (after an install or a new program: every case evaluated).
pub fn rows(dir: &Path, runs: usize, n: usize, put: &mut impl FnMut(&str, String)) {
    let files: Vec<String> = load::toml_files(&dir.join("cases"))
        .expect("cases")
        .iter()
        .filter_map(|p| Some(format!("cases/{}", p.file_name()?.to_str()?)))
        .collect();
    let json = ["check", "--json"];
    let cat = |_| run(&mut self::cat(dir, &files));
    let same = pair(runs, |_| run(&mut verzuim(dir, &json)), cat);
    put(
        "whole process: `check --json` (ms)",
        format!("{:.1}", same.ours),
    );
    put("  peak resident memory (MB)", format!("{:.0}", same.rss));
    put("  `cat cases/*.toml` (ms)", format!("{:.1}", same.theirs));
    put("  ratio to `cat`", format!("{:.2}x", same.ratio));
    let first = pair(runs, |i| first_of_day(dir, &json, i), cat);
    put_pair(put, "`check --json`, first run of a day", &first, "`cat`");
    let bare = pair(runs, |_| without_memo(dir, &json), cat);
    put_pair(put, "`check --json`, no memo", &bare, "`cat`");
    let check = pair(runs, |_| run(&mut verzuim(dir, &["check"])), |_| (1.0, 0.0));
    put("whole process: `check` (ms)", format!("{:.1}", check.ours));
    put("  peak resident memory (MB)", format!("{:.0}", check.rss));
    let mut task = have("task").then(|| taskwarrior(dir, n));
    let mut task = |_| task.as_mut().map_or((f64::NAN, 0.0), run);
    let od = pair(runs, |_| run(&mut verzuim(dir, &["overdue"])), &mut task);
    put("whole process: `overdue` (ms)", format!("{:.1}", od.ours));
    put("  peak resident memory (MB)", format!("{:.0}", od.rss));
    put(
        "  taskwarrior `task overdue`, as many tasks (ms)",
        format!("{:.1}", od.theirs),
    );
    put("  ratio to taskwarrior", format!("{:.2}x", od.ratio));
    // Days after those of `check --json` above: none used twice.
    let first = |i| first_of_day(dir, &["overdue"], runs + 1 + i);
    let od1 = pair(runs, first, &mut task);
    put_pair(put, "`overdue`, first run of a day", &od1, "taskwarrior");
    let bare = pair(runs, |_| without_memo(dir, &["overdue"]), &mut task);
    put_pair(put, "`overdue`, no memo", &bare, "taskwarrior");
    add_rows(dir, runs, put);
    let tui = pair(runs, |_| run(&mut self::tui(dir)), |_| (1.0, 0.0));
    put(
        "whole process: TUI to first frame with all cases (ms)",
        format!("{:.1}", tui.ours),
    );
    put("  peak resident memory (MB)", format!("{:.0}", tui.rss));
}

/// A whole-process row: our time, peak memory and ratio to `theirs`.
fn put_pair(put: &mut impl FnMut(&str, String), what: &str, p: &Pair, theirs: &str) {
    put(
        &format!("whole process: {what} (ms)"),
        format!("{:.1}", p.ours),
    );
    put("  peak resident memory (MB)", format!("{:.0}", p.rss));
    put(&format!("  ratio to {theirs}"), format!("{:.2}x", p.ratio));
}

/// The whole-process `add` against the git CLI's add + commit, pair by pair.
pub fn add_rows(dir: &Path, runs: usize, put: &mut impl FnMut(&str, String)) {
    let repo = CaseRepo::open(dir).expect("repo");
    let ids = repo.case_ids().expect("ids");
    let add = pair(
        runs,
        |i| {
            let note = format!("whole {i}");
            let id = &ids[(i * 7 + 3) % ids.len()];
            run(&mut verzuim(
                dir,
                &[
                    "add",
                    id,
                    "notitie",
                    "--date",
                    "2026-11-20",
                    "--note",
                    &note,
                ],
            ))
        },
        |i| {
            (
                super::git_cli_change(dir, &ids[(i * 7 + 5) % ids.len()], i + 1000),
                0.0,
            )
        },
    );
    put(
        "whole process: `add` (one state change) (ms)",
        format!("{:.1}", add.ours),
    );
    put(
        "  `git add` + `git commit` of the same file (ms)",
        format!("{:.1}", add.theirs),
    );
    put("  ratio to the git CLI", format!("{:.2}x", add.ratio));
}
