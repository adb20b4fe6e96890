//! tarjama: Arabic–English translation alignment, divergence flags and parallel corpora.
//!
//! Data flows one way: [`ingest`] → [`segment`] → [`anchors`] → [`align`] → [`flag`] → [`store`];
//! [`review`], [`export`] and reports read the store. [`pipeline`] runs the pure stages.

pub mod align;
pub mod anchors;
pub mod batch;
pub mod cli;
pub mod embed;
pub mod error;
pub mod eval;
pub mod export;
pub mod flag;
// Fuzz target bodies, shared by the fuzz crate and tests/fuzz_corpus.rs; no API.
#[doc(hidden)]
pub mod fuzzing;
pub mod ingest;
pub mod pair;
pub mod pipeline;
pub mod review;
pub mod segment;
pub mod serve;
pub mod store;
pub mod text;

#[cfg(test)]
mod test_corpora;

pub use error::{Error, Result};
