//! Readers for the linguistic data files compiled into the binary (`include_str!`): word lists
//! with one entry per line, and tab-separated tables. Both skip blank lines and `#` comments, so
//! every file can carry its own description and licence.

/// The entries of a word list: one per line, trimmed; blank lines and comments skipped.
pub fn entries(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The rows of a tab-separated table with at least `min_fields` fields, each field trimmed;
/// blank lines, comments and shorter rows skipped.
pub fn rows(src: &'static str, min_fields: usize) -> impl Iterator<Item = Vec<&'static str>> {
    src.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
        .filter(move |f| f.len() >= min_fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_comments_blanks_and_short_rows() {
        let table = "# lang\tform\n\nen\tif\tcondition\nar\tإذا \t condition\r\nen\tonly\n";
        let got: Vec<Vec<&str>> = rows(table, 3).collect();
        assert_eq!(
            got,
            vec![
                vec!["en", "if", "condition"],
                vec!["ar", "إذا", "condition"]
            ]
        );
        let list = "# words\n  alpha \n\nbeta\n#gamma\n";
        assert_eq!(entries(list).collect::<Vec<_>>(), vec!["alpha", "beta"]);
    }
}
