//! The `verzuim` binary: everything lives in the library; this only sets a
//! private umask (case data is personal) and runs the command line.

use std::process::ExitCode;

fn main() -> ExitCode {
    // Files and folders created from here on, also by git, are owner-only.
    // SAFETY: umask only changes this process's file-creation mask.
    unsafe {
        libc::umask(0o077);
    }
    verzuim::store::atomic::mark_process_start();
    // Before any thread: libgit2 starts without parsing the CA bundle.
    verzuim::store::git::tls::init_without_ca_bundle();
    verzuim::cli::main()
}
