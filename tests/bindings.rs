//! The UI's TypeScript types are generated from Rust and must match what is checked in.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| {
                    (
                        e.file_name().to_string_lossy().into_owned(),
                        std::fs::read_to_string(e.path()).unwrap(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn checked_in_bindings_match_the_rust_types() {
    let checked_in = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/lib/bindings");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&checked_in);
        krisledning::bindings::export_all(&checked_in).unwrap();
    }
    let fresh = tempfile::tempdir().unwrap();
    krisledning::bindings::export_all(fresh.path()).unwrap();
    let (want, have) = (read_dir(fresh.path()), read_dir(&checked_in));
    assert!(!want.is_empty(), "no bindings generated");
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        have.keys().collect::<Vec<_>>(),
        "binding files differ; run `make bindings` and commit ui/src/lib/bindings"
    );
    for (name, text) in &want {
        assert_eq!(
            Some(text),
            have.get(name),
            "{name} is stale; run `make bindings`"
        );
    }
}

/// ts-rs writes one file per type name, so two Rust types of one name would silently share a
/// TypeScript type (the risk's assessment once came out as the exercise's). Every type that
/// derives `TS` — directly or through `str_enum!` — must have a name of its own.
#[test]
fn no_two_exported_types_share_a_name() {
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    rust_files(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut seen: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for (i, line) in lines.iter().enumerate() {
            // `str_enum!(` then doc comments and attributes, then `Name, "what"`.
            let name = if let Some(rest) = line
                .strip_prefix("crate::str_enum!(")
                .or_else(|| line.strip_prefix("str_enum!("))
            {
                std::iter::once(&rest)
                    .chain(lines[i + 1..].iter())
                    .find(|l| !l.is_empty() && !l.starts_with("///") && !l.starts_with("#["))
                    .and_then(|l| l.split(',').next())
                    .map(str::to_string)
            } else if line.starts_with("#[derive(") && line.contains("TS") {
                lines[i + 1..]
                    .iter()
                    .find(|l| l.starts_with("pub struct ") || l.starts_with("pub enum "))
                    .filter(|_| {
                        !lines[i + 1..]
                            .iter()
                            .take(3)
                            .any(|l| l.starts_with("#[ts(rename"))
                    })
                    .and_then(|l| l.split_whitespace().nth(2))
                    .map(|n| {
                        n.trim_end_matches(['{', '(', ';'])
                            .split('<')
                            .next()
                            .unwrap()
                            .to_string()
                    })
            } else {
                None
            };
            if let Some(n) = name {
                seen.entry(n).or_default().push(f.display().to_string());
            }
        }
    }
    let twice: Vec<_> = seen.iter().filter(|(_, at)| at.len() > 1).collect();
    assert!(twice.is_empty(), "TypeScript names used twice: {twice:?}");
}
