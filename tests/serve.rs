//! `tarjama serve`: the real binary on a free port, over HTTP (pages, CSRF, escaping, stale
//! pages, the access token, load) and in the system's headless Chromium driven over the
//! DevTools protocol (review with the keys, a flag dismissed with a note, undo, search, export,
//! screenshots; injected script never runs). The workspace is checked afterwards with the CLI.

mod common;
#[path = "serve_support/mod.rs"]
mod support;

use common::{skip, Ws};
use serde_json::Value;
use support::cdp::{chromium, Browser};
use support::{enc, get, post, request, say, screenshot_dir, tokens, Server};

/// The demo workspace (the seed pair, aligned and flagged).
fn demo() -> Ws {
    let ws = Ws::uninit();
    let o = common::tarjama()
        .arg("demo")
        .arg("--db")
        .arg(&ws.db)
        .current_dir(ws.dir.path())
        .output()
        .expect("demo runs");
    assert!(o.status.success(), "demo: {}", common::stderr_of(&o));
    ws
}

/// The ids of pair 1's beads with their statuses, from `tarjama bead list 1`.
fn bead_statuses(ws: &Ws) -> Vec<(i64, String)> {
    ws.ok(&["bead", "list", "1"])
        .lines()
        .filter_map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            (w.first() == Some(&"bead")).then(|| (w[1].parse().expect("bead id"), w[4].to_string()))
        })
        .collect()
}

fn flag_json(ws: &Ws, id: i64) -> Value {
    common::json_lines(&ws.ok(&["flags", "--all", "--json"]))
        .into_iter()
        .find(|f| f["id"].as_i64() == Some(id))
        .unwrap_or_else(|| panic!("flag {id} listed"))
}

/// What an untrusted article can carry: markup, an attribute break-out, a bidi override and a
/// very long word. Each `window.__xss` assignment would prove that markup ran.
const SCRIPT: &str = "<script>window.__xss=1;alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=\"window.__xss=2\">";

/// dev-01 with the payloads in both documents and in the Arabic title; paired and aligned.
fn hostile() -> Ws {
    let ws = Ws::new();
    let d = common::corpora_dir().join("dev-01");
    let en = std::fs::read_to_string(d.join("en.txt")).expect("en.txt");
    let ar = std::fs::read_to_string(d.join("ar.txt")).expect("ar.txt");
    let long = "A".repeat(3000);
    let en = format!(
        "{en}\n\nThe minister said {SCRIPT} and {IMG} while the file \u{202E}gnp.exe was {long} shown.\n"
    );
    let ar = format!(
        "{ar}\n\nوقال الوزير {SCRIPT} إن الاتفاق {IMG} مهم \u{202E}جدا للعراق والولايات المتحدة.\n"
    );
    let en = ws.write("en.txt", en);
    let ar = ws.write("ar.txt", ar);
    ws.ok(&[
        std::ffi::OsString::from("add"),
        en.into_os_string(),
        "--title".into(),
        format!("Statement {SCRIPT}").into(),
    ]);
    ws.ok(&[
        std::ffi::OsString::from("add"),
        ar.into_os_string(),
        "--title".into(),
        format!("مقال {IMG}").into(),
    ]);
    ws.ok(&["pair", "2", "1"]);
    ws.ok(&["align", "1"]);
    ws
}

#[test]
fn every_page_answers_with_the_security_headers() {
    let ws = demo();
    let s = Server::start(&ws.db, &[]);
    assert!(s.url.starts_with("http://127.0.0.1:"), "{}", s.url);
    for path in [
        "/",
        "/pairs/1",
        "/search?q=security",
        "/search?q=%D8%A7%D9%84%D8%A3%D9%85%D9%86",
        "/search",
        "/flags",
        "/flags?kind=insertion&severity=high&status=all&pair=1",
        "/export",
        "/assets/app.js",
        "/assets/app.css",
    ] {
        let r = get(&s.host, path);
        assert_eq!(r.status, 200, "GET {path}: {}", r.text());
        let csp = r.header("content-security-policy").expect("CSP header");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("script-src 'self'"),
            "{csp}"
        );
        assert!(!csp.contains("unsafe-inline"), "{csp}");
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    }
    // The pair page: both languages side by side, the Arabic right to left.
    let page = get(&s.host, "/pairs/1").text();
    assert!(page.contains("<td class=\"ar\" lang=\"ar\" dir=\"rtl\">"));
    assert!(page.contains("<td class=\"en\" lang=\"en\" dir=\"ltr\">"));
    assert!(
        page.contains("<mark class=\"flag high"),
        "flagged spans highlighted"
    );
    assert!(page.contains("data-status=\"automatic\""));
    // The search finds the seed's "security" with the aligned Arabic.
    let search = get(&s.host, "/search?q=security").text();
    assert!(search.contains("<mark class=\"hit\">"), "{search}");
    assert!(search.contains("/pairs/1#bead-"));
    // Every export format downloads, with the filters.
    for (format, starts) in [
        ("tsv", &b""[..]),
        ("jsonl", b"{"),
        ("tmx", b"<?xml"),
        ("xliff", b"<?xml"),
        ("moses", b"PK"),
    ] {
        let r = get(
            &s.host,
            &format!("/export/download?format={format}&pair=1&min_score=0.5"),
        );
        assert_eq!(r.status, 200, "{format}: {}", r.text());
        assert!(r.body.starts_with(starts), "{format}");
        assert!(!r.body.is_empty(), "{format} exported something");
        assert!(r
            .header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment")));
    }
    let tsv = get(&s.host, "/export/download?format=tsv&status=confirmed").text();
    assert!(tsv.is_empty(), "nothing is confirmed yet: {tsv}");
    let bad = get(&s.host, "/export/download?format=tsv&min_score=5");
    assert_eq!(bad.status, 400, "the command's own checks: {}", bad.text());
    assert!(bad.text().contains("min-score"));
    // Unknown ids are 404 pages, not errors of the server.
    assert_eq!(get(&s.host, "/pairs/99").status, 404);
    assert_eq!(get(&s.host, "/pairs/abc").status, 404);
}

#[test]
fn posts_without_the_csrf_token_are_refused() {
    let ws = demo();
    let s = Server::start(&ws.db, &[]);
    let page = get(&s.host, "/pairs/1").text();
    let (csrf, version) = tokens(&page);
    let bead = bead_statuses(&ws)[0].0;
    let form = format!("version={version}&op=confirm&bead={bead}&reviewer=Eve");
    let none = post(&s.host, "/pairs/1/act", &form);
    assert_eq!(none.status, 403, "{}", none.text());
    let wrong = post(
        &s.host,
        "/pairs/1/act",
        &format!("{form}&csrf=0123456789abcdef"),
    );
    assert_eq!(wrong.status, 403);
    let pairing = post(&s.host, "/pairs", "article=2&source=1");
    assert_eq!(pairing.status, 403);
    assert!(
        ws.ok(&["history", "1"]).contains("no review decisions"),
        "nothing written without the token"
    );
    // With the token (as a field or as the script's header) the action is done and logged.
    let ok = post(&s.host, "/pairs/1/act", &format!("{form}&csrf={csrf}"));
    assert_eq!(ok.status, 200, "{}", ok.text());
    assert!(ok.text().contains(&format!("confirmed bead {bead} (Eve)")));
    let history = ws.ok(&["history", "1"]);
    assert!(history.contains("Eve") && history.contains(&format!("confirmed bead {bead}")));
    // The workspace page counts it in the pair's review progress.
    let n = bead_statuses(&ws).len();
    let index = get(&s.host, "/").text();
    assert!(index.contains(&format!("</progress> 1/{n}")), "{index}");
    // No reviewer name: refused, nothing written.
    let version = tokens(&get(&s.host, "/pairs/1").text()).1;
    let anonymous = request(
        &s.host,
        "POST",
        "/pairs/1/act",
        &[("X-CSRF-Token", &csrf)],
        &format!("version={version}&op=reject&bead={bead}"),
    )
    .expect("POST");
    assert_eq!(anonymous.status, 400);
    assert!(anonymous.text().contains("Reviewer"));
    assert_eq!(bead_statuses(&ws)[0].1, "confirmed");
}

#[test]
fn untrusted_article_text_is_escaped() {
    let ws = hostile();
    let s = Server::start(&ws.db, &[]);
    for path in [
        "/",
        "/pairs/1",
        "/flags?status=all",
        "/export",
        &format!("/search?q={}", enc("minister")),
        &format!("/search?q={}", enc("الوزير")),
        &format!("/search?q={}", enc(SCRIPT)),
    ] {
        let r = get(&s.host, path);
        assert_eq!(r.status, 200, "{path}");
        let html = r.text();
        assert!(!html.contains("<script>window"), "{path}: raw script");
        assert!(!html.contains("<img"), "{path}: raw img");
        assert!(!html.contains('\u{202E}'), "{path}: raw bidi override");
        assert_eq!(
            html.matches("<script").count(),
            1,
            "{path}: the one script is the server's own"
        );
        assert!(html.contains("<script src=\"/assets/app.js\" defer></script>"));
    }
    let page = get(&s.host, "/pairs/1").text();
    assert!(page.contains("&lt;script&gt;window.__xss=1;alert(1)&lt;/script&gt;"));
    assert!(page.contains("&quot;&gt;&lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;"));
    assert!(page.contains("⟨RLO⟩"), "the override is shown, not obeyed");
    let index = get(&s.host, "/").text();
    assert!(index.contains("Statement &lt;script&gt;"), "titles escaped");
}

#[test]
fn a_stale_page_gets_409_and_nothing_is_overwritten() {
    let ws = demo();
    let s = Server::start(&ws.db, &[]);
    let beads = bead_statuses(&ws);
    let (a, b) = (beads[0].0, beads[1].0);
    // Two tabs load the pair.
    let page = get(&s.host, "/pairs/1").text();
    let (csrf, v1) = tokens(&page);
    let act = |version: &str, op: &str, bead: i64| {
        post(
            &s.host,
            "/pairs/1/act",
            &format!("csrf={csrf}&version={version}&op={op}&bead={bead}&reviewer=tab"),
        )
    };
    // Tab one confirms bead a; tab two, still showing the old state, rejects it: refused.
    assert_eq!(act(&v1, "confirm", a).status, 200);
    let stale = act(&v1, "reject", a);
    assert_eq!(stale.status, 409, "{}", stale.text());
    assert!(stale.text().contains("reload"), "{}", stale.text());
    assert_eq!(
        bead_statuses(&ws)[0].1,
        "confirmed",
        "tab one's decision kept"
    );
    // The TUI or a script changes the pair: the page's version is stale too.
    let v2 = tokens(&get(&s.host, "/pairs/1").text()).1;
    ws.ok(&["bead", "reject", &b.to_string()]);
    assert_eq!(act(&v2, "confirm", b).status, 409);
    assert_eq!(
        bead_statuses(&ws)[1].1,
        "rejected",
        "the command's decision kept"
    );
    // So is an undo from a stale page, and a flag decision.
    let undo = post(
        &s.host,
        "/pairs/1/act",
        &format!("csrf={csrf}&version={v2}&op=undo&reviewer=tab"),
    );
    assert_eq!(undo.status, 409);
    let flag = post(
        &s.host,
        "/pairs/1/act",
        &format!("csrf={csrf}&version={v2}&op=flag-dismiss&flag=1&note=x&reviewer=tab"),
    );
    assert_eq!(flag.status, 409);
    assert_eq!(flag_json(&ws, 1)["status"], "open");
    let history = ws.ok(&["history", "1"]);
    assert_eq!(history.lines().count(), 2, "two decisions only: {history}");
    // A fresh page acts again; every edit of the toolbar works from it.
    let v3 = tokens(&get(&s.host, "/pairs/1").text()).1;
    let merged = post(
        &s.host,
        "/pairs/1/act",
        &format!("csrf={csrf}&version={v3}&op=merge&bead={a}&next={b}&reviewer=tab"),
    );
    assert_eq!(merged.status, 200, "{}", merged.text());
    assert!(merged.text().contains(&format!("merged beads {a} and {b}")));
    let v4 = support::attr_after(&merged.text(), "id=\"pair\"", "data-version").expect("version");
    let split = post(
        &s.host,
        "/pairs/1/act",
        &format!("csrf={csrf}&version={v4}&op=split&bead={a}&at=1&reviewer=tab"),
    );
    assert_eq!(split.status, 200, "{}", split.text());
    let history = ws.ok(&["history", "1"]);
    assert!(
        history.contains("merge") && history.contains("split"),
        "{history}"
    );
    // A bead of another pair, or an unknown operation: refused.
    let v5 = tokens(&get(&s.host, "/pairs/1").text()).1;
    let bad = post(
        &s.host,
        "/pairs/1/act",
        &format!("csrf={csrf}&version={v5}&op=explode&bead={a}&reviewer=tab"),
    );
    assert_eq!(bad.status, 400);
}

#[test]
fn bound_elsewhere_every_request_needs_the_printed_token() {
    let ws = demo();
    let s = Server::start(&ws.db, &["--bind", "0.0.0.0"]);
    assert!(s.url.contains("?token="), "{}", s.url);
    assert!(
        s.stderr().contains("reachable from other machines"),
        "warning: {}",
        s.stderr()
    );
    let token = s.url.split("token=").nth(1).expect("token").to_string();
    let port = s.host.rsplit(':').next().expect("port");
    let host = format!("127.0.0.1:{port}");
    assert_eq!(get(&host, "/").status, 401);
    assert_eq!(get(&host, "/assets/app.js").status, 401);
    assert_eq!(get(&host, "/pairs/1?token=wrong").status, 401);
    let first = get(&host, &format!("/?token={token}"));
    assert_eq!(first.status, 200);
    let cookie = first.header("set-cookie").expect("token cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let pair = cookie.split(';').next().expect("cookie pair");
    let r = request(&host, "GET", "/pairs/1", &[("Cookie", pair)], "").expect("GET");
    assert_eq!(r.status, 200);
    // On loopback the Host header must name the server (DNS rebinding).
    let local = Ws::uninit();
    std::fs::copy(&ws.db, &local.db).expect("copy");
    let s = Server::start(&local.db, &[]);
    let r = request(&s.host, "GET", "/", &[("Host", "attacker.example")], "");
    assert_eq!(r.expect("answer").status, 403);
}

#[test]
fn pair_and_align_from_the_workspace_page() {
    let ws = Ws::new();
    let d = common::corpora_dir().join("dev-01");
    ws.ok(&[
        std::ffi::OsString::from("add"),
        d.join("en.txt").into(),
        d.join("ar.txt").into(),
    ]);
    let s = Server::start(&ws.db, &[]);
    let index = get(&s.host, "/").text();
    assert!(index.contains("Unpaired articles (1)"), "{index}");
    assert!(index.contains("Pair and align"));
    assert!(
        index.contains("figures:") || index.contains("names:") || index.contains("vocabulary:")
    );
    let csrf = support::attr_after(&index, "name=\"csrf\"", "content").expect("csrf");
    let r = post(
        &s.host,
        "/pairs",
        &format!("csrf={csrf}&article=2&source=1"),
    );
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), Some("/pairs/1"));
    assert!(!bead_statuses(&ws).is_empty(), "pair 1 aligned");
    assert_eq!(get(&s.host, "/pairs/1").status, 200);
    assert!(!get(&s.host, "/").text().contains("Unpaired articles"));
}

/// A pair of at least 500 English sentences: the gold corpora's sentences, one paragraph each,
/// repeated until there are 500.
fn big() -> Ws {
    let ws = Ws::new();
    let (mut en, mut ar) = (Vec::new(), Vec::new());
    while en.len() < 500 {
        for dir in common::pair_dirs() {
            en.extend(common::sents(&dir.join("en.sents")));
            ar.extend(common::sents(&dir.join("ar.sents")));
        }
    }
    let en = ws.write("en.txt", en.join("\n\n"));
    let ar = ws.write("ar.txt", ar.join("\n\n"));
    ws.ok(&[std::ffi::OsString::from("add"), en.into(), ar.into()]);
    ws.ok(&["pair", "2", "1"]);
    ws.ok(&["align", "1"]);
    ws
}

#[test]
fn two_hundred_concurrent_requests_on_a_500_sentence_pair() {
    let ws = big();
    let s = Server::start(&ws.db, &[]);
    let first = get(&s.host, "/pairs/1");
    assert_eq!(first.status, 200);
    let rows = first.text().matches("<tr class=\"bead").count();
    assert!(rows >= 400, "{rows} beads shown");
    say(&format!(
        "serve: pair page of the 500-sentence pair: {:.1} ms server time ({} KB, {rows} beads; this build's profile)",
        first.server_ms(),
        first.body.len() / 1024
    ));
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(200));
    let threads: Vec<_> = (0..200)
        .map(|k| {
            let host = s.host.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                barrier.wait();
                // Mostly the pair page, some of the other pages.
                let path = match k % 10 {
                    0 => "/",
                    1 => "/flags",
                    2 => "/search?q=security",
                    _ => "/pairs/1",
                };
                request(&host, "GET", path, &[], "").map(|r| (path, r))
            })
        })
        .collect();
    let mut answered = 0;
    for t in threads {
        let (path, r) = t.join().expect("thread").expect("every request answered");
        assert_eq!(r.status, 200, "{path}");
        assert!(
            r.text().trim_end().ends_with("</html>"),
            "{path}: whole page"
        );
        answered += 1;
    }
    assert_eq!(answered, 200);
}

/// The browser, or a loud skip (a failure when TARJAMA_REQUIRE_BROWSER is set, as in CI).
fn browser(test: &str) -> Option<Browser> {
    match chromium() {
        Some(bin) => Some(Browser::launch(&bin)),
        None => {
            assert!(
                std::env::var_os("TARJAMA_REQUIRE_BROWSER").is_none(),
                "TARJAMA_REQUIRE_BROWSER is set but /usr/bin/chromium is missing (apt-get install chromium)"
            );
            skip(
                test,
                "no Chromium at /usr/bin/chromium (apt-get install chromium)",
            );
            None
        }
    }
}

fn shot(b: &mut Browser, name: &str) {
    let path = screenshot_dir().join(name);
    b.screenshot(&path);
    say(&format!("serve: screenshot {}", path.display()));
}

#[test]
fn browser_review_confirm_dismiss_undo_search_export() {
    let Some(mut b) = browser("browser review test") else {
        return;
    };
    let ws = demo();
    let s = Server::start(&ws.db, &[]);
    b.goto(&s.url);
    assert_eq!(
        b.eval("document.querySelectorAll('a[href=\"/pairs/1\"]').length > 0"),
        true
    );
    shot(&mut b, "workspace.png");

    b.goto(&s.at("/pairs/1"));
    b.wait_for("document.querySelector('tr.bead.sel')", 10);
    // The reviewer's name, asked once and kept in a cookie.
    b.click("#reviewer");
    b.type_text("Browser Tester");
    b.eval("document.getElementById('reviewer').dispatchEvent(new Event('change')); document.activeElement.blur(); true");
    assert_eq!(
        b.eval("document.cookie.includes('tarjama_reviewer=Browser%20Tester')"),
        true
    );
    // j/k move the selection; c confirms and moves on, without a page load.
    let first = b.eval("document.querySelector('tr.bead.sel').dataset.bead");
    b.key("j");
    b.key("k");
    assert_eq!(
        b.eval("document.querySelector('tr.bead.sel').dataset.bead"),
        first
    );
    b.eval("window.__sameDocument = true");
    let bead = first.as_str().expect("bead id").to_string();
    b.key("c");
    b.wait_for(
        &format!("document.getElementById('status').textContent.includes('confirmed bead {bead} (Browser Tester)')"),
        20,
    );
    assert_eq!(
        b.eval("window.__sameDocument === true"),
        true,
        "no full reload"
    );
    assert_eq!(
        b.eval(&format!(
            "document.getElementById('bead-{bead}').dataset.status"
        )),
        "confirmed"
    );
    assert_ne!(
        b.eval("document.querySelector('tr.bead.sel').dataset.bead"),
        first
    );
    shot(&mut b, "pair.png");

    // Dismiss a flag with a note.
    let flag = b.eval("document.querySelector('li.flag.open').dataset.flag");
    let flag = flag.as_str().expect("an open flag").to_string();
    b.click(&format!("#flag-{flag} input.note"));
    b.type_text("a headline, not a claim");
    b.click(&format!("#flag-{flag} button[data-op=\"flag-dismiss\"]"));
    b.wait_for(
        &format!("document.getElementById('status').textContent.includes('dismissed flag {flag} (note: a headline, not a claim)')"),
        20,
    );
    assert_eq!(
        b.eval(&format!(
            "document.getElementById('flag-{flag}').classList.contains('dismissed')"
        )),
        true
    );
    let f: i64 = flag.parse().expect("flag id");
    assert_eq!(flag_json(&ws, f)["status"], "dismissed");
    assert_eq!(flag_json(&ws, f)["note"], "a headline, not a claim");

    // u undoes the last decision: the flag is open again.
    b.eval("document.activeElement && document.activeElement.blur(); true");
    b.key("u");
    b.wait_for(
        &format!("document.getElementById('status').textContent.includes('undid: dismissed flag {flag}')"),
        20,
    );
    assert_eq!(flag_json(&ws, f)["status"], "open");
    // The workspace, through the CLI: the bead confirmed, both decisions logged with the name.
    let statuses = bead_statuses(&ws);
    let b_id: i64 = bead.parse().expect("bead id");
    assert!(
        statuses.contains(&(b_id, "confirmed".to_string())),
        "{statuses:?}"
    );
    let history = ws.ok(&["history", "1"]);
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 2, "{history}");
    assert!(
        lines[0].contains("Browser Tester") && lines[0].contains(&format!("confirmed bead {bead}"))
    );
    assert!(lines[1].contains(&format!(
        "dismissed flag {flag} (note: a headline, not a claim)"
    )));
    assert!(lines[1].ends_with("(undone)"), "{history}");

    // Another writer changes the pair: the next key is refused and the page says to reload.
    let selected = b.eval("document.querySelector('tr.bead.sel').dataset.bead");
    let selected: i64 = selected.as_str().expect("id").parse().expect("id");
    let other = statuses
        .iter()
        .map(|s| s.0)
        .find(|&id| id != selected && id != b_id)
        .expect("another bead");
    ws.ok(&["bead", "reject", &other.to_string()]);
    b.key("x");
    b.wait_for(
        "!document.getElementById('banner').hidden && document.getElementById('banner').textContent.includes('changed since')",
        20,
    );
    shot(&mut b, "stale.png");
    let after = bead_statuses(&ws);
    assert!(
        after.contains(&(selected, "automatic".to_string())),
        "the stale page rejected nothing: {after:?}"
    );
    // Its "Reload now" shows what the other writer did.
    b.eval("window.__beforeReload = true");
    b.click("#banner button");
    b.wait_for(
        &format!(
            "window.__beforeReload === undefined && document.readyState === 'complete' && \
             document.getElementById('bead-{other}') !== null && \
             document.getElementById('bead-{other}').dataset.status === 'rejected'"
        ),
        20,
    );

    // Search, through the form.
    b.goto(&s.at("/search"));
    b.click("input[name=q]");
    b.type_text("security");
    b.click("form.search button");
    b.wait_for("location.search.includes('q=security') && document.querySelectorAll('mark.hit').length > 0", 20);
    shot(&mut b, "search.png");

    b.goto(&s.at("/flags"));
    assert_eq!(
        b.eval("document.querySelectorAll('table.flags tbody tr').length > 0"),
        true
    );
    shot(&mut b, "flags.png");

    // Export: TMX of the reviewed beads, downloaded by the browser.
    b.goto(&s.at("/export"));
    b.click("input[value=\"tmx\"]");
    b.click("input[name=\"status\"][value=\"confirmed\"]");
    // The demo's first beads are Arabic lines with no English (insertions).
    b.click("input[name=\"include_unaligned\"]");
    shot(&mut b, "export.png");
    b.click("#download");
    let tmx = String::from_utf8(b.downloaded("tarjama.tmx", 60)).expect("UTF-8 TMX");
    assert!(tmx.contains("<tmx version=\"1.4\""), "{tmx}");
    assert_eq!(
        tmx.matches("<tu ").count(),
        1,
        "the one confirmed bead: {tmx}"
    );
    assert!(
        tmx.contains(&format!("<prop type=\"x-bead\">{bead}</prop>")),
        "{tmx}"
    );
}

#[test]
fn browser_never_runs_injected_script() {
    let Some(mut b) = browser("browser injected-script test") else {
        return;
    };
    let ws = hostile();
    let s = Server::start(&ws.db, &[]);
    for path in ["/", "/pairs/1", "/flags?status=all", "/search?q=minister"] {
        b.goto(&s.at(path));
        assert_eq!(
            b.eval("typeof window.__xss"),
            "undefined",
            "{path}: injected markup ran"
        );
        assert_eq!(
            b.eval("document.querySelectorAll('main img, main script').length"),
            0
        );
    }
    b.goto(&s.at("/pairs/1"));
    // The markup is shown as text, the override as a visible marker, and the 3,000-letter word
    // wraps instead of widening the page.
    assert_eq!(
        b.eval("document.querySelector('main').innerText.includes('<script>window.__xss=1')"),
        true
    );
    assert_eq!(b.eval("document.querySelectorAll('.ctl').length > 0"), true);
    assert_eq!(
        b.eval("document.documentElement.scrollWidth <= window.innerWidth + 1"),
        true,
        "no horizontal overflow"
    );
    shot(&mut b, "hostile.png");
    let dialogs = b
        .events
        .iter()
        .filter(|(m, _)| m == "Page.javascriptDialogOpening")
        .count();
    assert_eq!(dialogs, 0, "alert() never ran");
}
