//! The `tarjama` binary: parses arguments, dispatches to a subcommand, maps errors to one-line
//! messages and exit codes. A closed output pipe (`tarjama list | head`) is success.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = tarjama::cli::Cli::parse();
    match tarjama::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let msg = format!("{e:#}");
            eprintln!("tarjama: error: {}", msg.replace('\n', " "));
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || matches!(c.downcast_ref::<tarjama::Error>(), Some(tarjama::Error::Output(io)) if io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
