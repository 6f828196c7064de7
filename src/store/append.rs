use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};

use super::{project, Store};
use crate::domain::Actor;
use crate::error::Result;
use crate::journal::{Entry, Envelope, GENESIS_HASH, MAX_SEQ};
use crate::time::{self, Ts};

/// A validated entry waiting for its place in the chain.
pub struct Draft<'a> {
    pub recorded_at: Ts,
    pub occurred_at: Ts,
    pub actor: &'a Actor,
    pub event_id: Option<&'a str>,
    pub kind: &'a str,
    /// Canonical JSON (see `journal::canonical_body`).
    pub body: String,
}

impl Store {
    /// Appends one entry and applies it to the projections in one `BEGIN IMMEDIATE` transaction.
    /// `check` runs under the write lock, so a rule like "the event is still open" cannot race
    /// with another writer. Either everything commits or nothing does.
    pub(crate) fn append(
        &mut self,
        draft: Draft<'_>,
        check: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<Entry> {
        let mut entries = self.append_all(vec![draft], check)?;
        Ok(entries.remove(0))
    }

    /// The common case: one entry that happens as it is recorded.
    pub(crate) fn append_now<T: serde::Serialize>(
        &mut self,
        actor: &Actor,
        event_id: Option<&str>,
        kind: &str,
        body: &T,
        check: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<Entry> {
        let now = self.clock.now();
        self.append_at(actor, event_id, kind, body, now, check)
    }

    /// One entry about something that happened at `occurred_at` (already validated), recorded now.
    pub(crate) fn append_at<T: serde::Serialize>(
        &mut self,
        actor: &Actor,
        event_id: Option<&str>,
        kind: &str,
        body: &T,
        occurred_at: Ts,
        check: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<Entry> {
        let recorded_at = self.clock.now();
        let body = crate::journal::canonical_body(body)?;
        self.append(
            Draft {
                recorded_at,
                occurred_at,
                actor,
                event_id,
                kind,
                body,
            },
            check,
        )
    }

    /// Several entries in one transaction: an import either lands whole or not at all.
    pub(crate) fn append_all(
        &mut self,
        drafts: Vec<Draft<'_>>,
        check: impl FnOnce(&Transaction) -> Result<()>,
    ) -> Result<Vec<Entry>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        check(&tx)?;
        let mut entries = Vec::with_capacity(drafts.len());
        for draft in drafts {
            entries.push(append_in(&tx, &self.device_id, &self.workspace, draft)?);
        }
        tx.commit()?;
        Ok(entries)
    }
}

fn append_in(
    tx: &Transaction,
    device_id: &str,
    workspace: &str,
    draft: Draft<'_>,
) -> Result<Entry> {
    let (last_seq, prev_hash): (i64, String) = tx
        .prepare_cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .unwrap_or((0, GENESIS_HASH.to_string()));
    if last_seq >= MAX_SEQ {
        return Err(crate::Error::storage(
            "Journalen är full (högsta löpnummer nått). Starta en ny databas.",
        ));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let (recorded_at, occurred_at) = (
        time::format(&draft.recorded_at),
        time::format(&draft.occurred_at),
    );
    let env = Envelope {
        seq: last_seq + 1,
        id: &id,
        device_id,
        workspace,
        recorded_at: &recorded_at,
        occurred_at: &occurred_at,
        author: &draft.actor.name,
        role: &draft.actor.role,
        event_id: draft.event_id,
        kind: draft.kind,
        body: &draft.body,
        prev_hash: &prev_hash,
    };
    let hash = env.hash();
    tx.prepare_cached(
        "INSERT INTO journal (seq, id, device_id, workspace, recorded_at, occurred_at, author, role,
                              event_id, kind, body, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
            env.seq, env.id, env.device_id, env.workspace, env.recorded_at, env.occurred_at, env.author,
            env.role, env.event_id, env.kind, env.body, env.prev_hash, hash
        ],
    )?;
    project::apply(tx, &env)?;
    Ok(Entry {
        seq: env.seq,
        id,
        device_id: device_id.to_string(),
        workspace: workspace.to_string(),
        recorded_at,
        occurred_at,
        author: draft.actor.name.clone(),
        role: draft.actor.role.clone(),
        event_id: draft.event_id.map(str::to_string),
        kind: draft.kind.to_string(),
        body: serde_json::from_str(&draft.body)?,
        prev_hash,
        hash,
    })
}
