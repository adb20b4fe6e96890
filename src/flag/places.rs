//! Places swapped for other places. A country, city or region the glossary knows is no name to
//! transliterate (the names detector leaves it alone) and a single word is no term to substitute
//! (the terms detector judges phrases): a port given as another port («صلالة» where the source
//! says Duqm) would pass both. Here a place the source names and the Arabic does not, with a place
//! of the same kind in the Arabic that the source does not name, is a changed fact.

use super::dates::dateline_end;
use super::{span, Context, Flag, FlagKind, Severity, Side};
use crate::anchors::lexicon::{ar_key, en_key, is_closed_class, Lexicon, PlaceKind};
use crate::anchors::{Item, ItemKind, SentenceAnchors};
use crate::text::char_slice;
use crate::text::tokens::gap_after;
use crate::text::translit::names_match;
use crate::text::FastMap;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// The place an item names: its most specific concept, when that is a place ("Oman" in "Gulf
/// of Oman" names the gulf; in "Royal Navy of Oman" it names no place of its own).
fn place_of(lex: &Lexicon, it: &Item, specific_only: bool) -> Option<(u32, PlaceKind)> {
    if it.kind != ItemKind::Term {
        return None;
    }
    // A proper place (Gulf of Aden), not the word "region" filed under places.
    let proper = |k: &u32| {
        lex.label(*k)
            .is_some_and(|(e, _)| e.starts_with(char::is_uppercase))
    };
    let place = |k: u32| lex.place_kind(k).map(|p| (k, p));
    if specific_only {
        lex.most_specific(&it.keys).filter(proper).find_map(place)
    } else {
        it.keys.iter().copied().filter(proper).find_map(place)
    }
}

/// Whether two mentions name the same place: one label, or a rendering in common (the Gulf and
/// the Arabian Gulf are both «الخليج»).
fn same_place(a: &Mention, b: &Mention) -> bool {
    a.label.key == b.label.key || !a.label.renderings.is_disjoint(&b.label.renderings)
}

/// A place mention: the English key of its label (one place may be several concepts), its kind
/// and where it is.
struct Mention {
    label: Rc<PlaceLabel>,
    kind: PlaceKind,
    sentence: usize,
    start: usize,
    end: usize,
}

/// A place concept's English key and Arabic renderings, as mentions compare them.
struct PlaceLabel {
    key: String,
    renderings: HashSet<String>,
    /// The relative adjectives (nisba) of its one-word renderings: «ايراني» of «إيران», «يمني» of
    /// «اليمن», «سوري» of «سوريا», «سعودي» of «السعودية».
    nisbas: HashSet<String>,
}

/// The nisba of a one-word place key: the stem without a final ة/ا, with «ي» unless it ends in one.
fn nisba(key: &str) -> Option<String> {
    if key.contains(' ') || key.chars().count() < 3 {
        return None;
    }
    let stem = key
        .strip_suffix(['ه', 'ة', 'ا'])
        .filter(|s| s.chars().count() >= 2)
        .unwrap_or(key);
    Some(if stem.ends_with('ي') {
        stem.to_string()
    } else {
        format!("{stem}ي")
    })
}

/// Whether the items of `sentences` include a relative adjective of `place`: "Iranian-backed"
/// and «الحرس الثوري الإيراني» name Iran as surely as "Iran" does.
fn adjective_of(
    lex: &Lexicon,
    labels: &PlaceLabels,
    sentences: &[usize],
    side: &[SentenceAnchors],
    place: &PlaceLabel,
) -> bool {
    !place.nisbas.is_empty()
        && sentences
            .iter()
            .flat_map(|&s| &side[s].items)
            .filter(|it| it.kind == ItemKind::Term)
            .flat_map(|it| it.keys.iter())
            .filter_map(|&k| labels.of(lex, k))
            .any(|l| !l.renderings.is_disjoint(&place.nisbas))
}

/// [`PlaceLabel`]s read once per document: every bead naming a place would stem its label and
/// normalise its renderings again, twice.
#[derive(Default)]
struct PlaceLabels(RefCell<FastMap<u32, Option<Rc<PlaceLabel>>>>);

impl PlaceLabels {
    fn of(&self, lex: &Lexicon, k: u32) -> Option<Rc<PlaceLabel>> {
        if let Some(known) = self.0.borrow().get(&k) {
            return known.clone();
        }
        let label = lex.label(k).map(|(label, ars)| {
            let renderings: HashSet<String> = ars.iter().map(|r| ar_key(r)).collect();
            let nisbas = if lex.place_kind(k).is_some() {
                renderings.iter().filter_map(|r| nisba(r)).collect()
            } else {
                HashSet::new()
            };
            Rc::new(PlaceLabel {
                key: en_key(label),
                renderings,
                nisbas,
            })
        });
        self.0.borrow_mut().insert(k, label.clone());
        label
    }
}

/// The places the sentences name: by each item's most specific concept, or (`specific_only`
/// false) every place any item may name, for the test of whether the other side names it.
fn mentions(
    lex: &Lexicon,
    labels: &PlaceLabels,
    sentences: &[usize],
    side: &[SentenceAnchors],
    specific_only: bool,
) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for &s in sentences {
        for it in &side[s].items {
            let Some((k, kind)) = place_of(lex, it, specific_only) else {
                continue;
            };
            let Some(label) = labels.of(lex, k) else {
                continue;
            };
            // A place of several words is one mention, not one per word.
            if let Some(m) = out
                .last_mut()
                .filter(|m| m.label.key == label.key && m.sentence == s && m.end + 2 >= it.start)
            {
                m.end = it.end;
                continue;
            }
            out.push(Mention {
                label,
                kind,
                sentence: s,
                start: it.start,
                end: it.end,
            });
        }
    }
    out
}

/// Prepositions of place: the capitalised word after one names a place ("in Baidoa", "near
/// Shaddadi", "from Tabuk").
const LOCATIVES: [&str; 12] = [
    "in", "at", "near", "to", "from", "into", "outside", "around", "toward", "towards", "inside",
    "across",
];

/// Place names of the bead's source the lexicon does not know and the Arabic does not
/// transliterate: a capitalised word right after a preposition of place (and "the"), outside
/// the dateline. As (sentence, start, end), in reverse order of appearance.
fn unknown_places(ctx: &Context, b: &crate::align::Bead) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for &i in &b.src {
        let w = ctx.words.en(i);
        let text = &ctx.src[i];
        let dateline = dateline_end(text).unwrap_or(0);
        for (k, t) in w.toks.iter().enumerate() {
            if !t.text.starts_with(char::is_uppercase)
                || !w.concepts[k].is_empty()
                || is_closed_class(&t.text.to_lowercase())
                || t.text.chars().filter(|c| c.is_alphabetic()).count() < 3
                || t.start < dateline
                || t.text.chars().all(|c| !c.is_lowercase())
            {
                continue;
            }
            // The Arabic article of a transliterated name ("al-Shaddadi") stands with it.
            let article = k > 0
                && matches!(w.toks[k - 1].text, "al" | "el" | "Al" | "El")
                && matches!(gap_after(text, &w.toks, k - 1), "" | " " | "-");
            let head = if article { k - 1 } else { k };
            let before = |n: usize| {
                head.checked_sub(n)
                    .map(|p| w.toks[p].text.to_lowercase())
                    .filter(|_| gap_after(text, &w.toks, head - n).trim().is_empty())
            };
            let after_locative = match before(1).as_deref() {
                Some("the") => before(2).is_some_and(|p| LOCATIVES.contains(&p.as_str())),
                Some(p) => LOCATIVES.contains(&p),
                None => false,
            };
            // Followed by another capitalised word, it begins a longer name (in Camp Lemonnier).
            let longer = w
                .toks
                .get(k + 1)
                .is_some_and(|n| n.text.starts_with(char::is_uppercase))
                && gap_after(text, &w.toks, k).trim().is_empty();
            if !after_locative || longer {
                continue;
            }
            let rendered = b
                .tgt
                .iter()
                .any(|&j| ctx.words.ar(j).norms.iter().any(|n| names_match(n, t.text)));
            if !rendered {
                out.push((i, w.toks[head].start, t.end));
            }
        }
    }
    out.reverse();
    out
}

/// Whether a mention is in a dateline: written in capitals ("TAMPA, Fla. —") or before the
/// dash that ends a dateline at the head of a sentence.
fn in_dateline(text: &str, m: &Mention) -> bool {
    let word = char_slice(text, m.start, m.end);
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    (letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase()))
        || dateline_end(text).is_some_and(|end| m.end <= end)
}

/// Whether a source mention stands beside a capitalised word the lexicon does not know: a
/// person's name around it.
fn inside_name(ctx: &Context, m: &Mention) -> bool {
    let w = ctx.words.en(m.sentence);
    let Some(first) = w.toks.iter().position(|t| t.start == m.start) else {
        return false;
    };
    let last = w.toks.iter().rposition(|t| t.end == m.end).unwrap_or(first);
    let text = &ctx.src[m.sentence];
    // Written right beside it: nothing but a space between (a comma ends a name).
    let joined = |k: usize| gap_after(text, &w.toks, k).trim().is_empty();
    let unknown_capital = |k: usize| {
        w.toks
            .get(k)
            .is_some_and(|t| t.text.starts_with(char::is_uppercase) && w.concepts[k].is_empty())
    };
    (first > 0 && unknown_capital(first - 1) && joined(first - 1))
        || (unknown_capital(last + 1) && joined(last))
}

pub fn detect(ctx: &Context) -> Vec<Flag> {
    let lex = ctx.lexicon;
    let mut out = Vec::new();
    let labels = PlaceLabels::default();
    for b in ctx.beads.iter().filter(|b| !b.is_null()) {
        let mut src = mentions(lex, &labels, &b.src, &ctx.anchors.src, true);
        // A place word inside a person's name (Karwan Hama Rashid) names no place; the
        // dateline's city is where the statement was issued, which an outlet replaces with its
        // own.
        src.retain(|m| !inside_name(ctx, m) && !in_dateline(&ctx.src[m.sentence], m));
        let mut unknown_places = unknown_places(ctx, b);
        if src.is_empty() && unknown_places.is_empty() {
            continue;
        }
        let tgt = mentions(lex, &labels, &b.tgt, &ctx.anchors.tgt, true);
        // Named anywhere on the other side, even inside a longer name («بعثة الأمم المتحدة
        // للدعم في ليبيا»), a place is given.
        let src_any = mentions(lex, &labels, &b.src, &ctx.anchors.src, false);
        let tgt_any = mentions(lex, &labels, &b.tgt, &ctx.anchors.tgt, false);
        let mut missing: Vec<&Mention> = src
            .iter()
            .filter(|m| !tgt_any.iter().any(|t| same_place(m, t)))
            .filter(|m| !adjective_of(lex, &labels, &b.tgt, &ctx.anchors.tgt, &m.label))
            .collect();
        // Capitalised source words the lexicon does not know (Türkiye): an Arabic place that
        // transliterates one renders it.
        let unknown: Vec<&str> = b
            .src
            .iter()
            .flat_map(|&i| {
                let w = ctx.words.en(i);
                w.toks
                    .iter()
                    .zip(&w.concepts)
                    .filter(|(t, c)| c.is_empty() && t.text.starts_with(char::is_uppercase))
                    .map(|(t, _)| t.text)
                    .collect::<Vec<_>>()
            })
            .collect();
        let transliterates = |m: &Mention| {
            let w = ctx.words.ar(m.sentence);
            w.toks
                .iter()
                .zip(&w.norms)
                .filter(|(t, _)| t.start >= m.start && t.end <= m.end)
                .any(|(_, n)| unknown.iter().any(|u| names_match(n, u)))
        };
        // A one-word place that is also another word of the glossary («كيف» how / Kyiv,
        // «عمارة» building / Amarah) says nothing on its own. (An imported dictionary's entry
        // for the place itself is no other word.)
        let ambiguous = |m: &Mention| {
            let w = ctx.words.ar(m.sentence);
            let inside: Vec<usize> = (0..w.toks.len())
                .filter(|&k| w.toks[k].start >= m.start && w.toks[k].end <= m.end)
                .collect();
            inside.len() == 1
                && w.concepts[inside[0]]
                    .iter()
                    .any(|&c| lex.is_general(c) && lex.place_kind(c).is_none())
        };
        let mut reported: HashSet<&str> = HashSet::new();
        for extra in tgt.iter().filter(|t| {
            !src_any.iter().any(|m| same_place(m, t))
                && !adjective_of(lex, &labels, &b.src, &ctx.anchors.src, &t.label)
                && !transliterates(t)
                && !ambiguous(t)
        }) {
            if reported.contains(extra.label.key.as_str()) {
                continue;
            }
            // A place of the same kind the Arabic does not give, else a place name the lexicon
            // does not know that the Arabic does not transliterate («طرطوس» where the source
            // says "in Baidoa").
            let named = if let Some(p) = missing.iter().position(|m| m.kind == extra.kind) {
                let was = missing.remove(p);
                char_slice(&ctx.src[was.sentence], was.start, was.end)
            } else if let Some((i, start, end)) = unknown_places.pop() {
                char_slice(&ctx.src[i], start, end)
            } else {
                continue;
            };
            reported.insert(extra.label.key.as_str());
            let text = &ctx.tgt[extra.sentence];
            out.push(Flag {
                kind: FlagKind::NameMismatch,
                subkind: Some("place".into()),
                severity: Severity::High,
                src: b.src.clone(),
                tgt: vec![extra.sentence],
                span: Some(span(
                    Side::Tgt,
                    extra.sentence,
                    text,
                    extra.start,
                    extra.end,
                )),
                reason: format!(
                    "'{}' names another place where the source names {named}",
                    char_slice(text, extra.start, extra.end)
                ),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;

    fn flags(en: &str, ar: &str) -> Vec<String> {
        crate::flag::with_parallel_beads(Lexicon::builtin(), &[en], &[ar], |ctx| {
            detect(ctx)
                .into_iter()
                .filter_map(|f| f.span.map(|s| s.text))
                .collect()
        })
    }

    #[test]
    fn a_city_given_as_another_city_is_flagged() {
        let en = "The minister visited troops in Basra on Sunday.";
        assert_eq!(
            flags(en, "وزار الوزير القوات في الموصل يوم الأحد."),
            vec!["الموصل"]
        );
        assert!(flags(en, "وزار الوزير القوات في البصرة يوم الأحد.").is_empty());
        // A city's name inside a person's name is no place; the added city is context.
        assert!(flags(
            "He met Minister Rawand Hama Saleh at the Pentagon.",
            "والتقى الوزير رواند حمه صالح في مبنى البنتاغون بواشنطن."
        )
        .is_empty());
        // A country in a list beside a name the lexicon does not know is still a country; a
        // place inside a longer name on the Arabic side is given.
        assert!(flags(
            "The governments of Egypt, Zanubia and Jordan welcomed the truce in Libya.",
            "رحبت حكومات مصر وزانوبيا والأردن بالهدنة التي أعلنتها بعثة الأمم المتحدة للدعم في ليبيا."
        )
        .is_empty());
        // A place the lexicon does not know, replaced by one it knows.
        assert_eq!(
            flags(
                "Aid convoys reached families in Garbaharey last week.",
                "ووصلت قوافل المساعدات إلى العائلات في طرطوس الأسبوع الماضي."
            ),
            vec!["طرطوس"]
        );
        assert!(flags(
            "Aid convoys reached families in Garbaharey last week.",
            "ووصلت قوافل المساعدات إلى العائلات في غرباهاري الأسبوع الماضي، في الصومال."
        )
        .is_empty());
        // With the article of a transliterated name.
        assert_eq!(
            flags(
                "Forces captured a facilitator near al-Shaddadi on Monday.",
                "واعتقلت القوات أحد الميسرين قرب منبج يوم الاثنين."
            ),
            vec!["منبج"]
        );
        // A pronoun of reverence is no place name, and a place that is also a common word
        // («كيف», how) names nothing on its own.
        assert!(flags(
            "They turned to Him in their distress.",
            "فتوجهوا إليه في محنتهم، فكيف يعرضون."
        )
        .is_empty());
        // The dateline's city is the statement's, not a fact of it.
        assert!(flags(
            "TAMPA, Fla. — U.S. forces conducted a strike in Syria.",
            "بغداد - نفذت القوات الأمريكية ضربة في سوريا."
        )
        .is_empty());
        // The word "region" is no proper place.
        assert!(flags(
            "Stability in the region matters.",
            "الاستقرار في منطقة الخليج مهم."
        )
        .is_empty());
    }

    #[test]
    fn a_country_named_by_its_adjective_is_named() {
        // "Iranian-made" names Iran; the Arabic names it outright, and "Tunisia's" is named by
        // «التونسية». Neither is another place.
        assert!(flags(
            "Iranian-made rockets struck a depot in Yemen.",
            "وأصابت صواريخ صنعتها إيران مستودعا في صنعاء."
        )
        .is_empty());
        // The attribution names a country; the country the source names is in its adjective.
        assert!(flags(
            "Iraq's coast guard rescued 40 fishermen, officials said.",
            "وأنقذ خفر السواحل العراقي 40 صيادا، بحسب ما قالت الكويت."
        )
        .is_empty());
        // A country swapped for another is still a swap beside an adjective of a third.
        assert_eq!(
            flags(
                "Iranian-made rockets struck a depot in northern Syria.",
                "وأصابت صواريخ إيرانية الصنع مستودعا في شمال العراق."
            ),
            vec!["العراق"]
        );
    }

    #[test]
    fn places_of_other_kinds_or_inside_names_are_not_swaps() {
        // The city given with its country: a country is no city.
        assert!(flags(
            "The minister visited troops in Basra on Sunday.",
            "وزار الوزير القوات في البصرة العراقية يوم الأحد، في العراق."
        )
        .is_empty());
        // A sea of several words is one place: «بحر العرب» for the Arabian Sea.
        assert!(flags(
            "The frigate patrolled the Arabian Sea.",
            "وسيّرت الفرقاطة دوريات في بحر العرب."
        )
        .is_empty());
        // The gulf given as another gulf is a swap.
        assert_eq!(
            flags(
                "The frigate patrolled the Gulf of Aden.",
                "وسيّرت الفرقاطة دوريات في خليج عمان."
            ),
            vec!["خليج عمان"]
        );
    }
}
