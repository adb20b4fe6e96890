//! Display order for terminals that do not implement the Unicode bidirectional algorithm.
//! Storage is always logical order; this is for display only.

/// A line reordered for display: Arabic runs reversed into visual order, Latin and digit runs
/// kept left to right, the whole line laid out right to left.
pub fn visual(line: &str) -> String {
    let info = unicode_bidi::BidiInfo::new(line, Some(unicode_bidi::Level::rtl()));
    let mut out = String::new();
    for para in &info.paragraphs {
        let range = para.range.clone();
        out.push_str(&info.reorder_line(para, range));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverses_arabic_keeps_digits() {
        let v = visual("عام 2023");
        assert!(v.contains("2023"));
        assert!(v.starts_with("2023"));
    }
}
