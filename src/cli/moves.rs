//! `tarjama move ...`: the moved and repeated sentence pairs of a pair, and review decisions on
//! them, for scripts (the review TUI does the same with `p`/`P`).

use crate::review::actions::{self, Action};
use crate::store::Status;
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List the moved and repeated sentence pairs of a pair with their ids, status and score.
    #[command(after_help = "Examples:\n  tarjama move list 1\n  tarjama move list 1 --json")]
    List {
        /// Pair id.
        pair: String,
        /// Only moves with this status.
        #[arg(long, value_enum)]
        status: Option<Status>,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Confirm moved pairs: the Arabic sentence renders that English sentence. A confirmed move
    /// stays when the pair is re-aligned.
    #[command(
        after_help = "Examples:\n  tarjama move confirm 3\n  tarjama move confirm 3 4 --reviewer amira"
    )]
    Confirm {
        /// Move ids (`tarjama move list PAIR` shows them); all in one decision.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Reject moved pairs: the two sentences do not render each other. Rejected moves drop out
    /// of reports and exports, and stay rejected when re-alignment finds them again.
    #[command(
        after_help = "Examples:\n  tarjama move reject 5\n  tarjama move reject 5 6 --reviewer amira"
    )]
    Reject {
        /// Move ids (`tarjama move list PAIR` shows them); all in one decision.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
}

pub fn run(c: Command, db: &Path) -> anyhow::Result<()> {
    let mut ws = super::open(db)?;
    let (ids, status, reviewer) = match c {
        Command::List { pair, status, json } => return list(&mut ws, &pair, status, json),
        Command::Confirm { ids, reviewer } => (ids, Status::Confirmed, reviewer),
        Command::Reject { ids, reviewer } => (ids, Status::Rejected, reviewer),
    };
    let who = actions::reviewer_name(reviewer.as_deref());
    // One decision (one transaction, one undo) for all the moves named, like `bead confirm`.
    let shown: Vec<String> = ids.iter().map(|id| id.to_string()).collect();
    let pair = actions::apply(&mut ws, &who, &Action::Move(ids, status))?;
    println!(
        "move {} (pair {pair}): {} by {who}",
        shown.join(", "),
        status.as_str()
    );
    Ok(())
}

fn list(
    ws: &mut crate::store::Workspace,
    pair: &str,
    status: Option<Status>,
    json: bool,
) -> anyhow::Result<()> {
    let id = super::parse_id("pair", pair)?;
    let (moves, analysis) = ws.read(|tx| Ok((tx.moves(id)?, tx.analysis(id, false)?)))?;
    let moves: Vec<_> = moves
        .into_iter()
        .filter(|m| !status.is_some_and(|s| s != m.status))
        .collect();
    let mut out = super::stdout();
    if json {
        super::write_json_lines(&mut out, &moves, anyhow::Error::from)?;
    } else {
        let short = |t: &str| {
            let s: String = t.chars().take(50).collect();
            if t.chars().count() > 50 {
                format!("{s}…")
            } else {
                s
            }
        };
        for m in &moves {
            let text = |sents: &[crate::segment::Sentence], i: usize| {
                sents.get(i).map(|s| short(&s.text)).unwrap_or_default()
            };
            writeln!(
                out,
                "move {:<6} {:<6} {:<9} {:.2}  EN {} → AR {}  {}  |  {}",
                m.id,
                if m.repeat { "repeat" } else { "moved" },
                m.status.as_str(),
                m.score,
                m.src,
                m.tgt,
                text(&analysis.source, m.src),
                text(&analysis.target, m.tgt),
            )?;
        }
        if moves.is_empty() {
            writeln!(out, "no moved pairs in pair {id}")?;
        }
    }
    out.flush()?;
    Ok(())
}
