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
