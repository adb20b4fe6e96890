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

/// A commission's communiqué (written for this test) whose Arabic changes the earlier figure of
/// "up from 27.3 percent a year earlier": the changed figure is the flag, and the clause around
/// it is rendered, not dropped.
const COMMUNIQUE_EN: &str = "The United States–Egypt Joint Economic Commission held its sixth session in Cairo on March 3–4, 2025.\n\
The U.S. delegation was led by Deputy Secretary of Commerce Mark Ellison, and the Egyptian delegation was led by Minister of Trade Hany Saleh.\n\
The two sides reaffirmed their shared commitment to expanding bilateral trade in support of Egypt's Vision 2030.\n\
The delegations reviewed progress toward Egypt's goal of manufacturing more than 50 percent of its medicines locally by 2030.\n\
Egypt reported that the local share reached 31.6 percent at the end of 2024, up from 27.3 percent a year earlier.\n\
The U.S. side welcomed this progress and noted that U.S. firms currently run 42 factories in the country.\n\
They welcomed the signing of 9 agreements between U.S. and Egyptian companies on the margins of the session, with a combined value of $2.7 billion.\n\
The two sides agreed to form a joint working group on logistics, which will meet for the first time in the first quarter of 2026.\n\
The seventh session of the commission will be held in Washington in the autumn of 2026.\n\
Both delegations thanked each other for the frank discussions that marked the session.\n\
";
const COMMUNIQUE_AR: &str = "اختتمت في القاهرة أعمال الدورة السادسة للجنة الاقتصادية المشتركة المصرية الأمريكية، التي عقدت يومي 3 و4 مارس 2025.\n\
وترأس الجانب المصري وزير التجارة هاني صالح، فيما ترأس الجانب الأمريكي نائب وزير التجارة مارك إليسون.\n\
واستعرض الجانبان التقدم نحو هدف مصر المتمثل في تصنيع أكثر من نصف أدويتها محليا بحلول 2030، إذ بلغت الحصة المحلية 31.6% بنهاية 2024 بعد أن كانت 23.7%.\n\
وشهدت الدورة توقيع ٩ اتفاقيات بين شركات مصرية وأمريكية بقيمة إجمالية تبلغ نحو ٢٫٧ مليار دولار.\n\
واتفق الجانبان على تشكيل مجموعة عمل مشتركة للخدمات اللوجستية تعقد أول اجتماعاتها في الربع الأول من 2026، على أن تعقد الدورة السابعة في واشنطن خريف العام نفسه.\n\
يشار إلى أن اللجنة الاقتصادية المشتركة أنشئت عام 1998 لتنمية التبادل التجاري بين البلدين.\n\
";

#[test]
fn a_clause_around_a_changed_figure_is_no_omission() {
    let ws = Ws::new();
    let (e, a) = (
        ws.write("en.sents", COMMUNIQUE_EN),
        ws.write("ar.sents", COMMUNIQUE_AR),
    );
    let out = ws.json(&[
        "check".as_ref(),
        e.as_os_str(),
        a.as_os_str(),
        "--presegmented".as_ref(),
        "--no-system-lexicon".as_ref(),
        "--no-model".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let flags = out["flags"].as_array().unwrap();
    let of_sentence: Vec<&Value> = flags
        .iter()
        .filter(|f| f["src"].as_array().unwrap().contains(&4.into()))
        .collect();
    assert!(
        of_sentence
            .iter()
            .any(|f| f["kind"] == "number_mismatch" && f["span"]["text"] == "23.7"),
        "{of_sentence:#?}"
    );
    assert!(
        !of_sentence.iter().any(|f| f["kind"] == "omission"),
        "{of_sentence:#?}"
    );
}
