//! Sync over real servers on 127.0.0.1, started and stopped here: an sshd
//! used through a `~/.ssh/config` alias (system git) and through libgit2
//! (agent and key file), smart HTTP with basic auth and a stored
//! credential (both transports), the README's two-machine set-up word for
//! word, and a remote that accepts and never answers.

mod common;
mod servers;
use common::Sandbox;
use servers::*;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const DAY: &str = "2025-09-15";
const P: &str = "leerplichtwet";

fn sh(s: &Sandbox, bin: &Path, script: &str) -> Output {
    Command::new("sh")
        .arg("-ec")
        .arg(script)
        .env_clear()
        .env("HOME", s.home.path())
        .env("PATH", path_with(bin))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("USER", user())
        .output()
        .unwrap()
}

fn assert_ok(out: &Output, what: &str) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{what}: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

/// The `sh` blocks of the README's Sync section.
fn readme_blocks() -> Vec<String> {
    let readme = include_str!("../README.md");
    let start = readme.find("## Sync\n").unwrap();
    let end = start + readme[start..].find("\n## TUI").unwrap();
    readme[start..end]
        .split("```sh\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap().to_string())
        .collect()
}

#[test]
fn the_readmes_two_machine_set_up_over_an_ssh_alias_word_for_word() {
    if !have(SSHD, "readme set-up over ssh") {
        return;
    }
    let (a, b) = (Sandbox::named("Officer A"), Sandbox::named("Officer B"));
    let tmp = tempfile::tempdir().unwrap();
    let (ka, kb) = (a.home.path().join("key"), b.home.path().join("key"));
    keygen(&ka, "ed25519");
    keygen(&kb, "ed25519");
    let (server, known) = sshd(&tmp.path().join("sshd"), &[&ka, &kb]);
    let bin_a = ssh_home(a.home.path(), server.port, &known, &ka);
    let bin_b = ssh_home(b.home.path(), server.port, &known, &kb);
    let blocks = readme_blocks();
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    // The only change: the remote's folder lives in this test's temp dir
    // instead of the server user's home.
    let remote = tmp.path().join("cases.git");
    let local = |b: &str| b.replace("cases.git", remote.to_str().unwrap());
    assert_ok(&sh(&a, &bin_a, &local(&blocks[0])), "first machine");
    let out = assert_ok(&sh(&b, &bin_b, &local(&blocks[1])), "second machine");
    assert!(out.contains("Anna de Vries"), "{out}");
    assert!(b.home.path().join("verzuim/cases").is_dir());
    // Both keep going: a change on B reaches A.
    let dir_b = b.home.path().join("verzuim");
    let id = std::fs::read_dir(dir_b.join("cases"))
        .unwrap()
        .filter_map(|e| Some(e.ok()?.path().file_stem()?.to_str()?.to_string()))
        .find(|n| !n.starts_with('.'))
        .unwrap();
    let script =
        format!("verzuim --dir ~/verzuim add {id} ziek --date {DAY}\nverzuim --dir ~/verzuim sync");
    assert_ok(&sh(&b, &bin_b, &script), "B adds and syncs");
    let out = assert_ok(&sh(&a, &bin_a, "verzuim --dir ~/verzuim sync"), "A syncs");
    assert!(out.contains("1 gebeurtenis toegevoegd"), "{out}");
}

/// A repository of A's pushed to a bare remote at `remote` (a path).
fn seeded(remote: &Path) -> (Sandbox, String) {
    let a = Sandbox::named("Officer A");
    assert!(
        Command::new("git")
            .args(["init", "--bare", "-q"])
            .arg(remote)
            .status()
            .unwrap()
            .success()
    );
    a.ok(DAY, &["init", "--remote", remote.to_str().unwrap()]);
    let id = a.new_case(P);
    a.ok(DAY, &["sync"]);
    (a, id)
}

#[test]
fn libgit2_over_ssh_with_the_agent_and_with_a_key_file() {
    if !have(SSHD, "libgit2 over ssh") || !have("ssh-agent", "libgit2 over ssh") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let remote = tmp.path().join("cases.git");
    let (_a, id) = seeded(&remote);
    let b = Sandbox::named("Officer B");
    let ssh = b.home.path().join(".ssh");
    std::fs::create_dir_all(&ssh).unwrap();
    // A key the server refuses comes first: every key is tried once.
    keygen(&ssh.join("id_ed25519"), "ed25519");
    let good = ssh.join("id_ecdsa");
    keygen(&good, "ecdsa");
    let (server, known) = sshd(&tmp.path().join("sshd"), &[&good]);
    std::fs::write(ssh.join("known_hosts"), &known).unwrap();
    // No user in the URL: the local user name, as ssh does.
    let url = format!("ssh://127.0.0.1:{}{}", server.port, remote.display());
    let libgit2 = |args: &[&str]| {
        b.cmd(DAY, args)
            .env("VERZUIM_GIT", "libgit2")
            .output()
            .unwrap()
    };
    let out = libgit2(&["clone", &url]);
    assert_ok(&out, "clone with key files");
    assert!(b.case_file(&id).exists());
    // The agent alone: the key files gone, the good key in a fresh agent.
    let sock = tmp.path().join("agent.sock");
    let mut agent = Command::new("ssh-agent")
        .args(["-D", "-a"])
        .arg(&sock)
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(5);
    while !sock.exists() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(20));
    }
    let added = Command::new("ssh-add")
        .arg(&good)
        .env("SSH_AUTH_SOCK", &sock)
        .output()
        .unwrap();
    assert!(added.status.success(), "{added:?}");
    for k in ["id_ed25519", "id_ecdsa"] {
        std::fs::remove_file(ssh.join(k)).unwrap();
    }
    b.ok(DAY, &["add", &id, "ziek", "--date", DAY]);
    let out = b
        .cmd(DAY, &["sync"])
        .env("VERZUIM_GIT", "libgit2")
        .env("SSH_AUTH_SOCK", &sock)
        .output()
        .unwrap();
    let _ = agent.kill();
    let _ = agent.wait();
    assert_ok(&out, "sync with the agent");
    assert!(assert_ok(&out, "sync").contains("uit: 1 commit"));
}

#[test]
fn smart_http_with_basic_auth_and_a_stored_credential_on_both_transports() {
    if !have("python3", "smart http") {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let remote = tmp.path().join("srv/cases.git");
    std::fs::create_dir_all(remote.parent().unwrap()).unwrap();
    let (a, id) = seeded(&remote);
    let server = http_backend(&tmp.path().join("http"), &tmp.path().join("srv"));
    let url = format!("http://127.0.0.1:{}/cases.git", server.port);
    for (n, transport) in ["git", "libgit2"].iter().enumerate() {
        let b = Sandbox::named("Officer B");
        let gitconfig = b.home.path().join(".gitconfig");
        let mut cfg = std::fs::read_to_string(&gitconfig).unwrap();
        cfg.push_str("[credential]\n\thelper = store\n");
        std::fs::write(&gitconfig, cfg).unwrap();
        std::fs::write(
            b.home.path().join(".git-credentials"),
            format!("http://user:secret@127.0.0.1:{}\n", server.port),
        )
        .unwrap();
        let run = |args: &[&str]| {
            b.cmd(DAY, args)
                .env("VERZUIM_GIT", transport)
                .output()
                .unwrap()
        };
        assert_ok(&run(&["clone", &url]), transport);
        assert!(b.case_file(&id).exists(), "{transport}");
        b.ok(DAY, &["add", &id, "gesprek", "--date", DAY]);
        assert_ok(&run(&["sync"]), transport);
        let out = a.ok(DAY, &["sync"]);
        assert!(
            out.contains("1 gebeurtenis toegevoegd"),
            "{transport} ({n}): {out}"
        );
    }
}

#[test]
fn a_remote_that_never_answers_fails_within_the_bound_and_blocks_no_write() {
    let a = Sandbox::new();
    a.ok(DAY, &["init"]);
    let id = a.new_case(P);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts every connection and never says a word.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for c in listener.incoming() {
            held.push(c);
        }
    });
    a.git(&[
        "remote",
        "add",
        "origin",
        &format!("ssh://127.0.0.1:{port}/x.git"),
    ]);
    let started = Instant::now();
    let mut sync = a.cmd(DAY, &["sync"]).spawn().unwrap();
    // While sync waits on the network, writes go on.
    std::thread::sleep(Duration::from_secs(2));
    let t = Instant::now();
    a.ok(DAY, &["add", &id, "ziek", "--date", DAY]);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "a write waited on sync"
    );
    let status = sync.wait().unwrap();
    assert!(!status.success());
    assert!(
        started.elapsed() < Duration::from_secs(40),
        "took {:?}",
        started.elapsed()
    );
}
