// Writes a commit's plan to PostgreSQL: one set-based statement per table (unnest of arrays), so a
// commit of thousands of transfers is a handful of round trips.

import type pg from 'pg';
import type { Account, CommitPlan } from '../../ledger/index.js';
import { chainTransfers } from '../account-chain.js';
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

  if (chained.length > 0) {
    const t = chained.map((row) => row.transfer);
    await queryColumns(client, 
      `INSERT INTO transfers (timestamp, id, debit_account_id, credit_account_id, amount, pending_id, user_data_128, user_data_64,
         user_data_32, timeout, ledger, code, flags, debit_previous, credit_previous)
       SELECT * FROM unnest($1::bigint[], $2::numeric[], $3::numeric[], $4::numeric[], $5::numeric[], $6::numeric[], $7::numeric[],
         $8::numeric[], $9::bigint[], $10::bigint[], $11::bigint[], $12::integer[], $13::integer[], $14::bigint[], $15::bigint[])`,
      [
        t.map((x) => x.timestamp), t.map((x) => x.id), t.map((x) => x.debitAccountId),
        t.map((x) => x.creditAccountId), t.map((x) => x.amount), t.map((x) => x.pendingId),
        t.map((x) => x.userData128), t.map((x) => x.userData64), t.map((x) => x.userData32),
        t.map((x) => x.timeout), t.map((x) => x.ledger), t.map((x) => x.code), t.map((x) => x.flags),
        chained.map((row) => row.debitPrevious), chained.map((row) => row.creditPrevious),
      ],
    );
  }

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

/** Runs a statement whose parameters are whole columns, each sent as one array literal. */
function queryColumns(client: pg.PoolClient, sql: string, columns: readonly (readonly (bigint | number | null)[])[]): Promise<pg.QueryResult> {
  return client.query(sql, columns.map(arrayLiteral));
}
