// The operator console's API on both stores: users and merchants by search and cursor, identity
// verification, freezing a merchant (its keys and members stop at once), a merchant's gateway apps
// seen and disabled, the ledger per account
// code with the invariant check, the durable jobs, and every merchant's webhook deliveries, sent
// again from here. Each within the operator's role; bad input gets a stable code and changes nothing.

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ledgerCheckMaxAgeMilliseconds } from '../../src/wallet/index.js';
import { apiCaller, apiRequester, storeKinds, useHttpFixture } from '../support/http-fixture.js';

describe.each(storeKinds)('the operator console API on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);
  const call = apiCaller(fixtureOf);
  const send = apiRequester(fixtureOf);
  const signUp = async (identifier: { email: string } | { phone: string }, topUp?: string) => {
    await call('POST', '/v1/users', undefined, { ...identifier, password: 'long enough' });
    const token = (await call('POST', '/v1/sessions', undefined, { identifier: 'email' in identifier ? identifier.email : identifier.phone, password: 'long enough' })).body.token as string;
    if (topUp !== undefined) {
      await call('POST', '/v1/me/pin', token, { pin: '123456', password: 'long enough' });
      const card = (await call('POST', '/v1/cards', token, { number: '4242424242424242' })).body.id;
      expect((await call('POST', '/v1/topups', token, { card, amount: topUp, currency: 'CNY' })).status).toBe(201);
    }
    return token;
  };
  const operators: Record<'support' | 'risk' | 'finance' | 'admin', string> = { support: '', risk: '', finance: '', admin: '' };
  const users: Record<string, { token: string; id: string }> = {};
  let shop: string;
  let key: string;
  let buyer: string;

  it('sets up operators of every role, users, and a merchant that has sold', async () => {
    for (const role of ['support', 'risk', 'finance', 'admin'] as const) {
      expect(typeof (await fixtureOf().app.services.operators.createOperator(`${role}@zhifu.example`, 'a long operator password', role))).toBe('object');
      operators[role] = (await call('POST', '/v1/operator/sessions', undefined, { email: `${role}@zhifu.example`, password: 'a long operator password' })).body.token;
    }
    for (const [name, identifier] of [
      ['alice', { email: 'Alice@Console.example' }],
      ['alina', { email: 'alina@console.example' }],
      ['bob', { phone: '+86 138-0000-1234' }],
    ] as const) {
      const token = await signUp(identifier);
      users[name] = { token, id: (await call('GET', '/v1/me', token)).body.id };
    }
    buyer = await signUp({ email: 'buyer@console.example' }, '500.00');
    const owner = await signUp({ email: 'owner@console.example' });
    users.owner = { token: owner, id: (await call('GET', '/v1/me', owner)).body.id };
    shop = (await call('POST', '/v1/merchants', owner, { name: 'Console Tea House' })).body.id;
    await call('POST', '/v1/merchants', owner, { name: 'Console Coffee' });
    key = (await call('POST', `/v1/merchants/${shop}/api_keys`, owner, {})).body.secret;
    const trade = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'c-1', subject: 'Tea', amount: '100.00', currency: 'CNY' })).body.id;
    expect((await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin: '123456' })).body.status).toBe('TRADE_SUCCESS');
  });

  it("keeps the console's session in an HttpOnly cookie of its own, taken only with Zhifu-Console, apart from a user's", async () => {
    const inject = async (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, body?: unknown) => {
      fixtureOf().clock.advanceSeconds(1);
      const response = await fixtureOf().app.fastify.inject({ method, url, headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
      return { status: response.statusCode, body: response.body === '' ? undefined : response.json(), cookie: String(response.headers['set-cookie'] ?? '') };
    };
    const signIn = (cookie = '') => inject('POST', '/v1/operator/sessions', cookie === '' ? {} : { cookie }, { email: 'support@zhifu.example', password: 'a long operator password' });
    const first = await signIn();
    expect(first.status).toBe(201);
    expect(first.cookie).toMatch(/^zhifu_operator=[\w-]+; Path=\/; HttpOnly; SameSite=Strict; Expires=/);
    expect(first.cookie.split(';')[0]).toBe(`zhifu_operator=${first.body.token}`);
    const operatorCookie = first.cookie.split(';')[0]!;
    const userCookie = `zhifu_session=${users.alice!.token}`;
    const both = `${userCookie}; ${operatorCookie}`;
    const asConsole = { 'zhifu-console': '1' };

    // A tab asks whether the browser holds an operator's session: a plain answer either way.
    const status = async (headers: Record<string, string>) => (await inject('GET', '/v1/operator/session', headers)).body;
    expect(await status({ cookie: operatorCookie, ...asConsole })).toEqual({ object: 'operator_session_status', signed_in: true, operator: { ...first.body.operator } });
    expect(await status({ cookie: operatorCookie })).toEqual({ object: 'operator_session_status', signed_in: false, operator: null });
    expect(await status({ cookie: userCookie, ...asConsole })).toEqual({ object: 'operator_session_status', signed_in: false, operator: null });
    expect(await status({})).toMatchObject({ signed_in: false });

    // The console names the operator its tab shows: the cookie of another operator counts for nothing.
    const supportId = first.body.operator.id as string;
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: operatorCookie, 'zhifu-console': supportId })).status).toBe(200);
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: operatorCookie, 'zhifu-console': 'op_someone_else' })).body.error.code).toBe('authentication_required');
    // Signing in as the console leaves the token out of the answer: the page never holds it.
    const asTheConsole = await inject('POST', '/v1/operator/sessions', asConsole, { email: 'support@zhifu.example', password: 'a long operator password' });
    expect(asTheConsole.status).toBe(201);
    expect(asTheConsole.body).not.toHaveProperty('token');
    expect(asTheConsole.body.operator.id).toBe(supportId);
    expect(asTheConsole.cookie).toMatch(/^zhifu_operator=[\w-]+; Path=\/; HttpOnly/);

    // Without the console's header the operator's cookie counts for nothing, and the user's cookie is the user.
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: operatorCookie })).body.error.code).toBe('authentication_required');
    expect((await inject('GET', '/v1/me', { cookie: both })).body.id).toBe(users.alice!.id);
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: both })).body.error.code).toBe('authentication_required');
    // With it, the operator's cookie is the operator, and the user's is not read.
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: both, ...asConsole })).status).toBe(200);
    expect((await inject('GET', '/v1/me', { cookie: both, ...asConsole })).body.error.code).toBe('authentication_required');
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: userCookie, ...asConsole })).body.error.code).toBe('authentication_required');

    // Signing in again from the browser ends the session its cookie held.
    const second = await signIn(operatorCookie);
    const secondCookie = second.cookie.split(';')[0]!;
    expect(secondCookie).not.toBe(operatorCookie);
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: operatorCookie, ...asConsole })).status).toBe(401);
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: secondCookie, ...asConsole })).status).toBe(200);
    // A user's token in the operator's cookie is not revoked by an operator's sign-in.
    expect((await signIn(`zhifu_operator=${users.alice!.token}`)).status).toBe(201);
    expect((await inject('GET', '/v1/me', { cookie: userCookie })).status).toBe(200);

    // Signing out from the console ends the operator's session and clears its cookie, not the user's.
    const out = await inject('DELETE', '/v1/sessions/current', { cookie: `${userCookie}; ${secondCookie}`, ...asConsole });
    expect(out.status).toBe(204);
    expect(out.cookie).toMatch(/^zhifu_operator=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    expect((await inject('GET', '/v1/operator/users?limit=1', { cookie: secondCookie, ...asConsole })).status).toBe(401);
    expect((await inject('GET', '/v1/me', { cookie: userCookie })).status).toBe(200);
  });

  it('lists users newest first, by exact id or the start of a phone or email, by cursor', async () => {
    const ids = (answer: { body: { data: { id: string }[] } }) => answer.body.data.map((user) => user.id);
    const all = await call('GET', '/v1/operator/users?limit=100', operators.support);
    expect(all.body).toMatchObject({ object: 'list', has_more: false });
    expect(ids(all).slice(-3)).toEqual([users.bob!.id, users.alina!.id, users.alice!.id]);
    expect(all.body.data.at(-1)).toMatchObject({ object: 'user', email: 'alice@console.example', kyc_tier: 'unverified', status: 'active', created_at: expect.any(String) });
    expect(ids(await call('GET', '/v1/operator/users?query=AL', operators.support))).toEqual([users.alina!.id, users.alice!.id]);
    expect(ids(await call('GET', '/v1/operator/users?query=alic', operators.risk))).toEqual([users.alice!.id]);
    expect(ids(await call('GET', '/v1/operator/users?query=%2B86138', operators.admin))).toEqual([users.bob!.id]);
    expect(ids(await call('GET', `/v1/operator/users?query=${users.bob!.id}`, operators.support))).toEqual([users.bob!.id]);
    // A search is taken literally: % and _ match only themselves.
    expect(ids(await call('GET', '/v1/operator/users?query=%25', operators.support))).toEqual([]);
    expect(ids(await call('GET', '/v1/operator/users?query=console', operators.support))).toEqual([]);
    const first = await call('GET', '/v1/operator/users?query=al&limit=1', operators.support);
    expect(first.body).toMatchObject({ has_more: true, data: [{ id: users.alina!.id }] });
    expect(ids(await call('GET', `/v1/operator/users?query=al&limit=1&starting_after=${users.alina!.id}`, operators.support))).toEqual([users.alice!.id]);
    expect((await call('GET', '/v1/operator/users?starting_after=usr_nobody', operators.support)).body.error).toMatchObject({ code: 'cursor_invalid', param: 'starting_after' });
    expect((await call('GET', '/v1/operator/users?limit=101', operators.support)).body.error).toMatchObject({ code: 'parameter_invalid', param: 'limit' });
    expect((await call('GET', '/v1/operator/users?role=x', operators.support)).body.error).toMatchObject({ code: 'parameter_unknown', param: 'role' });
    expect((await call('GET', '/v1/operator/users', operators.finance)).body.error).toMatchObject({ type: 'permission_error', code: 'permission_denied' });
    expect((await call('GET', '/v1/operator/users', users.alice!.token)).body.error.code).toBe('authentication_required');
    expect((await call('GET', '/v1/operator/users')).status).toBe(401);
  });

  it('verifies a user’s identity for risk and admin only, through the identity check', async () => {
    const kycOf = async (id: string) => (await call('GET', `/v1/operator/users/${id}`, operators.support)).body.kyc_tier as string;
    const documents = { name: 'Li Wei', id_number: '11010519491231002X' };
    expect((await call('POST', `/v1/operator/users/${users.alice!.id}/verify`, operators.support, documents)).body.error.code).toBe('permission_denied');
    expect((await call('POST', `/v1/operator/users/${users.alice!.id}/verify`, operators.finance, documents)).body.error.code).toBe('permission_denied');
    expect((await call('POST', `/v1/operator/users/${users.alice!.id}/verify`, operators.risk, { name: 'Li Wei', id_number: '110105194912310021' })).body.error).toMatchObject({ code: 'identity_check_failed', param: 'id_number' });
    expect((await call('POST', `/v1/operator/users/${users.alice!.id}/verify`, operators.risk, { name: 'Li Wei' })).body.error).toMatchObject({ code: 'parameter_missing', param: 'id_number' });
    expect(await kycOf(users.alice!.id)).toBe('unverified');
    expect((await call('POST', '/v1/operator/users/usr_nobody/verify', operators.risk, documents)).body.error).toMatchObject({ code: 'resource_missing', param: 'user' });
    const verified = await call('POST', `/v1/operator/users/${users.alice!.id}/verify`, operators.risk, documents);
    expect(verified.body).toMatchObject({ id: users.alice!.id, kyc_tier: 'verified', balance: { available: '0.00' } });
    expect((await call('GET', '/v1/me', users.alice!.token)).body.kyc_tier).toBe('verified');
    expect((await call('POST', `/v1/operator/users/${users.bob!.id}/verify`, operators.admin, documents)).body.kyc_tier).toBe('verified');
  });

  it('lists merchants by exact id or part of the name, with status and balance', async () => {
    const search = async (query: string, operator = operators.finance) => (await call('GET', `/v1/operator/merchants?${query}`, operator)).body;
    expect((await search('query=tea%20HOUSE')).data).toEqual([{ id: shop, object: 'merchant', name: 'Console Tea House', status: 'active', balance: { available: '99.40', pending: '0.00', currency: 'CNY' }, created_at: expect.any(String) }]);
    expect((await search(`query=${shop}`)).data.map((merchant: { id: string }) => merchant.id)).toEqual([shop]);
    const consoleShops = await search('query=console', operators.support);
    expect(consoleShops.data.map((merchant: { name: string }) => merchant.name)).toEqual(['Console Coffee', 'Console Tea House']);
    const page = await search('query=console&limit=1');
    expect(page.has_more).toBe(true);
    expect((await search(`query=console&limit=1&starting_after=${page.data[0].id}`)).data.map((merchant: { id: string }) => merchant.id)).toEqual([shop]);
    expect((await search('starting_after=mch_nobody')).error).toMatchObject({ code: 'cursor_invalid', param: 'starting_after' });
    expect((await search('query=nothing-like-it')).data).toEqual([]);
  });

  it('freezes a merchant for risk and admin: its keys and members stop at once, and start again when unfrozen', async () => {
    const trades = async () => (await call('GET', '/v1/trades?limit=100', key)).body.data.length as number;
    const before = await trades();
    expect((await call('POST', `/v1/operator/merchants/${shop}/freeze`, operators.support)).body.error.code).toBe('permission_denied');
    expect((await call('POST', `/v1/operator/merchants/${shop}/freeze`, operators.finance)).body.error.code).toBe('permission_denied');
    expect((await call('GET', '/v1/merchant', key)).body.status).toBe('active');
    expect((await call('POST', '/v1/operator/merchants/mch_nobody/freeze', operators.risk)).body.error).toMatchObject({ code: 'resource_missing', param: 'merchant' });

    const frozen = await call('POST', `/v1/operator/merchants/${shop}/freeze`, operators.risk);
    expect(frozen.body).toMatchObject({ id: shop, status: 'frozen', balance: { available: '99.40' } });
    const refusedByKey = await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'c-frozen', subject: 'x', amount: '1.00', currency: 'CNY' });
    expect(refusedByKey.status).toBe(403);
    expect(refusedByKey.body.error).toMatchObject({ type: 'permission_error', code: 'merchant_frozen' });
    expect((await call('GET', '/v1/merchant', key)).body.error.code).toBe('merchant_frozen');
    const refusedMember = await send('GET', '/v1/trades', { token: users.owner!.token, headers: { 'zhifu-merchant': shop } });
    expect(refusedMember.body.error.code).toBe('merchant_frozen');
    // A stranger still learns nothing, not even that the merchant is frozen.
    expect((await send('GET', '/v1/trades', { token: users.alice!.token, headers: { 'zhifu-merchant': shop } })).body.error.code).toBe('merchant_not_found');
    // The owner still sees the merchant, and why nothing works.
    expect((await call('GET', '/v1/me/merchants', users.owner!.token)).body.data.find((merchant: { id: string }) => merchant.id === shop).status).toBe('frozen');
    expect((await call('GET', '/v1/operator/merchants?query=tea', operators.support)).body.data[0].status).toBe('frozen');
    // Nor can its owner change it meanwhile: no new payout account, key, app or member; reading stays open.
    expect((await call('POST', `/v1/merchants/${shop}/payout_account`, users.owner!.token, { number: '4242424242424242' })).body.error.code).toBe('merchant_frozen');
    expect((await call('POST', `/v1/merchants/${shop}/payout_schedule`, users.owner!.token, { schedule: 'manual' })).body.error.code).toBe('merchant_frozen');
    expect((await call('POST', `/v1/merchants/${shop}/api_keys`, users.owner!.token, {})).body.error.code).toBe('merchant_frozen');
    expect((await call('GET', `/v1/merchants/${shop}`, users.owner!.token)).body.status).toBe('frozen');

    expect((await call('POST', `/v1/operator/merchants/${shop}/unfreeze`, operators.admin)).body.status).toBe('active');
    expect(await trades()).toBe(before);
    expect((await send('GET', '/v1/merchant', { token: users.owner!.token, headers: { 'zhifu-merchant': shop } })).body.status).toBe('active');
  });

  it("shows a merchant's members and gateway apps, and lets risk and admin disable an app", async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const till = (await call('POST', `/v1/merchants/${shop}/apps`, users.owner!.token, { name: 'Till', public_key: publicKey })).body.app_id as string;
    const kiosk = (await call('POST', `/v1/merchants/${shop}/apps`, users.owner!.token, { name: 'Kiosk', public_key: publicKey })).body.app_id as string;
    const detail = (await call('GET', `/v1/operator/merchants/${shop}`, operators.finance)).body;
    expect(detail).toMatchObject({ id: shop, object: 'merchant', name: 'Console Tea House', members: [{ user: users.owner!.id, role: 'owner' }] });
    expect(detail.apps).toEqual([
      { app_id: kiosk, object: 'app', name: 'Kiosk', status: 'active', created_at: expect.any(String) },
      { app_id: till, object: 'app', name: 'Till', status: 'active', created_at: expect.any(String) },
    ]);
    // Operators see what an app is, never its keys.
    expect(JSON.stringify(detail)).not.toContain('PUBLIC KEY');

    const disable = (app: string, operator: string, merchant = shop) => call('POST', `/v1/operator/merchants/${merchant}/apps/${app}/disable`, operator);
    for (const operator of [operators.support, operators.finance]) expect((await disable(till, operator)).body.error.code).toBe('permission_denied');
    expect((await disable('2026000000000000', operators.risk)).body.error).toMatchObject({ code: 'resource_missing', param: 'app_id' });
    expect((await disable(till, operators.risk, 'mch_nobody')).body.error).toMatchObject({ code: 'resource_missing', param: 'merchant' });
    // Another merchant's path does not reach this merchant's app.
    const coffee = (await call('GET', '/v1/operator/merchants?query=coffee', operators.risk)).body.data[0].id as string;
    expect((await disable(till, operators.risk, coffee)).body.error).toMatchObject({ code: 'resource_missing', param: 'app_id' });
    expect((await call('GET', `/v1/merchants/${shop}/apps/${till}`, users.owner!.token)).body.status).toBe('active');

    const disabled = await disable(till, operators.risk);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual({ app_id: till, object: 'app', name: 'Till', status: 'disabled', created_at: expect.any(String) });
    // The merchant sees it disabled and can no longer change it; disabling it again changes nothing.
    expect((await call('GET', `/v1/merchants/${shop}/apps/${till}`, users.owner!.token)).body.status).toBe('disabled');
    expect((await call('POST', `/v1/merchants/${shop}/apps/${till}`, users.owner!.token, { name: 'Till again' })).body.error.code).toBe('app_disabled');
    expect((await disable(till, operators.admin)).body.status).toBe('disabled');
    expect((await call('GET', `/v1/operator/merchants/${shop}`, operators.support)).body.apps.map((app: { status: string }) => app.status)).toEqual(['active', 'disabled']);
  });

  it('shows the ledger per account code with the invariant check, rerun at most once a minute', async () => {
    expect((await call('GET', '/v1/operator/ledger', operators.support)).body.error.code).toBe('permission_denied');
    const overview = await call('GET', '/v1/operator/ledger', operators.finance);
    expect(overview.status).toBe(200);
    const byCode = Object.fromEntries(overview.body.account_codes.map((row: { code: number }) => [row.code, row]));
    // Five consumers, the buyer of whom topped up 500.00 and paid 100.00, less a fee of 0.60, to the merchant.
    expect(byCode[1001]).toEqual({ ledger: 156, currency: 'CNY', code: 1001, name: 'Consumer balances', accounts: 5, debits_posted: '100.00', credits_posted: '500.00', debits_pending: '0.00', credits_pending: '0.00', balance: '400.00' });
    expect(byCode[1002]).toMatchObject({ name: 'Merchant balances', accounts: 2, debits_posted: '0.60', credits_posted: '100.00', balance: '99.40' });
    expect(byCode[2001]).toMatchObject({ name: expect.stringContaining('Bank settlement'), accounts: 1, debits_posted: '500.00', balance: '-500.00' });
    expect(byCode[3001]).toMatchObject({ name: 'Platform fees earned', accounts: 1, credits_posted: '0.60', balance: '0.60' });
    const { check } = overview.body;
    expect(check).toMatchObject({ ok: true, accounts: 9, failure_count: 0, failures: [], ledgers: [{ ledger: 156, currency: 'CNY', accounts: 9, debits_posted: '600.60', credits_posted: '600.60' }] });
    expect(check.transfers).toBeGreaterThanOrEqual(3);
    // The balances of every code add up to nothing: double entry.
    expect(overview.body.account_codes.reduce((sum: number, row: { balance: string }) => sum + Math.round(Number(row.balance) * 100), 0)).toBe(0);

    const again = await call('GET', '/v1/operator/ledger', operators.risk);
    expect(again.body.check.checked_at).toBe(check.checked_at);
    fixtureOf().clock.advanceSeconds(ledgerCheckMaxAgeMilliseconds / 1000);
    const later = await call('GET', '/v1/operator/ledger', operators.admin);
    expect(Date.parse(later.body.check.checked_at)).toBeGreaterThan(Date.parse(check.checked_at));
  });

  it('lists the durable jobs with last run, next due, lease and last error', async () => {
    const { jobs, clock } = { jobs: fixtureOf().app.services.jobs, clock: fixtureOf().clock };
    const now = clock.now().getTime();
    await jobs.ensure('payouts.daily', now);
    await jobs.ensure('webhooks.deliver', now);
    expect(await jobs.claim('payouts.daily', 'host-a:1', now, now + 300_000)).toBe(true);
    await jobs.finish('payouts.daily', 'host-a:1', now + 60_000, 'the bank did not answer', now + 5_000);
    expect(await jobs.claim('webhooks.deliver', 'host-b:2', now, now + 300_000)).toBe(true);
    expect((await call('GET', '/v1/operator/jobs', operators.finance)).body.error.code).toBe('permission_denied');
    const listed = await call('GET', '/v1/operator/jobs', operators.support);
    expect(listed.body).toEqual({
      object: 'list',
      has_more: false,
      data: [
        { name: 'payouts.daily', object: 'job', runs: 1, last_run_at: new Date(now + 5_000).toISOString(), next_due_at: new Date(now + 60_000).toISOString(), lease: null, last_error: 'the bank did not answer' },
        { name: 'webhooks.deliver', object: 'job', runs: 0, last_run_at: null, next_due_at: new Date(now).toISOString(), lease: { owner: 'host-b:2', expires_at: new Date(now + 300_000).toISOString(), live: true }, last_error: null },
      ],
    });
    clock.advanceSeconds(301);
    expect((await call('GET', '/v1/operator/jobs', operators.admin)).body.data[1].lease.live).toBe(false);
  });

  it("lists every merchant's webhook deliveries by status, and sends one again for support and admin", async () => {
    // A receiver that is not there: the first attempt fails and the delivery waits for the next.
    const endpoint = await call('POST', '/v1/webhook_endpoints', key, { url: 'http://127.0.0.1:9/hooks', events: ['trade.paid'] });
    expect(endpoint.status).toBe(201);
    const trade = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'c-hook', subject: 'Hooked', amount: '3.00', currency: 'CNY' })).body.id;
    await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin: '123456' });
    expect(await fixtureOf().app.services.webhooks.runDue()).toBe(1);

    expect((await call('GET', '/v1/operator/webhook_deliveries', operators.risk)).body.error.code).toBe('permission_denied');
    const pending = await call('GET', '/v1/operator/webhook_deliveries?status=pending', operators.support);
    expect(pending.body).toMatchObject({ object: 'list', has_more: false });
    expect(pending.body.data).toHaveLength(1);
    const delivery = pending.body.data[0];
    expect(delivery).toMatchObject({ object: 'webhook_delivery', merchant: shop, channel: 'webhook', event_type: 'trade.paid', status: 'pending', attempts: 1, url: 'http://127.0.0.1:9/hooks', last_status_code: null, last_error: expect.any(String) });
    expect(Date.parse(delivery.next_attempt_at)).toBeGreaterThan(fixtureOf().clock.now().getTime());
    expect((await call('GET', '/v1/operator/webhook_deliveries?status=succeeded', operators.admin)).body.data).toEqual([]);
    expect((await call('GET', '/v1/operator/webhook_deliveries?status=lost', operators.admin)).body.error).toMatchObject({ code: 'parameter_invalid', param: 'status' });
    expect((await call('GET', `/v1/operator/webhook_deliveries?starting_after=${delivery.id}`, operators.admin)).body.data).toEqual([]);

    expect((await call('POST', `/v1/operator/webhook_deliveries/${delivery.id}/replay`, operators.finance)).body.error.code).toBe('permission_denied');
    expect((await call('POST', '/v1/operator/webhook_deliveries/whd_nobody/replay', operators.support)).body.error).toMatchObject({ code: 'resource_missing', param: 'delivery' });
    const replayed = await call('POST', `/v1/operator/webhook_deliveries/${delivery.id}/replay`, operators.support);
    expect(replayed.status).toBe(202);
    expect(replayed.body).toEqual({ id: delivery.id, object: 'webhook_delivery', status: 'pending' });
    // The replay is in the operators' log, once; the refused ones are not.
    const logged = (await call('GET', `/v1/operator/actions?target=${delivery.id}`, operators.admin)).body.data;
    expect(logged).toMatchObject([{ action: 'webhook_delivery.replay', operator_email: 'support@zhifu.example', target: { type: 'webhook_delivery', id: delivery.id } }]);
    const after = (await call('GET', '/v1/operator/webhook_deliveries', operators.admin)).body.data[0];
    expect(Date.parse(after.next_attempt_at)).toBeLessThanOrEqual(fixtureOf().clock.now().getTime());
    // A merchant replays only its own deliveries; the operator any.
    const otherOwner = await signUp({ email: 'other-owner@console.example' });
    const other = (await call('POST', '/v1/merchants', otherOwner, { name: 'Elsewhere' })).body.id;
    const otherKey = (await call('POST', `/v1/merchants/${other}/api_keys`, otherOwner, {})).body.secret;
    expect((await call('POST', `/v1/webhook_deliveries/${delivery.id}/replay`, otherKey)).status).toBe(404);
  });
});
