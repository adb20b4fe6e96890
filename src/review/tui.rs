//! The review TUI (ratatui): English and Arabic side by side, one row per bead, status and score
//! visible, flagged spans marked, the reason of the selected flag in the status line; a moved
//! Arabic sentence's row names the English sentence it renders (and shows it), and an English
//! sentence rendered elsewhere names where it went. Every action goes through [`super::actions`]
//! and is written at once in its own transaction.
//!
//! Another command may change the pair while the screen is open (`tarjama align` or a review in
//! another shell): the screen checks the workspace's data version every second and before every
//! key, and reloads the pair, saying so in the status line. A key that would have written is not
//! acted on when the pair changed under it: the reviewer sees the new rows first.

use super::actions::{self, Action, Direction, Side};
use crate::error::Result;
use crate::export::report::{flags_by_bead, Rtl};
use crate::flag::{Flag, Severity};
use crate::segment::Sentence;
use crate::store::{BeadRow, FlagFilter, FlagRow, FlagStatus, MoveRow, Status, Workspace};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table};
use ratatui::Frame;
use std::collections::HashMap;

/// Input modes.
#[derive(Debug, Clone, PartialEq)]
enum Mode {
    Normal,
    Search(String),
    Note(i64, String),
    Help,
}

pub const HELP: &[(&str, &str)] = &[
    ("↑/k ↓/j PgUp PgDn g G", "move"),
    ("c", "confirm bead (and go to the next)"),
    ("x", "reject bead"),
    ("m", "merge with the next bead"),
    ("s", "split bead after its first sentence on each side"),
    ("[ ]", "shift Arabic sentence to the previous / next bead"),
    ("{ }", "shift English sentence to the previous / next bead"),
    ("n", "next unconfirmed bead"),
    ("f", "next flagged bead"),
    ("Tab", "next flag of this bead"),
    ("a", "confirm the selected flag"),
    ("p P", "confirm / reject the moved pair of this bead"),
    ("d", "dismiss the selected flag (type a note, Enter)"),
    ("u", "undo the last decision"),
    ("/", "search (Enter); ; repeats"),
    ("?", "this help"),
    ("q", "quit (every decision is already saved)"),
];

pub struct App {
    pub pair: i64,
    reviewer: String,
    rtl: Rtl,
    pub beads: Vec<BeadRow>,
    source: Vec<Sentence>,
    target: Vec<Sentence>,
    flags: Vec<FlagRow>,
    /// Moved and repeated pairs, rejected ones included (shown ✘, so that they can be undone).
    pub moves: Vec<MoveRow>,
    pub cursor: usize,
    flag_cursor: usize,
    mode: Mode,
    pub message: String,
    last_search: Option<String>,
    pub quit: bool,
    /// The workspace's data version when the pair was last read ([`Workspace::data_version`]).
    seen_version: i64,
    /// Who is where, rebuilt on every (re)load ([`App::reindex`]).
    index: Index,
}

/// The flags under each bead and the moves of each sentence, so that drawing a row or finding
/// the next flagged bead looks at that bead's own flags and moves: a pass over all of the
/// pair's flags per bead made the screen quadratic (seconds per key on large pairs).
#[derive(Default)]
struct Index {
    /// Per bead, its flags as indices into `App::flags`, in their order.
    bead_flags: Vec<Vec<usize>>,
    /// English sentence → moves (indices into `App::moves`) whose English it is.
    moves_by_src: HashMap<usize, Vec<usize>>,
    /// Arabic sentence → moves whose Arabic it is.
    moves_by_tgt: HashMap<usize, Vec<usize>>,
}

/// What the screen shows of a pair, to tell whether another command changed it.
type Shown = (
    Vec<(i64, Vec<usize>, Vec<usize>, Status)>,
    Vec<(i64, FlagStatus)>,
    Vec<(i64, Status)>,
);

impl App {
    pub fn load(ws: &mut Workspace, pair: i64, reviewer: String, rtl: Rtl) -> Result<App> {
        let mut app = App {
            pair,
            reviewer,
            rtl,
            beads: vec![],
            source: vec![],
            target: vec![],
            flags: vec![],
            moves: vec![],
            cursor: 0,
            flag_cursor: 0,
            mode: Mode::Normal,
            message: "? for help".into(),
            last_search: None,
            quit: false,
            seen_version: 0,
            index: Index::default(),
        };
        app.reload(ws)?;
        Ok(app)
    }

    /// Rebuilds [`Index`] from the beads, flags and moves just read.
    fn reindex(&mut self) {
        let bead_flags = flags_by_bead(
            self.beads.iter().map(|b| (&b.src[..], &b.tgt[..])),
            self.flags.iter().map(|f| &f.flag),
        );
        let mut moves_by_src: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut moves_by_tgt: HashMap<usize, Vec<usize>> = HashMap::new();
        for (n, m) in self.moves.iter().enumerate() {
            moves_by_src.entry(m.src).or_default().push(n);
            moves_by_tgt.entry(m.tgt).or_default().push(n);
        }
        self.index = Index {
            bead_flags,
            moves_by_src,
            moves_by_tgt,
        };
    }

    fn reload(&mut self, ws: &mut Workspace) -> Result<()> {
        let pair = self.pair;
        // The bead under the cursor, to find it again.
        let at = self.beads.get(self.cursor).cloned();
        // The data version changes only when another connection commits. When it has not
        // since the last load, only this screen's review actions wrote, and they never change
        // sentences: the texts (most of what a load reads) are kept.
        let version = ws.data_version()?;
        let sentences_kept = version == self.seen_version && !self.source.is_empty();
        self.seen_version = version;
        let (beads, flags, moves, sentences) = ws.read(|tx| {
            Ok((
                tx.beads(pair)?,
                tx.flags(&FlagFilter {
                    pair: Some(pair),
                    include_dismissed: true,
                    ..Default::default()
                })?,
                tx.moves(pair)?,
                if sentences_kept {
                    None
                } else {
                    Some(tx.pair_sentences(pair)?)
                },
            ))
        })?;
        self.beads = beads;
        self.flags = flags;
        self.moves = moves;
        if let Some((source, target)) = sentences {
            self.source = source;
            self.target = target;
        }
        self.reindex();
        // The same bead if it is still there, else the one that now holds its first sentence.
        if let Some(at) = at {
            let same = self.beads.iter().position(|b| b.id == at.id);
            let holder = || {
                self.beads.iter().position(|b| {
                    at.src.first().is_some_and(|s| b.src.contains(s))
                        || at.tgt.first().is_some_and(|t| b.tgt.contains(t))
                })
            };
            if let Some(k) = same.or_else(holder) {
                self.cursor = k;
            }
        }
        self.cursor = self.cursor.min(self.beads.len().saturating_sub(1));
        Ok(())
    }

    fn shown(&self) -> Shown {
        (
            self.beads
                .iter()
                .map(|b| (b.id, b.src.clone(), b.tgt.clone(), b.status))
                .collect(),
            self.flags.iter().map(|f| (f.id, f.status)).collect(),
            self.moves.iter().map(|m| (m.id, m.status)).collect(),
        )
    }

    /// Reloads the pair when another command has written to the workspace since it was read.
    /// Returns whether the pair itself changed (then the status line says so).
    pub fn refresh(&mut self, ws: &mut Workspace) -> Result<bool> {
        if ws.data_version()? == self.seen_version {
            return Ok(false);
        }
        let before = self.shown();
        self.reload(ws)?;
        if self.shown() == before {
            return Ok(false);
        }
        self.flag_cursor = 0;
        self.message = format!(
            "pair {} was changed by another tarjama command (align or review); reloaded it",
            self.pair
        );
        Ok(true)
    }

    /// The flags under bead `k` ([`crate::export::report::flag_in_bead`]), in their order.
    fn bead_flags(&self, k: usize) -> Vec<&FlagRow> {
        self.index
            .bead_flags
            .get(k)
            .map(|v| v.iter().map(|&n| &self.flags[n]).collect())
            .unwrap_or_default()
    }

    /// The moves shown on bead `k`'s row: those of its Arabic sentences, then those of its
    /// English sentences, each in the order of the moves.
    pub fn bead_moves(&self, k: usize) -> Vec<&MoveRow> {
        let Some(b) = self.beads.get(k) else {
            return vec![];
        };
        let of = |map: &HashMap<usize, Vec<usize>>, sentences: &[usize]| -> Vec<usize> {
            let mut found: Vec<usize> = sentences
                .iter()
                .filter_map(|s| map.get(s))
                .flatten()
                .copied()
                .collect();
            found.sort_unstable();
            found.dedup();
            found
        };
        let of_target = of(&self.index.moves_by_tgt, &b.tgt);
        let of_source = of(&self.index.moves_by_src, &b.src)
            .into_iter()
            .filter(|&n| !b.tgt.contains(&self.moves[n].tgt));
        of_target
            .into_iter()
            .chain(of_source)
            .map(|n| &self.moves[n])
            .collect()
    }

    /// The move `p`/`P` acts on: the row's first move nobody has reviewed, else its first.
    fn selected_move(&self) -> Option<i64> {
        let moves = self.bead_moves(self.cursor);
        moves
            .iter()
            .find(|m| m.status == Status::Automatic)
            .or(moves.first())
            .map(|m| m.id)
    }

    fn selected_flag(&self) -> Option<&FlagRow> {
        let fl = self.bead_flags(self.cursor);
        if fl.is_empty() {
            None
        } else {
            Some(fl[self.flag_cursor % fl.len()])
        }
    }

    fn act(&mut self, ws: &mut Workspace, action: Action) -> Result<()> {
        match actions::apply(ws, &self.reviewer, &action) {
            Ok(_) => {
                self.message = format!("saved: {action}");
                self.reload(ws)?;
            }
            Err(e @ (crate::Error::StaleBead { .. } | crate::Error::UnknownId { .. })) => {
                // What the screen showed is gone: show what there is now.
                self.reload(ws)?;
                self.message = format!("not done: {e}; reloaded the pair");
            }
            Err(e) => self.message = format!("not done: {e}"),
        }
        Ok(())
    }

    fn move_to(&mut self, k: usize) {
        self.cursor = k.min(self.beads.len().saturating_sub(1));
        self.flag_cursor = 0;
    }

    fn find_next(&mut self, pred: impl Fn(&App, usize) -> bool, what: &str) {
        let n = self.beads.len();
        for step in 1..=n {
            let k = (self.cursor + step) % n;
            if pred(self, k) {
                self.move_to(k);
                self.message.clear();
                return;
            }
        }
        self.message = format!("no {what}");
    }

    fn search(&mut self, query: &str) {
        let q = crate::text::normalize(
            query,
            crate::text::detect_lang(query).unwrap_or(crate::text::Lang::En),
        );
        let q = q.trim().to_string();
        if q.is_empty() {
            return;
        }
        self.last_search = Some(query.to_string());
        self.find_next(
            |app, k| {
                let b = &app.beads[k];
                b.src.iter().any(|&i| {
                    crate::text::normalize(&app.source[i].text, crate::text::Lang::En).contains(&q)
                }) || b.tgt.iter().any(|&j| {
                    crate::text::normalize(&app.target[j].text, crate::text::Lang::Ar).contains(&q)
                })
            },
            &format!("match for '{query}'"),
        );
    }

    /// Handles one key press; actions are saved before this returns.
    pub fn handle_key(&mut self, ws: &mut Workspace, key: KeyEvent) -> Result<()> {
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Help => return Ok(()),
            Mode::Search(mut q) => {
                match key.code {
                    KeyCode::Enter => self.search(&q),
                    KeyCode::Esc => {}
                    KeyCode::Backspace => {
                        q.pop();
                        self.mode = Mode::Search(q);
                    }
                    KeyCode::Char(c) => {
                        q.push(c);
                        self.mode = Mode::Search(q);
                    }
                    _ => self.mode = Mode::Search(q),
                }
                return Ok(());
            }
            Mode::Note(id, mut note) => {
                match key.code {
                    KeyCode::Enter => {
                        let note = (!note.trim().is_empty()).then(|| note.trim().to_string());
                        self.act(ws, Action::Flag(id, FlagStatus::Dismissed, note))?;
                    }
                    KeyCode::Esc => self.message = "dismiss cancelled".into(),
                    KeyCode::Backspace => {
                        note.pop();
                        self.mode = Mode::Note(id, note);
                    }
                    KeyCode::Char(c) => {
                        note.push(c);
                        self.mode = Mode::Note(id, note);
                    }
                    _ => self.mode = Mode::Note(id, note),
                }
                return Ok(());
            }
            Mode::Normal => {}
        }
        let writes = matches!(
            key.code,
            KeyCode::Char(
                'c' | 'x' | 'm' | 's' | '[' | ']' | '{' | '}' | 'a' | 'p' | 'P' | 'd' | 'u'
            )
        ) && !key.modifiers.contains(KeyModifiers::CONTROL);
        if self.refresh(ws)? && writes {
            self.message = format!(
                "pair {} was changed by another tarjama command (align or review) and reloaded; nothing was done, check the row and press the key again",
                self.pair
            );
            return Ok(());
        }
        if self.beads.is_empty() {
            if matches!(key.code, KeyCode::Char('q') | KeyCode::Esc) {
                self.quit = true;
            }
            return Ok(());
        }
        let id = self.beads[self.cursor].id;
        let next_id = self.beads.get(self.cursor + 1).map(|b| b.id);
        match key.code {
            KeyCode::Char('q') | KeyCode::Esc => self.quit = true,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Down | KeyCode::Char('j') => self.move_to(self.cursor + 1),
            KeyCode::Up | KeyCode::Char('k') => self.move_to(self.cursor.saturating_sub(1)),
            KeyCode::PageDown => self.move_to(self.cursor + 10),
            KeyCode::PageUp => self.move_to(self.cursor.saturating_sub(10)),
            KeyCode::Char('g') | KeyCode::Home => self.move_to(0),
            KeyCode::Char('G') | KeyCode::End => self.move_to(usize::MAX),
            KeyCode::Char('?') => self.mode = Mode::Help,
            KeyCode::Char('c') => {
                self.act(ws, Action::SetStatus(vec![id], Status::Confirmed))?;
                self.move_to(self.cursor + 1);
            }
            KeyCode::Char('x') => self.act(ws, Action::SetStatus(vec![id], Status::Rejected))?,
            KeyCode::Char('m') => match next_id {
                Some(n) => self.act(ws, Action::Merge(id, n))?,
                None => self.message = "not done: this is the last bead".into(),
            },
            KeyCode::Char('s') => self.act(ws, Action::Split(id, 1))?,
            KeyCode::Char('[') => self.act(ws, Action::Shift(id, Direction::Up, Side::Tgt))?,
            KeyCode::Char(']') => self.act(ws, Action::Shift(id, Direction::Down, Side::Tgt))?,
            KeyCode::Char('{') => self.act(ws, Action::Shift(id, Direction::Up, Side::Src))?,
            KeyCode::Char('}') => self.act(ws, Action::Shift(id, Direction::Down, Side::Src))?,
            KeyCode::Char('n') => self.find_next(
                |app, k| app.beads[k].status != Status::Confirmed,
                "unconfirmed bead",
            ),
            KeyCode::Char('f') => self.find_next(
                |app, k| {
                    app.bead_flags(k)
                        .iter()
                        .any(|f| f.status != FlagStatus::Dismissed)
                },
                "flagged bead",
            ),
            KeyCode::Tab => self.flag_cursor += 1,
            KeyCode::Char('a') => match self.selected_flag().map(|f| f.id) {
                Some(f) => self.act(ws, Action::Flag(f, FlagStatus::Confirmed, None))?,
                None => self.message = "no flag on this bead".into(),
            },
            KeyCode::Char('p') => match self.selected_move() {
                Some(m) => self.act(ws, Action::Move(vec![m], Status::Confirmed))?,
                None => self.message = "no moved pair on this bead".into(),
            },
            KeyCode::Char('P') => match self.selected_move() {
                Some(m) => self.act(ws, Action::Move(vec![m], Status::Rejected))?,
                None => self.message = "no moved pair on this bead".into(),
            },
            KeyCode::Char('d') => match self.selected_flag().map(|f| f.id) {
                Some(f) => {
                    self.mode = Mode::Note(f, String::new());
                    self.message = "note for the dismissal (Enter to save, Esc to cancel)".into();
                }
                None => self.message = "no flag on this bead".into(),
            },
            KeyCode::Char('u') => {
                match actions::undo(ws, self.pair) {
                    Ok(Some(a)) => self.message = format!("undone: {a}"),
                    Ok(None) => self.message = "nothing to undo".into(),
                    Err(e) => self.message = format!("not done: {e}"),
                }
                self.reload(ws)?;
            }
            KeyCode::Char('/') => self.mode = Mode::Search(String::new()),
            KeyCode::Char(';') => {
                if let Some(q) = self.last_search.clone() {
                    self.search(&q);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Draws the whole screen.
    pub fn draw(&self, f: &mut Frame) {
        let [head, body, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(2),
        ])
        .areas(f.area());
        let confirmed = self
            .beads
            .iter()
            .filter(|b| b.status == Status::Confirmed)
            .count();
        let open_flags = self
            .flags
            .iter()
            .filter(|f| f.status == FlagStatus::Open)
            .count();
        f.render_widget(
            Paragraph::new(format!(
                " tarjama review — pair {} — {} beads, {} confirmed — {} open flags — reviewer {}",
                self.pair,
                self.beads.len(),
                confirmed,
                open_flags,
                self.reviewer
            ))
            .style(Style::default().add_modifier(Modifier::REVERSED)),
            head,
        );
        self.draw_table(f, body);
        let flag_line = match self.selected_flag() {
            Some(fl) => format!(
                "flag {} {} [{}] ({}): {}",
                fl.id,
                fl.flag.kind,
                fl.flag.severity,
                fl.status.as_str(),
                fl.flag.reason
            ),
            None => String::new(),
        };
        let prompt = match &self.mode {
            Mode::Search(q) => format!("search: {q}▏"),
            Mode::Note(id, n) => format!("note for flag {id}: {n}▏"),
            _ => self.message.clone(),
        };
        f.render_widget(
            Paragraph::new(vec![Line::from(flag_line), Line::from(prompt)]),
            status,
        );
        if self.mode == Mode::Help {
            let area = centered(f.area(), 64, (HELP.len() + 2) as u16);
            let lines: Vec<Line> = HELP
                .iter()
                .map(|(k, v)| {
                    Line::from(vec![
                        Span::styled(
                            format!("{k:>22}  "),
                            Style::default().add_modifier(Modifier::BOLD),
                        ),
                        Span::raw(*v),
                    ])
                })
                .collect();
            f.render_widget(Clear, area);
            f.render_widget(
                Paragraph::new(lines).block(
                    Block::default()
                        .borders(Borders::ALL)
                        .title(" keys (any key closes) "),
                ),
                area,
            );
        }
    }

    fn draw_table(&self, f: &mut Frame, area: Rect) {
        // Fixed columns (4 + 3 + 4) and the spacing between five columns.
        let fixed = 4 + 3 + 4 + 4 + 2;
        let text_w = (area.width.saturating_sub(fixed) / 2).max(10) as usize;
        // Only the rows that can show are built: the cursor's, those above it that fit (the
        // screen scrolls so that the cursor row is visible), and those below until the area is
        // full. Building every row made each frame cost the whole pair.
        let avail = area.height.saturating_sub(3);
        let mut above: Vec<(Row, u16)> = Vec::new();
        let mut below: Vec<(Row, u16)> = Vec::new();
        if let Some(cursor_row) = self.bead_row(self.cursor, text_w) {
            let mut used = cursor_row.1;
            let mut k = self.cursor;
            while k > 0 {
                let Some(row) = self.bead_row(k - 1, text_w) else {
                    break;
                };
                if used + row.1 > avail {
                    break;
                }
                k -= 1;
                used += row.1;
                above.push(row);
            }
            above.reverse();
            // The table draws whole rows while they fit its area; one row past it is enough.
            let mut total = used;
            below.push(cursor_row);
            let mut k = self.cursor + 1;
            while total <= area.height {
                let Some(row) = self.bead_row(k, text_w) else {
                    break;
                };
                total += row.1;
                below.push(row);
                k += 1;
            }
        }
        let visible: Vec<Row> = above.into_iter().chain(below).map(|r| r.0).collect();
        let table = Table::new(
            visible,
            [
                Constraint::Length(4),
                Constraint::Length(3),
                Constraint::Length(4),
                Constraint::Length(text_w as u16),
                Constraint::Length(text_w as u16),
            ],
        )
        .header(
            Row::new(vec!["#", "st", "scr", "English", "Arabic"])
                .style(Style::default().add_modifier(Modifier::BOLD)),
        )
        .block(Block::default().borders(Borders::TOP | Borders::BOTTOM));
        f.render_widget(table, area);
    }

    /// The table row of bead `k` and its height in lines; `None` past the last bead.
    fn bead_row(&self, k: usize, text_w: usize) -> Option<(Row<'static>, u16)> {
        let b = self.beads.get(k)?;
        let flags: Vec<&Flag> = self
            .bead_flags(k)
            .into_iter()
            .filter(|f| f.status != FlagStatus::Dismissed)
            .map(|f| &f.flag)
            .collect();
        // Wrap a little short of the column: some marks and quotes are measured wider.
        let wrap_w = text_w.saturating_sub(2).max(8);
        let mut en = wrap_sentences(&b.src, &self.source, crate::flag::Side::Src, &flags, wrap_w);
        let moves = self.bead_moves(k);
        if !moves.is_empty() {
            // An insertion bead's "—" gives way to the English its moved sentence renders.
            if b.src.is_empty() {
                en.clear();
            }
            en.extend(self.move_lines(&moves, &b.tgt, wrap_w));
        }
        let mut ar = wrap_sentences(&b.tgt, &self.target, crate::flag::Side::Tgt, &flags, wrap_w);
        if self.rtl == Rtl::App {
            ar = ar.into_iter().map(visual_line).collect();
        }
        let h = en.len().max(ar.len()).max(1) as u16;
        let status = status_span(b.status);
        let mark = if flags.is_empty() { " " } else { "!" };
        let row = Row::new(vec![
            Cell::from(format!("{:>4}", k + 1)),
            Cell::from(Line::from(vec![
                status,
                Span::raw(" "),
                Span::styled(mark, Style::default().fg(Color::Red)),
            ])),
            Cell::from(format!("{:.2}", b.score)),
            Cell::from(Text::from(en)),
            Cell::from(Text::from(right_aligned(ar, text_w))),
        ])
        .height(h);
        let row = if k == self.cursor {
            row.style(Style::default().bg(Color::DarkGray))
        } else {
            row
        };
        Some((row, h))
    }

    /// The lines naming the partners of a row's moves: "→ EN 8 (moved 0.99) ·" and the English
    /// sentence for a moved Arabic sentence of the bead (`tgt`), "↪ moved to AR 1 ·" for an
    /// English sentence of the bead rendered elsewhere.
    fn move_lines(&self, moves: &[&MoveRow], tgt: &[usize], width: usize) -> Vec<Line<'static>> {
        let partner = Style::default().fg(Color::Magenta);
        let mut lines = Vec::new();
        for m in moves {
            let kind = if m.repeat { "repeat" } else { "moved" };
            let label = if tgt.contains(&m.tgt) {
                format!("→ EN {} ({kind} {:.2}) ", m.src, m.score)
            } else if m.repeat {
                format!("↪ restated by AR {} ", m.tgt)
            } else {
                format!("↪ moved to AR {} ", m.tgt)
            };
            lines.push(Line::from(vec![
                Span::styled(label, partner.add_modifier(Modifier::BOLD)),
                status_span(m.status),
            ]));
            if tgt.contains(&m.tgt) {
                let shown =
                    wrap_sentences(&[m.src], &self.source, crate::flag::Side::Src, &[], width);
                lines.extend(shown.into_iter().map(|l| l.style(partner)));
            }
        }
        lines
    }
}

/// The review status of a bead or a move as one symbol.
fn status_span(status: Status) -> Span<'static> {
    match status {
        Status::Confirmed => Span::styled("✔", Style::default().fg(Color::Green)),
        Status::Rejected => Span::styled("✘", Style::default().fg(Color::Red)),
        Status::Automatic => Span::raw("·"),
    }
}

fn centered(r: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(r.width);
    let h = h.min(r.height);
    Rect {
        x: r.x + (r.width - w) / 2,
        y: r.y + (r.height - h) / 2,
        width: w,
        height: h,
    }
}

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::High => Style::default().fg(Color::White).bg(Color::Red),
        Severity::Medium => Style::default().fg(Color::Black).bg(Color::Yellow),
        Severity::Low => Style::default().fg(Color::Black).bg(Color::Cyan),
    }
}

/// The sentences of one side of a bead, wrapped to `width`, flagged spans styled.
fn wrap_sentences(
    ids: &[usize],
    sents: &[Sentence],
    side: crate::flag::Side,
    flags: &[&Flag],
    width: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for &i in ids {
        let Some(s) = sents.get(i) else { continue };
        let chars: Vec<char> = s.text.chars().collect();
        let mut styles = vec![Style::default(); chars.len()];
        for fl in flags {
            if let Some(sp) = &fl.span {
                if sp.side == side && sp.sentence == i {
                    for st in styles
                        .iter_mut()
                        .take(sp.end.min(chars.len()))
                        .skip(sp.start)
                    {
                        *st = severity_style(fl.severity);
                    }
                }
            } else if (side == crate::flag::Side::Tgt && fl.tgt.contains(&i) && fl.src.is_empty())
                || (side == crate::flag::Side::Src && fl.src.contains(&i) && fl.tgt.is_empty())
            {
                for st in styles.iter_mut() {
                    *st = st.add_modifier(Modifier::UNDERLINED).fg(Color::Red);
                }
            }
        }
        // Greedy wrap at spaces.
        let mut start = 0;
        while start < chars.len() {
            let mut end = (start + width).min(chars.len());
            if end < chars.len() {
                if let Some(sp) = chars[start..end].iter().rposition(|c| *c == ' ') {
                    if sp > 0 {
                        end = start + sp + 1;
                    }
                }
            }
            let mut spans = Vec::new();
            let mut k = start;
            while k < end {
                let st = styles[k];
                let mut e = k;
                while e < end && styles[e] == st {
                    e += 1;
                }
                spans.push(Span::styled(chars[k..e].iter().collect::<String>(), st));
                k = e;
            }
            lines.push(Line::from(spans));
            start = end;
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(
            "—",
            Style::default().fg(Color::DarkGray),
        )));
    }
    lines
}

/// Lines pushed to the right edge of a column `width` wide by leading spaces, measured with
/// [`crate::text::display::width`]. Not ratatui's right alignment: it measures with
/// unicode-width's string width, which counts a lam-alef pair as one column while the buffer and
/// the terminal give each letter a cell, so every «لا» cost the line's last letter.
fn right_aligned(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    lines
        .into_iter()
        .map(|line| {
            let used: usize = line
                .spans
                .iter()
                .map(|s| crate::text::display::width(&s.content))
                .sum();
            let mut spans = vec![Span::raw(" ".repeat(width.saturating_sub(used)))];
            spans.extend(line.spans);
            Line::from(spans)
        })
        .collect()
}

/// A line in visual order for terminals without bidi: styled runs in reverse order, each run
/// reordered by the Unicode bidi algorithm.
fn visual_line(line: Line<'static>) -> Line<'static> {
    let spans: Vec<Span<'static>> = line
        .spans
        .into_iter()
        .rev()
        .map(|s| Span::styled(crate::text::display::visual(&s.content), s.style))
        .collect();
    Line::from(spans)
}

/// How often the review screen looks whether another command changed the pair.
const REFRESH_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// Runs the TUI on the real terminal until the reviewer quits.
pub fn run(ws: &mut Workspace, pair: i64, reviewer: String, rtl: Rtl) -> Result<()> {
    use ratatui::crossterm::event::{self, Event, KeyEventKind};
    let mut app = App::load(ws, pair, reviewer, rtl)?;
    let mut terminal = ratatui::init();
    let result = (|| -> Result<()> {
        while !app.quit {
            terminal
                .draw(|f| app.draw(f))
                .map_err(crate::Error::Output)?;
            // Wait for a key at most a second, then look whether another command changed the
            // pair (a failed look is told, not fatal: the next one may succeed).
            if !event::poll(REFRESH_EVERY).map_err(crate::Error::Output)? {
                if let Err(e) = app.refresh(ws) {
                    app.message = format!("could not reload the pair: {e}");
                }
                continue;
            }
            if let Event::Key(k) = event::read().map_err(crate::Error::Output)? {
                if k.kind == KeyEventKind::Press {
                    app.handle_key(ws, k)?;
                }
            }
        }
        Ok(())
    })();
    ratatui::restore();
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;
    use ratatui::Terminal;

    fn sentence(text: &str) -> Sentence {
        Sentence {
            text: text.to_string(),
            paragraph: 0,
            start: 0,
            end: text.chars().count(),
        }
    }

    /// A screen of beads whose Arabic sentences end in lam-alef and hold several of them.
    fn app(arabic: &[&str], rtl: Rtl) -> App {
        let beads = (0..arabic.len())
            .map(|k| BeadRow {
                id: k as i64 + 1,
                pair_id: 1,
                position: k,
                src: vec![k],
                tgt: vec![k],
                score: 0.9,
                status: Status::Automatic,
            })
            .collect();
        let mut app = App {
            pair: 1,
            reviewer: "test".into(),
            rtl,
            beads,
            source: arabic.iter().map(|_| sentence("No.")).collect(),
            target: arabic.iter().map(|a| sentence(a)).collect(),
            flags: vec![],
            moves: vec![],
            cursor: 0,
            flag_cursor: 0,
            mode: Mode::Normal,
            message: String::new(),
            last_search: None,
            quit: false,
            seen_version: 0,
            index: Index::default(),
        };
        app.reindex();
        app
    }

    /// The Arabic column of every row of the rendered buffer, cell symbols joined.
    fn arabic_column(app: &App, width: u16) -> Vec<String> {
        let mut term = Terminal::new(TestBackend::new(width, 30)).unwrap();
        term.draw(|f| app.draw(f)).unwrap();
        let buf = term.backend().buffer().clone();
        let row = |y: u16| -> Vec<String> {
            (0..width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        };
        // The column starts where its header does.
        let (header_y, x0) = (0..30)
            .find_map(|y| {
                let cells = row(y);
                let line: String = cells.concat();
                line.find("Arabic").map(|_| {
                    let x = cells
                        .windows(6)
                        .position(|w| w.concat() == "Arabic")
                        .unwrap();
                    (y, x)
                })
            })
            .expect("a header row");
        (header_y + 1..30)
            .map(|y| row(y)[x0..].concat())
            .take_while(|s| !s.contains('─')) // the table's bottom border
            .filter(|s| !s.trim().is_empty())
            .collect()
    }

    const LINES: &[&str] = &[
        "دمشق | الثلاثاء 3 أيار 2024",
        "الأطلال لا تصلح إلا للزراعة (UNDP) لا",
        "قال: لأ",
    ];

    #[test]
    fn arabic_lines_ending_in_lam_alef_keep_every_letter() {
        // Wide enough that no sentence wraps: each row is one sentence, flush right.
        let rows = arabic_column(&app(LINES, Rtl::Terminal), 120);
        let shown: Vec<&str> = rows.iter().map(|r| r.trim()).collect();
        for line in LINES {
            assert!(
                shown.contains(line),
                "{line:?} not shown whole in {shown:#?}"
            );
        }
        // Flush right: every row's last letter sits in the same cell, the column's last.
        let margin = |r: &String| r.chars().rev().take_while(|c| *c == ' ').count();
        assert!(
            rows.iter().all(|r| margin(r) == margin(&rows[0])),
            "rows end in different cells: {rows:#?}"
        );
    }

    #[test]
    fn visual_order_keeps_every_letter_too() {
        let rows = arabic_column(&app(LINES, Rtl::App), 120);
        let shown: Vec<&str> = rows.iter().map(|r| r.trim()).collect();
        for line in LINES {
            let visual = crate::text::display::visual(line);
            assert!(
                shown.contains(&visual.as_str()),
                "{visual:?} not shown whole in {shown:#?}"
            );
        }
    }

    #[test]
    fn wrapped_arabic_keeps_every_letter() {
        // A narrow screen wraps the sentences; the letters of each still all appear, in order.
        for rtl in [Rtl::Terminal, Rtl::App] {
            let rows = arabic_column(&app(LINES, rtl), 60);
            let shown: String = rows.concat().chars().filter(|c| *c != ' ').collect();
            let mut stored: Vec<char> = LINES.concat().chars().filter(|c| *c != ' ').collect();
            let mut got: Vec<char> = shown.chars().collect();
            stored.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, stored, "{rtl:?}: {rows:#?}");
        }
    }
}
