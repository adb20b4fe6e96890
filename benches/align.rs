//! Anchors + alignment: jscd-2023 with the reference segmentation, and synthetic pairs of 1,000
//! and 10,000 sentences sampled from the gold beads of all corpora (`synthetic_pair`, the
//! generator of examples/synth.rs). The 10,000-sentence pair is the speed target of the aligner.

#[path = "../examples/support/mod.rs"]
#[allow(dead_code)]
mod support;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use std::hint::black_box;
use std::time::Duration;
use support::{corpora_dir, gold_beads, presegmented, synthetic_pair};
use tarjama::align::{align, Params};
use tarjama::anchors::{build, lexicon::Lexicon};

fn bench_align(c: &mut Criterion) {
    let lex = Lexicon::builtin();
    let params = Params::default();
    let jscd = corpora_dir().join("jscd-2023");
    let (en, ar) = (
        presegmented(&jscd.join("en.sents")),
        presegmented(&jscd.join("ar.sents")),
    );
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

    let beads = gold_beads();
    for n in [1000, 10_000] {
        let (en, ar, _) = synthetic_pair(&beads, n, 1, 0);
        let pair = build(&en, &ar, lex);
        // Up to a few tenths of a second per iteration: ten single-iteration samples keep these
        // groups short.
        let mut g = c.benchmark_group(format!("synthetic-{n}"));
        g.sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
        g.bench_function("anchors", |b| {
            b.iter(|| build(black_box(&en), black_box(&ar), lex))
        });
        g.bench_function("align", |b| b.iter(|| align(black_box(&pair), &params)));
        g.finish();
    }
}

criterion_group!(benches, bench_align);
criterion_main!(benches);
