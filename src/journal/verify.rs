use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::entry::{Envelope, GENESIS_HASH};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerifyFailure {
    pub seq: i64,
    pub reason: String,
    /// The chain the failure is in ("" for one that is in no chain).
    #[serde(default)]
    pub device_id: String,
}

/// One device's chain as verified.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ChainHead {
    pub device_id: String,
    pub entries: i64,
    pub head_hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VerifyReport {
    /// Entries of every chain.
    pub entries: i64,
    /// The head of the store's own chain (of the first chain for a bare connection).
    pub head_hash: String,
    /// The first entry that does not verify; `None` means every chain is intact.
    pub failure: Option<VerifyFailure>,
    /// Every device's chain, by device id.
    #[serde(default)]
    pub chains: Vec<ChainHead>,
}

/// Below this many entries one thread is faster than starting a second.
const PARALLEL_FROM: i64 = 50_000;

/// Checks every hash and every link of every device's chain from its first entry. Stops at the
/// first break: nothing after it can be trusted either.
pub fn verify(conn: &Connection) -> Result<VerifyReport> {
    verify_as(conn, None)
}

fn outside(seq: i64, device: &str, reason: String) -> VerifyReport {
    VerifyReport {
        entries: 0,
        head_hash: GENESIS_HASH.to_string(),
        failure: Some(VerifyFailure {
            seq,
            reason,
            device_id: device.to_string(),
        }),
        chains: Vec::new(),
    }
}

/// The devices with a chain in the store, by id: one index probe per device.
pub fn devices(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT device_id FROM journal WHERE device_id > ?1 ORDER BY device_id LIMIT 1",
    )?;
    let mut out: Vec<String> = Vec::new();
    loop {
        let after = out.last().map_or("", String::as_str);
        match stmt.query_row([after], |r| r.get(0)).optional()? {
            Some(d) => out.push(d),
            None => return Ok(out),
        }
    }
}

/// As `verify`, and every entry must also carry `workspace`: an exercise entry in the real record
/// (or the reverse) is a break even when its hash holds.
pub fn verify_as(conn: &Connection, workspace: Option<&str>) -> Result<VerifyReport> {
    // Every row must be in a chain: each device's seq exactly 1..n, and the rows' count the sum
    // of the chains. A row slipped in below 1 would be read by every projection and export yet
    // never be checked by the walk over 1..n; min and max per device and the row numbers' range
    // (index lookups) account for every row without reading a whole index.
    let devices = devices(conn)?;
    let mut spans = Vec::with_capacity(devices.len());
    for d in &devices {
        let (min, max): (i64, i64) = conn.query_row(
            "SELECT min(seq), max(seq) FROM journal WHERE device_id = ?1",
            [d],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if min < 1 {
            return Ok(outside(
                min,
                d,
                format!(
                    "raden med seq {min} ligger utanför kedjan (seq börjar på 1): den har lagts in \
                     direkt i filen"
                ),
            ));
        }
        spans.push(max);
    }
    let path = conn
        .path()
        .filter(|p| !p.is_empty())
        .map(std::path::PathBuf::from);
    let mut report = VerifyReport {
        entries: 0,
        head_hash: GENESIS_HASH.to_string(),
        failure: None,
        chains: Vec::new(),
    };
    for (device, max) in devices.iter().zip(spans) {
        let chain = verify_chain(conn, path.as_deref(), device, max, workspace)?;
        report.entries += chain.entries;
        if report.chains.is_empty() {
            report.head_hash = chain.head_hash.clone();
        }
        let failed = chain.failure.is_some();
        report.failure = chain.failure;
        report.chains.push(ChainHead {
            device_id: device.clone(),
            entries: chain.entries,
            head_hash: chain.head_hash,
        });
        if failed {
            return Ok(report);
        }
    }
    let (rows, last): (i64, i64) = conn.query_row(
        "SELECT count(*), coalesce(max(n), 0) FROM journal",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let chained: i64 = report.chains.iter().map(|c| c.entries).sum();
    if rows != chained || last != rows {
        let mut out = outside(
            0,
            "",
            format!(
                "journalen har {rows} rader men kedjorna {chained} poster: rader har lagts in \
                 direkt i filen"
            ),
        );
        out.entries = report.entries;
        out.chains = report.chains;
        return Ok(out);
    }
    Ok(report)
}

/// One chain. Each entry's hash depends only on its own row, so a long chain is checked in two
/// halves on two read connections (WAL readers do not block each other or a writer), and the
/// halves are joined at the boundary.
fn verify_chain(
    conn: &Connection,
    path: Option<&std::path::Path>,
    device: &str,
    max: i64,
    workspace: Option<&str>,
) -> Result<VerifyReport> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let Some(path) = path.filter(|_| max >= PARALLEL_FROM && threads > 1) else {
        return Ok(
            check_range(conn, device, 1, max, Some(GENESIS_HASH), workspace)?.into_report(0),
        );
    };
    let mid = max / 2;
    let ws = workspace.map(str::to_string);
    let (path, dev) = (path.to_path_buf(), device.to_string());
    let second = std::thread::spawn(move || -> Result<Range> {
        let c = Connection::open_with_flags(
            &path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        crate::crypt::apply(&c, &path)?;
        check_range(&c, &dev, mid + 1, max, None, ws.as_deref())
    });
    let first = check_range(conn, device, 1, mid, Some(GENESIS_HASH), workspace)?;
    let second = second
        .join()
        .map_err(|_| crate::error::Error::storage("Verifieringen avbröts oväntat."))??;
    if first.failure.is_some() {
        return Ok(first.into_report(0));
    }
    if second.first_prev.as_deref() != Some(first.last_hash.as_str())
        && second.entries + u64::from(second.failure.is_some()) > 0
    {
        let failure = VerifyFailure {
            seq: mid + 1,
            reason: "prev_hash pekar inte på föregående post (kedjan bruten)".into(),
            device_id: device.to_string(),
        };
        return Ok(VerifyReport {
            entries: first.entries as i64,
            head_hash: first.last_hash,
            failure: Some(failure),
            chains: Vec::new(),
        });
    }
    Ok(second.into_report(first.entries))
}

struct Range {
    entries: u64,
    last_hash: String,
    first_prev: Option<String>,
    failure: Option<VerifyFailure>,
}

impl Range {
    fn into_report(self, before: u64) -> VerifyReport {
        VerifyReport {
            entries: (before + self.entries) as i64,
            head_hash: self.last_hash,
            failure: self.failure,
            chains: Vec::new(),
        }
    }
}

/// Checks entries `from..=to`. With `expected_prev` the first link is checked too; without it the
/// first entry's `prev_hash` is returned for the caller to join.
fn check_range(
    conn: &Connection,
    device: &str,
    from: i64,
    to: i64,
    expected_prev: Option<&str>,
    workspace: Option<&str>,
) -> Result<Range> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, device_id, workspace, recorded_at, occurred_at, author, role, event_id,
                kind, body, prev_hash, hash FROM journal WHERE device_id = ?1 AND seq BETWEEN ?2 AND ?3
         ORDER BY seq",
    )?;
    let mut rows = stmt.query(rusqlite::params![device, from, to])?;
    let mut expected_prev: Option<String> = expected_prev.map(str::to_string);
    let mut range = Range {
        entries: 0,
        last_hash: expected_prev.clone().unwrap_or_default(),
        first_prev: None,
        failure: None,
    };
    let mut expected_seq = from;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        // Borrowed, not copied: verify reads every byte of the file. A column overwritten with a
        // blob or NULL by a hostile edit reads as empty and fails its hash.
        let text = |i: usize| {
            r.get_ref(i)
                .ok()
                .and_then(|v| v.as_str().ok())
                .unwrap_or("")
        };
        let mut fail = |reason: String| {
            range.failure = Some(VerifyFailure {
                seq,
                reason,
                device_id: device.to_string(),
            });
        };
        if seq != expected_seq {
            fail(format!(
                "lucka i kedjan: väntade seq {expected_seq}, hittade {seq}"
            ));
            return Ok(range);
        }
        let prev_hash = text(11);
        match &expected_prev {
            Some(p) if p != prev_hash => {
                fail("prev_hash pekar inte på föregående post (kedjan bruten)".into());
                return Ok(range);
            }
            None => range.first_prev = Some(prev_hash.to_string()),
            Some(_) => {}
        }
        let event_id = r.get_ref(8).ok().and_then(|v| v.as_str().ok());
        let env = Envelope {
            seq,
            id: text(1),
            device_id: text(2),
            workspace: text(3),
            recorded_at: text(4),
            occurred_at: text(5),
            author: text(6),
            role: text(7),
            event_id,
            kind: text(9),
            body: text(10),
            prev_hash,
        };
        let stored = text(12);
        if env.hash_hex().as_slice() != stored.as_bytes() {
            fail("innehållet stämmer inte med postens hash (posten har ändrats)".into());
            return Ok(range);
        }
        if workspace.is_some_and(|w| w != env.workspace) {
            fail(format!(
                "posten hör till arbetsytan \"{}\" men databasen är \"{}\" (skarpt och övning blandas)",
                env.workspace,
                workspace.unwrap_or_default()
            ));
            return Ok(range);
        }
        range.entries += 1;
        expected_seq += 1;
        range.last_hash.clear();
        range.last_hash.push_str(stored);
        expected_prev = Some(range.last_hash.clone());
    }
    if expected_seq <= to {
        range.failure = Some(VerifyFailure {
            seq: expected_seq,
            reason: format!("post {expected_seq} saknas (kedjan bruten)"),
            device_id: device.to_string(),
        });
    }
    Ok(range)
}
