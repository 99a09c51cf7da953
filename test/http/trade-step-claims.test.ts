// Trade steps cut off between the ledger and their record, on both stores. A step that moves money
// claims the trade first; when its record's write fails after the money moved, whoever touches the
// trade next (another step, another party, the due sweep) writes the claimed record before going
// on, so the trade never says that money it moved is where it was. When the chain never moved, the
// claim is let go behind a fence on the chain's first id, and the step can run again. On PostgreSQL another server's claim is let be while
// its step may still be running, and settled once it is stale.

import { describe, expect, it, vi } from 'vitest';
import type { TransferInput } from '../../src/ledger/index.js';
import { TransferCode } from '../../src/wallet/index.js';
import { stepClaimStaleMilliseconds } from '../../src/trades/step-claims.js';
import { failNextWrite, sqlOf } from '../support/fail-write.js';
import { apiCaller, storeKinds, useHttpFixture, type HttpFixture } from '../support/http-fixture.js';

/** Makes the next step record's write on `fixture`'s platform fail: the trade's update with its events (a claim is the update alone). */
function failNextStepRecord(fixture: HttpFixture): void {
  failNextWrite(fixture.platform, (writes) => writes.length > 1 && sqlOf(writes[0]!).startsWith('update "trades"'));
}

describe.each(storeKinds)('trade step claims on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);
  const call = apiCaller(fixtureOf);
  let buyer: string;
  let key: string;
  let merchantId: string;
  const balance = async () => (await call('GET', '/v1/me', buyer)).body.balance.available as string;
  const merchantBalance = async () => (await call('GET', '/v1/merchant', key)).body.balance.available as string;
  const trade = async (kindOfTrade: 'direct' | 'escrow', outTradeNo: string, amount: string) =>
    (await call('POST', '/v1/trades', key, { kind: kindOfTrade, out_trade_no: outTradeNo, subject: 'Tea', amount, currency: 'CNY', buyer: 'buyer@claims.example' })).body.id as string;
  const events = async (id: string) => (await call('GET', `/v1/trades/${id}/events`, key)).body.data.map((event: { type: string }) => event.type) as string[];
  const claimOf = async (id: string) => (await fixtureOf().platform.db.selectFrom('trades').select('step_claim').where('id', '=', id).executeTakeFirstOrThrow()).step_claim;

  it('sets up a buyer and a merchant', async () => {
    await call('POST', '/v1/users', undefined, { email: 'buyer@claims.example', password: 'long enough' });
    buyer = (await call('POST', '/v1/sessions', undefined, { identifier: 'buyer@claims.example', password: 'long enough' })).body.token;
    await call('POST', '/v1/me/pin', buyer, { pin: '123456', password: 'long enough' });
    const card = (await call('POST', '/v1/cards', buyer, { number: '4242424242424242' })).body.id;
    await call('POST', '/v1/topups', buyer, { card, amount: '1000.00', currency: 'CNY' });
    await call('POST', '/v1/users', undefined, { email: 'owner@claims.example', password: 'long enough' });
    const owner = (await call('POST', '/v1/sessions', undefined, { identifier: 'owner@claims.example', password: 'long enough' })).body.token;
    merchantId = (await call('POST', '/v1/merchants', owner, { name: 'Claims Tea' })).body.id;
    key = (await call('POST', `/v1/merchants/${merchantId}/api_keys`, owner, {})).body.secret;
  });

  it('finishes a payment whose money moved but whose record failed when the merchant next refunds, so the refund sees it paid', async () => {
    const id = await trade('direct', 'claims-1', '20.00');
    failNextStepRecord(fixtureOf());
    expect((await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' })).status).toBe(500);
    // The money moved; the trade holds the claim with the record it will write.
    expect(await balance()).toBe('980.00');
    expect(await claimOf(id)).not.toBeNull();
    const refund = await call('POST', `/v1/trades/${id}/refunds`, key, { amount: '5.00', currency: 'CNY', out_request_no: 'claims-1-r1' });
    expect(refund.status).toBe(201);
    expect((await call('GET', `/v1/trades/${id}`, key)).body).toMatchObject({ status: 'TRADE_SUCCESS', released_amount: '15.00', refunded_amount: '5.00', fee_amount: '0.09' });
    expect(await events(id)).toEqual(['created', 'paid', 'refunded']);
    expect(await balance()).toBe('985.00');
    expect(await claimOf(id)).toBeNull();
  });

  it('lets go the claim of a payment whose chain never reached the ledger, and the next payment moves the money once', async () => {
    const id = await trade('direct', 'claims-2', '10.00');
    const before = await balance();
    const ledger = fixtureOf().ledger;
    let lost: readonly TransferInput[] = [];
    vi.spyOn(ledger, 'createTransfers').mockImplementationOnce(async (transfers) => {
      lost = transfers;
      throw new Error('injected: the ledger is gone');
    });
    expect((await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' })).status).toBe(500);
    expect(await balance()).toBe(before);
    expect(await claimOf(id)).not.toBeNull();
    // This server's own failed step: no other step can be at work on it, so the retry settles it at once, on either store.
    const paid = await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    expect(paid.body).toMatchObject({ status: 'TRADE_SUCCESS', released_amount: '10.00' });
    expect(await balance()).toBe((Number(before) - 10).toFixed(2));
    expect(await events(id)).toEqual(['created', 'paid']);
    // The claim was let go behind a fence on its chain's first id (1 fen held and given back at
    // once), so the lost chain, had it been only late, is refused whole when it comes.
    const [fence] = await ledger.lookupTransfers([lost[0]!.id]);
    expect(fence).toMatchObject({ code: TransferCode.stepFence, amount: 1n });
    expect((await ledger.createTransfers(lost))[0]).toMatch(/^exists_with_different_/);
    expect(await balance()).toBe((Number(before) - 10).toFixed(2));
  });

  it('counts a payment recorded by a settled claim toward the buyer\'s daily outflow', async () => {
    await call('POST', '/v1/users', undefined, { email: 'limit@claims.example', password: 'long enough' });
    const spender = (await call('POST', '/v1/sessions', undefined, { identifier: 'limit@claims.example', password: 'long enough' })).body.token as string;
    await call('POST', '/v1/me/pin', spender, { pin: '123456', password: 'long enough' });
    const card = (await call('POST', '/v1/cards', spender, { number: '4242424242424242' })).body.id;
    await call('POST', '/v1/topups', spender, { card, amount: '1500.00', currency: 'CNY' });
    const order = async (outTradeNo: string, amount: string) => (await call('POST', '/v1/trades', key, { kind: 'direct', out_trade_no: outTradeNo, subject: 'Tea', amount, currency: 'CNY', buyer: 'limit@claims.example' })).body.id as string;
    const first = await order('claims-limit-1', '600.00');
    failNextStepRecord(fixtureOf());
    expect((await call('POST', `/v1/orders/${first}/pay`, spender, { pin: '123456' })).status).toBe(500);
    expect((await call('POST', `/v1/trades/${first}/refunds`, key, { amount: '1.00', currency: 'CNY', out_request_no: 'claims-limit-r1' })).status).toBe(201);
    // 600.00 paid today and 500.00 more pass the unverified tier's 1,000.00 a day.
    const second = await order('claims-limit-2', '500.00');
    expect((await call('POST', `/v1/orders/${second}/pay`, spender, { pin: '123456' })).body.error.code).toBe('daily_limit_exceeded');
  });

  it('records a dispute decision whose record failed, with its action line, and refuses a second decision', async () => {
    const id = await trade('escrow', 'claims-3', '60.00');
    await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    await call('POST', `/v1/trades/${id}/ship`, key, { carrier: 'SF', tracking_number: 'C3' });
    const disputeId = (await call('POST', `/v1/orders/${id}/dispute`, buyer, { reason: 'It arrived broken' })).body.id as string;
    await fixtureOf().app.services.operators.createOperator('risk@claims.example', 'a long operator password', 'risk');
    await fixtureOf().app.services.operators.createOperator('admin@claims.example', 'a long operator password', 'admin');
    const risk = (await call('POST', '/v1/operator/sessions', undefined, { email: 'risk@claims.example', password: 'a long operator password' })).body.token as string;
    const admin = (await call('POST', '/v1/operator/sessions', undefined, { email: 'admin@claims.example', password: 'a long operator password' })).body.token as string;
    const buyerBefore = await balance();
    failNextStepRecord(fixtureOf());
    expect((await call('POST', `/v1/operator/disputes/${disputeId}/decide`, risk, { refund_amount: '20.00', currency: 'CNY', note: 'Half broken' })).status).toBe(500);
    // Another decision meets the claim: the first one is recorded, and this one is refused.
    expect((await call('POST', `/v1/operator/disputes/${disputeId}/decide`, risk, { refund_amount: '0.00', currency: 'CNY' })).body.error.code).toBe('dispute_status_invalid');
    expect((await call('GET', `/v1/trades/${id}/dispute`, key)).body).toMatchObject({ status: 'decided', refund_amount: '20.00', decision_note: 'Half broken' });
    expect((await call('GET', `/v1/trades/${id}`, key)).body).toMatchObject({ status: 'TRADE_FINISHED', held_amount: '0.00', released_amount: '40.00', refunded_amount: '20.00' });
    expect(await balance()).toBe((Number(buyerBefore) + 20).toFixed(2));
    const lines = (await call('GET', `/v1/operator/actions?target=${disputeId}`, admin)).body.data as { action: string }[];
    expect(lines.map((line) => line.action)).toEqual(['dispute.decide']);
  });

  it('finishes a confirmation whose record failed in the due sweep, items and all', async () => {
    const id = (await call('POST', '/v1/trades', key, { kind: 'escrow', out_trade_no: 'claims-4', subject: 'Two cups', amount: '30.00', currency: 'CNY', buyer: 'buyer@claims.example', items: [{ name: 'Cup', amount: '10.00' }, { name: 'Pot', amount: '20.00' }] })).body.id as string;
    await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' });
    await call('POST', `/v1/trades/${id}/ship`, key, { carrier: 'SF', tracking_number: 'C4' });
    const sellerBefore = await merchantBalance();
    failNextStepRecord(fixtureOf());
    expect((await call('POST', `/v1/orders/${id}/confirm`, buyer, { pin: '123456', items: [0] })).status).toBe(500);
    // Read while claimed: the trade as before the step, its items (kept in memory on SQLite) all held.
    expect((await call('GET', `/v1/trades/${id}`, key)).body.items.map((item: { status: string }) => item.status)).toEqual(['held', 'held']);
    // The sweep settles it: a claim this server's own step left needs no waiting, on either store.
    await fixtureOf().app.services.trades.runDue(async (merchant) => (await fixtureOf().app.services.merchants.findMerchant(merchant))!);
    expect(await claimOf(id)).toBeNull();
    const after = await call('GET', `/v1/trades/${id}`, key);
    expect(after.body).toMatchObject({ status: 'WAIT_BUYER_CONFIRM_GOODS', held_amount: '20.00', released_amount: '10.00', fee_amount: '0.06' });
    expect(after.body.items.map((item: { status: string }) => item.status)).toEqual(['released', 'held']);
    expect(await merchantBalance()).toBe((Number(sellerBefore) + 9.94).toFixed(2));
    expect((await call('POST', `/v1/orders/${id}/confirm`, buyer, { pin: '123456', items: [1] })).body).toMatchObject({ status: 'TRADE_FINISHED', released_amount: '30.00' });
  });

  if (kind === 'postgres') {
    it("lets another server's running step be, and settles its claim only once it is stale", async () => {
      const id = await trade('direct', 'claims-5', '8.00');
      const other = await fixtureOf().openAnotherServer();
      const merchant = (await other.services.merchants.findMerchant(merchantId))!;
      const buyerUser = (await other.services.identity.findUser('buyer@claims.example'))!;
      // The other server's step stops between its claim and its chain.
      let resume!: () => void;
      const paused = new Promise<void>((resolve) => (resume = resolve));
      let claimed!: () => void;
      const claimMade = new Promise<void>((resolve) => (claimed = resolve));
      const createTransfers = other.ledger.createTransfers.bind(other.ledger);
      vi.spyOn(other.ledger, 'createTransfers').mockImplementationOnce(async (transfers) => {
        claimed();
        await paused;
        return createTransfers(transfers);
      });
      // Ids are ordered by time: the other server's events come after this one's.
      fixtureOf().clock.advanceSeconds(1);
      const running = other.services.trades.pay(id, buyerUser, merchant);
      await claimMade;
      // Here the trade is the other server's for now: this one neither pays it nor takes the claim for dead.
      expect((await call('POST', `/v1/orders/${id}/pay`, buyer, { pin: '123456' })).body.error.code).toBe('trade_changed');
      resume();
      expect(await running).toMatchObject({ ok: true, value: { status: 'TRADE_SUCCESS' } });
      expect(await events(id)).toEqual(['created', 'paid']);

      // The other server's next step moves the money and then loses its record: its claim stays.
      const second = await trade('direct', 'claims-6', '6.00');
      const before = await balance();
      fixtureOf().clock.advanceSeconds(1);
      failNextStepRecord({ ...fixtureOf(), platform: other.platform });
      await expect(other.services.trades.pay(second, buyerUser, merchant)).rejects.toThrow(/injected/);
      expect(await balance()).toBe((Number(before) - 6).toFixed(2));
      const refund = { amount: '1.00', currency: 'CNY', out_request_no: 'claims-6-r1' };
      expect((await call('POST', `/v1/trades/${second}/refunds`, key, refund)).body.error.code).toBe('trade_changed');
      fixtureOf().clock.advanceSeconds(stepClaimStaleMilliseconds / 1000);
      expect((await call('POST', `/v1/trades/${second}/refunds`, key, refund)).status).toBe(201);
      expect((await call('GET', `/v1/trades/${second}`, key)).body).toMatchObject({ status: 'TRADE_SUCCESS', released_amount: '5.00', refunded_amount: '1.00' });
      expect(await events(second)).toEqual(['created', 'paid', 'refunded']);
    });
  }
});
