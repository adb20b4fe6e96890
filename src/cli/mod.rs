//! Command-line interface: one module per subcommand, each with its Args and run().

pub mod check;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// tarjama — align Arabic articles with their English sources, flag where they depart, and
/// export parallel data.
#[derive(Debug, Parser)]
#[command(name = "tarjama", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Workspace file (SQLite).
    #[arg(long, global = true, env = "TARJAMA_DB", default_value = "tarjama.db")]
    pub db: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// One-shot: align and check a source and its translation, no workspace needed.
    Check(check::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Check(a) => check::run(a),
    }
}

/// Standard output, buffered; write errors surface as `Error::Output` so a closed pipe is seen.
pub fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

/// Whether to colour terminal output: only on a terminal, and never when NO_COLOR is set.
pub fn colour_enabled() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}
