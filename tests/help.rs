//! Every command's `--help`, found by walking the command lists of `tarjama --help` down to the
//! nested commands (`lexicon import`, `bead reject`…): a description of the command, a
//! description of each argument and option, and at least one example.

mod common;

use common::*;

/// The commands a `--help` page lists (its "Commands:" section), without `help`.
fn commands_of(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in page.lines() {
        if line == "Commands:" {
            inside = true;
            continue;
        }
        if inside {
            if line.trim().is_empty() || !line.starts_with(' ') {
                break;
            }
            // Entries are indented by two; their wrapped descriptions by more.
            if line.starts_with("  ") && !line.starts_with("   ") {
                let name = line.split_whitespace().next().unwrap().to_string();
                if name != "help" {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// Argument and option entries of a help page that have no description. clap puts an entry's
/// description after it on the same line, or (long help) on the lines below it; defaults,
/// possible values and environment variables in brackets are not descriptions.
fn undescribed(page: &str) -> Vec<String> {
    let lines: Vec<&str> = page.lines().collect();
    let mut missing = Vec::new();
    let mut in_section = false;
    for (k, line) in lines.iter().enumerate() {
        if *line == "Arguments:" || *line == "Options:" {
            in_section = true;
            continue;
        }
        if !line.is_empty() && !line.starts_with(' ') {
            in_section = false;
        }
        if !in_section {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        let is_entry = (indent == 2 || indent == 6) && body.starts_with(['-', '<', '[']);
        if !is_entry {
            continue;
        }
        let is_description = |s: &str| {
            let s = s.trim();
            !s.is_empty() && !s.starts_with('[') && !s.starts_with("Possible values")
        };
        let same_line = body.split_once("  ").map(|(_, rest)| rest).unwrap_or("");
        let below = lines
            .get(k + 1)
            .filter(|l| l.len() - l.trim_start().len() > 6)
            .copied()
            .unwrap_or("");
        if !is_description(same_line) && !is_description(below) {
            missing.push(body.to_string());
        }
    }
    missing
}

fn help(path: &[String]) -> String {
    let o = tarjama().args(path).arg("--help").output().unwrap();
    assert!(
        o.status.success(),
        "tarjama {} --help: {}",
        path.join(" "),
        stderr_of(&o)
    );
    stdout_of(&o)
}

#[test]
fn every_help_page_describes_each_option_and_gives_an_example() {
    let mut pages: Vec<Vec<String>> = Vec::new();
    let mut todo: Vec<Vec<String>> = commands_of(&help(&[]))
        .into_iter()
        .map(|c| vec![c])
        .collect();
    let mut problems = Vec::new();
    while let Some(path) = todo.pop() {
        let page = help(&path);
        let name = format!("tarjama {}", path.join(" "));
        for sub in commands_of(&page) {
            let mut p = path.clone();
            p.push(sub);
            todo.push(p);
        }
        // The first line is the command's description.
        if !matches!(page.lines().next(), Some(l) if !l.trim().is_empty()) {
            problems.push(format!("{name}: no description"));
        }
        if !page.contains("Example") {
            problems.push(format!("{name}: no example"));
        }
        for entry in undescribed(&page) {
            problems.push(format!("{name}: {entry} has no description"));
        }
        pages.push(path);
    }
    let names: Vec<String> = pages.iter().map(|p| p.join(" ")).collect();
    // The walk reached the nested commands.
    for expected in [
        "init",
        "add",
        "demo",
        "lexicon import",
        "lexicon learn",
        "lexicon list",
        "lexicon remove",
        "bead list",
        "bead reject",
        "bead shift",
        "flag dismiss",
        "move confirm",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} not reached: {names:?}"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_checker_finds_an_undescribed_option() {
    let page = "Do things\n\nUsage: x [OPTIONS]\n\nOptions:\n      --title <TITLE>\n          \n      --date <DATE>\n          Publication date\n      --n <N>  [default: 5]\n      --ok     Fine\n  -h, --help   Print help\n";
    assert_eq!(
        undescribed(page),
        vec!["--title <TITLE>", "--n <N>  [default: 5]"]
    );
}
