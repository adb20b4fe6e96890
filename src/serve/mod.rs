//! `tarjama serve`: the workspace in a browser. A small axum server on tokio renders pages from
//! the store and applies the review actions of [`crate::review::actions`] — the same functions,
//! transactions and decision log as the TUI and the `bead`/`flag`/`undo` commands.
//!
//! - Pages are rendered on the server ([`pages`]); the one script and stylesheet are compiled in
//!   and served from `/assets/`, never inline, so the Content-Security-Policy can forbid inline
//!   scripts: article text is untrusted, and markup slipped into it can neither run nor load
//!   anything.
//! - Every page of a pair carries the pair's [`pages::version`]; an action checks it inside its
//!   own transaction and is refused with 409 when the pair changed since, so a stale tab never
//!   overwrites a decision made elsewhere.
//! - Every POST carries the server's CSRF token (checked before any handler runs). The server
//!   listens on loopback unless `--bind` says otherwise; then every request needs the access
//!   token printed at start. On loopback the Host header must name the server, so that a web
//!   page cannot reach it through a DNS name rebound to 127.0.0.1.
//! - Database work runs on blocking threads with a small pool of connections (WAL: readers do
//!   not wait for the writer; writers wait with the workspace's busy handler).

mod html;
mod pages;

use crate::cli::export::{ExportFormat, Output};
use crate::error::{Error, Result};
use crate::review::actions::{self, Action, Direction, Side};
use crate::store::{FlagFilter, FlagStatus, Status, Workspace};
use axum::body::Body;
use axum::extract::{Path as UrlPath, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

const APP_JS: &str = include_str!("assets/app.js");
const APP_CSS: &str = include_str!("assets/app.css");

/// What to serve, and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub db: PathBuf,
    pub bind: IpAddr,
    /// 0: a free port chosen by the system.
    pub port: u16,
    /// What "Pair and align" aligns with, as `align`'s options say.
    pub no_system_lexicon: bool,
    pub model: crate::cli::ModelArgs,
}

/// Where the server listens, once it does.
#[derive(Debug, Clone)]
pub struct Listening {
    /// The URL to open (with the access token when one is needed).
    pub url: String,
    pub addr: SocketAddr,
    /// The access token, when the server is reachable from other machines.
    pub token: Option<String>,
}

/// At most this many requests use the workspace at once (and as many connections are kept):
/// more would only make SQLite's writers wait on each other, and the machine is a laptop.
const CONNECTIONS: usize = 4;

/// Largest request body read (forms: a note, a few ids).
const BODY_LIMIT: usize = 64 * 1024;

struct App {
    db: PathBuf,
    pool: Mutex<Vec<Workspace>>,
    permits: tokio::sync::Semaphore,
    csrf: String,
    token: Option<String>,
    /// Host headers accepted on loopback; `None` when bound elsewhere (the token guards then).
    hosts: Option<Vec<String>>,
    /// Workspace file name for the navigation bar.
    name: String,
    no_system_lexicon: bool,
    model: crate::cli::ModelArgs,
}

/// 32 hex digits of OS randomness.
fn random_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::getrandom(&mut bytes)
        .map_err(|e| Error::Invalid(format!("no random numbers from the system: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compares secrets in time independent of where they differ.
fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Runs the server until the process is stopped. `ready` is called once it listens (the
/// command prints the URL there).
pub fn run(opts: Options, ready: impl FnOnce(&Listening)) -> Result<()> {
    // Fail now, with the workspace's own one-line error, rather than on the first request.
    let ws = Workspace::open(&opts.db)?;
    let loopback = opts.bind.is_loopback();
    let token = if loopback {
        None
    } else {
        Some(random_token()?)
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Invalid(format!("cannot start the server's runtime: {e}")))?;
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(addr).map_err(|err| Error::Listen {
        addr: addr.to_string(),
        err,
    })?;
    let local = listener.local_addr().map_err(|err| Error::Listen {
        addr: addr.to_string(),
        err,
    })?;
    listener
        .set_nonblocking(true)
        .map_err(|err| Error::Listen {
            addr: addr.to_string(),
            err,
        })?;
    let port = local.port();
    let hosts = loopback.then(|| {
        vec![
            format!("127.0.0.1:{port}"),
            format!("localhost:{port}"),
            format!("[::1]:{port}"),
            format!("{local}"),
        ]
    });
    let host = if loopback && local.is_ipv4() {
        format!("127.0.0.1:{port}")
    } else {
        local.to_string()
    };
    let app = Arc::new(App {
        name: opts
            .db
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        db: opts.db.clone(),
        pool: Mutex::new(vec![ws]),
        permits: tokio::sync::Semaphore::new(CONNECTIONS),
        csrf: random_token()?,
        token: token.clone(),
        hosts,
        no_system_lexicon: opts.no_system_lexicon,
        model: opts.model.clone(),
    });
    let url = match &token {
        Some(t) => format!("http://{host}/?token={t}"),
        None => format!("http://{host}/"),
    };
    ready(&Listening {
        url,
        addr: local,
        token,
    });
    let router = routes(app);
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|err| Error::Listen {
                addr: addr.to_string(),
                err,
            })?;
        axum::serve(listener, router)
            .await
            .map_err(|err| Error::Listen {
                addr: addr.to_string(),
                err,
            })
    })
}

fn routes(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(index))
        .route("/pairs", post(pair_and_align))
        .route("/pairs/{id}", get(pair_page))
        .route("/pairs/{id}/fragment", get(pair_fragment))
        .route("/pairs/{id}/act", post(act))
        .route("/search", get(search))
        .route("/flags", get(flags))
        .route("/export", get(export_form))
        .route("/export/download", get(export_download))
        .route(
            "/assets/app.js",
            get(|| async { asset(APP_JS, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/assets/app.css",
            get(|| async { asset(APP_CSS, "text/css; charset=utf-8") }),
        )
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .layer(axum::middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

fn asset(body: &'static str, kind: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

/// The value of cookie `name`.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// `application/x-www-form-urlencoded` pairs (query strings and form bodies), decoded.
fn form_pairs(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
            let dec = |x: &str| html::percent_decode(&x.replace('+', " "));
            (dec(k), dec(v))
        })
        .collect()
}

/// A query string or form, with lookups by name.
struct Params(Vec<(String, String)>);

impl Params {
    fn of(s: Option<&str>) -> Params {
        Params(form_pairs(s.unwrap_or("")))
    }

    /// The first non-empty value of `name`.
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect()
    }

    fn id(&self, name: &'static str) -> Result<i64> {
        let v = self
            .get(name)
            .ok_or_else(|| Error::Invalid(format!("missing {name}")))?;
        crate::cli::parse_id(name, v)
    }
}

fn plain(status: StatusCode, msg: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        msg.into(),
    )
        .into_response()
}

/// The checks every request passes before its handler: the Host header (loopback), the access
/// token (when bound elsewhere) and, for a POST, the CSRF token; then the security headers on
/// every response and the server time (`Server-Timing`), which the tests and the README figure
/// read.
async fn guard(State(app): State<Arc<App>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    if let Some(hosts) = &app.hosts {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("");
        if !hosts.iter().any(|h| h.eq_ignore_ascii_case(host)) {
            return plain(
                StatusCode::FORBIDDEN,
                format!("this server answers only at {}", hosts[0]),
            );
        }
    }
    let mut set_token = None;
    if let Some(token) = &app.token {
        let query = Params::of(req.uri().query());
        let in_query = query.get("token").is_some_and(|t| same_secret(t, token));
        let in_cookie =
            cookie(req.headers(), "tarjama_token").is_some_and(|t| same_secret(&t, token));
        if !in_query && !in_cookie {
            return plain(
                StatusCode::UNAUTHORIZED,
                "this workspace needs the access token: open the URL `tarjama serve` printed when it started",
            );
        }
        if in_query && !in_cookie {
            set_token = Some(format!(
                "tarjama_token={token}; Path=/; HttpOnly; SameSite=Strict"
            ));
        }
    }
    let req = if req.method() == Method::POST {
        match csrf_checked(&app, req).await {
            Ok(r) => r,
            Err(res) => return res,
        }
    } else if req.method() == Method::GET || req.method() == Method::HEAD {
        req
    } else {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    };
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if let Some(c) = set_token.and_then(|c| HeaderValue::from_str(&c).ok()) {
        h.append(header::SET_COOKIE, c);
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    if let Ok(v) = HeaderValue::from_str(&format!("app;dur={ms:.1}")) {
        h.insert("server-timing", v);
    }
    res
}

/// Reads a POST's body and checks its CSRF token (form field `csrf`, or the `X-CSRF-Token`
/// header); the request goes on with the body put back. A cross-site page can post a form to
/// the server but cannot read the token from its pages.
async fn csrf_checked(app: &App, req: Request) -> std::result::Result<Request, Response> {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| plain(StatusCode::PAYLOAD_TOO_LARGE, "request too large"))?;
    let header_token = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let form = Params::of(std::str::from_utf8(&bytes).ok());
    let given = header_token.or_else(|| form.get("csrf").map(str::to_string));
    if !given.is_some_and(|t| same_secret(&t, &app.csrf)) {
        return Err(plain(
            StatusCode::FORBIDDEN,
            "missing or wrong CSRF token: reload the page and try again",
        ));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// Runs `f` on a pooled workspace connection on a blocking thread.
async fn with_ws<T: Send + 'static>(
    app: &Arc<App>,
    f: impl FnOnce(&mut Workspace) -> Result<T> + Send + 'static,
) -> Result<T> {
    let _permit = app
        .permits
        .acquire()
        .await
        .map_err(|_| Error::Invalid("the server is shutting down".into()))?;
    let app = app.clone();
    tokio::task::spawn_blocking(move || {
        let pooled = app.pool.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let mut ws = match pooled {
            Some(ws) => ws,
            None => Workspace::open(&app.db)?,
        };
        let out = f(&mut ws);
        // A failed action rolled its transaction back; the connection is fine to reuse.
        let mut pool = app.pool.lock().unwrap_or_else(|e| e.into_inner());
        if pool.len() < CONNECTIONS {
            pool.push(ws);
        }
        out
    })
    .await
    .map_err(|e| Error::Invalid(format!("internal error: {e}")))?
}

/// The HTTP status of an error: the user's mistake (400, 404), a page that is out of date (409:
/// reload), a busy workspace (503), else the server's (500).
fn status_of(e: &Error) -> StatusCode {
    match e {
        Error::UnknownId { .. } => StatusCode::NOT_FOUND,
        Error::StalePage { .. } | Error::StaleBead { .. } | Error::CannotUndo { .. } => {
            StatusCode::CONFLICT
        }
        Error::Invalid(_) => StatusCode::BAD_REQUEST,
        Error::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn page(app: &App, title: &str, nav: html::Nav, body: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        html::page(title, nav, &app.csrf, &app.name, body),
    )
        .into_response()
}

fn error_page(app: &App, e: &Error) -> Response {
    let mut res = page(
        app,
        "error",
        html::Nav::Error,
        &format!(
            "<h1>Error</h1><p class=\"error\">{}</p>",
            html::esc(&e.to_string())
        ),
    );
    *res.status_mut() = status_of(e);
    res
}

async fn index(State(app): State<Arc<App>>) -> Response {
    let csrf = app.csrf.clone();
    match with_ws(&app, move |ws| ws.read(|tx| pages::index(tx, &csrf))).await {
        Ok(body) => page(&app, "workspace", html::Nav::Workspace, &body),
        Err(e) => error_page(&app, &e),
    }
}

async fn pair_page(State(app): State<Arc<App>>, UrlPath(id): UrlPath<String>) -> Response {
    let id = match crate::cli::parse_id("pair", &id) {
        Ok(id) => id,
        Err(e) => return error_page(&app, &e),
    };
    match with_ws(&app, move |ws| ws.read(|tx| pages::pair(tx, id, ""))).await {
        Ok(v) => {
            let body = format!(
                "<h1><bdi>{}</bdi></h1><p class=\"links\"><a href=\"/flags?pair={}\">flags of this pair</a> · \
<a href=\"/export/download?format=tsv&amp;pair={}\">export (TSV)</a></p>{}",
                html::text(&v.title),
                v.pair,
                v.pair,
                v.fragment
            );
            page(&app, &format!("pair {}", v.pair), html::Nav::Pair, &body)
        }
        Err(e) => error_page(&app, &e),
    }
}

fn fragment(body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

async fn pair_fragment(State(app): State<Arc<App>>, UrlPath(id): UrlPath<String>) -> Response {
    let id = match crate::cli::parse_id("pair", &id) {
        Ok(id) => id,
        Err(e) => return plain(status_of(&e), e.to_string()),
    };
    match with_ws(&app, move |ws| ws.read(|tx| pages::pair(tx, id, ""))).await {
        Ok(v) => fragment(v.fragment),
        Err(e) => plain(status_of(&e), e.to_string()),
    }
}

/// The reviewer's name: the form's field (the script fills it from its cookie), else the
/// cookie. Control characters are dropped; a name is required.
fn reviewer(form: &Params, headers: &HeaderMap) -> Result<String> {
    let raw = form
        .get("reviewer")
        .map(str::to_string)
        .or_else(|| cookie(headers, "tarjama_reviewer").map(|c| html::percent_decode(&c)))
        .unwrap_or_default();
    let name: String = raw.chars().filter(|c| !c.is_control()).take(80).collect();
    let name = name.trim().to_string();
    if name.is_empty() {
        return Err(Error::Invalid(
            "enter your name in the Reviewer field first: every decision is logged with its reviewer".into(),
        ));
    }
    Ok(name)
}

/// What a POST to `/pairs/{id}/act` asks for.
enum Op {
    Act(Action),
    Undo,
}

fn parse_op(form: &Params) -> Result<Op> {
    let op = form
        .get("op")
        .ok_or_else(|| Error::Invalid("missing op".into()))?;
    Ok(Op::Act(match op {
        "confirm" => Action::SetStatus(vec![form.id("bead")?], Status::Confirmed),
        "reject" => Action::SetStatus(vec![form.id("bead")?], Status::Rejected),
        "merge" => Action::Merge(form.id("bead")?, form.id("next")?),
        "split" => {
            let at = form
                .get("at")
                .and_then(|a| a.parse::<usize>().ok())
                .filter(|&a| a >= 1)
                .ok_or_else(|| {
                    Error::Invalid("split needs at: a whole number of at least 1".into())
                })?;
            Action::Split(form.id("bead")?, at)
        }
        "shift" => {
            let dir = match form.get("dir") {
                Some("up") => Direction::Up,
                Some("down") => Direction::Down,
                _ => return Err(Error::Invalid("shift needs dir: up or down".into())),
            };
            let side = match form.get("side") {
                Some("src") => Side::Src,
                Some("tgt") => Side::Tgt,
                _ => return Err(Error::Invalid("shift needs side: src or tgt".into())),
            };
            Action::Shift(form.id("bead")?, dir, side)
        }
        "flag-confirm" | "flag-dismiss" => {
            let status = if op == "flag-confirm" {
                FlagStatus::Confirmed
            } else {
                FlagStatus::Dismissed
            };
            let note: Option<String> = form
                .get("note")
                .map(|n| n.chars().filter(|c| !c.is_control()).take(500).collect());
            Action::Flag(form.id("flag")?, status, note)
        }
        "undo" => return Ok(Op::Undo),
        other => return Err(Error::Invalid(format!("unknown op '{other}'"))),
    }))
}

/// The pair, version, reviewer and operation of an action request.
fn prepare_act(id: &str, form: &Params, headers: &HeaderMap) -> Result<(i64, String, String, Op)> {
    let pair = crate::cli::parse_id("pair", id)?;
    let version = form
        .get("version")
        .ok_or_else(|| Error::Invalid("missing version (reload the page)".into()))?
        .to_string();
    Ok((pair, version, reviewer(form, headers)?, parse_op(form)?))
}

/// A review action on a pair's page: applied in its own transaction, after checking that the
/// page's version is the pair's (else 409 and nothing is written); answers with the pair's new
/// fragment.
async fn act(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let form = Params::of(Some(&body));
    let (pair, version, who, op) = match prepare_act(&id, &form, &headers) {
        Ok(p) => p,
        Err(e) => return plain(status_of(&e), e.to_string()),
    };
    let result = with_ws(&app, move |ws| {
        let check = |tx: &crate::store::Tx, touched: i64| {
            if touched != pair {
                return Err(Error::Invalid(format!(
                    "that belongs to pair {touched}, not to pair {pair}"
                )));
            }
            if pages::version(tx, pair)? != version {
                return Err(Error::StalePage { pair });
            }
            Ok(())
        };
        let message = match &op {
            Op::Act(action) => {
                actions::apply_checked(ws, &who, action, check)?;
                format!("{action} ({who})")
            }
            Op::Undo => match actions::undo_checked(ws, pair, |tx| check(tx, pair))? {
                Some(d) => format!("undid: {d}"),
                None => "nothing to undo on this pair".to_string(),
            },
        };
        ws.read(|tx| pages::pair(tx, pair, &message))
    })
    .await;
    match result {
        Ok(v) => fragment(v.fragment),
        Err(e) => plain(status_of(&e), e.to_string()),
    }
}

/// Pairs an unpaired article with a candidate source and aligns the pair (one transaction),
/// then shows it.
async fn pair_and_align(State(app): State<Arc<App>>, body: String) -> Response {
    let form = Params::of(Some(&body));
    let ids = form.id("article").and_then(|a| Ok((a, form.id("source")?)));
    let (article, source) = match ids {
        Ok(ids) => ids,
        Err(e) => return error_page(&app, &e),
    };
    let (model, no_system) = (app.model.clone(), app.no_system_lexicon);
    let done = with_ws(&app, move |ws| {
        let encoder = model.load().map_err(|e| Error::Invalid(e.to_string()))?;
        ws.write(|tx| {
            let (id, _) = tx.add_pair(article, source, "manual", None)?;
            let (lexicon, _) = crate::cli::lexicons::of_workspace(tx, no_system)?;
            let res = crate::pipeline::Resources {
                lexicon: &lexicon,
                encoder: encoder.as_ref(),
            };
            crate::cli::align::align_pair(tx, id, res)?;
            Ok(id)
        })
    })
    .await;
    match done {
        Ok(id) => (
            StatusCode::SEE_OTHER,
            [(header::LOCATION, format!("/pairs/{id}"))],
        )
            .into_response(),
        Err(e) => error_page(&app, &e),
    }
}

async fn search(State(app): State<Arc<App>>, req: Request) -> Response {
    let q = Params::of(req.uri().query());
    let query = q.get("q").unwrap_or("").to_string();
    let pair = match q
        .get("pair")
        .map(|p| crate::cli::parse_id("pair", p))
        .transpose()
    {
        Ok(p) => p,
        Err(e) => return error_page(&app, &e),
    };
    let shown = query.clone();
    match with_ws(&app, move |ws| {
        ws.read(|tx| pages::search(tx, &query, pair))
    })
    .await
    {
        Ok(body) => page(&app, &format!("search {shown}"), html::Nav::Search, &body),
        Err(e) => error_page(&app, &e),
    }
}

/// The filters of the flags page, from its query string.
fn flag_filter(q: &Params) -> Result<(FlagFilter, Option<FlagStatus>)> {
    let kind = match q.get("kind") {
        Some(k) => Some(
            crate::flag::FlagKind::parse(k)
                .ok_or_else(|| Error::Invalid(format!("unknown flag kind '{k}'")))?
                .as_str()
                .to_string(),
        ),
        None => None,
    };
    let severity = match q.get("severity") {
        Some(s @ ("high" | "medium" | "low")) => Some(s.to_string()),
        Some(s) => return Err(Error::Invalid(format!("unknown severity '{s}'"))),
        None => None,
    };
    let (status, all) = match q.get("status") {
        None => (None, false),
        Some("all") => (None, true),
        Some("open") => (Some(FlagStatus::Open), false),
        Some("confirmed") => (Some(FlagStatus::Confirmed), false),
        Some("dismissed") => (Some(FlagStatus::Dismissed), true),
        Some(s) => return Err(Error::Invalid(format!("unknown status '{s}'"))),
    };
    let pair = q
        .get("pair")
        .map(|p| crate::cli::parse_id("pair", p))
        .transpose()?;
    Ok((
        FlagFilter {
            pair,
            kind,
            severity,
            include_dismissed: all,
        },
        status,
    ))
}

async fn flags(State(app): State<Arc<App>>, req: Request) -> Response {
    let q = Params::of(req.uri().query());
    let parsed = flag_filter(&q);
    let (filter, status) = match parsed {
        Ok(p) => p,
        Err(e) => return error_page(&app, &e),
    };
    match with_ws(&app, move |ws| {
        ws.read(|tx| pages::flags(tx, &filter, status))
    })
    .await
    {
        Ok(body) => page(&app, "flags", html::Nav::Flags, &body),
        Err(e) => error_page(&app, &e),
    }
}

async fn export_form(State(app): State<Arc<App>>) -> Response {
    match with_ws(&app, |ws| ws.read(pages::export_form)).await {
        Ok(body) => page(&app, "export", html::Nav::Export, &body),
        Err(e) => error_page(&app, &e),
    }
}

/// A `Write` whose bytes are kept for the response (the exporters take a boxed writer).
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// The export command's arguments from the export form, checked by the command's own code.
fn export_args(q: &Params) -> Result<crate::cli::export::Args> {
    let format = match q.get("format").unwrap_or("tsv") {
        "tsv" => ExportFormat::Tsv,
        "jsonl" => ExportFormat::Jsonl,
        "moses" => ExportFormat::Moses,
        "tmx" => ExportFormat::Tmx,
        "xliff" => ExportFormat::Xliff,
        f => return Err(Error::Invalid(format!("unknown export format '{f}'"))),
    };
    let number = |name: &str| -> Result<Option<f64>> {
        q.get(name)
            .map(|v| {
                v.parse::<f64>()
                    .map_err(|_| Error::Invalid(format!("{name}: '{v}' is not a number")))
            })
            .transpose()
    };
    let exclude_flagged = match q.get("exclude_flagged") {
        None => None,
        Some("any") => Some(vec![]),
        Some(k) => Some(vec![crate::flag::FlagKind::parse(k)
            .ok_or_else(|| Error::Invalid(format!("unknown flag kind '{k}'")))?]),
    };
    let status = q
        .all("status")
        .into_iter()
        .map(|s| match s {
            "automatic" => Ok(Status::Automatic),
            "confirmed" => Ok(Status::Confirmed),
            "rejected" => Ok(Status::Rejected),
            s => Err(Error::Invalid(format!("unknown status '{s}'"))),
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(crate::cli::export::Args {
        format,
        out: None,
        pair: q.all("pair").into_iter().map(str::to_string).collect(),
        include_unaligned: q.get("include_unaligned").is_some(),
        status,
        min_score: number("min_score")?,
        exclude_flagged,
        dedupe: q.get("dedupe").is_some(),
        max_length_ratio: number("max_length_ratio")?,
    })
}

async fn export_download(State(app): State<Arc<App>>, req: Request) -> Response {
    let q = Params::of(req.uri().query());
    let args = match export_args(&q) {
        Ok(a) => a,
        Err(e) => return error_page(&app, &e),
    };
    let format = args.format;
    let made = with_ws(&app, move |ws| {
        let filters = args.filters().map_err(|e| Error::Invalid(e.to_string()))?;
        let wanted: Vec<i64> = args
            .pair
            .iter()
            .map(|p| crate::cli::parse_id("pair", p))
            .collect::<Result<_>>()?;
        let pairs = ws.read(|tx| {
            if wanted.is_empty() {
                tx.pairs()
            } else {
                wanted.iter().map(|&p| tx.pair(p)).collect()
            }
        })?;
        let mut selector = crate::export::filters::Selector::new(filters);
        let (main, ar) = (Buffer::default(), Buffer::default());
        let mut out = match format {
            ExportFormat::Moses => Output::Lines(Box::new(crate::export::moses::Moses::new(
                Box::new(main.clone()) as Box<dyn Write>,
                Box::new(ar.clone()) as Box<dyn Write>,
            ))),
            ExportFormat::Parquet => Output::parquet(main.clone()).map_err(Error::Output)?,
            f => Output::new(f, Box::new(main.clone())).map_err(Error::Output)?,
        };
        let written = crate::cli::export::export(ws, &pairs, &mut selector, &mut out)?;
        out.finish().map_err(Error::Output)?;
        drop(out);
        let summary = crate::cli::export::summary(written, pairs.len(), &selector, None);
        if format == ExportFormat::Moses {
            return Ok((zip_moses(main.take(), ar.take())?, summary));
        }
        Ok((main.take(), summary))
    })
    .await;
    let (bytes, summary) = match made {
        Ok(m) => m,
        Err(e) => return error_page(&app, &e),
    };
    let (name, kind) = match format {
        ExportFormat::Tsv => ("tarjama.tsv", "text/tab-separated-values; charset=utf-8"),
        ExportFormat::Jsonl => ("tarjama.jsonl", "application/jsonl; charset=utf-8"),
        ExportFormat::Moses => ("tarjama-moses.zip", "application/zip"),
        ExportFormat::Tmx => ("tarjama.tmx", "application/xml; charset=utf-8"),
        ExportFormat::Xliff => ("tarjama.xlf", "application/xliff+xml; charset=utf-8"),
        ExportFormat::Parquet => ("tarjama.parquet", "application/vnd.apache.parquet"),
    };
    let mut res = (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response();
    // The summary `export` prints on standard error, for the curious (and the tests).
    if let Ok(v) = HeaderValue::from_str(
        &summary.replace(|c: char| !c.is_ascii() || c.is_ascii_control(), " "),
    ) {
        res.headers_mut().insert("x-tarjama-summary", v);
    }
    res
}

/// Moses output for a download: `corpus.en` and `corpus.ar` in one zip.
fn zip_moses(en: Vec<u8>, ar: Vec<u8>) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let fail = |e: zip::result::ZipError| Error::Invalid(format!("cannot build the zip: {e}"));
    zip.start_file("corpus.en", opts).map_err(fail)?;
    zip.write_all(&en).map_err(Error::Output)?;
    zip.start_file("corpus.ar", opts).map_err(fail)?;
    zip.write_all(&ar).map_err(Error::Output)?;
    Ok(zip.finish().map_err(fail)?.into_inner())
}
