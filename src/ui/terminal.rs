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
    // The passphrase is asked once, before the screen is taken over.
    let keyring = unlock(repo)?.map(std::sync::Arc::new);
    let effects = worker::spawn_with(repo.root.clone(), today, msg_tx, keyring.clone());
    let mut app = App::new(today, repo.root.display().to_string(), color_wanted());
    app.set_keyring(keyring);
    let _ = effects.send(Effect::Load);
    let mut terminal = ratatui::init();
    keep_terminal_on_worker_panics();
    let result = run_loop(&mut terminal, &mut app, &msg_rx, &effects);
    ratatui::restore();
    // Opened sealed values are wiped, not left to the leak below.
    app.forget_revealed();
    // The process ends right after: freeing every case one by one would
    // only make the user wait (the worker's copy goes the same way).
    std::mem::forget(app);
    result
}

/// The session's key when the repository has compartments and the user a
/// key: from `VERZUIM_PASSPHRASE`, else asked on the terminal. Without a
/// way to ask, the TUI runs with sealed values masked.
fn unlock(repo: &CaseRepo) -> Result<Option<crate::store::keys::Keyring>> {
    use crate::store::keys;
    use std::io::IsTerminal;
    let has_compartments = repo.root.join(crate::domain::compartments::FILE).is_file();
    let Some(path) = keys::identity_path().filter(|_| has_compartments) else {
        return Ok(None);
    };
    if keys::passphrase_from_env().is_none() && !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let ask = |prompt: &str| {
        keys::passphrase_from_env().or_else(|| {
            rpassword::prompt_password(format!("verzuim: {prompt}: "))
                .ok()
                .map(age::secrecy::SecretString::from)
        })
    };
    keys::unlock(&path, &ask).map(Some)
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
                    app.next_id = crate::store::ids::fresh();
                }
                let _ = effects.send(effect);
            }
        }
    }
    Ok(())
}
