//! The Python package (python/) and the Spark example (examples/spark/align_corpus.py), tested
//! as users get them: a wheel built with maturin, installed into a fresh virtual environment,
//! then pytest (python/tests) and a local-mode Spark run compared with `tarjama batch`.
//!
//! Needs a Python with maturin and pytest ($TARJAMA_PYTHON, else python3; `.ci/run` installs
//! them), and for Spark pyspark, pyarrow, pandas and a Java runtime. What is missing is said in a
//! SKIPPED line, and the test passes without having checked it.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Instant;

/// Says loudly that a check did not run: the harness captures `println!` (shown only on failure
/// or with --nocapture), so the line also goes to the process's stderr directly, which it does
/// not capture.
fn skip(reason: &str) {
    use std::io::Write as _;
    let line = format!("SKIPPED: {reason}");
    println!("{line}");
    let _ = writeln!(std::io::stderr(), "{line}");
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn python() -> String {
    std::env::var("TARJAMA_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn has_modules(py: &str, modules: &[&str]) -> Result<(), String> {
    let probe = format!("import {}", modules.join(", "));
    match Command::new(py).args(["-c", &probe]).output() {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => Err(format!(
            "{py} cannot import {}: {}",
            modules.join(", "),
            String::from_utf8_lossy(&o.stderr)
                .lines()
                .last()
                .unwrap_or("")
        )),
        Err(e) => Err(format!("cannot run {py}: {e}")),
    }
}

fn run(cmd: &mut Command, what: &str) -> Result<String, String> {
    let o = cmd.output().map_err(|e| format!("{what}: {e}"))?;
    if !o.status.success() {
        return Err(format!(
            "{what} failed:\n{}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}

/// A virtual environment with the wheel installed (built once for all tests of this file). It
/// sees the outer Python's packages (pytest, pyarrow, pyspark), not the repository's sources.
struct Venv {
    _dir: tempfile::TempDir,
    python: PathBuf,
}

/// Ok(venv), or Err(why it cannot be made: a SKIPPED reason). A build or install that fails with
/// the tools present is a test failure, not a skip.
fn venv() -> &'static Result<Venv, String> {
    static VENV: OnceLock<Result<Venv, String>> = OnceLock::new();
    VENV.get_or_init(|| {
        let py = python();
        has_modules(&py, &["maturin", "pytest", "venv"])?;
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let wheels = dir.path().join("wheels");
        // $TARJAMA_WHEEL: a wheel already built (say with --release), tested as it is.
        let prebuilt = std::env::var_os("TARJAMA_WHEEL").map(PathBuf::from);
        if let Some(w) = &prebuilt {
            std::fs::create_dir_all(&wheels).map_err(|e| e.to_string())?;
            let name = w.file_name().ok_or("TARJAMA_WHEEL names no file")?;
            std::fs::copy(w, wheels.join(name))
                .map_err(|e| format!("TARJAMA_WHEEL {}: {e}", w.display()))?;
        }
        // The dev profile: CI's `cargo test` has just built every dependency in it, so only the
        // bindings compile here (a release build would compile everything again).
        if prebuilt.is_none() {
            run(
                Command::new(&py)
                    .args(["-m", "maturin", "build", "--quiet", "-m"])
                    .arg(root().join("python/Cargo.toml"))
                    .arg("-o")
                    .arg(&wheels)
                    .env("MATURIN_NO_INSTALL_RUST", "1"),
                "maturin build",
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        let wheel = std::fs::read_dir(&wheels)
            .expect("wheels directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| p.extension().is_some_and(|x| x == "whl"))
            .expect("maturin wrote a wheel");
        let name = wheel.file_name().map(|n| n.to_string_lossy().into_owned());
        assert!(
            name.as_deref().is_some_and(|n| n.contains("abi3")),
            "an abi3 wheel: {name:?}"
        );
        let env = dir.path().join("venv");
        run(
            Command::new(&py)
                .args(["-m", "venv", "--system-site-packages"])
                .arg(&env),
            "python -m venv",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let vpy = env.join("bin/python");
        // --system-site-packages sees the base interpreter's packages, not those of a virtual
        // environment $TARJAMA_PYTHON may be: the outer Python's own directories are added with
        // a .pth file (after the venv's own, so the wheel installed here is the one imported).
        let paths =
            "import sysconfig; p = sysconfig.get_paths(); print(p['purelib']); print(p['platlib'])";
        let outer = run(Command::new(&py).args(["-c", paths]), "outer site-packages")
            .unwrap_or_else(|e| panic!("{e}"));
        let inner = run(Command::new(&vpy).args(["-c", paths]), "venv site-packages")
            .unwrap_or_else(|e| panic!("{e}"));
        let site = inner.lines().next().expect("venv purelib");
        std::fs::write(Path::new(site).join("outer-site.pth"), &outer)
            .unwrap_or_else(|e| panic!("{site}: {e}"));
        run(
            Command::new(&vpy)
                .args(["-m", "pip", "install", "--quiet", "--no-index", "--no-deps"])
                .arg(&wheel),
            "pip install the wheel",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        Ok(Venv {
            _dir: dir,
            python: vpy,
        })
    })
}

#[test]
fn wheel_builds_installs_and_passes_pytest() {
    let v = match venv() {
        Ok(v) => v,
        Err(why) => {
            skip(&format!("the Python package's wheel and pytest: {why}"));
            return;
        }
    };
    // From a directory outside the repository: the installed package is imported, not python/.
    let cwd = tempfile::tempdir().expect("tempdir");
    let out = run(
        Command::new(&v.python)
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs"])
            .arg(root().join("python/tests"))
            .current_dir(cwd.path())
            .env("TARJAMA_BIN", env!("CARGO_BIN_EXE_tarjama")),
        "pytest",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    println!("{out}");
    assert!(out.contains(" passed"), "{out}");
    assert!(!out.contains("failed"), "{out}");
}

/// `n` generated pairs, JSON Lines: slices of the gold pairs of corpora/ (different lengths and
/// starts, so that no two records are alike), as raw text.
fn generated_pairs(n: usize) -> String {
    let dirs = pair_dirs();
    let sides: Vec<(Vec<String>, Vec<String>)> = dirs
        .iter()
        .map(|d| (sents(&d.join("en.sents")), sents(&d.join("ar.sents"))))
        .collect();
    let mut out = String::new();
    for i in 0..n {
        let (en, ar) = &sides[i % sides.len()];
        let take = |s: &[String]| {
            let len = 3 + (i / sides.len()) % (s.len() - 2);
            let start = (i * 7) % (s.len() - len + 1);
            s[start..start + len].join("\n")
        };
        let rec =
            serde_json::json!({"id": format!("g{i}"), "source": take(en), "target": take(ar)});
        out.push_str(&format!("{rec}\n"));
    }
    out
}

const COMPARE: &str = r#"
import sys, pyarrow.parquet as pq, pyarrow.dataset as ds
batch = {r["id"]: r for r in pq.read_table(sys.argv[1]).to_pylist()}
spark = {r["id"]: r for r in ds.dataset(sys.argv[2], format="parquet").to_table().to_pylist()}
assert len(batch) == int(sys.argv[3]), len(batch)
assert set(batch) == set(spark), sorted(set(batch) ^ set(spark))[:5]
diff = [k for k in batch if batch[k] != spark[k]]
assert not diff, (len(diff), diff[:3], batch[diff[0]], spark[diff[0]])
print(f"OK {len(batch)} rows equal")
"#;

#[test]
fn spark_job_in_local_mode_equals_batch() {
    let v = match venv() {
        Ok(v) => v,
        Err(why) => {
            skip(&format!("the Spark example: {why}"));
            return;
        }
    };
    if let Err(why) = has_modules(&python(), &["pyspark", "pyarrow", "pandas"]) {
        skip(&format!(
            "the Spark example: {why} (pip install pyspark pyarrow pandas)"
        ));
        return;
    }
    if Command::new("java").arg("-version").output().is_err() {
        skip("the Spark example: no java on PATH (apt-get install default-jre-headless)");
        return;
    }
    let n = 300;
    let ws = Ws::uninit();
    let input = ws.write("pairs.jsonl", generated_pairs(n));
    let batch_out = ws.path("batch.parquet");
    let started = Instant::now();
    let o = tarjama()
        .arg("batch")
        .arg(&input)
        .arg("--out")
        .arg(&batch_out)
        .output()
        .expect("runs");
    let batch_secs = started.elapsed().as_secs_f64();
    assert!(o.status.success(), "batch: {}", stderr_of(&o));
    let spark_out = ws.path("spark-out");
    let started = Instant::now();
    run(
        Command::new(&v.python)
            .arg(root().join("examples/spark/align_corpus.py"))
            .arg(&input)
            .arg(&spark_out)
            .args([
                "--master",
                "local[2]",
                "--partitions",
                "2",
                "--no-system-lexicon",
                "--no-model",
            ])
            .env("PYSPARK_PYTHON", &v.python)
            .env("PYSPARK_DRIVER_PYTHON", &v.python)
            .env("TARJAMA_NO_MODEL", "1")
            .current_dir(ws.dir.path()),
        "spark job",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let spark_secs = started.elapsed().as_secs_f64();
    let out = run(
        Command::new(&v.python)
            .args(["-c", COMPARE])
            .arg(&batch_out)
            .arg(&spark_out)
            .arg(n.to_string()),
        "comparison",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.trim(), format!("OK {n} rows equal"));
    println!(
        "{n} pairs: batch {batch_secs:.1} s, Spark local[2] {spark_secs:.1} s (with JVM start)"
    );
}
