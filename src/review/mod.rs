//! Review of alignments: scriptable actions over the workspace and display helpers.

pub mod actions;
pub mod bidi;
pub mod tui;
