//! A small driver of the system's headless Chromium over the DevTools protocol (a WebSocket,
//! JSON messages): enough to load pages, evaluate script, press keys, click, type, download and
//! take screenshots. Nothing is downloaded: the browser is Debian's `chromium`
//! (`$TARJAMA_CHROMIUM` names another binary).

use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

pub struct Browser {
    child: Child,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// Events received so far (method, params), for the tests to inspect.
    pub events: Vec<(String, Value)>,
    _profile: tempfile::TempDir,
    pub downloads: PathBuf,
}

/// The browser binary, if installed.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TARJAMA_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

impl Browser {
    /// Starts headless Chromium with a fresh profile and opens one page (a tab) to drive.
    pub fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).expect("downloads dir");
        let mut child = Command::new(binary)
            .args([
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1000",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("chromium starts");
        // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on standard error.
        let stderr = child.stderr.take().expect("stderr piped");
        let (send, receive) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut found = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !found {
                    if let Some(at) = line.find("ws://") {
                        found = true;
                        let _ = send.send(line[at..].trim().to_string());
                    }
                }
                // Keep draining so that the browser never blocks on a full pipe.
            }
        });
        let endpoint = receive
            .recv_timeout(Duration::from_secs(60))
            .expect("chromium prints its DevTools endpoint within 60 s");
        let hostport = endpoint
            .trim_start_matches("ws://")
            .split('/')
            .next()
            .expect("host:port")
            .to_string();
        let stream = TcpStream::connect(&hostport).expect("connect to DevTools");
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        let (ws, _) = tungstenite::client(endpoint.as_str(), stream).expect("WebSocket handshake");
        let mut b = Browser {
            child,
            ws,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
            downloads,
        };
        let target = b.call_browser("Target.createTarget", json!({"url": "about:blank"}));
        let target_id = target["targetId"].as_str().expect("targetId").to_string();
        let attached = b.call_browser(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        );
        b.session = attached["sessionId"]
            .as_str()
            .expect("sessionId")
            .to_string();
        b.call("Page.enable", json!({}));
        b.call("Runtime.enable", json!({}));
        let dir = b.downloads.display().to_string();
        b.call_browser(
            "Browser.setDownloadBehavior",
            json!({"behavior": "allow", "downloadPath": dir}),
        );
        b
    }

    fn send(&mut self, method: &str, params: Value, session: Option<String>) -> Value {
        self.try_send(method, params, session)
            .unwrap_or_else(|e| panic!("DevTools {method} failed: {e}"))
    }

    fn try_send(
        &mut self,
        method: &str,
        params: Value,
        session: Option<String>,
    ) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = Value::String(s);
        }
        self.ws
            .send(Message::Text(msg.to_string().into()))
            .expect("send to DevTools");
        loop {
            let m = self.ws.read().expect("DevTools answers");
            let Message::Text(t) = m else { continue };
            let v: Value = serde_json::from_str(t.as_str()).expect("DevTools JSON");
            if v["id"].as_u64() == Some(id) {
                if let Some(e) = v.get("error") {
                    return Err(e.clone());
                }
                return Ok(v["result"].clone());
            }
            if let Some(ev) = v["method"].as_str() {
                self.events.push((ev.to_string(), v["params"].clone()));
            }
        }
    }

    /// A command to the page.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        let s = self.session.clone();
        self.send(method, params, Some(s))
    }

    fn call_browser(&mut self, method: &str, params: Value) -> Value {
        self.send(method, params, None)
    }

    /// Evaluates `expr` in the page (promises awaited) and returns its value; a thrown exception
    /// fails the test.
    pub fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("script {expr:?} threw: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Polls `expr` until it is truthy (or fails after `secs`).
    pub fn wait_for(&mut self, expr: &str, secs: u64) -> Value {
        let until = Instant::now() + Duration::from_secs(secs);
        loop {
            let v = self.eval(expr);
            let truthy = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::String(s) => !s.is_empty(),
                Value::Number(n) => n.as_f64() != Some(0.0),
                _ => true,
            };
            if truthy {
                return v;
            }
            if Instant::now() > until {
                let body = self.eval("document.body ? document.body.innerText.slice(0, 2000) : ''");
                panic!("timed out waiting for {expr:?}; page text: {body}");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Navigates and waits for the page to have loaded.
    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for(
            &format!(
                "document.readyState === 'complete' && location.href.startsWith({})",
                json!(url.split('#').next().unwrap_or(url))
            ),
            60,
        );
    }

    /// Presses and releases a key, as a user would (`"c"`, `"Enter"`).
    pub fn key(&mut self, key: &str) {
        let text = if key.chars().count() == 1 {
            key.to_string()
        } else if key == "Enter" {
            "\r".to_string()
        } else {
            String::new()
        };
        let mut down = json!({"type": "keyDown", "key": key});
        if !text.is_empty() {
            down["text"] = Value::String(text);
        }
        if key == "Enter" {
            down["windowsVirtualKeyCode"] = json!(13);
            down["code"] = json!("Enter");
        }
        self.call("Input.dispatchKeyEvent", down);
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key}),
        );
    }

    /// Clicks the centre of the first element matching `selector`, with real mouse events.
    pub fn click(&mut self, selector: &str) {
        let sel = json!(selector);
        let at = self.eval(&format!(
            "(() => {{ const e = document.querySelector({sel}); if (!e) return null; \
             e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let (x, y) = match at.as_array() {
            Some(a) if a.len() == 2 => (a[0].as_f64().unwrap_or(0.0), a[1].as_f64().unwrap_or(0.0)),
            _ => panic!("nothing to click at {selector}"),
        };
        for kind in ["mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    /// Types text into the focused element.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({"text": text}));
    }

    /// Saves a PNG of what the window shows (1400×1000): the top of the page, with its sticky
    /// header where a reader sees it (a whole-page capture draws it over the middle).
    pub fn screenshot(&mut self, path: &Path) {
        use base64::Engine;
        // Right after a navigation the page can have no layout yet ("Cannot take screenshot
        // with 0 width"), more often on a loaded machine: wait for one, and try again.
        self.wait_for("document.documentElement.clientWidth > 0", 20);
        let mut tries = 0;
        let shot = loop {
            let s = self.session.clone();
            match self.try_send("Page.captureScreenshot", json!({"format": "png"}), Some(s)) {
                Ok(v) => break v,
                Err(e) if tries < 20 => {
                    tries += 1;
                    let _ = e;
                    std::thread::sleep(Duration::from_millis(250));
                }
                Err(e) => panic!("screenshot of {}: {e}", path.display()),
            }
        };
        let data = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("base64 PNG");
        assert!(data.starts_with(b"\x89PNG"), "a PNG");
        std::fs::write(path, data).expect("write the screenshot");
    }

    /// Waits for a finished download named `name` and returns its bytes.
    pub fn downloaded(&self, name: &str, secs: u64) -> Vec<u8> {
        let path = self.downloads.join(name);
        let until = Instant::now() + Duration::from_secs(secs);
        while Instant::now() < until {
            if let Ok(b) = std::fs::read(&path) {
                let partial = std::fs::read_dir(&self.downloads)
                    .map(|d| {
                        d.filter_map(Result::ok)
                            .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"))
                    })
                    .unwrap_or(false);
                if !partial {
                    return b;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("no download {name} in {}", self.downloads.display());
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
