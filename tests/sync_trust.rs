//! Sync over real servers, the parts a user's own set-up decides: their
//! `~/.ssh/config` wins over the options sync adds, and an https server
//! with the organisation's own CA works with `http.sslCAInfo` (system git
//! and libgit2) and fails with a clear Dutch message without it.

mod common;
mod servers;
use common::Sandbox;
use servers::*;
use std::path::Path;
use std::process::{Command, Output};

const DAY: &str = "2025-09-15";
const P: &str = "leerplichtwet";

fn assert_ok(out: &Output, what: &str) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what}: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

fn git_init_bare(remote: &Path) {
    let ok = Command::new("git")
        .args(["init", "--bare", "-q"])
        .arg(remote)
        .status()
        .unwrap();
    assert!(ok.success());
}

#[test]
fn the_users_ssh_config_wins_over_our_ssh_options() {
    if !have(SSHD, "ssh config wins") {
        return;
    }
    let a = Sandbox::named("Officer A");
    let tmp = tempfile::tempdir().unwrap();
    let key = a.home.path().join("key");
    keygen(&key, "ed25519");
    let (server, known) = sshd(&tmp.path().join("sshd"), &[&key]);
    let bin = ssh_home(a.home.path(), server.port, &known, &key);
    // The user's own timeouts for this host.
    let config = a.home.path().join(".ssh/config");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("  ConnectTimeout 7\n  ServerAliveInterval 4\n");
    std::fs::write(&config, text).unwrap();
    // An ssh that records how git calls it, then runs the real one with
    // this home's config (OpenSSH takes ~ from the password database).
    let log = tmp.path().join("ssh-args");
    std::fs::write(
        bin.join("ssh"),
        format!(
            "#!/bin/sh\necho \"$@\" >> {}\nexec /usr/bin/ssh -F {} \"$@\"\n",
            log.display(),
            config.display()
        ),
    )
    .unwrap();
    let remote = tmp.path().join("cases.git");
    git_init_bare(&remote);
    let url = format!("server:{}", remote.display());
    let run = |args: &[&str]| {
        a.cmd(DAY, args)
            .env("PATH", path_with(&bin))
            .output()
            .unwrap()
    };
    assert_ok(&run(&["init", "--remote", &url]), "init");
    let id = a.new_case(P);
    let out = run(&["sync"]);
    assert_ok(&out, "sync over the alias");
    let calls = std::fs::read_to_string(&log).unwrap();
    let connects: Vec<&str> = calls.lines().filter(|l| l.contains("git-")).collect();
    assert!(!connects.is_empty(), "{calls}");
    for c in &connects {
        assert!(c.contains("BatchMode=yes"), "{c}");
        assert!(c.contains("ServerAliveCountMax=3"), "{c}");
        assert!(!c.contains("ConnectTimeout"), "{c}");
        assert!(!c.contains("ServerAliveInterval"), "{c}");
    }
    // What ssh really used for the connection: the user's values.
    let g = Command::new("/usr/bin/ssh")
        .arg("-F")
        .arg(&config)
        .args(["-G", "-o", "BatchMode=yes", "server"])
        .output()
        .unwrap();
    let effective = String::from_utf8_lossy(&g.stdout);
    assert!(effective.contains("connecttimeout 7"), "{effective}");
    assert!(effective.contains("serveraliveinterval 4"), "{effective}");
    let log = Command::new("git")
        .arg("--git-dir")
        .arg(&remote)
        .args(["log", "--oneline"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&log.stdout).contains(&id[..8]),
        "the case reached the remote"
    );
}

/// A CA and a server certificate for 127.0.0.1 signed by it, made with the
/// `openssl` command; returns (ca.pem, server.pem, server.key).
fn own_ca(dir: &Path) -> (String, String, String) {
    let p = |n: &str| dir.join(n).to_str().unwrap().to_string();
    let run = |args: &[&str]| {
        let out = Command::new("openssl").args(args).output().unwrap();
        assert!(out.status.success(), "openssl {args:?}: {out:?}");
    };
    run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=verzuim test CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout",
        &p("ca.key"),
        "-out",
        &p("ca.pem"),
    ]);
    run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-keyout",
        &p("server.key"),
        "-out",
        &p("server.csr"),
    ]);
    std::fs::write(
        dir.join("ext"),
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-days",
        "2",
        "-in",
        &p("server.csr"),
        "-CA",
        &p("ca.pem"),
        "-CAkey",
        &p("ca.key"),
        "-CAcreateserial",
        "-extfile",
        &p("ext"),
        "-out",
        &p("server.pem"),
    ]);
    (p("ca.pem"), p("server.pem"), p("server.key"))
}

#[test]
fn https_with_our_own_ca_on_both_transports_and_a_clear_message_without_it() {
    if !have("python3", "https with own CA") || !have("openssl", "https with own CA") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let remote = tmp.path().join("srv/cases.git");
    std::fs::create_dir_all(remote.parent().unwrap()).unwrap();
    git_init_bare(&remote);
    let a = Sandbox::named("Officer A");
    a.ok(DAY, &["init", "--remote", remote.to_str().unwrap()]);
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    let (ca, cert, key) = own_ca(tmp.path());
    let server = https_backend(
        &tmp.path().join("https"),
        &tmp.path().join("srv"),
        &cert,
        &key,
    );
    let url = format!("https://127.0.0.1:{}/cases.git", server.port);
    for transport in ["git", "libgit2"] {
        let b = Sandbox::named("Officer B");
        let gitconfig = b.home.path().join(".gitconfig");
        let mut cfg = std::fs::read_to_string(&gitconfig).unwrap();
        cfg.push_str("[credential]\n\thelper = store\n");
        std::fs::write(&gitconfig, &cfg).unwrap();
        std::fs::write(
            b.home.path().join(".git-credentials"),
            format!("https://user:secret@127.0.0.1:{}\n", server.port),
        )
        .unwrap();
        let run = |args: &[&str]| {
            b.cmd(DAY, args)
                .env("VERZUIM_GIT", transport)
                .output()
                .unwrap()
        };
        // Without the CA: refused, in Dutch, with what to do.
        let out = run(&["clone", &url]);
        assert!(!out.status.success(), "{transport}: trusted an unknown CA");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("mislukt"), "{transport}: {err}");
        assert!(
            err.contains("certificaat van de server wordt niet vertrouwd")
                && err.contains("http.sslCAInfo"),
            "{transport}: {err}"
        );
        assert!(!b.case_file(&id).exists(), "{transport}");
        // With the CA in the user's git config: clone and sync both ways.
        cfg.push_str(&format!("[http]\n\tsslCAInfo = {ca}\n"));
        std::fs::write(&gitconfig, &cfg).unwrap();
        assert_ok(&run(&["clone", &url]), transport);
        assert!(b.case_file(&id).exists(), "{transport}");
        b.ok(DAY, &["add", &id, "gesprek", "--date", DAY]);
        assert_ok(&run(&["sync"]), transport);
        let out = a.ok(DAY, &["sync"]);
        assert!(
            out.contains("1 gebeurtenis toegevoegd"),
            "{transport}: {out}"
        );
    }
}
