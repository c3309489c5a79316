//! Real servers for the sync tests, started and stopped by the tests on
//! 127.0.0.1 only: an sshd with a temp host key and authorized_keys, and
//! `git http-backend` behind a small HTTP server with basic auth. A test
//! that needs a missing binary prints why and is skipped.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const SSHD: &str = "/usr/sbin/sshd";

/// Whether `bin` can run; prints the reason a test is skipped when not.
pub fn have(bin: &str, test: &str) -> bool {
    let ok = Command::new(bin)
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
        || Path::new(bin).exists();
    if !ok {
        eprintln!("SKIPPED {test}: `{bin}` is not installed (.ci/run installs it)");
    }
    ok
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let until = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < until,
            "server on port {port} did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A child process killed (by its id) when the test ends.
pub struct Server {
    child: Child,
    pub port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn keygen(path: &Path, kind: &str) {
    let _ = std::fs::remove_file(path);
    let ok = Command::new("ssh-keygen")
        .args(["-q", "-t", kind, "-N", ""])
        .arg("-f")
        .arg(path)
        .status()
        .unwrap();
    assert!(ok.success());
}

pub fn user() -> String {
    let out = Command::new("id").arg("-un").output().unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// An sshd accepting the public keys in `authorized`, with its own host key
/// in `dir`. Returns the server and its host key line for known_hosts.
pub fn sshd(dir: &Path, authorized: &[&Path]) -> (Server, String) {
    std::fs::create_dir_all(dir).unwrap();
    // sshd needs its privilege-separation folder (created by systemd on a
    // normal install, missing in containers).
    let _ = std::fs::create_dir_all("/run/sshd");
    let host = dir.join("host_key");
    keygen(&host, "ed25519");
    let mut keys = String::new();
    for k in authorized {
        keys.push_str(&std::fs::read_to_string(k.with_extension("pub")).unwrap());
    }
    let auth = dir.join("authorized_keys");
    std::fs::write(&auth, keys).unwrap();
    let port = free_port();
    let config = dir.join("sshd_config");
    std::fs::write(
        &config,
        format!(
            "Port {port}\nListenAddress 127.0.0.1\nHostKey {}\nAuthorizedKeysFile {}\nPidFile none\n\
             StrictModes no\nUsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
             PermitRootLogin prohibit-password\n",
            host.display(),
            auth.display()
        ),
    )
    .unwrap();
    let child = Command::new(SSHD)
        .args(["-D", "-e", "-f"])
        .arg(&config)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("sshd.log")).unwrap())
        .spawn()
        .unwrap();
    wait_for_port(port);
    let pubkey = std::fs::read_to_string(host.with_extension("pub")).unwrap();
    let mut parts = pubkey.split_whitespace();
    let line = format!(
        "[127.0.0.1]:{port} {} {}\n",
        parts.next().unwrap(),
        parts.next().unwrap()
    );
    (Server { child, port }, line)
}

/// Sets up `home/.ssh`: a config with the alias `server` for the sshd, the
/// host key in known_hosts, and an `ssh` in `home/bin` that reads this
/// config (OpenSSH takes ~ from the password database, not $HOME).
pub fn ssh_home(home: &Path, port: u16, known: &str, key: &Path) -> PathBuf {
    let ssh = home.join(".ssh");
    std::fs::create_dir_all(&ssh).unwrap();
    std::fs::write(ssh.join("known_hosts"), known).unwrap();
    std::fs::write(
        ssh.join("config"),
        format!(
            "Host server\n  HostName 127.0.0.1\n  Port {port}\n  User {}\n  IdentityFile {}\n  \
             IdentitiesOnly yes\n  UserKnownHostsFile {}\n  StrictHostKeyChecking yes\n",
            user(),
            key.display(),
            ssh.join("known_hosts").display()
        ),
    )
    .unwrap();
    let bin = home.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let wrapper = bin.join("ssh");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec /usr/bin/ssh -F {} \"$@\"\n",
            ssh.join("config").display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// A PATH with `first` before the verzuim binary's folder and the rest.
pub fn path_with(first: &Path) -> String {
    let exe = PathBuf::from(env!("CARGO_BIN_EXE_verzuim"));
    format!(
        "{}:{}:{}",
        first.display(),
        exe.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// `git http-backend` for the repositories under `root`, behind a tiny
/// Python HTTP server that asks for basic auth `user:secret`.
pub fn http_backend(dir: &Path, root: &Path) -> Server {
    serve(dir, root, &[])
}

/// The same over TLS with the certificate `cert` and its key `key`.
pub fn https_backend(dir: &Path, root: &Path, cert: &str, key: &str) -> Server {
    serve(dir, root, &[cert, key])
}

fn serve(dir: &Path, root: &Path, tls: &[&str]) -> Server {
    std::fs::create_dir_all(dir).unwrap();
    let script = dir.join("server.py");
    std::fs::write(&script, HTTP_SERVER).unwrap();
    let port = free_port();
    let child = Command::new("python3")
        .arg(&script)
        .arg(port.to_string())
        .arg(root)
        .args(tls)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(dir.join("http.log")).unwrap())
        .spawn()
        .unwrap();
    wait_for_port(port);
    Server { child, port }
}

const HTTP_SERVER: &str = r#"
import base64, http.server, os, subprocess, sys
PORT, ROOT = int(sys.argv[1]), sys.argv[2]
WANT = "Basic " + base64.b64encode(b"user:secret").decode()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    def go(self):
        if self.headers.get("Authorization") != WANT:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        path, _, query = self.path.partition("?")
        env = dict(os.environ, GIT_PROJECT_ROOT=ROOT, GIT_HTTP_EXPORT_ALL="1",
                   PATH_INFO=path, QUERY_STRING=query, REQUEST_METHOD=self.command,
                   REMOTE_USER="user", REMOTE_ADDR="127.0.0.1",
                   CONTENT_TYPE=self.headers.get("Content-Type", ""))
        body = b""
        if "Content-Length" in self.headers:
            body = self.rfile.read(int(self.headers["Content-Length"]))
        elif self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            # libgit2 sends pushes chunked.
            while True:
                size = int(self.rfile.readline().strip().split(b";")[0], 16)
                chunk = self.rfile.read(size)
                self.rfile.readline()
                if size == 0:
                    break
                body += chunk
        env["CONTENT_LENGTH"] = str(len(body))
        if self.headers.get("Content-Encoding"):
            env["HTTP_CONTENT_ENCODING"] = self.headers["Content-Encoding"]
        if self.headers.get("Git-Protocol"):
            env["GIT_PROTOCOL"] = self.headers["Git-Protocol"]
        out = subprocess.run(["git", "http-backend"], input=body, env=env, capture_output=True).stdout
        head, _, rest = out.partition(b"\r\n\r\n")
        status = 200
        headers = []
        for line in head.split(b"\r\n"):
            k, _, v = line.decode().partition(": ")
            if k.lower() == "status":
                status = int(v.split()[0])
            elif k:
                headers.append((k, v))
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(rest)))
        self.end_headers()
        self.wfile.write(rest)
    do_GET = go
    do_POST = go
    def log_message(self, *a):
        sys.stderr.write("%s\n" % (a,))
class TLS(http.server.ThreadingHTTPServer):
    # The handshake per connection, in its own thread: a client that
    # refuses the certificate must not stop the server.
    def get_request(self):
        sock, addr = self.socket.accept()
        return CTX.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr
    def finish_request(self, request, client_address):
        try:
            request.do_handshake()
        except (ssl.SSLError, OSError):
            return
        super().finish_request(request, client_address)
if len(sys.argv) > 4:
    import ssl
    CTX = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    CTX.load_cert_chain(sys.argv[3], sys.argv[4])
    TLS(("127.0.0.1", PORT), H).serve_forever()
else:
    http.server.ThreadingHTTPServer(("127.0.0.1", PORT), H).serve_forever()
"#;
