//! `tarjama serve`: the workspace in a browser (see [`crate::serve`]).

use std::io::Write;
use std::net::IpAddr;
use std::path::Path;

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tarjama serve                       (http://127.0.0.1:8420/)
  tarjama serve --port 9000
  tarjama serve --bind 0.0.0.0        (other machines too: prints an access token, needed on every request)

Pages: / (pairs, unpaired articles with candidate sources), /pairs/ID (review), /search?q=,
/flags, /export. Review keys on a pair's page: j/k move, c confirm, x reject, m merge, n next
unreviewed, f next flagged, u undo. Decisions go to the same log as `tarjama review` and the
bead/flag commands, with the name typed in the Reviewer field.")]
pub struct Args {
    /// Port to listen on (0: any free port; the URL printed says which).
    #[arg(long, default_value_t = 8420)]
    pub port: u16,
    /// Address to listen on. Anything but a loopback address makes the workspace reachable from
    /// other machines: then a random access token is printed once and required on every request.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: IpAddr,
    /// For "Pair and align": do not use the system's FreeDict dictionaries, as `align
    /// --no-system-lexicon`.
    #[arg(long, env = "TARJAMA_NO_SYSTEM_LEXICON", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_system_lexicon: bool,
    /// For "Pair and align": the sentence encoder, as for `align`.
    #[command(flatten)]
    pub model: super::ModelArgs,
}

pub fn run(a: Args, db: &Path) -> anyhow::Result<()> {
    let opts = crate::serve::Options {
        db: db.to_path_buf(),
        bind: a.bind,
        port: a.port,
        no_system_lexicon: a.no_system_lexicon,
        model: a.model,
    };
    crate::serve::run(opts, |l| {
        if l.token.is_some() {
            eprintln!(
                "tarjama: warning: listening on {}, reachable from other machines; anyone with the URL below (it holds the access token) can read and change the workspace",
                l.addr
            );
        }
        let mut out = std::io::stdout().lock();
        // Flushed at once: a script (or a test) reading the URL from a pipe must not wait.
        let _ = writeln!(
            out,
            "tarjama serve: {} (workspace {}; Ctrl-C stops)",
            l.url,
            db.display()
        );
        let _ = out.flush();
    })?;
    Ok(())
}
