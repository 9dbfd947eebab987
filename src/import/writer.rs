//! Writing an import: every file is made in a hidden folder beside `--into`
//! first, then moved in, so a failed import leaves `--into` as it was; files
//! already there with the same bytes are left alone, so importing twice
//! changes nothing, and different ones are replaced only with `--force`.

use super::ImportError;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// What one file of the result holds.
enum Content {
    Bytes(Vec<u8>),
    /// A file of the source, copied as it is (images).
    Copy(PathBuf),
}

/// The files an import makes, by path relative to `--into`, in a stable order.
#[derive(Default)]
pub struct Plan {
    files: BTreeMap<String, Content>,
}

impl Plan {
    pub fn add(&mut self, rel: &str, bytes: Vec<u8>) {
        self.files.insert(rel.to_string(), Content::Bytes(bytes));
    }

    pub fn copy(&mut self, rel: &str, from: &Path) {
        self.files
            .insert(rel.to_string(), Content::Copy(from.to_path_buf()));
    }

    pub fn contains(&self, rel: &str) -> bool {
        self.files.contains_key(rel)
    }
}

pub struct Outcome {
    pub written: usize,
    pub unchanged: usize,
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    fs::read(path).map_err(|source| ImportError::Read {
        path: path.display().to_string(),
        source,
    })
}

fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Write {
        path: path.display().to_string(),
        source,
    }
}

pub fn apply(plan: &Plan, into: &Path, force: bool) -> Result<Outcome, ImportError> {
    let mut changed: Vec<(&str, Vec<u8>)> = Vec::new();
    let mut conflicts = Vec::new();
    let mut unchanged = 0;
    for (rel, content) in &plan.files {
        let bytes = match content {
            Content::Bytes(b) => b.clone(),
            Content::Copy(from) => read(from)?,
        };
        let dest = into.join(rel);
        match fs::read(&dest) {
            Ok(old) if old == bytes => unchanged += 1,
            Ok(_) => {
                conflicts.push(rel.to_string());
                changed.push((rel, bytes));
            }
            Err(_) if dest.exists() => {
                conflicts.push(rel.to_string());
                changed.push((rel, bytes));
            }
            Err(_) => changed.push((rel, bytes)),
        }
    }
    if !conflicts.is_empty() && !force {
        return Err(ImportError::Conflict {
            into: into.display().to_string(),
            files: conflicts,
        });
    }
    if changed.is_empty() {
        return Ok(Outcome {
            written: 0,
            unchanged,
        });
    }
    let staging = staging_dir(into);
    let _ = fs::remove_dir_all(&staging);
    let result = stage(&staging, &changed).and_then(|()| move_in(&staging, into, &changed));
    let _ = fs::remove_dir_all(&staging);
    result?;
    Ok(Outcome {
        written: changed.len(),
        unchanged,
    })
}

/// `.<name>.rotative-import` beside `into`: on the same file system, so the
/// moves are renames.
fn staging_dir(into: &Path) -> PathBuf {
    let name = into
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".into());
    let parent = into
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.rotative-import"))
}

fn stage(staging: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), ImportError> {
    for (rel, bytes) in files {
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(write_err(dir))?;
        }
        fs::write(&path, bytes).map_err(write_err(&path))?;
    }
    Ok(())
}

fn move_in(staging: &Path, into: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), ImportError> {
    if !into.exists() {
        if let Some(parent) = into.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(write_err(parent))?;
        }
        // A new site appears whole, in one rename.
        return fs::rename(staging, into).map_err(write_err(into));
    }
    for (rel, _) in files {
        let dest = into.join(rel);
        if let Some(dir) = dest.parent() {
            fs::create_dir_all(dir).map_err(write_err(dir))?;
        }
        fs::rename(staging.join(rel), &dest).map_err(write_err(&dest))?;
    }
    Ok(())
}
