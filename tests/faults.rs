//! Faults from outside, on the real binary: kill -9 at random moments, a
//! closed or full stdout, bytes that are not UTF-8, a same-size edit that
//! keeps the mtime, control characters, symlinks, empty ids.

mod common;
use common::Sandbox;
use std::process::Stdio;

const ZHW: &str = "zhw-ziekteverzuim-als-signaal";
const DAY: &str = "2025-09-02";

fn init() -> Sandbox {
    let s = Sandbox::new();
    s.ok(DAY, &["init"]);
    s
}

fn add(id: &str) -> Vec<String> {
    vec![
        "add".into(),
        id.into(),
        "ziek".into(),
        "--date".into(),
        DAY.into(),
    ]
}

#[test]
fn kill_9_at_random_moments_loses_no_acknowledged_event_and_leaves_no_trace() {
    let s = init();
    let ids: Vec<String> = (0..3).map(|_| s.new_case(ZHW)).collect();
    let mut acked = Vec::new();
    let mut seed: u64 = 0x9e37_79b9;
    for i in 0..40 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let args = add(&ids[i % ids.len()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let mut child = s
            .cmd(DAY, &args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_micros(seed % 40_000));
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && !id.is_empty() {
            acked.push(id);
        }
    }
    // The next start undoes whatever was interrupted.
    let args = add(&ids[0]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    acked.push(s.ok(DAY, &args));
    assert_eq!(s.git(&["status", "--porcelain"]), "", "a trace was left");
    let head: String = ids
        .iter()
        .map(|id| s.git(&["show", &format!("HEAD:cases/{id}.toml")]))
        .collect();
    for a in &acked {
        assert!(head.contains(a.as_str()), "acknowledged event {a} lost");
    }
    assert!(!s.dir.join(".git/verzuim-journal").exists());
}

#[test]
fn a_closed_stdout_ends_a_read_quietly_and_a_full_one_is_an_error() {
    let s = init();
    for _ in 0..3 {
        s.new_case(ZHW);
    }
    let mut child = s
        .cmd(DAY, &["check", "--json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader went away, like `| head -c 0`
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let out = s.cmd(DAY, &["check"]).stdout(full()).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("output") || err.contains("uitvoer"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_full_stdout_after_a_commit_is_a_success_with_a_warning() {
    let s = init();
    let id = s.new_case(ZHW);
    let before = s.commit_count();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let args = add(&id);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = s.cmd(DAY, &args).stdout(full).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert_eq!(s.commit_count(), before + 1);
    assert!(
        err.contains("vastgelegd als") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_its_place_and_hides_nothing() {
    let s = init();
    let good = s.new_case(ZHW);
    let bad = s.new_case(ZHW);
    let path = s.case_file(&bad);
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 3;
    bytes.insert(at, 0xff);
    std::fs::write(&path, &bytes).unwrap();
    let out = s.run(DAY, &["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains(&format!(
            "cases/{bad}.toml:2:3: geen geldige UTF-8 (byte {at})"
        )),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&good));
    // A broken settings file falls back to the defaults and says so.
    std::fs::write(s.dir.join("verzuim.toml"), b"lang = \"en\"\nregion = 7\n").unwrap();
    let out = s.run(DAY, &["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("verzuim.toml:2:") && err.contains("defaults"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&good));
}

#[test]
fn a_same_size_edit_that_keeps_the_mtime_is_seen() {
    let s = init();
    let id = s.new_case(ZHW);
    s.ok_or_2(DAY, &["check"]); // fills the parse cache
    let path = s.case_file(&id);
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Anna Test", "Bert Test");
    // In place, like `cp -p` or `rsync --inplace -t`: same inode, size, mtime.
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    std::io::Write::write_all(&mut &f, text.as_bytes()).unwrap();
    f.set_modified(mtime).unwrap();
    drop(f);
    let out = s.ok_or_2(DAY, &["show", &id]);
    assert!(out.contains("Bert Test"), "{out}");
}

#[test]
fn control_characters_are_shown_escaped_and_errors_stay_on_one_line() {
    let s = init();
    let id = s.new_case(ZHW);
    let path = s.case_file(&id);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Anna Test", "Anna\\u001b]0;pwned\\u0007 Test");
    std::fs::write(&path, text).unwrap();
    let out = s.ok_or_2(DAY, &["show", &id]);
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("Anna\\u{1b}]0;pwned\\u{7} Test"), "{out}");
    let err = s.fails(DAY, &["add", "no\nsuch", "ziek"], 1);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    // An empty id is a user error, never the only case.
    let err = s.fails(DAY, &["add", "", "ziek", "--date", DAY], 1);
    assert!(err.contains("lege case-id"), "{err}");
}

#[test]
fn a_symlink_in_cases_is_refused_not_followed() {
    let s = init();
    let good = s.new_case(ZHW);
    let secret = s.home.path().join("secret.toml");
    std::fs::copy(s.case_file(&good), &secret).unwrap();
    std::os::unix::fs::symlink(&secret, s.dir.join("cases/link.toml")).unwrap();
    let out = s.run(DAY, &["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cases/link.toml:1:1") && err.contains("symbolische"),
        "{err}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&good));
}

#[test]
fn a_repository_made_by_git_init_becomes_owner_only() {
    let s = Sandbox::new();
    std::fs::create_dir_all(&s.dir).unwrap();
    std::process::Command::new("git")
        .arg("init")
        .arg("-q")
        .arg(&s.dir)
        .status()
        .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&s.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = s.run(DAY, &["init"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("eigenaar"));
    assert_eq!(common::mode(&s.dir), 0o700);
    assert_eq!(common::mode(&s.dir.join(".git/config")), 0o600);
    let out = s.run(DAY, &["check"]);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("eigenaar"),
        "said once"
    );
}

#[test]
fn git_temp_files_a_crash_left_are_removed_at_start_but_never_a_live_writers() {
    let s = init();
    let id = s.new_case(ZHW);
    let objects = s.dir.join(".git/objects");
    std::fs::create_dir_all(objects.join("pack")).unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let make = |p: std::path::PathBuf, when: Option<std::time::SystemTime>| {
        let f = std::fs::File::create(&p).unwrap();
        if let Some(t) = when {
            f.set_modified(t).unwrap();
        }
        p
    };
    let crashed = [
        make(objects.join("tmp_object_git2_Ab12Cd"), Some(old)),
        make(objects.join("pack/tmp_pack_Xy34"), Some(old)),
    ];
    let live = make(objects.join("pack/tmp_pack_live"), None);
    s.ok(
        DAY,
        &add(&id).iter().map(String::as_str).collect::<Vec<_>>(),
    );
    assert!(crashed.iter().all(|p| !p.exists()), "left-overs stay");
    assert!(live.exists(), "a live fetch's file was removed");
}
