//! Sentence segmentation of the raw corpus texts: English and Arabic of jscd-2023, and the
//! concatenation of all corpora (paragraph-separated) per language.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use tarjama::segment::segment;
use tarjama::text::Lang;

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The raw text `file` of every corpus, joined by blank lines.
fn all(file: &str) -> String {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpora())
        .expect("corpora/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(file).exists())
        .collect();
    dirs.sort();
    dirs.iter()
        .map(|d| read(&d.join(file)))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench_segment(c: &mut Criterion) {
    let jscd = corpora().join("jscd-2023");
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
