//! Harness for `rotative serve`: start the real binary on a free port, talk
//! to it over plain HTTP (raw sockets, so that odd paths reach it unchanged),
//! and follow its output and its live-reload events.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub port: u16,
    pub url: String,
    /// Lines printed so far (stdout and stderr).
    pub log: Arc<Mutex<Vec<String>>>,
}

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn follow(
    stream: impl Read + Send + 'static,
    log: Arc<Mutex<Vec<String>>>,
    tx: Option<std::sync::mpsc::Sender<String>>,
) {
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(tx) = &tx {
                let _ = tx.send(line.clone());
            }
            log.lock().unwrap().push(line);
        }
    });
}

impl Server {
    pub fn start(root: &Path) -> Server {
        Server::start_with(root, &["--port", "0"]).expect("server starts")
    }

    /// Starts the server; `Err` carries its output if it exited instead.
    pub fn start_with(root: &Path, args: &[&str]) -> Result<Server, String> {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_rotative"));
        cmd.arg("serve").arg("--root").arg(root).args(args);
        Server::spawn(cmd)
    }

    /// Starts `cmd`, a command line that ends up running `rotative serve`.
    pub fn spawn(mut cmd: Command) -> Result<Server, String> {
        // Waited for in `Drop` once moved into the `Server`, which clippy cannot see.
        #[allow(clippy::zombie_processes)]
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = channel();
        follow(child.stdout.take().unwrap(), log.clone(), Some(tx.clone()));
        follow(child.stderr.take().unwrap(), log.clone(), Some(tx));
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            match rx.recv_timeout(Duration::from_millis(100)) {
                Ok(line) => {
                    if let Some(rest) = line.strip_prefix("Serving at ") {
                        let url = rest
                            .split_whitespace()
                            .next()
                            .unwrap()
                            .trim_end_matches('/')
                            .to_string();
                        let port = url.rsplit(':').next().unwrap().parse().unwrap();
                        return Ok(Server {
                            child,
                            port,
                            url,
                            log,
                        });
                    }
                }
                Err(_) => {
                    if let Ok(Some(_)) = child.try_wait() {
                        std::thread::sleep(Duration::from_millis(100));
                        return Err(log.lock().unwrap().join("\n"));
                    }
                }
            }
        }
        let _ = child.kill();
        Err(format!(
            "server did not start:\n{}",
            log.lock().unwrap().join("\n")
        ))
    }

    /// A raw HTTP/1.1 request; `path` is sent exactly as given.
    pub fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut req = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        if !headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("host")) {
            req.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        for (k, v) in headers {
            req.push_str(&format!("{k}: {v}\r\n"));
        }
        req.push_str("\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[])
    }

    /// Polls `path` until `check` accepts the body, or panics after a while.
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(&Reply) -> bool) -> Reply {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let r = self.get(path);
            if check(&r) {
                return r;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what} at {path}; last status {}; log:\n{}",
                r.status,
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn log_text(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// How many rebuild lines (good or failed) the server printed.
    pub fn rebuilds(&self) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.starts_with("Rebuilt after") || l.starts_with("Rebuild after"))
            .count()
    }

    /// Subscribes to live-reload events; each item is `event-name data`.
    pub fn events(&self) -> Receiver<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let req = format!(
            "GET /__rotative/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nAccept: text/event-stream\r\n\r\n",
            self.port
        );
        s.write_all(req.as_bytes()).unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(e) = line.strip_prefix("event: ") {
                    event = e.to_string();
                } else if let Some(d) = line.strip_prefix("data: ")
                    && tx.send(format!("{event} {d}")).is_err()
                {
                    break;
                }
            }
        });
        // The stream is open once the response head has been read; give it a moment.
        std::thread::sleep(Duration::from_millis(150));
        rx
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for the next live-reload event whose name is `name`.
pub fn expect_event(rx: &Receiver<String>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(e) if e.starts_with(&format!("{name} ")) => return e,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no `{name}` event");
}
