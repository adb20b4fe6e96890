//! Quotations: direct speech stays quoted when it is translated, whatever the script's quote
//! marks («…», “…”, "…"), so a quotation on each side is evidence that two sentences render
//! each other. A single quoted word is more often a scare-quoted term or a name («داعش»,
//! "sham") than speech, and is left out; two words already make short speech ("Speed matters",
//! «السرعة مهمة») and a quoted two-word term kept quoted by the translation is evidence too.

/// Quoted words a quotation has at least, to count as speech rather than a quoted term.
const MIN_WORDS: usize = 2;

/// Character spans (start, end exclusive, quote marks included) of the quotations of a sentence.
/// An opening mark with no closing one runs to the end of the sentence (a quotation continued in
/// the next sentence, as news writing does).
pub fn quotations(sentence: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let close = match chars[k] {
            '«' => '»',
            '“' => '”',
            '"' => '"',
            _ => {
                k += 1;
                continue;
            }
        };
        let end = chars[k + 1..]
            .iter()
            .position(|&c| c == close)
            .map_or(chars.len(), |p| k + 1 + p + 1);
        let words = chars[k + 1..end]
            .split(|c| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .count();
        if words >= MIN_WORDS {
            out.push((k, end));
        }
        k = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::quotations;

    #[test]
    fn speech_in_any_script_counts_terms_do_not() {
        assert_eq!(
            quotations("\"We will not stop,\" the minister said."),
            vec![(0, 19)]
        );
        assert_eq!(
            quotations("قال الوزير: «لن نتوقف عن العمل»."),
            vec![(12, 31)]
        );
        assert_eq!(quotations("The so-called “truce” held."), Vec::new());
        assert!(quotations("وصف الهجوم بأنه «إرهابي»").is_empty());
        assert_eq!(quotations("“Time counts,” she said."), vec![(0, 14)]);
        assert_eq!(
            quotations("He said “the talks will go on”, “they must” and “soon”.").len(),
            2
        );
    }

    #[test]
    fn an_unclosed_quotation_runs_to_the_end() {
        assert_eq!(
            quotations("She added: “this is only the start"),
            vec![(11, 34)]
        );
    }
}
