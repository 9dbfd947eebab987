//! End to end in a real browser: headless Chromium, driven through the
//! DevTools protocol, shows an article served by `rotative serve`; the test
//! rewrites the title in the Markdown file and the open page must show the
//! new title by itself (live reload), with no navigation from the test.

use crate::harness::SiteTest;
use crate::server::Server;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn chromium() -> Option<String> {
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

pub(crate) struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    socket: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// GET over a raw socket, reading exactly Content-Length bytes: Chromium's
/// DevTools server keeps the connection open whatever the request says.
fn http_get(port: u16, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reader = BufReader::new(s);
    let mut len = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len];
    reader.read_exact(&mut body).unwrap();
    String::from_utf8_lossy(&body).into_owned()
}

impl Browser {
    pub(crate) fn open(binary: &str, url: &str) -> Browser {
        let profile = tempfile::tempdir().unwrap();
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
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(ws) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(ws.to_string());
                }
            }
        });
        let browser_ws = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("chromium did not start");
        let port: u16 = browser_ws
            .split(':')
            .nth(2)
            .unwrap()
            .split('/')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        // The page target for our URL.
        let deadline = Instant::now() + Duration::from_secs(20);
        let page_ws = loop {
            let list: Value =
                serde_json::from_str(&http_get(port, "/json/list")).unwrap_or(Value::Null);
            let found = list.as_array().and_then(|l| {
                l.iter()
                    .find(|t| {
                        t["type"] == "page"
                            && t["url"]
                                .as_str()
                                .is_some_and(|u| u.starts_with("http://127.0.0.1"))
                    })
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str().map(String::from))
            });
            if let Some(ws) = found {
                break ws;
            }
            assert!(Instant::now() < deadline, "no page target in chromium");
            std::thread::sleep(Duration::from_millis(100));
        };
        let (socket, _) = tungstenite::connect(page_ws.as_str()).unwrap();
        if let tungstenite::stream::MaybeTlsStream::Plain(tcp) = socket.get_ref() {
            tcp.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        }
        Browser {
            child,
            _profile: profile,
            socket,
            next_id: 1,
        }
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub(crate) fn eval(&mut self, expr: &str) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let msg = json!({"id": id, "method": "Runtime.evaluate", "params": {"expression": expr, "returnByValue": true}});
        self.socket
            .send(tungstenite::Message::text(msg.to_string()))
            .unwrap();
        loop {
            let m = self.socket.read().unwrap();
            let Ok(text) = m.to_text() else { continue };
            let v: Value = serde_json::from_str(text).unwrap_or(Value::Null);
            if v["id"] == id {
                return v["result"]["result"]["value"].clone();
            }
        }
    }

    pub(crate) fn wait_until(&mut self, what: &str, expr: &str, want: &Value) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let got = self.eval(expr);
            if &got == want {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}: {expr} is {got}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[test]
fn browser_shows_an_edited_title_without_navigation() {
    let Some(binary) = chromium() else {
        eprintln!("skipped: chromium is not installed (apt-get install chromium)");
        return;
    };
    let t = SiteTest::fixture("basic");
    let s = Server::start(&t.root);
    let mut b = Browser::open(&binary, &format!("{}/2025/07/electricite-ete/", s.url));
    let title = "document.querySelector('h1') && document.querySelector('h1').textContent.trim()";
    b.wait_until(
        "the article",
        title,
        &json!("L'électricité de l'été : les prix baissent"),
    );
    // Wait for the live-reload connection, then mark this page instance: a
    // reload triggered by the page itself clears the mark.
    b.wait_until(
        "the live-reload script",
        "!!document.querySelector('script[src=\"/__rotative/live.js\"]')",
        &json!(true),
    );
    std::thread::sleep(Duration::from_millis(500));
    b.eval("window.__rotative_test_mark = 1");

    let src = t
        .root
        .join("content/actualite/2025-03-04-electricite-ete.md");
    let text = std::fs::read_to_string(&src).unwrap();
    std::fs::write(
        &src,
        text.replace(
            "L'électricité de l'été : les prix baissent",
            "Le titre a changé dans le navigateur",
        ),
    )
    .unwrap();

    b.wait_until(
        "the new title",
        title,
        &json!("Le titre a changé dans le navigateur"),
    );
    assert_eq!(
        b.eval("typeof window.__rotative_test_mark"),
        json!("undefined"),
        "the page reloaded itself"
    );
}
