// Migration 0017 on real SQLite and PostgreSQL: a database made before it, with trade events in
// fen on the timeline and in the outbox, reads in decimal amounts with the currency after it, and
// in fen again after it is undone; other events and other data are left as they were.

import { Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { decimalEventData, minorUnitEventData } from './event-amounts-migration.js';
import { platformMigrationProvider } from './migrations.js';
import { openEmptyPlatformDatabase } from './testing/empty-database.js';
import type { PlatformTables, TradeTable } from './tables.js';

describe('decimalEventData', () => {
  it.each([
    ['created', { amount: '26800' }, { amount: '268.00', currency: 'CNY' }],
    ['paid', { amount: '26800', fee: '0' }, { amount: '268.00', fee: '0.00', currency: 'CNY' }],
    ['confirmed', { amount: '5', fee: '161', items: [0], automatic: false }, { amount: '0.05', fee: '1.61', items: [0], automatic: false, currency: 'CNY' }],
    ['refunded', { refund: 'rfd_1', amount: '2000', out_request_no: 'r1' }, { refund: 'rfd_1', amount: '20.00', out_request_no: 'r1', currency: 'CNY' }],
    ['dispute_decided', { dispute: 'dsp_1', refund: '1000', released: '25800', fee: '155', note: null }, { dispute: 'dsp_1', refund: '10.00', released: '258.00', fee: '1.55', note: null, currency: 'CNY' }],
    ['refund_requested', { request: 'rrq_1', amount: '100', reason: 'broken' }, { request: 'rrq_1', amount: '1.00', reason: 'broken', currency: 'CNY' }],
    ['split', { split: 'spl_1', amount: '2500', out_request_no: 's1' }, { split: 'spl_1', amount: '25.00', out_request_no: 's1', currency: 'CNY' }],
  ])('rewrites %s in decimals and back', (type, fen, decimal) => {
    expect(decimalEventData(type, fen, 'CNY')).toEqual(decimal);
    expect(minorUnitEventData(type, decimal)).toEqual(fen);
  });

  it('leaves events without amounts, and data already rewritten, alone', () => {
    expect(decimalEventData('shipped', { carrier: 'SF', tracking_number: '1' }, 'CNY')).toBeUndefined();
    expect(decimalEventData('paid', { amount: '268.00', fee: '0.00', currency: 'CNY' }, 'CNY')).toBeUndefined();
    expect(minorUnitEventData('paid', { amount: '26800', fee: '0' })).toBeUndefined();
  });

  it('refuses data it does not understand rather than guess', () => {
    expect(() => decimalEventData('paid', { amount: '268.00', fee: '0' }, 'CNY')).toThrow(/not an amount in minor units/);
  });
});

const kinds = ['sqlite', 'postgres'] as const;

describe.each(kinds)('migration 0017 on %s', (kind) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  const openDatabase = () => openEmptyPlatformDatabase<PlatformTables>(kind, cleanups);

  it('rewrites the timeline and the outbox of a database made before it, and undoes it', async () => {
    const db = await openDatabase();
    const migrator = new Migrator({ db, provider: platformMigrationProvider });
    expect((await migrator.migrateTo('0016_dashboard_console')).error).toBeUndefined();
    const trade: Omit<TradeTable, 'step_claim'> = {
      id: 'trd_1', merchant_id: 'mch_1', out_trade_no: 'o1', kind: 'escrow', subject: 'Tea set', currency: 'CNY', total_amount: '26800', status: 'TRADE_FINISHED',
      buyer_user_id: 'usr_1', fee_rate_basis_points: 60, held_amount: '0', hold_transfer_id: null, released_amount: '25800', fee_amount: '155', refunded_amount: '1000',
      pay_deadline: 1, paid_at: 2, shipped_at: null, carrier: null, tracking_number: null, confirm_deadline: null, buyer_extended: 0, refund_deadline: null, ended_at: 3,
      test_clock_id: null, refund_request_id: null, split_amount: '0', app_id: null, notify_url: null, dispute_status: 'decided', version: 5, created_at: 1,
    };
    await db.insertInto('trades').values(trade).execute();
    const timeline = [
      ['tev_1', 'created', { amount: '26800' }],
      ['tev_2', 'paid', { amount: '26800', fee: '0' }],
      ['tev_3', 'shipped', { carrier: 'SF', tracking_number: 'SF1' }],
      ['tev_4', 'dispute_decided', { dispute: 'dsp_1', refund: '1000', released: '25800', fee: '155', note: null }],
    ] as const;
    for (const [id, type, data] of timeline) await db.insertInto('trade_events').values({ id, trade_id: trade.id, type, actor: 'system', actor_id: null, data: JSON.stringify(data), created_at: 1 }).execute();
    const object = { id: trade.id, object: 'trade', amount: '268.00', currency: 'CNY' };
    const outbox = [
      ['evt_1', 'trade.paid', trade.id, { object, change: { amount: '26800', fee: '0' } }],
      ['evt_2', 'trade.shipped', trade.id, { object, change: { carrier: 'SF', tracking_number: 'SF1' } }],
      ['evt_3', 'payout.paid', 'po_1', { object: { id: 'po_1', object: 'payout', amount: '100.00', currency: 'CNY' } }],
    ] as const;
    for (const [id, type, objectId, payload] of outbox) await db.insertInto('events').values({ id, merchant_id: 'mch_1', type, object_id: objectId, payload: JSON.stringify(payload), fanned_out: 1, created_at: 1 }).execute();
    const read = async () => ({
      timeline: (await db.selectFrom('trade_events').select(['id', 'data']).orderBy('id').execute()).map((row) => JSON.parse(row.data) as unknown),
      outbox: (await db.selectFrom('events').select(['id', 'payload']).orderBy('id').execute()).map((row) => JSON.parse(row.payload) as unknown),
    });
    const before = await read();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await read()).toEqual({
      timeline: [
        { amount: '268.00', currency: 'CNY' },
        { amount: '268.00', fee: '0.00', currency: 'CNY' },
        { carrier: 'SF', tracking_number: 'SF1' },
        { dispute: 'dsp_1', refund: '10.00', released: '258.00', fee: '1.55', note: null, currency: 'CNY' },
      ],
      outbox: [{ object, change: { amount: '268.00', fee: '0.00', currency: 'CNY' } }, before.outbox[1], before.outbox[2]],
    });

    // Down to where it started: 0017 is undone, with any migration after it.
    expect((await migrator.migrateTo('0016_dashboard_console')).error).toBeUndefined();
    expect(await read()).toEqual(before);
  });
});
