// Writes a commit's plan to PostgreSQL: one set-based statement per table (unnest of arrays), so a
// commit of thousands of transfers is a handful of round trips.

import type pg from 'pg';
import type { Account, CommitPlan } from '../../ledger/index.js';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { chainTransfers, type ChainedTransfer } from '../account-chain.js';
import { arrayLiteral } from './array-literal.js';
import { holdStatuses } from './codec.js';

/**
 * Writes the plan; `headsBefore` holds the chain heads of the accounts read before the commit.
 * Returns the new chain heads of the accounts its transfers touched.
 */
export async function writePlan(client: pg.PoolClient, plan: CommitPlan, headsBefore: ReadonlyMap<bigint, bigint>): Promise<Map<bigint, bigint>> {
  const { chained, heads } = chainTransfers(plan.transfersCreated, (id) => headsBefore.get(id) ?? 0n);
  const headOf = (id: bigint): bigint => heads.get(id) ?? headsBefore.get(id) ?? 0n;

  if (plan.accountsCreated.length > 0) {
    const a = plan.accountsCreated;
    await queryColumns(client, 
      `INSERT INTO accounts (id, ledger, code, flags, user_data_128, user_data_64, user_data_32, debits_pending, debits_posted,
         credits_pending, credits_posted, timestamp, last_transfer_timestamp)
       SELECT * FROM unnest($1::numeric[], $2::bigint[], $3::integer[], $4::integer[], $5::numeric[], $6::numeric[], $7::bigint[],
         $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::bigint[], $13::bigint[])`,
      [
        a.map((x) => x.id), a.map((x) => x.ledger), a.map((x) => x.code), a.map((x) => x.flags),
        a.map((x) => x.userData128), a.map((x) => x.userData64), a.map((x) => x.userData32),
        a.map((x) => x.debitsPending), a.map((x) => x.debitsPosted), a.map((x) => x.creditsPending),
        a.map((x) => x.creditsPosted), a.map((x) => x.timestamp), a.map((x) => headOf(x.id)),
      ],
    );
  }

  if (chained.length > 0) await copyTransfers(client, chained);

  const created = new Set(plan.accountsCreated.map((account) => account.id));
  const updated = new Map<bigint, Account | undefined>();
  for (const account of plan.accountsUpdated) updated.set(account.id, account);
  for (const id of heads.keys()) if (!created.has(id) && !updated.has(id)) updated.set(id, undefined);
  if (updated.size > 0) {
    // Accounts whose only change is a new chain head (a balancing transfer of 0) keep their balances.
    const ids = [...updated.keys()];
    const values = ids.map((id) => updated.get(id));
    await queryColumns(client, 
      `UPDATE accounts a SET
         flags = COALESCE(u.flags, a.flags),
         debits_pending = COALESCE(u.debits_pending, a.debits_pending),
         debits_posted = COALESCE(u.debits_posted, a.debits_posted),
         credits_pending = COALESCE(u.credits_pending, a.credits_pending),
         credits_posted = COALESCE(u.credits_posted, a.credits_posted),
         last_transfer_timestamp = u.head
       FROM unnest($1::numeric[], $2::integer[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::bigint[])
         AS u(id, flags, debits_pending, debits_posted, credits_pending, credits_posted, head)
       WHERE a.id = u.id`,
      [
        ids, values.map((x) => x?.flags ?? null), values.map((x) => x?.debitsPending ?? null),
        values.map((x) => x?.debitsPosted ?? null), values.map((x) => x?.creditsPending ?? null),
        values.map((x) => x?.creditsPosted ?? null), ids.map((id) => headOf(id)),
      ],
    );
  }

  if (plan.pendingChanges.size > 0) {
    const holds = [...plan.pendingChanges];
    await queryColumns(client, 
      `INSERT INTO holds (id, status, expires_at, resolved_at)
       SELECT * FROM unnest($1::numeric[], $2::smallint[], $3::bigint[], $4::bigint[])
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, resolved_at = excluded.resolved_at`,
      [
        holds.map(([id]) => id), holds.map(([, hold]) => holdStatuses.indexOf(hold.status)),
        holds.map(([, hold]) => hold.expiresAt), holds.map(([, hold]) => hold.resolvedAt),
      ],
    );
  }

  if (plan.balances.length > 0) {
    const b = plan.balances;
    await queryColumns(client, 
      `INSERT INTO account_balances (account_id, timestamp, debits_pending, debits_posted, credits_pending, credits_posted)
       SELECT * FROM unnest($1::numeric[], $2::bigint[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[])`,
      [
        b.map((x) => x.accountId), b.map((x) => x.timestamp), b.map((x) => x.debitsPending),
        b.map((x) => x.debitsPosted), b.map((x) => x.creditsPending), b.map((x) => x.creditsPosted),
      ],
    );
  }
  return heads;
}

/**
 * Appends transfers with COPY, PostgreSQL's bulk path: measured here about a quarter faster than
 * INSERT … SELECT FROM unnest for a commit of 8,190 transfers. Every field is a whole number, so
 * the text format needs no escaping.
 */
async function copyTransfers(client: pg.PoolClient, chained: readonly ChainedTransfer[]): Promise<void> {
  const lines = new Array<string>(chained.length);
  for (let index = 0; index < chained.length; index++) {
    const { transfer: t, debitPrevious, creditPrevious } = chained[index]!;
    lines[index] =
      `${t.timestamp}\t${t.id}\t${t.debitAccountId}\t${t.creditAccountId}\t${t.amount}\t${t.pendingId}\t${t.userData128}\t` +
      `${t.userData64}\t${t.userData32}\t${t.timeout}\t${t.ledger}\t${t.code}\t${t.flags}\t${debitPrevious}\t${creditPrevious}\n`;
  }
  const copy = client.query(
    copyFrom(
      `COPY transfers (timestamp, id, debit_account_id, credit_account_id, amount, pending_id, user_data_128, user_data_64,
         user_data_32, timeout, ledger, code, flags, debit_previous, credit_previous) FROM STDIN`,
    ),
  );
  await pipeline(Readable.from([lines.join('')]), copy);
}

/** Runs a statement whose parameters are whole columns, each sent as one array literal. */
function queryColumns(client: pg.PoolClient, sql: string, columns: readonly (readonly (bigint | number | null)[])[]): Promise<pg.QueryResult> {
  return client.query(sql, columns.map(arrayLiteral));
}
