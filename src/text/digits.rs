//! Digits in any script folded to ASCII, so that ٢٠٢٣, ۲۰۲۳ and 2023 compare equal.

/// ASCII digit for Arabic-Indic (U+0660..) and Eastern Arabic-Indic (U+06F0..) digits.
pub fn fold_digit(c: char) -> char {
    match c as u32 {
        0x0660..=0x0669 => char::from(b'0' + (c as u32 - 0x0660) as u8),
        0x06F0..=0x06F9 => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        _ => c,
    }
}

/// The text with every digit folded to ASCII and Arabic decimal/thousands separators mapped to
/// `.` and `,`. Keeps the character count, so offsets stay valid.
pub fn fold_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{066B}' => '.',
            '\u{066C}' => ',',
            c => fold_digit(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_all_scripts() {
        assert_eq!(fold_digits("٢٠٢٣ و۲۰۲۴"), "2023 و2024");
        assert_eq!(fold_digits("١٫٥"), "1.5");
        assert_eq!(fold_digits("abc 12").chars().count(), 6);
    }
}
