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
    fn screen(&self) -> String {
        self.cmd(&["capture-pane", "-p", "-t", "e2e"])
    }
    /// Waits until the screen shows `text`; panics with the screen if not.
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(15) {
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

#[test]
fn demo_end_to_end_in_a_real_terminal() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipping the real-terminal test");
        return;
    }
    let s = Sandbox::new();
    let tmp = s.home.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let script = format!(
        "env -i HOME={home} PATH=/usr/bin:/bin TERM=xterm-256color GIT_CONFIG_NOSYSTEM=1 TMPDIR={tmp} NO_COLOR=1 {bin} --today 2025-11-21 demo; \
         echo VERZUIM-EXITED; stty -a; sleep 60",
        home = s.home.path().display(),
        tmp = tmp.display(),
        bin = env!("CARGO_BIN_EXE_verzuim"),
    );
    let t = Tmux {
        socket: format!("verzuim-e2e-{}", std::process::id()),
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
    t.wait_for("Vandaag 2025-11-21");
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
    let screen = t.wait_for("vastgelegd: add contact-ouders 2025-11-21");
    assert!(
        screen.contains("2025-11-21  contact-ouders"),
        "timeline shows the event:\n{screen}"
    );
    // The commit is in the case's history.
    t.keys(&["h"]);
    let screen = t.wait_for("+kind = \"contact-ouders\"");
    assert!(screen.contains("add contact-ouders 2025-11-21"), "{screen}");
    // Undo it: a revert commit.
    t.keys(&["Escape", "u"]);
    let screen = t.wait_for("vastgelegd: undo add contact-ouders");
    assert!(
        !screen.contains("2025-11-21  contact-ouders"),
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
    // Quit: back, back (clears the search), quit.
    t.keys(&["q", "q", "q"]);
    let screen = t.wait_for("VERZUIM-EXITED");
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

/// With `VERZUIM_EXIT_AFTER_FIRST_FRAME` set (how the benchmark times the
/// real binary) the TUI leaves by itself once the whole caseload is drawn,
/// with the terminal restored.
#[test]
fn exits_after_the_first_full_frame_when_asked() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("tmux is not installed: skipping the real-terminal test");
        return;
    }
    let s = Sandbox::new();
    let tmp = s.home.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let script = format!(
        "env -i HOME={home} PATH=/usr/bin:/bin TERM=xterm-256color GIT_CONFIG_NOSYSTEM=1 TMPDIR={tmp} NO_COLOR=1 VERZUIM_EXIT_AFTER_FIRST_FRAME=1 {bin} --today 2025-11-21 demo; \
         echo VERZUIM-EXITED $?; sleep 60",
        home = s.home.path().display(),
        tmp = tmp.display(),
        bin = env!("CARGO_BIN_EXE_verzuim"),
    );
    let t = Tmux {
        socket: format!("verzuim-first-frame-{}", std::process::id()),
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
    let screen = t.wait_for("VERZUIM-EXITED");
    assert!(screen.contains("VERZUIM-EXITED 0"), "{screen}");
}
