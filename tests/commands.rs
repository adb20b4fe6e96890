//! Every subcommand through the real binary, each test in its own temporary workspace.

mod common;

use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

const EN_TXT: &str = "The foreign ministers met in Geneva on Monday. They discussed trade and security.\n\nThe talks will continue next week in Vienna.\n";

const AR_TXT: &str = "التقى وزراء الخارجية في جنيف يوم الاثنين. وناقشوا التجارة والأمن.\n\nوستستمر المحادثات الأسبوع المقبل في فيينا.\n";

/// HTML whose script, style and noscript text must never reach the stored document. Every piece
/// of hidden text carries the marker "zz".
const EN_HTML: &str = r#"<!DOCTYPE html>
<html><head><title>Ministry statement</title>
<style>body { color: red; } .zzstyle { margin: 0 } p::after { content: "zzStyle content." }</style>
<script>var zzTracker = "Analytics beacon sentence. Another script sentence.";</script>
<meta property="og:site_name" content="Example Outlet">
</head>
<body>
<script>document.write("zzInline script text here.");</script>
<h1>Ministers meet in Geneva</h1>
<p>The foreign ministers met in Geneva on <b>Monday</b>. They discussed trade and security.</p>
<noscript>zzNoscript please enable javascript.</noscript>
<p>The talks will continue next week.</p>
<script type="application/ld+json">{"zz": "Structured data sentence."}</script>
</body></html>
"#;

const AR_FOR_HTML: &str = "وزراء يجتمعون في جنيف\n\nالتقى وزراء الخارجية في جنيف يوم الاثنين. وناقشوا التجارة والأمن.\n\nوستستمر المحادثات الأسبوع المقبل.\n";

const EN_MD: &str = "# Talks in Vienna\n\nThe delegations met in Vienna on Tuesday. They agreed on a *joint* plan.\n\n```\nzzcode block that is not prose.\n```\n\n- The plan covers energy.\n- It also covers transport.\n";

const EN_JSON: &str = r#"{"title": "Council budget", "body": ["The council approved the budget on Friday.", "Members voted in favour of the plan."], "outlet": "Wire", "date": "2024-01-02", "url": "https://example.org/budget"}"#;

/// The first integer after `word` in `s`.
fn number_after(s: &str, word: &str) -> usize {
    let words: Vec<&str> = s.split_whitespace().collect();
    let k = words
        .iter()
        .position(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == word)
        .unwrap_or_else(|| panic!("no '{word}' in: {s}"));
    words[k + 1..]
        .iter()
        .find_map(|w| w.trim_matches(|c: char| !c.is_ascii_digit()).parse().ok())
        .unwrap_or_else(|| panic!("no number after '{word}' in: {s}"))
}

/// N in an `add` line `added document ID (LANG, N sentences): FILE`.
fn sentences_in(line: &str) -> usize {
    let words: Vec<&str> = line.split_whitespace().collect();
    let k = words
        .iter()
        .position(|w| w.starts_with("sentences"))
        .unwrap_or_else(|| panic!("no sentence count in: {line}"));
    words[k - 1]
        .parse()
        .unwrap_or_else(|_| panic!("no sentence count in: {line}"))
}

/// (beads, flags) from an `align` line `pair N: B beads, F flags[, M moved pairs]`.
fn align_counts(line: &str) -> (usize, usize) {
    let l = line.trim();
    let after = l.split_once(':').map(|x| x.1).unwrap_or(l);
    let nums: Vec<usize> = after
        .split_whitespace()
        .filter_map(|w| w.trim_end_matches(',').parse().ok())
        .collect();
    let expected = if after.contains("moved pair") { 3 } else { 2 };
    assert!(
        after.contains("beads") && after.contains("flags") && nums.len() == expected,
        "align line: {line}"
    );
    (nums[0], nums[1])
}

fn documents(ws: &Ws) -> Vec<Value> {
    json_lines(&ws.ok(&["list", "documents", "--json"]))
}

fn dev(name: &str) -> std::path::PathBuf {
    corpora_dir().join(name)
}

/// Workspace with dev-01 (pair 1) and dev-02 (pair 2) added, paired and aligned (one `align
/// --all`, which prints one line per pair).
fn two_pairs() -> Ws {
    let ws = Ws::new();
    let mut args: Vec<std::ffi::OsString> = vec!["add".into()];
    for p in ["dev-01", "dev-02"] {
        args.push(dev(p).join("en.txt").into());
        args.push(dev(p).join("ar.txt").into());
    }
    ws.ok(&args);
    ws.ok(&["pair", "2", "1"]);
    ws.ok(&["pair", "4", "3"]);
    let out = ws.ok(&["align", "--all"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("pair 1:") && lines[1].starts_with("pair 2:"),
        "{out}"
    );
    ws
}

#[test]
fn init_creates_then_reports_existing() {
    let ws = Ws::uninit();
    let out = ws.ok(&["init"]);
    assert!(out.contains("created workspace"), "{out}");
    assert!(ws.db.is_file());
    let before = std::fs::read(&ws.db).unwrap();
    assert!(before.starts_with(b"SQLite format 3\0"));
    let out = ws.ok(&["init"]);
    assert!(out.contains("already exists"), "{out}");
    assert!(!out.contains("created"), "{out}");
    assert!(
        std::fs::read(&ws.db).unwrap() == before,
        "second init changed the file"
    );
    // The workspace is usable and empty.
    assert!(documents(&ws).is_empty());
}

#[test]
fn workspace_from_environment() {
    let ws = Ws::uninit();
    let en = ws.write("en.txt", EN_TXT);
    tarjama()
        .current_dir(ws.dir.path())
        .env("TARJAMA_DB", &ws.db)
        .arg("init")
        .assert()
        .success();
    assert!(ws.db.is_file(), "TARJAMA_DB names the workspace");
    tarjama()
        .current_dir(ws.dir.path())
        .env("TARJAMA_DB", &ws.db)
        .arg("add")
        .arg(&en)
        .assert()
        .success();
    assert_eq!(documents(&ws).len(), 1);
    assert!(
        !ws.path("tarjama.db").exists(),
        "default workspace not used"
    );
}

#[test]
fn add_every_format_with_language_detection() {
    let ws = Ws::new();
    let en_txt = ws.write("statement.txt", EN_TXT);
    let ar_txt = ws.write("article.txt", AR_TXT);
    let md = ws.write("talks.md", EN_MD);
    let html = ws.write("page.html", EN_HTML);
    let json = ws.write("budget.json", EN_JSON);
    let out = ws.ok(&[
        "add".as_ref(),
        en_txt.as_os_str(),
        ar_txt.as_os_str(),
        md.as_os_str(),
        html.as_os_str(),
        json.as_os_str(),
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "{out}");
    for (line, (lang, file)) in lines.iter().zip([
        ("en", "statement.txt"),
        ("ar", "article.txt"),
        ("en", "talks.md"),
        ("en", "page.html"),
        ("en", "budget.json"),
    ]) {
        assert!(line.starts_with("added document"), "{line}");
        assert!(line.contains(&format!("({lang},")), "{line}");
        assert!(line.ends_with(file), "{line}");
    }

    let docs = documents(&ws);
    assert_eq!(docs.len(), 5);
    let ids: Vec<i64> = docs.iter().map(|d| d["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![1, 2, 3, 4, 5]);
    let langs: Vec<&str> = docs.iter().map(|d| d["lang"].as_str().unwrap()).collect();
    assert_eq!(langs, vec!["en", "ar", "en", "en", "en"]);
    let sents: Vec<i64> = docs
        .iter()
        .map(|d| d["sentences"].as_i64().unwrap())
        .collect();
    // txt: 3; ar: 3; md: heading + 2 + 2 list items (code block dropped) = 5;
    // html: h1 + 2 + 1 (script/style/noscript dropped) = 4; json: 2.
    assert_eq!(sents, vec![3, 3, 5, 4, 2]);
    for (k, d) in docs.iter().enumerate() {
        assert_eq!(
            d["sentences"].as_i64().unwrap() as usize,
            sentences_in(lines[k]),
            "add line and list agree: {}",
            lines[k]
        );
    }
    assert_eq!(docs[2]["title"], "Talks in Vienna");
    assert_eq!(docs[3]["title"], "Ministry statement");
    assert_eq!(docs[3]["outlet"], "Example Outlet");
    assert_eq!(docs[4]["title"], "Council budget");
    assert_eq!(docs[4]["outlet"], "Wire");
    assert_eq!(docs[4]["date"], "2024-01-02");
    assert_eq!(docs[4]["url"], "https://example.org/budget");
}

#[test]
fn add_html_drops_script_and_style_text() {
    let ws = Ws::new();
    let html = ws.write("page.html", EN_HTML);
    let ar = ws.write("ar.txt", AR_FOR_HTML);
    let out = ws.ok(&["add".as_ref(), html.as_os_str(), ar.as_os_str()]);
    assert!(out.contains("(en, 4 sentences)"), "{out}");
    ws.ok(&["pair", "2", "1"]);
    ws.ok(&["align", "1"]);
    let report = ws.json(&["report", "1", "--format", "json"]);
    let src: Vec<&str> = report["source"]["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(
        src,
        vec![
            "Ministers meet in Geneva",
            "The foreign ministers met in Geneva on Monday.",
            "They discussed trade and security.",
            "The talks will continue next week.",
        ]
    );
    for (what, text) in [
        ("show", ws.ok(&["show", "1"])),
        (
            "export",
            ws.ok(&["export", "--format", "tsv", "--include-unaligned"]),
        ),
        ("report", report.to_string()),
    ] {
        for hidden in ["zz", "Analytics", "script", "color: red", "javascript"] {
            assert!(
                !text.contains(hidden),
                "{what} output contains hidden text '{hidden}':\n{text}"
            );
        }
    }
}

#[test]
fn add_with_metadata_options_and_format_override() {
    let ws = Ws::new();
    // JSON content in a .txt file: only --format json reads it as JSON.
    let f = ws.write("feed.txt", r#"[{"text": "The first report was published today."}, {"text": "The second report followed a week later."}]"#);
    let out = ws.ok(&[
        "add".as_ref(),
        f.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
        "--title".as_ref(),
        "Feed".as_ref(),
        "--date".as_ref(),
        "2023-08-08".as_ref(),
        "--url".as_ref(),
        "https://example.org/feed".as_ref(),
        "--outlet".as_ref(),
        "Agency".as_ref(),
        "--lang".as_ref(),
        "en".as_ref(),
    ]);
    assert_eq!(
        out.lines().count(),
        2,
        "a JSON array adds one document per item: {out}"
    );
    let docs = documents(&ws);
    assert_eq!(docs.len(), 2);
    for d in &docs {
        assert_eq!(d["lang"], "en");
        assert_eq!(d["title"], "Feed");
        assert_eq!(d["date"], "2023-08-08");
        assert_eq!(d["url"], "https://example.org/feed");
        assert_eq!(d["outlet"], "Agency");
        assert_eq!(d["sentences"], 1);
    }
    // Arabic declared as Arabic is accepted.
    let ar = ws.write("ar.txt", AR_TXT);
    let out = ws.ok(&[
        "add".as_ref(),
        ar.as_os_str(),
        "--lang".as_ref(),
        "ar".as_ref(),
    ]);
    assert!(out.contains("(ar, 3 sentences)"), "{out}");
}

#[test]
fn add_same_content_twice_is_stored_once() {
    let ws = Ws::new();
    let a = ws.write("a.txt", EN_TXT);
    let out = ws.ok(&["add".as_ref(), a.as_os_str()]);
    assert!(out.starts_with("added document 1"), "{out}");
    let out = ws.ok(&["add".as_ref(), a.as_os_str()]);
    assert!(out.contains("already stored"), "{out}");
    assert_eq!(added_id(&out), 1);
    // Same content under another name, with other line endings and spacing.
    let b = ws.write("b.txt", EN_TXT.replace('\n', "\r\n").replace(". ", ".   "));
    let out = ws.ok(&["add".as_ref(), b.as_os_str()]);
    assert!(out.contains("already stored"), "{out}");
    assert_eq!(added_id(&out), 1);
    // Both in one call.
    let out = ws.ok(&["add".as_ref(), a.as_os_str(), b.as_os_str()]);
    assert_eq!(out.matches("already stored").count(), 2, "{out}");
    assert_eq!(documents(&ws).len(), 1);
    // Different content is new.
    let c = ws.write("c.txt", AR_TXT);
    let out = ws.ok(&["add".as_ref(), c.as_os_str()]);
    assert!(out.starts_with("added document 2"), "{out}");
    assert_eq!(documents(&ws).len(), 2);
}

#[test]
fn pair_and_align_are_idempotent() {
    let ws = Ws::new();
    let d = dev("dev-02");
    ws.ok(&["add".as_ref(), d.join("en.txt").as_os_str()]);
    ws.ok(&["add".as_ref(), d.join("ar.txt").as_os_str()]);
    let out = ws.ok(&["pair", "2", "1"]);
    assert!(out.starts_with("pair 1:"), "{out}");
    assert!(
        out.contains("article 2") && out.contains("source 1"),
        "{out}"
    );
    let out = ws.ok(&["pair", "2", "1"]);
    assert!(out.contains("already"), "{out}");
    let pairs = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    assert_eq!(pairs.len(), 1);
    assert!(pairs[0]["aligned_at"].is_null(), "not aligned yet");

    let first = ws.ok(&["align", "1"]);
    assert_eq!(first.lines().count(), 1, "{first}");
    assert!(first.starts_with("pair 1:"), "{first}");
    let (beads, flags) = align_counts(first.lines().next().unwrap());
    assert!(beads > 0);
    assert!(flags > 0, "dev-02 is a rewrite with divergences");
    let report1 = ws.json(&["report", "1", "--format", "json"]);
    assert_eq!(report1["beads"].as_array().unwrap().len(), beads);
    assert_eq!(report1["flags"].as_array().unwrap().len(), flags);
    let pairs = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    assert_eq!(pairs[0]["beads"].as_u64().unwrap() as usize, beads);
    assert_eq!(pairs[0]["flags"].as_u64().unwrap() as usize, flags);
    assert!(pairs[0]["aligned_at"].is_string());
    let flag_list1 = json_lines(&ws.ok(&["flags", "--json"]));
    assert_eq!(flag_list1.len(), flags);

    // Again (--all is the only pair): the same numbers, the same beads and flags, nothing
    // duplicated.
    let second = ws.ok(&["align", "--all"]);
    assert_eq!(second, first);
    let report2 = ws.json(&["report", "1", "--format", "json"]);
    assert_eq!(report2, report1);
    let flag_list2 = json_lines(&ws.ok(&["flags", "--json"]));
    assert_eq!(flag_list2.len(), flags);
    // The same flags (their row ids may be new).
    let without_id = |v: &[Value]| -> Vec<Value> {
        v.iter()
            .map(|f| {
                let mut f = f.clone();
                f.as_object_mut().unwrap().remove("id");
                f
            })
            .collect()
    };
    assert_eq!(without_id(&flag_list2), without_id(&flag_list1));
    assert_eq!(json_lines(&ws.ok(&["list", "pairs", "--json"])).len(), 1);
}

#[test]
fn show_and_report() {
    let ws = Ws::new();
    ws.add_corpus_pair(&dev("jscd-2023"));
    show_prints_beads_and_flags(&ws);
    report_text_json_html(&ws);
}

fn show_prints_beads_and_flags(ws: &Ws) {
    let report = ws.json(&["report", "1", "--format", "json"]);
    let n_src = report["source"]["sentences"].as_array().unwrap().len();
    let n_tgt = report["target"]["sentences"].as_array().unwrap().len();
    let n_beads = report["beads"].as_array().unwrap().len();
    let n_flags = report["flags"].as_array().unwrap().len();
    let out = ws.ok(&["show", "1"]);
    assert!(out.starts_with("Pair 1:"), "{out}");
    assert!(
        out.contains(&format!(
            "{n_src} English sentences, {n_tgt} Arabic sentences, {n_beads} beads, {n_flags} flags"
        )),
        "{out}"
    );
    // Sentence lines are `  EN   3 | text`; a missing side is `  EN     | —`.
    let sentence_lines = |tag: &str| {
        out.lines()
            .filter(|l| {
                l.trim_start()
                    .strip_prefix(tag)
                    .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            })
            .count()
    };
    assert_eq!(sentence_lines("EN"), n_src);
    assert_eq!(sentence_lines("AR"), n_tgt);
    assert_eq!(
        out.lines()
            .filter(|l| l.trim_start().starts_with("! "))
            .count(),
        n_flags
    );
    assert!(out.contains("Summary"));
    assert!(!out.contains('\x1b'), "no colour when not a terminal");
    let out_app = ws.ok(&["show", "1", "--rtl", "app"]);
    assert_eq!(out_app.lines().count(), out.lines().count());
}

/// One workspace with two aligned pairs serves `list`, `flags` and `export` (aligning is the
/// slow step in a debug build).
#[test]
fn list_flags_export_on_two_pairs() {
    let ws = two_pairs();
    list_documents_pairs_flags(&ws);
    flags_with_filters(&ws);
    export_tsv_jsonl_moses(&ws);
}

fn list_documents_pairs_flags(ws: &Ws) {
    let text = ws.ok(&["list"]);
    assert_eq!(
        text,
        ws.ok(&["list", "documents"]),
        "documents is the default"
    );
    assert_eq!(text.lines().count(), 1 + 4, "header + 4 documents:\n{text}");
    assert!(
        text.contains("dev-01/en.txt") && text.contains("dev-02/ar.txt"),
        "{text}"
    );
    let docs = documents(ws);
    assert_eq!(docs.len(), 4);
    for d in &docs {
        for key in ["id", "lang", "sentences", "origin", "content_hash"] {
            assert!(d.get(key).is_some(), "document without {key}: {d}");
        }
    }
    let en: Vec<usize> = docs
        .iter()
        .filter(|d| d["lang"] == "en")
        .map(|d| d["sentences"].as_u64().unwrap() as usize)
        .collect();
    assert_eq!(
        en,
        vec![
            sents(&dev("dev-01").join("en.sents")).len(),
            sents(&dev("dev-02").join("en.sents")).len()
        ]
    );

    let text = ws.ok(&["list", "pairs"]);
    assert_eq!(text.lines().count(), 1 + 2, "{text}");
    let pairs = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0]["article_id"], 2);
    assert_eq!(pairs[0]["source_id"], 1);
    assert_eq!(pairs[1]["article_id"], 4);
    assert_eq!(pairs[1]["source_id"], 3);

    let flags = json_lines(&ws.ok(&["list", "flags", "--json"]));
    let total: u64 = pairs.iter().map(|p| p["flags"].as_u64().unwrap()).sum();
    assert_eq!(flags.len() as u64, total);
    assert!(!flags.is_empty());
    for f in &flags {
        for key in [
            "id", "pair_id", "kind", "severity", "src", "tgt", "reason", "status",
        ] {
            assert!(f.get(key).is_some(), "flag without {key}: {f}");
        }
    }
    let text = ws.ok(&["list", "flags"]);
    assert_eq!(text.lines().count(), flags.len(), "{text}");
}

#[test]
fn list_on_empty_workspace() {
    let ws = Ws::new();
    assert!(ws.ok(&["list", "documents", "--json"]).trim().is_empty());
    assert!(ws.ok(&["list", "pairs", "--json"]).trim().is_empty());
    assert!(ws.ok(&["list", "flags", "--json"]).trim().is_empty());
    assert!(ws.ok(&["list"]).contains("no documents"));
    assert!(ws.ok(&["list", "pairs"]).contains("no pairs"));
    assert!(ws.ok(&["list", "flags"]).contains("no flags"));
}

fn report_text_json_html(ws: &Ws) {
    let json = ws.json(&["report", "1", "--format", "json"]);
    for key in ["source", "target", "beads", "flags"] {
        assert!(json.get(key).is_some(), "report JSON without {key}");
    }
    assert_eq!(json["source"]["lang"], "en");
    assert_eq!(json["target"]["lang"], "ar");
    let n_flags = json["flags"].as_array().unwrap().len();
    assert!(n_flags > 0);

    let text = ws.ok(&["report", "1"]);
    assert!(text.starts_with("Pair 1:"), "{text}");
    assert!(text.contains("Summary"));
    assert!(text.contains("insertion"));
    assert_eq!(text, ws.ok(&["report", "1", "--format", "text"]));

    let html = ws.ok(&["report", "1", "--format", "html"]);
    assert!(
        html.trim_start().starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..100]
    );
    assert!(html.contains("dir=\"rtl\""));
    assert!(html.contains("<mark"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(
        !html.contains("<script"),
        "self-contained page without scripts"
    );

    // --out writes the same document to a file and nothing to stdout.
    let out = ws.path("report.html");
    let o = ws.run(&[
        "report".as_ref(),
        "1".as_ref(),
        "--format".as_ref(),
        "html".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), html);
    let out = ws.path("report.json");
    ws.ok(&[
        "report".as_ref(),
        "1".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
    ]);
    let from_file: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(from_file, json);
}

fn flags_with_filters(ws: &Ws) {
    let all = json_lines(&ws.ok(&["flags", "--json"]));
    assert!(!all.is_empty());
    assert!(
        all.iter().all(|f| f["pair_id"] == 2),
        "dev-01 is faithful: no flags"
    );
    let text = ws.ok(&["flags"]);
    assert_eq!(text.lines().count(), all.len());
    assert!(text.lines().all(|l| l.starts_with("flag ")), "{text}");

    let mut by_kind = 0;
    for kind in FLAG_KINDS {
        let some = json_lines(&ws.ok(&["flags", "--kind", kind, "--json"]));
        assert!(some.iter().all(|f| f["kind"] == kind), "--kind {kind}");
        assert_eq!(some.len(), all.iter().filter(|f| f["kind"] == kind).count());
        by_kind += some.len();
    }
    assert_eq!(by_kind, all.len());
    let mut by_sev = 0;
    for sev in ["low", "medium", "high"] {
        let some = json_lines(&ws.ok(&["flags", "--severity", sev, "--json"]));
        assert!(
            some.iter().all(|f| f["severity"] == sev),
            "--severity {sev}"
        );
        assert_eq!(
            some.len(),
            all.iter().filter(|f| f["severity"] == sev).count()
        );
        by_sev += some.len();
    }
    assert_eq!(by_sev, all.len());

    assert_eq!(
        json_lines(&ws.ok(&["flags", "--pair", "2", "--json"])).len(),
        all.len()
    );
    assert!(ws.ok(&["flags", "--pair", "1", "--json"]).trim().is_empty());
    assert!(ws.ok(&["flags", "--pair", "1"]).contains("no flags"));
    let combo = json_lines(&ws.ok(&[
        "flags",
        "--pair",
        "2",
        "--kind",
        "insertion",
        "--severity",
        "high",
        "--json",
    ]));
    assert_eq!(
        combo.len(),
        all.iter()
            .filter(|f| f["kind"] == "insertion" && f["severity"] == "high")
            .count()
    );
    assert!(!combo.is_empty(), "dev-02 has high-severity insertions");

    // Unknown values are refused by the argument parser.
    let o = ws.run(&["flags", "--kind", "typo"]);
    assert!(!o.status.success());
    assert!(stderr_of(&o).contains("typo"));
    let o = ws.run(&["flags", "--severity", "urgent"]);
    assert!(!o.status.success());
}

/// The count in the `exported N beads` message.
fn exported(o: &std::process::Output) -> usize {
    number_after(&stderr_of(o), "exported")
}

fn export_tsv_jsonl_moses(ws: &Ws) {
    let pairs = json_lines(&ws.ok(&["list", "pairs", "--json"]));
    let total_beads: usize = pairs
        .iter()
        .map(|p| p["beads"].as_u64().unwrap() as usize)
        .sum();
    let reports: Vec<Value> = (1..=2)
        .map(|p| ws.json(&["report", &p.to_string(), "--format", "json"]))
        .collect();
    let aligned_beads: usize = reports
        .iter()
        .flat_map(|r| r["beads"].as_array().unwrap())
        .filter(|b| {
            !b["src"].as_array().unwrap().is_empty() && !b["tgt"].as_array().unwrap().is_empty()
        })
        .count();
    assert!(aligned_beads < total_beads, "dev-02 has unaligned beads");

    // TSV
    let o = ws.run(&["export", "--format", "tsv"]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    let tsv = stdout_of(&o);
    assert!(tsv.ends_with('\n'));
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines.len(), aligned_beads);
    assert_eq!(exported(&o), aligned_beads);
    for l in &lines {
        let f: Vec<&str> = l.split('\t').collect();
        assert_eq!(f.len(), 5, "five fields: {l:?}");
        assert!(!f[0].is_empty() && !f[1].is_empty(), "{l:?}");
        assert!(!l.contains('\r'), "{l:?}");
        let score: f64 = f[2].parse().unwrap_or_else(|_| panic!("score: {l:?}"));
        assert!((0.0..=1.0).contains(&score), "{l:?}");
        assert_eq!(f[3], "automatic", "fresh alignment: {l:?}");
        assert!(["1", "2"].contains(&f[4]), "pair id: {l:?}");
    }

    // JSONL
    let o = ws.run(&["export", "--format", "jsonl"]);
    assert!(o.status.success());
    let rows = json_lines(&stdout_of(&o));
    assert_eq!(rows.len(), aligned_beads);
    assert_eq!(stdout_of(&o).lines().count(), aligned_beads);
    for r in &rows {
        for key in [
            "pair", "bead", "src_ids", "tgt_ids", "source", "target", "score", "status", "flags",
        ] {
            assert!(r.get(key).is_some(), "row without {key}: {r}");
        }
    }
    // Sentences joined per side match the report.
    for r in &rows {
        let rep = &reports[r["pair"].as_i64().unwrap() as usize - 1];
        let join = |ids: &Value, side: &str| -> String {
            ids.as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    rep[side]["sentences"][i.as_u64().unwrap() as usize]
                        .as_str()
                        .unwrap()
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            collapse(r["source"].as_str().unwrap()),
            collapse(&join(&r["src_ids"], "source"))
        );
        assert_eq!(
            collapse(r["target"].as_str().unwrap()),
            collapse(&join(&r["tgt_ids"], "target"))
        );
    }

    // --include-unaligned adds the insertions and omissions.
    let o = ws.run(&["export", "--format", "jsonl", "--include-unaligned"]);
    let all_rows = json_lines(&stdout_of(&o));
    assert_eq!(all_rows.len(), total_beads);
    assert!(all_rows.len() > rows.len());
    assert_eq!(exported(&o), total_beads);
    let tsv_all = ws.ok(&["export", "--format", "tsv", "--include-unaligned"]);
    assert_eq!(tsv_all.lines().count(), total_beads);
    assert!(tsv_all.lines().all(|l| l.split('\t').count() == 5));

    // --pair restricts; repeatable.
    let only1 = json_lines(&ws.ok(&["export", "--format", "jsonl", "--pair", "1"]));
    assert!(!only1.is_empty());
    assert!(only1.iter().all(|r| r["pair"] == 1));
    let both = json_lines(&ws.ok(&["export", "--format", "jsonl", "--pair", "1", "--pair", "2"]));
    assert_eq!(both.len(), rows.len());

    // Moses: two line-aligned files.
    let prefix = ws.path("corpus");
    let o = ws.run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "moses".as_ref(),
        "--out".as_ref(),
        prefix.as_os_str(),
    ]);
    assert!(o.status.success(), "{}", stderr_of(&o));
    let en = std::fs::read_to_string(ws.path("corpus.en")).unwrap();
    let ar = std::fs::read_to_string(ws.path("corpus.ar")).unwrap();
    assert_eq!(en.lines().count(), ar.lines().count());
    assert_eq!(en.lines().count(), aligned_beads);
    assert!(en
        .lines()
        .chain(ar.lines())
        .all(|l| !l.trim().is_empty() && !l.contains('\t')));
    let first = lines[0].split('\t').collect::<Vec<_>>();
    assert_eq!(en.lines().next().unwrap(), first[0]);
    assert_eq!(ar.lines().next().unwrap(), first[1]);
    // Moses without --out is refused.
    let o = ws.run(&["export", "--format", "moses"]);
    assert!(!o.status.success());

    // --out for tsv writes the same as stdout.
    let f = ws.path("out.tsv");
    let o = ws.run(&[
        "export".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
        "--out".as_ref(),
        f.as_os_str(),
    ]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&f).unwrap(), tsv);
}

#[test]
fn check_html() {
    let d = dev("jscd-2023");
    let o = tarjama()
        .arg("check")
        .arg(d.join("en.txt"))
        .arg(d.join("ar.txt"))
        .args(["--format", "html", "--no-system-lexicon"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    let html = stdout_of(&o);
    assert!(html.trim_start().starts_with("<!DOCTYPE html>"));
    assert!(html.contains("dir=\"rtl\"") && html.contains("<mark"));
    assert!(html.contains("insertion"));
}

#[test]
fn eval_text_json_segmentation() {
    let corpora = corpora_dir();
    let n = pair_dirs().len();
    let o = tarjama().arg("eval").arg(&corpora).output().unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    let text = stdout_of(&o);
    for d in pair_dirs() {
        assert!(text.lines().any(|l| l.starts_with(&name_of(&d))), "{text}");
    }
    assert!(text.lines().any(|l| l.starts_with("mean")), "{text}");
    assert!(text.contains("lowest bead F1"), "{text}");

    let o = tarjama()
        .arg("eval")
        .arg(&corpora)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout_of(&o)).expect("eval --json is JSON");
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), n);
    let mut min = f64::INFINITY;
    for p in pairs {
        for m in ["bead", "link"] {
            for k in ["p", "r", "f1"] {
                let x = p[m][k].as_f64().unwrap();
                assert!((0.0..=1.0).contains(&x), "{p}");
            }
        }
        min = min.min(p["bead"]["f1"].as_f64().unwrap());
    }
    assert!((v["min_bead_f1"].as_f64().unwrap() - min).abs() < 1e-9);
    assert!(v["mean"]["bead"]["f1"].as_f64().unwrap() >= min);

    // Segmentation, text and JSON.
    let o = tarjama()
        .arg("eval")
        .arg(&corpora)
        .arg("--segmentation")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    let text = stdout_of(&o);
    assert!(
        text.lines()
            .any(|l| l.starts_with("overall") && l.contains("F1")),
        "{text}"
    );
    let o = tarjama()
        .arg("eval")
        .arg(&corpora)
        .args(["--segmentation", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let v: Value = serde_json::from_str(&stdout_of(&o)).unwrap();
    assert_eq!(v["pairs"].as_array().unwrap().len(), n);
    let f1 = v["overall"]["f1"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&f1));
    for p in v["pairs"].as_array().unwrap() {
        assert!(p["boundary"]["f1"].as_f64().is_some(), "{p}");
    }
}

#[test]
fn lexicon_import_and_list() {
    let ws = Ws::new();
    let before = ws.ok(&["lexicon", "list"]);
    assert!(before.contains("built-in glossary"), "{before}");
    assert_eq!(before.lines().count(), 1, "{before}");
    let tsv = ws.write(
        "glossary.tsv",
        "ceasefire\tوقف إطلاق النار\nsummit\tقمة|مؤتمر قمة\nhostage\tرهينة\n",
    );
    let out = ws.ok(&["lexicon".as_ref(), "import".as_ref(), tsv.as_os_str()]);
    assert!(
        out.contains("imported 3 entries") && out.contains("glossary.tsv"),
        "{out}"
    );
    let out = ws.ok(&[
        "lexicon".as_ref(),
        "import".as_ref(),
        tsv.as_os_str(),
        "--name".as_ref(),
        "newsroom".as_ref(),
        "--format".as_ref(),
        "tsv".as_ref(),
    ]);
    assert!(out.contains("'newsroom'"), "{out}");
    // Re-importing a name replaces it rather than adding a second copy.
    ws.ok(&[
        "lexicon".as_ref(),
        "import".as_ref(),
        tsv.as_os_str(),
        "--name".as_ref(),
        "newsroom".as_ref(),
    ]);
    let list = ws.ok(&["lexicon", "list"]);
    assert!(list.contains("built-in glossary"), "{list}");
    assert!(
        list.lines()
            .any(|l| l.starts_with("glossary.tsv") && l.contains("3 entries")),
        "{list}"
    );
    assert!(
        list.lines()
            .any(|l| l.starts_with("newsroom") && l.contains("3 entries")),
        "{list}"
    );
    assert_eq!(list.lines().count(), 3, "{list}");
}

#[test]
fn demo_runs_the_seed_pair() {
    let dir = tempfile::tempdir().unwrap();
    let o = tarjama()
        .current_dir(dir.path())
        .arg("demo")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr_of(&o));
    let out = stdout_of(&o);
    let db = dir.path().join("tarjama-demo.db");
    assert!(db.is_file(), "demo creates ./tarjama-demo.db");
    assert!(!dir.path().join("tarjama.db").exists());
    assert!(out.contains("Summary"), "{out}");
    assert!(out.contains("tarjama-demo.db"), "{out}");
    let insertion_lines = out.lines().filter(|l| l.contains("! insertion")).count();
    assert!(
        insertion_lines >= 5,
        "at least five insertions printed:\n{out}"
    );

    let report = tarjama()
        .current_dir(dir.path())
        .args(["report", "1", "--format", "json", "--db", "tarjama-demo.db"])
        .output()
        .unwrap();
    assert!(report.status.success(), "{}", stderr_of(&report));
    let v: Value = serde_json::from_str(&stdout_of(&report)).unwrap();
    let insertion_tgt: BTreeSet<u64> = v["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "insertion")
        .flat_map(|f| {
            f["tgt"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_u64().unwrap())
        })
        .collect();
    for j in [0, 1, 2, 4, 25] {
        assert!(
            insertion_tgt.contains(&j),
            "no insertion flag on Arabic sentence {j}: {insertion_tgt:?}"
        );
    }
    // The printed report and the stored one agree.
    let flags = v["flags"].as_array().unwrap().len();
    assert!(out.contains(&format!("{flags} flags")), "{out}");

    // The workspace holds the seed pair: two documents, one pair.
    let pairs = tarjama()
        .current_dir(dir.path())
        .args(["--db", "tarjama-demo.db", "list", "pairs", "--json"])
        .output()
        .unwrap();
    assert_eq!(json_lines(&stdout_of(&pairs)).len(), 1);
    let docs = tarjama()
        .current_dir(dir.path())
        .args(["--db", "tarjama-demo.db", "list", "documents", "--json"])
        .output()
        .unwrap();
    assert_eq!(json_lines(&stdout_of(&docs)).len(), 2);
}
