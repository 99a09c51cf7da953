// Trades over the REST API, on both stores: an escrow trade paid, shipped and confirmed with the
// fee; item-by-item confirmation; confirmation by the deadline; extensions; unpaid close; direct
// trades with partial refunds from the merchant's balance; refunds from the hold; a refund the
// merchant cannot fund; splits, capped at what the trade left the merchant after its fee and
// refunds; replays and conflicts; others' trades hidden. The ledger balances after.

import { describe, expect, it } from 'vitest';
import { transferInput } from '../../src/ledger/index.js';
import { tradeNumber } from '../../src/trades/index.js';
import { feeTransfer, linkedChain, paymentTransfer, StepIds } from '../../src/trades/trade-moves.js';
import { cnyLedger, SystemAccount, TransferCode } from '../../src/wallet/index.js';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

describe.each(storeKinds)('trades on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);

  const call = apiCaller(fixtureOf);
  const consumer = async (email: string, topUp: string) => {
    await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
    const token = (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
    await call('POST', '/v1/me/pin', token, { pin: '123456', password: 'long enough' });
    const card = (await call('POST', '/v1/cards', token, { number: '4242424242424242' })).body.id;
    expect((await call('POST', '/v1/topups', token, { card, amount: topUp, currency: 'CNY' })).status).toBe(201);
    return token;
  };
  // Sessions end after some days; tests that move the clock by weeks sign in again.
  const signIn = async (email: string) => (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
  const balance = async (token: string) => (await call('GET', '/v1/me', token)).body.balance.available as string;

  let buyer: string;
  let other: string;
  let owner: string;
  let merchantId: string;
  let key: string;
  let limitedToken: string;
  const merchantBalance = async () => (await call('GET', '/v1/merchant', key)).body.balance.available as string;

  it('sets up a merchant with an API key and two buyers', async () => {
    buyer = await consumer('buyer@example.com', '1000.00');
    other = await consumer('other@example.com', '100.00');
    owner = await consumer('shop@example.com', '1.00');
    merchantId = (await call('POST', '/v1/merchants', owner, { name: 'Tea Shop' })).body.id;
    key = (await call('POST', `/v1/merchants/${merchantId}/api_keys`, owner, {})).body.secret;
  });

  it('holds an escrow payment until the buyer confirms, then releases it less the 0.6% fee (half-up)', async () => {
    const created = await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'order-1', subject: 'Tea set', amount: '100.05', currency: 'CNY', buyer: 'buyer@example.com' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'trade', status: 'WAIT_BUYER_PAY', amount: '100.05', buyer: expect.stringMatching(/^usr_/) });
    const id = created.body.id as string;
    // The same out_trade_no and terms answer the same trade; other terms are refused.
    expect((await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'order-1', subject: 'Tea set', amount: '100.05', currency: 'CNY', buyer: 'buyer@example.com' })).body.id).toBe(id);
    expect((await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'order-1', subject: 'Tea set', amount: '99.00', currency: 'CNY' })).body.error.code).toBe('out_trade_no_taken');
    expect((await call('POST', `/v1/orders/${id}/pay`, other, { pin: '123456' })).body.error.code).toBe('trade_not_found');
    expect((await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '000000' })).body.error.code).toBe('pin_incorrect');
    expect((await call('POST', `/v1/trades/${id}/ship`, key, { carrier: 'SF', tracking_number: 'SF1' })).body.error.code).toBe('trade_status_invalid');
    const paid = await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    expect(paid.body).toMatchObject({ status: 'WAIT_SELLER_SEND_GOODS', held_amount: '100.05' });
    expect(await balance(buyer)).toBe('899.95');
    expect(await merchantBalance()).toBe('0.00');
    const shipped = await call('POST', `/v1/trades/${id}/ship`, key, { carrier: 'SF Express', tracking_number: 'SF100' });
    expect(shipped.body).toMatchObject({ status: 'WAIT_BUYER_CONFIRM_GOODS', shipping: { carrier: 'SF Express', tracking_number: 'SF100' } });
    const confirmed = await call('POST', `/v1/orders/${id}/confirm`, buyer, { pin: '123456' });
    // 100.05 × 0.6% = 0.6003, half-up to 0.60.
    expect(confirmed.body).toMatchObject({ status: 'TRADE_FINISHED', held_amount: '0.00', released_amount: '100.05', fee_amount: '0.60' });
    expect(await merchantBalance()).toBe('99.45');
    const events = await call('GET', `/v1/trades/${id}/events`, key);
    expect(events.body.data.map((event: { type: string; actor: string }) => `${event.type}:${event.actor}`)).toEqual(['created:merchant', 'paid:buyer', 'shipped:merchant', 'confirmed:buyer']);
    // Amounts in the timeline are decimal strings with the currency beside them, as everywhere in the API.
    expect(events.body.data.map((event: { data: unknown }) => event.data)).toEqual([
      { amount: '100.05', currency: 'CNY' },
      { amount: '100.05', fee: '0.00', currency: 'CNY' },
      { carrier: 'SF Express', tracking_number: 'SF100' },
      { amount: '100.05', fee: '0.60', items: [], automatic: false, currency: 'CNY' },
    ]);
    // The buyer sees the same steps, without who acted for the merchant.
    const withoutActedBy = events.body.data.map(({ acted_by: _actedBy, ...event }: Record<string, unknown>) => event);
    expect((await call('GET', `/v1/orders/${id}/events`, buyer)).body.data).toEqual(withoutActedBy);
    expect((await call('GET', `/v1/orders/${id}/events`, other)).status).toBe(404);
    expect((await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '1.00', currency: 'CNY', out_request_no: 'r1' })).body.error.code).toBe('trade_status_invalid');
  });

  it('releases item by item, and confirms the rest itself ten days after shipment; extensions move the deadline', async () => {
    const created = await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'order-2', subject: 'Two teas', amount: '30.00', currency: 'CNY', items: [{ name: 'Green', amount: '10.00' }, { name: 'Black', amount: '20.00' }] });
    const id = created.body.id as string;
    expect((await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'order-x', subject: 'Bad', amount: '30.00', currency: 'CNY', items: [{ name: 'A', amount: '1.00' }] })).body.error.code).toBe('items_total_mismatch');
    await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    await call('POST', `/v1/trades/${id}/ship`, key, { carrier: 'EMS', tracking_number: 'E1' });
    const part = await call('POST', `/v1/orders/${id}/confirm`, buyer, { pin: '123456', items: [0] });
    expect(part.body).toMatchObject({ status: 'WAIT_BUYER_CONFIRM_GOODS', held_amount: '20.00', released_amount: '10.00', fee_amount: '0.06' });
    expect(part.body.items.map((item: { status: string }) => item.status)).toEqual(['released', 'held']);
    expect((await call('POST', `/v1/orders/${id}/confirm`, buyer, { pin: '123456', items: [0] })).body.error.code).toBe('item_invalid');
    expect((await call('POST', `/v1/trades/${id}/extend`, key, { days: 4 })).body.error.code).toBe('extension_invalid');
    const deadline = Date.parse(part.body.confirm_deadline);
    const extended = await call('POST', `/v1/trades/${id}/extend`, key, { days: 3 });
    expect(Date.parse(extended.body.confirm_deadline) - deadline).toBe(3 * 86_400_000);
    // The buyer may extend only in the last three days.
    expect((await call('POST', `/v1/orders/${id}/extend`, buyer)).body.error.code).toBe('extension_invalid');
    fixtureOf().clock.advanceSeconds(11 * 86_400);
    expect((await call('POST', `/v1/orders/${id}/extend`, buyer)).status).toBe(200);
    expect((await call('POST', `/v1/orders/${id}/extend`, buyer)).body.error.code).toBe('extension_invalid');
    const merchantOf = async (merchant: string) => (await fixtureOf().app.services.merchants.findMerchant(merchant))!;
    expect(await fixtureOf().app.services.trades.runDue(merchantOf)).toBe(0);
    fixtureOf().clock.advanceSeconds(5 * 86_400 + 60);
    expect(await fixtureOf().app.services.trades.runDue(merchantOf)).toBeGreaterThanOrEqual(1);
    const done = await call('GET', `/v1/trades/${id}`, key);
    expect(done.body).toMatchObject({ status: 'TRADE_FINISHED', released_amount: '30.00', fee_amount: '0.18' });
    expect((await call('GET', `/v1/trades/${id}/events`, key)).body.data.at(-1)).toMatchObject({ type: 'confirmed', actor: 'system', data: { automatic: true } });
  });

  it('heals a step whose money moved but whose record was lost (a crash in between): the retry meets its chain and records it', async () => {
    const id = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'crash-1', subject: 'Crash', amount: '20.00', currency: 'CNY' })).body.id as string;
    const trade = (await fixtureOf().app.services.trades.findTrade(id))!;
    const merchant = (await fixtureOf().app.services.merchants.findMerchant(merchantId))!;
    const buyerUser = (await fixtureOf().app.services.identity.findUser('buyer@example.com'))!;
    // The pay step's chain, as the step makes it, applied on its own: then the process "died".
    const ids = new StepIds(`${trade.id}@${trade.version}`);
    const accounts = { buyer: buyerUser.balanceAccountId, merchant: merchant.balanceAccountId };
    const chain = linkedChain([paymentTransfer(ids, accounts, 2000n), feeTransfer(ids, accounts, 12n)].map((transfer) => ({ ...transfer, userData128: tradeNumber(trade.id) })));
    expect(await fixtureOf().ledger.createTransfers(chain)).toEqual(['ok', 'ok']);
    const before = await balance(buyer);
    const paid = await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    expect(paid.body).toMatchObject({ status: 'TRADE_SUCCESS', released_amount: '20.00', fee_amount: '0.12' });
    // Money moved once: the buyer was debited by the chain before, not again by the retry.
    expect(await balance(buyer)).toBe(before);
  });

  it('closes an unpaid trade at its timeout, and refuses payment after', async () => {
    const id = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'order-3', subject: 'Soon gone', amount: '5.00', currency: 'CNY', timeout_express: '15m' })).body.id;
    expect((await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'order-y', subject: 'x', amount: '5.00', currency: 'CNY', timeout_express: '16d' })).body.error.code).toBe('timeout_express_invalid');
    // Anyone may open an unpaid trade without a named buyer (a QR code) to pay it, and sees whom it pays.
    expect((await call('GET', `/v1/orders/${id}`, other)).body).toMatchObject({ status: 'WAIT_BUYER_PAY', merchant: merchantId, merchant_name: 'Tea Shop' });
    fixtureOf().clock.advanceSeconds(16 * 60);
    expect((await call('POST', `/v1/orders/${id}/pay`, other, { pin: '123456' })).body.error.code).toBe('trade_closed');
    expect((await call('GET', `/v1/trades/${id}`, key)).body.status).toBe('TRADE_CLOSED');
    expect(await balance(other)).toBe('100.00');
    const manual = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'order-4', subject: 'Closed by hand', amount: '5.00', currency: 'CNY' })).body.id;
    expect((await call('POST', `/v1/trades/${manual}/close`, key)).body.status).toBe('TRADE_CLOSED');
  });

  it('pays a direct trade at once, refunds it in parts from the balance with the fee share, once per out_request_no', async () => {
    const id = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'order-5', subject: 'Cake', amount: '200.00', currency: 'CNY' })).body.id;
    expect((await call('POST', `/v1/orders/${id}/pay`, other, { pin: '123456' })).body.error.code).toBe('balance_insufficient');
    const before = await merchantBalance();
    const paid = await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    expect(paid.body).toMatchObject({ status: 'TRADE_SUCCESS', released_amount: '200.00', fee_amount: '1.20' });
    expect((await call('GET', '/v1/orders', buyer)).body.data[0]).toMatchObject({ id, merchant_name: 'Tea Shop' });
    expect(await merchantBalance()).toBe((Number(before) + 198.8).toFixed(2));
    const refund = await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '50.00', currency: 'CNY', out_request_no: 'refund-1', reason: 'broken' });
    expect(refund.status).toBe(201);
    // The fee on 150.00 is 0.90: 0.30 of it comes back with the refund.
    expect(refund.body).toMatchObject({ object: 'refund', amount: '50.00', from_balance: '50.00', from_hold: '0.00', fee_returned: '0.30' });
    expect((await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '50.00', currency: 'CNY', out_request_no: 'refund-1' })).body.id).toBe(refund.body.id);
    expect((await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '40.00', currency: 'CNY', out_request_no: 'refund-1' })).body.error.code).toBe('refund_request_conflict');
    expect((await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '150.01', currency: 'CNY', out_request_no: 'refund-2' })).body.error.code).toBe('refund_amount_too_large');
    const rest = await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '150.00', currency: 'CNY', out_request_no: 'refund-2' });
    expect(rest.body.fee_returned).toBe('0.90');
    expect((await call('GET', `/v1/trades/${id}`, key)).body).toMatchObject({ status: 'TRADE_CLOSED', refunded_amount: '200.00', fee_amount: '0.00' });
    expect((await call('GET', `/v1/trades/${id}/refunds`, key)).body.data).toHaveLength(2);
    const refunded = (await call('GET', `/v1/trades/${id}/events`, key)).body.data.filter((event: { type: string }) => event.type === 'refunded');
    expect(refunded.map((event: { data: unknown }) => event.data)).toEqual([
      { refund: refund.body.id, amount: '50.00', out_request_no: 'refund-1', currency: 'CNY' },
      { refund: rest.body.id, amount: '150.00', out_request_no: 'refund-2', currency: 'CNY' },
    ]);
  });

  it('refunds from the hold before release, and refuses a refund the merchant cannot fund, moving nothing', async () => {
    const id = (await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'order-6', subject: 'Pot', amount: '80.00', currency: 'CNY', buyer: 'buyer@example.com' })).body.id;
    await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    const before = await balance(buyer);
    const refund = await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '30.00', currency: 'CNY', out_request_no: 'hold-1' });
    expect(refund.body).toMatchObject({ from_hold: '30.00', from_balance: '0.00', fee_returned: '0.00' });
    expect(Number(await balance(buyer)) - Number(before)).toBeCloseTo(30, 2);
    expect((await call('GET', `/v1/trades/${id}`, key)).body).toMatchObject({ status: 'WAIT_SELLER_SEND_GOODS', held_amount: '50.00', refunded_amount: '30.00' });
    await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '50.00', currency: 'CNY', out_request_no: 'hold-2' });
    expect((await call('GET', `/v1/trades/${id}`, key)).body).toMatchObject({ status: 'TRADE_CLOSED', held_amount: '0.00' });

    // A direct trade whose proceeds the merchant has paid on: its refund cannot be funded.
    const second = await call('POST', '/v1/merchants', other, { name: 'Poor Shop' });
    const poorKey = (await call('POST', `/v1/merchants/${second.body.id}/api_keys`, other, {})).body.secret;
    const poor = (await call('POST', '/v1/trades', poorKey, { kind: 'direct', out_trade_no: 'p-1', subject: 'Bun', amount: '10.00', currency: 'CNY' })).body.id;
    await call('POST', `/v1/orders/${poor}/pay`, buyer, { pin: '123456' });
    expect((await call('GET', `/v1/trades/${poor}`, key)).status).toBe(404);
    expect((await call('POST', `/v1/trades/${poor}/refunds`, key, { amount: '1.00', currency: 'CNY', out_request_no: 'x' })).body.error.code).toBe('trade_not_found');
    const firstRefund = await call('POST', `/v1/trades/${poor}/refunds`, poorKey, { amount: '9.00', currency: 'CNY', out_request_no: 'p-r1' });
    // The fee on the 1.00 left is 0.01: 0.05 of the 0.06 comes back, so the merchant pays 8.95 of it.
    expect(firstRefund.body).toMatchObject({ from_balance: '9.00', fee_returned: '0.05' });
    expect((await call('GET', '/v1/merchant', poorKey)).body.balance.available).toBe('0.99');
    // The merchant's money leaves (as a payout to its bank would take it): the last refund cannot be funded.
    const poorMerchant = (await fixtureOf().app.services.merchants.findMerchant(second.body.id))!;
    const [drained] = await fixtureOf().ledger.createTransfers([transferInput({ id: 777_000_001n, debitAccountId: poorMerchant.balanceAccountId, creditAccountId: SystemAccount.bankClearingCny, amount: 99n, ledger: cnyLedger, code: TransferCode.withdrawal })]);
    expect(drained).toBe('ok');
    const buyerBefore = await balance(buyer);
    expect((await call('POST', `/v1/trades/${poor}/refunds`, poorKey, { amount: '1.00', currency: 'CNY', out_request_no: 'p-r2' })).body.error.code).toBe('refund_unfundable');
    expect(await balance(buyer)).toBe(buyerBefore);
    expect((await call('GET', `/v1/trades/${poor}`, poorKey)).body).toMatchObject({ status: 'TRADE_SUCCESS', refunded_amount: '9.00', fee_amount: '0.01' });
    expect((await call('GET', `/v1/trades/${poor}/refunds`, poorKey)).body.data).toHaveLength(1);
  });

  it('holds a disputed trade for an operator, who splits the held money between buyer and seller', async () => {
    const operatorToken = async (email: string, role: 'support' | 'risk') => {
      await fixtureOf().app.services.operators.createOperator(email, 'a long operator password', role);
      return (await call('POST', '/v1/operator/sessions', undefined, { email, password: 'a long operator password' })).body.token as string;
    };
    buyer = await signIn('buyer@example.com');
    other = await signIn('other@example.com');
    const id = (await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'order-7', subject: 'Vase', amount: '60.00', currency: 'CNY', buyer: 'buyer@example.com' })).body.id;
    expect((await call('POST', `/v1/orders/${id}/dispute`, buyer, { reason: 'not paid yet' })).body.error.code).toBe('dispute_not_allowed');
    await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    await call('POST', `/v1/trades/${id}/ship`, key, { carrier: 'SF', tracking_number: 'SF7' });
    const buyerBefore = await balance(buyer);
    const sellerBefore = await merchantBalance();
    expect((await call('POST', `/v1/orders/${id}/dispute`, other, { reason: 'not mine' })).body.error.code).toBe('trade_not_found');
    const opened = await call('POST', `/v1/orders/${id}/dispute`, buyer, { reason: 'It arrived broken' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ object: 'dispute', status: 'open', reason: 'It arrived broken' });
    expect((await call('POST', `/v1/orders/${id}/dispute`, buyer, { reason: 'again' })).body.error.code).toBe('dispute_not_allowed');
    // The money waits: no confirmation, refund or automatic release while the dispute is open.
    expect((await call('POST', `/v1/orders/${id}/confirm`, buyer, { pin: '123456' })).body.error.code).toBe('trade_disputed');
    expect((await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '1.00', currency: 'CNY', out_request_no: 'd-1' })).body.error.code).toBe('trade_disputed');
    fixtureOf().clock.advanceSeconds(30 * 86_400);
    await fixtureOf().app.services.trades.runDue(async (merchant) => (await fixtureOf().app.services.merchants.findMerchant(merchant))!);
    expect((await call('GET', `/v1/trades/${id}`, key)).body).toMatchObject({ status: 'WAIT_BUYER_CONFIRM_GOODS', held_amount: '60.00' });
    buyer = await signIn('buyer@example.com');
    const support = await operatorToken('support@zhifu.example', 'support');
    const risk = await operatorToken('risk@zhifu.example', 'risk');
    const answered = await call('POST', `/v1/trades/${id}/dispute/answer`, key, { statement: 'It left us whole' });
    expect(answered.body).toMatchObject({ status: 'answered', seller_statement: 'It left us whole' });
    expect((await call('POST', `/v1/trades/${id}/dispute/answer`, key, { statement: 'again' })).body.error.code).toBe('dispute_status_invalid');
    // Operators see the queue by role; only risk and admin decide.
    const queue = await call('GET', '/v1/operator/disputes', support);
    expect(queue.body.data.map((dispute: { trade: string }) => dispute.trade)).toContain(id);
    const disputeId = opened.body.id as string;
    expect((await call('POST', `/v1/operator/disputes/${disputeId}/decide`, support, { refund_amount: '20.00', currency: 'CNY' })).body.error.code).toBe('permission_denied');
    expect((await call('POST', `/v1/operator/disputes/${disputeId}/decide`, risk, { refund_amount: '60.01', currency: 'CNY' })).body.error.code).toBe('refund_amount_too_large');
    expect((await call('POST', `/v1/operator/disputes/dsp_nothing/decide`, risk, { refund_amount: '1.00', currency: 'CNY' })).body.error.code).toBe('dispute_not_found');
    const decided = await call('POST', `/v1/operator/disputes/${disputeId}/decide`, risk, { refund_amount: '20.00', currency: 'CNY', note: 'Half the set was broken' });
    expect(decided.body).toMatchObject({ status: 'decided', refund_amount: '20.00', decision_note: 'Half the set was broken', decided_by: expect.stringMatching(/^op/) });
    // 40.00 to the seller less 0.24 fee; 20.00 back to the buyer.
    expect((await call('GET', `/v1/trades/${id}`, key)).body).toMatchObject({ status: 'TRADE_FINISHED', held_amount: '0.00', released_amount: '40.00', refunded_amount: '20.00', fee_amount: '0.24' });
    expect(Number(await balance(buyer)) - Number(buyerBefore)).toBeCloseTo(20, 2);
    expect(Number(await merchantBalance()) - Number(sellerBefore)).toBeCloseTo(39.76, 2);
    expect((await call('POST', `/v1/operator/disputes/${disputeId}/decide`, risk, { refund_amount: '0.00', currency: 'CNY' })).body.error.code).toBe('dispute_status_invalid');
    const timeline = await call('GET', `/v1/orders/${id}/events`, buyer);
    expect(timeline.body.data.slice(-3).map((event: { type: string; actor: string }) => `${event.type}:${event.actor}`)).toEqual(['dispute_opened:buyer', 'dispute_answered:merchant', 'dispute_decided:operator']);
    expect(timeline.body.data.at(-1).data).toEqual({ dispute: disputeId, refund: '20.00', released: '40.00', fee: '0.24', note: 'Half the set was broken', currency: 'CNY' });
    expect((await call('GET', `/v1/trades/${id}/refunds`, key)).body.data[0]).toMatchObject({ amount: '20.00', out_request_no: `dispute:${disputeId}` });
    expect((await call('GET', `/v1/orders/${id}/dispute`, buyer)).body.status).toBe('decided');
  });

  it("stops the clock for a buyer's refund request, which the seller accepts or declines", async () => {
    buyer = await signIn('buyer@example.com');
    const make = async (outTradeNo: string) => {
      const id = (await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: outTradeNo, subject: 'Bowl', amount: '30.00', currency: 'CNY', buyer: 'buyer@example.com' })).body.id as string;
      await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
      await call('POST', `/v1/trades/${id}/ship`, key, { carrier: 'SF', tracking_number: outTradeNo });
      return id;
    };
    const accepted = await make('rr-1');
    const before = await balance(buyer);
    expect((await call('POST', `/v1/orders/${accepted}/refund_request`, buyer, { amount: '30.01', currency: 'CNY', reason: 'x' })).body.error.code).toBe('refund_amount_too_large');
    const asked = await call('POST', `/v1/orders/${accepted}/refund_request`, buyer, { amount: '10.00', currency: 'CNY', reason: 'One bowl is chipped' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ object: 'refund_request', amount: '10.00', status: 'requested' });
    expect((await call('GET', `/v1/orders/${accepted}/events`, buyer)).body.data.at(-1)).toMatchObject({ type: 'refund_requested', data: { amount: '10.00', currency: 'CNY', reason: 'One bowl is chipped' } });
    expect((await call('POST', `/v1/orders/${accepted}/refund_request`, buyer, { amount: '1.00', currency: 'CNY', reason: 'again' })).body.error.code).toBe('refund_request_exists');
    expect((await call('POST', `/v1/orders/${accepted}/confirm`, buyer, { pin: '123456' })).body.error.code).toBe('refund_request_pending');
    expect((await call('POST', `/v1/trades/${accepted}/refunds`, key, { amount: '1.00', currency: 'CNY', out_request_no: 'side' })).body.error.code).toBe('refund_request_pending');
    expect((await call('GET', `/v1/trades/${accepted}/refund_request`, key)).body.reason).toBe('One bowl is chipped');
    const yes = await call('POST', `/v1/trades/${accepted}/refund_request/accept`, key);
    expect(yes.body).toMatchObject({ status: 'accepted' });
    expect(Number(await balance(buyer)) - Number(before)).toBeCloseTo(10, 2);
    expect((await call('GET', `/v1/trades/${accepted}`, key)).body).toMatchObject({ held_amount: '20.00', refunded_amount: '10.00', status: 'WAIT_BUYER_CONFIRM_GOODS' });
    expect((await call('POST', `/v1/trades/${accepted}/refund_request/accept`, key)).body.error.code).toBe('refund_request_not_found');

    // A request pauses the automatic confirmation; a decline leaves the buyer three days to act.
    const declined = await make('rr-2');
    await call('POST', `/v1/orders/${declined}/refund_request`, buyer, { amount: '30.00', currency: 'CNY', reason: 'Never arrived' });
    fixtureOf().clock.advanceSeconds(11 * 86_400);
    await fixtureOf().app.services.trades.runDue(async (id) => (await fixtureOf().app.services.merchants.findMerchant(id))!);
    expect((await call('GET', `/v1/trades/${declined}`, key)).body.status).toBe('WAIT_BUYER_CONFIRM_GOODS');
    const no = await call('POST', `/v1/trades/${declined}/refund_request/decline`, key, { answer: 'Tracking shows it delivered' });
    expect(no.body).toMatchObject({ status: 'declined', answer: 'Tracking shows it delivered' });
    const after = (await call('GET', `/v1/trades/${declined}`, key)).body;
    expect(Date.parse(after.confirm_deadline) - fixtureOf().clock.now().getTime()).toBeGreaterThan(2.9 * 86_400_000);
    buyer = await signIn('buyer@example.com');
    expect((await call('GET', `/v1/orders/${declined}/refund_request`, buyer)).body.status).toBe('declined');
    expect((await call('POST', `/v1/orders/${declined}/dispute`, buyer, { reason: 'It did not arrive' })).status).toBe(201);
    const events = (await call('GET', `/v1/trades/${declined}/events`, key)).body.data.map((event: { type: string }) => event.type);
    expect(events).toEqual(expect.arrayContaining(['refund_requested', 'refund_request_declined', 'dispute_opened']));
  });

  it('sends part of a paid trade on to other merchants, once per out_request_no', async () => {
    buyer = await signIn('buyer@example.com');
    other = await signIn('other@example.com');
    const partner = (await call('POST', '/v1/merchants', other, { name: 'Partner' })).body.id as string;
    const partnerKey = (await call('POST', `/v1/merchants/${partner}/api_keys`, other, {})).body.secret as string;
    const unpaid = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'split-0', subject: 'Unpaid', amount: '10.00', currency: 'CNY' })).body.id;
    const split = (trade: string, outRequestNo: string, royalties: { trans_in: string; amount: string; desc?: string }[]) => call('POST', `/v1/trades/${trade}/splits`, key, { out_request_no: outRequestNo, currency: 'CNY', royalty_parameters: royalties });
    expect((await split(unpaid, 's0', [{ trans_in: partner, amount: '1.00' }])).body.error.code).toBe('trade_status_invalid');
    const id = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'split-1', subject: 'Marketplace order', amount: '100.00', currency: 'CNY' })).body.id;
    await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    const first = await split(id, 's1', [{ trans_in: partner, amount: '30.00', desc: 'seller share' }]);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ object: 'split', amount: '30.00', royalty_parameters: [{ trans_in: partner, amount: '30.00', desc: 'seller share' }] });
    expect((await split(id, 's1', [{ trans_in: partner, amount: '30.00', desc: 'seller share' }])).body.id).toBe(first.body.id);
    expect((await split(id, 's1', [{ trans_in: partner, amount: '31.00' }])).body.error.code).toBe('split_request_conflict');
    expect((await split(id, 's2', [{ trans_in: merchantId, amount: '1.00' }])).body.error.code).toBe('split_receiver_invalid');
    expect((await split(id, 's2', [{ trans_in: 'mch_nobody', amount: '1.00' }])).body.error.code).toBe('split_receiver_invalid');
    expect((await split(id, 's2', [{ trans_in: partner, amount: '70.01' }])).body.error.code).toBe('split_amount_too_large');
    expect((await call('GET', '/v1/merchant', partnerKey)).body.balance.available).toBe('30.00');
    expect((await split(id, 's2', [{ trans_in: partner, amount: '20.00' }, { trans_in: partner, amount: '5.00' }])).status).toBe(201);
    expect((await call('GET', '/v1/merchant', partnerKey)).body.balance.available).toBe('55.00');
    expect((await call('GET', `/v1/trades/${id}/splits`, key)).body.data.map((row: { amount: string }) => row.amount)).toEqual(['30.00', '25.00']);
    expect((await call('GET', `/v1/trades/${id}/splits`, partnerKey)).status).toBe(404);
    expect((await call('GET', `/v1/trades/${id}/events`, key)).body.data.at(-1)).toMatchObject({ type: 'split', data: { amount: '25.00', currency: 'CNY', out_request_no: 's2' } });
  });

  it('splits at most what the trade left the merchant: released, less the fee and refunds after release, less earlier splits', async () => {
    buyer = await signIn('buyer@example.com');
    other = await signIn('other@example.com');
    const partner = (await call('POST', '/v1/merchants', other, { name: 'Cap Partner' })).body.id as string;
    const partnerKey = (await call('POST', `/v1/merchants/${partner}/api_keys`, other, {})).body.secret as string;
    const partnerBalance = async () => (await call('GET', '/v1/merchant', partnerKey)).body.balance.available as string;
    const split = (trade: string, outRequestNo: string, amount: string) => call('POST', `/v1/trades/${trade}/splits`, key, { out_request_no: outRequestNo, currency: 'CNY', royalty_parameters: [{ trans_in: partner, amount }] });
    const id = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'cap-1', subject: 'Shared order', amount: '100.00', currency: 'CNY' })).body.id as string;
    await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    // Refunded after release: 80.00 stays released, and the fee on it is 0.48 (0.12 came back).
    expect((await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '20.00', currency: 'CNY', out_request_no: 'cap-r1' })).body).toMatchObject({ from_balance: '20.00', fee_returned: '0.12' });
    expect((await call('GET', `/v1/trades/${id}`, key)).body).toMatchObject({ released_amount: '80.00', fee_amount: '0.48', refunded_amount: '20.00' });
    expect((await split(id, 'cap-s1', '10.00')).status).toBe(201);
    // 80.00 − 0.48 − 10.00 = 69.52 is left. The merchant's balance holds more than that (other
    // trades), so only the cap stands between one fen more and its other money.
    const merchantBefore = await merchantBalance();
    const partnerBefore = await partnerBalance();
    expect(Number(merchantBefore)).toBeGreaterThan(69.53);
    const eventsBefore = (await call('GET', `/v1/trades/${id}/events`, key)).body.data.length as number;
    const over = await split(id, 'cap-s2', '69.53');
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({ code: 'split_amount_too_large', param: 'royalty_parameters' });
    expect(await merchantBalance()).toBe(merchantBefore);
    expect(await partnerBalance()).toBe(partnerBefore);
    expect((await call('GET', `/v1/trades/${id}/splits`, key)).body.data).toHaveLength(1);
    expect((await call('GET', `/v1/trades/${id}/events`, key)).body.data).toHaveLength(eventsBefore);
    // The refused out_request_no is not spent: exactly what is left goes through with it.
    const exact = await split(id, 'cap-s2', '69.52');
    expect(exact.status).toBe(201);
    expect(exact.body.amount).toBe('69.52');
    expect(await partnerBalance()).toBe((Number(partnerBefore) + 69.52).toFixed(2));
    expect(await merchantBalance()).toBe((Number(merchantBefore) - 69.52).toFixed(2));
    expect((await split(id, 'cap-s3', '0.01')).body.error.code).toBe('split_amount_too_large');
    // Net of its fee, a whole trade is sent on to the fen: 50.00 direct, fee 0.30, 49.70 to split.
    const whole = (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: 'cap-2', subject: 'Passed on', amount: '50.00', currency: 'CNY' })).body.id as string;
    await call('POST', `/v1/orders/${whole}/pay`, buyer, { pin: '123456' });
    expect((await split(whole, 'cap-w1', '49.71')).body.error.code).toBe('split_amount_too_large');
    expect((await split(whole, 'cap-w1', '49.70')).status).toBe(201);
  });

  it("counts trades paid from the wallet toward the buyer's daily outflow limit, with payments to users", async () => {
    // Unverified: 1,000.00 a day may leave the wallet, whether to users or to merchants.
    const limited = await consumer(`limited-${kind}@example.com`, '1500.00');
    const trade = async (outTradeNo: string, amount: string, extra: Record<string, unknown> = {}) =>
      (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: outTradeNo, subject: 'Limit', amount, currency: 'CNY', ...extra })).body.id as string;
    const pay = (id: string) => call('POST', `/v1/orders/${id}/pay`, limited, { pin: '123456' });
    const transfer = (amount: string) => call('POST', '/v1/transfers', limited, { to: 'other@example.com', amount, currency: 'CNY', pin: '123456' });
    const escrow = (await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'limit-1', subject: 'Limit', amount: '600.00', currency: 'CNY' })).body.id as string;
    expect((await pay(escrow)).body.status).toBe('WAIT_SELLER_SEND_GOODS');
    expect((await transfer('300.00')).status).toBe(201);
    // 900.00 are gone today: a trade of 200.00 is refused and moves nothing.
    const refused = await trade('limit-2', '200.00');
    const answer = await pay(refused);
    expect(answer.status).toBe(402);
    expect(answer.body.error.code).toBe('daily_limit_exceeded');
    expect((await call('GET', `/v1/orders/${refused}`, limited)).body.status).toBe('WAIT_BUYER_PAY');
    expect(await balance(limited)).toBe('600.00');
    // The trade counts for payments to users too, and the refused one does not.
    expect((await transfer('100.01')).body.error.code).toBe('daily_limit_exceeded');
    expect((await transfer('100.00')).status).toBe(201);
    expect((await pay(await trade('limit-3', '0.01'))).body.error.code).toBe('daily_limit_exceeded');
    // A trade on a sandbox test clock lives in simulated days: the real day's limit leaves it out.
    const clock = (await call('POST', '/v1/test_clocks', key, { name: 'Limit clock', frozen_time: '2031-03-01T00:00:00.000Z' })).body.id as string;
    expect((await pay(await trade('limit-4', '50.00', { test_clock: clock }))).body.status).toBe('TRADE_SUCCESS');
    // The next day (China Standard Time) starts afresh.
    fixtureOf().clock.advanceSeconds(24 * 60 * 60);
    limitedToken = await signIn(`limited-${kind}@example.com`);
    expect((await call('POST', `/v1/orders/${await trade('limit-5', '200.00')}/pay`, limitedToken, { pin: '123456' })).body.status).toBe('TRADE_SUCCESS');
    expect(await balance(limitedToken)).toBe('250.00');
  });

  it('needs the right API key scope and hides trades from other merchants and users', async () => {
    owner = await signIn('shop@example.com');
    other = await signIn('other@example.com');
    const readOnly = (await call('POST', `/v1/merchants/${merchantId}/api_keys`, owner, { scopes: ['trades:read'] })).body.secret;
    expect((await call('POST', '/v1/trades', readOnly, { kind: 'direct', out_trade_no: 'z', subject: 'z', amount: '1.00', currency: 'CNY' })).body.error.code).toBe('api_key_scope_missing');
    expect((await call('GET', '/v1/trades?limit=2', readOnly)).body.data).toHaveLength(2);
    const page = await call('GET', '/v1/trades?limit=2', key);
    const next = await call('GET', `/v1/trades?limit=2&starting_after=${page.body.data[1].id}`, key);
    expect(next.body.data[0].id).not.toBe(page.body.data[1].id);
    expect((await call('GET', '/v1/trades')).status).toBe(401);
    expect((await call('GET', '/v1/orders', other)).body.data.every((trade: { buyer: string }) => trade.buyer !== null)).toBe(true);
  });
});
