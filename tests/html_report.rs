//! The HTML report in a real browser: headless Chromium loads the self-contained page, and the
//! DOM it builds must hold the highlighted spans with their reasons. A screenshot is written under
//! target/ (never into the repository).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn chromium() -> Option<PathBuf> {
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

fn chromium_cmd(bin: &Path, profile: &Path) -> std::process::Command {
    let mut c = std::process::Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

#[test]
fn html_report_renders_highlighted_spans_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/jscd-2023");
    let out = Command::cargo_bin("tarjama")
        .unwrap()
        .env("TARJAMA_NO_MODEL", "1")
        .arg("check")
        .arg(corpus.join("en.txt"))
        .arg(corpus.join("ar.txt"))
        .args(["--format", "html", "--no-system-lexicon"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    // Self-contained: no scripts, no external fetches.
    assert!(!html.contains("<script"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    let page = dir.path().join("report.html");
    std::fs::write(&page, &html).unwrap();
    let Some(bin) = chromium() else {
        eprintln!("chromium not installed: skipping the browser check (CI installs it)");
        return;
    };
    let dom = chromium_cmd(&bin, &dir.path().join("profile"))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    // The browser parsed the page into a DOM with the bead table, RTL Arabic cells and marks.
    assert!(
        dom.contains("<table class=\"beads\">"),
        "no bead table in DOM"
    );
    assert!(dom.contains("dir=\"rtl\""));
    let marks: Vec<&str> = dom
        .match_indices("<mark class=\"flag ")
        .map(|(i, _)| &dom[i..])
        .collect();
    assert!(!marks.is_empty(), "no highlighted spans in the DOM");
    // The commentary appended to the lead sentence is highlighted as an insertion with its reason.
    assert!(
        marks
            .iter()
            .any(|m| m.starts_with("<mark class=\"flag insertion high\"")
                && m[..m.find("</mark>").unwrap()].contains("بحجة واهية")),
        "the appended commentary is not highlighted"
    );
    // The ISF rendering is highlighted as a mistranslation.
    assert!(
        marks
            .iter()
            .any(|m| m.starts_with("<mark class=\"flag mistranslation")
                && m[..m.find("</mark>").unwrap()].contains("قوى الأمن الداخلي")),
        "the ISF mistranslation is not highlighted"
    );
    assert!(
        dom.contains("title=\"insertion: "),
        "reasons are not on hover"
    );
    assert!(dom.contains("class=\"legend\""));
    // A screenshot for people to look at, kept out of the repository.
    let shots = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join("jscd-2023-report.png");
    let shot = chromium_cmd(&bin, &dir.path().join("profile2"))
        .arg(format!("--screenshot={}", png.display()))
        .arg("--window-size=1400,2400")
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(shot.status.success());
    assert!(std::fs::metadata(&png)
        .map(|m| m.len() > 10_000)
        .unwrap_or(false));
}
