//! The `tarjama` binary: parses arguments, dispatches to a subcommand, maps errors to one-line
//! messages and exit codes. A closed output pipe (`tarjama list | head`) is success.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match tarjama::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return argument_error(e),
    };
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

/// What clap has to say instead of running a command. Help and version are printed as clap prints
/// them; an argument error becomes the one line and status 1 of every other error (clap's own is
/// several lines with status 2), with where to read the command's options, so that scripts and
/// users see one kind of error whatever went wrong.
fn argument_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        // `tarjama` or `tarjama bead` alone: the list of commands is the useful answer.
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(1);
        }
        _ => {}
    }
    eprintln!(
        "tarjama: error: {} (see `{} --help`)",
        clap_message(&e),
        command_path(std::env::args_os())
    );
    ExitCode::from(1)
}

/// clap's message on one line: its lines up to the usage, without the tip, joined
/// ("invalid value 'x' for '--format <FORMAT>' [possible values: tsv, jsonl, …]").
fn clap_message(e: &clap::Error) -> String {
    let rendered = e.render().to_string();
    let lines: Vec<&str> = rendered
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty() && !l.starts_with("tip:"))
        .collect();
    let message = lines.join(" ");
    let message = message.strip_prefix("error:").unwrap_or(&message).trim();
    if message.is_empty() {
        "invalid arguments".to_string()
    } else {
        message.to_string()
    }
}

/// The command the arguments were for ("tarjama export", "tarjama bead shift"): the subcommand
/// names among the arguments, followed down the command tree.
fn command_path(args: impl Iterator<Item = std::ffi::OsString>) -> String {
    use clap::CommandFactory;
    let mut cmd = tarjama::cli::Cli::command();
    let mut path = vec!["tarjama".to_string()];
    for arg in args.skip(1) {
        if !cmd.has_subcommands() {
            break;
        }
        let Some(arg) = arg.to_str() else { continue };
        if let Some(sub) = cmd.find_subcommand(arg).cloned() {
            path.push(sub.get_name().to_string());
            cmd = sub;
        }
    }
    path.join(" ")
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
