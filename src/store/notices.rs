//! Notices the store gives while it works (recovery finished, waiting for
//! another process's lock). The store never prints: a front end says where
//! notices go. The command line hands a writer to stderr once at start-up
//! ([`send_to`]), so a wait is told while it lasts; a handle made
//! [`Notices::collect`] (the TUI, or when no front end set a writer) keeps
//! them for the front end to show.

use std::sync::{Mutex, OnceLock};

/// A front end's writer for notices.
pub type Sink = fn(&str);

static SINK: OnceLock<Sink> = OnceLock::new();

/// Sends every notice of handles that do not collect to `sink`. Set once,
/// by the front end, before any repository is opened.
pub fn send_to(sink: Sink) {
    let _ = SINK.set(sink);
}

/// Where one handle's notices go.
pub(crate) struct Notices {
    collected: Option<Mutex<Vec<String>>>,
}

impl Notices {
    /// Notices to the front end's writer (collected if it set none).
    pub(crate) fn send() -> Self {
        Notices { collected: None }
    }

    /// Notices kept for [`Notices::take`].
    pub(crate) fn collect() -> Self {
        Notices {
            collected: Some(Mutex::new(Vec::new())),
        }
    }

    pub(crate) fn give(&self, text: &str) {
        match (&self.collected, SINK.get()) {
            (None, Some(sink)) => sink(text),
            (Some(m), _) => lock(m).push(text.to_string()),
            // No writer set and not collecting: nobody to tell.
            (None, None) => {}
        }
    }

    pub(crate) fn take(&self) -> Vec<String> {
        self.collected
            .as_ref()
            .map(|m| std::mem::take(&mut *lock(m)))
            .unwrap_or_default()
    }
}

fn lock(m: &Mutex<Vec<String>>) -> std::sync::MutexGuard<'_, Vec<String>> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
