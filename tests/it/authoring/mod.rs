//! Editorial checks (`rotative check`, `build --strict`), starting an article
//! (`rotative new`), starting a publication (`rotative init`) and the default
//! theme built into the binary.

mod check;
mod scaffold;

use crate::harness::SiteTest;
use std::path::Path;
use std::process::Command;

/// The outcome of one run of the real binary.
pub struct Run {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The diagnostic lines, in the order printed.
    pub fn lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }
}

pub fn rotative(cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_rotative"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    Run {
        status: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn check(t: &SiteTest, extra: &[&str]) -> Run {
    let root = t.root.to_str().unwrap();
    let mut args = vec!["check", "--root", root];
    args.extend(extra);
    rotative(t.tmp.path(), &args)
}
