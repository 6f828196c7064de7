//! The SQLite file: opening it safely, appending entries with their projections in one
//! transaction, and reading projections back.

pub mod append;
mod checkpoint;
pub mod migrations;
pub mod project;
pub mod queries;
pub mod replay;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use crate::error::{Error, ErrorCode, Result};
use crate::time::{Clock, SystemClock};

/// `PRAGMA application_id` of every Krisledning file ("KRIS"), so we never write into another
/// program's database by mistake.
pub const APPLICATION_ID: i32 = 0x4B52_4953;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Workspace {
    Real,
    Exercise,
}

impl Workspace {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Real => "real",
            Self::Exercise => "exercise",
        }
    }
}

pub struct Store {
    /// Held for its `Drop`. Declared before `conn`: fields drop in order, and the writer must
    /// close last.
    _checkpointer: checkpoint::Checkpointer,
    pub(crate) conn: Connection,
    pub(crate) device_id: String,
    pub(crate) workspace: String,
    pub(crate) clock: Arc<dyn Clock>,
    path: PathBuf,
}

/// Page cache of everyday work, in KiB: the open event's pages and the indexes' upper levels.
/// Every page of it stays resident in an idle app, so it is kept small; the OS caches the file.
const CACHE_KIB: i64 = 2 * 1024;
/// Page cache while replaying, in KiB: a transaction that touches every projection would
/// otherwise spill to the WAL page by page.
const BULK_CACHE_KIB: i64 = 64 * 1024;

/// Default location: `$XDG_DATA_HOME/krisledning/krisledning.db`.
pub fn default_path() -> Result<PathBuf> {
    let dirs =
        directories::ProjectDirs::from("se", "Krisledning", "krisledning").ok_or_else(|| {
            Error::storage("Hittar ingen hemkatalog för data. Ange databas med --db eller KRIS_DB.")
        })?;
    Ok(dirs.data_dir().join("krisledning.db"))
}

fn connect(path: &Path, create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
    } else if !path.exists() {
        return Err(Error::new(
            ErrorCode::NotInitialised,
            format!(
                "Det finns ingen databas i {}. Skapa den med `kris init`.",
                path.display()
            ),
        ));
    }
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // Reading the schema forces SQLite to look at the header: a text file fails here, not later.
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(Error::new(
            ErrorCode::NotOurDatabase,
            format!(
                "{} är en SQLite-databas från ett annat program, inte Krisledning. Filen lämnas orörd.",
                path.display()
            ),
        ));
    }
    // WAL + FULL: a commit that returned is on disk, even if the power goes a moment later.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    Ok(conn)
}

impl Store {
    /// Creates (or re-opens) a store. `org` is recorded on first creation only.
    pub fn init(path: &Path, org: &str, workspace: Workspace) -> Result<Store> {
        let mut conn = connect(path, true)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        migrations::migrate(&mut conn)?;
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let device = uuid::Uuid::now_v7().to_string();
        for (k, v) in [
            ("device_id", device.as_str()),
            ("workspace", workspace.as_str()),
            ("organisation", org),
        ] {
            tx.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)",
                [k, v],
            )?;
        }
        tx.commit()?;
        Self::from_conn(conn, path)
    }

    pub fn open(path: &Path) -> Result<Store> {
        let mut conn = connect(path, false)?;
        if migrations::user_version(&conn)? == 0 {
            return Err(Error::new(
                ErrorCode::NotInitialised,
                format!(
                    "{} är tom. Skapa en databas med `kris init`.",
                    path.display()
                ),
            ));
        }
        migrations::migrate(&mut conn)?;
        Self::from_conn(conn, path)
    }

    fn from_conn(mut conn: Connection, path: &Path) -> Result<Store> {
        let meta = |k: &str| -> Result<String> {
            conn.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
                .optional()?
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::NotOurDatabase,
                        format!("Databasen saknar {k}; filen är skadad."),
                    )
                })
        };
        let (device_id, workspace) = (meta("device_id")?, meta("workspace")?);
        let checkpointer = checkpoint::Checkpointer::start(&mut conn, path)?;
        Ok(Store {
            _checkpointer: checkpointer,
            conn,
            device_id,
            workspace,
            clock: Arc::new(SystemClock),
            path: path.to_path_buf(),
        })
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Runs `f` with the large page cache, then shrinks it again, which frees its pages.
    pub(crate) fn with_bulk_cache<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)?;
        let out = f(self);
        self.conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        out
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }
}
