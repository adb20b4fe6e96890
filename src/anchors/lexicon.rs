//! Bilingual lexicon: English and Arabic phrases mapped to shared concept ids.
//!
//! The built-in glossary (data/glossary.tsv, written by the project) and the acronym list are
//! compiled in; users add FreeDict, Buckwalter or TSV dictionaries at run time (`lexicon
//! import`). Keys are normalised the way sentences are looked up: English words folded and
//! Snowball-stemmed, Arabic words normalised with proclitics stripped.

use crate::text::{arabic, english, tokens};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Head nouns of organisations, forces and programmes: an entry whose English has one names an
/// institution (Coast Guard, Foreign Military Sales, Central Command).
const ORGANISATION_HEADS: &[&str] = &[
    "force",
    "forces",
    "navy",
    "army",
    "guard",
    "command",
    "marines",
    "corps",
    "fleet",
    "brigade",
    "division",
    "agency",
    "service",
    "ministry",
    "department",
    "council",
    "organization",
    "organisation",
    "program",
    "programme",
    "sales",
    "financing",
    "mission",
    "office",
    "bureau",
    "committee",
    "commission",
    "court",
    "bank",
    "fund",
    "coalition",
    "alliance",
    "congress",
    "treasury",
    "parliament",
    "assembly",
    "house",
    "senate",
    "cabinet",
    "party",
    "movement",
];

/// Whether an English phrase names an organisation by its head noun.
fn names_organisation(en: &str) -> bool {
    en.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ORGANISATION_HEADS.contains(&w))
}

/// Concept ids of a lexicon.
pub type ConceptId = u32;

/// Where a lexicon entry came from; function words are kept out of alignment evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryClass {
    Content,
    Function,
    /// Titles and ranks: their renderings are checked for changed rank.
    Title,
    /// Institutions, forces and programmes (Ministry of Defense, Coast Guard, FMS): a rendering
    /// of one as another is a changed fact.
    Institution,
    /// Countries, cities and regions: one rendered as another of the same kind is a changed
    /// fact (Duqm given as Salalah).
    Place(PlaceKind),
}

/// What kind of place an entry names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PlaceKind {
    Country,
    /// Cities, capitals, ports.
    City,
    /// Provinces, seas, gulfs, areas.
    Region,
}

/// Serialisable so that a compiled lexicon can be cached (`lexicon_cache`).
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Lexicon {
    en: HashMap<String, Vec<ConceptId>>,
    ar: HashMap<String, Vec<ConceptId>>,
    function: HashSet<ConceptId>,
    titles: HashSet<ConceptId>,
    institutions: HashSet<ConceptId>,
    /// Concepts of the glossary's reporting category ("said", «أفاد», «بيان»): the words that
    /// attribute what a sentence states to a speaker.
    reporting: HashSet<ConceptId>,
    places: HashMap<ConceptId, PlaceKind>,
    max_en_words: usize,
    max_ar_words: usize,
    n_concepts: u32,
    /// Concepts of the built-in glossary, which every lexicon extends (its ids come first): kept
    /// here so that a lexicon read from the cache never has to build the glossary to tell them.
    general_concepts: u32,
    n_entries: usize,
    /// The English phrase and Arabic renderings of each concept, for reasons and term checks.
    labels: Vec<(String, Vec<String>)>,
    /// Proper word prefixes of the multi-word keys ("security", "security cooperation" of
    /// "security cooperation dialogue"): a phrase walk goes on only while its words begin a key.
    en_prefixes: HashSet<String>,
    ar_prefixes: HashSet<String>,
}

/// Whether a word is closed-class (`data/function_words.txt`: articles, pronouns, auxiliaries,
/// prepositions, conjunctions, particles) — never a name, never a learned translation. English
/// in lower case, Arabic normalised.
pub fn is_closed_class(word: &str) -> bool {
    static SET: std::sync::OnceLock<HashSet<String>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        include_str!("data/function_words.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|w| {
                if w.is_ascii() {
                    w.to_lowercase()
                } else {
                    arabic::normalize(w)
                }
            })
            .collect()
    })
    .contains(word)
}

/// English lookup key of a phrase: folded, stemmed words joined by spaces.
pub fn en_key(phrase: &str) -> String {
    let folded = english::fold(phrase);
    tokens::tokenize(&folded)
        .iter()
        .map(|t| english::stem(t.text))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prefixes that English writes closed, hyphenated or open: "undersecretary", "under-secretary"
/// and "under secretary"; "counterpiracy" and "counter piracy". The tokenizer splits the
/// hyphenated form, so it reads as the open one.
const OPEN_OR_CLOSED_PREFIXES: &[&str] = &[
    "under", "counter", "anti", "non", "cross", "over", "sub", "inter", "multi", "co", "post",
    "pre",
];

/// An English key and its other spellings as an open or closed compound: each word that opens
/// with one of the prefixes above (and leaves a word of four letters or more) also splits; each
/// prefix standing as a word also joins the next.
fn open_and_closed_compounds(key: &str) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').collect();
    let mut out = vec![key.to_string()];
    for (i, w) in words.iter().enumerate() {
        for p in OPEN_OR_CLOSED_PREFIXES {
            let mut variant: Vec<String> = words.iter().map(|x| x.to_string()).collect();
            if let Some(rest) = w.strip_prefix(p).filter(|r| r.chars().count() >= 4) {
                variant[i] = format!("{p} {rest}");
            } else if *w == *p && i + 1 < words.len() {
                variant[i] = format!("{p}{}", words[i + 1]);
                variant.remove(i + 1);
            } else {
                continue;
            }
            let v = variant.join(" ");
            if !out.contains(&v) {
                out.push(v);
            }
        }
    }
    out
}

/// Arabic lookup key of a phrase: normalised words with proclitics stripped.
pub fn ar_key(phrase: &str) -> String {
    let norm = arabic::normalize(phrase);
    tokens::tokenize(&norm)
        .iter()
        .map(|t| arabic::strip_proclitics(t.text).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Adds `id` under `key` (once), and the key's proper word prefixes to `prefixes`.
fn push_unique(
    map: &mut HashMap<String, Vec<ConceptId>>,
    prefixes: &mut HashSet<String>,
    key: String,
    id: ConceptId,
) {
    if key.is_empty() {
        return;
    }
    for (at, _) in key.match_indices(' ') {
        if !prefixes.contains(&key[..at]) {
            prefixes.insert(key[..at].to_string());
        }
    }
    let v = map.entry(key).or_default();
    if !v.contains(&id) {
        v.push(id);
    }
}

impl Lexicon {
    pub fn new() -> Self {
        Self::default()
    }

    /// The built-in glossary and acronym list.
    pub fn builtin() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| {
            let mut lex = Lexicon::new();
            lex.load_glossary(include_str!("data/glossary.tsv"));
            lex.load_acronyms(include_str!("data/acronyms.tsv"));
            lex.general_concepts = lex.n_concepts;
            lex
        })
    }

    /// Number of entries (source lines) loaded.
    pub fn len(&self) -> usize {
        self.n_entries
    }

    pub fn is_empty(&self) -> bool {
        self.n_entries == 0
    }

    /// Adds one entry: an English phrase and its Arabic renderings share a new concept.
    pub fn add_entry<'a>(
        &mut self,
        en: &str,
        ar: impl IntoIterator<Item = &'a str>,
        class: EntryClass,
    ) {
        let ek = en_key(en);
        if ek.is_empty() {
            return;
        }
        let id = self.n_concepts;
        let mut any = false;
        let mut renderings = Vec::new();
        let ar: Vec<&str> = ar.into_iter().collect();
        let staff = if class == EntryClass::Title {
            let mut v = staff_qualified(&ar);
            v.extend(feminine_titles(&ar));
            v
        } else {
            Vec::new()
        };
        for variant in ar.iter().copied().chain(staff.iter().map(String::as_str)) {
            let ak = ar_key(variant);
            if ak.is_empty() {
                continue;
            }
            any = true;
            renderings.push(variant.trim().to_string());
            self.max_ar_words = self.max_ar_words.max(ak.split(' ').count());
            // Single words are also indexed in full (with their article), so that lookup of an
            // inflected form finds them before any stripping.
            if !ak.contains(' ') {
                push_unique(
                    &mut self.ar,
                    &mut self.ar_prefixes,
                    arabic::normalize(variant.trim()),
                    id,
                );
            }
            // A stem of two letters left by stripping a preposition with the article («بالاو»,
            // Palau, read as ب + ال + «او») would match common short words ("or"): the full
            // form, indexed above, is the key. A citation form opens with the bare article at
            // most («الله»), whose stem stays a key.
            let full = arabic::normalize(variant.trim());
            if ak.contains(' ') || ak.chars().count() > 2 || ak == full || full.starts_with("ال")
            {
                push_unique(&mut self.ar, &mut self.ar_prefixes, ak, id);
            }
        }
        if !any {
            return;
        }
        for key in open_and_closed_compounds(&ek) {
            self.max_en_words = self.max_en_words.max(key.split(' ').count());
            push_unique(&mut self.en, &mut self.en_prefixes, key, id);
        }
        match class {
            EntryClass::Function => {
                self.function.insert(id);
            }
            EntryClass::Title => {
                self.titles.insert(id);
            }
            EntryClass::Institution => {
                self.institutions.insert(id);
            }
            EntryClass::Place(kind) => {
                self.places.insert(id, kind);
            }
            EntryClass::Content => {}
        }
        self.labels.push((en.trim().to_string(), renderings));
        self.n_concepts += 1;
        self.n_entries += 1;
    }

    /// English phrase and Arabic renderings of a concept.
    pub fn label(&self, id: ConceptId) -> Option<(&str, &[String])> {
        self.labels
            .get(id as usize)
            .map(|(e, a)| (e.as_str(), a.as_slice()))
    }

    /// A lexicon of dictionary pairs (English, Arabic with `|` alternatives). Pairs sharing an
    /// English phrase become one concept with all their renderings: large dictionaries repeat
    /// their English glosses, and keying each phrase once keeps loading fast.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> Lexicon {
        let mut lex = Lexicon::new();
        lex.add_pairs(pairs);
        lex
    }

    /// Adds dictionary pairs as [`Lexicon::from_pairs`] reads them, as new concepts of this
    /// lexicon (imported dictionaries on top of the glossary).
    pub fn add_pairs(&mut self, pairs: impl IntoIterator<Item = (String, String)>) {
        let mut groups: HashMap<String, Vec<String>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for (en, ar) in pairs {
            let k = en.trim().to_lowercase();
            let g = groups.entry(k.clone()).or_insert_with(|| {
                order.push(k);
                Vec::new()
            });
            g.extend(ar.split('|').map(|a| a.trim().to_string()));
        }
        for en in order {
            let mut ar = groups.remove(&en).unwrap_or_default();
            ar.sort();
            ar.dedup();
            self.add_entry(&en, ar.iter().map(String::as_str), EntryClass::Content);
        }
    }

    /// Loads `english<TAB>arabic|arabic…[<TAB>category[<TAB>country]]` lines (`#` comments).
    pub fn load_glossary(&mut self, text: &str) -> usize {
        let mut n = 0;
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(en), Some(ar)) = (f.next(), f.next()) else {
                continue;
            };
            // Organisations: the institution category, and entries of the public-affairs
            // categories named by an organisation's head noun (a force, a command, a guard, the
            // house of White House): one rendered as another is a changed fact whatever
            // category the entry was filed under.
            let category = f.next().map(str::trim);
            let class = match category {
                Some("function") => EntryClass::Function,
                Some("title") => EntryClass::Title,
                Some("institution") => EntryClass::Institution,
                Some("country") => EntryClass::Place(PlaceKind::Country),
                Some("city" | "capital") => EntryClass::Place(PlaceKind::City),
                Some("region") => EntryClass::Place(PlaceKind::Region),
                Some("defence" | "security" | "politics" | "diplomacy")
                    if names_organisation(en) =>
                {
                    EntryClass::Institution
                }
                _ => EntryClass::Content,
            };
            let before = self.n_concepts;
            self.add_entry(en.trim(), ar.split('|').map(str::trim), class);
            if category == Some("reporting") && self.n_concepts > before {
                self.reporting.insert(before);
            }
            // Metonymy: the Arabic names the state by its capital («قالت واشنطن» for "the United
            // States said"), as news does in both languages. The capital's names render the
            // country; the country's names do not render the city (a strike "in Baghdad" is not
            // one "in Iraq").
            if let (Some("capital"), Some(country)) = (category, f.next().map(str::trim)) {
                if !country.is_empty() {
                    self.add_entry(
                        country,
                        ar.split('|').map(str::trim),
                        EntryClass::Place(PlaceKind::Country),
                    );
                }
            }
            n += 1;
        }
        n
    }

    /// Loads `ACRONYM<TAB>expansion<TAB>arabic|arabic…` lines: the acronym, its expansion and
    /// the Arabic renderings share one concept.
    pub fn load_acronyms(&mut self, text: &str) -> usize {
        let mut n = 0;
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').map(str::trim).collect();
            if f.len() < 3 {
                continue;
            }
            let id_before = self.n_concepts;
            // Acronyms of organisations and programmes (CENTCOM, ISF, FMS), not of countries.
            let class = if names_organisation(f[1]) {
                EntryClass::Institution
            } else {
                EntryClass::Content
            };
            self.add_entry(f[1], f[2].split('|'), class);
            if self.n_concepts > id_before {
                push_unique(&mut self.en, &mut self.en_prefixes, en_key(f[0]), id_before);
                n += 1;
            }
        }
        n
    }

    pub fn max_en_words(&self) -> usize {
        self.max_en_words.max(1)
    }

    pub fn max_ar_words(&self) -> usize {
        self.max_ar_words.max(1)
    }

    /// Concepts of an English key (see [`en_key`]).
    pub fn en(&self, key: &str) -> &[ConceptId] {
        self.en.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Concepts of an Arabic key (see [`ar_key`]).
    pub fn ar(&self, key: &str) -> &[ConceptId] {
        self.ar.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Whether some multi-word English key goes on after the words of `key`.
    pub fn continues_en(&self, key: &str) -> bool {
        self.en_prefixes.contains(key)
    }

    /// Whether some multi-word Arabic key goes on after the words of `key`.
    pub fn continues_ar(&self, key: &str) -> bool {
        self.ar_prefixes.contains(key)
    }

    /// Concepts of one normalised Arabic word, trying its clitic-stripped forms.
    pub fn ar_word(&self, norm_word: &str) -> Vec<ConceptId> {
        let mut out = Vec::new();
        for cand in arabic::stem_candidates(norm_word) {
            if let Some(v) = self.ar.get(&cand) {
                out.extend_from_slice(v);
                // The most specific form that is known wins: a shorter stem of a known word is
                // more often a different word (والي → والي, not الي).
                break;
            }
        }
        out
    }

    pub fn is_function(&self, id: ConceptId) -> bool {
        self.function.contains(&id)
    }

    /// The most specific of `keys` (those whose English label has the most words; ids that are
    /// no concept of this lexicon count as none): what a word covered by several phrases names —
    /// "Security" in "Iraqi Security Forces" names the force.
    pub fn most_specific<'k>(&self, keys: &'k [ConceptId]) -> impl Iterator<Item = ConceptId> + 'k {
        let words: Vec<usize> = keys
            .iter()
            .map(|&k| {
                self.label(k)
                    .map_or(0, |(e, _)| e.split_whitespace().count())
            })
            .collect();
        let most = words.iter().copied().max().unwrap_or(0);
        keys.iter()
            .zip(words)
            .filter(move |&(_, w)| w == most)
            .map(|(&k, _)| k)
    }

    /// The kind of place a concept names, if it names one.
    pub fn place_kind(&self, id: ConceptId) -> Option<PlaceKind> {
        self.places.get(&id).copied()
    }

    pub fn is_title(&self, id: ConceptId) -> bool {
        self.titles.contains(&id)
    }

    pub fn is_institution(&self, id: ConceptId) -> bool {
        self.institutions.contains(&id)
    }

    /// Whether a concept is a reporting word of the glossary (a verb or noun of saying).
    pub fn is_reporting(&self, id: ConceptId) -> bool {
        self.reporting.contains(&id)
    }

    /// Whether a concept is one of the built-in glossary's general vocabulary (every lexicon
    /// extends the built-in one, so its ids come first) rather than one added by an imported
    /// dictionary, which also lists proper names (FreeDict knows "Karen" and «جوليا»).
    pub fn is_general(&self, id: ConceptId) -> bool {
        id < self.general_concepts
    }

    /// Total number of concept ids; ids of other anchor kinds start above it.
    pub fn n_concepts(&self) -> u32 {
        self.n_concepts
    }
}

/// The feminine of a title of several words: a woman's office puts «ة» on its head noun
/// («وكيلة وزارة الدفاع», «وزيرة الخارجية», «نائبة الرئيس») and on the adjectives that agree with
/// it. Only phrases: the feminine of a title noun alone may be another word («مساعدة»
/// assistance, beside «مساعد» assistant).
fn feminine_titles(variants: &[&str]) -> Vec<String> {
    variants
        .iter()
        .filter_map(|v| {
            let (head, rest) = v.trim().split_once(' ')?;
            let feminine = |w: &str| {
                let bare = w.strip_prefix("ال").unwrap_or(w);
                (bare.chars().count() >= 3 && !bare.ends_with(['ة', 'ه', 'ا', 'ى', 'ي', 'ء']))
                    .then(|| format!("{w}ة"))
            };
            let head_f = feminine(head)?;
            // After a definite head, a definite word is its adjective and agrees («المبعوثة
            // الخاصة»); after a construct head («وكيل وزارة», «وزير الخارجية») it is a noun.
            let rest_f: Vec<String> = rest
                .split_whitespace()
                .map(|w| {
                    if head.starts_with("ال") && w.starts_with("ال") {
                        feminine(w).unwrap_or_else(|| w.to_string())
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            Some(format!("{head_f} {}", rest_f.join(" ")))
        })
        .collect()
}

/// Service words that follow an Arabic rank: «فريق بحري» (vice admiral), «لواء طيار».
const SERVICE_WORDS: [&str; 6] = ["بحري", "البحري", "جوي", "الجوي", "طيار", "الطيار"];

/// The staff-qualified forms of service ranks: an Arabic rank may carry «ركن» (a staff-college
/// graduate) between the rank and its service («الفريق الركن البحري», «اللواء الركن طيار»); the
/// rank is the same, so the form is a rendering of the same title.
fn staff_qualified(variants: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for v in variants {
        let words: Vec<&str> = v.split_whitespace().collect();
        let Some((&service, rank)) = words.split_last() else {
            continue;
        };
        if rank.is_empty() || !SERVICE_WORDS.contains(&service) {
            continue;
        }
        let staff = if rank[0].starts_with("ال") {
            "الركن"
        } else {
            "ركن"
        };
        let bare = service.strip_prefix("ال").unwrap_or(service);
        for s in [service.to_string(), bare.to_string(), format!("ال{bare}")] {
            let form = format!("{} {staff} {s}", rank.join(" "));
            if !out.contains(&form) {
                out.push(form);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_of_several_words_is_found_in_the_feminine() {
        let mut lex = Lexicon::new();
        lex.load_glossary("ambassador to\tسفير لدى|السفير لدى\ttitle\n");
        let c = lex.ar(&ar_key("سفيرة لدى")).to_vec();
        assert!(!c.is_empty() && lex.is_title(c[0]));
        // A definite head's adjective agrees with it; a construct head's noun does not.
        assert_eq!(
            feminine_titles(&["وكيل وزارة", "مساعد", "المبعوث الخاص", "رئيسة الوزراء"]),
            vec!["وكيلة وزارة".to_string(), "المبعوثة الخاصة".to_string()]
        );
    }

    #[test]
    fn entries_share_concepts() {
        let mut lex = Lexicon::new();
        lex.load_glossary(
            "# c\nsecurity council\tمجلس الأمن\tinstitution\nforces\tقوات|القوات\tdefence\n",
        );
        let a = lex.ar(&ar_key("ومجلس الامن"));
        // "ومجلس" keeps its conjunction in the key; the bare form matches.
        assert!(a.is_empty());
        assert_eq!(
            lex.ar(&ar_key("مجلس الأمن")),
            lex.en(&en_key("Security Council"))
        );
        assert_eq!(lex.ar_word("والقوات"), lex.en(&en_key("force")).to_vec());
    }

    #[test]
    fn service_ranks_keep_their_title_with_a_staff_qualifier() {
        let mut lex = Lexicon::new();
        lex.load_glossary("rear admiral\tاللواء البحري|لواء بحري\ttitle\ngeneral\tلواء\ttitle\n");
        let rear = lex.en(&en_key("rear admiral")).to_vec();
        for form in ["اللواء الركن البحري", "اللواء الركن بحري", "لواء ركن بحري"]
        {
            assert_eq!(lex.ar(&ar_key(form)), rear, "{form}");
        }
        // A rank without a service word gets no new form.
        assert!(lex.ar(&ar_key("لواء ركن")).is_empty());
    }

    #[test]
    fn a_capital_renders_its_country_but_not_the_reverse() {
        let mut lex = Lexicon::new();
        lex.load_glossary("Ottawa\tأوتاوا\tcapital\tCanada\nCanada\tكندا\tcountry\n");
        let ottawa = lex.ar(&ar_key("أوتاوا")).to_vec();
        let canada_en = lex.en(&en_key("Canada")).to_vec();
        // «قالت أوتاوا» renders "Canada said".
        assert!(ottawa.iter().any(|c| canada_en.contains(c)));
        // «كندا» does not render "Ottawa": a city is not its country.
        let canada_ar = lex.ar(&ar_key("كندا")).to_vec();
        let ottawa_en = lex.en(&en_key("Ottawa")).to_vec();
        assert!(!canada_ar.iter().any(|c| ottawa_en.contains(c)));
    }

    #[test]
    fn a_compound_spelled_open_or_closed_is_one_term() {
        let mut lex = Lexicon::new();
        lex.add_entry(
            "undersecretary of defense",
            ["وكيل وزارة الدفاع"],
            EntryClass::Title,
        );
        lex.add_entry("counter piracy", ["مكافحة القرصنة"], EntryClass::Content);
        let closed = lex.en(&en_key("undersecretary of defense")).to_vec();
        assert!(!closed.is_empty());
        assert_eq!(
            lex.en(&en_key("Under Secretary of Defense")),
            closed.as_slice()
        );
        assert_eq!(
            lex.en(&en_key("Under-Secretary of Defense")),
            closed.as_slice()
        );
        let open = lex.en(&en_key("counter piracy")).to_vec();
        assert!(!open.is_empty());
        assert_eq!(lex.en(&en_key("counterpiracy")), open.as_slice());
        // A word that only begins with the letters of a prefix keeps its one spelling.
        lex.add_entry(
            "interior ministry",
            ["وزارة الداخلية"],
            EntryClass::Institution,
        );
        assert!(lex.en(&en_key("inter ior ministry")).is_empty());
    }

    #[test]
    fn a_two_letter_stem_is_no_key() {
        let mut lex = Lexicon::new();
        lex.load_glossary("Palau\tبالاو\tcountry\nGod\tالله\tgeneral\n");
        assert!(lex.ar(&ar_key("أو")).is_empty());
        // The article's stem stays a key: «والله» finds God.
        assert_eq!(lex.ar_word("والله"), lex.en(&en_key("God")).to_vec());
        assert_eq!(lex.ar_word("بالاو"), lex.en(&en_key("Palau")).to_vec());
    }

    #[test]
    fn acronyms_map_to_expansion() {
        let mut lex = Lexicon::new();
        lex.load_acronyms("ISF\tIraqi Security Forces\tقوات الأمن العراقية\n");
        assert_eq!(
            lex.en(&en_key("ISF")),
            lex.ar(&ar_key("قوات الأمن العراقية"))
        );
        assert_eq!(
            lex.en(&en_key("ISF")),
            lex.en(&en_key("Iraqi Security Forces"))
        );
    }

    #[test]
    fn builtin_glossary_is_large() {
        assert!(
            Lexicon::builtin().len() >= 3000,
            "{}",
            Lexicon::builtin().len()
        );
    }
}
