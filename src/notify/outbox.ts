// The outbox: a product writes an event in the same unit of writes as the change it describes, so
// an event exists if and only if its change does. Deliveries read the outbox afterwards; a crash
// between the change and a delivery loses nothing.

import type { Kysely } from 'kysely';
import type { IdSource } from '../platform/ids.js';
import { rowInserter, type PlatformTables, type PlatformWrite } from '../store/index.js';

export interface OutboxEvent {
  readonly merchantId: string;
  /** '<object>.<what happened>', e.g. 'trade.paid'. */
  readonly type: string;
  readonly objectId: string;
  /** The object after the change, as the public API shows it, plus what the change was. */
  readonly payload: object;
  readonly createdAt: number;
}

/** The id of a new event: 'evt_' and 32 hex digits of a time-ordered id, so ids sort by time. */
export function newEventId(ids: IdSource): string {
  return `evt_${ids.nextId().toString(16).padStart(32, '0')}`;
}

/** The prepared insert of events, per database. */
const inserters = new WeakMap<Kysely<PlatformTables>, ReturnType<typeof rowInserter<PlatformTables, 'events'>>>();

export function outboxWrite(db: Kysely<PlatformTables>, ids: IdSource, event: OutboxEvent): PlatformWrite {
  let insert = inserters.get(db);
  if (insert === undefined) {
    insert = rowInserter(db, 'events');
    inserters.set(db, insert);
  }
  return insert({ id: newEventId(ids), merchant_id: event.merchantId, type: event.type, object_id: event.objectId, payload: JSON.stringify(event.payload), fanned_out: 0, created_at: event.createdAt });
}
