//! Numbers in any digit script, with thousands/decimal separators, number words and multipliers
//! ("$95 million" = "95 مليون دولار" = 95000000; "١٣ ألف" = "13,000").

use crate::text::tokens::{Token, TokenKind};
use crate::text::{arabic, digits, Lang};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A number found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct NumberMention {
    pub value: f64,
    /// Character span in the sentence (the digits and any multiplier word).
    pub start: usize,
    pub end: usize,
    /// Written in digits (strong evidence) rather than as a word.
    pub digits: bool,
    /// An ordinal or fraction word ("third", «الثالثة», «نصف»): a rank or a part, not a count.
    pub ordinal: bool,
}

impl NumberMention {
    /// Weight of the number as alignment evidence: a number written as a word is weak, a small
    /// integer (a day, a count) weaker than a large or precise figure.
    pub fn anchor_weight(&self) -> f32 {
        if !self.digits {
            0.5
        } else if self.value <= 31.0 && self.value.fract() == 0.0 {
            0.7
        } else {
            1.0
        }
    }

    /// Canonical text of the value, used as an anchor key.
    pub fn key(&self) -> String {
        canonical(self.value)
    }

    /// The values an outlet may round the figure to: a large figure counted in thousands,
    /// millions or billions, cut or rounded to a whole number of them ("$312.4 million" as «312
    /// مليون دولار», 12,789 as «أكثر من 12 ألفا» or «نحو 13 ألفا»). Only where at least two
    /// digits of the count are kept: rounding 1,500 to one thousand or two changes the figure a
    /// reader takes away, and so does a changed leading digit, which no rounding gives.
    pub fn roundings(&self) -> Vec<f64> {
        if self.is_year() || self.ordinal || self.value < 10_000.0 {
            return Vec::new();
        }
        let unit = [1e12, 1e9, 1e6, 1e3]
            .into_iter()
            .find(|&u| self.value >= u)
            .unwrap_or(1.0);
        let count = self.value / unit;
        if count < 10.0 {
            return Vec::new();
        }
        let mut out: Vec<f64> = [count.floor(), count.round()]
            .into_iter()
            .map(|c| c * unit)
            .filter(|&v| canonical(v) != canonical(self.value))
            .collect();
        out.dedup();
        out
    }

    /// Whether the two mentions give one figure: the same value, or one a rounding of the other.
    pub fn agrees(&self, other: &NumberMention) -> bool {
        self.key() == other.key()
            || self
                .roundings()
                .iter()
                .any(|&v| canonical(v) == other.key())
            || other
                .roundings()
                .iter()
                .any(|&v| canonical(v) == self.key())
    }

    /// A plausible calendar year.
    pub fn is_year(&self) -> bool {
        self.digits && self.value.fract() == 0.0 && (1900.0..=2100.0).contains(&self.value)
    }
}

pub fn canonical(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[derive(Clone, Copy, PartialEq)]
enum Role {
    Value,
    Multiplier,
    /// A plural multiplier («آلاف» thousands): scales a number before it; alone it is a vague
    /// quantity, not a figure.
    Plural,
    /// An ordinal or a fraction: its value is its base number ("third" 3, «نصف» 0.5).
    Ordinal,
}

fn number_words() -> &'static HashMap<String, (f64, Role)> {
    static MAP: OnceLock<HashMap<String, (f64, Role)>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut m = HashMap::new();
        for f in crate::text::data::rows(include_str!("data/number_words.tsv"), 3) {
            let Ok(v) = f[1].parse::<f64>() else { continue };
            let role = match f[2] {
                "multiplier" => Role::Multiplier,
                "plural" => Role::Plural,
                "ordinal" => Role::Ordinal,
                _ => Role::Value,
            };
            m.insert(arabic::normalize(f[0]), (v, role));
        }
        m
    })
}

/// Whether a word (either language) is a number word: "forty", "half", «أربعين».
pub fn is_number_word(word: &str) -> bool {
    number_words().contains_key(&arabic::normalize(word))
}

/// Value of digits with separators: "4,500" → 4500, "1.3" → 1.3, "1,234.5" → 1234.5. A comma
/// followed by exactly three digits is a thousands separator; otherwise it is a decimal comma.
pub fn parse_digits(text: &str) -> Option<f64> {
    let t = digits::fold_digits(text);
    let last_comma = t.rfind(',');
    let last_dot = t.rfind('.');
    let thousands = |sep: char| t.split(sep).skip(1).all(|g| g.len() == 3);
    let s = match (last_comma, last_dot) {
        (Some(c), Some(d)) if c < d => t.replace(',', ""),
        (Some(_), Some(_)) => t.replace('.', "").replace(',', "."),
        (Some(_), None) if thousands(',') => t.replace(',', ""),
        (Some(_), None) => t.replacen(',', ".", 1),
        (None, Some(_)) if t.matches('.').count() > 1 && thousands('.') => t.replace('.', ""),
        _ => t,
    };
    s.parse::<f64>().ok()
}

/// Word form used to look up number words: folded, without clitics of the conjunction/article.
fn word_key(tok: &Token, lang: Lang) -> String {
    match lang {
        Lang::En => tok.text.to_lowercase(),
        Lang::Ar => {
            let n = arabic::normalize(tok.text);
            // «والعشرين»: the conjunction and the article together.
            let s = n
                .strip_prefix("و")
                .filter(|r| {
                    number_words().contains_key(*r)
                        || r.strip_prefix("ال").is_some_and(|x| {
                            x.chars().count() >= 3 && number_words().contains_key(x)
                        })
                })
                .unwrap_or(&n);
            // The duals of «ألف» begin with the letters of the article: «ألفين» is no «ال» +
            // «فين».
            let s = if number_words().contains_key(s) {
                s
            } else {
                s.strip_prefix("ال")
                    .filter(|r| r.chars().count() >= 3)
                    .unwrap_or(s)
            };
            // The accusative's alef: «ألفاً», «مليوناً».
            let s = s
                .strip_suffix('ا')
                .filter(|r| number_words().contains_key(*r))
                .unwrap_or(s);
            s.to_string()
        }
    }
}

/// Whether Arabic token `i` writes "percent": «في المئة», «في المائة» ("in the hundred"),
/// «بالمئة», «بالمائة». Without the article, «مئة» is a hundred («مئة في المئة», a hundred
/// percent).
fn percent_word(tokens: &[Token], i: usize) -> bool {
    let n = arabic::normalize(tokens[i].text);
    let is = |forms: &[&str]| forms.iter().any(|f| arabic::normalize(f) == n);
    let after_in = || i > 0 && arabic::normalize(tokens[i - 1].text) == arabic::normalize("في");
    is(&["بالمئة", "بالمائة"]) || (is(&["المئة", "المائة"]) && after_in())
}

/// Numbers of a tokenised sentence.
pub fn extract(tokens: &[Token], lang: Lang) -> Vec<NumberMention> {
    let words = number_words();
    let mut out: Vec<NumberMention> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let mut mention = None;
        if t.kind == TokenKind::Number {
            if let Some(v) = parse_digits(t.text) {
                mention = Some(NumberMention {
                    value: v,
                    start: t.start,
                    end: t.end,
                    digits: true,
                    ordinal: false,
                });
            }
        } else if t.kind == TokenKind::Word && lang == Lang::Ar && percent_word(tokens, i) {
            // The percent sign written out is no hundred.
        } else if t.kind == TokenKind::Word {
            if let Some(&(v, role)) = words
                .get(&word_key(t, lang))
                .filter(|(_, r)| *r != Role::Plural)
            {
                mention = Some(NumberMention {
                    value: v,
                    start: t.start,
                    end: t.end,
                    digits: false,
                    ordinal: role == Role::Ordinal,
                });
            }
        }
        // «أحد عشر» (11), «اثنا عشر» (12): first words that are numbers only in the teens.
        if mention.is_none() && lang == Lang::Ar && t.kind == TokenKind::Word {
            let n = arabic::normalize(t.text);
            // «واثنا عشر»: the conjunction of a list's next item.
            let n = n
                .strip_prefix('و')
                .filter(|r| r.starts_with('ا'))
                .unwrap_or(&n);
            let teen = tokens
                .get(i + 1)
                .is_some_and(|x| matches!(arabic::normalize(x.text).as_str(), "عشر" | "عشره"));
            // A definite compound takes the article on its first word: «الأحد عشر» (the
            // eleven; alone «الأحد» is Sunday). «الثلاثة عشر» is read above (3, then 10).
            let definite = n
                .strip_prefix("ال")
                .filter(|r| teen && r.chars().count() >= 3);
            let n = definite.unwrap_or(n);
            let unit = match n {
                "احد" | "احدي" => Some(1.0),
                "اثنا" | "اثني" | "اثنتا" | "اثنتي" => Some(2.0),
                _ => None,
            };
            // «أحد» and «إحدى» are one also before the tens: «إحدى وأربعين» (41).
            let before_tens = unit == Some(1.0) && conjoined_tens(tokens, i + 1, lang);
            // The first two ordinals are numbers only where they compound: «الحادي عشر» (11th),
            // «الثانية عشرة» (12th), «الحادي والعشرين» (21st).
            let ordinal = arabic_ordinal_unit(n.strip_prefix("ال").unwrap_or(n))
                .filter(|_| teen || conjoined_tens(tokens, i + 1, lang));
            if let Some(u) = unit.filter(|_| teen || before_tens) {
                mention = Some(NumberMention {
                    value: u,
                    start: t.start,
                    end: t.end,
                    digits: false,
                    ordinal: false,
                });
            } else if let Some(u) = ordinal {
                mention = Some(NumberMention {
                    value: u,
                    start: t.start,
                    end: t.end,
                    digits: false,
                    ordinal: true,
                });
            }
        }
        let Some(mut m) = mention else {
            i += 1;
            continue;
        };
        // Multipliers that follow: "95 million", «٤٥ ألف», «2.7 مليار». A multiple written as
        // one word is multiplied already («مليار و450 مليون», «ملياران و750 مليونا»).
        let lone_multiplier = t.kind == TokenKind::Word && !m.ordinal && m.value >= 1000.0;
        let mut j = multipliers(tokens, i + 1, &mut m.value, &mut m.end, m.digits, lang);
        let unmultiplied = j == i + 1 && !lone_multiplier;
        // Compounds: "twenty-three"; «ثلاثة وعشرين» (3 + 20); «26 ألفا و500» (26,000 + 500),
        // where the part after «و» may carry its own multiplier («و450 مليون»).
        let mut multiplied = j > i + 1 || lone_multiplier;
        let mut compounded = false;
        while let Some((w, next)) = conjoined_number(tokens, j, m.end, lang) {
            // «خمسة وعشرين» (5 + 20), and after hundreds «ثلاثمئة وخمسة وعشرين» (305 + 20).
            let unit = m.value % 100.0;
            let tens_after_unit = (1.0..10.0).contains(&unit)
                && unit.fract() == 0.0
                && (20.0..100.0).contains(&w)
                && w % 10.0 == 0.0;
            let teen = m.value < 10.0 && w == 10.0 && !m.digits;
            let unit_after_tens = lang == Lang::En
                && (20.0..100.0).contains(&m.value)
                && m.value % 10.0 == 0.0
                && w < 10.0;
            let (mut part, mut part_end) = (w, tokens[next - 1].end);
            let after = if multiplied {
                multipliers(tokens, next, &mut part, &mut part_end, true, lang)
            } else {
                next
            };
            let rest_of_multiple = multiplied && part < m.value && part >= 1.0;
            // A round number of hundreds in words, then what is less than a hundred: «مئة
            // وعشرين» (120), «ثلاثمئة وخمسة» (305).
            let rest_of_hundreds = !m.digits
                && m.value >= 100.0
                && m.value % 100.0 == 0.0
                && (1.0..100.0).contains(&w)
                && part == w;
            if !(tens_after_unit || unit_after_tens || rest_of_multiple || teen || rest_of_hundreds)
            {
                break;
            }
            if rest_of_multiple {
                m.value += part;
                m.end = part_end;
                j = after;
            } else {
                m.value += w;
                m.end = tokens[next - 1].end;
                j = next;
            }
            multiplied = false;
            compounded = true;
        }
        // A compound's multiplier follows the whole compound: «سبعة عشر ألفا» (17,000),
        // "twenty-three thousand".
        if compounded && unmultiplied {
            j = multipliers(tokens, j, &mut m.value, &mut m.end, false, lang);
        }
        out.push(m);
        i = j;
    }
    out
}

/// Applies the multiplier words from `tokens[j]` on ("95 million", «٤٥ ألف», «2.7 مليار») to a
/// number ending at `end`; the index after them. A multiplier scales a smaller number, or any
/// number written in words («ثلاثة آلاف»); a larger figure in digits before one is another
/// figure.
fn multipliers(
    tokens: &[Token],
    mut j: usize,
    value: &mut f64,
    end: &mut usize,
    digits: bool,
    lang: Lang,
) -> usize {
    let words = number_words();
    while let Some(next) = tokens.get(j) {
        if next.kind != TokenKind::Word || next.start > *end + 2 {
            break;
        }
        let key = word_key(next, lang);
        // A multiplier joined by «و» is the next addend, not a factor: «ثلاثة آلاف ومئة» is
        // 3,000 and a hundred.
        if lang == Lang::Ar && !key.starts_with('و') && next.text.starts_with('و') {
            break;
        }
        match words.get(&key) {
            Some(&(mult, Role::Multiplier | Role::Plural)) if mult > *value || !digits => {
                *value *= mult;
                *end = next.end;
                j += 1;
            }
            _ => break,
        }
    }
    j
}

/// «حادي» (1) and «ثاني» (2) as the units of a compound ordinal (normalised, without the
/// article). The ordinals from «ثالث» up carry their number on their own (number_words.tsv);
/// these two do not, for alone they are "first"/"second" or "the other".
fn arabic_ordinal_unit(n: &str) -> Option<f64> {
    match n.strip_suffix('ه').unwrap_or(n) {
        "حادي" => Some(1.0),
        "ثاني" => Some(2.0),
        _ => None,
    }
}

/// Whether tokens[j] is a tens word joined by «و»: «والعشرين», «و ثلاثين».
fn conjoined_tens(tokens: &[Token], j: usize, lang: Lang) -> bool {
    let Some(prev) = j.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return false;
    };
    conjoined_number(tokens, j, prev.end, lang)
        .is_some_and(|(w, _)| (20.0..100.0).contains(&w) && w % 10.0 == 0.0)
}

/// A number joined to the one before it: after «و» in Arabic (a separate token or a prefix of a
/// number word), after a hyphen in English. Its value, and the index after it.
fn conjoined_number(
    tokens: &[Token],
    j: usize,
    prev_end: usize,
    lang: Lang,
) -> Option<(f64, usize)> {
    let words = number_words();
    let t = tokens.get(j)?;
    if t.start > prev_end + 2 {
        return None;
    }
    let value_of = |tok: &Token| -> Option<f64> {
        match tok.kind {
            TokenKind::Number => parse_digits(tok.text),
            TokenKind::Word => match words.get(&word_key(tok, lang)) {
                Some(&(v, Role::Value | Role::Ordinal)) => Some(v),
                // After «و» a multiplier alone is one of it: «ومئة» (and a hundred), «وألف».
                Some(&(v, Role::Multiplier)) if lang == Lang::Ar => Some(v),
                _ => None,
            },
            TokenKind::Code => None,
        }
    };
    match lang {
        Lang::Ar => {
            let n = arabic::normalize(t.text);
            // «أحد عشر», «ثلاثة عشر»: the teens join without «و».
            if matches!(n.as_str(), "عشر" | "عشره") {
                return Some((10.0, j + 1));
            }
            if n == "و" {
                let next = tokens.get(j + 1)?;
                (next.start <= t.end + 1).then_some(())?;
                Some((value_of(next)?, j + 2))
            } else if n.starts_with('و') && t.kind == TokenKind::Word {
                Some((value_of(t)?, j + 1))
            } else {
                None
            }
        }
        Lang::En => (t.start == prev_end + 1).then(|| value_of(t).map(|v| (v, j + 1)))?,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokens::tokenize;

    fn values(s: &str, lang: Lang) -> Vec<f64> {
        extract(&tokenize(s), lang)
            .iter()
            .map(|m| m.value)
            .collect()
    }

    #[test]
    fn parses_separators() {
        assert_eq!(parse_digits("4,500"), Some(4500.0));
        assert_eq!(parse_digits("1.3"), Some(1.3));
        assert_eq!(parse_digits("1,234,567.5"), Some(1234567.5));
        assert_eq!(parse_digits("٢٠٢٣"), Some(2023.0));
        assert_eq!(parse_digits("١٫٥"), Some(1.5));
    }

    #[test]
    fn multipliers_and_words() {
        assert_eq!(values("$95 million in aid", Lang::En), vec![95e6]);
        assert_eq!(values("بقيمة 95 مليون دولار", Lang::Ar), vec![95e6]);
        assert_eq!(values("أكثر من ١٣ ألف عسكري", Lang::Ar), vec![13000.0]);
        assert_eq!(values("more than 13,000 troops", Lang::En), vec![13000.0]);
        assert_eq!(values("1.3 مليار دولار", Lang::Ar), vec![1.3e9]);
        assert_eq!(values("أكثر من ألفي عسكري", Lang::Ar), vec![2000.0]);
        assert_eq!(values("three decades", Lang::En), vec![3.0]);
        assert_eq!(values("ثلاثة عقود", Lang::Ar), vec![3.0]);
    }

    #[test]
    fn a_large_figure_agrees_with_its_rounding_to_whole_units() {
        let first = |s: &str, lang| extract(&tokenize(s), lang).remove(0);
        let source = first("$487.6 million in loans", Lang::En);
        assert!(source.agrees(&first("قروض بقيمة 487 مليون دولار", Lang::Ar)));
        assert!(source.agrees(&first("نحو 488 مليون دولار", Lang::Ar)));
        assert!(first("أكثر من 41 ألف لاجئ", Lang::Ar).agrees(&first("41,760 refugees", Lang::En)));
        // A changed leading digit, or a count of one digit, is no rounding.
        assert!(!source.agrees(&first("587 مليون دولار", Lang::Ar)));
        assert!(!first("1,500 troops", Lang::En).agrees(&first("ألفي جندي", Lang::Ar)));
        assert!(!first("2,650 troops", Lang::En).agrees(&first("3000 جندي", Lang::Ar)));
        // Two figures rounded alike are still two figures.
        assert!(!first("41,760 refugees", Lang::En).agrees(&first("41,230 لاجئ", Lang::Ar)));
    }

    #[test]
    fn hundreds_in_words_take_the_tens_and_units_after_them() {
        assert_eq!(values("طاقم من ثلاثمئة وعشرين بحارا", Lang::Ar), vec![320.0]);
        assert_eq!(values("نحو مئة وخمسين شاحنة", Lang::Ar), vec![150.0]);
        assert_eq!(values("خمسمائة وخمسة وعشرون جنديا", Lang::Ar), vec![525.0]);
        assert_eq!(values("تسعمئة جندي", Lang::Ar), vec![900.0]);
        // The percent sign written out is no number; a hundred without the article is one.
        assert_eq!(
            values("أكثر من 60 في المئة منهم أطفال", Lang::Ar),
            vec![60.0]
        );
        assert_eq!(values("ارتفع بنسبة 7 بالمائة", Lang::Ar), vec![7.0]);
        assert_eq!(values("نسبة مئة في المائة", Lang::Ar), vec![100.0]);
        // «أحد» and «إحدى» before the tens are one: «إحدى وأربعين» is 41; alone, "anyone".
        assert_eq!(values("نفذت إحدى وأربعين عملية", Lang::Ar), vec![41.0]);
        assert_eq!(values("أصيب أحد وثلاثون جنديا", Lang::Ar), vec![31.0]);
        assert!(values("لم يصب أحد", Lang::Ar).is_empty());
        // Digits keep to themselves: «300 و20 آلية» are two counts.
        assert_eq!(values("300 جندي و20 آلية", Lang::Ar), vec![300.0, 20.0]);
    }

    #[test]
    fn a_compound_takes_the_multiplier_after_it() {
        assert_eq!(
            values("نحو ثلاثة عشر ألفا من اللاجئين", Lang::Ar),
            vec![13000.0]
        );
        assert_eq!(values("خمسة وعشرين ألف طن", Lang::Ar), vec![25000.0]);
        assert_eq!(
            values("some twenty-five thousand tons", Lang::En),
            vec![25000.0]
        );
        // The part after «و» carries its own multiplier.
        assert_eq!(values("بقيمة مليار و200 مليون دولار", Lang::Ar), vec![1.2e9]);
        assert_eq!(values("ملياران و750 مليونا", Lang::Ar), vec![2.75e9]);
        assert_eq!(values("10 ملايين و20 ألفا", Lang::Ar), vec![10_020_000.0]);
        // The dual of a multiplier, then digits after «و».
        assert_eq!(values("وصل نحو ألفين و300 زائر", Lang::Ar), vec![2300.0]);
        assert_eq!(values("بلغ العدد ألفي شخص", Lang::Ar), vec![2000.0]);
        // A larger part after «و» is another figure.
        assert_eq!(values("ألف و3 ملايين", Lang::Ar), vec![1000.0, 3e6]);
        // A multiplier after «و» is the next addend, one of it: "and a hundred".
        assert_eq!(values("نقل أربعة آلاف ومئة طن", Lang::Ar), vec![4100.0]);
        assert_eq!(values("سبعة آلاف ومئة وعشرين جنديا", Lang::Ar), vec![7120.0]);
        assert_eq!(values("مليون ومئة ألف نسمة", Lang::Ar), vec![1_100_000.0]);
        assert_eq!(values("خمسة ملايين وألف دولار", Lang::Ar), vec![5_001_000.0]);
    }

    #[test]
    fn compound_numbers() {
        assert_eq!(values("نحو 26 ألفا و500 طن", Lang::Ar), vec![26500.0]);
        assert_eq!(values("ثلاثة وعشرين جنديا", Lang::Ar), vec![23.0]);
        assert_eq!(values("twenty-three soldiers", Lang::En), vec![23.0]);
        assert_eq!(values("3 و 4 مواقع", Lang::Ar), vec![3.0, 4.0]);
        assert_eq!(values("أحد عشر يوما", Lang::Ar), vec![11.0]);
        assert_eq!(values("ثلاثة عشر جنديا", Lang::Ar), vec![13.0]);
        // Definite compounds: the article on the first word.
        assert_eq!(values("أفراد الطاقم الأحد عشر", Lang::Ar), vec![11.0]);
        assert_eq!(values("البنود الثلاثة عشر للاتفاق", Lang::Ar), vec![13.0]);
        assert_eq!(values("وصل الوفد يوم الأحد", Lang::Ar), Vec::<f64>::new());
        assert_eq!(
            values("ثمانية رشاشات، واثني عشر مدفعا", Lang::Ar),
            vec![8.0, 12.0]
        );
        // Ordinals compound like cardinals; alone they are no numbers.
        assert_eq!(values("الاجتماع الحادي عشر للجنة", Lang::Ar), vec![11.0]);
        assert_eq!(values("للمرة الثانية عشرة", Lang::Ar), vec![12.0]);
        assert_eq!(values("الدورة السابعة عشرة", Lang::Ar), vec![17.0]);
        assert_eq!(values("في القرن الحادي والعشرين", Lang::Ar), vec![21.0]);
        assert_eq!(values("الذكرى الخامسة والثلاثين", Lang::Ar), vec![35.0]);
        assert!(values("الجولة الثانية من المحادثات", Lang::Ar).is_empty());
        assert_eq!(values("the eleventh meeting", Lang::En), vec![11.0]);
        // A plural multiplier alone is a vague quantity.
        assert!(values("آلاف الأسلحة", Lang::Ar).is_empty());
        assert_eq!(values("5 آلاف قطعة", Lang::Ar), vec![5000.0]);
    }
}
