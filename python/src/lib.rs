//! `tarjama._native`: the Rust side of the Python package. It speaks JSON text with the Python
//! side (`pysrc/tarjama/__init__.py`), so that every result has exactly the schema of the command
//! line's JSON (`check --format json`, `batch`, `list --json`): both are written by the same
//! serde code.

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::Mutex;
use tarjama::anchors::lexicon::Lexicon;
use tarjama::batch::{self, Outcome};
use tarjama::embed::Encoder;
use tarjama::pipeline::Resources;

/// What checking reads besides the pair: lexicons and the sentence encoder, loaded once per
/// process and configuration (loading FreeDict takes about a second).
struct Loaded {
    lexicon: Cow<'static, Lexicon>,
    encoder: Option<Encoder>,
    used: String,
}

impl Loaded {
    fn resources(&self) -> Resources<'_> {
        Resources {
            lexicon: &self.lexicon,
            encoder: self.encoder.as_ref(),
        }
    }
}

/// Loaded configurations, by (system lexicon, model); leaked on purpose: they live as long as
/// the interpreter, and `check_many` hands them to worker threads.
static LOADED: Mutex<Vec<((bool, bool), &'static Loaded)>> = Mutex::new(Vec::new());

fn loaded(system_lexicon: bool, model: bool) -> PyResult<&'static Loaded> {
    let mut cache = LOADED
        .lock()
        .map_err(|_| PyRuntimeError::new_err("tarjama: resource cache poisoned"))?;
    let key = (system_lexicon, model);
    if let Some((_, l)) = cache.iter().find(|(k, _)| *k == key) {
        return Ok(*l);
    }
    let (lexicon, used) = tarjama::cli::lexicons::of_files(&[], !system_lexicon)
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    // As the command line does by default: the encoder pip installed (or $TARJAMA_MODEL), if any.
    let args = tarjama::cli::ModelArgs {
        model: None,
        no_model: !model || std::env::var_os("TARJAMA_NO_MODEL").is_some_and(|v| v != "0"),
    };
    let encoder = args
        .load()
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    let l: &'static Loaded = Box::leak(Box::new(Loaded {
        lexicon,
        encoder,
        used: used.to_string(),
    }));
    cache.push((key, l));
    Ok(l)
}

/// Checks one record given as JSON text; returns the check document as JSON text. A record that
/// cannot be checked raises ValueError with the reason.
#[pyfunction]
#[pyo3(signature = (record, system_lexicon=true, model=true))]
fn check_json(py: Python<'_>, record: &str, system_lexicon: bool, model: bool) -> PyResult<String> {
    let res = loaded(system_lexicon, model)?;
    let rec =
        batch::record_of_line(record).map_err(|(_, e)| PyValueError::new_err(e.to_string()))?;
    // The GIL is released while aligning: other Python threads run meanwhile.
    let analysis = py
        .detach(|| batch::check(&rec, res.resources()))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    serde_json::to_string(&batch::CheckJson::of(&analysis))
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))
}

/// Checks many records (JSON text each) in parallel, without the GIL; returns one JSON text per
/// record, in order: `{"id", <check document>}` or `{"id", "error"}`.
#[pyfunction]
#[pyo3(signature = (records, threads=None, system_lexicon=true, model=true))]
fn check_many_json(
    py: Python<'_>,
    records: Vec<String>,
    threads: Option<usize>,
    system_lexicon: bool,
    model: bool,
) -> PyResult<Vec<String>> {
    let res = loaded(system_lexicon, model)?;
    if threads == Some(0) {
        return Err(PyValueError::new_err(
            "threads must be at least 1 (or None: one per core)",
        ));
    }
    py.detach(|| -> Result<Vec<String>, String> {
        let pool = match threads {
            Some(n) => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| e.to_string())?,
            ),
            None => None,
        };
        let mut out = Vec::with_capacity(records.len());
        batch::run(
            records
                .iter()
                .map(|r| Ok::<_, String>(batch::record_of_line(r))),
            res.resources(),
            batch::DEFAULT_WINDOW,
            pool.as_ref(),
            |o: Outcome| {
                out.push(serde_json::to_string(&o.json()).map_err(|e| e.to_string())?);
                Ok(())
            },
        )?;
        Ok(out)
    })
    .map_err(PyRuntimeError::new_err::<String>)
}

/// The lexicons a configuration uses, in the command line's words.
#[pyfunction]
#[pyo3(signature = (system_lexicon=true, model=true))]
fn lexicons(system_lexicon: bool, model: bool) -> PyResult<String> {
    Ok(loaded(system_lexicon, model)?.used.clone())
}

/// Splits text into sentences as `check` does ("en" or "ar").
#[pyfunction]
fn segment(text: &str, lang: &str) -> PyResult<Vec<String>> {
    let lang = tarjama::text::Lang::parse(lang).ok_or_else(|| {
        PyValueError::new_err(format!("unknown language {lang:?}; use \"en\" or \"ar\""))
    })?;
    let text = text.trim_start_matches('\u{FEFF}').replace("\r\n", "\n");
    Ok(tarjama::segment::segment(&text, lang)
        .into_iter()
        .map(|s| s.text)
        .collect())
}

/// Read access to a workspace. Results are JSON text (the rows of `tarjama list --json`).
#[pyclass(module = "tarjama._native")]
struct Workspace {
    // rusqlite connections may move between threads but not be shared: one call at a time.
    ws: Mutex<tarjama::store::Workspace>,
}

fn ws_error(e: tarjama::Error) -> PyErr {
    PyOSError::new_err(e.to_string())
}

#[pymethods]
impl Workspace {
    #[new]
    fn new(path: PathBuf) -> PyResult<Self> {
        let ws = tarjama::store::Workspace::open(&path).map_err(ws_error)?;
        Ok(Workspace { ws: Mutex::new(ws) })
    }

    fn pairs_json(&self, py: Python<'_>) -> PyResult<String> {
        self.read(py, |tx| Ok(serde_json::to_string(&tx.pairs()?)?))
    }

    /// The beads of a pair with their sentence texts joined per side.
    fn beads_json(&self, py: Python<'_>, pair: i64) -> PyResult<String> {
        self.read(py, |tx| {
            let p = tx.pair(pair)?;
            let src = tx.sentences(p.source_id)?;
            let tgt = tx.sentences(p.article_id)?;
            let join = |rows: &[tarjama::store::SentenceRow], ids: &[usize]| {
                ids.iter()
                    .filter_map(|&i| rows.get(i).map(|r| r.text.as_str()))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let rows: Vec<serde_json::Value> = tx
                .beads(pair)?
                .into_iter()
                .map(|b| {
                    let source = join(&src, &b.src);
                    let target = join(&tgt, &b.tgt);
                    let mut v = serde_json::to_value(&b).unwrap_or_default();
                    if let Some(m) = v.as_object_mut() {
                        m.insert("source".into(), source.into());
                        m.insert("target".into(), target.into());
                    }
                    v
                })
                .collect();
            Ok(serde_json::to_string(&rows)?)
        })
    }

    #[pyo3(signature = (pair=None, include_dismissed=false))]
    fn flags_json(
        &self,
        py: Python<'_>,
        pair: Option<i64>,
        include_dismissed: bool,
    ) -> PyResult<String> {
        self.read(py, |tx| {
            if let Some(p) = pair {
                tx.pair(p)?;
            }
            let filter = tarjama::store::FlagFilter {
                pair,
                include_dismissed,
                ..Default::default()
            };
            Ok(serde_json::to_string(&tx.flags(&filter)?)?)
        })
    }
}

impl Workspace {
    fn read(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&tarjama::store::Tx) -> tarjama::Result<String> + Send,
    ) -> PyResult<String> {
        py.detach(|| {
            let mut ws = self
                .ws
                .lock()
                .map_err(|_| PyRuntimeError::new_err("workspace lock poisoned"))?;
            ws.read(f).map_err(ws_error)
        })
    }
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_json, m)?)?;
    m.add_function(wrap_pyfunction!(check_many_json, m)?)?;
    m.add_function(wrap_pyfunction!(lexicons, m)?)?;
    m.add_function(wrap_pyfunction!(segment, m)?)?;
    m.add_class::<Workspace>()?;
    Ok(())
}
