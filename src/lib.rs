//! rotative: a static site generator for news publications. The pipeline and
//! the modules' jobs are described in ARCHITECTURE.md.

// A dependency nothing uses fails CI (`clippy -D warnings`). Test-only
// crates are the dev-dependencies of the test targets, and the allocator is
// the binary's.
#![cfg_attr(not(test), warn(unused_crate_dependencies))]
use mimalloc as _;

pub mod a11y;
pub mod authoring;
pub mod bytescan;
pub mod check;
pub mod cmd;
pub mod config;
pub mod content;
pub mod devtools;
pub mod error;
pub mod fingerprint;
pub mod html;
pub mod i18n;
pub mod import;
pub mod media;
pub mod model;
pub mod oembed;
pub mod output;
pub mod preview;
pub mod render;
pub mod report;
pub mod schedule;
pub mod serve;
pub mod site;
pub mod slug;
pub mod timing;
