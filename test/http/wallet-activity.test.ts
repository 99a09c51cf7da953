// A consumer's activity with trades, over the API on both stores: payments to merchants (escrow
// holds and direct payments) and the money that came back (refunds, held money given back, a
// dispute's refund) beside the wallet's own movements, each naming the merchant and the trade; by
// type and day, by cursor across both sources, only the user's own; and month statements whose
// totals are the ledger's change of the available balance.

import { describe, expect, it } from 'vitest';
import { formatAmount } from '../../src/money/index.js';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

interface Listed {
  readonly id: string;
  readonly type: string;
  readonly amount: string;
  readonly created_at: string;
  readonly trade: { readonly id: string; readonly subject: string; readonly merchant_name: string } | null;
}

describe.each(storeKinds)('wallet activity with trades on %s', (kind) => {
  // 23:00 on 31 March in China Standard Time: the statements' months change an hour later.
  const fixtureOf = useHttpFixture(kind, new Date('2026-03-31T15:00:00.000Z'));
  const call = apiCaller(fixtureOf);
  const pin = '123456';
  let key: string;
  let merchant: string;
  let buyer: string;
  let buyerId: string;
  let stranger: string;

  const signUp = async (email: string) => {
    const created = await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
    const token = (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
    await call('POST', '/v1/me/pin', token, { pin, password: 'long enough' });
    return { id: created.body.id as string, token };
  };
  const topUp = async (token: string, amount: string) => {
    const card = (await call('POST', '/v1/cards', token, { number: '4242424242424242' })).body.id as string;
    expect((await call('POST', '/v1/topups', token, { card, amount, currency: 'CNY' })).body.status).toBe('succeeded');
  };
  const sell = async (tradeKind: 'escrow' | 'direct', outTradeNo: string, subject: string, amount: string, extra: Record<string, unknown> = {}) => {
    const created = await call('POST', '/v1/trades', key, { kind: tradeKind, out_trade_no: outTradeNo, subject, amount, currency: 'CNY', ...extra });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const pay = async (trade: string) => expect((await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin })).status).toBe(200);
  const list = async (query = '', token = buyer): Promise<{ data: Listed[]; has_more: boolean }> => {
    const answer = await call('GET', `/v1/transactions${query}`, token);
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const summary = (data: readonly Listed[]) => data.map((entry) => [entry.type, entry.amount, entry.trade?.subject ?? null]);
  const available = async () => (await call('GET', '/v1/me', buyer)).body.balance as { available: string; pending: string };

  it('sets up a shop, a buyer with 500.00 and a stranger', async () => {
    const owner = await signUp('owner@activity.example');
    merchant = (await call('POST', '/v1/merchants', owner.token, { name: 'Tea House' })).body.id;
    key = (await call('POST', `/v1/merchants/${merchant}/api_keys`, owner.token, {})).body.secret;
    ({ id: buyerId, token: buyer } = await signUp('buyer@activity.example'));
    await topUp(buyer, '500.00');
    stranger = (await signUp('stranger@activity.example')).token;
    await topUp(stranger, '100.00');
  });

  it('lists a direct payment and its refund, naming the merchant and the trade', async () => {
    const trade = await sell('direct', 'direct-1', 'Oolong tin', '100.00');
    await pay(trade);
    expect((await call('POST', `/v1/trades/${trade}/refunds`, key, { amount: '30.00', currency: 'CNY', out_request_no: 'r-1' })).status).toBe(201);
    const { data } = await list();
    expect(summary(data)).toEqual([
      ['trade_refund', '30.00', 'Oolong tin'],
      ['trade_payment', '-100.00', 'Oolong tin'],
      ['top_up', '500.00', null],
    ]);
    expect(data[1]).toEqual({
      id: expect.stringMatching(/^ltr_\d+$/),
      object: 'transaction',
      type: 'trade_payment',
      amount: '-100.00',
      currency: 'CNY',
      status: 'succeeded',
      failure_code: null,
      counterparty: merchant,
      card: null,
      note: null,
      trade: { id: trade, subject: 'Oolong tin', merchant_name: 'Tea House' },
      created_at: expect.any(String),
    });
    expect(data[2]).toMatchObject({ trade: null, counterparty: null });
    expect(await available()).toMatchObject({ available: '430.00', pending: '0.00' });
  });

  it('shows an escrow payment when it is held, nothing when it is released, and every return of held money', async () => {
    // Held: out of what the buyer can spend at once.
    const teaSet = await sell('escrow', 'escrow-1', 'Tea set', '80.00', { items: [{ name: 'Pot', amount: '50.00' }, { name: 'Cups', amount: '30.00' }] });
    await pay(teaSet);
    expect(summary((await list('?limit=1')).data)).toEqual([['trade_payment', '-80.00', 'Tea set']]);
    expect(await available()).toMatchObject({ available: '350.00', pending: '80.00' });
    // Releasing the pot posts 50.00 of the hold and holds the 30.00 left again: nothing the buyer sees changes.
    await call('POST', `/v1/trades/${teaSet}/ship`, key, { carrier: 'SF', tracking_number: 'SF1' });
    expect((await call('POST', `/v1/orders/${teaSet}/confirm`, buyer, { pin, items: [0] })).status).toBe(200);
    expect(summary((await list('?limit=1')).data)).toEqual([['trade_payment', '-80.00', 'Tea set']]);
    // A refund of 40.00: the 30.00 still held comes back and 10.00 from the shop's balance, one movement.
    expect((await call('POST', `/v1/trades/${teaSet}/refunds`, key, { amount: '40.00', currency: 'CNY', out_request_no: 'r-2' })).body).toMatchObject({ from_hold: '30.00', from_balance: '10.00' });
    // A trade refunded whole while held closes, and the held money comes back.
    const vase = await sell('escrow', 'escrow-2', 'Vase', '25.00');
    await pay(vase);
    await call('POST', `/v1/trades/${vase}/refunds`, key, { amount: '25.00', currency: 'CNY', out_request_no: 'r-3' });
    expect((await call('GET', `/v1/trades/${vase}`, key)).body.status).toBe('TRADE_CLOSED');
    // A dispute decided with 20.00 of 60.00 back to the buyer.
    const teapot = await sell('escrow', 'escrow-3', 'Teapot', '60.00');
    await pay(teapot);
    await call('POST', `/v1/orders/${teapot}/dispute`, buyer, { reason: 'The lid is cracked' });
    await fixtureOf().app.services.operators.createOperator('risk@activity.example', 'a long operator password', 'risk');
    const risk = (await call('POST', '/v1/operator/sessions', undefined, { email: 'risk@activity.example', password: 'a long operator password' })).body.token as string;
    const dispute = (await call('GET', `/v1/orders/${teapot}/dispute`, buyer)).body.id as string;
    expect((await call('POST', `/v1/operator/disputes/${dispute}/decide`, risk, { refund_amount: '20.00', currency: 'CNY' })).status).toBe(200);

    expect(summary((await list('?limit=7')).data)).toEqual([
      ['trade_refund', '20.00', 'Teapot'],
      ['trade_payment', '-60.00', 'Teapot'],
      ['trade_refund', '25.00', 'Vase'],
      ['trade_payment', '-25.00', 'Vase'],
      ['trade_refund', '40.00', 'Tea set'],
      ['trade_payment', '-80.00', 'Tea set'],
      ['trade_refund', '30.00', 'Oolong tin'],
    ]);
    expect(await available()).toMatchObject({ available: '350.00', pending: '0.00' });
  });

  it("dates a trade on a test clock when its money moved, not in the clock's time", async () => {
    const clock = (await call('POST', '/v1/test_clocks', key, { name: 'Far ahead', frozen_time: '2030-06-01T00:00:00.000Z' })).body.id as string;
    const cake = await sell('direct', 'clock-1', 'Clock cake', '5.00', { test_clock: clock });
    await pay(cake);
    const paidAt = fixtureOf().clock.now().toISOString();
    expect((await call('GET', `/v1/orders/${cake}`, buyer)).body.paid_at).toBe('2030-06-01T00:00:00.000Z');
    const [latest] = (await list('?limit=1')).data;
    expect(latest).toMatchObject({ type: 'trade_payment', amount: '-5.00', trade: { id: cake }, created_at: paidAt });
  });

  it('filters by type and by day, pages through both sources by cursor, and shows only your own', async () => {
    // A top-up and a payment in one millisecond: the ledger's movement comes first, then the record.
    fixtureOf().clock.advanceSeconds(1);
    const same = await sell('direct', 'same-ms', 'Same instant', '1.00');
    const card = (await call('GET', '/v1/cards', buyer)).body.data[0].id as string;
    const inject = (url: string, body: unknown) => fixtureOf().app.fastify.inject({ method: 'POST', url, headers: { authorization: `Bearer ${buyer}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    fixtureOf().clock.advanceSeconds(1);
    expect((await inject('/v1/topups', { card, amount: '2.00', currency: 'CNY' })).statusCode).toBe(201);
    expect((await inject(`/v1/orders/${same}/pay`, { pin })).statusCode).toBe(200);
    const all = (await list('?limit=100')).data;
    expect(summary(all.slice(0, 2))).toEqual([
      ['trade_payment', '-1.00', 'Same instant'],
      ['top_up', '2.00', null],
    ]);
    expect(all[0]!.created_at).toBe(all[1]!.created_at);
    expect(all.map((entry) => entry.type)).toEqual(expect.arrayContaining(['top_up', 'trade_payment', 'trade_refund']));

    // Every page size walks the same list: the cursor works whichever source its id is from.
    for (const [limit, filter] of [[1, ''], [2, ''], [3, ''], [1, '&type=trade_refund,top_up'], [2, '&type=trade_payment']] as const) {
      const expected = filter === '' ? all : all.filter((entry) => filter.slice(6).split(',').includes(entry.type));
      const seen: Listed[] = [];
      let after = '';
      for (let pages = 0; pages < 40; pages++) {
        const page = await list(`?limit=${limit}${filter}${after === '' ? '' : `&starting_after=${after}`}`);
        seen.push(...page.data);
        if (!page.has_more) break;
        after = page.data.at(-1)!.id;
      }
      expect(seen.map((entry) => entry.id)).toEqual(expected.map((entry) => entry.id));
    }
    expect((await list('?type=trade_payment&limit=100')).data.every((entry) => entry.type === 'trade_payment')).toBe(true);
    expect(summary((await list('?type=trade_refund&limit=100')).data).map(([, amount]) => amount)).toEqual(['20.00', '25.00', '40.00', '30.00']);

    // By day: the second the Vase was paid, and nothing else.
    const vasePayment = all.find((entry) => entry.type === 'trade_payment' && entry.trade?.subject === 'Vase')!;
    const next = new Date(Date.parse(vasePayment.created_at) + 1).toISOString();
    expect(summary((await list(`?created_gte=${vasePayment.created_at}&created_lt=${next}`)).data)).toEqual([['trade_payment', '-25.00', 'Vase']]);

    // Nobody else sees them, nor pages after them; an id that is no movement of yours is refused.
    expect((await list('?limit=100', stranger)).data.map((entry) => entry.type)).toEqual(['top_up']);
    const refused = async (after: string, token = buyer) => (await call('GET', `/v1/transactions?starting_after=${after}`, token)).body.error;
    expect(await refused(vasePayment.id, stranger)).toMatchObject({ code: 'cursor_invalid', param: 'starting_after' });
    expect(await refused('ltr_123')).toMatchObject({ code: 'cursor_invalid' });
    expect(await refused('ltr_x')).toMatchObject({ code: 'cursor_invalid' });
    const topUpTransfer = (await fixtureOf().platform.db.selectFrom('wallet_transfers').select('ledger_transfer_id').where('user_id', '=', buyerId).where('kind', '=', 'top_up').executeTakeFirstOrThrow()).ledger_transfer_id!;
    expect(await refused(`ltr_${topUpTransfer}`)).toMatchObject({ code: 'cursor_invalid' });
  });

  it("gives month statements whose totals are the ledger's change of the available balance", async () => {
    // Paid in March; in April part of it comes back from the hold, the rest is released, and a top-up.
    const scroll = await sell('escrow', 'escrow-4', 'Scroll', '120.00');
    await pay(scroll);
    fixtureOf().clock.advanceSeconds(60 * 60);
    await call('POST', `/v1/trades/${scroll}/ship`, key, { carrier: 'SF', tracking_number: 'SF4' });
    await call('POST', `/v1/trades/${scroll}/refunds`, key, { amount: '20.00', currency: 'CNY', out_request_no: 'r-4' });
    expect((await call('POST', `/v1/orders/${scroll}/confirm`, buyer, { pin })).status).toBe(200);
    await topUp(buyer, '10.00');

    const accountId = BigInt((await fixtureOf().platform.db.selectFrom('users').select('balance_account_id').where('id', '=', buyerId).executeTakeFirstOrThrow()).balance_account_id);
    const availableAt = async (nanoseconds: bigint) => {
      const [latest] = await fixtureOf().ledger.getAccountBalances({ accountId, timestampMin: 0n, timestampMax: nanoseconds, limit: 1, debits: true, credits: true, reversed: true });
      return latest === undefined ? 0n : latest.creditsPosted - latest.debitsPosted - latest.debitsPending;
    };
    const fen = (amount: string) => BigInt(amount.replace('.', ''));
    const statement = async (month: string) => {
      const response = await fixtureOf().app.fastify.inject({ method: 'GET', url: `/v1/statements/${month}.csv`, headers: { authorization: `Bearer ${buyer}` } });
      expect(response.statusCode).toBe(200);
      const lines = response.body.trimEnd().split('\r\n').map((line) => line.split(','));
      const header = lines.findIndex((fields) => fields[0] === 'date');
      const blank = lines.findIndex((fields, index) => index > header && fields.length === 1 && fields[0] === '');
      const value = (name: string) => lines.find((fields) => fields[0] === name)![1]!;
      expect(lines[header]).toEqual(['date', 'id', 'type', 'amount', 'currency', 'counterparty', 'merchant_name', 'trade', 'subject', 'note', 'status']);
      return { rows: lines.slice(header + 1, blank), value };
    };
    const start = (month: string) => BigInt(Date.parse(`${month}-01T00:00:00+08:00`)) * 1_000_000n;

    for (const [month, next] of [['2026-03', '2026-04'], ['2026-04', '2026-05']] as const) {
      const { rows, value } = await statement(month);
      const opening = await availableAt(start(month) - 1n);
      const closing = await availableAt(start(next) - 1n);
      expect(fen(value('opening_balance'))).toBe(opening);
      expect(fen(value('closing_balance'))).toBe(closing);
      // The rows add up to the net, the totals per type to the net, and the net is the ledger's change.
      const net = fen(value('net'));
      expect(rows.reduce((sum, fields) => sum + fen(fields[3]!), 0n)).toBe(net);
      const types = ['top_up', 'withdrawal', 'transfer_in', 'transfer_out', 'trade_payment', 'trade_refund'];
      expect(types.reduce((sum, type) => sum + fen(value(`total_${type}`)), 0n)).toBe(net);
      expect(net).toBe(closing - opening);
      if (month === '2026-03') {
        expect(rows.filter((fields) => fields[2] === 'trade_payment').map((fields) => [fields[3], fields[5], fields[6], fields[8]])).toContainEqual(['-5.00', merchant, 'Tea House', 'Clock cake']);
        expect([value('total_top_up'), value('total_trade_payment'), value('total_trade_refund')]).toEqual(['502.00', '-391.00', '115.00']);
        expect(opening).toBe(0n);
      } else {
        expect(rows.map((fields) => [fields[2], fields[3], fields[8]])).toEqual([
          ['trade_refund', '20.00', 'Scroll'],
          ['top_up', '10.00', ''],
        ]);
        expect(value('net')).toBe('30.00');
        expect(formatAmount(closing, 'CNY')).toBe((await available()).available);
      }
    }
  });
});

