//! The write transaction. A command is a function of `&mut Tx`: it runs after `BEGIN IMMEDIATE`
//! has the write lock, reads only through the transaction (there is no other handle inside it), and
//! appends entries whose projections land in the same transaction. "Now" is read once the lock is
//! held, so two writers can neither reorder their times nor decide on a state the other changed.

use std::ops::Deref;

use chrono::Duration;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

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

struct Head {
    seq: i64,
    hash: String,
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
        let head: Option<(i64, String, String)> = tx
            .prepare_cached("SELECT seq, hash, recorded_at FROM journal ORDER BY seq DESC LIMIT 1")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let head = match head {
            None => Head {
                seq: 0,
                hash: GENESIS_HASH.to_string(),
            },
            Some((seq, hash, recorded_at)) => {
                if let Ok(last) = time::parse("recorded_at", &recorded_at) {
                    if now + Duration::minutes(CLOCK_BEHIND_TOLERANCE_MINUTES) < last {
                        return Err(clock_behind(&last, &now));
                    }
                }
                Head { seq, hash }
            }
        };
        Ok(Tx {
            tx,
            writer,
            now,
            head,
        })
    }

    /// The slices the store was opened with, for read models that describe any entry.
    pub fn slices(&self) -> &'static [Slice] {
        self.writer.slices
    }

    /// The newest entry's sequence number (the entry count) and hash, read under the write lock.
    pub fn head(&self) -> (i64, &str) {
        (self.head.seq, &self.head.hash)
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
            prev_hash: &self.head.hash,
        };
        let hash = env.hash();
        self.insert(&env, &hash)?;
        registry::apply(self.writer.slices, &self.tx, &env)?;
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
            prev_hash: std::mem::take(&mut self.head.hash),
            hash: hash.clone(),
        };
        self.head = Head {
            seq: entry.seq,
            hash,
        };
        Ok(entry)
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

    /// Appends an entry written elsewhere (an exercise package, a bundle) exactly as it was: only
    /// if it continues this chain and its hash is the hash of its content. Its projections land
    /// in this transaction as for any entry.
    pub fn adopt(&mut self, entry: &Entry) -> Result<()> {
        let body = canonical_body(&entry.body)?;
        let env = entry.envelope(&body);
        let broken = |reason: &str| {
            Error::new(
                ErrorCode::ChainBroken,
                format!(
                    "Post {} kan inte läggas in: {reason}. Inget sparades.",
                    entry.seq
                ),
            )
            .with("seq", entry.seq)
        };
        if entry.seq != self.head.seq + 1 {
            return Err(broken(&format!("väntade löpnummer {}", self.head.seq + 1)));
        }
        if entry.prev_hash != self.head.hash {
            return Err(broken("prev_hash pekar inte på föregående post"));
        }
        if env.hash() != entry.hash {
            return Err(broken("innehållet stämmer inte med postens hash"));
        }
        if entry.workspace != self.writer.workspace {
            return Err(broken(&format!(
                "posten hör till arbetsytan {} men databasen är {}",
                crate::text::preview(&entry.workspace),
                self.writer.workspace
            )));
        }
        self.insert(&env, &entry.hash)?;
        registry::apply(self.writer.slices, &self.tx, &env)?;
        self.head = Head {
            seq: entry.seq,
            hash: entry.hash.clone(),
        };
        Ok(())
    }

    fn insert(&self, env: &Envelope<'_>, hash: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO journal (seq, id, device_id, workspace, recorded_at, occurred_at,
                     author, role, event_id, kind, body, prev_hash, hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?
            .execute(params![
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
