// The merchant dashboard's API on both stores: members act for their merchant with their session
// and Zhifu-Merchant (bearer or cookie), with the scopes of their role and nothing of other
// merchants; the merchants a user belongs to; trade filters; and the daily report, whose sums are
// those of the trades made here.

import { describe, expect, it } from 'vitest';
import { apiCaller, apiRequester, storeKinds, useHttpFixture, type ApiAnswer } from '../support/http-fixture.js';

const hour = 60 * 60;

describe.each(storeKinds)('the merchant dashboard API on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);
  const call = apiCaller(fixtureOf);
  const send = apiRequester(fixtureOf);
  /** A call as a member acting for `merchant`, with the session as a bearer token. */
  const asMember = (method: 'GET' | 'POST', url: string, token: string, merchant: string, body?: unknown) => send(method, url, { token, headers: { 'zhifu-merchant': merchant }, ...(body === undefined ? {} : { body }) });
  const signUp = async (email: string, topUp?: string) => {
    await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
    const token = (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
    if (topUp !== undefined) {
      await call('POST', '/v1/me/pin', token, { pin: '123456', password: 'long enough' });
      const card = (await call('POST', '/v1/cards', token, { number: '4242424242424242' })).body.id;
      expect((await call('POST', '/v1/topups', token, { card, amount: topUp, currency: 'CNY' })).status).toBe(201);
    }
    return token;
  };
  const tradesOf = async (merchant: string, token: string) => ((await asMember('GET', '/v1/trades?limit=100', token, merchant)).body.data as { id: string }[]).map((trade) => trade.id);

  let owner: string;
  let developer: string;
  let viewer: string;
  let otherOwner: string;
  let buyer: string;
  let shop: string;
  let otherShop: string;
  let key: string;
  let keyInfo: { id: string; prefix: string };

  it('sets up two merchants, members of each role and a buyer', async () => {
    owner = await signUp('owner@dash.example');
    developer = await signUp('dev@dash.example');
    viewer = await signUp('viewer@dash.example');
    otherOwner = await signUp('other@dash.example');
    buyer = await signUp('buyer@dash.example', '1000.00');
    shop = (await call('POST', '/v1/merchants', owner, { name: 'Tea Shop' })).body.id;
    otherShop = (await call('POST', '/v1/merchants', otherOwner, { name: 'Other Shop' })).body.id;
    await call('POST', `/v1/merchants/${shop}/members`, owner, { user: 'dev@dash.example', role: 'developer' });
    await call('POST', `/v1/merchants/${shop}/members`, owner, { user: 'viewer@dash.example', role: 'viewer' });
    const created = (await call('POST', `/v1/merchants/${shop}/api_keys`, owner, {})).body;
    key = created.secret;
    keyInfo = { id: created.id, prefix: created.prefix };
  });

  it('lets a member act for the merchant with the session and Zhifu-Merchant, and stay the signed-in user', async () => {
    expect((await asMember('GET', '/v1/merchant', owner, shop)).body).toMatchObject({ id: shop, object: 'merchant', name: 'Tea Shop' });
    expect((await asMember('GET', '/v1/me', owner, shop)).body).toMatchObject({ object: 'user', email: 'owner@dash.example' });
    const created = await asMember('POST', '/v1/trades', owner, shop, { kind: 'direct', out_trade_no: 'member-1', subject: 'Green tea', amount: '10.00', currency: 'CNY' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ merchant: shop, status: 'WAIT_BUYER_PAY' });
    // The merchant's own key sees what the member made.
    expect((await call('GET', `/v1/trades/${created.body.id}`, key)).body.id).toBe(created.body.id);
    const events = await asMember('GET', `/v1/trades/${created.body.id}/events`, owner, shop);
    expect(events.body.data[0]).toMatchObject({ type: 'created', actor: 'merchant' });
  });

  it('takes the session from the cookie as well', async () => {
    const withCookie = await send('GET', '/v1/trades', { headers: { cookie: `zhifu_session=${developer}`, 'zhifu-merchant': shop } });
    expect(withCookie.status).toBe(200);
    expect(withCookie.body.data.map((trade: { out_trade_no: string }) => trade.out_trade_no)).toEqual(['member-1']);
    const otherWithCookie = await send('GET', '/v1/trades', { headers: { cookie: `zhifu_session=${developer}`, 'zhifu-merchant': otherShop } });
    expect(otherWithCookie.body.error).toMatchObject({ code: 'merchant_not_found', param: 'Zhifu-Merchant' });
  });

  it("gives a member of one merchant nothing of another, nor of a merchant that does not exist, and changes nothing", async () => {
    const otherTrades = await tradesOf(otherShop, otherOwner);
    const refused: ApiAnswer[] = [
      await asMember('GET', '/v1/merchant', owner, otherShop),
      await asMember('GET', '/v1/trades', owner, otherShop),
      await asMember('POST', '/v1/trades', owner, otherShop, { kind: 'direct', out_trade_no: 'intruder', subject: 'x', amount: '1.00', currency: 'CNY' }),
      await asMember('GET', '/v1/reports/daily', owner, otherShop),
      await asMember('GET', '/v1/merchant', owner, 'mch_does_not_exist'),
      await asMember('GET', '/v1/merchant', owner, ''),
      await asMember('GET', '/v1/merchant', owner, 'x'.repeat(300)),
    ];
    for (const answer of refused) {
      expect(answer.status).toBe(404);
      expect(answer.body.error).toMatchObject({ type: 'invalid_request_error', code: 'merchant_not_found', param: 'Zhifu-Merchant' });
    }
    expect(await tradesOf(otherShop, otherOwner)).toEqual(otherTrades);
    // The header needs a user's session: not an API key, not nothing, not an unknown token.
    expect((await send('GET', '/v1/merchant', { token: key, headers: { 'zhifu-merchant': shop } })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'Zhifu-Merchant' });
    expect((await send('GET', '/v1/merchant', { headers: { 'zhifu-merchant': shop } })).body.error.code).toBe('authentication_required');
    expect((await send('GET', '/v1/merchant', { token: 'zs_not_a_session', headers: { 'zhifu-merchant': shop } })).body.error.code).toBe('authentication_required');
    // Without the header a session is no merchant.
    expect((await call('GET', '/v1/merchant', owner)).body.error).toMatchObject({ code: 'authentication_required', message: expect.stringContaining('Zhifu-Merchant') });
  });

  it("gives each role its scopes: a viewer reads but cannot refund or sell, a developer cannot pay out", async () => {
    const trade = (await asMember('POST', '/v1/trades', developer, shop, { kind: 'direct', out_trade_no: 'roles-1', subject: 'Oolong', amount: '50.00', currency: 'CNY' })).body.id as string;
    expect((await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin: '123456' })).body.status).toBe('TRADE_SUCCESS');
    expect((await asMember('GET', `/v1/trades/${trade}`, viewer, shop)).body.status).toBe('TRADE_SUCCESS');
    const refund = { amount: '5.00', currency: 'CNY', out_request_no: 'viewer-refund' };
    const denied = await asMember('POST', `/v1/trades/${trade}/refunds`, viewer, shop, refund);
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ type: 'permission_error', code: 'permission_denied', message: expect.stringContaining('viewer') });
    expect((await asMember('POST', '/v1/trades', viewer, shop, { kind: 'direct', out_trade_no: 'viewer-1', subject: 'x', amount: '1.00', currency: 'CNY' })).body.error.code).toBe('permission_denied');
    expect((await asMember('GET', `/v1/trades/${trade}`, viewer, shop)).body).toMatchObject({ refunded_amount: '0.00' });
    expect((await asMember('GET', `/v1/trades/${trade}/refunds`, viewer, shop)).body.data).toEqual([]);
    expect((await asMember('POST', `/v1/trades/${trade}/refunds`, developer, shop, refund)).status).toBe(201);
    expect((await asMember('POST', '/v1/payouts', developer, shop, { amount: '1.00', currency: 'CNY' })).body.error.code).toBe('permission_denied');
    expect((await asMember('GET', '/v1/payouts', viewer, shop)).status).toBe(200);
  });

  it('ends a removed member’s access at once', async () => {
    const viewerId = (await call('GET', '/v1/me', viewer)).body.id as string;
    await call('DELETE', `/v1/merchants/${shop}/members/${viewerId}`, owner);
    expect((await asMember('GET', '/v1/trades', viewer, shop)).body.error.code).toBe('merchant_not_found');
    await call('POST', `/v1/merchants/${shop}/members`, owner, { user: 'viewer@dash.example', role: 'viewer' });
    expect((await asMember('GET', '/v1/trades', viewer, shop)).status).toBe(200);
  });

  it('lists the merchants a user belongs to, with the role and the balance, by cursor', async () => {
    const mine = await call('GET', '/v1/me/merchants', owner);
    expect(mine.body).toMatchObject({ object: 'list', has_more: false, data: [{ id: shop, object: 'merchant', name: 'Tea Shop', status: 'active', role: 'owner', balance: { available: '44.73', pending: '0.00', currency: 'CNY' } }] });
    const second = (await call('POST', '/v1/merchants', developer, { name: 'Dev Side Project' })).body.id as string;
    const developerOf = await call('GET', '/v1/me/merchants', developer);
    expect(developerOf.body.data.map((entry: { id: string; role: string }) => [entry.id, entry.role])).toEqual([
      [second, 'owner'],
      [shop, 'developer'],
    ]);
    const first = await call('GET', '/v1/me/merchants?limit=1', developer);
    expect(first.body).toMatchObject({ has_more: true, data: [{ id: second }] });
    expect((await call('GET', `/v1/me/merchants?limit=1&starting_after=${second}`, developer)).body).toMatchObject({ has_more: false, data: [{ id: shop }] });
    expect((await call('GET', `/v1/me/merchants?starting_after=${otherShop}`, developer)).body.error).toMatchObject({ code: 'cursor_invalid', param: 'starting_after' });
    expect((await call('GET', '/v1/me/merchants?limit=0', developer)).body.error).toMatchObject({ code: 'parameter_invalid', param: 'limit' });
    expect((await call('GET', '/v1/me/merchants', buyer)).body.data).toEqual([]);
    expect((await call('GET', '/v1/me/merchants')).status).toBe(401);
  });

  it('filters trades by status, kind and q, with the cursor', async () => {
    const make = async (outTradeNo: string, tradeKind: string, subject: string) => (await call('POST', '/v1/trades', key, { kind: tradeKind, out_trade_no: outTradeNo, subject, amount: '2.00', currency: 'CNY' })).body.id as string;
    const jasmine = await make('f-1', 'escrow', 'Jasmine TEA, 100% leaf');
    const puer = await make('f-2', 'direct', 'Pu-erh cake');
    const kettle = await make('f-3', 'escrow', 'Kettle');
    await call('POST', `/v1/orders/${jasmine}/pay`, buyer, { pin: '123456' });
    const list = async (query: string) => ((await asMember('GET', `/v1/trades?${query}`, viewer, shop)).body.data as { id: string }[]).map((trade) => trade.id);
    expect(await list('status=WAIT_SELLER_SEND_GOODS')).toEqual([jasmine]);
    expect(await list('status=WAIT_BUYER_PAY&kind=escrow')).toEqual([kettle]);
    expect((await list('kind=direct&limit=100')).slice(0, 1)).toEqual([puer]);
    expect(await list('q=jasmine')).toEqual([jasmine]);
    // Case does not matter; 'Green tea' of the first test matches too.
    expect(await list('q=TEA')).toEqual([jasmine, (await list('q=member-1'))[0]]);
    expect(await list('q=100%25')).toEqual([jasmine]);
    expect(await list('q=0_%25')).toEqual([]);
    expect(await list('q=f-2')).toEqual([puer]);
    expect(await list(`q=${kettle}`)).toEqual([kettle]);
    expect(await list('q=cake&kind=escrow')).toEqual([]);
    expect((await list('q=%20%20&limit=100')).length).toBeGreaterThanOrEqual(3);
    const page = await asMember('GET', '/v1/trades?kind=escrow&limit=1', viewer, shop);
    expect(page.body).toMatchObject({ has_more: true, data: [{ id: kettle }] });
    expect(await list(`kind=escrow&limit=1&starting_after=${kettle}`)).toEqual([jasmine]);
    expect((await asMember('GET', '/v1/trades?status=PAID', viewer, shop)).body.error).toMatchObject({ code: 'parameter_invalid', param: 'status' });
    expect((await asMember('GET', '/v1/trades?kind=loan', viewer, shop)).body.error).toMatchObject({ code: 'parameter_invalid', param: 'kind' });
    expect((await asMember('GET', `/v1/trades?q=${'x'.repeat(257)}`, viewer, shop)).body.error).toMatchObject({ code: 'parameter_invalid', param: 'q' });
  });

  it('reports each business day: trades paid, their volume and fees, refunds made, zero days included', async () => {
    const fixture = fixtureOf();
    const reportOwner = await signUp('report@dash.example');
    const reportShop = (await call('POST', '/v1/merchants', reportOwner, { name: 'Report Shop' })).body.id as string;
    const reportKey = (await call('POST', `/v1/merchants/${reportShop}/api_keys`, reportOwner, {})).body.secret as string;
    // Go to 01:00 CST of the next business day (a business day starts at 16:00 UTC).
    const nextDay = () => {
      const now = fixture.clock.now().getTime();
      const start = Math.floor((now + 8 * hour * 1000) / 86_400_000 + 1) * 86_400_000 - 8 * hour * 1000;
      fixture.clock.setNanoseconds(BigInt(start + hour * 1000) * 1_000_000n);
      return new Date(start + 8 * hour * 1000).toISOString().slice(0, 10);
    };
    const sell = async (outTradeNo: string, tradeKind: string, amount: string) => {
      const id = (await call('POST', '/v1/trades', reportKey, { kind: tradeKind, out_trade_no: outTradeNo, subject: 'Report', amount, currency: 'CNY' })).body.id as string;
      await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
      return id;
    };
    const first = nextDay();
    const direct = await sell('r-1', 'direct', '100.00');
    const escrow = await sell('r-2', 'escrow', '50.00');
    // Another merchant's sale that day is not this one's.
    await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'report-other', subject: 'x', amount: '7.00', currency: 'CNY' }).then((answer) => call('POST', `/v1/orders/${answer.body.id}/pay`, buyer, { pin: '123456' }));
    const second = nextDay();
    expect((await call('POST', `/v1/trades/${direct}/refunds`, reportKey, { amount: '40.00', currency: 'CNY', out_request_no: 'rr-1' })).status).toBe(201);
    await call('POST', `/v1/trades/${escrow}/ship`, reportKey, { carrier: 'SF', tracking_number: 'SF1' });
    expect((await call('POST', `/v1/orders/${escrow}/confirm`, buyer, { pin: '123456' })).body.fee_amount).toBe('0.30');
    const late = await sell('r-3', 'direct', '20.00');
    await call('POST', '/v1/trades', reportKey, { kind: 'direct', out_trade_no: 'r-unpaid', subject: 'Never paid', amount: '9.00', currency: 'CNY' });

    const report = await call('GET', '/v1/reports/daily?days=3', reportKey);
    expect(report.status).toBe(200);
    const dayBefore = new Date(Date.parse(first) - 86_400_000).toISOString().slice(0, 10);
    expect(report.body).toEqual({
      object: 'daily_report',
      currency: 'CNY',
      data: [
        { date: dayBefore, trades: 0, volume: '0.00', fees: '0.00', refunds: '0.00', currency: 'CNY' },
        // 100.00 (fee 0.60, 0.24 of it given back with the 40.00 refund) and 50.00 (fee 0.30 at release).
        { date: first, trades: 2, volume: '150.00', fees: '0.66', refunds: '0.00', currency: 'CNY' },
        { date: second, trades: 1, volume: '20.00', fees: '0.12', refunds: '40.00', currency: 'CNY' },
      ],
    });
    // The figures are the trades' own.
    const trades = await Promise.all([direct, escrow, late].map(async (id) => (await call('GET', `/v1/trades/${id}`, reportKey)).body));
    expect(trades.map((trade) => trade.fee_amount)).toEqual(['0.36', '0.30', '0.12']);
    expect(trades[0].refunded_amount).toBe('40.00');

    const month = await asMember('GET', '/v1/reports/daily', reportOwner, reportShop);
    expect(month.body.data).toHaveLength(30);
    expect(month.body.data.at(-1).date).toBe(second);
    expect((await call('GET', '/v1/reports/daily?days=90', reportKey)).body.data).toHaveLength(90);
    for (const days of ['0', '91', 'x', '1.5']) expect((await call('GET', `/v1/reports/daily?days=${days}`, reportKey)).body.error).toMatchObject({ code: 'parameter_invalid', param: 'days' });
    expect((await call('GET', '/v1/reports/daily', reportOwner)).body.error.code).toBe('authentication_required');
  });

  it("keeps a member's own idempotency keys on their own routes: a payment retried with and without Zhifu-Merchant is one payment, and two members' keys never meet", async () => {
    const payer = await signUp('payer@dash.example', '100.00');
    await call('POST', `/v1/merchants/${shop}/members`, owner, { user: 'payer@dash.example', role: 'viewer' });
    const payment = { to: 'buyer@dash.example', amount: '1.00', currency: 'CNY', pin: '123456' };
    const first = await send('POST', '/v1/transfers', { token: payer, headers: { 'zhifu-merchant': shop, 'idempotency-key': 'member-pay-1' }, body: payment });
    expect(first.status).toBe(201);
    const retried = await send('POST', '/v1/transfers', { token: payer, headers: { 'idempotency-key': 'member-pay-1' }, body: payment });
    expect(retried).toEqual(first);
    expect((await call('GET', '/v1/me', payer)).body.balance.available).toBe('99.00');
    // Another member of the same merchant with the same key and body makes a request of their own
    // (they have no PIN and no money), not a replay of the first member's payment.
    const other = await send('POST', '/v1/transfers', { token: developer, headers: { 'zhifu-merchant': shop, 'idempotency-key': 'member-pay-1' }, body: payment });
    expect(other.status).not.toBe(201);
    expect(other.body.id).toBeUndefined();
    // On the merchant's routes, its members and its API keys still share the merchant's keys.
    const trade = { kind: 'direct', out_trade_no: 'member-key-1', subject: 'Oolong', amount: '3.00', currency: 'CNY' };
    const byMember = await send('POST', '/v1/trades', { token: owner, headers: { 'zhifu-merchant': shop, 'idempotency-key': 'shared-1' }, body: trade });
    expect(byMember.status).toBe(201);
    expect(await send('POST', '/v1/trades', { token: key, headers: { 'idempotency-key': 'shared-1' }, body: trade })).toEqual(byMember);
  });

  it("names on a trade's timeline which member or API key acted for the merchant; the buyer sees only whose step it was", async () => {
    const developerId = (await call('GET', '/v1/me', developer)).body.id as string;
    const trade = (await asMember('POST', '/v1/trades', developer, shop, { kind: 'escrow', out_trade_no: 'member-escrow', subject: 'Oolong', amount: '5.00', currency: 'CNY', buyer: 'buyer@dash.example' })).body.id as string;
    expect((await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin: '123456' })).status).toBe(200);
    expect((await call('POST', `/v1/trades/${trade}/ship`, key, { carrier: 'SF', tracking_number: 'SF9' })).status).toBe(200);
    expect((await asMember('POST', `/v1/trades/${trade}/refunds`, developer, shop, { amount: '1.00', currency: 'CNY', out_request_no: 'member-refund' })).status).toBe(201);
    const byMember = { type: 'member', id: developerId, label: null };
    const byKey = { type: 'api_key', id: keyInfo.id, label: keyInfo.prefix };
    const actedBy = async (answer: Promise<ApiAnswer>) => ((await answer).body.data as { type: string; acted_by: unknown }[]).map((event) => [event.type, event.acted_by]);
    // Members see one another by user id (as on the Team page); key prefixes only those who may list the keys.
    expect(await actedBy(asMember('GET', `/v1/trades/${trade}/events`, owner, shop))).toEqual([['created', byMember], ['paid', null], ['shipped', byKey], ['refunded', byMember]]);
    expect(await actedBy(asMember('GET', `/v1/trades/${trade}/events`, viewer, shop))).toEqual([['created', byMember], ['paid', null], ['shipped', { ...byKey, label: null }], ['refunded', byMember]]);
    expect(await actedBy(call('GET', `/v1/trades/${trade}/events`, key))).toEqual([['created', byMember], ['paid', null], ['shipped', { ...byKey, label: null }], ['refunded', byMember]]);
    const forBuyer = (await call('GET', `/v1/orders/${trade}/events`, buyer)).body.data as Record<string, unknown>[];
    expect(forBuyer.map((event) => `${event.type}:${event.actor}`)).toEqual(['created:merchant', 'paid:buyer', 'shipped:merchant', 'refunded:merchant']);
    expect(forBuyer.every((event) => !('acted_by' in event))).toBe(true);
  });
});
