//! Many pairs checked at once, with no workspace: `tarjama batch` and the Python package's
//! `check_many` both run this.
//!
//! Records `{"id", "source", "target"}` (raw text, or lists of sentences with `"presegmented":
//! true`) are read a window at a time, checked in parallel (rayon) and handed back in input order,
//! so memory holds one window of records whatever the size of the corpus. A bad record (not JSON,
//! a field missing or not text, empty, the wrong language) becomes an outcome with an error and
//! never stops the run.

use crate::align::{Bead, Move};
use crate::export::report::counts;
use crate::flag::Flag;
use crate::pipeline::{self, Analysis, Resources};
use crate::segment::{self, Sentence};
use crate::text::{detect_lang, Lang};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One side of a record: raw text to segment, or sentences already split.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Raw(String),
    Sentences(Vec<String>),
}

/// One pair to check. `id` is whatever the input gave (a string, a number, null).
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: Value,
    pub source: Text,
    pub target: Text,
}

/// Why one record could not be checked. It is reported in that record's output, never fatal.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RecordError {
    #[error("not a JSON object ({0}); each record is {{\"id\": …, \"source\": \"English text\", \"target\": \"Arabic text\"}}")]
    NotJson(String),
    #[error("the record is not an object; give {{\"id\": …, \"source\": \"English text\", \"target\": \"Arabic text\"}}")]
    NotObject,
    #[error(
        "field \"{0}\" is missing; every record needs \"source\" (English) and \"target\" (Arabic)"
    )]
    Missing(&'static str),
    #[error("field \"{field}\" is not text; give a string, or a list of strings with \"presegmented\": true")]
    NotText { field: &'static str },
    #[error("field \"{field}\" is a list of strings but \"presegmented\" is not true; set \"presegmented\": true or give the text as one string")]
    ListNotPresegmented { field: &'static str },
    #[error("field \"presegmented\" must be true or false")]
    BadPresegmented,
    #[error("field \"{0}\" is empty")]
    Empty(&'static str),
    #[error("field \"{field}\" should be {expected} but reads as {found}; \"source\" is the English side, \"target\" the Arabic")]
    WrongLanguage {
        field: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    #[error("field \"{0}\" has no Arabic or English text (cannot tell the language)")]
    UnknownLanguage(&'static str),
}

/// A record as read: checkable, or an error with the id when one could be read.
pub type Parsed = Result<Record, (Value, RecordError)>;

/// Reads one record from a JSON value.
pub fn record_of_value(v: Value) -> Parsed {
    let Value::Object(mut map) = v else {
        return Err((Value::Null, RecordError::NotObject));
    };
    let id = map.remove("id").unwrap_or(Value::Null);
    let fail = |e| Err((id.clone(), e));
    let presegmented = match map.get("presegmented") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return fail(RecordError::BadPresegmented),
    };
    let side =
        |map: &mut serde_json::Map<String, Value>, field: &'static str| match map.remove(field) {
            None | Some(Value::Null) => Err(RecordError::Missing(field)),
            Some(Value::String(s)) => Ok(Text::Raw(s)),
            Some(Value::Array(items)) => {
                let sentences: Option<Vec<String>> = items
                    .into_iter()
                    .map(|i| match i {
                        Value::String(s) => Some(s),
                        _ => None,
                    })
                    .collect();
                match sentences {
                    None => Err(RecordError::NotText { field }),
                    Some(_) if !presegmented => Err(RecordError::ListNotPresegmented { field }),
                    Some(s) => Ok(Text::Sentences(s)),
                }
            }
            Some(_) => Err(RecordError::NotText { field }),
        };
    let source = match side(&mut map, "source") {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let target = match side(&mut map, "target") {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    // Raw text with "presegmented": one sentence per line, as `check --presegmented` reads files.
    let split = |t: Text| match t {
        Text::Raw(s) if presegmented => Text::Sentences(s.lines().map(str::to_string).collect()),
        t => t,
    };
    Ok(Record {
        id,
        source: split(source),
        target: split(target),
    })
}

/// Reads one record from a line of JSON Lines.
pub fn record_of_line(line: &str) -> Parsed {
    match serde_json::from_str::<Value>(line) {
        Ok(v) => record_of_value(v),
        Err(e) => Err((Value::Null, RecordError::NotJson(e.to_string()))),
    }
}

/// The sentences of one side, as `check` makes them from a file: raw text segmented (byte-order
/// mark dropped, CRLF read as LF), sentences taken one per line; refused when empty or not in the
/// side's language.
pub fn sentences(
    text: &Text,
    lang: Lang,
    field: &'static str,
) -> Result<Vec<Sentence>, RecordError> {
    let whole = match text {
        Text::Raw(s) => s.trim_start_matches('\u{FEFF}').replace("\r\n", "\n"),
        Text::Sentences(lines) => lines.join("\n"),
    };
    if whole.trim().is_empty() {
        return Err(RecordError::Empty(field));
    }
    match detect_lang(&whole) {
        Some(found) if found != lang => {
            return Err(RecordError::WrongLanguage {
                field,
                expected: lang.name(),
                found: found.name(),
            })
        }
        None => return Err(RecordError::UnknownLanguage(field)),
        _ => {}
    }
    Ok(match text {
        Text::Raw(_) => segment::segment(&whole, lang),
        Text::Sentences(_) => segment::presegmented(&whole),
    })
}

/// Aligns and flags one record, as `check` does its two files.
pub fn check(rec: &Record, res: Resources) -> Result<Analysis, RecordError> {
    let src = sentences(&rec.source, Lang::En, "source")?;
    let tgt = sentences(&rec.target, Lang::Ar, "target")?;
    Ok(pipeline::analyse(src, tgt, res, &[]))
}

/// The outcome of one record: its id and its analysis or error.
#[derive(Debug)]
pub struct Outcome {
    pub id: Value,
    pub result: Result<Analysis, RecordError>,
}

impl Outcome {
    /// The output record: `{"id": …, <the check schema>}` or `{"id": …, "error": "…"}`.
    pub fn json(&self) -> OutcomeJson<'_> {
        match &self.result {
            Ok(a) => OutcomeJson {
                id: &self.id,
                error: None,
                check: Some(CheckJson::of(a)),
            },
            Err(e) => OutcomeJson {
                id: &self.id,
                error: Some(e.to_string()),
                check: None,
            },
        }
    }
}

/// One side of the check document.
#[derive(Debug, Serialize)]
pub struct SideJson<'a> {
    pub lang: &'static str,
    pub sentences: Vec<&'a str>,
}

/// The `check --format json` document (README: "The `check --format json` schema"), as a value
/// to serialise inside other records. It must serialise exactly as `report::json` writes; a test
/// below compares the two.
#[derive(Debug, Serialize)]
pub struct CheckJson<'a> {
    pub source: SideJson<'a>,
    pub target: SideJson<'a>,
    pub beads: &'a [Bead],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub moves: &'a [Move],
    pub flags: &'a [Flag],
    pub summary: BTreeMap<&'static str, usize>,
}

impl<'a> CheckJson<'a> {
    pub fn of(a: &'a Analysis) -> CheckJson<'a> {
        let side = |lang: Lang, s: &'a [Sentence]| SideJson {
            lang: lang.code(),
            sentences: s.iter().map(|s| s.text.as_str()).collect(),
        };
        CheckJson {
            source: side(Lang::En, &a.source),
            target: side(Lang::Ar, &a.target),
            beads: &a.beads,
            moves: &a.moves,
            flags: &a.flags,
            summary: counts(&a.flags),
        }
    }
}

/// An output record of `batch`: the id, then the check document or the error.
#[derive(Debug, Serialize)]
pub struct OutcomeJson<'a> {
    pub id: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckJson<'a>>,
}

/// How many records a run read and how many of them failed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub records: usize,
    pub failed: usize,
}

/// Records per window when none is given: enough to keep every core busy (a window ends with
/// the slowest record), small enough that memory stays a few megabytes of news text.
pub const DEFAULT_WINDOW: usize = 256;

/// Checks the records of `input` in parallel, `window` at a time, and calls `emit` with each
/// outcome in input order. Reading stops at the first error of `input` itself (a file that cannot
/// be read) or of `emit` (an output that cannot be written): those end the run; bad records do
/// not. `pool`: the threads to use (rayon's global pool when `None`).
pub fn run<E>(
    input: impl Iterator<Item = Result<Parsed, E>>,
    res: Resources,
    window: usize,
    pool: Option<&rayon::ThreadPool>,
    mut emit: impl FnMut(Outcome) -> Result<(), E>,
) -> Result<Counts, E> {
    let window = window.max(1);
    let mut counts = Counts::default();
    let mut input = input.peekable();
    while input.peek().is_some() {
        let mut chunk = Vec::with_capacity(window);
        for parsed in input.by_ref().take(window) {
            chunk.push(parsed?);
        }
        let work = || check_all(chunk, res);
        let outcomes = match pool {
            Some(p) => p.install(work),
            None => work(),
        };
        for o in outcomes {
            counts.records += 1;
            counts.failed += usize::from(o.result.is_err());
            emit(o)?;
        }
    }
    Ok(counts)
}

/// Checks a window of records on the current rayon pool, keeping their order.
pub fn check_all(chunk: Vec<Parsed>, res: Resources) -> Vec<Outcome> {
    chunk
        .into_par_iter()
        .map(|parsed| match parsed {
            Ok(rec) => Outcome {
                result: check(&rec, res),
                id: rec.id,
            },
            Err((id, e)) => Outcome { id, result: Err(e) },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::lexicon::Lexicon;

    fn corpus(name: &str, file: &str) -> String {
        let p = format!("{}/corpora/{name}/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(p).expect("corpus file")
    }

    #[test]
    fn check_json_is_the_report_json() {
        let lex = Lexicon::builtin();
        let rec = Record {
            id: Value::from("x"),
            source: Text::Raw(corpus("jscd-2023", "en.txt")),
            target: Text::Raw(corpus("jscd-2023", "ar.txt")),
        };
        let a = check(&rec, Resources::lexicon_only(lex)).expect("checks");
        assert!(!a.flags.is_empty(), "jscd-2023 has flags");
        let mut report = Vec::new();
        crate::export::report::json(&a, &mut report).expect("writes");
        // Compared as text: the same bytes (serde_json's parser may round a float's last digit,
        // so values parsed back could differ where the documents do not).
        let ours = serde_json::to_string_pretty(&CheckJson::of(&a)).expect("serialises") + "\n";
        assert_eq!(ours, String::from_utf8(report.clone()).expect("UTF-8"));
        let report: Value = serde_json::from_slice(&report).expect("report JSON");
        let outcome = Outcome {
            id: rec.id.clone(),
            result: Ok(a),
        };
        let with_id: Value =
            serde_json::from_str(&serde_json::to_string(&outcome.json()).expect("serialises"))
                .expect("parses");
        assert_eq!(with_id["id"], "x");
        let mut without = with_id.clone();
        without.as_object_mut().expect("object").remove("id");
        assert_eq!(without, report);
    }

    #[test]
    fn bad_records_say_what_is_wrong() {
        let err = |line: &str| record_of_line(line).err().map(|(_, e)| e);
        assert!(matches!(err("{not json"), Some(RecordError::NotJson(_))));
        assert_eq!(err("[1]"), Some(RecordError::NotObject));
        assert_eq!(
            err(r#"{"id":1,"target":"نص"}"#),
            Some(RecordError::Missing("source"))
        );
        assert_eq!(
            err(r#"{"id":1,"source":3,"target":"نص"}"#),
            Some(RecordError::NotText { field: "source" })
        );
        assert_eq!(
            err(r#"{"id":1,"source":["a"],"target":"نص"}"#),
            Some(RecordError::ListNotPresegmented { field: "source" })
        );
        let (id, _) = record_of_line(r#"{"id":"k","source":3,"target":"t"}"#).unwrap_err();
        assert_eq!(id, "k", "the id of a bad record is kept");
        let lex = Lexicon::builtin();
        let res = Resources::lexicon_only(lex);
        let rec = |s: &str, t: &str| Record {
            id: Value::Null,
            source: Text::Raw(s.into()),
            target: Text::Raw(t.into()),
        };
        assert_eq!(
            check(&rec("  \n", "نص عربي"), res).err(),
            Some(RecordError::Empty("source"))
        );
        assert!(matches!(
            check(&rec("نص عربي طويل", "نص عربي"), res).err(),
            Some(RecordError::WrongLanguage {
                field: "source",
                ..
            })
        ));
        assert_eq!(
            check(&rec("Plain English text.", "12 34"), res).err(),
            Some(RecordError::UnknownLanguage("target"))
        );
    }

    #[test]
    fn run_keeps_input_order_and_counts_failures() {
        let lex = Lexicon::builtin();
        let en = corpus("dev-01", "en.sents");
        let ar = corpus("dev-01", "ar.sents");
        let lines: Vec<String> = (0..7)
            .map(|i| {
                if i == 3 {
                    "{broken".to_string()
                } else {
                    serde_json::json!({"id": i, "source": en, "target": ar, "presegmented": true})
                        .to_string()
                }
            })
            .collect();
        let mut ids = Vec::new();
        let counts = run(
            lines.iter().map(|l| Ok::<_, ()>(record_of_line(l))),
            Resources::lexicon_only(lex),
            3,
            None,
            |o| {
                ids.push((o.id.clone(), o.result.is_ok()));
                Ok(())
            },
        )
        .expect("runs");
        assert_eq!(
            counts,
            Counts {
                records: 7,
                failed: 1
            }
        );
        let oks: Vec<bool> = ids.iter().map(|(_, ok)| *ok).collect();
        assert_eq!(oks, [true, true, true, false, true, true, true]);
        let firsts: Vec<Value> = ids.iter().map(|(id, _)| id.clone()).collect();
        assert_eq!(firsts[6], 6);
        assert_eq!(firsts[0], 0);
    }
}
