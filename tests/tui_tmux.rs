//! The TUI in a real terminal, driven through tmux the way a person uses
//! it: open the demo, search a name, open the case, add an event through
//! the form, see it in the timeline, see the commit in history, undo it,
//! and quit with the terminal restored. Skipped (with a message) when tmux
//! is not installed; CI installs it.

mod common;
use common::Sandbox;
use std::process::Command;
use std::time::{Duration, Instant};

struct Tmux {
    socket: String,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .args(["-L", &self.socket])
            .args(args)
            .output()
            .expect("tmux runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "e2e", k]);
            std::thread::sleep(Duration::from_millis(60));
        }
    }
    /// Presses `q` until the program has ended (`q` steps back from a
    /// case and a search, then quits), waiting for each step to show.
    fn quit(&self) -> String {
        for _ in 0..6 {
            self.keys(&["q"]);
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(3) {
                let screen = self.screen();
                if screen.contains("VERZUIM-EXITED") {
                    return screen;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }
        self.wait_for("VERZUIM-EXITED")
    }
    fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "e2e"])
    }
    /// Waits until the screen shows `text`; panics with the screen if not.
    fn wait_for(&self, text: &str) -> String {
        self.wait_within(text, Duration::from_secs(15))
    }
    fn wait_within(&self, text: &str, limit: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > limit {
                panic!("timed out waiting for {text:?}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// The demo in a tmux session at 130x36 with a clean environment (plus
/// `env`), then `after` in the shell; None (with a message) without tmux.
fn demo_session(s: &Sandbox, name: &str, env: &str, after: &str) -> Option<Tmux> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipping the real-terminal test");
        return None;
    }
    let tmp = s.home.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let script = format!(
        "env -i HOME={home} PATH=/usr/bin:/bin TERM=xterm-256color GIT_CONFIG_NOSYSTEM=1 TMPDIR={tmp} NO_COLOR=1 {env} {bin} --today 2025-11-21 demo; {after}",
        home = s.home.path().display(),
        tmp = tmp.display(),
        bin = env!("CARGO_BIN_EXE_verzuim"),
    );
    let t = Tmux {
        socket: format!("verzuim-{name}-{}", std::process::id()),
    };
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "130",
        "-y",
        "36",
        &script,
    ]);
    Some(t)
}

#[test]
fn demo_end_to_end_in_a_real_terminal() {
    let s = Sandbox::new();
    let tmp = s.home.path().join("tmp");
    let Some(t) = demo_session(&s, "e2e", "", "echo VERZUIM-EXITED; stty -a; sleep 60") else {
        return;
    };
    t.wait_for("Vandaag 21-11-2025");
    // Search a name and open the case.
    t.keys(&["2", "/"]);
    t.keys(&["S", "a", "n", "n", "e"]);
    t.wait_for("/ Sanne");
    t.keys(&["Enter", "Enter"]);
    t.wait_for("Tijdlijn");
    // Add an event through the form: kind contact-ouders, today's date.
    t.keys(&["a"]);
    t.wait_for("Gebeurtenis toevoegen");
    t.keys(&["c", "Enter"]);
    let screen = t.wait_for("vastgelegd: contact mentor met ouders van 21-11-2025 toegevoegd");
    assert!(
        screen.contains("21-11-2025  Contact mentor met ouders"),
        "timeline shows the event:\n{screen}"
    );
    // The commit is in the case's history.
    t.keys(&["h"]);
    let screen = t.wait_for("+kind = \"contact-ouders\"");
    assert!(screen.contains("add contact-ouders 2025-11-21"), "{screen}");
    // Undo it: a revert commit.
    t.keys(&["Escape", "u"]);
    let screen = t.wait_for("vastgelegd: ongedaan gemaakt: contact mentor met ouders");
    assert!(
        !screen.contains("21-11-2025  Contact mentor met ouders"),
        "event gone after undo:\n{screen}"
    );
    // And git tells who did what.
    let demo = std::fs::read_dir(&tmp)
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("verzuim-demo-"))
        .unwrap();
    let log = Command::new("git")
        .arg("-C")
        .arg(demo.path().join("dossiers"))
        .args(["log", "--format=%an|%s"])
        .env("HOME", s.home.path())
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&log.stdout);
    let lines: Vec<&str> = log.lines().collect();
    assert!(
        lines[0].starts_with("Test Officer|undo ") && lines[0].contains("add contact-ouders"),
        "{log}"
    );
    assert!(
        lines[1].starts_with("Test Officer|case ")
            && lines[1].contains("add contact-ouders 2025-11-21"),
        "{log}"
    );
    // Quit: back, back (clears the search), quit; one key at a time, each
    // after the screen has answered, so a busy machine cannot reorder them.
    t.quit();
    // `stty -a` prints after the marker: wait for its last flags line.
    let screen = t.wait_for("echoke");
    assert!(
        screen.contains(" icanon") && !screen.contains("-icanon"),
        "cooked mode restored:\n{screen}"
    );
    assert!(
        screen.contains(" echo ") && !screen.contains("-echo "),
        "echo restored:\n{screen}"
    );
    // The demo's temp folder is gone with the demo.
    assert!(
        !demo.path().exists(),
        "demo folder left behind: {}",
        demo.path().display()
    );
}

/// A tmux session running `verzuim <args>` on the sandbox at `w`x`h`;
/// None (with a message) when tmux is not installed.
fn start(s: &Sandbox, name: &str, args: &str, w: u16, h: u16) -> Option<Tmux> {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipping the real-terminal test");
        return None;
    }
    let tmp = s.home.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let script = format!(
        "env -i HOME={home} PATH=/usr/bin:/bin TERM=xterm-256color GIT_CONFIG_NOSYSTEM=1 TMPDIR={tmp} NO_COLOR=1 {bin} --dir {dir} --today 2025-11-21 {args}; \
         echo VERZUIM-EXITED; sleep 60",
        home = s.home.path().display(),
        tmp = tmp.display(),
        dir = s.dir.display(),
        bin = env!("CARGO_BIN_EXE_verzuim"),
    );
    let t = Tmux {
        socket: format!("verzuim-{name}-{}", std::process::id()),
    };
    let (w, h) = (w.to_string(), h.to_string());
    t.cmd(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        &w,
        "-y",
        &h,
        &script,
    ]);
    Some(t)
}

fn assert_shows(screen: &str, texts: &[&str]) {
    for text in texts {
        assert!(screen.contains(text), "missing {text:?}:\n{screen}");
    }
}

#[test]
fn every_screen_is_readable_at_80x24() {
    let s = Sandbox::new();
    let Some(t) = start(&s, "small", "demo", 80, 24) else {
        return;
    };
    // The last row waited for, not the title: on a loaded machine the
    // title was captured before the rest of the first frame.
    let screen = t.wait_for("Fatima El Idrissi");
    assert_shows(
        &screen,
        &[
            "9 over tijd",
            "Over tijd",
            "Actie of signaal",
            "Fatima El Idrissi",
            "signaal: Thuiszitter: meer dan",
            "? help",
        ],
    );
    assert!(!screen.contains("te laat"), "{screen}");
    t.keys(&["2"]);
    let screen = t.wait_for("Dossiers (12/13)");
    assert_shows(&screen, &["Volgende actie", "f wist", "Fatima El Idrissi"]);
    t.keys(&["p"]);
    let screen = t.wait_for("Filter: protocol");
    assert_shows(&screen, &["zhw-ziekteverzuim-als-signaal", "alle"]);
    t.keys(&["Escape", "/", "S", "a", "n", "n", "e", "Enter", "Enter"]);
    let screen = t.wait_for("Tijdlijn (a nieuw, E corrigeer");
    assert_shows(
        &screen,
        &[
            "Open acties: 2 (x, v, b)",
            "Geboren: 12-04-2011",
            "Mentor neemt contact",
        ],
    );
    t.keys(&["a"]);
    let screen = t.wait_for("Gebeurtenis toevoegen");
    assert_shows(&screen, &["Enter opslaan  Esc annuleren", "21-11-2025"]);
    t.keys(&["Escape", "?"]);
    let screen = t.wait_for("Een toets sluit deze help.");
    assert_shows(
        &screen,
        &["dossier bewerken", "terug; op Vandaag/Dossiers: afsluiten"],
    );
    // b: the letter choice, fitting letters first (Esc leaves it unsent).
    t.keys(&["Escape", "b"]);
    let screen = t.wait_for("Brief (* past bij de actie");
    assert_shows(&screen, &["* Uitnodiging ouders voor een gesprek"]);
    t.keys(&["Escape", "h"]);
    let screen = t.wait_for("Geschiedenis van Sanne de Vries");
    assert_shows(&screen, &["Test Officer", "demo: 13 sample cases"]);
    // Esc on a top screen asks; q quits.
    t.keys(&["Escape", "Escape", "2", "Escape", "Escape"]);
    t.wait_for("verzuim afsluiten?");
    t.keys(&["q", "q"]);
    t.wait_for("VERZUIM-EXITED");
}

#[test]
fn an_outside_change_shows_up_in_an_open_tui_keeping_the_case_open() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let id = s.new_case("leerplichtwet");
    let Some(t) = start(&s, "outside", "", 100, 30) else {
        return;
    };
    t.wait_for("1 dossier geladen");
    t.keys(&["2", "Enter"]);
    t.wait_for("Tijdlijn");
    // The CLI in another terminal adds an event and a case.
    s.ok(
        "2025-11-21",
        &["add", &id, "gesprek", "--date", "20-11-2025"],
    );
    let screen = t.wait_within(
        "20-11-2025  Gesprek met leerling/ouders",
        Duration::from_secs(3),
    );
    assert_shows(&screen, &["3 Anna Test", "Tijdlijn", "bijgewerkt"]);
    s.ok(
        "2025-11-21",
        &[
            "new",
            "--name",
            "Bram Buiten",
            "--birth",
            "01-02-2012",
            "--school",
            "De Brug",
            "--level",
            "po",
            "--protocol",
            "leerplichtwet",
        ],
    );
    t.keys(&["2"]);
    t.wait_within("Bram Buiten", Duration::from_secs(3));
}

#[test]
fn the_form_takes_dutch_dates_and_asks_about_an_odd_event() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let id = s.new_case("leerplichtwet");
    let Some(t) = start(&s, "form", "", 100, 30) else {
        return;
    };
    t.wait_for("1 dossier geladen");
    t.keys(&["2", "Enter", "a"]);
    t.wait_for("Gebeurtenis toevoegen");
    // Unauthorised absence on Saturday 22 November, typed the Dutch way.
    t.keys(&["o", "Tab"]);
    t.keys(&["BSpace"; 10]);
    t.keys(&[
        "2", "2", "-", "1", "1", "-", "2", "0", "2", "5", "Tab", "Tab", "2", "Enter",
    ]);
    let screen = t.wait_for("Toch vastleggen?");
    assert_shows(&screen, &["22-11-2025 is geen schooldag"]);
    t.keys(&["j"]);
    t.wait_for("vastgelegd: ongeoorloofd verzuim van 22-11-2025 toegevoegd");
    let file = std::fs::read_to_string(s.case_file(&id)).unwrap();
    assert!(file.contains("date = \"2025-11-22\""), "{file}");
}

/// With `VERZUIM_EXIT_AFTER_FIRST_FRAME` set (how the benchmark times the
/// real binary) the TUI leaves by itself once the whole caseload is drawn,
/// with the terminal restored.
#[test]
fn exits_after_the_first_full_frame_when_asked() {
    let s = Sandbox::new();
    let Some(t) = demo_session(
        &s,
        "first-frame",
        "VERZUIM_EXIT_AFTER_FIRST_FRAME=1",
        "echo VERZUIM-EXITED $?; sleep 60",
    ) else {
        return;
    };
    let screen = t.wait_for("VERZUIM-EXITED");
    assert!(screen.contains("VERZUIM-EXITED 0"), "{screen}");
}

#[test]
fn rapportages_shows_a_report_and_writes_it_to_exports_at_80x24() {
    let s = Sandbox::new();
    s.ok("2025-09-01", &["init"]);
    let id = s.new_case("leerplichtwet");
    s.ok(
        "2025-11-21",
        &["add", &id, "melding-leerplicht", "--date", "2025-10-06"],
    );
    let Some(t) = start(&s, "reports", "", 80, 24) else {
        return;
    };
    t.wait_for("Vandaag 21-11-2025");
    t.keys(&["4"]);
    t.wait_for("Thuiszitters op 21-11-2025");
    t.keys(&["Down"]);
    let screen = t.wait_for("Jaarcijfers schooljaar 2025-2026");
    assert_shows(&screen, &["Meldingen relatief verzuim, totaal", "totaal"]);
    t.keys(&["w"]);
    t.wait_for("exports/jaar-2025-2026.csv_");
    t.keys(&["Enter"]);
    t.wait_for("geschreven:");
    let path = s.dir.join("exports/jaar-2025-2026.csv");
    let mut r = csv::Reader::from_path(&path).unwrap();
    let melding = r
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[0] == "relatief-meldingen")
        .unwrap();
    assert_eq!(&melding[4], "1");
    assert_eq!(common::mode(&path) & 0o777, 0o600);
    assert_eq!(
        s.git(&["status", "--porcelain"]),
        "",
        "an export is never in git"
    );
    t.keys(&["q", "q"]);
    t.wait_for("VERZUIM-EXITED");
}
