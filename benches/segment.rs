//! Sentence segmentation of the raw corpus texts: English and Arabic of jscd-2023, and the
//! concatenation of all corpora (paragraph-separated) per language.

#[path = "../examples/support/mod.rs"]
#[allow(dead_code)]
mod support;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use support::{corpora_dir, corpus_dirs_with, read};
use tarjama::segment::segment;
use tarjama::text::Lang;

/// The raw text `file` of every corpus, joined by blank lines.
fn all(file: &str) -> String {
    corpus_dirs_with(file)
        .iter()
        .map(|d| read(&d.join(file)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench_segment(c: &mut Criterion) {
    let jscd = corpora_dir().join("jscd-2023");
    let cases = [
        ("jscd-2023/en", read(&jscd.join("en.txt")), Lang::En),
        ("jscd-2023/ar", read(&jscd.join("ar.txt")), Lang::Ar),
        ("all/en", all("en.txt"), Lang::En),
        ("all/ar", all("ar.txt"), Lang::Ar),
    ];
    let mut g = c.benchmark_group("segment");
    for (name, raw, lang) in &cases {
        g.throughput(Throughput::Bytes(raw.len() as u64));
        g.bench_function(*name, |b| b.iter(|| segment(black_box(raw), *lang)));
    }
    g.finish();
}

criterion_group!(benches, bench_segment);
criterion_main!(benches);
