//! Anchors + alignment: jscd-2023 with the reference segmentation, and a synthetic 1,000-sentence
//! pair sampled from the gold beads of all corpora (the generator of examples/synth.rs).

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tarjama::align::{align, Params};
use tarjama::anchors::{build, lexicon::Lexicon};
use tarjama::eval::Gold;
use tarjama::segment::presegmented;

fn corpora() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

fn sents(path: &Path) -> Vec<String> {
    let raw = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    presegmented(&raw).into_iter().map(|s| s.text).collect()
}

/// About `n` sentences per side: gold beads of all corpora sampled with splitmix64.
fn synthetic(n: usize, mut seed: u64) -> (Vec<String>, Vec<String>) {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpora())
        .expect("corpora/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("gold.json").exists())
        .collect();
    dirs.sort();
    let mut beads: Vec<(Vec<String>, Vec<String>)> = Vec::new();
    for d in dirs {
        let (en, ar) = (sents(&d.join("en.sents")), sents(&d.join("ar.sents")));
        let gold: Gold =
            serde_json::from_str(&std::fs::read_to_string(d.join("gold.json")).unwrap()).unwrap();
        for b in gold.beads {
            let en_b = b.en.iter().map(|&i| en[i].clone()).collect();
            beads.push((en_b, b.ar.iter().map(|&j| ar[j].clone()).collect()));
        }
    }
    let (mut en, mut ar) = (Vec::new(), Vec::new());
    while en.len() < n || ar.len() < n {
        seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        let (e, a) = &beads[((z ^ (z >> 31)) % beads.len() as u64) as usize];
        en.extend(e.iter().cloned());
        ar.extend(a.iter().cloned());
    }
    (en, ar)
}

fn bench_align(c: &mut Criterion) {
    let lex = Lexicon::builtin();
    let params = Params::default();
    let jscd = corpora().join("jscd-2023");
    let (en, ar) = (sents(&jscd.join("en.sents")), sents(&jscd.join("ar.sents")));
    let pair = build(&en, &ar, lex);

    let mut g = c.benchmark_group("jscd-2023");
    g.bench_function("anchors", |b| {
        b.iter(|| build(black_box(&en), black_box(&ar), lex))
    });
    g.bench_function("align", |b| b.iter(|| align(black_box(&pair), &params)));
    g.bench_function("anchors+align", |b| {
        b.iter(|| align(&build(black_box(&en), black_box(&ar), lex), &params))
    });
    g.finish();

    let (en, ar) = synthetic(1000, 1);
    let pair = build(&en, &ar, lex);
    // About a second per iteration: ten single-iteration samples keep this group short.
    let mut g = c.benchmark_group("synthetic-1000");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10));
    g.bench_function("anchors", |b| {
        b.iter(|| build(black_box(&en), black_box(&ar), lex))
    });
    g.bench_function("align", |b| b.iter(|| align(black_box(&pair), &params)));
    g.finish();
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
