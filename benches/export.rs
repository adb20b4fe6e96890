//! Export throughput: a synthetic workspace of 20 pairs × 500 beads (reference sentences of the
//! corpora, an insertion flag on every 20th bead) streamed as TSV, TMX and XLIFF into a sink.
//! The 1,000,000-bead figure (time and peak memory) comes from
//! `cargo run --release --example export_bench`.

#[path = "../examples/support/mod.rs"]
#[allow(dead_code)]
mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;
use support::{add_synthetic_pairs, reference_sentences};
use tarjama::cli::export::{export, ExportFormat, Output};
use tarjama::export::filters::{Filters, Selector};
use tarjama::flag::{Flag, FlagKind, Severity};
use tarjama::store::Workspace;

const PAIRS: usize = 20;
const BEADS: usize = 500;

fn workspace(db: &Path) -> Workspace {
    let (en, ar) = (
        reference_sentences("en.sents"),
        reference_sentences("ar.sents"),
    );
    let (mut ws, _) = Workspace::create(db).expect("workspace");
    let flag = Flag {
        kind: FlagKind::Insertion,
        subkind: None,
        severity: Severity::Low,
        src: vec![],
        tgt: vec![],
        span: None,
        reason: "benchmark flag".into(),
    };
    add_synthetic_pairs(&mut ws, &en, &ar, PAIRS * BEADS, BEADS, &flag).expect("synthetic pairs");
    ws
}

fn bench_export(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut ws = workspace(&dir.path().join("bench.db"));
    let pairs = ws.read(|tx| tx.pairs()).expect("pairs");
    let mut g = c.benchmark_group("export");
    g.sample_size(10);
    g.throughput(Throughput::Elements((PAIRS * BEADS) as u64));
    for (name, format) in [
        ("tsv", ExportFormat::Tsv),
        ("tmx", ExportFormat::Tmx),
        ("xliff", ExportFormat::Xliff),
    ] {
        g.bench_function(name, |b| {
            b.iter(|| {
                let mut out = Output::new(format, Box::new(std::io::sink())).expect("output");
                let mut sel = Selector::new(Filters::default());
                let n = export(&mut ws, &pairs, &mut sel, &mut out).expect("export");
                out.finish().expect("finish");
                assert_eq!(n.beads, PAIRS * BEADS);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
