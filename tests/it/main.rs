//! The integration tests: one binary, so the crate is linked once. See tests/README.md.

mod browser;
mod build;
mod context;
mod discover;
mod errors;
mod harness;
mod incremental;
mod output;
mod serve;
mod server;
