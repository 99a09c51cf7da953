// The operators' view of trades, on both stores: the trades on a test clock move as an operator
// advances it; one trade comes with its merchant, timeline and dispute; roles and cursors hold.

import { describe, expect, it } from 'vitest';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

describe.each(storeKinds)('operator trades on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);
  const call = apiCaller(fixtureOf);
  let key: string;
  let buyer: string;
  let clockId: string;
  let admin: string;
  let finance: string;
  const tradeIds: string[] = [];

  const operator = async (role: 'admin' | 'finance') => {
    await fixtureOf().app.services.operators.createOperator(`${role}@zhifu.example`, 'a long operator password', role);
    return (await call('POST', '/v1/operator/sessions', undefined, { email: `${role}@zhifu.example`, password: 'a long operator password' })).body.token as string;
  };

  it('lists the trades on a clock, newest first, by status, page by page', async () => {
    const signUp = async (email: string) => {
      await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
      return (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
    };
    const owner = await signUp('owner@clock-trades.example');
    const merchant = (await call('POST', '/v1/merchants', owner, { name: 'Clock Trades' })).body.id;
    key = (await call('POST', `/v1/merchants/${merchant}/api_keys`, owner, {})).body.secret;
    buyer = await signUp('buyer@clock-trades.example');
    await call('POST', '/v1/me/pin', buyer, { pin: '123456', password: 'long enough' });
    const card = (await call('POST', '/v1/cards', buyer, { number: '4242424242424242' })).body.id;
    await call('POST', '/v1/topups', buyer, { card, amount: '100.00', currency: 'CNY' });
    admin = await operator('admin');
    finance = await operator('finance');
    clockId = (await call('POST', '/v1/test_clocks', key, { name: 'Watched', frozen_time: '2031-01-01T00:00:00.000Z' })).body.id;
    for (const number of [1, 2, 3]) {
      const trade = await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: `watched-${number}`, subject: `Tea ${number}`, amount: '10.00', currency: 'CNY', buyer: 'buyer@clock-trades.example', test_clock: clockId });
      tradeIds.push(trade.body.id);
    }
    // A trade off the clock is not listed.
    await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'off-clock', subject: 'Elsewhere', amount: '1.00', currency: 'CNY' });

    const all = await call('GET', `/v1/operator/trades?test_clock=${clockId}`, admin);
    expect(all.status).toBe(200);
    expect(all.body.data.map((trade: { out_trade_no: string }) => trade.out_trade_no).sort()).toEqual(['watched-1', 'watched-2', 'watched-3']);
    expect(all.body.data[0]).toMatchObject({ object: 'trade', amount: '10.00', currency: 'CNY', status: 'WAIT_BUYER_PAY', test_clock: clockId });
    const first = await call('GET', `/v1/operator/trades?test_clock=${clockId}&limit=2`, admin);
    expect(first.body.has_more).toBe(true);
    const rest = await call('GET', `/v1/operator/trades?test_clock=${clockId}&limit=2&starting_after=${first.body.data[1].id}`, admin);
    expect([...first.body.data, ...rest.body.data].map((trade: { id: string }) => trade.id).sort()).toEqual([...tradeIds].sort());
    expect(rest.body.has_more).toBe(false);
    expect((await call('GET', `/v1/operator/trades?test_clock=${clockId}&status=TRADE_FINISHED`, admin)).body.data).toEqual([]);
    expect((await call('GET', `/v1/operator/trades?test_clock=${clockId}&starting_after=trd_elsewhere`, admin)).body.error.code).toBe('cursor_invalid');
    expect((await call('GET', '/v1/operator/trades?test_clock=clock_nope', admin)).body.error).toMatchObject({ code: 'test_clock_not_found', param: 'test_clock' });
  });

  it('shows trades moving when the operator advances the clock', async () => {
    const [paid] = tradeIds;
    await call('POST', `/v1/orders/${paid}/pay`, buyer, { pin: '123456' });
    await call('POST', `/v1/trades/${paid}/ship`, key, { carrier: 'SF', tracking_number: 'W1' });
    const advanced = await call('POST', `/v1/test_clocks/${clockId}/advance`, admin, { days: 11 });
    expect(advanced.body.trades_moved).toBe(3);
    const finished = await call('GET', `/v1/operator/trades?test_clock=${clockId}&status=TRADE_FINISHED`, admin);
    expect(finished.body.data.map((trade: { id: string }) => trade.id)).toEqual([paid]);
    expect(finished.body.data[0]).toMatchObject({ released_amount: '10.00', fee_amount: '0.06' });
    expect((await call('GET', `/v1/operator/trades?test_clock=${clockId}&status=TRADE_CLOSED`, admin)).body.data).toHaveLength(2);
  });

  it('gives one trade with its merchant, timeline and dispute', async () => {
    const trade = (await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'disputed', subject: 'Cracked cup', amount: '20.00', currency: 'CNY', buyer: 'buyer@clock-trades.example' })).body.id;
    const plain = await call('GET', `/v1/operator/trades/${trade}`, admin);
    expect(plain.body).toMatchObject({ id: trade, merchant_name: 'Clock Trades', dispute: null, status: 'WAIT_BUYER_PAY' });
    expect(plain.body.events).toMatchObject([{ type: 'created', actor: 'merchant', data: { amount: '20.00', currency: 'CNY' } }]);
    await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin: '123456' });
    await call('POST', `/v1/orders/${trade}/dispute`, buyer, { reason: 'The cup arrived cracked.' });
    const disputed = await call('GET', `/v1/operator/trades/${trade}`, admin);
    expect(disputed.body).toMatchObject({ held_amount: '20.00', dispute_status: 'open', dispute: { object: 'dispute', status: 'open', reason: 'The cup arrived cracked.', trade } });
    // The timeline names the operator who decided, and the merchant's key that made the trade.
    const decided = await call('POST', `/v1/operator/disputes/${disputed.body.dispute.id}/decide`, admin, { refund_amount: '20.00', currency: 'CNY' });
    expect(decided.status).toBe(200);
    const events = (await call('GET', `/v1/operator/trades/${trade}`, admin)).body.events;
    expect(events.map((event: { type: string }) => event.type)).toEqual(['created', 'paid', 'dispute_opened', 'dispute_decided']);
    expect(events[0].acted_by).toMatchObject({ type: 'api_key', id: expect.stringMatching(/^key_/), label: expect.stringMatching(/^sk_/) });
    expect(events[1].acted_by).toBeNull();
    expect(events[2].acted_by).toBeNull();
    expect(events[3].acted_by).toEqual({ type: 'operator', id: expect.stringMatching(/^op_/), label: 'admin@zhifu.example' });
    // The decision is in the operators' log with its refund.
    expect((await call('GET', `/v1/operator/actions?target=${disputed.body.dispute.id}`, admin)).body.data).toMatchObject([
      { action: 'dispute.decide', operator_email: 'admin@zhifu.example', target: { type: 'dispute', id: disputed.body.dispute.id }, details: { refund_amount: '20.00', currency: 'CNY' } },
    ]);
    // The merchant sees that an operator decided, not which one.
    const forMerchant = (await call('GET', `/v1/trades/${trade}/events`, key)).body.data;
    expect(forMerchant.at(-1)).toMatchObject({ type: 'dispute_decided', actor: 'operator', acted_by: null });
    expect((await call('GET', '/v1/operator/trades/trd_nope', admin)).body.error).toMatchObject({ code: 'trade_not_found', param: 'trade' });
  });

  it('answers only operators whose role allows it', async () => {
    expect((await call('GET', `/v1/operator/trades?test_clock=${clockId}`, finance)).body.error.code).toBe('permission_denied');
    expect((await call('GET', `/v1/operator/trades/${tradeIds[0]}`, finance)).body.error.code).toBe('permission_denied');
    expect((await call('GET', `/v1/operator/trades?test_clock=${clockId}`, key)).status).toBe(401);
    expect((await call('GET', `/v1/operator/trades?test_clock=${clockId}`)).status).toBe(401);
    expect((await call('GET', '/v1/operator/trades', admin)).body.error).toMatchObject({ code: 'parameter_missing', param: 'test_clock' });
  });
});
