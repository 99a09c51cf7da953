// The daily outflow limit's count on both stores: payments to users and withdrawals not failed,
// and trades paid from the wallet in real time, since the start of the day; a reservation named
// by a trade's id counts until that trade is paid, then the trade counts instead, never both.

import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformTables, TradeTable, WalletTransferTable } from '../store/index.js';
import { platformMigrationProvider } from '../store/platform/migrations.js';
import { openEmptyPlatformDatabase } from '../store/platform/testing/empty-database.js';
import { dayStart, prepareOutflowQuery, tradePayWindowMaxMilliseconds } from './limits.js';
import { DailyOutflows } from './outflows.js';

const hour = 60 * 60 * 1000;
const now = Date.UTC(2026, 10, 22, 4, 0, 0);
const today = dayStart(now);

function trade(id: string, amount: string, fields: Partial<TradeTable>): TradeTable {
  return {
    id, merchant_id: 'mch_1', out_trade_no: id, kind: 'direct', subject: 'Tea', currency: 'CNY', total_amount: amount, status: 'TRADE_SUCCESS',
    buyer_user_id: 'usr_1', fee_rate_basis_points: 60, held_amount: '0', hold_transfer_id: null, released_amount: amount, fee_amount: '0', refunded_amount: '0',
    pay_deadline: now + hour, paid_at: null, shipped_at: null, carrier: null, tracking_number: null, confirm_deadline: null, buyer_extended: 0, refund_deadline: null, ended_at: null,
    test_clock_id: null, refund_request_id: null, split_amount: '0', app_id: null, notify_url: null, dispute_status: null, version: 1, step_claim: null, created_at: now - hour, ...fields,
  };
}

function movement(id: string, kind: string, amount: string, status: string, createdAt: number): WalletTransferTable {
  return { id, kind, user_id: 'usr_1', counterparty_user_id: null, card_id: null, amount, currency: 'CNY', note: null, status, failure_code: null, ledger_transfer_id: null, created_at: createdAt };
}

describe.each(['sqlite', 'postgres'] as const)('the daily outflow count on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('counts payments, withdrawals and real-time trades paid today, and a paid trade once', async () => {
    const db = await openEmptyPlatformDatabase<PlatformTables>(kind, cleanups);
    expect((await new Migrator({ db, provider: platformMigrationProvider }).migrateToLatest()).error).toBeUndefined();
    await db.insertInto('wallet_transfers').values([
      movement('tr_today', 'transfer', '10000', 'succeeded', now - hour),
      movement('wd_failed', 'withdrawal', '5000', 'failed', now - hour),
      movement('tr_yesterday', 'transfer', '7000', 'succeeded', today - hour),
      movement('tu_today', 'top_up', '90000', 'succeeded', now - hour),
    ]).execute();
    await db.insertInto('trades').values([
      trade('trd_today', '20000', { paid_at: now - hour }),
      trade('trd_clock', '99900', { paid_at: now - hour, test_clock_id: 'clk_1' }),
      trade('trd_yesterday', '30000', { paid_at: today - hour, created_at: today - 2 * hour }),
      trade('trd_old_paid_today', '2500', { paid_at: today + hour, created_at: today - tradePayWindowMaxMilliseconds + hour }),
      trade('trd_unpaid', '40000', { status: 'WAIT_BUYER_PAY', released_amount: '0' }),
      trade('trd_someone_else', '1000', { paid_at: now - hour, buyer_user_id: 'usr_2' }),
    ]).execute();
    // Today: 100.00 paid to a user, 200.00 and 25.00 of trades: 325.00 of 1,000.00.
    const outflows = new DailyOutflows(db, prepareOutflowQuery(db), kind === 'sqlite');
    const counted = <T>(outcome: T) => async () => ({ outcome, counts: true });
    expect(await outflows.spend('usr_1', 67_501n, 100_000n, now, 'tr_too_much', counted('ran'))).toBeUndefined();
    // The unpaid trade is paid under a reservation of its own id; once paid it counts as a trade only.
    const paid = await outflows.spend('usr_1', 40_000n, 100_000n, now, 'trd_unpaid', async () => {
      await db.updateTable('trades').set({ paid_at: now, status: 'TRADE_SUCCESS', released_amount: '40000' }).where('id', '=', 'trd_unpaid').execute();
      return { outcome: 'paid', counts: true };
    });
    expect(paid).toBe('paid');
    // 725.00 are gone: 275.00 fit, 275.01 do not.
    expect(await outflows.spend('usr_1', 27_501n, 100_000n, now, 'tr_over', counted('ran'))).toBeUndefined();
    expect(await outflows.spend('usr_1', 27_500n, 100_000n, now, 'tr_exact', async () => ({ outcome: 'ran', counts: false }))).toBe('ran');
    // Tomorrow the day starts afresh.
    expect(await outflows.spend('usr_1', 100_000n, 100_000n, today + 24 * hour, 'tr_tomorrow', counted('ran'))).toBe('ran');
  });

  it("keeps a buyer's reservation of a trade when another buyer's attempt at the same trade fails", async () => {
    const db = await openEmptyPlatformDatabase<PlatformTables>(kind, cleanups);
    expect((await new Migrator({ db, provider: platformMigrationProvider }).migrateToLatest()).error).toBeUndefined();
    const outflows = new DailyOutflows(db, prepareOutflowQuery(db), kind === 'sqlite');
    const paid = await outflows.spend('usr_1', 60_000n, 100_000n, now, 'trd_shared', async () => {
      // Meanwhile another buyer tries to pay the same trade, and fails: their reservation goes, not usr_1's.
      expect(await outflows.spend('usr_2', 10_000n, 100_000n, now, 'trd_shared', async () => ({ outcome: 'refused', counts: false }))).toBe('refused');
      expect(await outflows.spend('usr_1', 40_001n, 100_000n, now, 'tr_more', async () => ({ outcome: 'ran', counts: true }))).toBeUndefined();
      return { outcome: 'paid', counts: true };
    });
    expect(paid).toBe('paid');
  });
});
