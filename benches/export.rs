//! Export throughput: a synthetic workspace of 20 pairs × 500 beads (reference sentences of the
//! corpora, an insertion flag on every 20th bead) streamed as TSV, TMX and XLIFF into a sink.
//! The 1,000,000-bead figure (time and peak memory) comes from
//! `cargo run --release --example export_bench`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::{Path, PathBuf};
use tarjama::cli::export::{export, ExportFormat, Output};
use tarjama::export::filters::{Filters, Selector};
use tarjama::flag::{Flag, FlagKind, Severity};
use tarjama::ingest::bitext::{Bitext, Unit};
use tarjama::store::bitext::BitextMeta;
use tarjama::store::Workspace;

const PAIRS: usize = 20;
const BEADS: usize = 500;

fn sents(file: &str) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("corpora/")
        .filter_map(|e| e.ok().map(|e| e.path().join(file)))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .expect("reference sentences")
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

fn workspace(db: &Path) -> Workspace {
    let (en, ar) = (sents("en.sents"), sents("ar.sents"));
    let (mut ws, _) = Workspace::create(db).expect("workspace");
    ws.write(|tx| {
        for p in 0..PAIRS {
            let units = (0..BEADS)
                .map(|i| {
                    let g = p * BEADS + i;
                    let tag = if i == 0 {
                        format!(" [{p}]")
                    } else {
                        String::new()
                    };
                    Unit {
                        en: format!("{}{tag}", en[g % en.len()]),
                        ar: format!("{}{tag}", ar[g % ar.len()]),
                    }
                })
                .collect();
            let b = Bitext {
                origin: PathBuf::from(format!("bench-{p}")),
                units,
                skipped: 0,
            };
            let i = tx.add_bitext(&b, &BitextMeta::default())?;
            let src: Vec<i64> = tx.sentences(i.source_id)?.iter().map(|s| s.id).collect();
            let tgt: Vec<i64> = tx.sentences(i.article_id)?.iter().map(|s| s.id).collect();
            let flags: Vec<Flag> = (0..BEADS)
                .step_by(20)
                .map(|j| Flag {
                    kind: FlagKind::Insertion,
                    subkind: None,
                    severity: Severity::Low,
                    src: vec![j],
                    tgt: vec![j],
                    span: None,
                    reason: "benchmark flag".into(),
                })
                .collect();
            tx.store_flags(i.pair_id, &flags, &src, &tgt)?;
        }
        Ok(())
    })
    .expect("synthetic pairs");
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
                assert_eq!(n, PAIRS * BEADS);
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
