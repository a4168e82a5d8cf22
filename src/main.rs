//! The `search` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = search::cli::Cli::parse();
    match search::run(cli) {
        Ok(status) => ExitCode::from(status as u8),
        // A closed pipe (`search query x | head -1`) is the reader's choice, not an error.
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            if let Some(hint) = err.hint() {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(search::ExitStatus::Error as u8)
        }
    }
}
