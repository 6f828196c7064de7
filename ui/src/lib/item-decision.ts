// Which decisions an item marked "Kräver beslut" can be linked to. The core accepts any decision
// of the event; a decision that has been replaced or revoked no longer stands, so the list offers
// those in force, newest first, where the one just taken is.
import type { LogRecord } from './bindings/LogRecord';

type Decision = Pick<LogRecord, 'id' | 'record_type' | 'status' | 'occurred_at' | 'seq'>;

export function linkableDecisions<D extends Decision>(records: D[]): D[] {
  return records
    .filter((r) => r.record_type === 'decision' && r.status === 'gallande')
    .sort((a, b) => Date.parse(b.occurred_at) - Date.parse(a.occurred_at) || b.seq - a.seq);
}
