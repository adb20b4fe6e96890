//! `tarjama search`: bilingual concordance over a workspace, through the real binary.

mod common;

use common::*;
use serde_json::Value;

/// Whether `phrase` occurs in `s` as whole words (not glued to a clitic such as لـ).
fn has_words(s: &str, phrase: &str) -> bool {
    s.match_indices(phrase).any(|(i, _)| {
        let before = s[..i].chars().next_back();
        let after = s[i + phrase.len()..].chars().next();
        !matches!(before, Some(c) if c.is_alphanumeric())
            && !matches!(after, Some(c) if c.is_alphanumeric())
    })
}

fn jscd() -> Ws {
    let ws = Ws::new();
    ws.add_corpus_pair(&corpora_dir().join("jscd-2023"));
    ws
}

fn hits(ws: &Ws, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["search"];
    all.extend(args);
    all.push("--json");
    json_lines(&ws.ok(&all))
}

#[test]
fn arabic_query_without_hamza_finds_security_forces_with_their_english() {
    let ws = jscd();
    let found = hits(&ws, &["قوات الامن"]);
    // Every Arabic sentence of the corpus with قوات الأمن as words is found, spelled with hamza.
    let expected = sents(&corpora_dir().join("jscd-2023/ar.sents"))
        .into_iter()
        .filter(|s| has_words(s, "قوات الأمن"))
        .count();
    assert!(expected >= 4);
    assert_eq!(found.len(), expected, "{found:#?}");
    for h in &found {
        assert_eq!(h["lang"], "ar");
        assert_eq!(h["match"], "قوات الأمن", "the hit as written: {h}");
        let text = h["text"].as_str().unwrap();
        let rebuilt = format!(
            "{}{}{}",
            h["left"].as_str().unwrap(),
            h["match"].as_str().unwrap(),
            h["right"].as_str().unwrap()
        );
        assert_eq!(rebuilt, text, "left + match + right is the sentence");
        let aligned = h["aligned"].as_array().unwrap();
        assert_eq!(aligned.len(), 1, "one pair: {h}");
        assert_eq!(aligned[0]["lang"], "en");
        let en = aligned[0]["text"].as_str().unwrap();
        assert!(
            en.contains("Security Forces") || en.contains("ISF"),
            "English counterpart of {text}: {en}"
        );
    }

    // The text view: the hit marked in context, the English under it.
    let out = ws.ok(&["search", "قوات الامن"]);
    assert!(out.contains("[[قوات الأمن]]"), "{out}");
    assert!(
        out.contains("ISF") && out.contains("Security Forces"),
        "{out}"
    );
}

#[test]
fn marks_tatweel_and_limits() {
    let ws = jscd();
    let plain = hits(&ws, &["قوات الامن"]);
    let decorated = hits(&ws, &["قـواتُ الأَمنِ"]);
    assert_eq!(
        plain, decorated,
        "diacritics and tatweel in the query do not matter"
    );
    assert_eq!(hits(&ws, &["قوات الامن", "--limit", "1"]).len(), 1);
    assert!(hits(&ws, &["no such words anywhere"]).is_empty());
    let o = ws.run(&["search", "...", "--json"]);
    assert!(!o.status.success(), "a query with no words is refused");
}

#[test]
fn english_query_pair_filter_and_unaligned_documents() {
    let ws = jscd();
    let found = hits(&ws, &["security forces"]);
    assert!(!found.is_empty());
    for h in &found {
        assert_eq!(h["lang"], "en");
        assert_eq!(
            h["match"].as_str().unwrap().to_lowercase(),
            "security forces"
        );
        let ar = h["aligned"][0]["text"].as_str().unwrap();
        assert!(ar.contains("قوات الأمن"), "{ar}");
    }
    assert_eq!(hits(&ws, &["security forces", "--pair", "1"]), found);
    // --lang ar searches Arabic documents only: Latin acronyms quoted in the Arabic.
    for h in hits(&ws, &["CJTF", "--lang", "ar"]) {
        assert_eq!(h["lang"], "ar");
    }
    let o = ws.run(&["search", "security", "--pair", "9"]);
    assert!(!o.status.success() && stderr_of(&o).contains('9'));

    // A document in no pair is found, with nothing aligned.
    let lone = ws.write(
        "lone.txt",
        "أشادت الحكومة بدور قوات الأمن في حماية المدنيين.\n",
    );
    ws.ok(&["add".as_ref(), lone.as_os_str()]);
    let found = hits(&ws, &["قوات الأمن"]);
    let unpaired: Vec<&Value> = found
        .iter()
        .filter(|h| h["aligned"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(unpaired.len(), 1, "{found:#?}");
    assert!(ws.ok(&["search", "حماية المدنيين"]).contains("not aligned"));
    // --pair leaves it out.
    let in_pair = hits(&ws, &["قوات الأمن", "--pair", "1"]);
    assert_eq!(in_pair.len(), found.len() - 1);
}
