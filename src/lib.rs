//! rotative: a static site generator for news publications.

pub mod aliases;
pub mod authoring;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod i18n;
pub mod import;
pub mod incremental;
pub mod media;
pub mod model;
pub mod output;
pub mod related;
pub mod render;
pub mod schedule;
pub mod serve;
pub mod site;
pub mod slug;
pub mod sources;
