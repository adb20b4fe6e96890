//! Review of alignments: scriptable actions over the workspace and the terminal UI.

pub mod actions;
pub mod tui;
