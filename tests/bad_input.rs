//! Bad input of every kind gets a clear error and changes nothing that was stored.

mod common;

use chrono::Duration;
use common::*;
use krisledning::log::OpenEvent;
use krisledning::{api, ErrorCode, Store, Workspace};

#[test]
fn empty_title_is_refused_in_swedish_and_nothing_is_written() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let before = head(&f.store);
    let err = f.store.decide(&tib(), &decision(&ev, "   ")).unwrap_err();
    assert_eq!(err.code, ErrorCode::Invalid);
    assert_eq!(err.message, "Rubrik måste fyllas i.");
    assert_eq!(head(&f.store), before);
}

#[test]
fn a_time_more_than_five_minutes_ahead_is_refused() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let before = head(&f.store);
    let mut d = decision(&ev, "Framtid");
    d.occurred_at = Some(krisledning::time::format(&(t0() + Duration::minutes(6))));
    let err = f.store.decide(&tib(), &d).unwrap_err();
    assert!(
        err.message.contains("mer än 5 minuter i framtiden"),
        "{}",
        err.message
    );
    d.occurred_at = Some(krisledning::time::format(&(t0() + Duration::minutes(4))));
    f.store.decide(&tib(), &d).expect("within clock tolerance");
    assert_eq!(head(&f.store).0, before.0 + 1);
}

#[test]
fn an_impossible_date_is_named() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let mut d = decision(&ev, "Datum");
    d.follow_up_at = Some("2026-02-30T10:00:00+01:00".into());
    let err = f.store.decide(&tib(), &d).unwrap_err();
    assert!(
        err.message
            .starts_with("Uppföljning: \"2026-02-30T10:00:00+01:00\" är ingen giltig tidpunkt"),
        "{}",
        err.message
    );
}

#[test]
fn late_entries_need_a_reason_which_is_kept() {
    let mut f = fixture();
    let ev = f
        .store
        .open_event(
            &tib(),
            &OpenEvent {
                title: "Brand Wämö".into(),
                occurred_at: Some(krisledning::time::format(&(t0() - Duration::minutes(30)))),
                late_reason: Some("Larmet kom 02:10".into()),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let mut d = decision(&ev, "Utrymning");
    d.occurred_at = Some(krisledning::time::format(&(t0() - Duration::minutes(11))));
    let err = f.store.decide(&tib(), &d).unwrap_err();
    assert!(
        err.message.contains("orsak till sen registrering"),
        "{}",
        err.message
    );
    d.late_reason = Some("Beslut fattat muntligt på plats, loggat efter återkomst".into());
    let rec = f.store.decide(&tib(), &d).unwrap();
    assert_eq!(rec.late_reason.as_deref(), d.late_reason.as_deref());
    assert_eq!(rec.recorded_at, krisledning::time::format(&t0()));
    // Ten minutes exactly is still on time.
    let mut on_time = decision(&ev, "I tid");
    on_time.occurred_at = Some(krisledning::time::format(&(t0() - Duration::minutes(10))));
    f.store.decide(&tib(), &on_time).unwrap();
}

#[test]
fn a_ten_megabyte_text_is_refused_with_its_size() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    let before = head(&f.store);
    let mut d = decision(&ev, "Stor");
    d.text = "å".repeat(10 * 1024 * 1024);
    let err = f.store.decide(&tib(), &d).unwrap_err();
    assert!(
        err.message
            .contains("Beslut är för lång: 10485760 tecken, högst 20000"),
        "{}",
        err.message
    );
    assert_eq!(head(&f.store), before);
    // Over IPC the raw request is refused before it is even parsed.
    let raw =
        serde_json::json!({"command": "decide", "args": {"actor": tib(), "input": d}}).to_string();
    let err = api::call_json(&mut f.store, &raw).unwrap_err();
    assert!(
        err.message.starts_with("Indata är för stor"),
        "{}",
        err.message
    );
    assert_eq!(head(&f.store), before);
}

#[test]
fn malformed_json_to_a_command_is_a_clear_error() {
    let mut f = fixture();
    let before = head(&f.store);
    for raw in [
        "{not json",
        r#"{"command":"open_event"}"#,
        r#"{"command":"open_event","args":{"actor":{"name":"A","role":"TiB"},"input":{"title":42}}}"#,
        r#"{"command":"drop_tables","args":{}}"#,
        r#"{"command":"open_event","args":{"actor":{"name":"A","role":"TiB"},"input":{"title":"x"},"extra":1}}"#,
        r#"{"command":"decide","args":{"actor":{"name":"A","role":"TiB"},"input":{"event_id":"x","kind":"kupp","title":"t","text":"t","basis":"b","decided_by":{"name":"A","role":"B"}}}}"#,
    ] {
        let err = api::call_json(&mut f.store, raw).unwrap_err();
        assert_eq!(err.code, ErrorCode::Invalid, "{raw}");
        assert!(
            err.message.starts_with("Ogiltig begäran till kärnan"),
            "{raw}: {}",
            err.message
        );
    }
    assert_eq!(head(&f.store), before);
    let ok = api::call_json(&mut f.store, r#"{"command":"open_event","args":{"actor":{"name":"A","role":"TiB"},"input":{"title":"Giltig"}}}"#).unwrap();
    assert_eq!(ok["title"], "Giltig");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("anteckningar.db");
    let content = "Det här är en textfil, ingen databas.\n".repeat(200);
    std::fs::write(&path, &content).unwrap();
    for result in [
        Store::open(&path).err(),
        Store::init(&path, "X", Workspace::Real).err(),
    ] {
        let err = result.expect("must refuse");
        assert_eq!(err.code, ErrorCode::NotOurDatabase, "{}", err.message);
        assert!(
            err.message.contains("inte en SQLite-databas"),
            "{}",
            err.message
        );
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), content);
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("annan.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE kunder (namn TEXT); INSERT INTO kunder VALUES ('Olle');")
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::init(&path, "X", Workspace::Real).err().unwrap();
    assert_eq!(err.code, ErrorCode::NotOurDatabase);
    assert!(err.message.contains("ett annat program"), "{}", err.message);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_missing_database_tells_the_user_to_init() {
    let dir = tempfile::tempdir().unwrap();
    let err = Store::open(&dir.path().join("finns-inte.db"))
        .err()
        .unwrap();
    assert_eq!(err.code, ErrorCode::NotInitialised);
    assert!(err.message.contains("kris init"));
    assert!(
        !dir.path().join("finns-inte.db").exists(),
        "opening must not create the file"
    );
}

#[test]
fn writing_to_a_closed_event_or_unknown_ids_is_refused() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Kort händelse");
    f.store
        .close_event(
            &tib(),
            &krisledning::log::CloseEvent {
                event_id: ev.clone(),
                decision_text: "Återgång till normal drift".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let before = head(&f.store);
    assert_eq!(
        f.store
            .log_diary(&tib(), &diary(&ev, "För sent"))
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    assert_eq!(
        f.store
            .log_diary(&tib(), &diary("nope", "x"))
            .unwrap_err()
            .code,
        ErrorCode::NotFound
    );
    let err = f
        .store
        .correct(
            &tib(),
            &krisledning::log::NewCorrection {
                target_id: "nope".into(),
                text: "x".into(),
                reason: "y".into(),
            },
        )
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert_eq!(head(&f.store), before);
}

#[test]
fn control_characters_and_missing_author_are_refused() {
    let mut f = fixture();
    let before = head(&f.store);
    let bad = OpenEvent {
        title: "Rubrik\u{0}med nolltecken".into(),
        ..Default::default()
    };
    assert!(f
        .store
        .open_event(&tib(), &bad)
        .unwrap_err()
        .message
        .contains("styrtecken"));
    let ok = OpenEvent {
        title: "Rubrik".into(),
        ..Default::default()
    };
    let err = f
        .store
        .open_event(&krisledning::domain::Actor::new(" ", "TiB"), &ok)
        .unwrap_err();
    assert_eq!(err.message, "Namn måste fyllas i.");
    assert_eq!(head(&f.store), before);
}

/// Text that passes a naive check but is not what it seems: an empty field made of a BOM or a
/// zero-width space, a bidi override or zero-width joiner inside a name (two authors who look
/// alike in an evidentiary log), a newline in a name (a forged line in `kris list`).
#[test]
fn invisible_and_one_line_text_rules_hold_for_every_write() {
    let mut f = fixture();
    let before = head(&f.store);
    for title in ["\u{feff}", "\u{200b}\u{200b}", " \u{2060} "] {
        let err = f
            .store
            .open_event(
                &tib(),
                &OpenEvent {
                    title: title.into(),
                    ..Default::default()
                },
            )
            .unwrap_err();
        assert_eq!(err.message, "Rubrik måste fyllas i.", "{title:?}");
    }
    let ok = OpenEvent {
        title: "Elavbrott".into(),
        ..Default::default()
    };
    for (name, what) in [
        ("Anna\u{202e}tsiviqdniL", "osynliga"),
        ("An\u{200d}na Lindqvist", "osynliga"),
        ("Anna\nTiB  Erik", "radbrytning"),
        ("Anna\u{1b}[31m", "styrtecken"),
    ] {
        let err = f
            .store
            .open_event(&krisledning::domain::Actor::new(name, "TiB"), &ok)
            .unwrap_err();
        assert!(err.message.contains(what), "{name:?}: {}", err.message);
        assert_eq!(err.params.get("field").map(String::as_str), Some("Namn"));
    }
    let ev = open_event(&mut f.store, "Elavbrott");
    // Running text keeps its lines and its joiners, but not a bidi override.
    let mut entry = diary(&ev, "Rad ett\nRad två 👩\u{200d}⚕️");
    f.store.log_diary(&tib(), &entry).unwrap();
    entry.text = "Beslut: \u{202e}ej\u{202c} utrymning".into();
    assert!(f.store.log_diary(&tib(), &entry).is_err());
    assert_eq!(
        head(&f.store).0,
        before.0 + 2,
        "only the event and the good entry"
    );
}

#[test]
fn a_plan_file_with_a_nul_an_escape_or_a_bidi_override_names_its_line() {
    let mut f = fixture();
    for bad in ["\u{0}", "\u{1b}[2J", "\u{202e}"] {
        let source = format!(
            "id = \"p\"\nversion = 1\npurpose = \"Syfte{bad}\"\ntriggers = []\nmodes = [\"fred\"]\n\
             roles = [\"TiB\"]\n[title]\nsv = \"P\"\nen = \"P\"\n[[cards]]\nrole = \"TiB\"\n\
             title = \"K\"\n[[cards.items]]\nid = \"a\"\ntext = \"A\"\n"
        );
        let err = f.store.import_plan(&tib(), "p.toml", &source).unwrap_err();
        assert!(
            err.message.starts_with("p.toml:3:"),
            "{bad:?}: {}",
            err.message
        );
    }
    // A byte order mark at the start is how Notepad saves UTF-8, not an attack.
    let with_bom = "\u{feff}id = \"p\"\nversion = 1\npurpose = \"Syfte\"\ntriggers = []\n\
        modes = [\"fred\"]\nroles = [\"TiB\"]\n[title]\nsv = \"P\"\nen = \"P\"\n[[cards]]\n\
        role = \"TiB\"\ntitle = \"K\"\n[[cards.items]]\nid = \"a\"\ntext = \"A\"\n";
    f.store.import_plan(&tib(), "p.toml", with_bom).unwrap();
}

/// A damaged page of a view (bytes that are not UTF-8 where text belongs) once surfaced as Rust's
/// raw UTF-8 error; it now says that a view is damaged and that `kris replay` rebuilds it, and
/// replay does.
#[test]
fn a_damaged_view_says_replay_mends_it() {
    let mut f = fixture();
    open_event(&mut f.store, "Elavbrott");
    let raw = rusqlite::Connection::open(&f.path).unwrap();
    raw.execute("UPDATE events SET title = CAST(x'C328' AS TEXT)", [])
        .unwrap();
    let err = f.store.list_events().unwrap_err();
    assert_eq!(err.code, ErrorCode::ProjectionMismatch);
    assert!(err.message.contains("kris replay"), "{}", err.message);
    f.store.replay().unwrap();
    assert_eq!(f.store.list_events().unwrap()[0].title, "Elavbrott");
}

/// What an audit still got through: names drawn blank (Hangul and braille fillers), invisible
/// marks that make two names differ (tags, grapheme joiner, variation selectors, musical
/// formatting), and line separators in one-line fields. Emoji in running text keep theirs.
#[test]
fn fillers_tags_and_line_separators_are_refused_in_names() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Elavbrott");
    for name in [
        "\u{3164}",
        "\u{2800}",
        "\u{115f}",
        "An\u{e0020}na",
        "An\u{034f}na",
        "Anna\u{fe0f}",
        "An\u{2028}na",
        "An\u{2029}na",
        "An\u{1d173}na",
        "An\u{17b4}na",
    ] {
        let r = f.store.log_diary(
            &krisledning::domain::Actor::new(name, "TiB"),
            &diary(&ev, "Text"),
        );
        assert!(r.is_err(), "{name:?} was accepted as a name");
    }
    assert!(
        f.store.log_diary(&tib(), &diary(&ev, "\u{3164}")).is_err(),
        "a blank text"
    );
    let kept = f
        .store
        .log_diary(&tib(), &diary(&ev, "Läkare på plats 👩‍⚕️"))
        .unwrap();
    assert!(
        kept.text.ends_with('\u{fe0f}'),
        "the emoji keeps its variation selector"
    );
}

/// A lone carriage return in running text made `kris list` print the rest of the line over its
/// start ("Allt lugnt\rBRAND" showed as "BRANDlugnt"); a Windows line end stays allowed.
#[test]
fn a_lone_carriage_return_is_refused_and_a_windows_line_end_is_kept() {
    let mut f = fixture();
    let ev = open_event(&mut f.store, "Radslut");
    let before = head(&f.store);
    let err = f
        .store
        .log_diary(&tib(), &diary(&ev, "Allt lugnt\rBRAND"))
        .unwrap_err();
    assert_eq!(err.code, krisledning::ErrorCode::Invalid);
    assert_eq!(err.params.get("char").map(String::as_str), Some("U+000D"));
    assert_eq!(head(&f.store), before);
    f.store
        .log_diary(&tib(), &diary(&ev, "Rad ett\r\nRad två"))
        .unwrap();
}

/// `kris` as a user who may read `dir` but not write it: as root (CI) through `setpriv` to
/// `nobody`, since root writes where permissions forbid; otherwise as this user, after `chmod`.
fn kris_in_write_protected(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    kris_in_write_protected_with(db, args, &[])
}

fn kris_in_write_protected_with(
    db: &std::path::Path,
    args: &[&str],
    envs: &[(&str, &str)],
) -> std::process::Output {
    let root = db.parent().unwrap().parent().unwrap();
    let home = root.join("home");
    let mut cmd = if unsafe { libc::geteuid() } == 0 {
        let as_nobody = |program: &std::path::Path| {
            let mut c = std::process::Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(program);
            c
        };
        // The checkout may lie under a folder `nobody` cannot enter (/root): then a copy of the
        // binary beside the store.
        let mut program = std::path::PathBuf::from(env!("CARGO_BIN_EXE_kris"));
        let runs = as_nobody(&program).arg("--version").output();
        if !runs.is_ok_and(|o| o.status.success()) {
            let copy = root.join("kris");
            if !copy.exists() {
                std::fs::hard_link(&program, &copy)
                    .or_else(|_| std::fs::copy(&program, &copy).map(|_| ()))
                    .unwrap();
            }
            program = copy;
        }
        as_nobody(&program)
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_kris"))
    };
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("KRIS_DB")
        .envs(envs.iter().copied())
        .env("HOME", &home)
        .env("KRIS_DEVICE_DIR", home.join("enhet"))
        .env("KRIS_ANCHOR_DIR", home.join("ankare"))
        .output()
        .unwrap()
}

/// The names and bytes of every file in `dir`.
fn files_in(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// A store folder only `kris` run as another user may read: the tree is opened to everyone, the
/// store's own folder then closed to writing (`0555`), as a locked USB stick is.
fn write_protect(root: &std::path::Path, folder: &std::path::Path) {
    use std::os::unix::fs::PermissionsExt;
    let home = root.join("home");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o777)).unwrap();
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).unwrap();
    for f in std::fs::read_dir(folder).unwrap().flatten() {
        std::fs::set_permissions(f.path(), std::fs::Permissions::from_mode(0o444)).unwrap();
    }
    std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o555)).unwrap();
}

/// A store at `root/folder/k.db` with an event and a decision in it, still open.
fn store_with_a_decision(
    root: &std::path::Path,
    folder: &str,
) -> (std::path::PathBuf, Store, String) {
    let dir = root.join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("k.db");
    let mut store = Store::init(&db, "Region Blekinge", Workspace::Real).unwrap();
    let ev = open_event(&mut store, "Elavbrott i Karlshamn");
    store
        .decide(&tib(), &decision(&ev, "Öppna trygghetspunkt"))
        .unwrap();
    (db, store, ev)
}

#[test]
fn a_store_on_write_protected_media_is_read_and_left_byte_for_byte() {
    let root = tempfile::tempdir().unwrap();
    let (db, store, _) = store_with_a_decision(root.path(), "usb");
    drop(store);
    let folder = root.path().join("usb");
    assert!(
        !folder.join("k.db-wal").exists(),
        "a closed store leaves no WAL"
    );
    write_protect(root.path(), &folder);
    let before = files_in(&folder);
    for args in [&["event", "list"][..], &["verify", "--deep"], &["timeline"]] {
        let out = kris_in_write_protected(&db, args);
        assert!(
            out.status.success(),
            "kris {args:?} on write-protected media: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let listed = kris_in_write_protected(&db, &["event", "list"]);
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Elavbrott i Karlshamn"));
    let verified = kris_in_write_protected(&db, &["verify", "--deep"]);
    assert!(String::from_utf8_lossy(&verified.stdout).starts_with("OK"));
    assert_eq!(files_in(&folder), before, "reading changed the media");
    // Writing is refused with the reason, and nothing is created.
    let out = kris_in_write_protected(
        &db,
        &[
            "log", "--event", "x", "--text", "Försök", "--by", "Anna", "--role", "TiB",
        ],
    );
    assert!(!out.status.success());
    assert_eq!(files_in(&folder), before);
}

#[test]
fn changes_left_in_the_wal_on_write_protected_media_are_named_not_skipped() {
    let root = tempfile::tempdir().unwrap();
    let db = copied_while_written(root.path());
    let folder = root.path().join("usb");
    let before = files_in(&folder);
    let out = kris_in_write_protected(&db, &["event", "list"]);
    assert!(!out.status.success(), "a WAL with commits was skipped");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("skrivskyddat medium") && err.contains("k.db-wal"),
        "{err}"
    );
    assert_eq!(files_in(&folder), before);
}

#[test]
fn a_store_another_user_has_open_is_read_through_its_shm_never_as_immutable() {
    let root = tempfile::tempdir().unwrap();
    // The owner's app keeps the store open and goes on writing while another user reads.
    let (db, mut store, ev) = store_with_a_decision(root.path(), "delad");
    let folder = root.path().join("delad");
    assert!(folder.join("k.db-shm").exists());
    write_protect(root.path(), &folder);
    for n in 0..3 {
        store
            .decide(&tib(), &decision(&ev, &format!("Beslut {n}")))
            .unwrap();
        let out = kris_in_write_protected(&db, &["verify"]);
        assert!(
            out.status.success(),
            "read while the owner writes: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let head = store.head_seq().unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            said.starts_with(&format!("OK {head} ")),
            "{said} (head {head})"
        );
    }
}

/// A store with commits left in its WAL, copied onto write-protected media while the app ran.
fn copied_while_written(root: &std::path::Path) -> std::path::PathBuf {
    let (live, store, _) = store_with_a_decision(root, "app");
    let folder = root.join("usb");
    std::fs::create_dir_all(&folder).unwrap();
    let db = folder.join("k.db");
    std::fs::copy(&live, &db).unwrap();
    std::fs::copy(live.with_extension("db-wal"), folder.join("k.db-wal")).unwrap();
    assert!(std::fs::metadata(folder.join("k.db-wal")).unwrap().len() > 0);
    drop(store);
    write_protect(root, &folder);
    db
}

#[test]
fn a_link_to_write_protected_media_is_followed_before_the_wal_is_looked_for() {
    let root = tempfile::tempdir().unwrap();
    let db = copied_while_written(root.path());
    // The link lies in a folder anyone may write; SQLite follows it to the real file.
    let links = root.path().join("länkar");
    std::fs::create_dir_all(&links).unwrap();
    std::fs::set_permissions(&links, std::os::unix::fs::PermissionsExt::from_mode(0o777)).unwrap();
    let link = links.join("genväg.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    for args in [&["event", "list"][..], &["verify", "--deep"], &["status"]] {
        let out = kris_in_write_protected(&link, args);
        assert!(
            !out.status.success(),
            "kris {args:?} read past the WAL through a link"
        );
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("k.db-wal"), "kris {args:?}: {err}");
    }
}

#[test]
fn an_encrypted_store_on_write_protected_media_is_unlocked_and_read() {
    const PASS: &str = "korrekt häst batteri häftstift";
    let root = tempfile::tempdir().unwrap();
    let (db, store, _) = store_with_a_decision(root.path(), "usb");
    drop(store);
    krisledning::vault::encrypt(&db, PASS).unwrap();
    // Used once since, so the encrypted file is in WAL mode as every store in use is.
    drop(Store::open(&db).unwrap());
    write_protect(root.path(), &root.path().join("usb"));
    let before = files_in(&root.path().join("usb"));
    for args in [&["event", "list"][..], &["verify", "--deep"]] {
        let out = kris_in_write_protected_with(&db, args, &[("KRIS_PASSPHRASE", PASS)]);
        assert!(
            out.status.success(),
            "kris {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(files_in(&root.path().join("usb")), before);
}
