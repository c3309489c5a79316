//! libgit2's TLS set-up without the CA bundle at start. libgit2 (git2's
//! `https` feature) initialises OpenSSL in every process and, through
//! `SSL_CTX_set_default_verify_paths`, parses the whole system CA bundle
//! (about 140 certificates): 20-25 ms of every command, although only a
//! sync over https by the libgit2 fallback ever needs it. So the bundle is
//! hidden from OpenSSL while libgit2 starts and is handed to libgit2 only
//! when that transport is about to connect ([`load_ca_bundle`]).

use std::ffi::OsString;
use std::sync::OnceLock;

const VAR: &str = "SSL_CERT_FILE";

/// Set when libgit2 started without a CA bundle: the bundle the user named
/// in `SSL_CERT_FILE`, if any, to load when it is needed.
static DEFERRED: OnceLock<Option<OsString>> = OnceLock::new();

/// Starts libgit2 without parsing the CA bundle. Call first thing in
/// `main`, before any thread exists: it changes the environment for the
/// duration of the start and then puts it back as it was, so children
/// (the system git) and later code see what the user set.
pub fn init_without_ca_bundle() {
    let users = std::env::var_os(VAR);
    // SAFETY: called at the start of `main`, single-threaded.
    unsafe { std::env::set_var(VAR, "/dev/null") };
    libgit2_sys::init();
    match &users {
        // SAFETY: as above.
        Some(v) => unsafe { std::env::set_var(VAR, v) },
        None => unsafe { std::env::remove_var(VAR) },
    }
    let _ = DEFERRED.set(users);
}

/// Gives libgit2 the CA bundle OpenSSL would have loaded at start (the
/// user's `SSL_CERT_FILE`, else found as git2 finds it), once, before the
/// first https connection of the libgit2 transport.
pub fn load_ca_bundle() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    let Some(users) = DEFERRED.get() else {
        return;
    };
    ONCE.call_once(|| {
        let file = users
            .clone()
            .map(std::path::PathBuf::from)
            .or_else(|| openssl_probe::probe().cert_file);
        if let Some(file) = file {
            // SAFETY: writes libgit2's global certificate locations before
            // this process starts a transfer (the sync runs one at a time).
            let _ = unsafe { git2::opts::set_ssl_cert_file(file) };
        }
    });
}

#[cfg(test)]
mod tests {
    /// What the deferral relies on: libgit2 accepts a bundle after it has
    /// started (an https sync then verifies against it).
    #[test]
    fn a_ca_bundle_can_be_given_after_start() {
        libgit2_sys::init();
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "").unwrap();
        // An empty bundle holds no certificate: OpenSSL refuses it, which
        // shows the file is read at this call, not at start.
        let refused = unsafe { git2::opts::set_ssl_cert_file(&empty) };
        assert!(refused.is_err());
        if let Some(real) = openssl_probe::probe().cert_file {
            unsafe { git2::opts::set_ssl_cert_file(real) }.unwrap();
        }
    }
}
