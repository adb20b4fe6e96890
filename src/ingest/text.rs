//! Plain text: taken as it is; paragraphs are separated by blank lines or line breaks.

use super::Document;

pub fn parse(raw: &str) -> Document {
    Document {
        text: raw.to_string(),
        ..Document::default()
    }
}
