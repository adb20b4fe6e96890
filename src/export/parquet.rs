//! Parquet: the JSONL export's rows as columns (`export --format parquet`), and `batch`'s output
//! records with the nested `check` schema (`batch --output-format parquet`).
//!
//! Rows go through serde into Arrow record batches (arrow-json's decoder, against a fixed schema
//! so that every file of a format has the same columns, whatever its first rows hold), and from
//! there into Parquet row groups. Memory holds one batch of rows.

use super::{ExportRow, Sink};
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use serde::Serialize;
use std::io::{self, Write};
use std::sync::Arc;

/// Rows per record batch (and at most per row group): a few MB of news text.
pub const BATCH_ROWS: usize = 1024;

fn list(item: DataType) -> DataType {
    DataType::List(Arc::new(Field::new("item", item, true)))
}

fn ids() -> DataType {
    list(DataType::Int64)
}

fn text() -> DataType {
    DataType::Utf8
}

/// The columns of `export --format parquet`: the keys of the JSONL export, in its order. A bead
/// has `bead` set and `move` null, a moved pair the other way round.
pub fn export_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("pair", DataType::Int64, false),
        Field::new("bead", DataType::Int64, true),
        Field::new("move", DataType::Int64, true),
        Field::new("src_ids", ids(), false),
        Field::new("tgt_ids", ids(), false),
        Field::new("source", text(), false),
        Field::new("target", text(), false),
        Field::new("score", DataType::Float64, false),
        Field::new("status", text(), false),
        Field::new("flags", list(text()), false),
        Field::new("article", DataType::Int64, false),
        Field::new("source_document", DataType::Int64, false),
        Field::new("outlet", text(), true),
        Field::new("date", text(), true),
        Field::new("moved", DataType::Boolean, false),
        Field::new("repeat", DataType::Boolean, true),
    ]))
}

/// The columns of `batch --output-format parquet`: `id` and `error`, then the `check` document
/// with its nesting kept (`source.sentences`, `beads[].src`, `flags[].span.text`…). `id` is text:
/// a string id as given, another id (a number) as its JSON text. A failed record has `error` set
/// and the rest null; `moves` is null when there are none (absent in JSON).
pub fn batch_schema() -> SchemaRef {
    let side = DataType::Struct(Fields::from(vec![
        Field::new("lang", text(), false),
        Field::new("sentences", list(text()), false),
    ]));
    let bead = DataType::Struct(Fields::from(vec![
        Field::new("src", ids(), false),
        Field::new("tgt", ids(), false),
        Field::new("score", DataType::Float64, false),
    ]));
    let moved = DataType::Struct(Fields::from(vec![
        Field::new("src", DataType::Int64, false),
        Field::new("tgt", DataType::Int64, false),
        Field::new("score", DataType::Float64, false),
        Field::new("repeat", DataType::Boolean, false),
    ]));
    let span = DataType::Struct(Fields::from(vec![
        Field::new("side", text(), false),
        Field::new("sentence", DataType::Int64, false),
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("text", text(), false),
    ]));
    let flag = DataType::Struct(Fields::from(vec![
        Field::new("kind", text(), false),
        Field::new("subkind", text(), true),
        Field::new("severity", text(), false),
        Field::new("src", ids(), false),
        Field::new("tgt", ids(), false),
        Field::new("span", span, true),
        Field::new("reason", text(), false),
    ]));
    // Flag counts per kind: a map, since a record has only the kinds it found.
    let summary = DataType::Map(
        Arc::new(Field::new(
            "entries",
            DataType::Struct(Fields::from(vec![
                Field::new("key", text(), false),
                Field::new("value", DataType::Int64, true),
            ])),
            false,
        )),
        false,
    );
    Arc::new(Schema::new(vec![
        Field::new("id", text(), true),
        Field::new("error", text(), true),
        Field::new("source", side.clone(), true),
        Field::new("target", side, true),
        Field::new("beads", list(bead), true),
        Field::new("moves", list(moved), true),
        Field::new("flags", list(flag), true),
        Field::new("summary", summary, true),
    ]))
}

/// Writes serialisable rows of a fixed schema as a Parquet file, a batch at a time.
pub struct RowWriter<W: Write + Send> {
    decoder: arrow_json::reader::Decoder,
    pending: usize,
    // `None` once closed.
    writer: Option<ArrowWriter<W>>,
}

impl<W: Write + Send> RowWriter<W> {
    pub fn new(out: W, schema: SchemaRef) -> Result<Self, ParquetError> {
        let decoder = arrow_json::ReaderBuilder::new(schema.clone())
            .with_batch_size(BATCH_ROWS)
            .build_decoder()?;
        // Snappy: the codec every Parquet reader has, fast, and pure Rust here.
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_size(BATCH_ROWS * 64)
            .build();
        let writer = ArrowWriter::try_new(out, schema, Some(props))?;
        Ok(RowWriter {
            decoder,
            pending: 0,
            writer: Some(writer),
        })
    }

    /// Adds one row; a batch is written when full.
    pub fn write<T: Serialize>(&mut self, row: &T) -> Result<(), ParquetError> {
        self.decoder.serialize(std::slice::from_ref(row))?;
        self.pending += 1;
        if self.pending >= BATCH_ROWS {
            self.flush_batch()?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> Result<(), ParquetError> {
        self.pending = 0;
        if let Some(batch) = self.decoder.flush()? {
            if let Some(w) = self.writer.as_mut() {
                w.write(&batch)?;
            }
        }
        Ok(())
    }

    /// Writes what is left and the file footer; returns the output, flushed.
    pub fn close(&mut self) -> Result<Option<W>, ParquetError> {
        self.flush_batch()?;
        match self.writer.take() {
            Some(w) => {
                let mut out = w.into_inner()?;
                out.flush()?;
                Ok(Some(out))
            }
            None => Ok(None),
        }
    }
}

/// An arrow or parquet error as the io::Error the exporters speak, its kind kept when it is an
/// I/O error (a closed pipe, a full disk) underneath.
pub fn io_error(e: ParquetError) -> io::Error {
    match e {
        ParquetError::External(inner) => match inner.downcast::<io::Error>() {
            Ok(io) => *io,
            Err(other) => io::Error::other(other),
        },
        ParquetError::ArrowError(msg) => io::Error::other(msg),
        other => io::Error::other(other),
    }
}

/// An Arrow error as an io::Error (see [`io_error`]).
pub fn arrow_io_error(e: ArrowError) -> io::Error {
    match e {
        ArrowError::IoError(_, io) => io,
        other => io::Error::other(other),
    }
}

/// `export --format parquet`.
pub struct Parquet<W: Write + Send> {
    rows: RowWriter<W>,
}

impl<W: Write + Send> Parquet<W> {
    pub fn new(out: W) -> io::Result<Self> {
        Ok(Parquet {
            rows: RowWriter::new(out, export_schema()).map_err(io_error)?,
        })
    }
}

impl<W: Write + Send> Sink for Parquet<W> {
    fn write(&mut self, r: &ExportRow) -> io::Result<()> {
        self.rows.write(r).map_err(io_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        self.rows.close().map(|_| ()).map_err(io_error)
    }
}
