// One list of a user's money movements, newest first, by cursor: the wallet's own movements from
// `wallet_transfers` (top-ups, withdrawals, payments out and in, failed ones included), and the
// trades they paid and the money that came back, read from the ledger (trade-movements.ts).
//
// The two sources are merged in one order: by millisecond, newest first; within a millisecond a
// ledger movement before a wallet movement; then each source's own order (ledger timestamps, or
// record ids). A cursor from either source says where the other one resumes in that order.

import type { Kysely } from 'kysely';
import type { Ledger, PlatformTables, WalletTransferTable } from '../store/index.js';
import { isTradeTransfer, ledgerMovementPrefix, movementTransferId, scanTradeMovements, timestampLatest, tradeMovementKinds, type TradeMovement } from './trade-movements.js';

export const walletTransactionKinds = ['top_up', 'withdrawal', 'transfer_in', 'transfer_out'] as const;
export const transactionKinds = [...walletTransactionKinds, ...tradeMovementKinds] as const;
export type TransactionKind = (typeof transactionKinds)[number];
type WalletTransactionKind = (typeof walletTransactionKinds)[number];

const nanosecondsPerMillisecond = 1_000_000n;
/** Trade ids in one lookup of their names at most (a statement names many; databases cap a query's parameters). */
const labelLookupIdsMax = 500;

/** The trade a movement belongs to, as its payer sees it. */
export interface TradeLabel {
  readonly id: string;
  readonly subject: string;
  readonly merchantId: string;
  readonly merchantName: string;
}

export interface Transaction {
  /** A wallet record id ('tu_…', 'wd_…', 'tr_…'), or 'ltr_…' for a trade movement read from the ledger. */
  readonly id: string;
  readonly kind: TransactionKind;
  /** Minor units, negative when money left the wallet. */
  readonly signedAmount: bigint;
  readonly currency: string;
  /** 'succeeded', 'pending' or 'failed'; a trade movement is in the ledger, so it has succeeded. */
  readonly status: string;
  readonly failureCode: string | null;
  /** The other user of a payment, the merchant of a trade, or null. */
  readonly counterparty: string | null;
  readonly card: string | null;
  readonly note: string | null;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  /** The trade of a trade movement; null for the wallet's own movements. */
  readonly trade: TradeLabel | null;
}

export interface TransactionOwner {
  readonly id: string;
  readonly balanceAccountId: bigint;
}

export interface TransactionQuery {
  readonly limit: number;
  readonly startingAfter?: string;
  readonly kinds?: readonly TransactionKind[];
  /** Milliseconds, inclusive lower and exclusive upper bound of created_at. */
  readonly createdFrom?: number;
  readonly createdBefore?: number;
}

export type TransactionPage = { readonly ok: true; readonly data: Transaction[]; readonly hasMore: boolean } | { readonly ok: false; readonly code: 'cursor_invalid' };

/** Where a page starts: after a wallet record, or after a ledger movement's first transfer. */
type Cursor = { readonly source: 'wallet'; readonly createdAt: number; readonly id: string } | { readonly source: 'ledger'; readonly timestamp: bigint };

export function toTransaction(record: WalletTransferTable, userId: string): Transaction {
  const amount = BigInt(record.amount);
  const [kind, signedAmount]: [WalletTransactionKind, bigint] =
    record.kind === 'transfer' ? (record.user_id === userId ? ['transfer_out', -amount] : ['transfer_in', amount]) : record.kind === 'withdrawal' ? ['withdrawal', -amount] : ['top_up', amount];
  return {
    id: record.id,
    kind,
    signedAmount,
    currency: record.currency,
    status: record.status,
    failureCode: record.failure_code,
    counterparty: kind === 'transfer_in' ? record.user_id : record.counterparty_user_id,
    card: record.card_id,
    note: record.note,
    createdAt: Number(record.created_at),
    trade: null,
  };
}

export class TransactionList {
  /**
   * `tradeIdOf` turns a trade reference (a transfer's user_data_128) into the trade's id: the
   * trades module owns that naming, and depends on the wallet, so it is handed in.
   */
  constructor(
    private readonly ledger: Ledger,
    private readonly db: Kysely<PlatformTables>,
    private readonly tradeIdOf: (reference: bigint) => string,
  ) {}

  async list(owner: TransactionOwner, query: TransactionQuery): Promise<TransactionPage> {
    const cursor = await this.cursorOf(owner, query.startingAfter);
    if (cursor === null) return { ok: false, code: 'cursor_invalid' };
    const kinds = query.kinds !== undefined && query.kinds.length > 0 ? query.kinds : transactionKinds;
    const walletKinds = walletTransactionKinds.filter((kind) => kinds.includes(kind));
    const tradeKinds = tradeMovementKinds.filter((kind) => kinds.includes(kind));
    const want = query.limit + 1;
    const rows = walletKinds.length === 0 ? [] : await this.walletRows(owner.id, walletKinds, query, cursor, want);
    // The ledger's window, in nanoseconds: what the filters and the cursor leave, and nothing
    // older than the last wallet row a full page needs (movements older than it cannot be on it).
    let newest = query.createdBefore === undefined ? timestampLatest : BigInt(query.createdBefore) * nanosecondsPerMillisecond - 1n;
    if (cursor?.source === 'wallet') newest = min(newest, BigInt(cursor.createdAt) * nanosecondsPerMillisecond - 1n);
    if (cursor?.source === 'ledger') newest = min(newest, cursor.timestamp - 1n);
    let oldest = query.createdFrom === undefined ? 0n : BigInt(query.createdFrom) * nanosecondsPerMillisecond;
    if (rows.length === want) oldest = max(oldest, BigInt(rows[want - 1]!.created_at) * nanosecondsPerMillisecond);
    const movements = tradeKinds.length === 0 ? [] : await scanTradeMovements(this.ledger, owner.balanceAccountId, { newest, oldest, want, kinds: tradeKinds });
    const merged = merge(rows.map((row) => toTransaction(row, owner.id)), movements).slice(0, want);
    const page = merged.slice(0, query.limit);
    const labels = await this.tradeLabels(page.flatMap((entry) => (entry.source === 'ledger' ? [entry.movement.reference] : [])));
    return { ok: true, data: page.map((entry) => (entry.source === 'wallet' ? entry.transaction : this.movementTransaction(entry.movement, labels))), hasMore: merged.length > query.limit };
  }

  /** The cursor behind `startingAfter`: undefined for none, null when it is not one of the owner's. */
  private async cursorOf(owner: TransactionOwner, startingAfter: string | undefined): Promise<Cursor | undefined | null> {
    if (startingAfter === undefined) return undefined;
    if (startingAfter.startsWith(ledgerMovementPrefix)) {
      const transferId = movementTransferId(startingAfter);
      const [transfer] = transferId === undefined ? [] : await this.ledger.lookupTransfers([transferId]);
      const mine = transfer !== undefined && isTradeTransfer(transfer) && (transfer.debitAccountId === owner.balanceAccountId || transfer.creditAccountId === owner.balanceAccountId);
      return mine ? { source: 'ledger', timestamp: transfer.timestamp } : null;
    }
    const row = await ownRecords(this.db, owner.id).where('id', '=', startingAfter).select(['created_at', 'id']).executeTakeFirst();
    return row === undefined ? null : { source: 'wallet', createdAt: Number(row.created_at), id: row.id };
  }

  private async walletRows(userId: string, kinds: readonly WalletTransactionKind[], query: TransactionQuery, cursor: Cursor | undefined, limit: number): Promise<WalletTransferTable[]> {
    let select = ownRecords(this.db, userId).selectAll();
    if (query.createdFrom !== undefined) select = select.where('created_at', '>=', query.createdFrom);
    if (query.createdBefore !== undefined) select = select.where('created_at', '<', query.createdBefore);
    if (cursor?.source === 'wallet') {
      const after = cursor;
      select = select.where((eb) => eb.or([eb('created_at', '<', after.createdAt), eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)])]));
    }
    // Within its millisecond a ledger movement comes first: every wallet record of that millisecond follows it.
    if (cursor?.source === 'ledger') select = select.where('created_at', '<=', Number(cursor.timestamp / nanosecondsPerMillisecond));
    if (kinds.length < walletTransactionKinds.length) {
      select = select.where((eb) =>
        eb.or(
          kinds.map((kind) => {
            if (kind === 'transfer_out') return eb.and([eb('kind', '=', 'transfer'), eb('user_id', '=', userId)]);
            if (kind === 'transfer_in') return eb.and([eb('kind', '=', 'transfer'), eb('counterparty_user_id', '=', userId)]);
            return eb('kind', '=', kind);
          }),
        ),
      );
    }
    return select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  }

  /** The trades of these references with their merchants' names, by reference. */
  private async tradeLabels(references: readonly bigint[]): Promise<Map<bigint, TradeLabel>> {
    const byId = new Map([...new Set(references)].map((reference) => [this.tradeIdOf(reference), reference]));
    const ids = [...byId.keys()];
    const labels = new Map<bigint, TradeLabel>();
    // The ledger moved this account's money for these trades, so they are the owner's to see.
    for (let start = 0; start < ids.length; start += labelLookupIdsMax) {
      const rows = await this.db
        .selectFrom('trades')
        .innerJoin('merchants', 'merchants.id', 'trades.merchant_id')
        .select(['trades.id as id', 'trades.subject as subject', 'trades.merchant_id as merchantId', 'merchants.name as merchantName'])
        .where('trades.id', 'in', ids.slice(start, start + labelLookupIdsMax))
        .execute();
      for (const row of rows) labels.set(byId.get(row.id)!, row);
    }
    return labels;
  }

  private movementTransaction(movement: TradeMovement, labels: ReadonlyMap<bigint, TradeLabel>): Transaction {
    const trade = labels.get(movement.reference) ?? null;
    return {
      id: movement.id,
      kind: movement.kind,
      signedAmount: movement.amount,
      currency: 'CNY',
      status: 'succeeded',
      failureCode: null,
      counterparty: trade?.merchantId ?? null,
      card: null,
      note: null,
      createdAt: Number(movement.timestamp / nanosecondsPerMillisecond),
      trade,
    };
  }
}

type Entry = { readonly source: 'wallet'; readonly transaction: Transaction } | { readonly source: 'ledger'; readonly movement: TradeMovement };

/** Both sources in one order: by millisecond, newest first; within one, ledger movements first; then each source's own order. */
function merge(transactions: readonly Transaction[], movements: readonly TradeMovement[]): Entry[] {
  const merged: Entry[] = [];
  let w = 0;
  let m = 0;
  while (w < transactions.length || m < movements.length) {
    const transaction = transactions[w];
    const movement = movements[m];
    if (movement !== undefined && (transaction === undefined || movement.timestamp / nanosecondsPerMillisecond >= BigInt(transaction.createdAt))) {
      merged.push({ source: 'ledger', movement });
      m++;
    } else {
      merged.push({ source: 'wallet', transaction: transaction! });
      w++;
    }
  }
  return merged;
}

/** Records the user sees: their own, and payments others made to them. */
function ownRecords(db: Kysely<PlatformTables>, userId: string) {
  return db.selectFrom('wallet_transfers').where((eb) => eb.or([eb('user_id', '=', userId), eb.and([eb('counterparty_user_id', '=', userId), eb('kind', '=', 'transfer')])]));
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
