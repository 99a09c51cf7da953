// One list of a user's money movements across kinds (top-ups, withdrawals, payments out and in),
// newest first, with cursor pagination, and the month's statement as CSV.

import type { Kysely } from 'kysely';
import type { PlatformTables, WalletTransferTable } from '../store/index.js';

export const transactionKinds = ['top_up', 'withdrawal', 'transfer_in', 'transfer_out'] as const;
export type TransactionKind = (typeof transactionKinds)[number];

export interface Transaction {
  readonly record: WalletTransferTable;
  readonly kind: TransactionKind;
  /** Minor units, negative when money left the wallet. */
  readonly signedAmount: bigint;
}

export interface TransactionQuery {
  readonly userId: string;
  readonly limit: number;
  readonly startingAfter?: string;
  readonly kinds?: readonly TransactionKind[];
  /** Milliseconds, inclusive lower and exclusive upper bound of created_at. */
  readonly createdFrom?: number;
  readonly createdBefore?: number;
}

export type TransactionPage = { readonly ok: true; readonly data: Transaction[]; readonly hasMore: boolean } | { readonly ok: false; readonly code: 'cursor_invalid' };

export function toTransaction(record: WalletTransferTable, userId: string): Transaction {
  const amount = BigInt(record.amount);
  if (record.kind === 'transfer') {
    return record.user_id === userId ? { record, kind: 'transfer_out', signedAmount: -amount } : { record, kind: 'transfer_in', signedAmount: amount };
  }
  if (record.kind === 'withdrawal') return { record, kind: 'withdrawal', signedAmount: -amount };
  return { record, kind: 'top_up', signedAmount: amount };
}

export async function listTransactions(db: Kysely<PlatformTables>, query: TransactionQuery): Promise<TransactionPage> {
  let cursor: { created_at: number; id: string } | undefined;
  if (query.startingAfter !== undefined) {
    const row = await ownRecords(db, query.userId).where('id', '=', query.startingAfter).select(['created_at', 'id']).executeTakeFirst();
    if (row === undefined) return { ok: false, code: 'cursor_invalid' };
    cursor = { created_at: Number(row.created_at), id: row.id };
  }
  let select = ownRecords(db, query.userId).selectAll();
  if (query.createdFrom !== undefined) select = select.where('created_at', '>=', query.createdFrom);
  if (query.createdBefore !== undefined) select = select.where('created_at', '<', query.createdBefore);
  if (cursor !== undefined) {
    const after = cursor;
    select = select.where((eb) => eb.or([eb('created_at', '<', after.created_at), eb.and([eb('created_at', '=', after.created_at), eb('id', '<', after.id)])]));
  }
  const kinds = query.kinds;
  if (kinds !== undefined && kinds.length > 0) {
    select = select.where((eb) =>
      eb.or(
        kinds.map((kind) => {
          if (kind === 'transfer_out') return eb.and([eb('kind', '=', 'transfer'), eb('user_id', '=', query.userId)]);
          if (kind === 'transfer_in') return eb.and([eb('kind', '=', 'transfer'), eb('counterparty_user_id', '=', query.userId)]);
          return eb('kind', '=', kind);
        }),
      ),
    );
  }
  const rows = await select.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit + 1).execute();
  return { ok: true, data: rows.slice(0, query.limit).map((row) => toTransaction(row, query.userId)), hasMore: rows.length > query.limit };
}

/** Records the user sees: their own, and payments others made to them. */
function ownRecords(db: Kysely<PlatformTables>, userId: string) {
  return db.selectFrom('wallet_transfers').where((eb) => eb.or([eb('user_id', '=', userId), eb.and([eb('counterparty_user_id', '=', userId), eb('kind', '=', 'transfer')])]));
}
