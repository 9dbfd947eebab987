//! `rotative serve`: builds the site into memory, serves it over HTTP, watches
//! the files and rebuilds what changed, and tells open pages to reload.
//!
//! The renderer knows nothing of this: the server replaces `base_url` with its
//! own address through the ordinary load options, and injects the live-reload
//! script into HTML responses on the way out.

mod http;
mod watch;

use crate::error::BuildError;
use crate::preview::{ChangeSet, Incremental};
use crate::report;
use crate::site::LoadOptions;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;

pub use http::resolve;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    pub port: u16,
    pub drafts: bool,
    pub future: bool,
    pub open: bool,
}

/// What open pages are told after a rebuild.
#[derive(Debug, Clone)]
pub enum Signal {
    Reload,
    Css,
    Error(String),
}

impl Signal {
    fn to_event(&self) -> axum::response::sse::Event {
        use axum::response::sse::Event;
        match self {
            Signal::Reload => Event::default().event("reload").data("reload"),
            Signal::Css => Event::default().event("css").data("css"),
            Signal::Error(m) => Event::default()
                .event("build-error")
                .data(serde_json::json!({ "message": m }).to_string()),
        }
    }
}

/// Shared between the HTTP handlers and the rebuild thread.
pub struct State {
    site: RwLock<Option<Incremental>>,
    error: RwLock<Option<String>>,
    signals: tokio::sync::broadcast::Sender<Signal>,
    addr: SocketAddr,
    /// Whether HTML pages get the live-reload script: not in a `Snapshot`,
    /// whose pages never change, and whose event streams would hold on to
    /// Chromium's six connections per host.
    live_reload: bool,
}

impl State {
    fn page(&self, rel: &str) -> Option<Vec<u8>> {
        let site = self.site.read().ok()?;
        site.as_ref()?.page(rel).map(|b| b.as_ref().clone())
    }

    fn asset(&self, rel: &str) -> Option<PathBuf> {
        let site = self.site.read().ok()?;
        site.as_ref()?.asset(rel).map(Path::to_path_buf)
    }

    fn error_message(&self) -> Option<String> {
        self.error.read().ok()?.clone()
    }

    fn set_error(&self, e: Option<String>) {
        if let Ok(mut g) = self.error.write() {
            *g = e;
        }
    }
}

/// The text of a failed build, as the console and the overlay show it.
fn describe(err: &BuildError) -> String {
    err.to_string()
}

/// What stops the preview server from serving at all.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot open the site folder {}: {source}", .path.display())]
    Root {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "port {port} is already in use on {bind}; choose another with --port, or --port 0 for any free port"
    )]
    PortInUse { port: u16, bind: IpAddr },
    #[error("cannot listen on {bind}:{port}: {source}")]
    Listen {
        bind: IpAddr,
        port: u16,
        source: std::io::Error,
    },
    #[error(transparent)]
    Build(Box<BuildError>),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

fn host_for_url(addr: &SocketAddr) -> String {
    match addr.ip() {
        ip if ip.is_unspecified() || ip.is_loopback() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    }
}

/// Runs until interrupted. Errors are only those that prevent serving at all.
pub fn run(mut opts: ServeOptions) -> Result<(), ServeError> {
    // Watchers report absolute, resolved paths; the root must match them.
    opts.root = opts
        .root
        .canonicalize()
        .map_err(|source| ServeError::Root {
            path: opts.root.clone(),
            source,
        })?;
    if !opts.bind.is_loopback() {
        report::warning(&format!(
            "serving on {}, reachable from other machines; the preview is meant for 127.0.0.1",
            opts.bind
        ));
    }
    let (bind, port) = (opts.bind, opts.port);
    let listener = std::net::TcpListener::bind((bind, port)).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => ServeError::PortInUse { port, bind },
        _ => ServeError::Listen {
            bind,
            port,
            source: e,
        },
    })?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let url = format!("http://{}:{}", host_for_url(&addr), addr.port());
    let load = LoadOptions {
        drafts: opts.drafts,
        base_url: Some(url.clone()),
        future: opts.future,
        // Read again at each rebuild: a scheduled article appears with the
        // first rebuild after its time.
        now: None,
        ..LoadOptions::default()
    };

    let (signals, _) = tokio::sync::broadcast::channel(64);
    let state = Arc::new(State {
        site: RwLock::new(None),
        error: RwLock::new(None),
        signals,
        addr,
        live_reload: true,
    });
    let start = Instant::now();
    match Incremental::new(&opts.root, load.clone()) {
        Ok((inc, r)) => {
            report::served_first(&r, start.elapsed(), inc.scheduled().as_deref());
            if let Ok(mut site) = state.site.write() {
                *site = Some(inc);
            }
        }
        Err(e) => {
            let msg = describe(&e);
            report::serve_start_failed(&msg);
            state.set_error(Some(msg));
        }
    }
    match watch::Watch::start(&opts.root) {
        Ok(w) => {
            let state = state.clone();
            let root = opts.root.clone();
            std::thread::spawn(move || watch_loop(w, &root, &load, &state));
        }
        Err(e) => report::warning(&format!("{e}; pages will not rebuild on save")),
    }
    report::serving(&url);
    if opts.open {
        open_browser(&format!("{url}/"));
    }
    let rt = tokio::runtime::Runtime::new()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, http::router(state)).await?;
        Ok(())
    })
}

/// The preview without watching, for tools that look at the site as a
/// reader's browser does (`rotative check --a11y`): one build, served on a
/// free loopback port until dropped.
pub struct Snapshot {
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Snapshot {
    pub fn start(root: &Path, drafts: bool) -> Result<Snapshot, ServeError> {
        let bind = IpAddr::from([127, 0, 0, 1]);
        let listener =
            std::net::TcpListener::bind((bind, 0)).map_err(|source| ServeError::Listen {
                bind,
                port: 0,
                source,
            })?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let url = format!("http://127.0.0.1:{}", addr.port());
        let load = LoadOptions {
            drafts,
            base_url: Some(url.clone()),
            ..LoadOptions::default()
        };
        let (inc, _) = Incremental::new(root, load).map_err(|e| ServeError::Build(Box::new(e)))?;
        let (signals, _) = tokio::sync::broadcast::channel(1);
        let state = Arc::new(State {
            site: RwLock::new(Some(inc)),
            error: RwLock::new(None),
            signals,
            addr,
            live_reload: false,
        });
        let rt = tokio::runtime::Runtime::new()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            rt.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let _ = axum::serve(listener, http::router(state))
                    .with_graceful_shutdown(async {
                        let _ = stopped.await;
                    })
                    .await;
            });
        });
        Ok(Snapshot {
            url,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        report::warning(&format!(
            "could not open a browser ({opener} failed); open {url} yourself"
        ));
    }
}

fn watch_loop(mut w: watch::Watch, root: &Path, load: &LoadOptions, state: &State) {
    while let Some(paths) = w.next_batch() {
        let theme = state
            .site
            .read()
            .ok()
            .and_then(|s| s.as_ref().map(Incremental::theme_name))
            .unwrap_or_else(|| "default".into());
        if std::env::var_os("ROTATIVE_DEBUG_WATCH").is_some() {
            report::watch_debug(&paths);
        }
        let change = ChangeSet::classify(root, &theme, paths);
        if change.is_empty() {
            continue;
        }
        rebuild(root, load, state, &change);
    }
}

/// One rebuild. A failure keeps the last good site and shows the error in
/// open pages; the server itself never stops on bad input.
fn rebuild(root: &Path, load: &LoadOptions, state: &State, change: &ChangeSet) {
    let what = change.describe(root);
    let Ok(mut guard) = state.site.write() else {
        return;
    };
    let result = match guard.as_mut() {
        Some(inc) => inc.apply(change),
        // No good build yet: try a full one.
        None => Incremental::new(root, load.clone()).map(|(inc, r)| {
            *guard = Some(inc);
            r
        }),
    };
    drop(guard);
    match result {
        Ok(r) => {
            report::rebuilt(&what, &r);
            let was_error = state.error_message().is_some();
            state.set_error(None);
            let signal = if change.css_only() && !was_error {
                Signal::Css
            } else {
                Signal::Reload
            };
            let _ = state.signals.send(signal);
        }
        Err(e) => {
            let msg = describe(&e);
            report::rebuild_failed(&what, &msg);
            state.set_error(Some(msg.clone()));
            let _ = state.signals.send(Signal::Error(msg));
        }
    }
}
