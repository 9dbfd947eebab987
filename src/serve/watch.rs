//! Watching the site's files: notify events, gathered into batches so that an
//! editor's save (often several events: write a temp file, rename it) or a
//! burst of writes causes one rebuild.

use notify::{RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// Quiet time that ends a batch: an editor's save is a handful of events
/// microseconds apart, so a short wait gathers them without delaying the preview.
const QUIET: Duration = Duration::from_millis(5);
/// Least time between the starts of two batches, so that a burst of writes
/// (a script, a `git checkout`) causes a few rebuilds, not one per file.
const MIN_INTERVAL: Duration = Duration::from_millis(200);
/// The longest a batch may keep growing.
const MAX_BATCH: Duration = Duration::from_millis(1000);

pub struct Watch {
    _watcher: notify::RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    last: Option<Instant>,
}

/// Why files cannot be watched; the preview keeps serving without rebuilds.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    #[error("cannot watch {}: the system's limit of inotify watches is reached; raise it with `sysctl fs.inotify.max_user_watches=524288`", .0.display())]
    Watches(PathBuf),
    #[error(
        "cannot watch files: the system's limit of inotify instances is reached; raise it with `sysctl fs.inotify.max_user_instances=1024`"
    )]
    Instances,
    #[error("cannot watch {}: {source}", .path.display())]
    Path {
        path: PathBuf,
        source: notify::Error,
    },
    #[error("cannot watch files: {0}")]
    Start(notify::Error),
}

fn explain(e: notify::Error, path: Option<&Path>) -> WatchError {
    let io_code = match &e.kind {
        notify::ErrorKind::Io(io) => io.raw_os_error(),
        _ => None,
    };
    match (&e.kind, path) {
        // inotify says ENOSPC when the per-user watch limit is reached.
        (notify::ErrorKind::MaxFilesWatch, Some(p)) => WatchError::Watches(p.to_path_buf()),
        _ if io_code == Some(libc_emfile()) && path.is_none() => WatchError::Instances,
        (_, Some(p)) => WatchError::Path {
            path: p.to_path_buf(),
            source: e,
        },
        (_, None) => WatchError::Start(e),
    }
}

/// EMFILE, which `inotify_init` returns when the instance limit is reached.
fn libc_emfile() -> i32 {
    rustix::io::Errno::MFILE.raw_os_error()
}

impl Watch {
    /// Watches `content/` and `themes/` recursively, and the root itself for `site.toml`.
    pub fn start(root: &Path) -> Result<Watch, WatchError> {
        let (tx, rx) = channel();
        let mut watcher = notify::recommended_watcher(move |ev| {
            let _ = tx.send(ev);
        })
        .map_err(|e| explain(e, None))?;
        for (dir, mode) in [
            (root.join("content"), RecursiveMode::Recursive),
            (root.join("themes"), RecursiveMode::Recursive),
            (root.to_path_buf(), RecursiveMode::NonRecursive),
        ] {
            if dir.exists() {
                watcher
                    .watch(&dir, mode)
                    .map_err(|e| explain(e, Some(&dir)))?;
            }
        }
        Ok(Watch {
            _watcher: watcher,
            rx,
            last: None,
        })
    }

    /// Blocks until something changes, then gathers events until the files
    /// have been quiet for a moment. `None` when the watcher has stopped.
    pub fn next_batch(&mut self) -> Option<Vec<PathBuf>> {
        let mut paths = BTreeSet::new();
        let first = self.rx.recv().ok()?;
        let started = Instant::now();
        let add = |ev: notify::Result<notify::Event>, paths: &mut BTreeSet<PathBuf>| match ev {
            Ok(ev) if !matches!(ev.kind, notify::EventKind::Access(_)) => paths.extend(ev.paths),
            Ok(_) => {}
            Err(e) => crate::report::warning(&format!("file watcher: {e}")),
        };
        add(first, &mut paths);
        // A batch ends after a quiet moment, but never sooner than
        // MIN_INTERVAL after the previous one started.
        let not_before = self.last.map(|l| l + MIN_INTERVAL);
        while started.elapsed() < MAX_BATCH {
            let now = Instant::now();
            let wait = match not_before {
                Some(t) if t > now => (t - now).max(QUIET),
                _ => QUIET,
            };
            match self.rx.recv_timeout(wait) {
                Ok(ev) => add(ev, &mut paths),
                Err(RecvTimeoutError::Timeout)
                    if not_before.is_some_and(|t| Instant::now() < t) => {}
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        self.last = Some(Instant::now());
        Some(paths.into_iter().collect())
    }
}
