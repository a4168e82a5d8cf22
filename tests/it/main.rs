//! Integration tests: each drives the real `search` binary on real files.

mod common;
mod errors;
mod extract;
mod hostile;
mod incremental;
mod index;
mod json;
mod query;
