//! A small client of Chromium's DevTools protocol: starts a headless
//! Chromium with an empty profile, attaches to its one page and sends it
//! commands over a WebSocket. `rotative check --a11y` and the browser tests
//! both drive Chromium through it.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

type Socket = tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>;

/// What can go wrong between us and Chromium.
#[derive(Debug, thiserror::Error)]
pub enum DevtoolsError {
    #[error(
        "Chromium is not installed: none of chromium, chromium-browser, google-chrome is on PATH (on Debian: apt-get install chromium; or set ROTATIVE_CHROMIUM to its path)"
    )]
    NotInstalled,
    #[error("cannot start {binary}: {source}")]
    Start {
        binary: String,
        source: std::io::Error,
    },
    #[error("{binary} started but did not open its DevTools port within 30 s")]
    NoPort { binary: String },
    #[error("the DevTools connection failed: {0}")]
    Socket(#[from] tungstenite::Error),
    #[error("the DevTools connection failed: {0}")]
    Io(#[from] std::io::Error),
    #[error("Chromium refused {method}: {message}")]
    Refused { method: String, message: String },
    #[error("a script failed in the page: {0}")]
    Script(String),
    #[error("timed out after {seconds} s waiting for {what}")]
    Timeout { what: String, seconds: u64 },
}

/// The Chromium binary to use: `ROTATIVE_CHROMIUM` if set, else the first
/// of the usual names that answers `--version`.
pub fn find_chromium() -> Option<String> {
    if let Ok(b) = std::env::var("ROTATIVE_CHROMIUM")
        && !b.is_empty()
    {
        return Some(b);
    }
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(String::from)
}

/// One headless Chromium and its page; both end when this is dropped.
pub struct Browser {
    child: Child,
    profile: PathBuf,
    socket: Socket,
    next_id: u64,
    /// Protocol events received while waiting for replies, oldest first.
    events: Vec<Value>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// GET over a raw socket, reading exactly Content-Length bytes: Chromium's
/// DevTools server keeps the connection open whatever the request says.
fn http_get(port: u16, path: &str) -> std::io::Result<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut reader = BufReader::new(s);
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body)?;
    Ok(String::from_utf8_lossy(&body).into_owned())
}

fn profile_dir() -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    std::env::temp_dir().join(format!(
        "rotative-chromium-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}

impl Browser {
    /// Starts Chromium on `url` (`about:blank` for none) and attaches to that page.
    pub fn launch(binary: &str, url: &str) -> Result<Browser, DevtoolsError> {
        let profile = profile_dir();
        let _ = std::fs::remove_dir_all(&profile);
        std::fs::create_dir_all(&profile)?;
        let start = |source| DevtoolsError::Start {
            binary: binary.to_string(),
            source,
        };
        // Without the background-networking flags Chromium keeps trying to
        // reach Google's hosts, which a closed network refuses.
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(start)?;
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(ws) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(ws.to_string());
                }
            }
        });
        let no_port = || DevtoolsError::NoPort {
            binary: binary.to_string(),
        };
        let browser_ws = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(ws) => ws,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(no_port());
            }
        };
        let port: u16 = browser_ws
            .split(':')
            .nth(2)
            .and_then(|p| p.split('/').next())
            .and_then(|p| p.parse().ok())
            .ok_or_else(no_port)?;
        let deadline = Instant::now() + Duration::from_secs(20);
        let page_ws = loop {
            let list: Value = http_get(port, "/json/list")
                .ok()
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or(Value::Null);
            let found = list.as_array().and_then(|l| {
                l.iter()
                    .find(|t| t["type"] == "page")
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(String::from))
            });
            if let Some(ws) = found {
                break ws;
            }
            if Instant::now() > deadline {
                return Err(DevtoolsError::Timeout {
                    what: "Chromium's page".into(),
                    seconds: 20,
                });
            }
            std::thread::sleep(Duration::from_millis(100));
        };
        let (socket, _) = tungstenite::connect(page_ws.as_str())?;
        if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = socket.get_ref() {
            tcp.set_read_timeout(Some(Duration::from_secs(60)))?;
        }
        Ok(Browser {
            child,
            profile,
            socket,
            next_id: 1,
            events: Vec::new(),
        })
    }

    /// Sends one protocol command and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, DevtoolsError> {
        let id = self.next_id;
        self.next_id += 1;

        let msg = json!({"id": id, "method": method, "params": params});
        self.socket
            .send(tungstenite::Message::text(msg.to_string()))?;
        loop {
            let m = self.socket.read()?;
            let Ok(text) = m.to_text() else { continue };
            let Ok(v) = serde_json::from_str::<Value>(text) else {
                continue;
            };
            if v["id"] == id {
                if let Some(err) = v.get("error") {
                    return Err(DevtoolsError::Refused {
                        method: method.to_string(),
                        message: err["message"].as_str().unwrap_or("").to_string(),
                    });
                }
                return Ok(v["result"].clone());
            }
            if v.get("method").is_some() {
                self.events.push(v);
            }
        }
    }

    /// The protocol events received so far (for the domains enabled), which
    /// are then forgotten.
    pub fn take_events(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.events)
    }

    /// Evaluates a JavaScript expression in the page, waiting for it if it
    /// is a promise, and returns its value.
    pub fn eval(&mut self, expr: &str) -> Result<Value, DevtoolsError> {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        )?;
        if let Some(ex) = r.get("exceptionDetails") {
            let text = ex["exception"]["description"]
                .as_str()
                .or_else(|| ex["text"].as_str())
                .unwrap_or("unknown error");
            return Err(DevtoolsError::Script(text.to_string()));
        }
        Ok(r["result"]["value"].clone())
    }

    /// Polls `expr` until it equals `want`.
    pub fn wait_for(&mut self, what: &str, expr: &str, want: &Value) -> Result<(), DevtoolsError> {
        let seconds = 20;
        let deadline = Instant::now() + Duration::from_secs(seconds);
        loop {
            // A navigation in progress destroys the context mid-call: retry.
            if let Ok(got) = self.eval(expr)
                && &got == want
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(DevtoolsError::Timeout {
                    what: what.to_string(),
                    seconds,
                });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens `url` and waits until the page and its resources have loaded.
    pub fn navigate(&mut self, url: &str) -> Result<(), DevtoolsError> {
        // The mark tells the old document from the new one when the
        // address does not change.
        self.eval("window.__rotative_old_document = true")?;
        let r = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(e) = r["errorText"].as_str().filter(|e| !e.is_empty()) {
            return Err(DevtoolsError::Refused {
                method: format!("Page.navigate to {url}"),
                message: e.to_string(),
            });
        }
        let expr = "!window.__rotative_old_document && document.readyState === 'complete'";
        self.wait_for(url, expr, &json!(true))
    }

    /// Sets the viewport's width and height in CSS pixels (a phone's below 600).
    pub fn viewport(&mut self, width: u32, height: u32) -> Result<(), DevtoolsError> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        )?;
        Ok(())
    }

    /// Emulates media features, e.g. `[("prefers-color-scheme", "dark")]`;
    /// an empty list restores the defaults.
    pub fn media(&mut self, features: &[(&str, &str)]) -> Result<(), DevtoolsError> {
        let features: Vec<Value> = features
            .iter()
            .map(|(name, value)| json!({"name": name, "value": value}))
            .collect();
        self.call(
            "Emulation.setEmulatedMedia",
            json!({ "features": features }),
        )?;
        Ok(())
    }

    /// Presses and releases a key as a keyboard would: `Tab`, `Enter`,
    /// `Escape`, or one printable character; `shift` for Shift+Tab.
    pub fn press(&mut self, key: &str, shift: bool) -> Result<(), DevtoolsError> {
        let (code, vk, text) = match key {
            "Tab" => ("Tab", 9, ""),
            "Enter" => ("Enter", 13, "\r"),
            "Escape" => ("Escape", 27, ""),
            " " => ("Space", 32, " "),
            _ => ("", 0, key),
        };
        let modifiers = if shift { 8 } else { 0 };
        let down = json!({
            "type": if text.is_empty() { "rawKeyDown" } else { "keyDown" },
            "key": key, "code": code, "windowsVirtualKeyCode": vk,
            "text": text, "unmodifiedText": text, "modifiers": modifiers,
        });
        self.call("Input.dispatchKeyEvent", down)?;
        self.call(
            "Input.dispatchKeyEvent",
            json!({"type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": modifiers}),
        )?;
        Ok(())
    }

    /// Runs `source` in every document the page opens from now on, before
    /// the page's own scripts.
    pub fn on_new_document(&mut self, source: &str) -> Result<(), DevtoolsError> {
        self.call("Page.enable", json!({}))?;
        self.call(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": source }),
        )?;
        Ok(())
    }

    /// A PNG of the viewport.
    pub fn screenshot(&mut self) -> Result<Vec<u8>, DevtoolsError> {
        let r = self.call("Page.captureScreenshot", json!({"format": "png"}))?;
        use base64::Engine as _;
        base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().unwrap_or(""))
            .map_err(|e| DevtoolsError::Refused {
                method: "Page.captureScreenshot".into(),
                message: e.to_string(),
            })
    }
}
