//! Helpers of tests/serve.rs: the real `tarjama serve` binary on a free port, a minimal HTTP/1.1
//! client (std only: one request per connection) and a DevTools-protocol driver for the system's
//! headless Chromium.

pub mod cdp;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::Duration;

/// A running `tarjama serve`; killed when dropped.
pub struct Server {
    child: Child,
    /// The URL it printed (`http://127.0.0.1:PORT/`, with `?token=…` when bound elsewhere).
    pub url: String,
    /// `host:port`.
    pub host: String,
    pub stderr_path: PathBuf,
}

impl Server {
    /// Starts `tarjama --db DB serve --port 0 EXTRA…` and waits for the URL line.
    pub fn start(db: &Path, extra: &[&str]) -> Server {
        let stderr_path = db.with_extension("serve-stderr.txt");
        let stderr = std::fs::File::create(&stderr_path).expect("stderr file");
        let mut child = crate::common::spawnable(db)
            .args(["serve", "--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("tarjama serve starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout piped");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the URL line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| {
                let err = std::fs::read_to_string(&stderr_path).unwrap_or_default();
                panic!("no URL printed by tarjama serve: {line:?}; stderr: {err}")
            })
            .to_string();
        let host = url
            .trim_start_matches("http://")
            .split('/')
            .next()
            .expect("host in URL")
            .to_string();
        Server {
            child,
            url,
            host,
            stderr_path,
        }
    }

    /// The absolute URL of `path` (which starts with '/').
    pub fn at(&self, path: &str) -> String {
        format!("http://{}{path}", self.host)
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The server's own time for the request (its `Server-Timing: app;dur=MS` header).
    pub fn server_ms(&self) -> f64 {
        self.header("server-timing")
            .and_then(|v| v.split("dur=").nth(1))
            .and_then(|v| v.parse().ok())
            .expect("Server-Timing header")
    }
}

/// One request on its own connection (`Connection: close`): `host` is `host:port`.
pub fn request(
    host: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<Response> {
    let mut s = TcpStream::connect(host)?;
    s.set_read_timeout(Some(Duration::from_secs(120)))?;
    let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
        req.push_str(&format!("Host: {host}\r\n"));
    }
    if !body.is_empty() || method == "POST" {
        req.push_str("Content-Type: application/x-www-form-urlencoded\r\n");
        req.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| std::io::Error::other("no end of headers"))?;
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    let chunked = headers
        .iter()
        .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
    if chunked {
        body = dechunk(&body);
    }
    Ok(Response {
        status,
        headers,
        body,
    })
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(
            String::from_utf8_lossy(&b[..eol])
                .split(';')
                .next()
                .unwrap_or("0")
                .trim(),
            16,
        )
        .unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&b[start..(start + size).min(b.len())]);
        b = &b[(start + size + 2).min(b.len())..];
    }
    out
}

pub fn get(host: &str, path: &str) -> Response {
    request(host, "GET", path, &[], "").unwrap_or_else(|e| panic!("GET {path}: {e}"))
}

pub fn post(host: &str, path: &str, body: &str) -> Response {
    request(host, "POST", path, &[], body).unwrap_or_else(|e| panic!("POST {path}: {e}"))
}

/// Percent-encodes a form value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of the first `attr="…"` after `marker` in `html`.
pub fn attr_after(html: &str, marker: &str, attr: &str) -> Option<String> {
    let from = html.find(marker)?;
    let rest = &html[from..];
    let key = format!("{attr}=\"");
    let at = rest.find(&key)? + key.len();
    let end = rest[at..].find('"')?;
    Some(rest[at..at + end].to_string())
}

/// The page's CSRF token and the pair's version, from a pair page.
pub fn tokens(page: &str) -> (String, String) {
    (
        attr_after(page, "name=\"csrf\"", "content").expect("csrf meta"),
        attr_after(page, "id=\"pair\"", "data-version").expect("pair version"),
    )
}

/// Where screenshots go: `target/serve-screenshots/` (next to the binary's profile folder).
pub fn screenshot_dir() -> PathBuf {
    let bin = Path::new(env!("CARGO_BIN_EXE_tarjama"));
    let target = bin
        .parent()
        .and_then(Path::parent)
        .expect("binary inside target/PROFILE");
    let dir = target.join("serve-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

/// A line on the real standard error: the test harness captures `println!`/`eprintln!` of
/// passing tests, and a skipped browser test or a screenshot path must show in the output.
pub fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}
