//! Partial omissions inside a translated sentence. A list item dropped ("rifles, grenades, and
//! ammunition" rendered «البنادق والذخيرة») is an omission with the item as its span; a list
//! rendered whole, or an item rendered by a word the lexicon does not know, is not. A year
//! dropped from a sentence is an omission even when the next sentence gives that year for its
//! own source; a year rendered as a relative date («العام المقبل») is not dropped. Sentences
//! written for this test, with a small lexicon of their own so that the result does not depend
//! on the system's dictionaries.

mod common;
use common::Ws;
use serde_json::Value;

const LEXICON: &str = "patrols\tدوريات\nrifles\tبنادق\ngrenades\tقنابل\nammunition\tذخيرة\n\
border\tحدود\nseized\tصادرت\nministry\tوزارة\nflour\tطحين\nfuel\tوقود\nblankets\tبطانيات\n\
camps\tمخيمات\n";

fn list_item_flags(en: &str, ar: &str) -> Vec<Value> {
    flags_of(en, ar, "list_item")
}

fn flags_of(en: &str, ar: &str, subkind: &str) -> Vec<Value> {
    let ws = Ws::new();
    let (e, a, l) = (
        ws.write("en.txt", en),
        ws.write("ar.txt", ar),
        ws.write("lex.tsv", LEXICON),
    );
    let out = ws.json(&[
        "check".as_ref(),
        e.as_os_str(),
        a.as_os_str(),
        "--no-system-lexicon".as_ref(),
        "--lexicon".as_ref(),
        l.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    out["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["subkind"] == subkind)
        .cloned()
        .collect()
}

#[test]
fn a_middle_item_whose_neighbours_close_up_is_flagged() {
    let flags = list_item_flags(
        "The patrols seized rifles, grenades, and ammunition near the border.\n",
        "وصادرت الدوريات البنادق والذخيرة قرب الحدود.\n",
    );
    assert_eq!(flags.len(), 1, "{flags:#?}");
    assert_eq!(flags[0]["kind"], "omission");
    assert_eq!(flags[0]["severity"], "medium");
    assert_eq!(flags[0]["span"]["text"], "grenades", "{flags:#?}");
}

#[test]
fn a_list_rendered_whole_is_not_flagged() {
    let flags = list_item_flags(
        "The ministry sent flour, fuel and blankets to the camps.\n",
        "وأرسلت الوزارة الطحين والوقود والبطانيات إلى المخيمات.\n",
    );
    assert!(flags.is_empty(), "{flags:#?}");
}

#[test]
fn an_item_rendered_by_a_word_the_lexicon_does_not_know_is_not_flagged() {
    // «المتفجرات اليدوية» (hand explosives) renders "grenades"; the lexicon only knows «قنابل».
    let flags = list_item_flags(
        "The patrols seized rifles, grenades, and ammunition near the border.\n",
        "وصادرت الدوريات البنادق والمتفجرات اليدوية والذخيرة قرب الحدود.\n",
    );
    assert!(flags.is_empty(), "{flags:#?}");
}

#[test]
fn a_year_dropped_is_flagged_though_the_next_sentence_gives_it_for_its_own_source() {
    let flags = flags_of(
        "The navy received ten patrol boats in 2025.\nThe ministry will publish its budget for 2025 in June.\n",
        "وتسلمت البحرية عشرة زوارق دورية.\nوستنشر الوزارة ميزانيتها لعام 2025 في يونيو.\n",
        "qualifier",
    );
    assert_eq!(flags.len(), 1, "{flags:#?}");
    assert_eq!(flags[0]["kind"], "omission");
    assert_eq!(flags[0]["src"], serde_json::json!([0]), "{flags:#?}");
    assert!(
        flags[0]["span"]["text"].as_str().unwrap().contains("2025"),
        "{flags:#?}"
    );
}

#[test]
fn a_year_moved_to_the_next_sentence_is_not_dropped() {
    // The year moves to the next Arabic sentence, whose own source has no year.
    let flags = flags_of(
        "The navy received ten patrol boats in 2025.\nThe boats will patrol the coast.\n",
        "وتسلمت البحرية عشرة زوارق دورية.\nوستقوم الزوارق التي وصلت عام 2025 بدوريات على الساحل.\n",
        "qualifier",
    );
    assert!(flags.is_empty(), "{flags:#?}");
}

#[test]
fn a_year_rendered_as_a_relative_date_is_not_dropped() {
    let flags = flags_of(
        "The next session of the commission will be held in Washington in the fall of 2025.\n",
        "وستعقد الدورة المقبلة للجنة في واشنطن في خريف العام المقبل.\n",
        "qualifier",
    );
    assert!(flags.is_empty(), "{flags:#?}");
}

#[test]
fn an_item_replaced_by_another_is_no_dropped_item() {
    // «الخناجر» (daggers) opens the Arabic list in place of "grenades": as many conjuncts as
    // items, one of them another thing — not a list item dropped.
    let flags = list_item_flags(
        "The patrols seized rifles, grenades, and ammunition near the border.\n",
        "وصادرت الدوريات الخناجر والبنادق والذخيرة قرب الحدود.\n",
    );
    assert!(flags.is_empty(), "{flags:#?}");
}
