//! `check` on a statement and its Arabic rendering that were hard-wrapped (as text copied from an
//! e-mail or a web page is): the wrapped documents give the same sentences as the unwrapped ones,
//! whatever the width, with or without blank lines between paragraphs, with CRLF line endings.

mod common;

use common::*;
use serde_json::Value;

const EN: [&str; 6] = [
    "Joint Statement on the Third Round of Talks on Maritime Security",
    "MUSCAT, Oman — June 12, 2025",
    "Delegations of the Sultanate of Oman and the United States held the third round of their \
     maritime security talks in Muscat on June 10 and 11. The talks were co-chaired by the Omani \
     Undersecretary for Maritime Affairs and a senior official of the U.S. Department of State.",
    "The two sides reviewed the security of shipping lanes in the Arabian Sea and the Gulf of \
     Oman, where traffic has grown by nearly a fifth since 2022. They agreed to hold a joint \
     search-and-rescue exercise off the coast of Duqm in the autumn. Both delegations welcomed \
     the opening of a regional information-sharing centre in Salalah, which is expected to begin \
     operating in January.",
    "The U.S. side announced a grant of $12 million to train Omani coast guard crews and to \
     maintain patrol boats. The Omani delegation thanked the United States for its support and \
     stressed the importance of freedom of navigation for the economies of the region.",
    "The two sides agreed to hold the fourth round of talks in Washington next year.",
];

const AR: [&str; 6] = [
    "بيان مشترك بشأن الجولة الثالثة من محادثات الأمن البحري",
    "مسقط، عُمان — 12 حزيران/يونيو 2025",
    "عقد وفدا سلطنة عُمان والولايات المتحدة الجولة الثالثة من محادثاتهما بشأن الأمن البحري في \
     مسقط يومي 10 و11 حزيران/يونيو. وترأس المحادثات وكيل وزارة الشؤون البحرية العُماني ومسؤول \
     رفيع في وزارة الخارجية الأمريكية.",
    "واستعرض الجانبان أمن ممرات الملاحة في بحر العرب وخليج عُمان، حيث ازدادت حركة السفن بنحو \
     الخُمس منذ عام 2022. واتفقا على إجراء تمرين مشترك للبحث والإنقاذ قبالة سواحل الدقم في \
     الخريف. ورحب الوفدان بافتتاح مركز إقليمي لتبادل المعلومات في صلالة، يُتوقع أن يبدأ عمله في \
     كانون الثاني/يناير.",
    "وأعلن الجانب الأمريكي عن منحة بقيمة 12 مليون دولار لتدريب أطقم خفر السواحل العُمانية وصيانة \
     زوارق الدورية. وشكر الوفد العُماني الولايات المتحدة على دعمها، وأكد أهمية حرية الملاحة \
     لاقتصادات المنطقة.",
    "واتفق الجانبان على عقد الجولة الرابعة من المحادثات في واشنطن العام المقبل.",
];

/// Headline, dateline and eight sentences of body on each side.
const SENTENCES: usize = 10;

/// A greedy wrapper counting characters, as mail clients do.
fn wrap(paragraph: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in paragraph.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n")
}

fn wrap_doc(paragraphs: &[&str], width: usize, separator: &str) -> String {
    let wrapped: Vec<String> = paragraphs.iter().map(|p| wrap(p, width)).collect();
    wrapped.join(separator) + "\n"
}

/// The source and target sentences `check --format json` finds in two files.
fn checked_sentences(ws: &Ws, name: &str, en: &str, ar: &str) -> (Vec<String>, Vec<String>) {
    let en_path = ws.write(&format!("{name}.en.txt"), en);
    let ar_path = ws.write(&format!("{name}.ar.txt"), ar);
    let o = tarjama()
        .arg("check")
        .arg(&en_path)
        .arg(&ar_path)
        .args(["--format", "json", "--no-system-lexicon"])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{name}: {}", stderr_of(&o));
    let doc: Value = serde_json::from_str(&stdout_of(&o)).expect("JSON");
    let side = |key: &str| -> Vec<String> {
        doc[key]["sentences"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: {key}.sentences"))
            .iter()
            .map(|s| s.as_str().expect("a sentence").to_string())
            .collect()
    };
    (side("source"), side("target"))
}

#[test]
fn wrapped_statements_give_the_sentences_of_unwrapped_ones() {
    let ws = Ws::uninit();
    let (en, ar) = checked_sentences(&ws, "unwrapped", &EN.join("\n"), &AR.join("\n"));
    assert_eq!(en.len(), SENTENCES, "{en:#?}");
    assert_eq!(ar.len(), SENTENCES, "{ar:#?}");

    for width in [60, 72, 80] {
        for (separator, blank) in [("\n", "no blank lines"), ("\n\n", "blank lines")] {
            let name = format!("wrapped at {width}, {blank}");
            let en_wrapped = wrap_doc(&EN, width, separator);
            let ar_wrapped = wrap_doc(&AR, width, separator);
            // Each body paragraph takes several lines: the input really is wrapped.
            assert!(en_wrapped.lines().filter(|l| !l.is_empty()).count() >= 2 * EN.len());
            assert!(ar_wrapped.lines().filter(|l| !l.is_empty()).count() >= 2 * AR.len());
            let (en_got, ar_got) = checked_sentences(&ws, &name, &en_wrapped, &ar_wrapped);
            assert_eq!(en_got.len(), en.len(), "{name}: {en_got:#?}");
            assert_eq!(ar_got.len(), ar.len(), "{name}: {ar_got:#?}");
            assert_eq!(en_got, en, "{name}");
            assert_eq!(ar_got, ar, "{name}");
        }
    }

    // As saved by a Windows mail client: CRLF line endings and spaces left at line ends.
    let crlf = |doc: String| -> String { doc.lines().map(|l| format!("{l} \r\n")).collect() };
    let (en_got, ar_got) = checked_sentences(
        &ws,
        "crlf",
        &crlf(wrap_doc(&EN, 72, "\n\n")),
        &crlf(wrap_doc(&AR, 72, "\n\n")),
    );
    assert_eq!((en_got, ar_got), (en, ar), "CRLF");
}
