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
            eprintln!("tarjama: error: {}", one_line(&e));
            ExitCode::from(1)
        }
    }
}

/// The error and its causes on one line, each cause said once: a cause whose text the message
/// already holds (a library error that prints its source, as rusqlite's does) is not repeated.
fn one_line(e: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        let text = text.trim();
        if text.is_empty() || msg.contains(text) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(text);
    }
    msg.replace(['\r', '\n'], " ")
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || match c.downcast_ref::<tarjama::Error>() {
                Some(tarjama::Error::Output(io)) => io.kind() == BrokenPipe,
                Some(tarjama::Error::Json(j)) => j.io_error_kind() == Some(BrokenPipe),
                _ => false,
            }
    })
}
