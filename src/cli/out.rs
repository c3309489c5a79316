//! Writing to stdout and stderr without panicking (`println!` panics when
//! stdout is full or closed). A closed stdout (`verzuim check | head`) ends
//! the command quietly with exit 0, as other Unix tools do; any other
//! output error is one line on stderr and exit 2. The id of a committed
//! change is printed with [`ack`]: a failure there is a warning, since the
//! change is safe and a retry would duplicate it.

use crate::domain::text::escape;
use crate::i18n::t;
use std::fmt;
use std::io::{ErrorKind, Write};
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once stdout failed after a commit: nothing more is written to it.
static GAVE_UP: AtomicBool = AtomicBool::new(false);

/// One line (or lines) to stdout (the `outln!` macro), control characters
/// other than line ends escaped: this is the one place every printed name,
/// note, id and file name passes.
pub fn line(args: fmt::Arguments) {
    let text = args.to_string();
    let shown: Vec<_> = text.split('\n').map(escape).collect();
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{}", shown.join("\n")) {
        drop(out);
        fail(&e);
    }
}

/// Flushes stdout at the end of a command.
pub fn flush() {
    if GAVE_UP.load(Ordering::Relaxed) {
        return;
    }
    if let Err(e) = std::io::stdout().lock().flush() {
        fail(&e);
    }
}

/// The end of a buffered write to stdout: a closed pipe ends the command
/// quietly (exit 0), any other error is one line and exit 2.
pub fn done(written: std::io::Result<()>) {
    if let Err(e) = written {
        fail(&e);
    }
}

fn fail(e: &std::io::Error) -> ! {
    if e.kind() == ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    err_line(&format!(
        "verzuim: {}: {e}",
        t("uitvoer niet geschreven", "could not write the output")
    ));
    std::process::exit(2);
}

/// Prints the id of a change that is committed; exit 0 whatever happens.
pub fn ack(id: &str) {
    let mut out = std::io::stdout().lock();
    let written = writeln!(out, "{id}").and_then(|_| out.flush());
    let Err(e) = written else { return };
    GAVE_UP.store(true, Ordering::Relaxed);
    if e.kind() != ErrorKind::BrokenPipe {
        err_line(&format!(
            "verzuim: {} {id}, {}: {e}",
            t("vastgelegd als", "committed as"),
            t(
                "maar het id is niet geschreven",
                "but the id could not be printed"
            )
        ));
    }
}

/// One line to stderr, control characters escaped (so an error is always
/// one line); errors writing it are ignored, there is nowhere left to tell.
pub fn err_line(text: &str) {
    let text = escape(text);
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// `println!` that never panics: see [`line`].
macro_rules! outln {
    () => { $crate::cli::out::line(format_args!("")) };
    ($($arg:tt)*) => { $crate::cli::out::line(format_args!($($arg)*)) };
}
pub(crate) use outln;

/// `eprintln!` that never panics and keeps each message on one line.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::out::err_line(&format!($($arg)*)) };
}
pub(crate) use errln;
