//! The `search` binary: parse arguments, run, map the outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;

/// jemalloc hands freed pages back to the system soon (see `malloc_conf`),
/// where glibc kept them in each thread's arena: indexing the perf corpus ×4
/// (184k files) peaked at 122 MB instead of 159, its 46k files at 101 instead
/// of 119, in the same time or less (README, "Performance").
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts: freed pages go back to the
/// system after a quarter of a second (`dirty_decay_ms`; the default is ten
/// seconds), and straight back rather than through a second pool of pages
/// marked unused (`muzzy_decay_ms`). At 0 ms indexing peaked a few MB lower
/// at ×4 but took 10-20 % longer: every free returned its pages.
#[cfg(not(target_env = "msvc"))]
#[export_name = "_rjem_malloc_conf"]
#[allow(non_upper_case_globals)]
static malloc_conf: Option<&'static u8> = Some(&b"dirty_decay_ms:250,muzzy_decay_ms:0\0"[0]);

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
