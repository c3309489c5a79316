//! The ssh options sync adds when the user names no ssh command: batch
//! mode and timeouts, each only where the user's ssh configuration leaves
//! ssh's default. A `-o` on the command line beats `~/.ssh/config` (ssh
//! takes the first value it obtains), so we ask ssh itself: `ssh -G HOST`
//! prints the effective configuration, `ssh -F /dev/null -G HOST` the
//! defaults; an option whose two values differ is the user's (or the
//! system's) and is left alone.

use std::collections::HashMap;
use std::process::{Command, Stdio};

/// What we would like, as ssh's lower-case `-G` keys with our values.
pub fn wanted() -> [(&'static str, String); 4] {
    [
        ("batchmode", "yes".into()),
        ("connecttimeout", super::CONNECT_SECS.to_string()),
        ("serveraliveinterval", "10".into()),
        ("serveralivecountmax", "3".into()),
    ]
}

/// Where ssh would connect for a remote URL: user, host, port. `None` for
/// a URL that is not ssh (https, file, a local path).
pub fn target(url: &str) -> Option<(Option<String>, String, Option<String>)> {
    let rest = ["ssh://", "git+ssh://", "ssh+git://"]
        .iter()
        .find_map(|p| url.strip_prefix(p));
    let (authority, with_port) = match rest {
        Some(r) => (r.split('/').next()?, true),
        None => {
            // scp-like `[user@]host:path`: a colon before any slash.
            if url.contains("://") {
                return None;
            }
            let colon = url.find(':')?;
            if url[..colon].contains('/') {
                return None;
            }
            (&url[..colon], false)
        }
    };
    let (user, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u.to_string()), h),
        None => (None, authority),
    };
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (h, after) = v6.split_once(']')?;
        (h, after.strip_prefix(':'))
    } else if with_port {
        match hostport.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    } else {
        (hostport, None)
    };
    let port = port.filter(|p| !p.is_empty()).map(str::to_string);
    (!host.is_empty()).then(|| (user, host.to_string(), port))
}

/// `ssh [-F FILE] -G` for the target, as key -> value; `None` when ssh
/// cannot say (not installed, older than 6.8).
fn effective(
    config: Option<&str>,
    target: &(Option<String>, String, Option<String>),
) -> Option<HashMap<String, String>> {
    let mut cmd = Command::new("ssh");
    if let Some(f) = config {
        cmd.args(["-F", f]);
    }
    cmd.arg("-G");
    if let Some(u) = &target.0 {
        cmd.args(["-l", u]);
    }
    if let Some(p) = &target.2 {
        cmd.args(["-p", p]);
    }
    let out = cmd
        .arg("--")
        .arg(&target.1)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| parse(&String::from_utf8_lossy(&out.stdout)))
}

fn parse(text: &str) -> HashMap<String, String> {
    text.lines()
        .filter_map(|l| l.split_once(' '))
        .map(|(k, v)| (k.to_lowercase(), v.trim().to_string()))
        .collect()
}

/// The `-o` options to pass: ours where `user` (the effective config)
/// equals `defaults`; all of ours when ssh could not tell.
pub fn choose(
    user: Option<&HashMap<String, String>>,
    defaults: Option<&HashMap<String, String>>,
) -> Vec<String> {
    wanted()
        .into_iter()
        .filter(|(key, _)| match (user, defaults) {
            (Some(u), Some(d)) => u.get(*key) == d.get(*key),
            _ => true,
        })
        .map(|(key, value)| format!("-o {}={value}", spelled(key)))
        .collect()
}

/// ssh's own spelling of an option (any case works; this reads better in
/// a process list).
fn spelled(key: &str) -> &str {
    match key {
        "batchmode" => "BatchMode",
        "connecttimeout" => "ConnectTimeout",
        "serveraliveinterval" => "ServerAliveInterval",
        "serveralivecountmax" => "ServerAliveCountMax",
        other => other,
    }
}

/// The `core.sshCommand` for `url`: `ssh` with the options the user's
/// configuration leaves at ssh's default; `None` for a URL that is not ssh.
pub fn command_for(url: &str) -> Option<String> {
    let target = target(url)?;
    let user = effective(None, &target);
    let defaults = effective(Some("/dev/null"), &target);
    let opts = choose(user.as_ref(), defaults.as_ref());
    Some(if opts.is_empty() {
        "ssh".into()
    } else {
        format!("ssh {}", opts.join(" "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ssh_urls_name_their_user_host_and_port() {
        let t = |u: &str| target(u);
        assert_eq!(
            t("ssh://ann@example.org:2222/srv/cases.git"),
            Some((
                Some("ann".into()),
                "example.org".into(),
                Some("2222".into())
            ))
        );
        assert_eq!(t("server:cases.git"), Some((None, "server".into(), None)));
        assert_eq!(
            t("git@host:x/y.git"),
            Some((Some("git".into()), "host".into(), None))
        );
        assert_eq!(
            t("ssh://[::1]:22/x"),
            Some((None, "::1".into(), Some("22".into())))
        );
        assert_eq!(t("https://example.org/cases.git"), None);
        assert_eq!(t("/srv/cases.git"), None);
        assert_eq!(t("./a:b"), None);
    }

    #[test]
    fn an_option_the_user_set_is_left_to_the_users_config() {
        let defaults = parse(
            "batchmode no\nconnecttimeout none\nserveraliveinterval 0\nserveralivecountmax 3\n",
        );
        let user =
            parse("batchmode no\nconnecttimeout 7\nserveraliveinterval 0\nserveralivecountmax 3\n");
        let opts = choose(Some(&user), Some(&defaults)).join(" ");
        assert!(!opts.contains("ConnectTimeout"), "{opts}");
        assert!(opts.contains("BatchMode=yes"), "{opts}");
        assert!(opts.contains("ServerAliveInterval=10"), "{opts}");
        // ssh could not tell: every option, bounded as before.
        assert_eq!(choose(None, Some(&defaults)).len(), 4);
    }
}
