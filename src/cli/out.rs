//! Writing to stdout and stderr without panicking (`println!` panics when
//! stdout is full or closed). A closed stdout (`verzuim check | head`) ends
//! the command quietly with exit 0, as other Unix tools do; any other
//! output error is one line on stderr and exit 2. The id of a committed
//! change is printed with [`ack`]: a failure there is a warning, since the
//! change is safe and a retry would duplicate it.

use crate::i18n::t;
use std::fmt;
use std::io::{ErrorKind, Write};

/// One line to stdout (the `outln!` macro).
pub fn line(args: fmt::Arguments) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(args).and_then(|_| out.write_all(b"\n")) {
        drop(out);
        fail(&e);
    }
}

/// Flushes stdout at the end of a command.
pub fn flush() {
    if let Err(e) = std::io::stdout().lock().flush() {
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
    if let Err(e) = written
        && e.kind() != ErrorKind::BrokenPipe
    {
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
    let text = crate::domain::text::escape(text);
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
