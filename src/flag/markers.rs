//! Editorial markers: words and phrases that signal commentary or loaded framing in an Arabic
//! rendering (data/editorial_markers.tsv in src/anchors). They raise severity and mark clause
//! starts; they never decide a flag alone.

use crate::text::arabic;
use crate::text::data as text_data;
use crate::text::tokens::{tokenize, Token};
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    Connective,
    Loaded,
    /// Casts what it qualifies as doubtful («المزعوم» "alleged", «ما يسمى» "so-called").
    Distancer,
    ClaimVerb,
    Attribution,
    Boilerplate,
    Metadata,
    /// Publication words ("on its platform", "which it published"): an added clause made of
    /// them frames the report rather than comments on it.
    Framing,
    /// Citation words ("according to", "a statement"): framing too, but a clause made only of
    /// them and a statement cites the document being rendered.
    Citation,
}

struct Marker {
    words: Vec<String>,
    /// Per word: it is listed as a sound masculine plural («مراقبون», «محللين») and matches
    /// only plural forms. The light stem also joins the feminine «ة» form, which for these
    /// participles is most often another word, the verbal noun: «المراقبة» is "monitoring",
    /// «متابعة» "follow-up", not "observers".
    plural: Vec<bool>,
    /// Per word: it is listed without the feminine plural «ات» and matches no form with it.
    /// The plural may be another word: «الكيان» (the entity) is an epithet for a state,
    /// «الكيانات» (entities) the plain noun of a sanctions list. Plurals that are loaded too
    /// are listed as such («أجندات», «المؤامرات»).
    singular: Vec<bool>,
    kind: MarkerKind,
    weight: u8,
    /// A claim verb's first word as written (normalised): verbs are listed with their
    /// inflections and match only those, after a conjunction — the light stem would join
    /// «ادعت» (claimed) with «ودعت» (and called on).
    surface: Option<String>,
    /// The marker opens with a verb in the imperfect («يذكر أن» "it is mentioned that", «يرى
    /// مراقبون» "observers see"): the idiom is that form. Past and other forms of the verb,
    /// which the light stem joins («ذكرت أن» "she stated that"), are plain reporting.
    imperfect: bool,
    /// A connective's English wordings (the gloss column, `|`-separated, lower case, notes in
    /// brackets dropped): a source using one is rendered by it.
    english: Vec<String>,
    /// The words of the gloss (English, lower case, notes in brackets dropped): what a source
    /// would say where the marker renders it.
    gloss: Vec<String>,
    /// The first word as listed, normalised, without article and proclitics.
    first: String,
    /// A one-word marker listed with its preposition («بحجة» on the pretext, «بزعم»): the
    /// preposition makes the connective, and the noun without it is the noun («الحجة» the
    /// argument, or the month of Dhu al-Hijjah).
    prepositional: bool,
}

/// Whether a normalised word opens with a proclitic preposition (ب, ل, ك), after a conjunction.
fn with_preposition(norm: &str) -> bool {
    norm.strip_prefix(['و', 'ف'])
        .unwrap_or(norm)
        .starts_with(['ب', 'ل', 'ك'])
}

/// Whether a normalised word opens with the imperfect's person prefix (ي or ت), after a
/// conjunction.
fn imperfect(norm: &str) -> bool {
    crate::text::arabic::without_conjunction(norm).starts_with(['ي', 'ت'])
}

/// A marker found in a sentence, with its character span.
#[derive(Debug, Clone, Copy)]
pub struct MarkerHit {
    pub kind: MarkerKind,
    pub weight: u8,
    pub start: usize,
    pub end: usize,
    /// Token index of the marker's first word.
    pub token: usize,
    /// The marker's entry.
    marker: usize,
}

fn markers() -> &'static Vec<Marker> {
    static M: OnceLock<Vec<Marker>> = OnceLock::new();
    M.get_or_init(|| {
        let mut v = Vec::new();
        for f in text_data::rows(include_str!("../anchors/data/editorial_markers.tsv"), 3) {
            let kind = match f[1] {
                "connective" => MarkerKind::Connective,
                "loaded" => MarkerKind::Loaded,
                "distancer" => MarkerKind::Distancer,
                "claim_verb" => MarkerKind::ClaimVerb,
                "attribution" => MarkerKind::Attribution,
                "boilerplate" => MarkerKind::Boilerplate,
                "metadata" => MarkerKind::Metadata,
                "framing" => MarkerKind::Framing,
                "citation" => MarkerKind::Citation,
                _ => continue,
            };
            let norm = arabic::normalize(f[0]);
            let toks = tokenize(&norm);
            let words: Vec<String> = toks.iter().map(|t| arabic::light_stem(t.text)).collect();
            let plural: Vec<bool> = toks
                .iter()
                .zip(&words)
                .map(|(t, stem)| sound_plural(t.text, stem))
                .collect();
            let singular: Vec<bool> = toks
                .iter()
                .zip(&words)
                .map(|(t, stem)| !feminine_plural(t.text, stem))
                .collect();
            if words.is_empty() {
                continue;
            }
            let surface = (kind == MarkerKind::ClaimVerb)
                .then(|| norm.split_whitespace().next().unwrap_or("").to_string());
            let imperfect = kind != MarkerKind::ClaimVerb
                && crate::text::arabic::without_conjunction(
                    norm.split_whitespace().next().unwrap_or(""),
                )
                .starts_with('ي');
            let english = if kind == MarkerKind::Connective {
                f.get(3)
                    .map(|g| {
                        g.split('|')
                            .map(english_wording)
                            .filter(|w| !w.is_empty())
                            .collect()
                    })
                    .unwrap_or_default()
            } else {
                Vec::new()
            };
            let first =
                arabic::strip_proclitics(norm.split_whitespace().next().unwrap_or("")).to_string();
            let listed_first = norm.split_whitespace().next().unwrap_or("");
            let prepositional = kind == MarkerKind::Connective
                && !norm.contains(' ')
                && listed_first.starts_with(['ب', 'ل', 'ك'])
                && arabic::strip_prefix_clitics(listed_first) != listed_first;
            let gloss = f
                .get(3)
                .map(|g| {
                    g.split('|')
                        .flat_map(|w| {
                            english_wording(w)
                                .split_whitespace()
                                .map(str::to_string)
                                .collect::<Vec<_>>()
                        })
                        .collect()
                })
                .unwrap_or_default();
            v.push(Marker {
                gloss,
                prepositional,
                first,
                english,
                words,
                plural,
                singular,
                kind,
                weight: f[2].parse().unwrap_or(1),
                surface,
                imperfect,
            });
        }
        v
    })
}

/// Markers by the light stem of their first word, so that a sentence is read once rather than
/// once per marker, and every inflection of a marker word matches (ما يسمى / ما تسمى,
/// المزعوم / المزعومة, زعم / زعمت).
fn index() -> &'static HashMap<String, Vec<usize>> {
    static I: OnceLock<HashMap<String, Vec<usize>>> = OnceLock::new();
    I.get_or_init(|| {
        let mut ix: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, m) in markers().iter().enumerate() {
            ix.entry(m.words[0].clone()).or_default().push(k);
        }
        ix
    })
}

/// Every marker in a sentence, ordered by start (longest first), then by the markers' order in
/// the data file.
#[cfg(test)]
pub fn find(sentence: &str) -> Vec<MarkerHit> {
    let toks = tokenize(sentence);
    let norms: Vec<String> = toks.iter().map(|t| arabic::normalize(t.text)).collect();
    find_in(&toks, &norms)
}

/// [`find`] on a sentence already tokenised (`norms`: the tokens normalised).
pub fn find_in(toks: &[Token], norms: &[String]) -> Vec<MarkerHit> {
    let stems: Vec<String> = norms.iter().map(|n| arabic::light_stem(n)).collect();
    let (all, ix) = (markers(), index());
    let mut hits: Vec<(usize, MarkerHit)> = Vec::new();
    // An indefinite accusative writes its ending as «ا» without the tanween («شنت عدوانا
    // جديدا», "launched a new aggression"): a word the index lacks is looked up without it.
    let accusative = |i: usize| arabic::without_accusative_alif(&norms[i]).map(arabic::light_stem);
    // The relative «ما» of a marker («ما يسمى», "so-called") is written joined to the
    // preposition before it («مما يسمى», "of the so-called").
    let relative = |i: usize| {
        arabic::relative_ma_with_preposition(&norms[i]).then(|| arabic::light_stem("ما"))
    };
    for i in 0..stems.len() {
        let own = ix
            .get(&stems[i])
            .or_else(|| accusative(i).and_then(|s| ix.get(&s)));
        // (Some markers are listed with the joined form too: «مما يعكس», "which reflects".)
        let joined = relative(i).and_then(|s| ix.get(&s));
        for &k in own.into_iter().chain(joined).flatten() {
            let m = &all[k];
            let n = m.words.len();
            if i + n > stems.len() || (1..n).any(|w| stems[i + w] != m.words[w]) {
                continue;
            }
            if (0..n).any(|w| {
                (m.plural[w] && !sound_plural(&norms[i + w], &stems[i + w]))
                    || (m.singular[w] && feminine_plural(&norms[i + w], &stems[i + w]))
            }) {
                continue;
            }
            if m.surface
                .as_ref()
                .is_some_and(|sf| !as_written(&norms[i], sf))
            {
                continue;
            }
            if m.imperfect && !imperfect(&norms[i]) {
                continue;
            }
            if m.prepositional && !with_preposition(&norms[i]) {
                continue;
            }
            hits.push((
                k,
                MarkerHit {
                    kind: m.kind,
                    weight: m.weight,
                    start: toks[i].start,
                    end: toks[i + n - 1].end,
                    token: i,
                    marker: k,
                },
            ));
        }
    }
    hits.sort_by_key(|(k, h)| (h.start, std::cmp::Reverse(h.end), *k));
    // Inflected entries of one marker ("واهية", "الواهية") meet at the same span: keep the first
    // of each kind (a claim verb «زعمت» and a connective «بزعم» share a stem; the reader of the
    // hits tells them apart by the token's proclitics).
    hits.dedup_by_key(|(_, h)| (h.start, h.end, h.kind));
    hits.into_iter().map(|(_, h)| h).collect()
}

/// Whether a normalised word whose light stem is `stem` carries a sound masculine plural suffix
/// (ون, ين), or its construct form (و, ي: «مراقبو الشأن»), after the stem.
fn sound_plural(norm: &str, stem: &str) -> bool {
    norm.rfind(stem)
        .is_some_and(|at| matches!(&norm[at + stem.len()..], "ون" | "ين" | "و" | "ي"))
        && stem.chars().count() < norm.chars().count()
}

/// Whether a normalised word whose light stem is `stem` carries the feminine plural «ات» after it.
fn feminine_plural(norm: &str, stem: &str) -> bool {
    norm.rfind(stem)
        .is_some_and(|at| norm[at + stem.len()..].starts_with("ات"))
}

/// Whether a token is a listed verb form `surface`, after a conjunction and before an object
/// pronoun («وتروجه» is «تروج»).
fn as_written(norm: &str, surface: &str) -> bool {
    let bare = crate::text::arabic::without_conjunction(norm);
    [norm, bare].iter().any(|t| {
        t.strip_prefix(surface)
            .is_some_and(|rest| matches!(rest, "" | "ه" | "ها" | "هم" | "هما" | "هن"))
    })
}

/// A gloss wording without its bracketed notes, in lower case.
fn english_wording(gloss: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in gloss.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a connective renders the source: the source (`source_lower`, in lower case) uses one
/// of its English wordings, as whole words ("This action follows …" for «ويأتي هذا الإجراء»).
pub fn renders_source(hit: &MarkerHit, source_lower: &str) -> bool {
    markers()[hit.marker].english.iter().any(|w| {
        source_lower.match_indices(w.as_str()).any(|(at, _)| {
            let before = source_lower[..at].chars().next_back();
            let after = source_lower[at + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// Whether the hit's first word is the marker's word as listed (`norm`: the token normalised),
/// not another inflection or a word that only shares its light stem.
pub fn as_listed(hit: &MarkerHit, norm: &str) -> bool {
    let first = &markers()[hit.marker].first;
    // (A conjunction may stand on an indefinite word, which has no article to strip with it:
    // «وميليشيا».)
    arabic::strip_proclitics(norm) == first
        || arabic::strip_proclitics(arabic::without_conjunction(norm)) == first
}

/// Whether a normalised word is a loaded marker on its own («الاحتلال», «الصهيوني»), as listed.
pub fn loaded_word(norm: &str) -> bool {
    let bare = arabic::strip_proclitics(norm);
    markers()
        .iter()
        .any(|m| m.kind == MarkerKind::Loaded && m.words.len() == 1 && m.first == bare)
}

/// Whether the source (`source_lower`, in lower case) says what a marker's gloss says: a word
/// of the gloss of five letters or more — not a word of nationality, which the marker's
/// neighbours render — begins a word of the source with its first five letters ("suspicious
/// vessels" for «السفن المشبوهة», "occupying" for «الاحتلال»).
pub fn gloss_in(hit: &MarkerHit, source_lower: &str) -> bool {
    const NATIONALITY: &[&str] = &["american", "israeli", "western", "foreign", "global"];
    let prefix = |w: &str| w.char_indices().nth(5).map_or(w.len(), |(b, _)| b);
    markers()[hit.marker]
        .gloss
        .iter()
        .filter(|w| w.chars().count() >= 5 && !NATIONALITY.contains(&w.as_str()))
        .any(|w| {
            let stem = &w[..prefix(w)];
            source_lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|s| s.starts_with(stem))
        })
}

/// The hits less the connectives that render the source sentences `source`.
pub fn not_rendering<'a>(
    hits: &[MarkerHit],
    source: impl Iterator<Item = &'a str>,
) -> Vec<MarkerHit> {
    if !hits.iter().any(|h| h.kind == MarkerKind::Connective) {
        return hits.to_vec();
    }
    let source_lower = source.map(str::to_lowercase).collect::<Vec<_>>().join(" ");
    hits.iter()
        .filter(|h| !renders_source(h, &source_lower))
        .copied()
        .collect()
}

/// Markers of the outlet's own voice (not page furniture, bylines or neutral attribution).
pub fn is_editorial(kind: MarkerKind) -> bool {
    matches!(
        kind,
        MarkerKind::Connective
            | MarkerKind::Loaded
            | MarkerKind::Distancer
            | MarkerKind::ClaimVerb
            | MarkerKind::Attribution
    )
}

/// Summed weight of editorial (not boilerplate/metadata) markers.
pub fn editorial_weight(hits: &[MarkerHit]) -> u32 {
    hits.iter()
        .filter(|h| is_editorial(h.kind))
        .map(|h| h.weight as u32)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// «ما» joined to its preposition («مما يسمى», «عما يوصف») is the marker's «ما»; «كما»
    /// ("as") is not.
    #[test]
    fn a_relative_joined_to_its_preposition_opens_a_marker() {
        let kinds = |s: &str| find(s).iter().map(|h| h.kind).collect::<Vec<_>>();
        assert_eq!(
            kinds("وصادر الجيش عددا مما يسمى المستودعات"),
            [MarkerKind::Distancer]
        );
        assert_eq!(kinds("وتحدث عما يسمى الممر"), [MarkerKind::Distancer]);
        assert!(kinds("وهو كما يسمى في المنطقة الجسر").is_empty());
    }

    #[test]
    fn a_connective_renders_a_source_using_one_of_its_wordings() {
        let hit = |s: &str| find(s).into_iter().next().expect("a marker");
        let comes = hit("ويأتي ذلك وسط توتر");
        assert!(renders_source(
            &comes,
            "the decision follows talks in cairo."
        ));
        assert!(renders_source(&comes, "this comes as talks resume."));
        // Whole words only, and only the connective's own wordings.
        assert!(!renders_source(&comes, "a follower of the talks."));
        assert!(!renders_source(&comes, "talks resumed in cairo."));
        assert_eq!(english_wording("followers (of affairs)"), "followers");
    }

    /// Every marker tried at every token: what the index must find.
    fn every_marker_everywhere(sentence: &str) -> Vec<(usize, usize, usize)> {
        let toks = tokenize(sentence);
        let stems: Vec<String> = toks
            .iter()
            .map(|t| arabic::light_stem(&arabic::normalize(t.text)))
            .collect();
        let mut out = Vec::new();
        for m in markers() {
            let n = m.words.len();
            for i in 0..(stems.len() + 1).saturating_sub(n) {
                let norm = arabic::normalize(toks[i].text);
                let listed = match &m.surface {
                    Some(sf) => as_written(&norm, sf),
                    None => true,
                };
                let plural_ok = (0..n).all(|k| {
                    let norm = arabic::normalize(toks[i + k].text);
                    (!m.plural[k] || sound_plural(&norm, &stems[i + k]))
                        && !(m.singular[k] && feminine_plural(&norm, &stems[i + k]))
                });
                // The first word may be an indefinite accusative in «ا» of a word no marker
                // opens with as written.
                let first_ok = stems[i] == m.words[0]
                    || (!markers().iter().any(|o| o.words[0] == stems[i])
                        && arabic::without_accusative_alif(&norm).map(arabic::light_stem)
                            == Some(m.words[0].clone()));
                let preposition_ok = !m.prepositional || with_preposition(&norm);
                if listed
                    && plural_ok
                    && first_ok
                    && preposition_ok
                    && (1..n).all(|k| stems[i + k] == m.words[k])
                {
                    out.push((toks[i].start, toks[i + n - 1].end, i, m.kind as u8));
                }
            }
        }
        out.sort_by_key(|&(s, e, _, kind)| (s, std::cmp::Reverse(e), kind));
        out.dedup();
        out.into_iter().map(|(s, e, i, _)| (s, e, i)).collect()
    }

    #[test]
    fn the_index_finds_what_every_marker_everywhere_finds() {
        let seed = include_str!("../../seeds/000_6ca39d9e9a070d2d.txt");
        let arabic = crate::test_corpora::sentences()
            .into_iter()
            .filter(|(_, lang)| *lang == crate::text::Lang::Ar)
            .map(|(line, _)| line);
        let mut found = 0;
        for line in seed.lines().map(String::from).chain(arabic) {
            let line = line.as_str();
            let got: Vec<(usize, usize, usize)> = find(line)
                .iter()
                .map(|h| (h.start, h.end, h.token))
                .collect();
            assert_eq!(got, every_marker_everywhere(line), "{line}");
            found += got.len();
        }
        assert!(found > 20, "only {found} markers");
    }

    #[test]
    fn a_marker_in_the_indefinite_accusative_is_found() {
        // «عدوانا» is «عدوان» with the accusative ending written as alif.
        assert!(find("وشنت الطائرات عدوانا جديدا على القرى")
            .iter()
            .any(|h| h.kind == MarkerKind::Loaded));
        // A name ending in alif is no accusative of a marker.
        assert!(find("وزار الوفد أمريكا وروسيا").is_empty());
    }

    fn finds_kind(sentence: &str, kind: MarkerKind) -> bool {
        find(sentence).iter().any(|h| h.kind == kind)
    }

    #[test]
    fn a_prepositional_connective_needs_its_preposition() {
        // «بحجة» (on the pretext of) is the connective; «الحجة» is a noun, here the month of
        // a Hijri date.
        let with_it = "واعتقلت الشرطة الصحفي بحجة نشر أخبار كاذبة";
        assert!(finds_kind(with_it, MarkerKind::Connective));
        let month = "وعقد الاجتماع يوم 3 ذي الحجة 1446 في العاصمة";
        assert!(!finds_kind(month, MarkerKind::Connective));
    }

    #[test]
    fn a_claim_verb_matches_its_listed_forms_only() {
        // «ودعت» (and called on) shares its light stem with «ادعت» (claimed).
        assert!(find("ودعت الوزارة الطرفين إلى الحوار")
            .iter()
            .all(|h| h.kind != MarkerKind::ClaimVerb));
    }

    #[test]
    fn an_idiom_in_the_imperfect_is_not_its_verb_in_the_past() {
        // «ويذكر أن» (it is worth mentioning that) is a connective; «ذكرت أن» (she stated
        // that) reports what someone said.
        let idiom = "ويذكر أن المعبر أغلق مرتين هذا العام";
        assert!(finds_kind(idiom, MarkerKind::Connective));
        let reported = "وكانت الوزارة قد ذكرت أن المعبر أغلق مرتين";
        assert!(!finds_kind(reported, MarkerKind::Connective));
    }

    #[test]
    fn markers_match_through_proclitics() {
        let hits = find("وبحجة محاربة الإرهاب قال المتحدث");
        assert!(hits.iter().any(|h| h.token == 0), "{hits:?}");
    }

    #[test]
    fn markers_match_their_inflections() {
        for s in [
            "ما تسمى قوات الحماية",
            "ما يسمى بالتحالف",
            "الهجوم المزعوم على الموقع",
            "الهجمات المزعومة على السفن",
            "وزعمت الوزارة أن القصف دقيق",
            "وادعت الوزارة أن القصف دقيق",
            "بحسب ما تروجه وسائل الإعلام",
        ] {
            assert!(
                find(s).iter().any(|h| is_editorial(h.kind)),
                "no marker in {s}"
            );
        }
    }

    #[test]
    fn a_marker_listed_in_the_singular_is_not_its_feminine_plural() {
        let loaded = |s: &str| {
            find(s)
                .iter()
                .filter(|h| h.kind == MarkerKind::Loaded)
                .count()
        };
        // «الكيان» for a state is loaded; «الكيانات» (entities) of a sanctions list is not.
        assert_eq!(loaded("وشملت العقوبات ثلاثة من الكيانات التابعة للشبكة."), 0);
        assert_eq!(loaded("وقصفت طائرات الكيان مواقع في الجنوب."), 1);
        // A plural listed as such still matches.
        assert_eq!(loaded("وحذر من المؤامرات التي تحاك ضد البلاد."), 1);
    }

    #[test]
    fn a_plural_of_observers_is_not_the_verbal_noun_of_its_verb() {
        for s in [
            "ويرى مراقبون أن الخطوة تصعيد",
            "وقال المراقبين للشأن الليبي",
            "وأشار محللون سياسيون إلى التوتر",
        ] {
            assert!(
                find(s).iter().any(|h| is_editorial(h.kind)),
                "no marker in {s}"
            );
        }
        for s in [
            "ووفرت الطائرة المراقبة والحماية للسفن",
            "وتتولى اللجنة متابعة تنفيذ الاتفاق",
            "وتعمل الفرق على مراقبة الحدود",
        ] {
            assert!(
                find(s).iter().all(|h| !is_editorial(h.kind)),
                "marker in {s}"
            );
        }
    }
}
