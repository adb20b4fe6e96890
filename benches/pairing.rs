//! Automatic pairing, small scale: 50 synthetic Arabic articles against 500 English statements
//! (the generator of examples/pairing_bench.rs), ranked with one thread and with all of them;
//! and the index terms of one document, the work `add` does per document. The full-scale run
//! (1,000 against 10,000) is `cargo run --release --example pairing_bench`.

#[path = "../examples/pairing_bench.rs"]
#[allow(dead_code)]
mod synthetic;

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use std::path::Path;
use tarjama::anchors::lexicon::Lexicon;
use tarjama::pair::{self, index, Options};
use tarjama::segment::segment;
use tarjama::store::Workspace;
use tarjama::text::Lang;

fn bench_rank(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut ws, _) = Workspace::create(&dir.path().join("bench.db")).expect("workspace");
    let (ar, en) = synthetic::synthesize(50, 500, 7);
    let (articles, _) = synthetic::build(&mut ws, &ar, &en).expect("build");
    let mut g = c.benchmark_group("pairing 50x500");
    g.sample_size(10);
    for threads in [1, Options::default().threads] {
        let opts = Options {
            threads,
            ..Options::default()
        };
        g.bench_function(format!("rank, {threads} thread(s)"), |b| {
            b.iter(|| {
                let r = ws
                    .read(|tx| pair::rank(tx, &articles, &opts))
                    .expect("rank");
                black_box(r)
            })
        });
    }
    g.finish();
}

fn bench_index_terms(c: &mut Criterion) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/jscd-2023");
    let lex = Lexicon::builtin();
    let mut g = c.benchmark_group("index terms jscd-2023");
    for (file, lang) in [("en.txt", Lang::En), ("ar.txt", Lang::Ar)] {
        let raw = std::fs::read_to_string(corpus.join(file)).expect("corpus");
        let sentences = segment(&raw, lang);
        g.bench_function(file, |b| {
            b.iter(|| black_box(index::document_terms(lang, &sentences, None, lex)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench_rank, bench_index_terms);
criterion_main!(benches);
