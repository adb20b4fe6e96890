//! What the examples and the benchmarks share: the corpora as sampling material, the synthetic
//! data built from them, and the process figures (peak memory, CPU time) they report.
//!
//! Included with `#[path = "…/examples/support/mod.rs"] mod support;` rather than built on its
//! own: it is a folder without a `main.rs`, so cargo does not take it for an example.
//! Each includer uses only part of it, hence `#[allow(dead_code)]` on the include.

use std::path::{Path, PathBuf};
use tarjama::eval::{Gold, GoldBead};
use tarjama::flag::Flag;
use tarjama::ingest::bitext::{Bitext, Unit};
use tarjama::segment;
use tarjama::store::bitext::BitextMeta;
use tarjama::store::Workspace;

/// `corpora/` of the repository.
pub fn corpora_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora")
}

/// Every corpus folder that holds `file`, sorted, so that sampling does not depend on the order
/// the file system lists them in.
pub fn corpus_dirs_with(file: &str) -> Vec<PathBuf> {
    let root = corpora_dir();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(file).is_file())
        .collect();
    dirs.sort();
    dirs
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The sentences of a one-sentence-per-line file, as the library reads them.
pub fn presegmented(path: &Path) -> Vec<String> {
    segment::presegmented(&read(path))
        .into_iter()
        .map(|s| s.text)
        .collect()
}

/// A gold bead with its sentence texts.
pub struct TextBead {
    pub en: Vec<String>,
    pub ar: Vec<String>,
}

/// All gold beads of all corpora, with texts.
pub fn gold_beads() -> Vec<TextBead> {
    let mut out = Vec::new();
    for d in corpus_dirs_with("gold.json") {
        let (en, ar) = (
            presegmented(&d.join("en.sents")),
            presegmented(&d.join("ar.sents")),
        );
        let gold: Gold = serde_json::from_str(&read(&d.join("gold.json")))
            .unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for b in gold.beads {
            out.push(TextBead {
                en: b.en.iter().map(|&i| en[i].clone()).collect(),
                ar: b.ar.iter().map(|&j| ar[j].clone()).collect(),
            });
        }
    }
    out
}

/// splitmix64: tiny, deterministic, good enough for sampling.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// A synthetic pair of at least `n` sentences per side and its gold alignment: `beads` sampled
/// with `seed` and concatenated. With `block` > 0, every 1,000 beads or so a run of `block`
/// Arabic sentences with no English counterpart is inserted, the way a long commentary interrupts
/// a translation: drawn from the insertions of the gold pairs (their 0-1 beads).
pub fn synthetic_pair(
    beads: &[TextBead],
    n: usize,
    seed: u64,
    block: usize,
) -> (Vec<String>, Vec<String>, Gold) {
    let mut rng = SplitMix(seed);
    let inserted: Vec<&String> = beads
        .iter()
        .filter(|b| b.en.is_empty())
        .flat_map(|b| b.ar.iter())
        .collect();
    let (mut en, mut ar, mut gold) = (Vec::new(), Vec::new(), Vec::new());
    while en.len() < n || ar.len() < n {
        if block > 0 && !inserted.is_empty() && rng.below(1000) == 0 {
            for _ in 0..block {
                gold.push(GoldBead {
                    en: vec![],
                    ar: vec![ar.len()],
                });
                ar.push(inserted[rng.below(inserted.len())].clone());
            }
        }
        let b = &beads[rng.below(beads.len())];
        gold.push(GoldBead {
            en: (en.len()..en.len() + b.en.len()).collect(),
            ar: (ar.len()..ar.len() + b.ar.len()).collect(),
        });
        en.extend(b.en.iter().cloned());
        ar.extend(b.ar.iter().cloned());
    }
    (en, ar, Gold { beads: gold })
}

/// The reference sentences `file` (`en.sents` or `ar.sents`) of every corpus, in corpus order,
/// without empty lines.
pub fn reference_sentences(file: &str) -> Vec<String> {
    corpus_dirs_with(file)
        .iter()
        .flat_map(|d| {
            read(&d.join(file))
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The reference sentences of every corpus, English and Arabic, or an error when there are none
/// (the benchmarks build their workspaces from them).
pub fn reference_pair() -> Result<(Vec<String>, Vec<String>), String> {
    let (en, ar) = (
        reference_sentences("en.sents"),
        reference_sentences("ar.sents"),
    );
    if en.is_empty() || ar.is_empty() {
        return Err("no reference sentences under corpora/".into());
    }
    Ok((en, ar))
}

/// Imports `units` as a bitext pair; returns its id and the sentence ids of its source and
/// article, in order (what `Tx::store_flags` takes).
pub fn import_units(
    tx: &tarjama::store::Tx,
    origin: PathBuf,
    units: Vec<Unit>,
) -> tarjama::Result<(i64, Vec<i64>, Vec<i64>)> {
    let b = Bitext {
        origin,
        units,
        skipped: 0,
    };
    let imported = tx.add_bitext(&b, &BitextMeta::default())?;
    let ids = |doc: i64| -> tarjama::Result<Vec<i64>> {
        Ok(tx.sentences(doc)?.iter().map(|s| s.id).collect())
    };
    Ok((
        imported.pair_id,
        ids(imported.source_id)?,
        ids(imported.article_id)?,
    ))
}

/// Stores `n` synthetic beads in one transaction through the bitext API (`Tx::add_bitext`):
/// pairs of `per_pair` units (the last one shorter), the unit texts taken round-robin from `en`
/// and `ar`, and a copy of `flag` on every 20th bead (its sentences set to that bead's).
pub fn add_synthetic_pairs(
    ws: &mut Workspace,
    en: &[String],
    ar: &[String],
    n: usize,
    per_pair: usize,
    flag: &Flag,
) -> tarjama::Result<()> {
    ws.write(|tx| {
        let mut made = 0;
        let mut p = 0;
        while made < n {
            let k = per_pair.min(n - made);
            // The pair number in the first unit keeps documents distinct (content hash).
            let units: Vec<Unit> = (0..k)
                .map(|i| {
                    let g = made + i;
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
            let (pair_id, src, tgt) =
                import_units(tx, PathBuf::from(format!("synthetic-{p}")), units)?;
            let flags: Vec<Flag> = (0..k)
                .step_by(20)
                .map(|j| Flag {
                    src: vec![j],
                    tgt: vec![j],
                    ..flag.clone()
                })
                .collect();
            tx.store_flags(pair_id, &flags, &src, &tgt)?;
            made += k;
            p += 1;
        }
        Ok(())
    })
}

/// Peak resident set size of this process in KiB (VmHWM), if /proc tells.
pub fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// [`peak_rss_kib`] in MiB.
pub fn peak_rss_mb() -> Option<f64> {
    peak_rss_kib().map(|kib| kib as f64 / 1024.0)
}

/// CPU time (user + system) of this process so far in seconds, from /proc/self/stat: on a shared
/// machine it says what the wall time would be on idle cores.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses and may contain spaces); utime and
    // stime are the 12th and 13th.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    // The kernel reports in USER_HZ, 100 on every Linux platform Rust supports.
    Some(ticks / 100.0)
}
