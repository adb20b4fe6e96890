//! Bad input: every refusal exits non-zero with exactly one line on stderr, `tarjama: error: ...`,
//! naming the problem (the file or the id), and leaves the workspace file byte-for-byte as it was.
//! Also: a closed output pipe (`tarjama list | head -1`) is success.

mod common;

use common::*;
use std::ffi::OsString;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

/// A non-trivial workspace: dev-01's English source (1) and Arabic article (2), paired (pair 1).
fn workspace() -> Ws {
    common::dev01_paired()
}

/// Asserts a failed run: exit status 1, nothing on stdout, one stderr line
/// `tarjama: error: ...` containing every needle.
fn assert_one_line_error(o: &std::process::Output, needles: &[&str], what: &str) {
    let err = stderr_of(o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "{what}: should fail with status 1; stderr: {err}"
    );
    assert!(
        o.stdout.is_empty(),
        "{what}: nothing on stdout, got: {}",
        stdout_of(o)
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{what}: exactly one stderr line, got:\n{err}"
    );
    assert!(
        lines[0].starts_with("tarjama: error:"),
        "{what}: stderr line starts with 'tarjama: error:': {err}"
    );
    for n in needles {
        assert!(lines[0].contains(n), "{what}: error names {n:?}: {err}");
    }
}

/// Runs `args` on the workspace, asserts the one-line error and that the workspace file is
/// unchanged.
fn refused<S: AsRef<std::ffi::OsStr>>(ws: &Ws, args: &[S], needles: &[&str]) {
    let before = std::fs::read(&ws.db).expect("workspace exists");
    let o = ws.run(args);
    let shown: Vec<String> = args
        .iter()
        .map(|a| a.as_ref().to_string_lossy().into_owned())
        .collect();
    let what = format!("tarjama {}", shown.join(" "));
    assert_one_line_error(&o, needles, &what);
    let after = std::fs::read(&ws.db).expect("workspace still exists");
    assert!(before == after, "{what}: workspace file changed");
}

fn add(file: &Path) -> Vec<OsString> {
    vec!["add".into(), file.into()]
}

/// Writes `content` to the file `name` in the workspace's folder and asserts that adding it is
/// refused with an error naming the file.
fn refused_add_of(ws: &Ws, name: &str, content: impl AsRef<[u8]>) {
    let f = ws.write(name, content);
    refused(ws, &add(&f), &[name]);
}

/// `refused` for `args --out out`; the output file must not have been created either.
fn refused_writing(ws: &Ws, args: &[&str], out: &Path, needles: &[&str]) {
    let mut with_out: Vec<OsString> = args.iter().map(OsString::from).collect();
    with_out.extend(["--out".into(), out.into()]);
    refused(ws, &with_out, needles);
    assert!(
        !out.exists(),
        "tarjama {} created {} though it was refused",
        args.join(" "),
        out.display()
    );
}

/// Runs every command of `cases` with `--db db`, a file that is not a tarjama workspace, from
/// db's folder: each must fail with the one-line error naming the file and leave the file
/// byte-for-byte as it was.
fn refused_as_workspace(db: &Path, cases: &[Vec<OsString>]) {
    let name = name_of(db);
    let before = std::fs::read(db).expect("the file exists");
    for args in cases {
        let o = tarjama()
            .current_dir(db.parent().expect("a folder"))
            .arg("--db")
            .arg(db)
            .args(args)
            .output()
            .unwrap();
        let what = format!("tarjama --db {name} {args:?}");
        assert_one_line_error(&o, &[&name], &what);
        assert!(
            std::fs::read(db).unwrap() == before,
            "{what}: {name} changed"
        );
    }
}

#[test]
fn missing_file() {
    let ws = workspace();
    refused(&ws, &add(&ws.path("nope.txt")), &["nope.txt"]);
}

#[test]
fn empty_and_blank_files() {
    let ws = workspace();
    refused_add_of(&ws, "empty.txt", "");
    refused_add_of(&ws, "blank.txt", " \n\n\t\r\n");
    // Markup with no text in it is empty too.
    refused_add_of(
        &ws,
        "blank.html",
        "<html><head><script>var a = 1;</script></head><body> </body></html>",
    );
}

/// Bytes that are not UTF-8 and read as Arabic in neither windows-1256 nor ISO-8859-6 (Latin-1
/// here) cannot be told apart: the error says so and points to --encoding.
#[test]
fn invalid_utf8() {
    let ws = workspace();
    let f = ws.write(
        "latin1.txt",
        b"The minister said the caf\xe9 would reopen on Monday.\n",
    );
    refused(&ws, &add(&f), &["latin1.txt", "not UTF-8", "--encoding"]);
    // UTF-16 without a byte-order mark: NUL bytes, refused as binary with the same pointer.
    let f = ws.write("nomark.txt", b"T\0h\0e\0 \0m\0i\0n\0i\0s\0t\0e\0r\0.\0\n\0");
    refused(&ws, &add(&f), &["nomark.txt", "--encoding utf-16le"]);
}

#[test]
fn check_undecidable_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let fr = dir.path().join("fr.txt");
    std::fs::write(
        &fr,
        b"Le caf\xe9 de la gare rouvrira lundi, a d\xe9clar\xe9 le maire.\n",
    )
    .unwrap();
    let ar = corpora_dir().join("dev-01").join("ar.txt");
    let o = tarjama().arg("check").arg(&fr).arg(&ar).output().unwrap();
    assert_one_line_error(&o, &["fr.txt", "--encoding"], "tarjama check fr.txt ar.txt");
}

/// Files whose extension says they are no document (bitexts read only with --format, formats
/// `add` does not read, databases) are refused with the command to use, before anything is
/// stored; --format still overrides.
#[test]
fn non_documents_are_refused_with_a_pointer() {
    let ws = workspace();
    let tsv = "The minister spoke on Monday.\tتحدث الوزير يوم الاثنين.\t0.91\tconfirmed\t1\n";
    let xliff = "<?xml version=\"1.0\"?>\n<xliff version=\"2.1\" srcLang=\"en\" trgLang=\"ar\"><file id=\"f1\"><unit id=\"u1\"><segment><source>The minister spoke.</source><target>تحدث الوزير.</target></segment></unit></file></xliff>\n";
    let jsonl = "{\"en\": \"The minister spoke.\", \"ar\": \"تحدث الوزير.\"}\n";
    let cases: [(&str, &[u8], &str); 5] = [
        ("out.tsv", tsv.as_bytes(), "tarjama add --format tsv"),
        ("beads.xliff", xliff.as_bytes(), "tarjama add FILE.tmx"),
        ("beads.jsonl", jsonl.as_bytes(), "tarjama add --format tsv"),
        (
            "corpus.parquet",
            b"PAR1 rows of text",
            "tarjama add --format tsv",
        ),
        ("old.sqlite", b"SQLite format 3\0", "--db"),
    ];
    for (name, content, pointer) in cases {
        let f = ws.write(name, content);
        refused(&ws, &add(&f), &[name, pointer]);
    }
    // Two files, the second a non-document: nothing is added.
    let good = corpora_dir().join("dev-02").join("en.txt");
    refused(
        &ws,
        &[
            OsString::from("add"),
            good.into(),
            ws.path("out.tsv").into(),
        ],
        &["out.tsv"],
    );
    // The pointer works: the same TSV imported as a bitext.
    let out = ws.ok(&["add", "--format", "tsv", "out.tsv"]);
    assert!(
        out.starts_with("imported pair 2: 1 confirmed beads"),
        "{out}"
    );
}

#[test]
fn binary_file() {
    let ws = workspace();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend_from_slice(b"The text chunk of an image is not an article. ");
    png.extend(std::iter::repeat(0u8).take(256));
    refused_add_of(&ws, "photo.png", &png);
    refused_add_of(&ws, "photo.txt", &png);
}

#[test]
fn neither_language() {
    let ws = workspace();
    refused_add_of(
        &ws,
        "numbers.txt",
        "2023 - 08 - 08 ... 12:45 !!! 100% (3) [42] 7/7 ++ -- ###\n\n1 2 3.\n",
    );
}

#[test]
fn arabic_declared_as_english() {
    let ws = workspace();
    let ar = corpora_dir().join("dev-02").join("ar.txt");
    let mut args = add(&ar);
    args.extend(["--lang".into(), "en".into()]);
    refused(&ws, &args, &["ar.txt"]);
    // And English declared as Arabic.
    let en = corpora_dir().join("dev-02").join("en.txt");
    let mut args = add(&en);
    args.extend(["--lang".into(), "ar".into()]);
    refused(&ws, &args, &["en.txt"]);
}

#[test]
fn one_bad_file_adds_nothing() {
    let ws = workspace();
    let good = corpora_dir().join("dev-02").join("en.txt");
    let bad = ws.write("empty.txt", "");
    refused(
        &ws,
        &[OsString::from("add"), good.into(), bad.into()],
        &["empty.txt"],
    );
    assert_eq!(
        json_lines(&ws.ok(&["list", "documents", "--json"])).len(),
        2
    );
}

#[test]
fn unknown_pair_id() {
    let ws = workspace();
    refused(&ws, &["align", "99"], &["99"]);
    refused(&ws, &["show", "99"], &["99"]);
    refused(&ws, &["report", "99"], &["99"]);
    refused(&ws, &["report", "99", "--format", "json"], &["99"]);
    refused(&ws, &["export", "--format", "tsv", "--pair", "99"], &["99"]);
    refused(
        &ws,
        &["export", "--format", "jsonl", "--pair", "1", "--pair", "99"],
        &["99"],
    );
    refused(&ws, &["flags", "--pair", "99"], &["99"]);
    // No output file is created for a refused pair.
    refused_writing(
        &ws,
        &["report", "99", "--format", "html"],
        &ws.path("r.html"),
        &["99"],
    );
    refused_writing(
        &ws,
        &["export", "--format", "tsv", "--pair", "99"],
        &ws.path("x.tsv"),
        &["99"],
    );
    // A pair id that is not a number.
    refused(&ws, &["show", "abc"], &["abc"]);
}

#[test]
fn unknown_document_id() {
    let ws = workspace();
    refused(&ws, &["pair", "99", "1"], &["99"]);
    refused(&ws, &["pair", "2", "99"], &["99"]);
}

#[test]
fn workspace_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(
        &notes,
        "These are my notes, not a database.\nSecond line.\n",
    )
    .unwrap();
    let en = corpora_dir().join("dev-01").join("en.txt");
    let cases: Vec<Vec<OsString>> = vec![
        vec!["list".into()],
        vec!["list".into(), "pairs".into(), "--json".into()],
        vec!["init".into()],
        vec!["add".into(), en.into()],
        vec!["pair".into(), "2".into(), "1".into()],
        vec!["align".into(), "--all".into()],
        vec!["lexicon".into(), "list".into()],
        vec!["export".into(), "--format".into(), "tsv".into()],
    ];
    refused_as_workspace(&notes, &cases);
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["notes.txt".to_string()], "no side files created");
}

#[test]
fn foreign_sqlite_database_is_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("contacts.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(
            "CREATE TABLE contacts (name TEXT, phone TEXT);
             INSERT INTO contacts VALUES ('Ada', '555-0100');",
        )
        .unwrap();
    }
    let en = corpora_dir().join("dev-01").join("en.txt");
    let cases: Vec<Vec<OsString>> = vec![
        vec!["list".into()],
        vec!["init".into()],
        vec!["add".into(), en.into()],
    ];
    refused_as_workspace(&db, &cases);
}

#[test]
fn newer_schema_is_refused_untouched() {
    let ws = workspace();
    {
        let c = rusqlite::Connection::open(&ws.db).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
    }
    refused(&ws, &["list"], &["newer"]);
    refused(&ws, &["align", "1"], &["newer"]);
    let en = corpora_dir().join("dev-02").join("en.txt");
    refused(&ws, &add(&en), &["newer"]);
}

#[test]
fn other_refusals() {
    let ws = workspace();
    // A directory where a file is expected.
    let sub = ws.path("folder");
    std::fs::create_dir(&sub).unwrap();
    refused(&ws, &add(&sub), &["folder"]);
    // An output file in a folder that does not exist.
    refused_writing(
        &ws,
        &["export", "--format", "tsv"],
        &ws.path("missing-dir").join("x.tsv"),
        &["missing-dir"],
    );
    // Pairs must be article = Arabic, source = English.
    refused(&ws, &["pair", "1", "2"], &["1"]);
    refused(&ws, &["pair", "1", "1"], &["1"]);
    // Dictionaries: missing, empty, and without any english<TAB>arabic line.
    let dictionaries = [
        ws.path("nope.tsv"),
        ws.write("empty.tsv", ""),
        ws.write("one-column.tsv", "just one column\nanother line\n"),
    ];
    for dict in dictionaries {
        let name = name_of(&dict);
        refused(
            &ws,
            &[OsString::from("lexicon"), "import".into(), dict.into()],
            &[&name],
        );
    }
    // eval on a folder without gold corpora (no workspace involved).
    let o = tarjama().arg("eval").arg(&sub).output().unwrap();
    assert_one_line_error(&o, &["folder"], "eval on a folder without gold.json");
}

#[test]
fn no_workspace_yet() {
    let ws = Ws::uninit();
    let o = ws.run(&["list"]);
    assert_one_line_error(&o, &["w.db"], "list without a workspace");
    assert!(
        !ws.db.exists(),
        "a failed command does not create the workspace"
    );
}

#[test]
fn invalid_json() {
    let ws = workspace();
    refused_add_of(
        &ws,
        "feed.json",
        "{\"title\": \"Unclosed\", \"text\": \"The minister spoke.\"",
    );
    let f = ws.write("feed.txt", "this is not json at all");
    let mut args = add(&f);
    args.extend(["--format".into(), "json".into()]);
    refused(&ws, &args, &["feed.txt"]);
    refused_add_of(&ws, "notext.json", "{\"title\": \"No body here\"}");
}

#[test]
fn huge_file() {
    let ws = workspace();
    let p = ws.path("huge.txt");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(50 * 1024 * 1024 + 1).unwrap(); // sparse: one byte over the 50 MiB limit
    drop(f);
    refused(&ws, &add(&p), &["huge.txt"]);
}

#[test]
fn check_missing_and_empty_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = corpora_dir().join("dev-01");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let missing = dir.path().join("missing.txt");
    let cases: Vec<(Vec<OsString>, &str)> = vec![
        (
            vec![missing.clone().into(), d.join("ar.txt").into()],
            "missing.txt",
        ),
        (
            vec![d.join("en.txt").into(), missing.clone().into()],
            "missing.txt",
        ),
        (
            vec![empty.clone().into(), d.join("ar.txt").into()],
            "empty.txt",
        ),
        (
            vec![d.join("en.txt").into(), empty.clone().into()],
            "empty.txt",
        ),
        // Languages swapped: the source must be English.
        (
            vec![d.join("ar.txt").into(), d.join("en.txt").into()],
            "ar.txt",
        ),
    ];
    for (files, needle) in cases {
        let o = tarjama()
            .current_dir(dir.path())
            .arg("check")
            .args(&files)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert_one_line_error(&o, &[needle], &format!("tarjama check {files:?}"));
    }
    assert!(
        !dir.path().join("tarjama.db").exists(),
        "check needs no workspace"
    );
}

/// `tarjama args` run to the end, and run again with its output pipe closed after one line.
struct ClosedPipe {
    /// Standard output of the run to the end.
    full: String,
    /// The line read before the pipe was closed.
    first: String,
    /// Standard error of the run whose pipe was closed.
    stderr: String,
}

/// Runs `args` to the end, asserting it writes more than `min_len` bytes (so that the pipe fills
/// and tarjama is still writing when it is closed); then spawns it with stdout piped, reads one
/// line, closes the pipe and asserts that tarjama still exits with success.
fn close_after_first_line(ws: &Ws, args: &[&str], min_len: usize) -> ClosedPipe {
    let what = format!("tarjama {}", args.join(" "));
    let full = ws.ok(args);
    assert!(
        full.len() > min_len,
        "{what}: output is {} bytes",
        full.len()
    );
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tarjama"))
        .env_remove("TARJAMA_DB")
        .current_dir(ws.dir.path())
        .arg("--db")
        .arg(&ws.db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    let mut first = String::new();
    {
        let mut r = BufReader::new(child.stdout.take().unwrap());
        r.read_line(&mut first).unwrap();
    } // reader dropped: the pipe is closed while tarjama is still writing
    let out = child.wait_with_output().unwrap();
    let stderr = stderr_of(&out);
    assert!(
        out.status.success(),
        "{what}: closed pipe is success; status {:?}, stderr: {stderr}",
        out.status
    );
    ClosedPipe {
        full,
        first,
        stderr,
    }
}

/// A workspace with enough documents that listing them is several pipe buffers (> 64 KiB).
fn many_documents() -> Ws {
    let ws = Ws::new();
    let docs: Vec<serde_json::Value> = (0..1500)
        .map(|i| {
            serde_json::json!({
                "title": format!("Statement number {i} of the ministry of defence on the joint exercise"),
                "text": format!("Statement {i} was released by the ministry today. The officials discussed topic {i} at length."),
                "lang": "en",
            })
        })
        .collect();
    let f = ws.write("many.json", serde_json::to_string(&docs).unwrap());
    ws.ok(&["add".as_ref(), f.as_os_str()]);
    ws
}

#[test]
fn broken_pipe_list_is_success() {
    let ws = many_documents();
    let run = close_after_first_line(&ws, &["list", "documents"], 128 * 1024);
    assert_eq!(
        run.first.trim_end(),
        run.full.lines().next().unwrap().trim_end()
    );
    assert!(run.stderr.is_empty(), "nothing on stderr: {}", run.stderr);
}

#[test]
fn broken_pipe_list_json_is_success() {
    let ws = many_documents();
    let run = close_after_first_line(&ws, &["list", "documents", "--json"], 128 * 1024);
    assert!(
        serde_json::from_str::<serde_json::Value>(&run.first).is_ok(),
        "{}",
        run.first
    );
    assert!(run.stderr.is_empty(), "nothing on stderr: {}", run.stderr);
}

/// Four generated pairs of `sentences` long sentences each; every Arabic sentence changes three
/// numbers of its source (three number_mismatch flags per sentence).
fn generated_pairs(sentences: usize) -> Ws {
    const PAIRS: usize = 4;
    let ws = Ws::new();
    let doc = |lang: &str, i: usize| {
        let text: Vec<String> = (0..sentences)
            .map(|k| {
                if lang == "en" {
                    format!(
                        "In statement {i}, point {k} notes that the ministry approved plan number {} for the northern region after long talks with {} local officials, {} soldiers and international partners who travelled from distant capitals to attend the meetings held over several days in the old city.",
                        i * 100 + k + 7,
                        k + 500,
                        k + 700
                    )
                } else {
                    format!(
                        "في البيان {i}، تشير النقطة {k} إلى أن الوزارة وافقت على الخطة رقم {} للمنطقة الشمالية بعد محادثات طويلة مع {} من المسؤولين المحليين و{} جندي والشركاء الدوليين الذين سافروا من عواصم بعيدة لحضور الاجتماعات التي عقدت على مدى عدة أيام في المدينة القديمة.",
                        i * 100 + k + 9,
                        k + 600,
                        k + 800
                    )
                }
            })
            .collect();
        serde_json::json!({"text": text.join(" "), "lang": lang})
    };
    let en: Vec<_> = (0..PAIRS).map(|i| doc("en", i)).collect();
    let ar: Vec<_> = (0..PAIRS).map(|i| doc("ar", i)).collect();
    let fe = ws.write("en.json", serde_json::to_string(&en).unwrap());
    let fa = ws.write("ar.json", serde_json::to_string(&ar).unwrap());
    ws.ok(&["add".as_ref(), fe.as_os_str(), fa.as_os_str()]);
    for i in 1..=PAIRS {
        ws.ok(&["pair", &(i + PAIRS).to_string(), &i.to_string()]);
    }
    ws.ok(&["align", "--all"]);
    ws
}

/// More than the pipe buffer (64 KiB) plus the reader's and the writer's buffers (8 KiB each):
/// the writer is still writing when the reader closes the pipe.
const BIG: usize = 80 * 1024;

#[test]
fn broken_pipe_export_is_success() {
    // 4 x 24 beads of JSONL are ~90 KiB (aligning is the slow step in a debug build).
    let ws = generated_pairs(24);
    let run = close_after_first_line(&ws, &["export", "--format", "jsonl"], BIG);
    assert_eq!(run.first.trim_end(), run.full.lines().next().unwrap());
    // Only the `exported N beads` note may appear, never an error.
    assert!(
        !run.stderr.contains("error"),
        "no error on stderr: {}",
        run.stderr
    );
}

#[test]
fn broken_pipe_flags_json_is_success() {
    // 4 x 32 sentences x 3 flags of JSON lines are ~90 KiB.
    let ws = generated_pairs(32);
    let run = close_after_first_line(&ws, &["flags", "--json"], BIG);
    assert!(
        serde_json::from_str::<serde_json::Value>(&run.first).is_ok(),
        "{}",
        run.first
    );
    assert!(run.stderr.is_empty(), "nothing on stderr: {}", run.stderr);
}

#[test]
fn argument_errors_are_one_line_with_status_1() {
    let ws = workspace();
    // (arguments, words the line must hold: the problem and the command whose help to read)
    let cases: &[(&[&str], &[&str])] = &[
        (&["show"], &["<PAIR>", "tarjama show --help"]),
        (
            &["show", "1", "--bogus"],
            &["--bogus", "tarjama show --help"],
        ),
        (
            &["export", "--format", "bogus"],
            &["bogus", "tsv", "tarjama export --help"],
        ),
        (
            &["export", "--format", "tsv", "--min-score", "high"],
            &["high", "--min-score"],
        ),
        (
            &["export", "--format", "tsv", "--min-score", "5"],
            &["--min-score", "between 0 and 1"],
        ),
        (
            &["export", "--format", "tsv", "--max-length-ratio", "0.5"],
            &["--max-length-ratio"],
        ),
        (
            &["list", "bogus"],
            &["bogus", "documents", "tarjama list --help"],
        ),
        (
            &["bead", "shift", "3"],
            &["--up", "tarjama bead shift --help"],
        ),
        (
            &["bead", "confirm", "x"],
            &["'x'", "tarjama bead confirm --help"],
        ),
        (&["lexicon", "learn", "--min-score", "5"], &["--min-score"]),
        (
            &["pair", "--auto", "--min-confidence", "2"],
            &["--min-confidence", "0 to 1"],
        ),
        (&["nosuch"], &["nosuch", "tarjama --help"]),
        (&["show", "-1"], &["-1"]),
    ];
    for (args, needles) in cases {
        refused(&ws, args, needles);
    }
    // A command given without its subcommand shows the commands it has (on stderr), status 1.
    let o = ws.run(&["bead"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(stderr_of(&o).contains("confirm"), "{}", stderr_of(&o));
    // Help and version are answers, not errors.
    for args in [
        &["--help"][..],
        &["show", "--help"],
        &["--version"],
        &["help", "bead"],
    ] {
        let o = ws.run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(!o.stdout.is_empty(), "{args:?}");
    }
}
