//! One error type for the whole core. It crosses every boundary (CLI, IPC) as `{code, message}`:
//! `code` is stable for programs, `message` is Swedish plain language for people.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "ApiError")]
pub struct Error {
    pub code: ErrorCode,
    pub message: String,
    /// Values the message names (a field, a seq, a time), so a client can say the same in another
    /// language from `code` and these.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    #[ts(type = "Record<string, string> | undefined")]
    pub params: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Input failed validation; nothing was written.
    Invalid,
    /// The referenced event, entry or record does not exist.
    NotFound,
    /// The action conflicts with the current state (e.g. logging to a closed event).
    Conflict,
    /// The file is not a Krisledning database (not SQLite, or another program's).
    NotOurDatabase,
    /// The database was written by a newer Krisledning.
    SchemaTooNew,
    /// An applied migration no longer matches the text this program carries.
    SchemaTampered,
    /// The database does not exist yet.
    NotInitialised,
    /// The hash chain does not verify.
    ChainBroken,
    /// Disk, SQLite or other I/O failure.
    Storage,
    /// Another process holds the write lock (e.g. `kris replay`); the write can be retried.
    Busy,
    /// The computer's clock is behind the newest entry: nothing is written until it is set right.
    ClockBehind,
    /// The chain is shorter than, or differs from, a head this computer saw before.
    AnchorMismatch,
    /// The projections people read differ from a rebuild from the journal (deep verify).
    ProjectionMismatch,
    /// The store is encrypted and its key is not unlocked (or its key file is missing).
    Locked,
    /// The passphrase does not open the key file.
    WrongPassphrase,
    /// A bundle or sync folder holds entries of a laptop nobody here has paired.
    NotPaired,
}

impl ErrorCode {
    /// The code as it crosses the IPC boundary (`not_found`, …).
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
}

pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            params: BTreeMap::new(),
        }
    }
    /// Adds a parameter the message names.
    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_string(), value.to_string());
        self
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Invalid, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Storage, message)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode as C;
        match &e {
            // Text or numbers that do not decode come from a damaged projection page, never from
            // the journal (verify reads it raw): the projections can be rebuilt.
            rusqlite::Error::FromSqlConversionFailure(..)
            | rusqlite::Error::Utf8Error(..)
            | rusqlite::Error::IntegralValueOutOfRange(..)
            | rusqlite::Error::InvalidColumnType(..) => {
                return Error::new(
                    ErrorCode::ProjectionMismatch,
                    "En vy i databasen är skadad och kan inte läsas. Kör `kris verify` och sedan \
                     `kris replay`, som bygger om vyerna från journalen.",
                )
            }
            _ => {}
        }
        // A read-only open of a file left mid-write (a hot rollback journal, a WAL without its
        // index): only a writer can finish the recovery, and nothing is lost.
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            const READONLY_RECOVERY: i32 = 264;
            const READONLY_ROLLBACK: i32 = 776;
            if matches!(f.extended_code, READONLY_RECOVERY | READONLY_ROLLBACK) {
                return Error::storage(
                    "Databasen avbröts mitt i en skrivning och måste återställas av ett program som \
                     får skriva till den: öppna den i Krisledning-fönstret (eller kör `kris replay`). \
                     Inget går förlorat.",
                );
            }
        }
        match e.sqlite_error_code() {
            Some(C::NotADatabase) => Error::new(
                ErrorCode::NotOurDatabase,
                "Filen är inte en SQLite-databas, eller så är dess början skadad. Välj en \
                 Krisledning-databas eller återställ från säkerhetskopia.",
            ),
            Some(C::DiskFull) => Error::storage("Disken är full. Frigör utrymme; inget nytt sparades."),
            Some(C::ReadOnly) | Some(C::PermissionDenied) => Error::storage(
                "Databasen går inte att skriva till (skrivskydd eller behörighet). Inget sparades.",
            ),
            Some(C::CannotOpen) => Error::storage(
                "Databasfilen går inte att öppna: kontrollera att katalogen finns och att du har \
                 behörighet att läsa och skriva där.",
            ),
            Some(C::SystemIoFailure) => Error::storage(
                "Läs- eller skrivfel på disken (full disk, borttaget USB-minne eller trasigt \
                 medium). Inget nytt sparades; kontrollera disken och försök igen.",
            ),
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => Error::new(
                ErrorCode::Busy,
                "Databasen är upptagen av ett annat program (t.ex. `kris replay`). Försök igen om en stund; inget sparades.",
            ),
            Some(C::DatabaseCorrupt) => Error::storage(
                "Databasfilen är skadad. Återställ från säkerhetskopia; kör `kris verify` för detaljer.",
            ),
            _ => Error::storage(format!("Lagringsfel: {e}")),
        }
    }
}

/// A file error in plain Swedish: what a user can do something about.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "filen eller katalogen finns inte".into(),
        K::PermissionDenied => "behörighet saknas".into(),
        K::StorageFull => "disken är full".into(),
        K::ReadOnlyFilesystem => "mediet är skrivskyddat".into(),
        K::IsADirectory => "det är en katalog, inte en fil".into(),
        K::InvalidData => "innehållet är inte text (UTF-8)".into(),
        K::BrokenPipe => "mottagaren slutade läsa".into(),
        _ => format!("{e}"),
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::storage(format!("Fil-fel: {}.", io_reason(&e)))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        if e.is_io() {
            let io: std::io::Error = e.into();
            return io.into();
        }
        Error::invalid(format!("Ogiltig JSON: {e}"))
    }
}
