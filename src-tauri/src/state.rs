//! Which store file the window starts with. Everything else about the open store lives in
//! `krisledning::session`.

use std::path::PathBuf;

use krisledning::session::Session;
use krisledning::Result;

/// `--db PATH` or `KRIS_DB` (explicit: never created here), else the default path (created
/// empty on first start).
fn db_path() -> Result<(PathBuf, bool)> {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            if let Some(p) = args.next() {
                return Ok((PathBuf::from(p), true));
            }
        } else if let Some(p) = a.to_str().and_then(|a| a.strip_prefix("--db=")) {
            return Ok((PathBuf::from(p), true));
        }
    }
    match std::env::var_os("KRIS_DB") {
        Some(p) if !p.is_empty() => Ok((PathBuf::from(p), true)),
        _ => Ok((krisledning::store::default_path()?, false)),
    }
}

pub fn start() -> Session {
    let session = match db_path() {
        Ok((path, explicit)) => Session::start(path, explicit),
        Err(e) => Session::failed(e),
    };
    if let Some(e) = session.open_error() {
        eprintln!("Krisledning: {}", e.message);
    }
    session
}
