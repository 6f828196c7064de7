//! The write transaction. A command is a function of `&mut Tx`: it runs after `BEGIN IMMEDIATE`
//! has the write lock, reads only through the transaction (there is no other handle inside it), and
//! appends entries whose projections land in the same transaction. "Now" is read once the lock is
//! held, so two writers can neither reorder their times nor decide on a state the other changed.

use std::ops::Deref;

use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::fold;
use super::registry::{self, Slice};
use crate::domain::Actor;
use crate::error::{Error, ErrorCode, Result};
use crate::journal::{canonical_body, Entry, Envelope, GENESIS_HASH, MAX_SEQ};
use crate::time::{self, Ts};

/// How far behind the newest entry the clock may be before writing stops: more is a clock set
/// back (or a dead RTC battery), and every time written would be wrong.
pub const CLOCK_BEHIND_TOLERANCE_MINUTES: i64 = 2;

/// What every entry written through this store carries besides its content.
pub(crate) struct Writer {
    pub device_id: String,
    pub workspace: String,
    pub slices: &'static [Slice],
}

/// This device's chain as the transaction found it, and where the fold stands.
struct Head {
    seq: i64,
    hash: String,
    /// `ord_at` (µs) of this chain's newest entry.
    ord_at: Option<i64>,
    /// Rows in the file (`max(n)`).
    rows: i64,
    /// The last folded entry: its number and where it sorts.
    last: Option<(i64, fold::Key)>,
}

pub struct Tx<'a> {
    tx: Transaction<'a>,
    writer: &'a Writer,
    now: Ts,
    head: Head,
}

impl Deref for Tx<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

impl<'a> Tx<'a> {
    pub(crate) fn begin(tx: Transaction<'a>, writer: &'a Writer, now: Ts) -> Result<Tx<'a>> {
        let own: Option<(i64, String, String)> = tx
            .prepare_cached(
                "SELECT seq, hash, recorded_at FROM journal WHERE device_id = ?1
                 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([&writer.device_id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        if let Some((_, _, recorded_at)) = &own {
            if let Ok(last) = time::parse("recorded_at", recorded_at) {
                if now + Duration::minutes(CLOCK_BEHIND_TOLERANCE_MINUTES) < last {
                    return Err(clock_behind(&last, &now));
                }
            }
        }
        let rows: i64 = tx
            .prepare_cached("SELECT coalesce(max(n), 0) FROM journal")?
            .query_row([], |r| r.get(0))?;
        let last = fold::last(&tx)?;
        // When this laptop folded last, its chain's newest place is that one: no second lookup
        // on the append path.
        let ord_at = match &last {
            Some((_, k)) if k.1 == writer.device_id => Some(k.0),
            _ => fold::chain_ord_at(&tx, &writer.device_id)?,
        };
        // Only another laptop's entry can sort after what this one writes now.
        let foreign_last = last
            .as_ref()
            .filter(|(_, k)| k.1 != writer.device_id)
            .map(|(_, k)| k.0);
        let now = after_last(now, foreign_last);
        let (seq, hash) = own.map_or((0, GENESIS_HASH.to_string()), |(s, h, _)| (s, h));
        Ok(Tx {
            tx,
            writer,
            now,
            head: Head {
                seq,
                hash,
                ord_at,
                rows,
                last,
            },
        })
    }

    /// The slices the store was opened with, for read models that describe any entry.
    pub fn slices(&self) -> &'static [Slice] {
        self.writer.slices
    }

    /// This device's newest entry: its number in this device's chain and its hash, read under
    /// the write lock.
    pub fn head(&self) -> (i64, &str) {
        (self.head.seq, &self.head.hash)
    }

    /// Entries in the file, of every chain: changes whenever anything arrives.
    pub fn rows(&self) -> i64 {
        self.head.rows
    }

    /// The time this transaction writes as `recorded_at`, read under the write lock.
    pub fn now(&self) -> Ts {
        self.now
    }

    /// Appends one entry and applies it to the projections. Guards run first and see everything
    /// before it, so a rule like "the event is still open" holds for every kind.
    pub fn append<T: serde::Serialize>(
        &mut self,
        actor: &Actor,
        event_id: Option<&str>,
        kind: &str,
        body: &T,
        occurred_at: Ts,
    ) -> Result<Entry> {
        if self.head.seq >= MAX_SEQ {
            return Err(Error::storage(
                "Journalen är full (högsta löpnummer nått). Starta en ny databas.",
            ));
        }
        if registry::owner(self.writer.slices, kind).is_none() {
            return Err(Error::storage(format!(
                "Internt fel: posttypen {kind} hör inte till någon del av programmet."
            )));
        }
        let body = canonical_body(body)?;
        let id = uuid::Uuid::now_v7().to_string();
        let (recorded_at, occurred_at) = (time::format(&self.now), time::format(&occurred_at));
        let prev = self.head.hash.clone();
        let env = Envelope {
            seq: self.head.seq + 1,
            id: &id,
            device_id: &self.writer.device_id,
            workspace: &self.writer.workspace,
            recorded_at: &recorded_at,
            occurred_at: &occurred_at,
            author: &actor.name,
            role: &actor.role,
            event_id,
            kind,
            body: &body,
            prev_hash: &prev,
        };
        let hash = env.hash();
        let n = self.head.rows + 1;
        self.insert(n, &env, &hash)?;
        self.fold_own(n, &env)?;
        let entry = Entry {
            seq: env.seq,
            id,
            device_id: self.writer.device_id.clone(),
            workspace: self.writer.workspace.clone(),
            recorded_at,
            occurred_at,
            author: actor.name.clone(),
            role: actor.role.clone(),
            event_id: event_id.map(str::to_string),
            kind: kind.to_string(),
            body: serde_json::from_str(&body)?,
            prev_hash: prev,
            hash: hash.clone(),
        };
        self.head.seq = entry.seq;
        self.head.hash = hash;
        self.head.rows = n;
        Ok(entry)
    }

    /// Folds this device's new entry: at the end of the fold when it sorts last (always, unless
    /// another laptop's clock runs more than the tolerance ahead), else by folding everything
    /// again with this entry held to its guards.
    fn fold_own(&mut self, n: i64, env: &Envelope<'_>) -> Result<()> {
        let at = crate::journal::micros(env.recorded_at)
            .ok_or_else(|| Error::storage("Tidsstämpeln gick inte att läsa tillbaka."))?;
        let ord_at = self.head.ord_at.map_or(at, |o| o.max(at));
        let key: fold::Key = (ord_at, self.writer.device_id.clone(), env.seq);
        let sorts_last = self.head.last.as_ref().is_none_or(|(_, k)| key > *k);
        if sorts_last {
            let pos = self.head.last.as_ref().map_or(0, |(p, _)| *p) + 1;
            fold::insert_place(
                &self.tx,
                pos,
                n,
                &crate::journal::micros_to_text(ord_at),
                env,
            )?;
            fold::apply(
                self.writer.slices,
                &self.tx,
                env,
                pos,
                n,
                fold::Mode::Strict,
            )?;
            self.head.last = Some((pos, key));
        } else {
            fold::refold(&self.tx, self.writer.slices, Some(env.id))?;
            self.head.last = fold::last(&self.tx)?;
        }
        self.head.ord_at = Some(ord_at);
        Ok(())
    }

    /// An entry about something that happens as it is recorded.
    pub fn append_now<T: serde::Serialize>(
        &mut self,
        actor: &Actor,
        event_id: Option<&str>,
        kind: &str,
        body: &T,
    ) -> Result<Entry> {
        let now = self.now;
        self.append(actor, event_id, kind, body, now)
    }

    /// Appends an entry written elsewhere (an exercise package) exactly as it was: see
    /// `adopt_all`.
    pub fn adopt(&mut self, entry: &Entry) -> Result<()> {
        self.adopt_all(std::slice::from_ref(entry)).map(|_| ())
    }

    /// Appends entries written elsewhere (an exercise package, a bundle) exactly as they were,
    /// each chain in its own order: an entry already here (same id and hash) is skipped, anything
    /// else must extend its device's chain with the hash of its content, carry this store's
    /// workspace and a time in the store's form. One that does not stops everything; nothing is
    /// written. Returns how many were new; they are folded before this returns.
    pub fn adopt_all(&mut self, entries: &[Entry]) -> Result<usize> {
        let mut heads: std::collections::HashMap<String, (i64, String, Option<i64>)> =
            std::collections::HashMap::new();
        let mut arrivals = Vec::new();
        for entry in entries {
            let body = canonical_body(&entry.body)?;
            let env = entry.envelope(&body);
            let broken = |reason: &str| {
                Error::new(
                    ErrorCode::ChainBroken,
                    format!(
                        "Post {} från enhet {} kan inte läggas in: {reason}. Inget sparades.",
                        entry.seq,
                        crate::text::preview(&entry.device_id)
                    ),
                )
                .with("seq", entry.seq)
                .with("device_id", crate::text::preview(&entry.device_id))
            };
            if env.hash() != entry.hash {
                return Err(broken("innehållet stämmer inte med postens hash"));
            }
            if let Some(stored) = self.stored_hash(&entry.device_id, entry.seq)? {
                if stored == entry.hash {
                    continue;
                }
                return Err(broken(
                    "den här datorn har en annan post med samma nummer från samma enhet (kedjan \
                     har skrivits om eller enheten har kopierats)",
                ));
            }
            if !heads.contains_key(&entry.device_id) {
                let head = self.chain_head(&entry.device_id)?;
                let ord_at = fold::chain_ord_at(&self.tx, &entry.device_id)?;
                heads.insert(entry.device_id.clone(), (head.0, head.1, ord_at));
            }
            let head = heads.get_mut(&entry.device_id).expect("inserted above");
            if entry.seq != head.0 + 1 {
                return Err(broken(&format!("väntade löpnummer {}", head.0 + 1)));
            }
            if entry.prev_hash != head.1 {
                return Err(broken("prev_hash pekar inte på föregående post"));
            }
            if entry.workspace != self.writer.workspace {
                return Err(broken(&format!(
                    "posten hör till arbetsytan {} men databasen är {}",
                    crate::text::preview(&entry.workspace),
                    self.writer.workspace
                )));
            }
            let at = crate::journal::micros(&entry.recorded_at)
                .filter(|us| crate::journal::micros_to_text(*us) == entry.recorded_at)
                .ok_or_else(|| broken("recorded_at är inte en tidpunkt i journalens form"))?;
            time::parse("occurred_at", &entry.occurred_at)
                .map_err(|_| broken("occurred_at är ingen tidpunkt"))?;
            let n = self.head.rows + 1;
            self.insert(n, &env, &entry.hash)?;
            if n == 1 && entry.device_id != self.writer.device_id {
                // What `verify` holds the store's identity to: its first row came from elsewhere.
                self.tx.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES ('first_arrival', ?1)",
                    [&entry.device_id],
                )?;
            }
            self.head.rows = n;
            let ord_at = head.2.map_or(at, |o| o.max(at));
            *head = (entry.seq, entry.hash.clone(), Some(ord_at));
            arrivals.push(fold::Arrival {
                n,
                ord_at,
                key: (ord_at, entry.device_id.clone(), entry.seq),
            });
            if entry.device_id == self.writer.device_id {
                self.head.seq = entry.seq;
                self.head.hash = entry.hash.clone();
                self.head.ord_at = Some(ord_at);
            }
        }
        let new = arrivals.len();
        if new > 0 {
            fold::fold_arrivals(&self.tx, self.writer.slices, arrivals, None)?;
            self.head.last = fold::last(&self.tx)?;
        }
        Ok(new)
    }

    fn stored_hash(&self, device: &str, seq: i64) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT hash FROM journal WHERE device_id = ?1 AND seq = ?2")?
            .query_row(params![device, seq], |r| r.get(0))
            .optional()?)
    }

    /// A device's newest entry here: (seq, hash), or (0, genesis).
    pub fn chain_head(&self, device: &str) -> Result<(i64, String)> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT seq, hash FROM journal WHERE device_id = ?1 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([device], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .unwrap_or_else(|| (0, GENESIS_HASH.to_string())))
    }

    fn insert(&self, n: i64, env: &Envelope<'_>, hash: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO journal (n, seq, id, device_id, workspace, recorded_at, occurred_at,
                     author, role, event_id, kind, body, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?
            .execute(params![
                n,
                env.seq,
                env.id,
                env.device_id,
                env.workspace,
                env.recorded_at,
                env.occurred_at,
                env.author,
                env.role,
                env.event_id,
                env.kind,
                env.body,
                env.prev_hash,
                hash
            ])?;
        Ok(())
    }

    pub(crate) fn commit(self) -> Result<()> {
        self.tx.commit()?;
        Ok(())
    }
}

/// The time a command writes: now, or — when another laptop's newest entry is stamped later but
/// within the clock tolerance — a microsecond after it, so a local entry always sorts after what
/// this laptop has already seen and folds at once (a hybrid logical clock). A laptop further ahead
/// than that is not followed: its entries are folded in their place by a refold instead, and the
/// staff is told that clock is wrong.
fn after_last(now: Ts, last_ord_at: Option<i64>) -> Ts {
    let Some(last) = last_ord_at.and_then(chrono::DateTime::from_timestamp_micros) else {
        return now;
    };
    if last >= now && last <= now + Duration::minutes(CLOCK_BEHIND_TOLERANCE_MINUTES) {
        last + Duration::microseconds(1)
    } else {
        now
    }
}

fn clock_behind(last: &Ts, now: &Ts) -> Error {
    Error::new(
        ErrorCode::ClockBehind,
        format!(
            "Datorns klocka ({}) går efter den senaste posten i journalen ({}). Ställ klockan rätt \
             innan du skriver; tider i journalen skulle annars bli fel. Inget sparades.",
            time::format(now),
            time::format(last)
        ),
    )
    .with("now", time::format(now))
    .with("last", time::format(last))
}
