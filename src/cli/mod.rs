//! The command-line contract (product specification): arguments, and the
//! mapping of errors to exit codes. Commands live in their own modules.

mod args;
mod args_fields;
mod commands;
mod conflicts;
mod correct;
mod ctx;
mod demo;
mod due;
mod help;
mod import;
mod join;
mod json;
mod keys;
mod letter;
mod markdown;
mod messages;
pub(crate) mod out;
mod protocols;
mod read;
mod record;
mod report;
mod report_pdf;
mod retention;
mod setup;
mod show;
mod values;
mod workflow;

pub use args::{Cli, Command};
pub use demo::create_demo_repo;

use std::process::ExitCode;

/// Parses arguments and runs the command; prints errors on one line.
pub fn main() -> ExitCode {
    crate::store::notices::send_to(out::err_line);
    let cli = match args::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match commands::run(cli) {
        Ok(code) => {
            out::flush();
            code
        }
        Err(e) => {
            out::flush();
            out::err_line(&format!("verzuim: {e}"));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
