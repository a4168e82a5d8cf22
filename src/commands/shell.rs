//! `search completions` and `search man`: generated from the clap definitions,
//! so they never drift from the real flags.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::{Error, ExitStatus, Result};
use crate::output;

/// Prints the completion script for a shell.
pub fn completions(args: &CompletionsArgs) -> Result<ExitStatus> {
    let mut out = output::stdout();
    clap_complete::generate(args.shell, &mut Cli::command(), "search", &mut out);
    output::flush(&mut out)?;
    Ok(ExitStatus::Success)
}

/// Prints the main man page, or writes every page into `--dir`.
pub fn man(args: &ManArgs) -> Result<ExitStatus> {
    let command = Cli::command();
    match &args.dir {
        Some(dir) => {
            let io = |source| Error::Io {
                what: "cannot write man pages to",
                path: dir.clone(),
                source,
            };
            std::fs::create_dir_all(dir).map_err(io)?;
            clap_mangen::generate_to(command, dir).map_err(io)?;
            let _ = writeln!(std::io::stderr(), "wrote man pages to {}", dir.display());
        }
        None => {
            let mut out = output::stdout();
            clap_mangen::Man::new(command)
                .render(&mut out)
                .map_err(output::write_error)?;
            output::flush(&mut out)?;
        }
    }
    Ok(ExitStatus::Success)
}
