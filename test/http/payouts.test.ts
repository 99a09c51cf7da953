// Payouts over the API, on both stores: a merchant's balance paid out to its bank account on
// request and daily (T+1), each a hold that is posted when the bank pays and given back when it
// refuses; idempotent by Idempotency-Key; events for webhooks; others' payouts hidden.

import { describe, expect, it } from 'vitest';
import { eventBody } from '../../src/notify/index.js';
import { transferFlags, transferInput } from '../../src/ledger/index.js';
import { payoutHoldSeconds } from '../../src/settlement/index.js';
import { cnyLedger, SystemAccount, TransferCode } from '../../src/wallet/index.js';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

describe.each(storeKinds)('payouts on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);

  const call = apiCaller(fixtureOf);
  let owner: string;
  let merchant: string;
  let key: string;
  let buyer: string;
  const balance = async () => (await call('GET', '/v1/merchant', key)).body.balance.available as string;
  const runDaily = () => fixtureOf().app.services.payouts.runDaily(async (ids) => (await Promise.all(ids.map((id) => fixtureOf().app.services.merchants.findMerchant(id)))).filter((found) => found !== undefined));
  const sell = async (outTradeNo: string, amount: string) => {
    const trade = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: outTradeNo, subject: 'Goods', amount, currency: 'CNY' })).body.id;
    expect((await call('POST', `/v1/orders/${trade}/pay`, buyer, { pin: '123456' })).body.status).toBe('TRADE_SUCCESS');
  };

  it('sets up a merchant that has sold 100.00', async () => {
    const signUp = async (email: string) => {
      await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
      return (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
    };
    owner = await signUp('owner@payouts.example');
    merchant = (await call('POST', '/v1/merchants', owner, { name: 'Payout Shop' })).body.id;
    key = (await call('POST', `/v1/merchants/${merchant}/api_keys`, owner, {})).body.secret;
    buyer = await signUp('buyer@payouts.example');
    await call('POST', '/v1/me/pin', buyer, { pin: '123456', password: 'long enough' });
    const card = (await call('POST', '/v1/cards', buyer, { number: '4242424242424242' })).body.id;
    await call('POST', '/v1/topups', buyer, { card, amount: '1000.00', currency: 'CNY' });
    await sell('p-1', '100.00');
    expect(await balance()).toBe('99.40');
  });

  it('needs a bank account, gives the money back when the bank refuses, and pays when it accepts', async () => {
    expect((await call('POST', '/v1/payouts', key, { amount: '10.00', currency: 'CNY' })).body.error.code).toBe('payout_account_missing');
    const settings = () => call('GET', `/v1/merchants/${merchant}/payout_settings`, owner);
    expect((await settings()).body).toEqual({ object: 'payout_settings', account: null, schedule: 'daily' });
    expect((await call('POST', `/v1/merchants/${merchant}/payout_account`, owner, { number: '1234' })).body.error).toMatchObject({ code: 'card_number_invalid', param: 'number' });
    const set = await call('POST', `/v1/merchants/${merchant}/payout_account`, owner, { number: '4000000000000002' });
    expect(set.body).toMatchObject({ object: 'payout_account', last4: '0002', created_at: expect.any(String) });
    expect((await settings()).body).toEqual({ object: 'payout_settings', account: set.body, schedule: 'daily' });
    const refused = await call('POST', '/v1/payouts', key, { amount: '50.00', currency: 'CNY' });
    expect(refused.status).toBe(201);
    expect(refused.body).toMatchObject({ object: 'payout', amount: '50.00', status: 'failed', failure_code: 'card_declined' });
    expect(await balance()).toBe('99.40');
    await call('POST', `/v1/merchants/${merchant}/payout_account`, owner, { number: '4242424242424242' });
    const paid = await fixtureOf().app.fastify.inject({ method: 'POST', url: '/v1/payouts', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': 'payout-1' }, payload: JSON.stringify({ amount: '30.00', currency: 'CNY' }) });
    expect(paid.json()).toMatchObject({ amount: '30.00', status: 'paid', failure_code: null });
    const replay = await fixtureOf().app.fastify.inject({ method: 'POST', url: '/v1/payouts', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'idempotency-key': 'payout-1' }, payload: JSON.stringify({ amount: '30.00', currency: 'CNY' }) });
    expect(replay.json().id).toBe(paid.json().id);
    expect(await balance()).toBe('69.40');
    expect((await call('POST', '/v1/payouts', key, { amount: '69.41', currency: 'CNY' })).body.error).toMatchObject({ code: 'balance_insufficient', param: 'amount' });
    const events = await fixtureOf().platform.db.selectFrom('events').selectAll().where('merchant_id', '=', merchant).where('type', 'like', 'payout.%').orderBy('id').execute();
    expect(events.map((event) => event.type)).toEqual(['payout.created', 'payout.failed', 'payout.created', 'payout.paid']);
    // A payout the key asked for says so in its event (acted_by); the bank's answers name no credential.
    const keyId = (await call('GET', `/v1/merchants/${merchant}/api_keys`, owner)).body.data[0].id as string;
    expect(events.map((event) => eventBody(event).acted_by)).toEqual([{ type: 'api_key', id: keyId }, null, { type: 'api_key', id: keyId }, null]);
  });

  it('asks the bank again about a payout whose answer was lost in a crash, before its hold can expire', async () => {
    await sell('p-lost', '10.00');
    const merchantRow = (await fixtureOf().app.services.merchants.findMerchant(merchant))!;
    // The hold and the record are made, then the process dies before the bank's answer is recorded.
    const holdId = 987_654_321n;
    expect(await fixtureOf().ledger.createTransfers([transferInput({ id: holdId, debitAccountId: merchantRow.balanceAccountId, creditAccountId: SystemAccount.bankClearingCny, amount: 500n, ledger: cnyLedger, code: TransferCode.payout, flags: transferFlags('pending'), timeout: payoutHoldSeconds, userData128: holdId })])).toEqual(['ok']);
    await fixtureOf().platform.db.insertInto('payouts').values({ id: 'po_lost', merchant_id: merchant, amount: '500', status: 'pending', failure_code: null, hold_transfer_id: holdId.toString(), automatic_for: null, created_at: fixtureOf().clock.now().getTime(), settled_at: null }).execute();
    expect(await fixtureOf().app.services.payouts.reconcilePending()).toBe(0);
    fixtureOf().clock.advanceSeconds(11 * 60);
    expect(await fixtureOf().app.services.payouts.reconcilePending()).toBe(1);
    expect((await call('GET', '/v1/payouts/po_lost', key)).body).toMatchObject({ status: 'paid', amount: '5.00' });
    const [hold] = await fixtureOf().ledger.lookupHolds([holdId]).then((holds) => [...holds.values()]);
    expect(hold!.status).toBe('posted');
  });

  it('pays the whole balance out once per business day, unless the schedule is manual', async () => {
    expect(await runDaily()).toBe(1);
    expect(await balance()).toBe('0.00');
    await sell('p-2', '10.00');
    expect(await runDaily()).toBe(0);
    fixtureOf().clock.advanceSeconds(24 * 60 * 60);
    expect(await runDaily()).toBe(1);
    expect(await balance()).toBe('0.00');
    const listed = await call('GET', '/v1/payouts', key);
    expect(listed.body.data[0]).toMatchObject({ amount: '9.94', status: 'paid', automatic_for: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    owner = (await call('POST', '/v1/sessions', undefined, { identifier: 'owner@payouts.example', password: 'long enough' })).body.token;
    expect((await call('POST', `/v1/merchants/${merchant}/payout_schedule`, owner, { schedule: 'manual' })).body.schedule).toBe('manual');
    expect((await call('GET', `/v1/merchants/${merchant}/payout_settings`, owner)).body).toMatchObject({ account: { brand: 'visa', last4: '4242' }, schedule: 'manual' });
    await sell('p-3', '5.00');
    fixtureOf().clock.advanceSeconds(24 * 60 * 60);
    expect(await runDaily()).toBe(0);
    expect(await balance()).toBe('4.97');
  });

  it("bills a day's every movement of the balance, with totals equal to the ledger's", async () => {
    // A fresh day: a direct sale refunded in part, an escrow sale released, a split, a payout.
    fixtureOf().clock.advanceSeconds(24 * 60 * 60);
    const now = fixtureOf().clock.now().getTime();
    const day = new Date(now + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    buyer = (await call('POST', '/v1/sessions', undefined, { identifier: 'buyer@payouts.example', password: 'long enough' })).body.token;
    owner = (await call('POST', '/v1/sessions', undefined, { identifier: 'owner@payouts.example', password: 'long enough' })).body.token;
    await sell('bill-direct', '200.00');
    const direct = (await call('GET', '/v1/trades?limit=1', key)).body.data[0].id;
    await call('POST', `/v1/trades/${direct}/refunds`, key, { amount: '50.00', currency: 'CNY', out_request_no: 'bill-r1' });
    const escrow = (await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'bill-escrow', subject: 'Vase', amount: '80.00', currency: 'CNY', buyer: 'buyer@payouts.example' })).body.id;
    await call('POST', `/v1/orders/${escrow}/pay`, buyer, { pin: '123456' });
    await call('POST', `/v1/trades/${escrow}/ship`, key, { carrier: 'SF', tracking_number: 'B1' });
    await call('POST', `/v1/orders/${escrow}/confirm`, buyer, { pin: '123456' });
    const partner = (await call('POST', '/v1/merchants', buyer, { name: 'Bill Partner' })).body.id;
    const partnerKey = (await call('POST', `/v1/merchants/${partner}/api_keys`, buyer, {})).body.secret;
    await call('POST', `/v1/trades/${direct}/splits`, key, { out_request_no: 'bill-s1', currency: 'CNY', royalty_parameters: [{ trans_in: partner, amount: '10.00' }] });
    await call('POST', '/v1/payouts', key, { amount: '20.00', currency: 'CNY' });

    const response = await fixtureOf().app.fastify.inject({ method: 'GET', url: `/v1/bills/${day}.csv`, headers: { authorization: `Bearer ${key}` } });
    expect(response.headers['content-type']).toContain('text/csv');
    const rows = response.body.trim().split('\n').map((row) => row.split(','));
    expect(rows[0]).toEqual(['time', 'type', 'reference', 'out_trade_no', 'amount', 'currency', 'transfer_id']);
    const total = (type: string) => rows.find((row) => row[1] === type)?.[4];
    // 200.00 paid, fee 1.20; refund 50.00 returns 0.30 of it; 80.00 released, fee 0.48; 10.00 split; 20.00 paid out.
    expect(rows.filter((row) => row[1] === 'payment').map((row) => [row[3], row[4]])).toEqual([['bill-direct', '200.00']]);
    expect(total('total_payment')).toBe('200.00');
    expect(total('total_release')).toBe('80.00');
    expect(total('total_fee')).toBe('-1.68');
    expect(total('total_fee_return')).toBe('0.30');
    expect(total('total_refund')).toBe('-50.00');
    expect(total('total_split_out')).toBe('-10.00');
    expect(total('total_payout')).toBe('-20.00');
    expect(total('net')).toBe('198.62');
    // The net is what the ledger says the day did to the posted balance.
    const account = (await fixtureOf().app.services.merchants.findMerchant(merchant))!.balanceAccountId;
    const range = { first: BigInt(Date.parse(`${day}T00:00:00+08:00`)) * 1_000_000n, last: BigInt(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000) * 1_000_000n - 1n };
    const posted = async (until: bigint) => {
      const [latest] = await fixtureOf().ledger.getAccountBalances({ accountId: account, timestampMin: 0n, timestampMax: until, limit: 1, debits: true, credits: true, reversed: true });
      return latest === undefined ? 0n : latest.creditsPosted - latest.debitsPosted;
    };
    expect((await posted(range.last)) - (await posted(range.first - 1n))).toBe(19_862n);
    const partnerBill = await fixtureOf().app.fastify.inject({ method: 'GET', url: `/v1/bills/${day}.csv`, headers: { authorization: `Bearer ${partnerKey}` } });
    expect(partnerBill.body).toContain(',split_in,');
    // The receiver's bill does not show the paying merchant's own order numbers.
    expect(partnerBill.body).not.toContain('bill-direct');
    expect((await call('GET', '/v1/bills/2026-02-30.csv', key)).body.error.code).toBe('day_invalid');
  });

  it('hides payouts from other merchants, and needs the payouts scopes', async () => {
    const mine = (await call('GET', '/v1/payouts?limit=1', key)).body.data[0].id as string;
    expect((await call('GET', `/v1/payouts/${mine}`, key)).body.id).toBe(mine);
    const second = await call('GET', `/v1/payouts?limit=1&starting_after=${mine}`, key);
    expect(second.body.data[0].id).not.toBe(mine);
    expect((await call('GET', '/v1/payouts?starting_after=po_nothing', key)).body.error.code).toBe('cursor_invalid');
    const stranger = (await call('POST', '/v1/sessions', undefined, { identifier: 'buyer@payouts.example', password: 'long enough' })).body.token;
    const otherMerchant = (await call('POST', '/v1/merchants', stranger, { name: 'Other' })).body.id;
    const otherKey = (await call('POST', `/v1/merchants/${otherMerchant}/api_keys`, stranger, { scopes: ['trades:read'] })).body.secret;
    expect((await call('GET', `/v1/payouts/${mine}`, otherKey)).body.error.code).toBe('api_key_scope_missing');
    const readKey = (await call('POST', `/v1/merchants/${otherMerchant}/api_keys`, stranger, { scopes: ['payouts:read'] })).body.secret;
    expect((await call('GET', `/v1/payouts/${mine}`, readKey)).status).toBe(404);
    expect((await call('POST', `/v1/merchants/${merchant}/payout_account`, stranger, { number: '4242424242424242' })).status).toBe(404);
    // Another merchant's payout settings are hidden, and an API key does not read them.
    expect((await call('GET', `/v1/merchants/${merchant}/payout_settings`, stranger)).status).toBe(404);
    expect((await call('GET', `/v1/merchants/${merchant}/payout_settings`, key)).status).toBe(401);
  });
});
