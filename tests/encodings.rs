//! Encodings of input files through the real binary: UTF-16 and UTF-8 with a byte-order mark,
//! and Arabic in windows-1256 or ISO-8859-6, are stored as the very text of their UTF-8 form
//! (`add` finds it already stored: same content hash); `--encoding` names an encoding detection
//! cannot tell; a wrong one is refused and leaves the workspace as it was.

mod common;

use common::*;
use encoding_rs::{Encoding, ISO_8859_6, WINDOWS_1252, WINDOWS_1256};
use std::ffi::OsString;

/// Composed for these tests (not from corpora/): a short Arabic news item. Only characters that
/// both single-byte Arabic encodings have (ISO-8859-6 has no « » and no Arabic-Indic digits).
const AR: &str = "أعلنت وزارة الصحة يوم الأحد أن حملة التطعيم الجديدة ستبدأ في كل المحافظات \
                  مطلع الشهر المقبل.\n\nوقال المتحدث باسم الوزارة إن الحملة تستهدف 300 ألف طفل، \
                  وإن الفرق الطبية ستزور المدارس والقرى النائية.\n";

/// Its English source, composed likewise.
const EN: &str = "The Ministry of Health announced on Sunday that the new vaccination campaign \
                  will start in all governorates early next month.\n\nThe ministry's spokesman \
                  said the campaign targets 300,000 children, and that medical teams will visit \
                  schools and remote villages.\n";

fn single_byte(enc: &'static Encoding, text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = enc.encode(text);
    assert!(!unmappable, "{} cannot encode the test text", enc.name());
    bytes.into_owned()
}

fn utf16(text: &str, little: bool, mark: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if mark {
        out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend(if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

fn add_args(file: &std::path::Path, extra: &[&str]) -> Vec<OsString> {
    let mut args: Vec<OsString> = vec!["add".into(), file.into()];
    args.extend(extra.iter().map(OsString::from));
    args
}

/// A workspace holding `text` in UTF-8 as document 1; adding `bytes` (with `extra` arguments)
/// must find that same text already stored.
fn stored_as_utf8(text: &str, name: &str, bytes: &[u8], extra: &[&str]) {
    let ws = Ws::new();
    let utf8 = ws.write("utf8.txt", text);
    assert!(ws
        .ok(&add_args(&utf8, &[]))
        .starts_with("added document 1 "));
    let f = ws.write(name, bytes);
    let out = ws.ok(&add_args(&f, extra));
    assert!(
        out.starts_with("already stored as document 1:"),
        "{name} {extra:?} is not stored as its UTF-8 text: {out}"
    );
}

#[test]
fn utf16le_with_mark() {
    stored_as_utf8(AR, "ar-utf16le.txt", &utf16(AR, true, true), &[]);
    stored_as_utf8(EN, "en-utf16le.txt", &utf16(EN, true, true), &[]);
}

#[test]
fn utf16be_with_mark() {
    stored_as_utf8(AR, "ar-utf16be.txt", &utf16(AR, false, true), &[]);
}

#[test]
fn utf8_with_mark() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(AR.as_bytes());
    stored_as_utf8(AR, "ar-bom.txt", &bytes, &[]);
}

#[test]
fn windows_1256_detected() {
    stored_as_utf8(AR, "ar-1256.txt", &single_byte(WINDOWS_1256, AR), &[]);
    // Windows line ends too, as such files usually have.
    let crlf = AR.replace('\n', "\r\n");
    stored_as_utf8(
        AR,
        "ar-1256-crlf.txt",
        &single_byte(WINDOWS_1256, &crlf),
        &[],
    );
}

#[test]
fn iso_8859_6_detected() {
    stored_as_utf8(AR, "ar-8859-6.txt", &single_byte(ISO_8859_6, AR), &[]);
}

#[test]
fn html_in_windows_1256() {
    let html = format!(
        "<html><body><p>{}</p></body></html>",
        AR.replace("\n\n", "</p><p>")
    );
    let ws = Ws::new();
    let utf8 = ws.write("utf8.html", &html);
    ws.ok(&add_args(&utf8, &[]));
    let f = ws.write("ar-1256.html", single_byte(WINDOWS_1256, &html));
    assert!(ws
        .ok(&add_args(&f, &[]))
        .starts_with("already stored as document 1:"));
}

#[test]
fn encoding_option_names_what_detection_cannot_tell() {
    // UTF-16 without a byte-order mark looks binary (NUL bytes) until named.
    stored_as_utf8(
        EN,
        "en-utf16le-nomark.txt",
        &utf16(EN, true, false),
        &["--encoding", "utf-16le"],
    );
    stored_as_utf8(
        AR,
        "ar-utf16be-nomark.txt",
        &utf16(AR, false, false),
        &["--encoding", "UTF-16BE"],
    );
    // A Latin text in windows-1252 is not Arabic in either code page: only --encoding reads it.
    let fr = "Le ministre a déclaré que le café de la gare rouvrira lundi.\n";
    stored_as_utf8(
        fr,
        "fr-1252.txt",
        &single_byte(WINDOWS_1252, fr),
        &["--lang", "en", "--encoding", "windows-1252"],
    );
    // Naming the encoding that detection would have found changes nothing.
    stored_as_utf8(
        AR,
        "ar-1256-named.txt",
        &single_byte(WINDOWS_1256, AR),
        &["--encoding", "cp1256"],
    );
}

#[test]
fn wrong_encoding_is_refused_and_the_workspace_unchanged() {
    let ws = Ws::new();
    let utf8 = ws.write("utf8.txt", AR);
    ws.ok(&add_args(&utf8, &[]));
    let before = std::fs::read(&ws.db).unwrap();
    // windows-1256 ك (0xDF) is a byte ISO-8859-6 leaves undefined.
    let f = ws.write("ar-1256.txt", single_byte(WINDOWS_1256, "قال الكاتب\n"));
    let o = ws.run(&add_args(&f, &["--encoding", "iso-8859-6"]));
    let err = stderr_of(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(
        err.starts_with("tarjama: error: ") && err.contains("ar-1256.txt"),
        "{err}"
    );
    assert!(err.contains("ISO-8859-6"), "names the encoding: {err}");
    assert!(
        std::fs::read(&ws.db).unwrap() == before,
        "workspace changed"
    );
    // An unknown name is a usage error.
    let o = ws.run(&add_args(&f, &["--encoding", "klingon"]));
    assert!(!o.status.success());
    assert!(stderr_of(&o).contains("unknown encoding 'klingon'"));
}

#[test]
fn check_reads_encoded_inputs_as_utf8() {
    let ws = Ws::uninit();
    let json = |en: &std::path::Path, ar: &std::path::Path, extra: &[&str]| {
        let o = tarjama()
            .arg("check")
            .arg(en)
            .arg(ar)
            .args(["--format", "json"])
            .args(extra)
            .output()
            .unwrap();
        assert!(o.status.success(), "check failed: {}", stderr_of(&o));
        stdout_of(&o)
    };
    let en = ws.write("en.txt", EN);
    let expected = json(&en, &ws.write("ar.txt", AR), &[]);
    let en16 = ws.write("en16.txt", utf16(EN, true, true));
    let ar1256 = ws.write("ar1256.txt", single_byte(WINDOWS_1256, AR));
    let ar8859 = ws.write("ar8859.txt", single_byte(ISO_8859_6, AR));
    assert_eq!(json(&en16, &ar1256, &[]), expected);
    assert_eq!(json(&en, &ar8859, &[]), expected);
    // --encoding applies to both files: the English one is ASCII, the same in ISO-8859-6.
    assert_eq!(json(&en, &ar8859, &["--encoding", "iso-8859-6"]), expected);
}

#[test]
fn tmx_in_utf16_is_imported() {
    let tmx = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<tmx version=\"1.4\"><header \
               srclang=\"en\"/><body>\n<tu><tuv xml:lang=\"en\"><seg>The campaign starts next \
               month.</seg></tuv><tuv xml:lang=\"ar\"><seg>تبدأ الحملة الشهر المقبل.</seg></tuv></tu>\n\
               </body></tmx>\n";
    let ws = Ws::new();
    let f = ws.write("memory.tmx", utf16(tmx, true, true));
    let out = ws.ok(&add_args(&f, &[]));
    assert!(
        out.starts_with("imported pair 1: 1 confirmed beads"),
        "{out}"
    );
}

#[test]
fn lexicon_tsv_in_windows_1256() {
    let ws = Ws::new();
    let tsv = "vaccination\tتطعيم\ngovernorate\tمحافظة\n";
    let f = ws.write("glossary.tsv", single_byte(WINDOWS_1256, tsv));
    let out = ws.ok(&[
        OsString::from("lexicon"),
        "import".into(),
        f.into(),
        "--format".into(),
        "tsv".into(),
    ]);
    assert!(out.starts_with("imported 2 entries"), "{out}");
}
