"""Align and flag a corpus of English–Arabic pairs on Apache Spark with the tarjama package.

    spark-submit examples/spark/align_corpus.py INPUT OUTPUT [--format parquet|json]
                 [--threads N] [--partitions N] [--no-system-lexicon] [--no-model]

INPUT is Parquet or JSON Lines of records {"id", "source", "target"} (raw text; or
"presegmented": true with lists of sentences), the input of `tarjama batch`. OUTPUT is a
directory of Parquet files with the columns of `tarjama batch --output-format parquet`: id (text),
error, and the `check --format json` document (source, target, beads, moves, flags, summary).
The same input gives the same rows as `tarjama batch` (tests/spark.rs checks it).

Each Spark task hands its Arrow batches to `tarjama.check_many`, which checks them on Rust threads
without the GIL (`--threads`, default: one per task, since Spark already runs one task per core).
The tarjama wheel must be installed where the executors' Python runs (README, "Spark").
"""

import argparse
import json
import sys

import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql.pandas.types import to_arrow_schema
from pyspark.sql.types import _parse_datatype_string

# The output schema: `tarjama batch --output-format parquet` (src/export/parquet.rs, batch_schema).
SCHEMA_DDL = """
id string, error string,
source struct<lang: string, sentences: array<string>>,
target struct<lang: string, sentences: array<string>>,
beads array<struct<src: array<bigint>, tgt: array<bigint>, score: double>>,
moves array<struct<src: bigint, tgt: bigint, score: double, repeat: boolean>>,
flags array<struct<kind: string, subkind: string, severity: string, src: array<bigint>,
                   tgt: array<bigint>,
                   span: struct<side: string, sentence: bigint, start: bigint, `end`: bigint,
                                text: string>,
                   reason: string>>,
summary map<string, bigint>
"""

COLUMNS = ["id", "error", "source", "target", "beads", "moves", "flags", "summary"]


def output_row(result):
    """A `check_many` result as a row of the output schema: the id as text (a number as its
    JSON text, as `batch` writes it), the summary as map entries."""
    row = {c: result.get(c) for c in COLUMNS}
    rid = result.get("id")
    row["id"] = rid if rid is None or isinstance(rid, str) else json.dumps(rid)
    if row["summary"] is not None:
        row["summary"] = list(row["summary"].items())
    return row


def make_aligner(arrow_schema, threads, system_lexicon, model):
    def align(batches):
        import tarjama  # on the executor

        for batch in batches:
            records = []
            for r in batch.to_pylist():
                rec = {"id": r.get("id"), "source": r.get("source"), "target": r.get("target")}
                if r.get("presegmented") is not None:
                    rec["presegmented"] = r["presegmented"]
                records.append(rec)
            results = tarjama.check_many(
                records, threads=threads, system_lexicon=system_lexicon, model=model
            )
            yield pa.RecordBatch.from_pylist(
                [output_row(r) for r in results], schema=arrow_schema
            )

    return align


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("input")
    ap.add_argument("output")
    ap.add_argument("--format", choices=["parquet", "json"], help="input format [default: from the extension]")
    ap.add_argument("--threads", type=int, default=1, help="tarjama threads per Spark task [1]")
    ap.add_argument("--partitions", type=int, help="repartition the input into N partitions")
    ap.add_argument("--no-system-lexicon", action="store_true")
    ap.add_argument("--no-model", action="store_true")
    ap.add_argument("--master", help="Spark master when run with python rather than spark-submit")
    a = ap.parse_args(argv)

    builder = SparkSession.builder.appName("tarjama-align-corpus")
    if a.master:
        builder = builder.master(a.master)
    spark = builder.getOrCreate()
    fmt = a.format or ("parquet" if a.input.endswith(".parquet") else "json")
    df = spark.read.parquet(a.input) if fmt == "parquet" else spark.read.json(a.input)
    missing = {"source", "target"} - set(df.columns)
    if missing:
        sys.exit(f"align_corpus: error: the input has no column {', '.join(sorted(missing))}; "
                 "records are {\"id\", \"source\", \"target\"}")
    if a.partitions:
        df = df.repartition(a.partitions)
    schema = _parse_datatype_string(SCHEMA_DDL)
    out = df.mapInArrow(
        make_aligner(to_arrow_schema(schema), a.threads, not a.no_system_lexicon, not a.no_model),
        schema,
    )
    out.write.mode("overwrite").parquet(a.output)
    spark.stop()


if __name__ == "__main__":
    main()
