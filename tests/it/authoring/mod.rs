//! Editorial checks (`rotative check`, `build --strict`), starting an article
//! (`rotative new`), starting a publication (`rotative init`) and the default
//! theme built into the binary.

mod check;
mod scaffold;

use crate::harness::SiteTest;

pub use crate::harness::{Run, rotative};

pub fn check(t: &SiteTest, extra: &[&str]) -> Run {
    let root = t.root.to_str().unwrap();
    let mut args = vec!["check", "--root", root];
    args.extend(extra);
    rotative(t.tmp.path(), &args)
}
