//! The core's layers point down only: infrastructure (journal, store) imports no slice, a slice
//! imports only what lies below it, and nothing imports upwards, so there can be no cycle. Read
//! from the source itself, the way `farm-studio look` draws it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of `src/` and its floor; a module may use lower floors only (and itself).
const FLOORS: &[(&str, u32)] = &[
    ("error", 0),
    ("text", 0),
    ("time", 1),
    ("device", 1),
    ("media", 1),
    ("crypt", 2),
    ("pdf", 1),
    ("domain", 2),
    ("journal", 3),
    ("store", 4),
    ("log", 5),
    ("seal", 5),
    ("plans", 6),
    ("staff", 6),
    ("logistics", 6),
    ("timeline", 6),
    ("situation", 6),
    ("reports", 6),
    ("readiness", 7),
    ("efter", 7),
    ("risk", 7),
    ("continuity", 7),
    ("followup", 8),
    ("war", 8),
    ("reminders", 8),
    ("marking", 8),
    ("sync", 7),
    ("syncthing", 1),
    ("import", 8),
    ("cap", 8),
    ("export", 8),
    ("picture", 8),
    ("find", 8),
    ("workspace", 11),
    ("backup", 11),
    ("vault", 11),
    ("scenario", 8),
    ("exercise", 9),
    ("slices", 10),
    ("report", 10),
    ("api", 12),
    ("session", 13),
    ("bindings", 14),
];

fn floor(module: &str) -> u32 {
    FLOORS
        .iter()
        .find(|(m, _)| *m == module)
        .unwrap_or_else(|| panic!("src/{module} has no floor in tests/layers.rs: give it one"))
        .1
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `crate::name` paths in code (comments skipped), `str_enum!` counted as `domain`.
fn uses(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or("");
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let name = if name == "str_enum" {
                "domain".into()
            } else {
                name
            };
            if !name.is_empty() && name.chars().next().unwrap().is_ascii_lowercase() {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn every_import_in_the_core_points_down() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for file in files {
        let rel = file.strip_prefix("src").unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if top == "lib" || top == "bin" {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for used in uses(&source) {
            if used == top {
                continue;
            }
            if floor(&used) >= floor(&top) {
                wrong.push(format!(
                    "{} (floor {}) uses crate::{used} (floor {})",
                    file.display(),
                    floor(&top),
                    floor(&used)
                ));
            }
            graph.entry(top.clone()).or_default().insert(used);
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that point up or sideways:\n{}",
        wrong.join("\n")
    );
    for infra in ["journal", "store"] {
        let slices: Vec<&String> = graph[infra]
            .iter()
            .filter(|m| floor(m) >= floor("log"))
            .collect();
        assert!(slices.is_empty(), "{infra} knows slices: {slices:?}");
    }
}

#[test]
fn the_checker_sees_an_upward_import() {
    let used = uses("use crate::store::Store; // crate::api in a comment\nlet x = crate::log::x;");
    assert_eq!(
        used,
        BTreeSet::from(["store".to_string(), "log".to_string()])
    );
    assert!(
        floor("log") > floor("store"),
        "a store file using log would be refused"
    );
}
