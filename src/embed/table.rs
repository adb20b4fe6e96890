//! The token embedding table: 128k rows of 512 values, kept quantised (one byte per value, ~65 MB
//! instead of ~260 MB of f32) and dequantised a row at a time when a batch needs it.
//!
//! In `weights.npz` the rows are split into blocks `q1`, `q2`, … with one affine dequantisation
//! (`scale`, `lo`) each; piece id `r` is row `r / blocks` of block `r % blocks`. The blocks are
//! most of the file and inflating them dominates loading, so several threads can read them at
//! once, each through its own handle on the archive, taking blocks from a shared queue.

use std::sync::Mutex;

use super::npz::Npz;
use super::EmbedError;

pub(crate) struct EmbeddingTable {
    pub(crate) dim: usize,
    pub(crate) rows_per_block: usize,
    /// The blocks one after the other, each `rows_per_block × dim`.
    pub(crate) data: Vec<u8>,
    pub(crate) scale: Vec<f32>,
    pub(crate) lo: Vec<f32>,
}

impl EmbeddingTable {
    fn blocks(&self) -> usize {
        self.scale.len()
    }

    /// How many piece ids the table covers.
    pub(crate) fn rows(&self) -> usize {
        self.blocks() * self.rows_per_block
    }

    /// Writes the embedding of piece `id` (< `rows()`) into `out` (`dim` values).
    pub(crate) fn dequantize_into(&self, id: usize, out: &mut [f32]) {
        let block = id % self.blocks();
        let row = block * self.rows_per_block + id / self.blocks();
        let (scale, lo) = (self.scale[block], self.lo[block]);
        let q = &self.data[row * self.dim..(row + 1) * self.dim];
        for (o, &q) in out.iter_mut().zip(q) {
            // Two roundings, as in the reference (multiply, then add), not one fused step.
            *o = f32::from(q) * scale + lo;
        }
    }
}

/// What the small arrays say about the table, read before its blocks.
pub(crate) struct TableLayout {
    scale: Vec<f32>,
    lo: Vec<f32>,
    rows_per_block: usize,
    dim: usize,
}

impl TableLayout {
    /// Reads `scale`, `lo` and the shape of `q1` (every block must have it).
    pub(crate) fn read(npz: &mut Npz) -> Result<TableLayout, EmbedError> {
        let (scale_shape, scale) = npz.f32_array_any_shape("scale", None)?;
        if scale_shape.len() != 1 || scale.is_empty() {
            return Err(EmbedError::corrupt(
                npz.path(),
                format!(
                    "array \"scale\" has shape {}, expected one non-empty dimension",
                    super::npz::shape_text(&scale_shape)
                ),
            ));
        }
        let lo = npz.f32_array("lo", &[scale.len()])?;
        let shape = npz.u8_shape("q1")?;
        let [rows_per_block, dim] = shape[..] else {
            return Err(EmbedError::corrupt(
                npz.path(),
                format!(
                    "array \"q1\" has shape {}, expected 2 dimensions",
                    super::npz::shape_text(&shape)
                ),
            ));
        };
        if rows_per_block == 0 || dim == 0 {
            return Err(EmbedError::corrupt(npz.path(), "array \"q1\" is empty"));
        }
        Ok(TableLayout {
            scale,
            lo,
            rows_per_block,
            dim,
        })
    }

    /// Bytes of the whole table.
    pub(crate) fn len(&self) -> usize {
        self.scale.len() * self.rows_per_block * self.dim
    }

    /// The table, once `data` (`len()` bytes) holds every block.
    pub(crate) fn into_table(self, data: Vec<u8>) -> EmbeddingTable {
        debug_assert_eq!(data.len(), self.len());
        EmbeddingTable {
            dim: self.dim,
            rows_per_block: self.rows_per_block,
            data,
            scale: self.scale,
            lo: self.lo,
        }
    }
}

/// The blocks still to be read into the table's buffer, for any number of threads to take from.
pub(crate) struct PendingBlocks<'a> {
    queue: Mutex<Vec<(usize, &'a mut [u8])>>,
    shape: [usize; 2],
}

impl<'a> PendingBlocks<'a> {
    /// All blocks of `layout`, to be read into `data` (`layout.len()` bytes).
    pub(crate) fn new(layout: &TableLayout, data: &'a mut [u8]) -> PendingBlocks<'a> {
        let block_len = layout.rows_per_block * layout.dim;
        // Reversed so that popping hands out q1, q2, … in order.
        let queue = data.chunks_exact_mut(block_len).enumerate().rev().collect();
        PendingBlocks {
            queue: Mutex::new(queue),
            shape: [layout.rows_per_block, layout.dim],
        }
    }

    fn next(&self) -> Option<(usize, &'a mut [u8])> {
        // A panic while holding the lock cannot leave the queue half-changed (pop is the only
        // operation), so a poisoned lock is still usable.
        self.queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop()
    }

    /// Reads blocks from `npz` until none are left, or one fails.
    pub(crate) fn read(&self, npz: &mut Npz) -> Result<(), EmbedError> {
        while let Some((index, out)) = self.next() {
            npz.u8_array_into(&format!("q{}", index + 1), &self.shape, out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::npz::tests::{npy, npy_f32, write_npz};
    use super::*;

    fn write_table(path: &std::path::Path, blocks: usize, block_shape: &str, block_bytes: usize) {
        let mut members = vec![
            ("scale".to_string(), npy_f32(&[blocks], &vec![0.5; blocks])),
            ("lo".to_string(), npy_f32(&[blocks], &vec![-1.0; blocks])),
        ];
        for b in 0..blocks {
            let data: Vec<u8> = (0..block_bytes).map(|i| (b * 10 + i) as u8).collect();
            members.push((format!("q{}", b + 1), npy("|u1", block_shape, &data)));
        }
        write_npz(path, &members);
    }

    #[test]
    fn blocks_read_by_two_threads_land_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.npz");
        write_table(&path, 5, "(2, 3)", 6);
        let mut npz = Npz::open(&path).unwrap();
        let layout = TableLayout::read(&mut npz).unwrap();
        let mut data = vec![0u8; layout.len()];
        let pending = PendingBlocks::new(&layout, &mut data);
        std::thread::scope(|scope| {
            let helper = scope.spawn(|| pending.read(&mut Npz::open(&path).unwrap()));
            pending.read(&mut npz).unwrap();
            helper.join().unwrap().unwrap();
        });
        let table = layout.into_table(data);
        assert_eq!(table.rows(), 10);
        // id 7: block 7 % 5 = 2, row 7 / 5 = 1 of it: bytes 23, 24, 25.
        let mut row = [0.0; 3];
        table.dequantize_into(7, &mut row);
        assert_eq!(row, [23.0 * 0.5 - 1.0, 24.0 * 0.5 - 1.0, 25.0 * 0.5 - 1.0]);
    }

    #[test]
    fn a_missing_or_misshapen_block_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.npz");
        // scale says 3 blocks, but only q1 and q2 exist... and q2 has another shape.
        let mut members = vec![
            ("scale".to_string(), npy_f32(&[3], &[1.0; 3])),
            ("lo".to_string(), npy_f32(&[3], &[0.0; 3])),
            ("q1".to_string(), npy("|u1", "(2, 2)", &[0; 4])),
            ("q2".to_string(), npy("|u1", "(1, 4)", &[0; 4])),
        ];
        write_npz(&path, &members);
        let mut npz = Npz::open(&path).unwrap();
        let layout = TableLayout::read(&mut npz).unwrap();
        let mut data = vec![0u8; layout.len()];
        let err = PendingBlocks::new(&layout, &mut data)
            .read(&mut npz)
            .unwrap_err();
        assert!(err.to_string().contains("\"q2\" has shape (1, 4)"), "{err}");

        members.remove(3);
        write_npz(&path, &members);
        let mut npz = Npz::open(&path).unwrap();
        let err = PendingBlocks::new(&layout, &mut data)
            .read(&mut npz)
            .unwrap_err();
        assert!(err.to_string().contains("no array \"q2\""), "{err}");
    }
}
