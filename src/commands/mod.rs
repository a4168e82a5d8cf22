//! One module per subcommand; each connects stages and holds no stage logic.

mod byte_channel;
pub mod count;
pub mod export;
pub mod extract;
mod heap;
mod import;
pub mod index;
pub mod query;
pub mod shell;
pub mod show;
pub mod similar;
pub mod stats;

use std::path::PathBuf;

use crate::error::{Error, Result};

/// Fails the whole command when an input folder or file does not exist.
fn ensure_inputs_exist(inputs: &[PathBuf]) -> Result<()> {
    match inputs.iter().find(|p| !p.exists()) {
        Some(missing) => Err(Error::NoSuchInput(missing.clone())),
        None => Ok(()),
    }
}
