//! `tarjama bead ...`: review actions on beads without the TUI, for scripts and tests.

use crate::review::actions::{self, Action, Direction, Side};
use crate::store::{FlagFilter, Status};
use std::io::Write;
use std::path::Path;

#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// List the beads of a pair with their ids, status and score.
    #[command(
        after_help = "Examples:\n  tarjama bead list 1\n  tarjama bead list 1 --status automatic --flagged --json"
    )]
    List {
        /// Pair id.
        pair: String,
        /// Only beads with this status.
        #[arg(long, value_enum)]
        status: Option<Status>,
        /// Only beads with an open or confirmed flag.
        #[arg(long)]
        flagged: bool,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Confirm beads: the alignment is right. Re-alignment keeps them as they are.
    #[command(
        after_help = "Examples:\n  tarjama bead confirm 12\n  tarjama bead confirm 12 13 14 --reviewer amira"
    )]
    Confirm {
        /// Bead ids (`tarjama bead list PAIR` shows them); all in one decision, undone together.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Reject beads (the alignment is wrong).
    #[command(
        after_help = "Examples:\n  tarjama bead reject 15\n  tarjama bead reject 15 16 --reviewer amira"
    )]
    Reject {
        /// Bead ids (`tarjama bead list PAIR` shows them); all in one decision, undone together.
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Merge a bead with the bead after it.
    #[command(after_help = "Example:\n  tarjama bead merge 12 13")]
    Merge {
        /// The first bead.
        id: i64,
        /// The bead right after it.
        next: i64,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Split a bead: the first part keeps the first K sentences of each side.
    #[command(after_help = "Example:\n  tarjama bead split 12 --at 1")]
    Split {
        /// The bead to split.
        id: i64,
        /// How many sentences of each side the first part keeps (K).
        #[arg(long, value_name = "K")]
        at: usize,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// Move the bead's first sentence into the previous bead (--up) or its last sentence into
    /// the next bead (--down).
    #[command(
        after_help = "Examples:\n  tarjama bead shift 12 --up\n  tarjama bead shift 12 --down --side src"
    )]
    Shift {
        /// The bead whose sentence moves.
        id: i64,
        /// Move its first sentence into the previous bead.
        #[arg(long, conflicts_with = "down", required_unless_present = "down")]
        up: bool,
        /// Move its last sentence into the next bead.
        #[arg(long)]
        down: bool,
        /// Which side's sentence moves.
        #[arg(long, value_enum, default_value_t = Side::Tgt)]
        side: Side,
        /// Name recorded with the decision [default: $USER].
        #[arg(long)]
        reviewer: Option<String>,
    },
}

pub fn run(c: Command, db: &Path) -> anyhow::Result<()> {
    let mut ws = super::open(db)?;
    let (action, reviewer) = match c {
        Command::List {
            pair,
            status,
            flagged,
            json,
        } => return list(&mut ws, &pair, status, flagged, json),
        Command::Confirm { ids, reviewer } => (Action::SetStatus(ids, Status::Confirmed), reviewer),
        Command::Reject { ids, reviewer } => (Action::SetStatus(ids, Status::Rejected), reviewer),
        Command::Merge { id, next, reviewer } => (Action::Merge(id, next), reviewer),
        Command::Split { id, at, reviewer } => (Action::Split(id, at), reviewer),
        Command::Shift {
            id,
            up,
            side,
            reviewer,
            ..
        } => (
            Action::Shift(id, if up { Direction::Up } else { Direction::Down }, side),
            reviewer,
        ),
    };
    let who = actions::reviewer_name(reviewer.as_deref());
    let pair = actions::apply(&mut ws, &who, &action)?;
    println!("pair {pair}: {action} by {who}");
    Ok(())
}

fn list(
    ws: &mut crate::store::Workspace,
    pair: &str,
    status: Option<Status>,
    flagged: bool,
    json: bool,
) -> anyhow::Result<()> {
    let id = super::parse_id("pair", pair)?;
    let (beads, flags, (source, target)) = ws.read(|tx| {
        Ok((
            tx.beads(id)?,
            tx.flags(&FlagFilter {
                pair: Some(id),
                ..Default::default()
            })?,
            tx.pair_sentences(id)?,
        ))
    })?;
    let mut out = super::stdout();
    // The flags of each bead found once (a pass over every flag per bead was quadratic).
    let under = crate::export::report::flags_by_bead(
        beads.iter().map(|b| (&b.src[..], &b.tgt[..])),
        flags.iter().map(|f| &f.flag),
    );
    for (b, under) in beads.iter().zip(&under) {
        if status.is_some_and(|s| s != b.status) {
            continue;
        }
        let kinds: Vec<&str> = under.iter().map(|&n| flags[n].flag.kind.as_str()).collect();
        if flagged && kinds.is_empty() {
            continue;
        }
        if json {
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({
                    "id": b.id, "position": b.position, "src": b.src, "tgt": b.tgt,
                    "score": b.score, "status": b.status.as_str(), "flags": kinds,
                }),
            )?;
            writeln!(out)?;
        } else {
            let text = |ids: &[usize], sents: &[crate::segment::Sentence]| {
                let t = ids
                    .iter()
                    .map(|&i| sents[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                let short: String = t.chars().take(50).collect();
                if t.chars().count() > 50 {
                    format!("{short}…")
                } else {
                    short
                }
            };
            writeln!(
                out,
                "bead {:<6} {:>3}  {:<4} {:<9} {:.2}  EN {} → AR {}  {}  |  {}{}",
                b.id,
                b.position,
                format!("{}-{}", b.src.len(), b.tgt.len()),
                b.status.as_str(),
                b.score,
                positions(&b.src),
                positions(&b.tgt),
                text(&b.src, &source),
                text(&b.tgt, &target),
                if kinds.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", kinds.join(", "))
                }
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// Sentence positions as `bead list` shows them: "3,4", or "–" for none (not Rust's "[3, 4]").
fn positions(ids: &[usize]) -> String {
    if ids.is_empty() {
        return "–".into();
    }
    ids.iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}
