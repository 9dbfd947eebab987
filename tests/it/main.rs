//! The integration tests: one binary, so the crate is linked once. See tests/README.md.

mod a11y;
mod authoring;
mod browser;
mod build;
mod context;
mod discover;
mod errors;
mod harness;
mod import;
mod incremental;
mod life;
mod media;
mod safety;
mod seo;
mod serve;
mod server;
mod shortcodes;
