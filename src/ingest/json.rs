//! JSON: one object or an array of objects with the text under "text", "body" or "content"
//! (a string, or an array of paragraph strings) and optional "title", "date", "url", "outlet"
//! (or "source"/"site"), "lang".

use super::Document;
use serde_json::Value;

fn field(o: &serde_json::Map<String, Value>, names: &[&str]) -> Option<String> {
    names
        .iter()
        .find_map(|n| o.get(*n).and_then(Value::as_str))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

fn document(v: &Value) -> Result<Document, String> {
    let o = v
        .as_object()
        .ok_or("expected a JSON object or an array of objects")?;
    let text = ["text", "body", "content"]
        .iter()
        .find_map(|n| match o.get(*n) {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Array(a)) => Some(
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            ),
            _ => None,
        })
        .ok_or("no \"text\", \"body\" or \"content\" field")?;
    Ok(Document {
        text,
        title: field(o, &["title", "headline"]),
        date: field(o, &["date", "published", "published_at"]),
        url: field(o, &["url", "link"]),
        outlet: field(o, &["outlet", "source", "site"]),
        lang: field(o, &["lang", "language"]).and_then(|l| crate::text::Lang::parse(&l)),
        origin: String::new(),
    })
}

pub fn parse(raw: &str) -> Result<Vec<Document>, String> {
    let v: Value = serde_json::from_str(raw).map_err(|e| format!("invalid JSON: {e}"))?;
    match &v {
        Value::Array(items) => {
            if items.is_empty() {
                return Err("empty JSON array".into());
            }
            items.iter().map(document).collect()
        }
        _ => Ok(vec![document(&v)?]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_and_arrays() {
        let d = parse(r#"{"title":"T","body":["a.","b."],"outlet":"X","lang":"en"}"#).unwrap();
        assert_eq!(d[0].text, "a.\n\nb.");
        assert_eq!(d[0].outlet.as_deref(), Some("X"));
        assert_eq!(d[0].lang, Some(crate::text::Lang::En));
        assert_eq!(parse(r#"[{"text":"x"},{"content":"y"}]"#).unwrap().len(), 2);
        assert!(parse(r#"{"nope":1}"#).is_err());
        assert!(parse("not json").is_err());
    }
}
