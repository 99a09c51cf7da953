// Identity and the wallet over the API, on both stores: sign up, sign in by token and by cookie,
// sign out, the PIN and its lockout, cards, top-ups through the sandbox bank, payments between
// users, idempotent replay, authorization, and the ledger's invariants afterwards.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpFixture, storeKinds, type HttpFixture } from '../support/http-fixture.js';
import type { App } from '../../src/http/app.js';

describe.each(storeKinds)('identity and wallet on %s', (kind) => {
  let fixture: HttpFixture;
  let baseUrl: string;

  beforeAll(async () => {
    fixture = await createHttpFixture(kind);
    baseUrl = await fixture.app.fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    const report = await fixture.ledger.audit();
    expect(report.failures).toEqual([]);
    await fixture.close();
  });

  // Every write happens a second after the one before, as it would for a person using the app.
  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, options: { body?: unknown; token?: string; headers?: Record<string, string> } = {}) => {
    if (method !== 'GET') fixture.clock.advanceSeconds(1);
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fixture.app.fastify.inject({ method, url, headers, ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }) });
    return { status: response.statusCode, body: response.body === '' ? undefined : response.json(), headers: response.headers };
  };

  async function signUpAndIn(identifier: { phone?: string; email?: string }, password = 'correct horse') {
    const created = await call('POST', '/v1/users', { body: { ...identifier, password } });
    expect(created.status).toBe(201);
    const session = await call('POST', '/v1/sessions', { body: { identifier: identifier.phone ?? identifier.email, password } });
    expect(session.status).toBe(201);
    return { id: created.body.id as string, token: session.body.token as string, cookie: String(session.headers['set-cookie']) };
  }

  let alice: { id: string; token: string; cookie: string };
  let bob: { id: string; token: string; cookie: string };

  it('signs up with a phone or an email, and refuses duplicates and bad input with the field named', async () => {
    alice = await signUpAndIn({ phone: '+86 138-0000-0001' });
    bob = await signUpAndIn({ email: 'Bob@Example.com' });
    expect((await call('POST', '/v1/users', { body: { phone: '+8613800000001', password: 'another one' } })).body.error.code).toBe('phone_taken');
    expect((await call('POST', '/v1/users', { body: { email: 'bob@example.com', password: 'another one' } })).body.error.code).toBe('email_taken');
    expect((await call('POST', '/v1/users', { body: { phone: '12', password: 'long enough' } })).body.error.code).toBe('phone_invalid');
    expect((await call('POST', '/v1/users', { body: { email: 'a@b.c', password: 'short' } })).body.error.code).toBe('password_invalid');
    expect((await call('POST', '/v1/users', { body: { password: 'long enough' } })).body.error.code).toBe('identifier_missing');
    const unknown = await call('POST', '/v1/users', { body: { email: 'c@d.e', password: 'long enough', admin: true } });
    expect(unknown.body.error).toMatchObject({ code: 'parameter_unknown', param: 'admin' });
  });

  it('signs in with a bearer token or the HttpOnly cookie, and signing out revokes', async () => {
    expect(alice.cookie).toMatch(/^zhifu_session=zs_[\w-]+; Path=\/; HttpOnly; SameSite=Strict/);
    const me = await call('GET', '/v1/me', { token: alice.token });
    expect(me.body).toMatchObject({ id: alice.id, object: 'user', phone: '+8613800000001', kyc_tier: 'unverified', pin_set: false, balance: { available: '0.00', currency: 'CNY' } });
    const byCookie = await call('GET', '/v1/me', { headers: { cookie: alice.cookie.split(';')[0]! } });
    expect(byCookie.body.id).toBe(alice.id);
    expect((await call('GET', '/v1/me')).body.error).toMatchObject({ type: 'authentication_error', code: 'authentication_required' });
    expect((await call('POST', '/v1/sessions', { body: { identifier: 'bob@example.com', password: 'wrong password' } })).body.error.code).toBe('credentials_invalid');
    expect((await call('POST', '/v1/sessions', { body: { identifier: 'nobody@example.com', password: 'wrong password' } })).body.error.code).toBe('credentials_invalid');
    const extra = await call('POST', '/v1/sessions', { body: { identifier: 'bob@example.com', password: 'correct horse' } });
    expect((await call('DELETE', '/v1/sessions/current', { token: extra.body.token })).status).toBe(204);
    expect((await call('GET', '/v1/me', { token: extra.body.token })).status).toBe(401);
    expect((await call('GET', '/v1/me', { token: bob.token })).status).toBe(200);
  });

  it('sets the PIN only with the password', async () => {
    expect((await call('POST', '/v1/me/pin', { token: alice.token, body: { pin: '123456', password: 'wrong' } })).body.error).toMatchObject({ code: 'credentials_invalid', param: 'password' });
    expect((await call('POST', '/v1/me/pin', { token: alice.token, body: { pin: '12345a', password: 'correct horse' } })).body.error).toMatchObject({ code: 'pin_invalid', param: 'pin' });
    expect((await call('POST', '/v1/me/pin', { token: alice.token, body: { pin: '123456', password: 'correct horse' } })).body).toEqual({ pin_set: true });
    expect((await call('POST', '/v1/me/pin', { token: bob.token, body: { pin: '654321', password: 'correct horse' } })).status).toBe(200);
  });

  let aliceCard: string;

  it('links cards and tops up through the sandbox bank', async () => {
    expect((await call('POST', '/v1/cards', { token: alice.token, body: { number: '4242424242424241' } })).body.error.code).toBe('card_number_invalid');
    const card = await call('POST', '/v1/cards', { token: alice.token, body: { number: '4242 4242 4242 4242' } });
    expect(card.body).toMatchObject({ object: 'card', brand: 'visa', last4: '4242' });
    aliceCard = card.body.id;
    const declining = (await call('POST', '/v1/cards', { token: alice.token, body: { number: '4000000000000002' } })).body.id;
    expect((await call('GET', '/v1/cards', { token: bob.token })).body.data).toEqual([]);

    const declined = await call('POST', '/v1/topups', { token: alice.token, body: { card: declining, amount: '10.00', currency: 'CNY' } });
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ type: 'card_error', code: 'card_declined' });
    expect((await call('POST', '/v1/topups', { token: bob.token, body: { card: aliceCard, amount: '10.00', currency: 'CNY' } })).body.error.code).toBe('card_not_found');
    expect((await call('POST', '/v1/topups', { token: alice.token, body: { card: aliceCard, amount: '1.005', currency: 'CNY' } })).body.error).toMatchObject({ code: 'amount_too_precise', param: 'amount' });
    expect((await call('POST', '/v1/topups', { token: alice.token, body: { card: aliceCard, amount: '1.00', currency: 'USD' } })).body.error.code).toBe('currency_unsupported');
    const topUp = await call('POST', '/v1/topups', { token: alice.token, body: { card: aliceCard, amount: '100.00', currency: 'CNY' } });
    expect(topUp.body).toMatchObject({ object: 'top_up', amount: '100.00', currency: 'CNY', status: 'succeeded' });
    expect((await call('GET', `/v1/topups/${topUp.body.id}`, { token: alice.token })).body).toEqual(topUp.body);
    expect((await call('GET', `/v1/topups/${topUp.body.id}`, { token: bob.token })).status).toBe(404);
    expect((await call('GET', '/v1/me', { token: alice.token })).body.balance.available).toBe('100.00');
  });

  it('pays another user once per idempotency key, and refuses what it must', async () => {
    const pay = (body: Record<string, unknown>, key?: string) => call('POST', '/v1/transfers', { token: alice.token, body: { currency: 'CNY', pin: '123456', ...body }, headers: key === undefined ? {} : { 'idempotency-key': key } });
    expect((await pay({ to: 'nobody@example.com', amount: '1.00' })).body.error).toMatchObject({ code: 'recipient_not_found', param: 'to' });
    expect((await pay({ to: alice.id, amount: '1.00' })).body.error.code).toBe('transfer_to_self');
    expect((await pay({ to: bob.id, amount: '100.01' })).body.error).toMatchObject({ code: 'balance_insufficient' });
    const first = await pay({ to: 'bob@example.com', amount: '30.00', note: 'dinner' }, `pay-${kind}-1`);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ object: 'transfer', amount: '30.00', counterparty: bob.id, note: 'dinner', status: 'succeeded' });
    const replay = await pay({ to: 'bob@example.com', amount: '30.00', note: 'dinner' }, `pay-${kind}-1`);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await call('GET', '/v1/me', { token: alice.token })).body.balance.available).toBe('70.00');
    expect((await call('GET', '/v1/me', { token: bob.token })).body.balance.available).toBe('30.00');
    // Sender and recipient see the payment; nobody else does, as if it did not exist.
    expect((await call('GET', `/v1/transfers/${first.body.id}`, { token: alice.token })).body).toEqual(first.body);
    expect((await call('GET', `/v1/transfers/${first.body.id}`, { token: bob.token })).body.id).toBe(first.body.id);
    const carol = await signUpAndIn({ email: 'carol@example.com' });
    expect((await call('GET', `/v1/transfers/${first.body.id}`, { token: carol.token })).body.error).toMatchObject({ code: 'resource_missing', param: 'id' });
    expect((await call('GET', `/v1/topups/${first.body.id}`, { token: alice.token })).status).toBe(404);
    expect((await call('GET', `/v1/cards/${aliceCard}`, { token: alice.token })).body.last4).toBe('4242');
    expect((await call('GET', `/v1/cards/${aliceCard}`, { token: carol.token })).status).toBe(404);
  });

  it('locks payments for an hour after five wrong PINs', async () => {
    const pay = (pin: string) => call('POST', '/v1/transfers', { token: bob.token, body: { to: alice.id, amount: '1.00', currency: 'CNY', pin } });
    for (let attempt = 1; attempt <= 4; attempt++) expect((await pay('000000')).body.error).toMatchObject({ code: 'pin_incorrect', param: 'pin' });
    expect((await pay('000000')).body.error.code).toBe('pin_locked');
    expect((await pay('654321')).body.error.code).toBe('pin_locked');
    fixture.clock.advanceSeconds(3601);
    expect((await pay('654321')).status).toBe(201);
  });

  it('counts wrong PINs sent all at once like PINs sent one by one', async () => {
    const guess = (pin: string) => fixture.app.fastify.inject({ method: 'POST', url: '/v1/transfers', headers: { authorization: `Bearer ${bob.token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ to: alice.id, amount: '1.00', currency: 'CNY', pin }) });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, index) => guess(String(100000 + index))));
    const codes = answers.map((answer) => answer.json().error.code as string);
    expect(codes.filter((code) => code === 'pin_incorrect')).toHaveLength(4);
    expect(codes.filter((code) => code === 'pin_locked')).toHaveLength(16);
    expect((await guess('654321')).json().error.code).toBe('pin_locked');
    fixture.clock.advanceSeconds(3601);
  });

  it('lists transactions across kinds, newest first, by cursor and by type, only your own', async () => {
    const all = await call('GET', '/v1/transactions', { token: alice.token });
    expect(all.body.data.map((t: { type: string; amount: string; status: string }) => [t.type, t.amount, t.status])).toEqual([
      ['transfer_in', '1.00', 'succeeded'],
      ['transfer_out', '-30.00', 'succeeded'],
      ['top_up', '100.00', 'succeeded'],
      ['top_up', '10.00', 'failed'],
    ]);
    const first = await call('GET', '/v1/transactions?limit=1', { token: alice.token });
    expect(first.body).toMatchObject({ object: 'list', has_more: true });
    const second = await call('GET', `/v1/transactions?limit=2&starting_after=${first.body.data[0].id}`, { token: alice.token });
    expect(second.body.data.map((t: { id: string }) => t.id)).toEqual(all.body.data.slice(1, 3).map((t: { id: string }) => t.id));
    expect(second.body.has_more).toBe(true);
    const topUps = await call('GET', '/v1/transactions?type=top_up', { token: alice.token });
    expect(topUps.body.data.every((t: { type: string }) => t.type === 'top_up')).toBe(true);
    expect((await call('GET', '/v1/transactions?type=bogus', { token: alice.token })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'type' });
    expect((await call('GET', '/v1/transactions?limit=101', { token: alice.token })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'limit' });
    const topUpId = topUps.body.data[0].id as string;
    expect((await call('GET', `/v1/transactions?starting_after=${topUpId}`, { token: bob.token })).body.error).toMatchObject({ code: 'cursor_invalid', param: 'starting_after' });
    expect((await call('GET', '/v1/transactions', { token: bob.token })).body.data.map((t: { type: string }) => t.type)).toEqual(['transfer_out', 'transfer_in']);
  });

  it('gives the month\'s statement as CSV with opening and closing balances', async () => {
    const response = await fixture.app.fastify.inject({ method: 'GET', url: '/v1/statements/2026-01.csv', headers: { authorization: `Bearer ${alice.token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = response.body.trim().split('\r\n');
    expect(lines.slice(0, 3)).toEqual([`statement,${alice.id},2026-01,CNY`, 'opening_balance,0.00', 'closing_balance,71.00']);
    expect(lines[4]).toBe('date,id,type,amount,currency,counterparty,merchant_name,trade,subject,note,status');
    // The failed top-up moved nothing and is left out; a total per type and the net follow the rows.
    expect(lines.slice(5, 8).map((line) => line.split(',').slice(2, 4))).toEqual([
      ['top_up', '100.00'],
      ['transfer_out', '-30.00'],
      ['transfer_in', '1.00'],
    ]);
    expect(lines.slice(8)).toEqual(['', 'total_top_up,100.00', 'total_withdrawal,0.00', 'total_transfer_in,1.00', 'total_transfer_out,-30.00', 'total_trade_payment,0.00', 'total_trade_refund,0.00', 'net,71.00']);
    expect((await call('GET', '/v1/statements/2026-13.csv', { token: alice.token })).body.error.code).toBe('month_invalid');
    const empty = await fixture.app.fastify.inject({ method: 'GET', url: '/v1/statements/2026-02.csv', headers: { authorization: `Bearer ${alice.token}` } });
    expect(empty.body.split('\r\n').slice(1, 3)).toEqual(['opening_balance,71.00', 'closing_balance,71.00']);
  });

  it('withdraws to a card: held, then posted, or released when the bank fails', async () => {
    const withdraw = (card: string, amount: string, pin = '123456') => call('POST', '/v1/withdrawals', { token: alice.token, body: { card, amount, currency: 'CNY', pin } });
    const failing = (await call('POST', '/v1/cards', { token: alice.token, body: { number: '4000000000000119' } })).body.id as string;
    const done = await withdraw(aliceCard, '20.00');
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({ object: 'withdrawal', amount: '20.00', status: 'succeeded', card: aliceCard });
    expect((await call('GET', `/v1/withdrawals/${done.body.id}`, { token: alice.token })).body).toEqual(done.body);
    expect((await call('GET', `/v1/withdrawals/${done.body.id}`, { token: bob.token })).status).toBe(404);
    expect((await call('GET', '/v1/me', { token: alice.token })).body.balance).toMatchObject({ available: '51.00', pending: '0.00' });
    const failed = await withdraw(failing, '10.00');
    expect(failed.body).toMatchObject({ object: 'withdrawal', status: 'failed', failure_code: 'bank_processing_error' });
    expect((await call('GET', '/v1/me', { token: alice.token })).body.balance).toMatchObject({ available: '51.00', pending: '0.00' });
    expect((await withdraw(aliceCard, '51.01')).body.error.code).toBe('balance_insufficient');
    expect((await withdraw(aliceCard, '1.00', '999999')).body.error.code).toBe('pin_incorrect');
    expect((await call('POST', '/v1/withdrawals', { token: bob.token, body: { card: aliceCard, amount: '1.00', currency: 'CNY', pin: '654321' } })).body.error.code).toBe('card_not_found');
  });

  it('caps balances and daily outflow by KYC tier until the identity is verified', async () => {
    const topUp = (amount: string) => call('POST', '/v1/topups', { token: alice.token, body: { card: aliceCard, amount, currency: 'CNY' } });
    expect((await topUp('1949.01')).body.error).toMatchObject({ code: 'balance_cap_exceeded' });
    expect((await topUp('1949.00')).status).toBe(201);
    // Today alice sent 30.00 and withdrew 20.00 (the failed withdrawal does not count): 950.00 are left.
    expect((await call('POST', '/v1/withdrawals', { token: alice.token, body: { card: aliceCard, amount: '950.01', currency: 'CNY', pin: '123456' } })).body.error.code).toBe('daily_limit_exceeded');
    expect((await call('POST', '/v1/me/verification', { token: alice.token, body: { name: '王小明', id_number: '110105194912310021' } })).body.error).toMatchObject({ code: 'identity_check_failed', param: 'id_number' });
    const verified = await call('POST', '/v1/me/verification', { token: alice.token, body: { name: '王小明', id_number: '11010519491231002x' } });
    expect(verified.body).toMatchObject({ id: alice.id, kyc_tier: 'verified' });
    expect((await topUp('5000.00')).status).toBe(201);
    expect((await call('POST', '/v1/withdrawals', { token: alice.token, body: { card: aliceCard, amount: '950.01', currency: 'CNY', pin: '123456' } })).status).toBe(201);
  });

  it('gives a receive code that opens a payment to its owner, showing the payee masked', async () => {
    const code = await call('GET', '/v1/me/receive_code', { token: bob.token });
    expect(code.body).toMatchObject({ object: 'receive_code', user: bob.id });
    expect(code.body.url).toMatch(new RegExp(`/pay\\?to=${bob.id}$`));
    const payee = await call('GET', `/v1/payees/${bob.id}`, { token: alice.token });
    expect(payee.body).toEqual({ object: 'payee', id: bob.id, display: 'b***@example.com', verified: false });
    expect((await call('GET', '/v1/payees/%2B8613800000001', { token: bob.token })).body.display).toBe('+86138****0001');
    expect((await call('GET', '/v1/payees/usr_nobody', { token: bob.token })).body.error.code).toBe('resource_missing');
  });

  it('keeps the daily outflow limit for payments sent at the same moment, and runs a key sent twice at once only once', async () => {
    const carol = await signUpAndIn({ email: `carol-${kind}@example.com` });
    expect((await call('POST', '/v1/me/pin', { token: carol.token, body: { pin: '112233', password: 'correct horse' } })).status).toBe(200);
    const card = (await call('POST', '/v1/cards', { token: carol.token, body: { number: '4242424242424242' } })).body.id as string;
    expect((await call('POST', '/v1/topups', { token: carol.token, body: { card, amount: '1500.00', currency: 'CNY' } })).status).toBe(201);
    const pay = (amount: string, key: string) =>
      fixture.app.fastify.inject({
        method: 'POST',
        url: '/v1/transfers',
        headers: { authorization: `Bearer ${carol.token}`, 'content-type': 'application/json', 'idempotency-key': key },
        payload: JSON.stringify({ to: bob.id, amount, currency: 'CNY', pin: '112233' }),
      });
    // Unverified: 1,000.00 a day may leave the wallet. Three payments of 400.00 at once: two fit.
    const answers = await Promise.all([pay('400.00', 'carol-1'), pay('400.00', 'carol-2'), pay('400.00', 'carol-3')]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 201, 402]);
    expect(answers.find((answer) => answer.statusCode === 402)!.json().error.code).toBe('daily_limit_exceeded');
    expect((await call('GET', '/v1/me', { token: carol.token })).body.balance.available).toBe('700.00');
    // A refused payment left its reservation behind: 200.00 still fit today.
    expect((await pay('200.01', 'carol-4')).json().error.code).toBe('daily_limit_exceeded');
    // The same key twice at once: one runs; the other waits its turn (409) or replays its answer.
    const [one, two] = await Promise.all([pay('200.00', 'carol-5'), pay('200.00', 'carol-5')]);
    const ran = [one, two].filter((answer) => answer.statusCode === 201);
    expect(ran.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ran.map((answer) => answer.json().id)).size).toBe(1);
    for (const answer of [one, two]) if (answer.statusCode !== 201) expect(answer.json().error.code).toBe('idempotency_key_in_use');
    expect((await pay('200.00', 'carol-5')).json().id).toBe(ran[0]!.json().id);
    expect((await call('GET', '/v1/me', { token: carol.token })).body.balance.available).toBe('500.00');
  });

  it('keeps the daily outflow limit across servers that share the database (one server owns a SQLite store)', async () => {
    if (kind === 'sqlite') {
      await expect(fixture.openAnotherServer()).rejects.toThrow(/in use by another Zhifu process/);
      return;
    }
    const other = await fixture.openAnotherServer();
    const dave = await signUpAndIn({ email: 'dave@example.com' });
    const erin = await signUpAndIn({ email: 'erin@example.com' });
    expect((await call('POST', '/v1/me/pin', { token: dave.token, body: { pin: '112233', password: 'correct horse' } })).status).toBe(200);
    const card = (await call('POST', '/v1/cards', { token: dave.token, body: { number: '4242424242424242' } })).body.id as string;
    expect((await call('POST', '/v1/topups', { token: dave.token, body: { card, amount: '1500.00', currency: 'CNY' } })).status).toBe(201);
    const pay = (server: App, key: string) =>
      server.fastify.inject({
        method: 'POST',
        url: '/v1/transfers',
        headers: { authorization: `Bearer ${dave.token}`, 'content-type': 'application/json', 'idempotency-key': key },
        payload: JSON.stringify({ to: erin.id, amount: '300.00', currency: 'CNY', pin: '112233' }),
      });
    // Unverified: 1,000.00 a day. Four payments of 300.00 at once, two to each server: three fit.
    const answers = await Promise.all([pay(fixture.app, 'dave-1'), pay(other, 'dave-2'), pay(fixture.app, 'dave-3'), pay(other, 'dave-4')]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 201, 201, 402]);
    expect((await call('GET', '/v1/me', { token: dave.token })).body.balance.available).toBe('600.00');
    // A reservation no longer counts once its payment's record is written, and the refused payment
    // left none: 100.00 still fits, through either server.
    expect((await pay(other, 'dave-5')).json().error.code).toBe('daily_limit_exceeded');
    const last = await other.fastify.inject({
      method: 'POST',
      url: '/v1/transfers',
      headers: { authorization: `Bearer ${dave.token}`, 'content-type': 'application/json', 'idempotency-key': 'dave-6' },
      payload: JSON.stringify({ to: erin.id, amount: '100.00', currency: 'CNY', pin: '112233' }),
    });
    expect(last.statusCode).toBe(201);
    // Reservations of payments that went through lapse, and the prune job deletes them.
    const reservations = () => fixture.platform.db.selectFrom('outflow_reservations').select('id').where('user_id', '=', dave.id).execute();
    expect((await reservations()).map((row) => row.id).sort()).toEqual([...answers.filter((answer) => answer.statusCode === 201).map((answer) => answer.json().id), last.json().id].sort());
    await fixture.app.services.wallet.pruneOutflowReservations();
    expect(await reservations()).toHaveLength(4);
    fixture.clock.advanceSeconds(5 * 60);
    expect(await fixture.app.services.wallet.pruneOutflowReservations()).toBeGreaterThanOrEqual(4);
    expect(await reservations()).toEqual([]);
  });

  it('limits sign-in attempts per identifier', async () => {
    let last = 0;
    for (let attempt = 0; attempt < 11; attempt++) last = (await call('POST', '/v1/sessions', { body: { identifier: '+8613800000001', password: 'guess' } })).status;
    expect(last).toBe(429);
  });

  it('works over a real socket with the session cookie', async () => {
    const response = await fetch(`${baseUrl}/v1/me`, { headers: { cookie: bob.cookie.split(';')[0]! } });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBe(bob.id);
  });
});
