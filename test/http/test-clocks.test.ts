// Sandbox test clocks over the API, on both stores: trades made on a clock live in its time, and
// only its merchant makes them (the trade service checks, whoever calls it);
// advancing it runs what falls due (a 10-day automatic confirmation in a second, an unpaid
// timeout); real time leaves them alone; operators advance any clock from the console; production
// refuses clocks.

import { describe, expect, it } from 'vitest';
import { TimeOrderedIds } from '../../src/platform/ids.js';
import { TestClockService } from '../../src/trades/index.js';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

describe.each(storeKinds)('test clocks on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);
  const call = apiCaller(fixtureOf);
  let key: string;
  let otherKey: string;
  let merchant: string;
  let otherMerchant: string;
  let buyer: string;
  let clockId: string;

  it('makes a clock, and trades on it live in its time', async () => {
    const signUp = async (email: string) => {
      await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
      return (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
    };
    const owner = await signUp('owner@clocks.example');
    merchant = (await call('POST', '/v1/merchants', owner, { name: 'Clock Shop' })).body.id;
    key = (await call('POST', `/v1/merchants/${merchant}/api_keys`, owner, {})).body.secret;
    const other = await signUp('other@clocks.example');
    otherMerchant = (await call('POST', '/v1/merchants', other, { name: 'Other' })).body.id;
    otherKey = (await call('POST', `/v1/merchants/${otherMerchant}/api_keys`, other, {})).body.secret;
    buyer = await signUp('buyer@clocks.example');
    await call('POST', '/v1/me/pin', buyer, { pin: '123456', password: 'long enough' });
    const card = (await call('POST', '/v1/cards', buyer, { number: '4242424242424242' })).body.id;
    await call('POST', '/v1/topups', buyer, { card, amount: '500.00', currency: 'CNY' });

    const created = await call('POST', '/v1/test_clocks', key, { name: 'Auto-confirm', frozen_time: '2030-06-01T00:00:00.000Z' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'test_clock', name: 'Auto-confirm', frozen_time: '2030-06-01T00:00:00.000Z', merchant });
    clockId = created.body.id;
    expect((await call('GET', `/v1/test_clocks/${clockId}`, otherKey)).body.error.code).toBe('test_clock_not_found');
    expect((await call('POST', '/v1/trades', otherKey, { kind: 'escrow', out_trade_no: 'x', subject: 'x', amount: '1.00', currency: 'CNY', test_clock: clockId })).body.error).toMatchObject({ code: 'test_clock_not_found', param: 'test_clock' });
    const trade = await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'clock-1', subject: 'Teapot', amount: '40.00', currency: 'CNY', test_clock: clockId });
    expect(trade.body).toMatchObject({ test_clock: clockId, created_at: '2030-06-01T00:00:00.000Z', pay_deadline: '2030-06-02T00:00:00.000Z' });
    // The same out_trade_no answers the trade only on the same clock: on real time it is another trade's number.
    expect((await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'clock-1', subject: 'Teapot', amount: '40.00', currency: 'CNY', test_clock: clockId })).body.id).toBe(trade.body.id);
    expect((await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'clock-1', subject: 'Teapot', amount: '40.00', currency: 'CNY' })).body.error).toMatchObject({ code: 'out_trade_no_taken' });
  });

  it('confirms a shipped trade itself when the clock passes ten days, and closes an unpaid one at its timeout', async () => {
    const trade = (await call('GET', '/v1/trades?limit=1', key)).body.data[0].id as string;
    await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin: '123456' });
    const shipped = await call('POST', `/v1/trades/${trade}/ship`, key, { carrier: 'SF', tracking_number: 'C1' });
    expect(shipped.body.confirm_deadline).toBe('2030-06-11T00:00:00.000Z');
    const unpaid = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'clock-2', subject: 'Cake', amount: '5.00', currency: 'CNY', timeout_express: '15m', test_clock: clockId })).body.id;
    // Real time does not move trades on a clock, however far it goes.
    fixtureOf().clock.advanceSeconds(40 * 86_400);
    await fixtureOf().app.services.trades.runDue(async (id) => (await fixtureOf().app.services.merchants.findMerchant(id))!);
    expect((await call('GET', `/v1/trades/${trade}`, key)).body.status).toBe('WAIT_BUYER_CONFIRM_GOODS');
    expect((await call('POST', `/v1/test_clocks/${clockId}/advance`, key, { frozen_time: '2030-05-01T00:00:00.000Z' })).body.error.code).toBe('test_clock_time_invalid');
    expect((await call('POST', `/v1/test_clocks/${clockId}/advance`, key, { frozen_time: '2030-06-05T00:00:00.000Z', days: 1 })).body.error.code).toBe('parameter_invalid');
    const first = await call('POST', `/v1/test_clocks/${clockId}/advance`, key, { seconds: 901 });
    expect(first.body).toMatchObject({ frozen_time: '2030-06-01T00:15:01.000Z', trades_moved: 1 });
    expect((await call('GET', `/v1/trades/${unpaid}`, key)).body.status).toBe('TRADE_CLOSED');
    const later = await call('POST', `/v1/test_clocks/${clockId}/advance`, key, { days: 10 });
    expect(later.body.trades_moved).toBe(1);
    const done = await call('GET', `/v1/trades/${trade}`, key);
    expect(done.body).toMatchObject({ status: 'TRADE_FINISHED', released_amount: '40.00', fee_amount: '0.24' });
    const timeline = (await call('GET', `/v1/trades/${trade}/events`, key)).body.data;
    expect(timeline.at(-1)).toMatchObject({ type: 'confirmed', actor: 'system', created_at: '2030-06-11T00:15:01.000Z' });
  });

  it('lets operators see and advance every clock from the console, by role', async () => {
    const signIn = async (role: 'support' | 'finance') => {
      await fixtureOf().app.services.operators.createOperator(`${role}@zhifu.example`, 'a long operator password', role);
      return (await call('POST', '/v1/operator/sessions', undefined, { email: `${role}@zhifu.example`, password: 'a long operator password' })).body.token as string;
    };
    const support = await signIn('support');
    const finance = await signIn('finance');
    expect((await call('GET', '/v1/test_clocks', support)).body.data.map((clock: { id: string }) => clock.id)).toContain(clockId);
    expect((await call('POST', `/v1/test_clocks/${clockId}/advance`, support, { days: 1 })).body).toMatchObject({ id: clockId, frozen_time: '2030-06-12T00:15:01.000Z' });
    expect((await call('POST', `/v1/test_clocks/${clockId}/advance`, finance, { days: 1 })).body.error.code).toBe('permission_denied');
    expect((await call('GET', '/v1/test_clocks')).status).toBe(401);
  });

  it("refuses a trade on another merchant's clock in the trade service itself, whoever calls it", async () => {
    const { merchants, testClocks, trades } = fixtureOf().app.services;
    const thief = (await merchants.findMerchant(otherMerchant))!;
    const operatorClock = await testClocks.create(null, 'Operators');
    expect(operatorClock.ok).toBe(true);
    const operatorClockId = operatorClock.ok ? operatorClock.value.id : '';
    const newTrade = (outTradeNo: string, testClockId: string) => ({ kind: 'direct' as const, outTradeNo, subject: 'On a clock', amount: 100n, testClockId });
    // Another merchant's clock, an operator's clock and a clock that does not exist answer alike, and make nothing.
    for (const [outTradeNo, testClockId] of [['steal-1', clockId], ['steal-2', operatorClockId], ['steal-3', 'clock_nothing']] as const) {
      expect(await trades.createTrade(thief, { type: 'platform' }, newTrade(outTradeNo, testClockId))).toEqual({ ok: false, code: 'test_clock_not_found' });
      expect(await trades.findByOutTradeNo(otherMerchant, outTradeNo)).toBeUndefined();
    }
    // Over HTTP the answer is as before: 404 test_clock_not_found on the test_clock field.
    expect((await call('POST', '/v1/trades', otherKey, { kind: 'direct', out_trade_no: 'steal-4', subject: 'x', amount: '1.00', currency: 'CNY', test_clock: operatorClockId })).body.error).toMatchObject({ code: 'test_clock_not_found', param: 'test_clock' });
    expect((await call('POST', '/v1/trades', otherKey, { kind: 'direct', out_trade_no: 'steal-5', subject: 'x', amount: '1.00', currency: 'CNY', test_clock: 'clock_nothing' })).status).toBe(404);
    // The clock's own merchant makes trades on it through the service, in its time.
    const own = await trades.createTrade((await merchants.findMerchant(merchant))!, { type: 'platform' }, newTrade('own-1', clockId));
    const frozenTime = Number((await testClocks.find(clockId, merchant))!.frozen_time);
    expect(own).toMatchObject({ ok: true, value: { test_clock_id: clockId, created_at: frozenTime } });
  });

  it('refuses clocks in production', async () => {
    const production = new TestClockService(fixtureOf().platform, fixtureOf().app.services.trades, fixtureOf().clock, new TimeOrderedIds(fixtureOf().clock), false);
    expect(await production.create(null, 'nope')).toEqual({ ok: false, code: 'test_clocks_unavailable' });
  });
});
