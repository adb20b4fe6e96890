//! Which line breaks of a document were made by a hard-wrapper (e-mail clients, `fold`, editors
//! wrapping at 60–80 columns) rather than by the author. Such a break sits inside a paragraph, so
//! segmentation must not treat it as a paragraph end.
//!
//! The evidence is the document's own. A greedy wrapper at width W ends a line only when the next
//! word would not fit: `width(line) + 1 + width(first word of next line) > W`. A line passing that
//! test is "full" and continues into the next; a line that fails it ends a paragraph (headlines,
//! datelines, bylines and the last line of a paragraph are short). Blank lines and list items
//! always start paragraphs. Whether the document was wrapped at all, at which width and how the
//! wrapper measured a line (characters, display columns, or UTF-8 bytes) are chosen together: the
//! hypothesis under which the most lines are full, net of the lines that speak against it (lines
//! wider than W, which a wrapper never makes, and lines that are long yet not full, which a wrapper
//! rarely makes), provided the paragraphs it would make mostly end as prose does, with a sentence
//! end. A document with one paragraph per line (the usual case) has no such hypothesis and keeps
//! every line break.

use crate::text::digits::fold_digit;
use crate::text::display::takes_no_column;
use std::collections::{HashMap, HashSet};

/// Narrowest and widest widths considered for the longest line of a wrapped document. Prose is
/// not hard-wrapped much narrower than 40 columns, and the longest line of a wrap at 40 can fall
/// several columns short of it. Terminals and mail clients wrap at 132 columns at most; bounding
/// the width also bounds the work to a fixed number of candidate widths per document.
const MIN_WIDTH: usize = 30;
const MAX_WIDTH: usize = 160;

/// How a wrapper measured a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Unicode scalar values (most mail clients and scripting-language wrappers).
    Chars,
    /// Display columns: combining marks (Arabic harakat) and invisible format characters take
    /// none (terminal tools and editors).
    Columns,
    /// UTF-8 bytes (byte-oriented tools such as `fold`); an Arabic letter takes two.
    Bytes,
}

impl Measure {
    const ALL: [Measure; 3] = [Measure::Chars, Measure::Columns, Measure::Bytes];

    #[cfg(test)]
    fn width(self, s: &str) -> usize {
        self.width_up_to(s, usize::MAX)
    }

    /// The width of `s`, or `cap` when it is wider: past the widest wrap width, how much wider a
    /// line is does not matter, and a whole unwrapped paragraph need not be counted.
    fn width_up_to(self, s: &str, cap: usize) -> usize {
        match self {
            Measure::Chars => s.chars().take(cap).count(),
            Measure::Columns => s.chars().filter(|&c| !takes_no_column(c)).take(cap).count(),
            Measure::Bytes => s.len().min(cap),
        }
    }
}

/// A document's wrapping: how lines were measured and the width they were wrapped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wrap {
    pub measure: Measure,
    pub width: usize,
}

/// One line of the raw text.
struct Line<'a> {
    /// Byte offset of the `\n` that ends the line; `None` for a last line without one.
    newline: Option<usize>,
    /// The line without its line ending and trailing whitespace; empty when the line is blank.
    text: &'a str,
    /// More than one word: a wrapper keeps such a line within its width, while a single word
    /// longer than the width (a URL) must stand on a line of its own.
    several_words: bool,
    /// Width the wrapper needed between this line's last word and the next word: none after a
    /// hyphen attached to a word ("counter-" + "terrorism"), where wrappers may break, else a
    /// space.
    gap_to_next_word: usize,
    /// Starts a list item (`- `, `• `, `1. ` …): always the start of a paragraph.
    list_item: bool,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    fn first_word(&self) -> &str {
        let t = self.text.trim_start();
        t.split(char::is_whitespace).next().unwrap_or(t)
    }
}

/// Widths of one line under one measure.
#[derive(Clone, Copy)]
struct Widths {
    line: usize,
    first_word: usize,
}

fn split_lines(raw: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut pos = 0;
    for chunk in raw.split_inclusive('\n') {
        let newline = chunk.ends_with('\n').then(|| pos + chunk.len() - 1);
        pos += chunk.len();
        let text = chunk.trim_end();
        let text = if text.trim_start().is_empty() {
            ""
        } else {
            text
        };
        lines.push(Line {
            newline,
            text,
            several_words: text.trim_start().contains(char::is_whitespace),
            gap_to_next_word: usize::from(!super::ends_in_word_hyphen(text)),
            list_item: false,
        });
    }
    mark_list_items(&mut lines);
    lines
}

/// What a line starts with, if it looks like a list item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    /// A symbol used for nothing but bullets.
    Bullet,
    /// A dash, asterisk or plus, which a wrapper can also leave at the start of a line of prose
    /// ("Tampa, Fla.\n- U.S. forces …").
    Dash(char),
    /// "3." "3)" "(3)" "3-", in any decimal digits; a day of the month can also end up there.
    Number(u32),
}

fn marker(text: &str) -> Option<Marker> {
    let t = text.trim_start();
    let mut chars = t.chars();
    let first = chars.next()?;
    let then_space = |rest: &str| rest.chars().next().map_or(true, char::is_whitespace);
    if matches!(
        first,
        '•' | '◦' | '▪' | '▫' | '●' | '○' | '■' | '□' | '‣' | '⁃' | '∙' | '·'
    ) {
        return then_space(chars.as_str()).then_some(Marker::Bullet);
    }
    if matches!(first, '-' | '*' | '+' | '–' | '—') {
        return then_space(chars.as_str()).then_some(Marker::Dash(first));
    }
    let body = t.strip_prefix('(').unwrap_or(t);
    let digits: String = body
        .chars()
        .map(fold_digit)
        .take_while(char::is_ascii_digit)
        .take(4)
        .collect();
    // A list rarely runs past 999 items; four digits are a year.
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    // Back from the folded digits to the bytes they take in the text (two each in Arabic-Indic).
    let digits_bytes: usize = body.chars().take(digits.len()).map(char::len_utf8).sum();
    let rest = &body[digits_bytes..];
    let closer = rest.chars().next()?;
    let closes = if t.starts_with('(') {
        closer == ')'
    } else {
        matches!(closer, '.' | ')' | '-')
    };
    (closes && then_space(&rest[closer.len_utf8()..]))
        .then(|| digits.parse().ok().map(Marker::Number))
        .flatten()
}

/// Marks the lines that start list items. A bullet symbol always does; a dash or a number does
/// only when the document holds a list of them (another line with the same dash, or the number
/// before or after), since a wrapper can also put a dash or a "22." of prose at a line's start.
fn mark_list_items(lines: &mut [Line<'_>]) {
    let markers: Vec<Option<Marker>> = lines.iter().map(|l| marker(l.text)).collect();
    let mut dashes: HashMap<char, usize> = HashMap::new();
    let mut numbers: HashSet<u32> = HashSet::new();
    for m in markers.iter().flatten() {
        match *m {
            Marker::Dash(c) => *dashes.entry(c).or_default() += 1,
            Marker::Number(n) => {
                numbers.insert(n);
            }
            Marker::Bullet => {}
        }
    }
    for (line, m) in lines.iter_mut().zip(markers) {
        line.list_item = match m {
            Some(Marker::Bullet) => true,
            Some(Marker::Dash(c)) => dashes.get(&c).is_some_and(|&k| k > 1),
            Some(Marker::Number(n)) => {
                numbers.contains(&(n + 1)) || n > 0 && numbers.contains(&(n - 1))
            }
            None => false,
        };
    }
}

/// Whether the break after line `i` can be a wrap: it is followed by a line of the same
/// paragraph-to-be (not blank, not a new list item).
fn joinable(lines: &[Line<'_>], i: usize) -> bool {
    let Some(next) = lines.get(i + 1) else {
        return false;
    };
    !lines[i].is_blank() && !next.is_blank() && !next.list_item
}

/// Whether line `i` is full at width `width`: the next line's first word would not have fit on
/// it. A line of several words wider than `width` was not made by this wrapper, so it neither
/// continues into the next line nor continues the line before it.
fn is_full(lines: &[Line<'_>], widths: &[Widths], i: usize, width: usize) -> bool {
    let wrapped = |k: usize| widths[k].line <= width || !lines[k].several_words;
    wrapped(i)
        && wrapped(i + 1)
        && widths[i].line + lines[i].gap_to_next_word + widths[i + 1].first_word > width
}

/// Support for the hypothesis "wrapped at `width`".
struct Support {
    /// Full lines count for it; lines wider than the width count against it, and so does every
    /// joinable line that is not full, in proportion to its length (the last line of a paragraph
    /// is as often short as long, while an unwrapped document's lines near the width are whole
    /// paragraphs).
    score: f64,
    /// Paragraphs that joining full lines would make (list items left out), and how many of them
    /// end as prose paragraphs do, with a sentence end. Blocks of short lines of similar length
    /// (an address, a list of headlines) fit a narrow wrap as well as prose does, but they do not
    /// end in a full stop.
    joined: usize,
    joined_ending_sentences: usize,
}

impl Support {
    fn holds(&self) -> bool {
        // One line as long as the longest is no pattern: the support must amount to two full
        // lines at least, net of the lines against.
        self.score >= 2.0 && 2 * self.joined_ending_sentences >= self.joined
    }
}

fn support(lines: &[Line<'_>], widths: &[Widths], width: usize) -> Support {
    let mut s = Support {
        score: 0.0,
        joined: 0,
        joined_ending_sentences: 0,
    };
    let (mut full_lines, mut against) = (0, 0.0);
    // Whether the previous line continues into this one, and whether the paragraph being joined
    // started with a list item.
    let mut continued = false;
    let mut in_list_item = false;
    for (i, line) in lines.iter().enumerate() {
        let w = widths[i].line;
        let full = joinable(lines, i) && is_full(lines, widths, i, width);
        if w > width && line.several_words {
            against += 1.0;
        } else if joinable(lines, i) {
            if full {
                full_lines += 1;
            } else {
                against += w as f64 / width as f64;
            }
        }
        if !continued {
            in_list_item = line.list_item;
        }
        if continued && !full && !in_list_item {
            s.joined += 1;
            s.joined_ending_sentences += usize::from(ends_sentence(line.text));
        }
        continued = full;
    }
    s.score = f64::from(full_lines) - against;
    s
}

/// Whether a line ends with a sentence end, closing quotes and brackets aside.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', '*'])
        .ends_with(['.', '!', '?', '؟', '…', ':', '۔'])
}

/// The wrapping of a document, if it was hard-wrapped: the measure and width with the most
/// support, when that support holds.
pub fn detect(raw: &str) -> Option<Wrap> {
    detect_lines(&split_lines(raw))
}

fn detect_lines(lines: &[Line<'_>]) -> Option<Wrap> {
    // Paragraphs all separated by blank lines: no line break to re-flow.
    if !(0..lines.len()).any(|i| joinable(lines, i)) {
        return None;
    }
    let mut best: Option<(f64, Wrap)> = None;
    for measure in Measure::ALL {
        let widths = measure_lines(lines, measure);
        // The width is the longest full line's: a line that is followed by another and holds
        // several words.
        let mut candidates: Vec<usize> = (0..lines.len())
            .filter(|&i| joinable(lines, i) && lines[i].several_words)
            .map(|i| widths[i].line)
            .filter(|w| (MIN_WIDTH..=MAX_WIDTH).contains(w))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for width in candidates {
            let s = support(lines, &widths, width);
            let better = match best {
                Some((b, _)) => s.score > b,
                None => true,
            };
            if better && s.holds() {
                best = Some((s.score, Wrap { measure, width }));
            }
        }
    }
    best.map(|(_, wrap)| wrap)
}

fn measure_lines(lines: &[Line<'_>], measure: Measure) -> Vec<Widths> {
    // Any line wider than the widest width considered is wider than every candidate.
    let cap = MAX_WIDTH + 1;
    lines
        .iter()
        .map(|l| Widths {
            line: measure.width_up_to(l.text, cap),
            first_word: measure.width_up_to(l.first_word(), cap),
        })
        .collect()
}

/// Byte offsets of the `\n`s in `raw` that a wrapper made, in order; empty when the document was
/// not hard-wrapped. The text itself is left as it is: callers keep these breaks inside
/// paragraphs.
pub fn soft_breaks(raw: &str) -> Vec<usize> {
    let lines = split_lines(raw);
    let Some(wrap) = detect_lines(&lines) else {
        return Vec::new();
    };
    let widths = measure_lines(&lines, wrap.measure);
    (0..lines.len())
        .filter(|&i| joinable(&lines, i) && is_full(&lines, &widths, i, wrap.width))
        .filter_map(|i| lines[i].newline)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;
    use crate::text::Lang;

    /// A greedy wrapper: words go on the current line while they fit within `width`.
    fn wrap(paragraph: &str, width: usize, measure: Measure) -> String {
        let mut out = String::new();
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            if !line.is_empty() && measure.width(&line) + 1 + measure.width(word) > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out
    }

    /// Paragraphs wrapped one by one, joined by `sep` ("\n" or "\n\n").
    fn wrap_doc(paragraphs: &[&str], width: usize, measure: Measure, sep: &str) -> String {
        paragraphs
            .iter()
            .map(|p| wrap(p, width, measure))
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn texts(raw: &str, lang: Lang) -> Vec<String> {
        segment(raw, lang).into_iter().map(|s| s.text).collect()
    }

    const EN: [&str; 6] = [
        "Ministers Agree on Joint Plan for Shared Aquifers",
        "AMMAN, Jordan — March 4, 2025",
        "Delegations from Jordan, Egypt and the United States met in Amman on March 3 and 4 \
         for the fifth round of the Regional Water Security Dialogue. The talks focused on \
         shared aquifers, desalination capacity and the effects of prolonged drought on farming \
         communities across the region.",
        "The delegations welcomed the completion of a pilot desalination plant near Aqaba, which \
         now supplies drinking water to more than 120,000 residents. They agreed to publish a \
         joint assessment of groundwater levels before the end of the year. Experts from the \
         three countries will meet in Cairo in June to compare methods for reducing losses in \
         municipal networks.",
        "The U.S. delegation announced $45 million in new assistance for water infrastructure, \
         subject to congressional notification. The Jordanian minister said the funds would \
         help repair pipelines that lose nearly half of the water they carry.",
        "The next session will be held in Cairo in early 2026.",
    ];

    const AR: [&str; 6] = [
        "الوزراء يتفقون على خطة مشتركة للأحواض الجوفية",
        "عمّان، الأردن — 4 آذار/مارس 2025",
        "التقت وفود من الأردن ومصر والولايات المتحدة في عمّان يومي 3 و4 آذار/مارس في الجولة \
         الخامسة من الحوار الإقليمي للأمن المائي. وركزت المحادثات على الأحواض الجوفية المشتركة \
         وقدرات تحلية المياه وآثار الجفاف الطويل على المجتمعات الزراعية في أنحاء المنطقة.",
        "ورحبت الوفود باستكمال محطة تجريبية لتحلية المياه قرب العقبة، تزود الآن أكثر من 120 ألف \
         نسمة بمياه الشرب. واتفقت على نشر تقييم مشترك لمستويات المياه الجوفية قبل نهاية العام. \
         وسيجتمع خبراء من الدول الثلاث في القاهرة في حزيران/يونيو لمقارنة أساليب الحد من الفاقد \
         في الشبكات البلدية.",
        "وأعلن الوفد الأمريكي عن مساعدات جديدة بقيمة 45 مليون دولار لمشاريع البنية التحتية \
         للمياه، رهناً بإخطار الكونغرس. وقال الوزير الأردني إن هذه الأموال ستساعد في إصلاح \
         خطوط أنابيب تفقد نحو نصف المياه التي تنقلها.",
        "وستعقد الجلسة المقبلة في القاهرة مطلع عام 2026.",
    ];

    /// Fully vowelled Arabic: the harakat are a third of the characters, so a wrapper counting
    /// columns and one counting characters break it at different places.
    const AR_VOWELLED: [&str; 3] = [
        "بَيَانٌ صَحَفِيٌّ",
        "قَالَ وَزِيرُ الخَارِجِيَّةِ إِنَّ المُحَادَثَاتِ الَّتِي جَرَتْ فِي العَاصِمَةِ كَانَتْ \
         صَرِيحَةً وَمُثْمِرَةً. وَأَضَافَ أَنَّ الجَانِبَيْنِ اتَّفَقَا عَلَى تَشْكِيلِ لَجْنَةٍ \
         مُشْتَرَكَةٍ تَجْتَمِعُ كُلَّ ثَلَاثَةِ أَشْهُرٍ.",
        "وَسَتَعْقِدُ اللَّجْنَةُ اجْتِمَاعَهَا الأَوَّلَ فِي الشَّهْرِ المُقْبِلِ. وَلَمْ يُحَدَّدْ \
         مَوْعِدُ الزِّيَارَةِ المُقْبِلَةِ لِلْوَزِيرِ بَعْدُ.",
    ];

    /// Whatever the width, the measure and the paragraph separator, the wrapped document is
    /// segmented as the unwrapped one (one paragraph per line).
    fn assert_reflows(paragraphs: &[&str], lang: Lang, measure: Measure) {
        let unwrapped = paragraphs.join("\n");
        let want = texts(&unwrapped, lang);
        for width in [60, 72, 80] {
            for sep in ["\n", "\n\n"] {
                let wrapped = wrap_doc(paragraphs, width, measure, sep);
                assert!(
                    wrapped.lines().count() > paragraphs.len() + 3,
                    "the text is long enough to wrap at {width}"
                );
                // Characters and columns differ little on unvowelled Arabic; either will do.
                assert!(
                    detect(&wrapped).is_some(),
                    "{measure:?} {width} {sep:?}\n{wrapped}"
                );
                assert_eq!(
                    texts(&wrapped, lang),
                    want,
                    "{measure:?} {width} {sep:?}\n{wrapped}"
                );
            }
        }
    }

    #[test]
    fn english_wrapped_at_60_72_80() {
        assert_reflows(&EN, Lang::En, Measure::Chars);
    }

    #[test]
    fn arabic_wrapped_at_60_72_80() {
        assert_reflows(&AR, Lang::Ar, Measure::Chars);
    }

    #[test]
    fn arabic_wrapped_by_columns_or_bytes() {
        assert_reflows(&AR, Lang::Ar, Measure::Columns);
        // A byte-counting wrapper at 150 bytes gives Arabic lines of about 80 characters.
        let wrapped = wrap_doc(&AR, 150, Measure::Bytes, "\n");
        assert_eq!(
            detect(&wrapped),
            Some(Wrap {
                measure: Measure::Bytes,
                width: wrapped
                    .lines()
                    .map(str::len)
                    .filter(|&w| w <= 150)
                    .max()
                    .unwrap()
            })
        );
        assert_eq!(texts(&wrapped, Lang::Ar), texts(&AR.join("\n"), Lang::Ar));
    }

    /// Vowelled and unvowelled paragraphs in one document: a wrapper counting columns makes the
    /// vowelled lines longer in characters than the others, one counting characters makes them
    /// shorter in columns. Only the wrapper's own measure shows all lines full.
    #[test]
    fn vowelled_arabic_wrapped_by_columns_or_characters() {
        let paragraphs: Vec<&str> = AR_VOWELLED.iter().chain(&AR[2..]).copied().collect();
        let want = texts(&paragraphs.join("\n"), Lang::Ar);
        assert_eq!(want.len(), 13, "{want:?}");
        for measure in [Measure::Columns, Measure::Chars] {
            for width in [40, 60, 72] {
                let wrapped = wrap_doc(&paragraphs, width, measure, "\n");
                let wrap = detect(&wrapped).expect("wrapped");
                assert_eq!(wrap.measure, measure, "{width}\n{wrapped}");
                assert_eq!(texts(&wrapped, Lang::Ar), want, "{measure:?} {width}");
            }
        }
    }

    #[test]
    fn the_wrap_width_is_the_longest_full_line() {
        let wrapped = wrap_doc(&EN, 72, Measure::Chars, "\n");
        let longest = wrapped.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(longest <= 72);
        assert_eq!(
            detect(&wrapped),
            Some(Wrap {
                measure: Measure::Chars,
                width: longest
            })
        );
    }

    /// One paragraph per line, as most documents come: nothing is re-flowed, whether paragraphs
    /// are separated by a line break or a blank line, long or short.
    #[test]
    fn unwrapped_documents_are_left_alone() {
        for sep in ["\n", "\n\n", "\r\n"] {
            for doc in [EN.join(sep), AR.join(sep), AR_VOWELLED.join(sep)] {
                assert_eq!(detect(&doc), None, "{doc}");
                assert!(soft_breaks(&doc).is_empty());
            }
        }
        // Short lines of similar length: an address block and a list of headlines.
        let address = "Office of the Spokesperson\nMinistry of Foreign Affairs and Expatriates\n\
                       Amman, Hashemite Kingdom of Jordan\nTelephone: +962 6 000 0000";
        assert_eq!(detect(address), None);
        let headlines = "Minister receives the ambassador of Japan to discuss trade\n\
                         Cabinet approves the draft budget law for the coming fiscal year\n\
                         Parliament session on water resources postponed until next week\n\
                         Central bank keeps its main interest rate unchanged in March\n\
                         Football federation names a new coach for the national team";
        assert_eq!(detect(headlines), None, "{headlines}");
        // Sentences one per line, lengths spread like a transcript's.
        let transcript = "Thank you all for coming today.\n\
             We have just concluded two days of talks with our partners from the region, and \
             the discussions were frank and useful.\n\
             I want to thank the government of Jordan for hosting us.\n\
             We agreed on a number of steps that I will describe briefly before taking a few \
             questions from you.\n\
             First, we will publish a joint assessment of groundwater levels.\n\
             Second, our experts will meet again in June.";
        assert_eq!(detect(transcript), None);
    }

    #[test]
    fn headline_dateline_and_byline_stay_apart() {
        let body = "The ministry said on Tuesday that the new border crossing would open to \
                    commercial traffic next month after two years of construction. Officials \
                    expect the crossing to cut waiting times for trucks by half.";
        let doc = format!(
            "Border Crossing to Open Next Month\nBy Staff Writer\nIRBID, Jordan —\n{}",
            wrap(body, 64, Measure::Chars)
        );
        let s = texts(&doc, Lang::En);
        assert_eq!(s.len(), 5, "{s:?}");
        assert_eq!(s[0], "Border Crossing to Open Next Month");
        assert_eq!(s[2], "IRBID, Jordan —");
        assert!(s[3].starts_with("The ministry said") && s[3].ends_with("construction."));
    }

    #[test]
    fn list_items_start_paragraphs() {
        let intro = "The two sides agreed on the following measures, which will take effect \
                     at the start of the next quarter and be reviewed after one year:";
        let items = [
            "- a joint committee on customs procedures that will meet every three months in \
             alternating capitals",
            "- shared training for border officers",
            "- a hotline between the two ministries of interior, staffed around the clock \
             by officers of both",
        ];
        let mut doc = wrap(intro, 70, Measure::Chars);
        for item in items {
            doc.push('\n');
            doc.push_str(&wrap(item, 70, Measure::Chars));
        }
        let s = texts(&doc, Lang::En);
        assert_eq!(s.len(), 4, "{s:?}\n{doc}");
        assert!(s[1].starts_with("- a joint committee") && s[1].ends_with("capitals"));
        assert!(s[3].ends_with("by officers of both"));

        // Numbered items, wrapped or not, come out as they do unwrapped.
        let intro_and_items = [
            intro,
            "1. A joint committee on customs procedures will meet every three months in \
             alternating capitals.",
            "2. Border officers will train together.",
        ];
        let numbered = wrap_doc(&intro_and_items, 70, Measure::Chars, "\n");
        assert!(detect(&numbered).is_some());
        assert_eq!(
            texts(&numbered, Lang::En),
            texts(&intro_and_items.join("\n"), Lang::En)
        );
    }

    #[test]
    fn a_wrapped_number_or_dash_of_prose_is_no_list_item() {
        let lines = split_lines(
            "The agreement was signed in the capital on the morning of 22\n\
             2024. The delegations met again on October\n\
             22. They agreed - as expected\n\
             - on a joint statement.",
        );
        assert!(lines.iter().all(|l| !l.list_item));
        let lines = split_lines("intro\n1. one\n2. two\n(3) three\n٤- four\n• five\n* six\n");
        let items: Vec<bool> = lines.iter().map(|l| l.list_item).collect();
        assert_eq!(items, [false, true, true, true, true, true, false]);
    }

    #[test]
    fn crlf_and_trailing_spaces() {
        let wrapped = wrap_doc(&EN, 72, Measure::Chars, "\n\n");
        let messy: String = wrapped.lines().map(|l| format!("{l}  \t\r\n")).collect();
        let want = texts(&EN.join("\n"), Lang::En);
        assert_eq!(texts(&messy, Lang::En), want);
        let s = segment(&messy, Lang::En);
        for s in &s {
            let raw = crate::text::char_slice(&messy, s.start, s.end);
            assert_eq!(super::super::collapse_ws(raw), s.text);
        }
    }

    /// A greedy wrapper that may also break after a hyphen inside a word, as Python's textwrap
    /// does: "counter-" ends one line and "terrorism" starts the next.
    fn wrap_on_hyphens(paragraph: &str, width: usize) -> String {
        let mut out = String::new();
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let mut pieces = word.split_inclusive('-').peekable();
            let mut glued = false;
            while let Some(piece) = pieces.next() {
                let gap = usize::from(!glued);
                if !line.is_empty() && line.chars().count() + gap + piece.chars().count() > width {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                } else if !line.is_empty() && !glued {
                    line.push(' ');
                }
                line.push_str(piece);
                glued = pieces.peek().is_some();
            }
        }
        out.push_str(&line);
        out
    }

    #[test]
    fn hyphenated_line_ends_keep_their_hyphen() {
        let paragraphs = [
            "The ministers discussed border security, trade and regional counter-terrorism \
             cooperation at length. They also reviewed progress on the well-known energy \
             corridor that links the two countries, and on the U.S.-funded customs training \
             centre in Basra. Officials described the long-delayed rail link as a \
             top-priority project for the coming decade.",
            "Both sides agreed to meet again in Baghdad before the end of the year, in a \
             follow-up session on cross-border trade and the co-financing of new checkpoints.",
        ];
        let want = texts(&paragraphs.join("\n\n"), Lang::En);
        assert!(want[0].contains("regional counter-terrorism cooperation"));
        let mut broken_at_hyphens = 0;
        for width in 40..=80 {
            let wrapped: Vec<String> = paragraphs
                .iter()
                .map(|p| wrap_on_hyphens(p, width))
                .collect();
            let wrapped = wrapped.join("\n\n");
            broken_at_hyphens += wrapped.lines().filter(|l| l.ends_with('-')).count();
            assert_eq!(texts(&wrapped, Lang::En), want, "{width}\n{wrapped}");
        }
        assert!(broken_at_hyphens > 20, "{broken_at_hyphens}");
        // A dash between spaces at a line end is no hyphen: the space stays.
        let dash = "The delegation met the minister on Monday and the two sides agreed -\n\
                    after long talks - on a joint statement that was published the same \
                    evening.";
        assert_eq!(
            texts(dash, Lang::En),
            [dash.split_whitespace().collect::<Vec<_>>().join(" ")]
        );
    }

    #[test]
    fn offsets_point_into_the_raw_wrapped_text() {
        for (paragraphs, lang) in [(&EN, Lang::En), (&AR, Lang::Ar)] {
            let raw = wrap_doc(paragraphs, 66, Measure::Chars, "\n");
            let sents = segment(&raw, lang);
            let mut last = 0;
            for s in &sents {
                assert!(last <= s.start && s.start < s.end);
                last = s.end;
                let slice = crate::text::char_slice(&raw, s.start, s.end);
                assert_eq!(super::super::collapse_ws(slice), s.text);
            }
        }
    }

    /// Arbitrary text must not panic, sentences stay inside the text and in order, and each one's
    /// text is made from its own stretch of the raw text.
    #[test]
    fn arbitrary_input_never_panics() {
        const PIECES: [&str; 24] = [
            " ",
            "  ",
            "\n",
            "\n\n",
            "\r\n",
            "\r",
            "\t",
            "-",
            "- ",
            "• ",
            "1. ",
            "٣) ",
            "(2) ",
            "word ",
            "counter-",
            "U.S.",
            "Fla.",
            ". ",
            "؟ ",
            "، ",
            "وزير ",
            "َ",
            "\u{200F}",
            "—",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            // xorshift64: deterministic, no dependency.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut reflowed = 0;
        for round in 0..1000 {
            let n = (next() % 400) as usize;
            let mut doc = String::new();
            for _ in 0..n {
                doc.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            // Every other round: wrap it, so that re-flowing is exercised too.
            if round % 2 == 1 {
                let width = 30 + (next() % 70) as usize;
                let prose = doc.replace('\n', " ") + ".";
                doc = wrap(&prose, width, Measure::Chars) + "\n\n" + &doc;
            }
            let soft = soft_breaks(&doc);
            reflowed += usize::from(!soft.is_empty());
            for b in soft {
                assert_eq!(doc.as_bytes()[b], b'\n');
            }
            let total = doc.chars().count();
            for lang in [Lang::En, Lang::Ar] {
                let mut last = 0;
                for s in segment(&doc, lang) {
                    assert!(
                        last <= s.start && s.start < s.end && s.end <= total,
                        "{doc:?}"
                    );
                    last = s.end;
                    let raw = crate::text::char_slice(&doc, s.start, s.end);
                    assert_eq!(super::super::sentence_text(raw), s.text, "{doc:?}");
                }
            }
        }
        assert!(reflowed > 100, "{reflowed} of 1000 documents re-flowed");
    }
}
