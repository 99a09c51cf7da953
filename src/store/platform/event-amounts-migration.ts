// Platform migration 0017: trade timeline lines (`trade_events.data`) and their outbox events
// (`events.payload`'s `change`) carried amounts in fen ("26800"); the trades module now writes
// decimal strings in the trade's currency ("268.00") with `currency` beside them. This rewrites
// the rows written before, on SQLite and PostgreSQL alike, and `down` writes them back in fen.

import type { Kysely, Migration } from 'kysely';
import { formatAmount, parseAmount } from '../../money/index.js';

/**
 * The keys that hold amounts in each trade event type's data, as the trades module wrote them
 * before 0017. Kept here rather than read from the trades module: a migration rewrites what was
 * written then, whatever the module writes later. (A refund's `refund` is its id; a dispute
 * decision's is an amount.)
 */
export const eventAmountKeys: Readonly<Record<string, readonly string[]>> = {
  created: ['amount'],
  paid: ['amount', 'fee'],
  confirmed: ['amount', 'fee'],
  refunded: ['amount'],
  refund_requested: ['amount'],
  split: ['amount'],
  dispute_decided: ['refund', 'released', 'fee'],
};

/** Rows read and rewritten at a time. */
const migrationPageRowsMax = 500;

type EventData = Readonly<Record<string, unknown>>;

/**
 * Data with fen amounts as data with decimal amounts and its currency; undefined when there is
 * nothing to rewrite: a type without amounts, or data already rewritten (it names its currency),
 * so that running the rewrite twice (SQLite records a migration after it ran) changes nothing.
 */
export function decimalEventData(type: string, data: EventData, currencyCode: string): EventData | undefined {
  const keys = eventAmountKeys[type];
  if (keys === undefined || 'currency' in data) return undefined;
  const rewritten: Record<string, unknown> = { ...data };
  for (const key of keys) {
    const value = data[key];
    if (typeof value !== 'string' || !/^-?\d{1,30}$/.test(value)) throw new Error(`migration 0017: ${type} event's ${key} is not an amount in minor units: ${JSON.stringify(value)}`);
    rewritten[key] = formatAmount(BigInt(value), currencyCode);
  }
  return { ...rewritten, currency: currencyCode };
}

/** The reverse, for `down`: decimal amounts back to minor units, without the currency. */
export function minorUnitEventData(type: string, data: EventData): EventData | undefined {
  const keys = eventAmountKeys[type];
  if (keys === undefined || typeof data.currency !== 'string') return undefined;
  const { currency, ...rest } = data as EventData & { readonly currency: string };
  const rewritten: Record<string, unknown> = rest;
  for (const key of keys) {
    const parsed = parseAmount(String(data[key]), currency, { allowZero: true, allowNegative: true });
    if (!parsed.ok) throw new Error(`migration 0017 down: ${type} event's ${key} is not a ${currency} amount: ${JSON.stringify(data[key])}`);
    rewritten[key] = parsed.amount.toString();
  }
  return rewritten;
}

interface MigrationTables {
  trades: { id: string; currency: string };
  trade_events: { id: string; trade_id: string; type: string; data: string };
  events: { id: string; object_id: string; type: string; payload: string };
}

type Rewrite = (type: string, data: EventData, currencyCode: string) => EventData | undefined;

/** Rewrites the data of every trade event with amounts, on the timeline and in the outbox, page by page in id order. */
async function rewriteEvents(db: Kysely<MigrationTables>, rewrite: Rewrite): Promise<void> {
  const types = Object.keys(eventAmountKeys);
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom('trade_events')
      .innerJoin('trades', 'trades.id', 'trade_events.trade_id')
      .select(['trade_events.id', 'trade_events.type', 'trade_events.data', 'trades.currency'])
      .where('trade_events.type', 'in', types)
      .where('trade_events.id', '>', after)
      .orderBy('trade_events.id')
      .limit(migrationPageRowsMax)
      .execute();
    for (const row of rows) {
      const data = rewrite(row.type, JSON.parse(row.data) as EventData, row.currency);
      if (data !== undefined) await db.updateTable('trade_events').set({ data: JSON.stringify(data) }).where('id', '=', row.id).execute();
    }
    if (rows.length < migrationPageRowsMax) break;
    after = rows.at(-1)!.id;
  }
  for (let after = ''; ; ) {
    const rows = await db
      .selectFrom('events')
      .innerJoin('trades', 'trades.id', 'events.object_id')
      .select(['events.id', 'events.type', 'events.payload', 'trades.currency'])
      .where('events.type', 'in', types.map((type) => `trade.${type}`))
      .where('events.id', '>', after)
      .orderBy('events.id')
      .limit(migrationPageRowsMax)
      .execute();
    for (const row of rows) {
      const payload = JSON.parse(row.payload) as { readonly change?: EventData };
      const change = payload.change === undefined ? undefined : rewrite(row.type.slice('trade.'.length), payload.change, row.currency);
      if (change !== undefined) await db.updateTable('events').set({ payload: JSON.stringify({ ...payload, change }) }).where('id', '=', row.id).execute();
    }
    if (rows.length < migrationPageRowsMax) break;
    after = rows.at(-1)!.id;
  }
}

/**
 * Runs the rewrite in one transaction: PostgreSQL's migrator already runs each migration in one;
 * SQLite's does not (its DDL is not transactional), and without one every row would be a group
 * commit of its own on the writer thread.
 */
function inTransaction(db: Kysely<unknown>, rewrite: Rewrite): Promise<void> {
  const typed = db as Kysely<MigrationTables>;
  return typed.isTransaction ? rewriteEvents(typed, rewrite) : typed.transaction().execute((transaction) => rewriteEvents(transaction, rewrite));
}

export const eventAmountsMigration: Migration = {
  up: (db) => inTransaction(db, decimalEventData),
  down: (db) => inTransaction(db, (type, data) => minorUnitEventData(type, data)),
};
