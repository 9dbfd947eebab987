//! The output folder: where it may be, and atomic replacement of its contents.
//!
//! A build writes into a fresh hidden folder beside the output and swaps it in
//! only when every page was written, so readers of `public/` (a web server, a
//! deploy script) never see a half-built site, and a failed build changes nothing.

use crate::error::OutputError;
use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io;
use std::path::{Component, Path, PathBuf};

/// Written into every output folder, so that rotative only ever replaces
/// folders it made itself.
pub const MARKER: &str = ".rotative-output";

/// Where rendered files go: a staging folder on disk (`Staging`), or memory
/// (`Memory`) for the preview and `check`; the renderer writes through this
/// alone, so every command renders the same way.
pub trait Sink: Sync {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> io::Result<()>;
    fn copy(&self, src: &Path, rel: &str) -> io::Result<()>;
}

/// Makes `p` absolute and removes `.` and `..` without touching the disk, then
/// resolves links in the part that exists, so that comparisons see real places.
fn absolute(p: &Path) -> io::Result<PathBuf> {
    let joined = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut clean = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            c => clean.push(c),
        }
    }
    let mut existing = clean.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut real = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        real.push(name);
    }
    Ok(real)
}

/// Refuses output folders whose replacement would destroy the site itself.
pub fn check_location(root: &Path, out: &Path) -> Result<PathBuf, OutputError> {
    if out.as_os_str().is_empty() {
        return Err(OutputError::Empty);
    }
    // The shell expands `~`; given as is (quoted, or from a script), it would
    // make a folder named `~`, a trap for whoever removes it with `rm -rf ~`.
    if out.components().next() == Some(Component::Normal("~".as_ref())) {
        return Err(OutputError::Tilde(out.to_path_buf()));
    }
    let root = absolute(root).map_err(OutputError::io("cannot resolve the site root"))?;
    let abs = absolute(out).map_err(OutputError::io("cannot resolve the output folder"))?;
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let refuse = |why: &str| {
        Err(OutputError::Refused {
            path: out.to_path_buf(),
            why: why.to_string(),
        })
    };
    if root.starts_with(&abs) {
        return refuse("it is the site root or contains it");
    }
    for protected in ["content", "themes"] {
        if abs.starts_with(root.join(protected)) {
            return refuse(&format!("it is inside the site's {protected}/ folder"));
        }
    }
    if home.is_some_and(|h| abs == h) {
        return refuse("it is your home folder");
    }
    Ok(abs)
}

/// A build in progress: the staging folder, and the lock that keeps a second
/// build of the same output from mixing its files into this one.
pub struct Staging {
    pub dir: PathBuf,
    target: PathBuf,
    committed: bool,
    _lock: File,
}

fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.rotative-{tag}"))
}

impl Staging {
    pub fn begin(target: &Path, force: bool) -> Result<Staging, OutputError> {
        if target.exists() {
            if !target.is_dir() {
                return Err(OutputError::NotAFolder(target.to_path_buf()));
            }
            let non_empty = fs::read_dir(target)
                .map_err(OutputError::io(target.display().to_string()))?
                .next()
                .is_some();
            if non_empty && !target.join(MARKER).exists() && !force {
                return Err(OutputError::NotOurs {
                    path: target.to_path_buf(),
                    marker: MARKER,
                });
            }
        }
        let parent = target.parent().ok_or(OutputError::NoParent)?;
        fs::create_dir_all(parent).map_err(OutputError::io(format!(
            "cannot create {}",
            parent.display()
        )))?;
        // The lock is taken on the folder that holds the output (for the usual
        // `public/`, the site root): a lock file would be one more stray file,
        // and removing it after a build would race with the next build.
        let lock = File::open(parent)
            .map_err(OutputError::io(format!("cannot open {}", parent.display())))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(OutputError::Locked {
                    target: target.to_path_buf(),
                    lock: parent.to_path_buf(),
                });
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(OutputError::io(format!("cannot lock {}", parent.display()))(e));
            }
        }
        // Holding the lock, anything left by a killed build is ours to remove.
        for tag in ["tmp", "old"] {
            let stale = sibling(target, tag);
            if stale.exists() {
                fs::remove_dir_all(&stale).map_err(OutputError::io(format!(
                    "cannot remove {}",
                    stale.display()
                )))?;
            }
        }
        let dir = sibling(target, "tmp");
        fs::create_dir(&dir)
            .map_err(OutputError::io(format!("cannot create {}", dir.display())))?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
            _lock: lock,
        })
    }

    /// Creates every folder the given files need, once each, before the
    /// parallel writers start (so they never race on `create_dir`).
    pub fn create_dirs<'a>(&self, files: impl Iterator<Item = &'a str>) -> io::Result<()> {
        use rayon::prelude::*;
        let dirs: BTreeSet<&str> = files
            .filter_map(|f| f.rsplit_once('/').map(|(d, _)| d))
            .collect();
        // In parallel: `create_dir_all` accepts a parent made meanwhile by another thread.
        dirs.into_par_iter()
            .try_for_each(|d| fs::create_dir_all(self.dir.join(d)))
    }

    /// Swaps the staging folder in place of the target.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let what = format!("cannot replace {}", self.target.display());
        let err = |source: io::Error| OutputError::Io {
            what: what.clone(),
            source,
        };
        fs::write(
            self.dir.join(MARKER),
            "This folder is written by rotative and replaced on each build.\n",
        )
        .map_err(err)?;
        if self.target.exists() {
            let exchanged = rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.target,
                rustix::fs::RenameFlags::EXCHANGE,
            );
            if exchanged.is_err() {
                // Without an atomic exchange (some file systems), rename twice:
                // the target is missing only between the two renames.
                let old = sibling(&self.target, "old");
                fs::rename(&self.target, &old).map_err(err)?;
                fs::rename(&self.dir, &self.target).map_err(err)?;
                self.committed = true;
                remove_tree(&old).map_err(err)?;
                return Ok(());
            }
            // After the exchange, the staging path holds the previous output.
            self.committed = true;
            remove_tree(&self.dir).map_err(err)?;
        } else {
            fs::rename(&self.dir, &self.target).map_err(err)?;
            self.committed = true;
        }
        Ok(())
    }
}

/// Removes a previous output: its files in parallel (a large site has tens of
/// thousands), then its folders, deepest first.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for e in walkdir::WalkDir::new(dir).contents_first(true) {
        let e = e.map_err(io::Error::other)?;
        if e.file_type().is_dir() {
            dirs.push(e.into_path());
        } else {
            files.push(e.into_path());
        }
    }
    files.par_iter().try_for_each(fs::remove_file)?;
    dirs.iter().try_for_each(fs::remove_dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> io::Result<()> {
        fs::write(self.dir.join(rel), bytes)
    }
    fn copy(&self, src: &Path, rel: &str) -> io::Result<()> {
        fs::copy(src, self.dir.join(rel)).map(|_| ())
    }
}

/// Pages rendered into memory (the preview, `check`). Copied files are not
/// read: they are served, or checked, from where they are.
#[derive(Default)]
pub struct Memory {
    pages: std::sync::Mutex<Vec<(String, Vec<u8>)>>,
}

impl Memory {
    /// The pages written, in no particular order.
    pub fn into_pages(self) -> Vec<(String, Vec<u8>)> {
        self.pages.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: Vec<u8>) -> io::Result<()> {
        self.pages
            .lock()
            .map_err(|_| io::Error::other("a render thread panicked"))?
            .push((rel.to_string(), bytes));
        Ok(())
    }
    fn copy(&self, _src: &Path, _rel: &str) -> io::Result<()> {
        Ok(())
    }
}
