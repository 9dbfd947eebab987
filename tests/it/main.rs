//! The integration tests: one binary, so the crate is linked once. See tests/README.md.

mod browser;
mod build;
mod context;
mod errors;
mod harness;
mod incremental;
mod output;
mod seo;
mod serve;
mod server;
