// The balance history of `history` accounts (TigerBeetle's get_account_balances), stored so that a
// commit appends rows only. A snapshot row is keyed by its timestamp first, so each commit's rows go
// to the end of the table, and names the account's snapshot before it; each account's newest
// snapshot is in balance_heads, a table with one small row per account.
//
// Keyed by account first (the layout before migration 4), every commit wrote into the last page
// of each account's range: a payment between two of 1,000 accounts dirtied two pages of 4 KiB at
// random places, which doubled the bytes a ledger commit wrote and made its fsync the longest
// step of a payment. A listing now walks an account's snapshots from the newest, one lookup each,
// so its cost grows with the snapshots after its oldest bound (as listing transfers does,
// account-chain.ts); the monthly statement asks for one snapshot at a month's end.

import type { AccountBalance, AccountFilter } from '../../ledger/index.js';
import { clampTimestamp } from '../account-chain.js';
import { decodeBalance, encodeU128, type BalanceRow, type U128Value } from './codec.js';
import type { Statements } from './statements.js';

/** Accounts whose head the writer keeps in memory at most (as many as the committer keeps accounts). */
export const balanceHeadsMax = 1_000_000;

/** A snapshot row with the timestamp of the account's snapshot before it (0n: none). */
interface BalanceHistoryRow extends BalanceRow {
  readonly previous: bigint;
}

/**
 * Each account's newest snapshot, as the writer thread links new snapshots to it: read from
 * balance_heads once, then kept here for up to `balanceHeadsMax` accounts (past that, all are
 * forgotten and read again). A failed commit rolls the table back, so the writer
 * forgets what it kept (forget()) and reads it again.
 */
export class BalanceHeads {
  private readonly heads = new Map<U128Value, bigint>();

  constructor(
    private readonly statements: Statements,
    private readonly headsMax: number = balanceHeadsMax,
  ) {}

  /** Inserts a commit's snapshots (in timestamp order) linked to each account's previous one, and moves the heads. */
  append(snapshots: Iterable<{ readonly accountId: U128Value; readonly timestamp: bigint; readonly balances: readonly U128Value[] }>): void {
    const moved = new Map<U128Value, bigint>();
    for (const { accountId, timestamp, balances } of snapshots) {
      const previous = moved.get(accountId) ?? this.head(accountId);
      this.statements.insertBalance.run(timestamp, accountId, previous, ...balances);
      moved.set(accountId, timestamp);
    }
    if (this.heads.size + moved.size > this.headsMax) this.heads.clear();
    for (const [accountId, timestamp] of moved) {
      this.statements.setBalanceHead.run(accountId, timestamp);
      this.heads.set(accountId, timestamp);
    }
  }

  forget(): void {
    this.heads.clear();
  }

  private head(accountId: U128Value): bigint {
    const known = this.heads.get(accountId);
    if (known !== undefined) return known;
    return (this.statements.balanceHead.get(accountId) as bigint | undefined) ?? 0n;
  }
}

/** The snapshots of `filter.accountId` within the filter, oldest first (newest first when reversed). */
export function readBalanceHistory(statements: Statements, filter: AccountFilter): AccountBalance[] {
  const found: AccountBalance[] = [];
  if (filter.limit <= 0) return found;
  const accountId = encodeU128(filter.accountId);
  const min = clampTimestamp(filter.timestampMin);
  const max = clampTimestamp(filter.timestampMax);
  let next = (statements.balanceHead.get(accountId) as bigint | undefined) ?? 0n;
  while (next !== 0n && next >= min) {
    const row = statements.balanceAt.get(next, accountId) as BalanceHistoryRow | undefined;
    // Each snapshot names an earlier one: anything else is a broken link, which would never end.
    if (row === undefined || row.previous >= next) throw new Error(`ledger: the balance history of account ${filter.accountId} is broken at ${next}`);
    if (next <= max) {
      found.push(decodeBalance(row));
      if (filter.reversed && found.length >= filter.limit) break;
    }
    next = row.previous;
  }
  if (filter.reversed) return found;
  found.reverse();
  return found.slice(0, filter.limit);
}
