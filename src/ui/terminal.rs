//! The loop that owns the terminal: reads keys, runs `tui::update`, sends
//! effects to the worker and draws. It lives with the views so the state
//! machine (`tui`) never depends on them.

use crate::store::{CaseRepo, Result, StoreError};
use crate::tui::model::App;
use crate::tui::msg::{Effect, Msg};
use crate::tui::{update, worker};
use chrono::NaiveDate;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

/// Whether colours are wanted (the NO_COLOR convention).
pub fn color_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Runs the TUI on a repository until the user quits. The terminal is
/// restored on every exit path; `ratatui::init` also restores it on a panic.
pub fn run_on(repo: &CaseRepo, today: NaiveDate) -> Result<()> {
    let (msg_tx, msg_rx) = mpsc::channel();
    let effects = worker::spawn(repo.root.clone(), today, msg_tx);
    let mut app = App::new(today, repo.root.display().to_string(), color_wanted());
    let _ = effects.send(Effect::Load);
    let mut terminal = ratatui::init();
    keep_terminal_on_worker_panics();
    let result = run_loop(&mut terminal, &mut app, &msg_rx, &effects);
    ratatui::restore();
    // The process ends right after: freeing every case one by one would
    // only make the user wait (the worker's copy goes the same way).
    std::mem::forget(app);
    result
}

/// `ratatui::init` restores the terminal on any panic. The worker catches
/// its own panics and reports them (`worker::run_caught`), so for that
/// thread the terminal stays as it is and nothing is printed over it.
fn keep_terminal_on_worker_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() != Some(worker::THREAD) {
            previous(info);
        }
    }));
}

/// Set (to anything) to leave as soon as the first frame that shows the
/// whole caseload is drawn: how the benchmark times start-up of the real
/// binary in a terminal.
pub const EXIT_AFTER_FIRST_FRAME: &str = "VERZUIM_EXIT_AFTER_FIRST_FRAME";

fn run_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    inbox: &Receiver<Msg>,
    effects: &Sender<Effect>,
) -> Result<()> {
    let io = |e: std::io::Error| StoreError::Repo(format!("terminal: {e}"));
    let mut dirty = true;
    let exit_after_first_frame = std::env::var_os(EXIT_AFTER_FIRST_FRAME).is_some();
    while !app.quit {
        if dirty {
            terminal.draw(|f| super::draw(f, app)).map_err(io)?;
            dirty = false;
            if exit_after_first_frame && !app.loading {
                break;
            }
        }
        let mut msgs = Vec::new();
        // While the caseload loads, look for it often: it is the first
        // frame a person waits for.
        let wait = Duration::from_millis(if app.loading { 2 } else { 40 });
        if event::poll(wait).map_err(io)? {
            match event::read().map_err(io)? {
                Event::Key(k) if k.kind == KeyEventKind::Press => msgs.push(Msg::Key(k)),
                Event::Resize(..) => msgs.push(Msg::Resize),
                _ => {}
            }
        }
        msgs.extend(inbox.try_iter());
        for msg in msgs {
            dirty = true;
            for effect in update::update(app, msg) {
                if matches!(effect, Effect::CreateCase { .. }) {
                    app.next_id = crate::domain::ids::new_id();
                }
                let _ = effects.send(effect);
            }
        }
    }
    Ok(())
}
