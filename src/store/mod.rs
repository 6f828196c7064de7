//! SQLite infrastructure: opening a file safely, the schema runner, the write transaction, the
//! projector registry, checkpoint, replay, verify against anchors and a deep verify. It knows no
//! entry kind: the slices bring their kinds, tables and projections through `registry::Slice`.

pub mod anchor;
mod checkpoint;
pub mod deep;
mod fold;
mod legacy;
pub mod registry;
pub mod replay;
pub mod schema;
pub mod status;
pub mod tx;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};

pub use registry::{Migration, Slice};
pub use status::StoreStatus;
pub use tx::Tx;

use crate::error::{Error, ErrorCode, Result};
use crate::time::{Clock, SystemClock};

/// `PRAGMA application_id` of every Krisledning file ("KRIS"), so we never write into another
/// program's database by mistake.
pub const APPLICATION_ID: i32 = 0x4B52_4953;

/// Tables of the store itself; every other table in the file is a slice's projection.
pub const STORE_TABLES: &[&str] = &[
    "journal",
    "journal_fold",
    "journal_conflicts",
    "chain_seals",
    "meta",
    "schema_migrations",
    "schema_migrations_v1",
];

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
    /// close last. `None` on a read-only store.
    _checkpointer: Option<checkpoint::Checkpointer>,
    pub(crate) conn: Connection,
    pub(crate) writer: tx::Writer,
    pub(crate) clock: Arc<dyn Clock>,
    path: PathBuf,
    read_only: bool,
    /// Set at open when the chain is shorter than, or differs from, a head seen before.
    anchor_warning: Option<Error>,
}

/// Page cache of everyday work, in KiB: the open event's pages and the indexes' upper levels.
/// Every page of it stays resident in an idle app, so it is kept small; the OS caches the file.
const CACHE_KIB: i64 = 2 * 1024;
/// Page cache while replaying, in KiB: a transaction that touches every projection would
/// otherwise spill to the WAL page by page.
const BULK_CACHE_KIB: i64 = 64 * 1024;
/// Prepared statements kept per connection: all the slices' projection and guard statements.
const STATEMENT_CACHE: usize = 128;
/// A WAL left after a burst is cut back to this size once it has been copied.
const JOURNAL_SIZE_LIMIT: i64 = 16 << 20;

/// Default location: `$XDG_DATA_HOME/krisledning/krisledning.db`.
pub fn default_path() -> Result<PathBuf> {
    let dirs =
        directories::ProjectDirs::from("se", "Krisledning", "krisledning").ok_or_else(|| {
            Error::storage("Hittar ingen hemkatalog för data. Ange databas med --db eller KRIS_DB.")
        })?;
    Ok(dirs.data_dir().join("krisledning.db"))
}

fn missing(path: &Path) -> Error {
    Error::new(
        ErrorCode::NotInitialised,
        format!(
            "Det finns ingen databas i {}. Kontrollera sökvägen (är USB-minnet anslutet?) eller \
             skapa en ny med `kris init`.",
            path.display()
        ),
    )
    .with("path", path.display())
}

/// Opens the file with the given flags and checks that it is ours before anything is written.
fn connect(path: &Path, flags: OpenFlags) -> Result<Connection> {
    if path.is_dir() {
        return Err(Error::storage(format!(
            "{} är en katalog, inte en databasfil. Ange filens sökväg, t.ex. {}/krisledning.db.",
            path.display(),
            path.display()
        ))
        .with("path", path.display()));
    }
    let conn = open_keyed(path, flags)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    // A file from elsewhere (a restored backup, a copy on a stick) may carry views or triggers
    // that call functions with side effects; with the schema untrusted they are refused. Set
    // before the schema is first read.
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    // Every projection and guard statement is cached; rusqlite's default of 16 is fewer than
    // the slices use, and a statement pushed out is parsed again on the next append.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
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
        )
        .with("path", path.display()));
    }
    Ok(conn)
}

/// A connection to the store file at `path`, keyed if the file is encrypted (its key must be
/// unlocked): every connection to a store file is made here.
pub fn open_keyed(path: &Path, flags: OpenFlags) -> Result<Connection> {
    // Read-only goes through `media`, which also reads write-protected media.
    let conn = if flags.contains(OpenFlags::SQLITE_OPEN_READ_ONLY) {
        crate::media::open_read_only(path)?
    } else {
        Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?
    };
    crate::crypt::apply(&conn, path)?;
    Ok(conn)
}

/// Settings every read-write connection needs, set on every one: a pragma is per connection.
/// Switching a new file to WAL takes an exclusive lock that SQLite does not wait for, so two
/// processes opening one new file at once retry here instead of failing.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match configure_once(conn) {
            Err(e) if e.code == ErrorCode::Busy && std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

fn configure_once(conn: &Connection) -> Result<()> {
    // WAL + FULL: a commit that returned is on disk, even if the power goes a moment later.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
    conn.pragma_update(None, "journal_size_limit", JOURNAL_SIZE_LIMIT)?;
    Ok(())
}

fn read_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .optional()?)
}

/// A chain copied into a new store: the device that wrote it and the head it was copied at.
#[derive(Debug, Clone, Copy)]
pub struct CopyOf<'a> {
    pub device: &'a str,
    pub head: &'a str,
}

impl Store {
    /// Creates a store, or opens one already made with the same workspace. `org` is recorded on
    /// first creation only. An existing store of the other workspace is refused: an exercise must
    /// never be written into the real record, nor the reverse.
    pub fn init_with(
        path: &Path,
        org: &str,
        workspace: Workspace,
        slices: &'static [Slice],
    ) -> Result<Store> {
        Self::init_as(path, org, workspace, slices, None)
    }

    /// As `init_with`; a new store made to hold a copy of a chain written elsewhere (an exercise
    /// package) takes the identity of the device that wrote its first entry, as every store has,
    /// and says whose head it copies, so it is remembered apart from the original (see
    /// `anchor::file`).
    pub fn init_as(
        path: &Path,
        org: &str,
        workspace: Workspace,
        slices: &'static [Slice],
        copy: Option<CopyOf<'_>>,
    ) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut conn = connect(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        configure(&conn)?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        schema::migrate(&mut conn, slices)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A copy writes its own chain beside the one it copies, as every laptop does: two
        // laptops that copy one exercise package can then exchange entries without forking it.
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
        if let Some(c) = copy {
            tx.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('copy_of', ?1)",
                [c.head],
            )?;
        }
        let stored = read_meta(&tx, "workspace")?;
        if stored.as_deref() != Some(workspace.as_str()) {
            let (is, asked) = match workspace {
                Workspace::Exercise => ("skarp", "övningsdatabas"),
                Workspace::Real => ("en övningsdatabas (ÖVNING)", "skarp databas"),
            };
            return Err(Error::conflict(format!(
                "{} finns redan och är {is}. Den blir inte en {asked}: välj en ny sökväg.",
                path.display()
            ))
            .with("path", path.display()));
        }
        tx.commit()?;
        Self::from_conn(conn, path, slices, false)
    }

    /// Opens an existing store for writing, upgrading its schema if needed. A path that does not
    /// exist is never created here (a USB stick not mounted must not become an empty store).
    pub fn open_with(path: &Path, slices: &'static [Slice]) -> Result<Store> {
        if !path.exists() {
            return Err(missing(path));
        }
        let mut conn = connect(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        if schema::user_version(&conn)? == 0 {
            return Err(Error::new(
                ErrorCode::NotInitialised,
                format!(
                    "{} är tom. Skapa en databas med `kris init`.",
                    path.display()
                ),
            ));
        }
        configure(&conn)?;
        schema::migrate(&mut conn, slices)?;
        Self::from_conn(conn, path, slices, false)
    }

    /// Opens a store only to read it: no schema change, no WAL fold, no pragma written, so the
    /// file's bytes stay as they are — for a file on read-only media, an archived one, or one
    /// from a newer version.
    pub fn open_read_only_with(path: &Path, slices: &'static [Slice]) -> Result<Store> {
        if !path.exists() {
            return Err(missing(path));
        }
        let conn = connect(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        if schema::user_version(&conn)? == 0 {
            return Err(Error::new(
                ErrorCode::NotInitialised,
                format!(
                    "{} är tom: ingen Krisledning-databas. Kontrollera sökvägen eller skapa en \
                     databas med `kris init`.",
                    path.display()
                ),
            ));
        }
        Self::from_conn(conn, path, slices, true)
    }

    fn from_conn(
        mut conn: Connection,
        path: &Path,
        slices: &'static [Slice],
        read_only: bool,
    ) -> Result<Store> {
        let meta = |k: &str| -> Result<String> {
            read_meta(&conn, k)?.ok_or_else(|| {
                Error::new(
                    ErrorCode::NotOurDatabase,
                    format!(
                        "Databasen saknar {k}; filen är skadad. Återställ från säkerhetskopia."
                    ),
                )
            })
        };
        let (device_id, workspace) = (meta("device_id")?, meta("workspace")?);
        // The identity names files outside the database (the remembered head): it must be what
        // the program wrote, never a path.
        let damaged = |what: &str| {
            Error::new(
                ErrorCode::NotOurDatabase,
                format!(
                    "Databasens {what} är skadad eller ändrad utanför programmet. Återställ från \
                     säkerhetskopia; kör `kris verify` för detaljer."
                ),
            )
        };
        if uuid::Uuid::parse_str(&device_id).is_err() {
            return Err(damaged("identitet (device_id)"));
        }
        if !matches!(workspace.as_str(), "real" | "exercise") {
            return Err(damaged("arbetsyta (workspace)"));
        }
        let checkpointer = if read_only {
            None
        } else {
            Some(checkpoint::Checkpointer::start(&mut conn, path)?)
        };
        let mut store = Store {
            _checkpointer: checkpointer,
            conn,
            writer: tx::Writer {
                device_id,
                workspace,
                slices,
            },
            clock: Arc::new(SystemClock),
            path: path.to_path_buf(),
            read_only,
            anchor_warning: None,
        };
        store.anchor_warning = anchor::check_and_remember(&store)?;
        Ok(store)
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Runs a command: `BEGIN IMMEDIATE`, then `f` with the transaction as its only handle, then
    /// commit. An error anywhere rolls everything back.
    pub fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.refuse_read_only()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut tx = Tx::begin(tx, &self.writer, self.clock.now())?;
        let out = f(&mut tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// As `write`, with the large page cache: for a command that writes many entries at once (a
    /// bundle imported), whose projections would otherwise spill to the WAL page by page.
    pub fn write_bulk<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.with_bulk_cache(|s| s.write(f))
    }

    fn refuse_read_only(&self) -> Result<()> {
        if self.read_only {
            return Err(Error::storage(format!(
                "{} är öppnad skrivskyddad; inget kan sparas här.",
                self.path.display()
            )));
        }
        Ok(())
    }

    /// Like `write`, but first runs `view` on the store under the same write lock: for a command
    /// that must read through the read models (a report) and then append, with nothing written
    /// in between by anyone.
    pub fn write_after<V, T>(
        &mut self,
        view: impl FnOnce(&Store) -> Result<V>,
        f: impl FnOnce(&mut Tx<'_>, V) -> Result<T>,
    ) -> Result<T> {
        self.refuse_read_only()?;
        // `new_unchecked` borrows the connection shared, so the store can be read through its
        // own methods inside the transaction; this method's `&mut self` still keeps any other
        // write out.
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        let seen = view(self)?;
        let mut tx = Tx::begin(tx, &self.writer, self.clock.now())?;
        let out = f(&mut tx, seen)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` inside one read transaction, so every query it makes sees the same state of the
    /// store even while another process writes (WAL snapshot). For work too slow to do under the
    /// write lock, like typesetting a report: the writer then checks the head has not moved.
    pub fn snapshot<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = f(self);
        let end = self
            .conn
            .execute_batch(if out.is_ok() { "COMMIT" } else { "ROLLBACK" });
        let out = out?;
        end?;
        Ok(out)
    }

    /// Runs `f` with the large page cache (and savepoint journals in memory), then shrinks it
    /// again, which frees its pages.
    pub(crate) fn with_bulk_cache<T>(
        &mut self,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        // A fold with a savepoint per entry copies every page it touches to a savepoint journal:
        // in memory, not a temporary file written page by page.
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{BULK_CACHE_KIB}; PRAGMA temp_store = MEMORY;"
        ))?;
        let out = f(self);
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{CACHE_KIB}; PRAGMA temp_store = DEFAULT;"
        ))?;
        out
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn slices(&self) -> &'static [Slice] {
        self.writer.slices
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Reads go through this connection; writes only through `write`.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub fn device_id(&self) -> &str {
        &self.writer.device_id
    }

    pub fn workspace(&self) -> &str {
        &self.writer.workspace
    }

    pub fn now(&self) -> crate::time::Ts {
        self.clock.now()
    }

    /// The store's identity, as anchors and checkpoints name it: the device whose chain this
    /// store writes (for every store made before chains were per device, also the device that
    /// wrote its first entry — `verify` holds it to that).
    pub fn identity(&self) -> Result<String> {
        Ok(self.device_id().to_string())
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        read_meta(&self.conn, key)
    }

    /// Verifies the chain and that the store's identity agrees with it: every entry of this
    /// workspace, and the first entry written by this store's device. `meta` sits outside the
    /// chain, so an edit there (a real record relabelled ÖVNING, a new device id that escapes the
    /// remembered head) would otherwise pass.
    pub fn verify(&self) -> Result<crate::journal::VerifyReport> {
        let mut report = crate::journal::verify_as(&self.conn, Some(self.workspace()))?;
        if let Some(own) = report
            .chains
            .iter()
            .find(|c| c.device_id == self.device_id())
        {
            report.head_hash = own.head_hash.clone();
        } else if report.failure.is_none() {
            report.head_hash = crate::journal::GENESIS_HASH.to_string();
        }
        if report.failure.is_none() {
            if let Some(first) = anchor::first_device(self)? {
                let arrived = self.meta("first_arrival")?;
                if first != self.device_id() && arrived.as_deref() != Some(first.as_str()) {
                    report.failure = Some(crate::journal::VerifyFailure {
                        seq: 1,
                        reason: format!(
                            "databasens identitet ({}) är inte den som skrev journalens första \
                             post ({first}): identiteten har ändrats utanför programmet",
                            self.device_id()
                        ),
                        device_id: first,
                    });
                }
            }
        }
        Ok(report)
    }

    /// The warning raised at open when the chain no longer extends the head seen before.
    pub fn anchor_warning(&self) -> Option<&Error> {
        self.anchor_warning.as_ref()
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // The head seen last moves forward only while the chain still extends it.
        if self.anchor_warning.is_none() {
            let _ = anchor::remember(self);
        }
    }
}
