//! The lexicons `check`, `align` and `demo` use, built the same way for all three and named in
//! their output: the same files give the same flags through `check` and through `align` exactly
//! when the lexicons are the same, so a user comparing the two can see whether they were.

use crate::anchors::dictionaries;
use crate::anchors::lexicon::Lexicon;
use crate::error::Result;
use crate::store::Tx;
use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

/// Which lexicons a run used, beside the built-in glossary (always used).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Used {
    /// The system's FreeDict files (/usr/share/dictd), when installed and not turned off.
    pub system: Vec<PathBuf>,
    /// Installed system FreeDict files left out by --no-system-lexicon.
    pub system_off: bool,
    /// Dictionary files named for this run (`check --lexicon`).
    pub files: Vec<PathBuf>,
    /// Dictionaries kept in the workspace (imported or learned), by name.
    pub workspace: Vec<String>,
}

impl Used {
    fn new(no_system: bool) -> Used {
        let installed = dictionaries::system_freedict();
        if no_system {
            Used {
                system_off: !installed.is_empty(),
                ..Used::default()
            }
        } else {
            Used {
                system: installed,
                ..Used::default()
            }
        }
    }
}

/// One line: `lexicons: built-in glossary, FreeDict (system, /usr/share/dictd), learned
/// (workspace)`.
impl fmt::Display for Used {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "lexicons: built-in glossary")?;
        if !self.system.is_empty() {
            // The folder, not each file: both FreeDict directions live in one.
            let mut dirs: Vec<String> = self
                .system
                .iter()
                .filter_map(|p| p.parent())
                .map(|d| d.display().to_string())
                .collect();
            dirs.dedup();
            write!(f, ", FreeDict (system, {})", dirs.join(", "))?;
        }
        for file in &self.files {
            write!(f, ", {}", file.display())?;
        }
        for name in &self.workspace {
            write!(f, ", {name} (workspace)")?;
        }
        if self.system_off {
            write!(f, "; the system's FreeDict is turned off")?;
        }
        Ok(())
    }
}

/// The lexicon of `align` and `demo`: the built-in glossary, the workspace's dictionaries and,
/// unless `no_system`, the system's FreeDict.
pub fn of_workspace(tx: &Tx, no_system: bool) -> Result<(Lexicon, Used)> {
    let mut used = Used::new(no_system);
    used.workspace = tx.lexicons()?.into_iter().map(|(name, _)| name).collect();
    let mut lexicon = tx.lexicon()?;
    dictionaries::add_files(&mut lexicon, &used.system)?;
    Ok((lexicon, used))
}

/// The lexicon of `check` (no workspace): the built-in glossary, the files given and, unless
/// `no_system`, the system's FreeDict — by default the same as `align` on a workspace without
/// dictionaries of its own.
pub fn of_files(files: &[PathBuf], no_system: bool) -> Result<(Cow<'static, Lexicon>, Used)> {
    let mut used = Used::new(no_system);
    used.files = files.to_vec();
    let all: Vec<PathBuf> = files.iter().chain(&used.system).cloned().collect();
    Ok((dictionaries::with_files(&all)?, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_every_lexicon_on_one_line() {
        let used = Used {
            system: vec![
                PathBuf::from("/usr/share/dictd/freedict-ara-eng.index"),
                PathBuf::from("/usr/share/dictd/freedict-eng-ara.index"),
            ],
            system_off: false,
            files: vec![PathBuf::from("mine.tsv")],
            workspace: vec!["learned".into()],
        };
        assert_eq!(
            used.to_string(),
            "lexicons: built-in glossary, FreeDict (system, /usr/share/dictd), mine.tsv, learned (workspace)"
        );
        assert_eq!(Used::default().to_string(), "lexicons: built-in glossary");
    }
}
