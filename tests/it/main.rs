//! Integration tests: each drives the real `search` binary on real files.

mod chrome;
mod common;
mod contrib;
mod errors;
mod export;
mod extract;
mod formats;
mod hostile;
mod incremental;
mod index;
mod json;
mod languages;
mod operators;
mod query;
mod stories;
