// The Alipay-compatible gateway over real HTTP, driven by Alipay's own Node.js SDK (alipay-sdk)
// with only its gateway URL and keys changed, on both stores: precreate and pay by QR, barcode
// payment with a one-time payment code, query, refunds and their query, close, cancel, create for
// a named buyer; and the documented codes for a wrong key, a tampered body, a stale timestamp,
// an unknown app, an unknown method and a missing signature; an app's key replaced, and an app
// disabled with its waiting notifications. Every answer's signature is checked by the SDK with the
// platform's public key.

import { AlipaySdk } from 'alipay-sdk';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alipayTime, signedText, signRsa2 } from '../../src/notify/index.js';
import { apiCaller, apiRequester, createHttpFixture, storeKinds, type HttpFixture } from '../support/http-fixture.js';

const keyPair = () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
};

describe.each(storeKinds)('the Alipay-compatible gateway on %s', (kind) => {
  let fixture: HttpFixture;
  let gatewayUrl: string;
  const appKeys = keyPair();
  let appId: string;
  let platformPublicKey: string;
  let sdk: AlipaySdk;
  let buyer: string;
  let buyerId: string;
  let owner: string;
  let merchant: string;
  const call = apiCaller(() => fixture);

  beforeAll(async () => {
    // The gateway checks timestamps against its clock; the SDK stamps requests with the real time.
    fixture = await createHttpFixture(kind, undefined, new Date());
    gatewayUrl = `${await fixture.app.fastify.listen({ port: 0, host: '127.0.0.1' })}/gateway.do`;
    const signUp = async (email: string) => {
      await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
      return (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
    };
    owner = await signUp('owner@gateway.example');
    merchant = (await call('POST', '/v1/merchants', owner, { name: 'Gateway Shop' })).body.id;
    expect((await call('POST', `/v1/merchants/${merchant}/apps`, owner, { name: 'Till', public_key: 'not a key' })).body.error).toMatchObject({ code: 'public_key_invalid', param: 'public_key' });
    expect((await call('POST', `/v1/merchants/${merchant}/apps`, owner, { name: '   ', public_key: appKeys.publicKey })).body.error).toMatchObject({ code: 'parameter_invalid', param: 'name' });
    expect((await call('GET', `/v1/merchants/${merchant}/apps`, owner)).body.data).toEqual([]);
    const created = await call('POST', `/v1/merchants/${merchant}/apps`, owner, { name: 'Till', public_key: appKeys.publicKey });
    expect(created.status).toBe(201);
    expect(created.body.app_id).toMatch(/^\d{16}$/);
    appId = created.body.app_id;
    platformPublicKey = created.body.platform_public_key;
    sdk = new AlipaySdk({ appId, privateKey: appKeys.privateKey, keyType: 'PKCS8', alipayPublicKey: platformPublicKey, gateway: gatewayUrl });
    buyer = await signUp('buyer@gateway.example');
    buyerId = (await call('GET', '/v1/me', buyer)).body.id;
    await call('POST', '/v1/me/pin', buyer, { pin: '123456', password: 'long enough' });
    const card = (await call('POST', '/v1/cards', buyer, { number: '4242424242424242' })).body.id;
    await call('POST', '/v1/topups', buyer, { card, amount: '500.00', currency: 'CNY' });
  });
  afterAll(async () => {
    expect((await fixture.ledger.audit()).failures).toEqual([]);
    await fixture.close();
  });

  const exec = (method: string, bizContent: Record<string, unknown>, client = sdk) => client.exec(method, { bizContent }, { validateSign: true }) as Promise<Record<string, string>>;

  it('precreates a QR code that a wallet pays, then queries, refunds in parts and answers refund queries', async () => {
    const precreated = await exec('alipay.trade.precreate', { outTradeNo: 'qr-1', totalAmount: '88.88', subject: 'Tea set' });
    expect(precreated).toMatchObject({ code: '10000', msg: 'Success', outTradeNo: 'qr-1' });
    const tradeId = /\/pay\/(trd_\w+)$/.exec(precreated.qrCode!)![1]!;
    expect((await exec('alipay.trade.query', { outTradeNo: 'qr-1' })).tradeStatus).toBe('WAIT_BUYER_PAY');
    // The same out_trade_no and terms give the same QR code; other terms are refused.
    expect((await exec('alipay.trade.precreate', { outTradeNo: 'qr-1', totalAmount: '88.88', subject: 'Tea set' })).qrCode).toBe(precreated.qrCode);
    expect(await exec('alipay.trade.precreate', { outTradeNo: 'qr-1', totalAmount: '1.00', subject: 'Tea set' })).toMatchObject({ code: '40004', subCode: 'ACQ.CONTEXT_INCONSISTENT' });
    expect((await call('POST', `/v1/orders/${tradeId}/pay`, buyer, { pin: '123456' })).body.status).toBe('TRADE_SUCCESS');
    const queried = await exec('alipay.trade.query', { tradeNo: tradeId });
    expect(queried).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS', totalAmount: '88.88', buyerUserId: buyerId, outTradeNo: 'qr-1' });
    expect(queried.gmtPayment).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const refunded = await exec('alipay.trade.refund', { outTradeNo: 'qr-1', refundAmount: '8.88', outRequestNo: 'r-1' });
    expect(refunded).toMatchObject({ code: '10000', refundFee: '8.88', fundChange: 'Y', tradeNo: tradeId });
    expect(await exec('alipay.trade.refund', { outTradeNo: 'qr-1', refundAmount: '8.88', outRequestNo: 'r-1' })).toMatchObject({ code: '10000', refundFee: '8.88', fundChange: 'N' });
    expect(await exec('alipay.trade.refund', { outTradeNo: 'qr-1', refundAmount: '90.00', outRequestNo: 'r-2' })).toMatchObject({ code: '40004', subCode: 'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL' });
    expect(await exec('alipay.trade.fastpay.refund.query', { outTradeNo: 'qr-1', outRequestNo: 'r-1' })).toMatchObject({ code: '10000', refundAmount: '8.88', refundStatus: 'REFUND_SUCCESS', totalAmount: '88.88' });
    const none = await exec('alipay.trade.fastpay.refund.query', { outTradeNo: 'qr-1', outRequestNo: 'r-9' });
    expect(none.code).toBe('10000');
    expect(none.refundStatus).toBeUndefined();
    expect(await exec('alipay.trade.query', { outTradeNo: 'nothing-here' })).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_NOT_EXIST' });
  });

  it('charges a one-time payment code at the till, once', async () => {
    const code = (await call('POST', '/v1/payment_codes', buyer)).body.code as string;
    expect(code).toMatch(/^28\d{16}$/);
    // A request the gateway refuses for its own terms leaves the buyer's code unused.
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-1', scene: 'bar_code', authCode: code, totalAmount: '12.50' })).toMatchObject({ code: '40004', subCode: 'ACQ.INVALID_PARAMETER' });
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-1', scene: 'bar_code', authCode: code, totalAmount: '12.50', subject: 'Noodles', timeoutExpress: '99y' })).toMatchObject({ subCode: 'ACQ.INVALID_PARAMETER' });
    expect(await exec('alipay.trade.precreate', { outTradeNo: 'till-0', totalAmount: '5.00', subject: 'Tea' })).toMatchObject({ code: '10000' });
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-0', scene: 'bar_code', authCode: code, totalAmount: '12.50', subject: 'Noodles' })).toMatchObject({ subCode: 'ACQ.CONTEXT_INCONSISTENT' });
    const paid = await exec('alipay.trade.pay', { outTradeNo: 'till-1', scene: 'bar_code', authCode: code, totalAmount: '12.50', subject: 'Noodles' });
    expect(paid).toMatchObject({ code: '10000', outTradeNo: 'till-1', buyerUserId: buyerId, totalAmount: '12.50', buyerPayAmount: '12.50' });
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-2', scene: 'bar_code', authCode: code, totalAmount: '1.00', subject: 'Again' })).toMatchObject({ code: '40004', subCode: 'ACQ.PAYMENT_AUTH_CODE_INVALID' });
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-1', scene: 'bar_code', authCode: code, totalAmount: '12.50', subject: 'Noodles' })).toMatchObject({ code: '40004', subCode: 'ACQ.TRADE_HAS_SUCCESS' });
    const late = (await call('POST', '/v1/payment_codes', buyer)).body.code as string;
    fixture.clock.advanceSeconds(61);
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-3', scene: 'bar_code', authCode: late, totalAmount: '1.00', subject: 'Late' })).toMatchObject({ subCode: 'ACQ.PAYMENT_AUTH_CODE_INVALID' });
    const big = (await call('POST', '/v1/payment_codes', buyer)).body.code as string;
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-4', scene: 'bar_code', authCode: big, totalAmount: '2000.01', subject: 'Big' })).toMatchObject({ subCode: 'ACQ.PAYMENT_AUTH_CODE_INVALID' });
    const poor = (await call('POST', '/v1/payment_codes', buyer)).body.code as string;
    // Paid today: 88.88 and 12.50. The buyer holds less than 850.00.
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-5', scene: 'bar_code', authCode: poor, totalAmount: '850.00', subject: 'Too dear' })).toMatchObject({ subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH' });
    // An unverified buyer may pay out 1,000.00 a day: 898.63 more would pass it.
    const limited = (await call('POST', '/v1/payment_codes', buyer)).body.code as string;
    expect(await exec('alipay.trade.pay', { outTradeNo: 'till-6', scene: 'bar_code', authCode: limited, totalAmount: '898.63', subject: 'Over the day' })).toMatchObject({ code: '40004', subCode: 'ACQ.BUYER_PAYMENT_AMOUNT_DAY_LIMIT_ERROR' });
  });

  it('closes an unpaid trade, cancels a paid one by refunding it, and creates one for a named buyer', async () => {
    await exec('alipay.trade.precreate', { outTradeNo: 'close-1', totalAmount: '5.00', subject: 'Unpaid' });
    const closed = await exec('alipay.trade.close', { outTradeNo: 'close-1' });
    expect(closed).toMatchObject({ code: '10000', outTradeNo: 'close-1' });
    // The merchant's timeline names the app through which the gateway's calls came.
    const events = await apiRequester(() => fixture)('GET', `/v1/trades/${closed.tradeNo}/events`, { token: owner, headers: { 'zhifu-merchant': merchant } });
    const viaTill = { type: 'app', id: appId, label: 'Till' };
    expect(events.body.data).toMatchObject([{ type: 'created', actor: 'merchant', acted_by: viaTill }, { type: 'closed', actor: 'merchant', acted_by: viaTill }]);
    expect((await exec('alipay.trade.query', { outTradeNo: 'close-1' })).tradeStatus).toBe('TRADE_CLOSED');
    expect(await exec('alipay.trade.cancel', { outTradeNo: 'close-1' })).toMatchObject({ code: '10000', action: 'close', retryFlag: 'N' });
    const before = (await call('GET', '/v1/me', buyer)).body.balance.available;
    const cancelled = await exec('alipay.trade.cancel', { outTradeNo: 'till-1' });
    expect(cancelled).toMatchObject({ code: '10000', action: 'refund' });
    const refundedVia = (await apiRequester(() => fixture)('GET', `/v1/trades/${cancelled.tradeNo}/events`, { token: owner, headers: { 'zhifu-merchant': merchant } })).body.data.at(-1);
    expect(refundedVia).toMatchObject({ type: 'refunded', acted_by: { type: 'app', id: appId, label: 'Till' } });
    expect(Number((await call('GET', '/v1/me', buyer)).body.balance.available) - Number(before)).toBeCloseTo(12.5, 2);
    expect((await exec('alipay.trade.query', { outTradeNo: 'till-1' })).tradeStatus).toBe('TRADE_CLOSED');
    const created = await exec('alipay.trade.create', { outTradeNo: 'named-1', totalAmount: '3.00', subject: 'For you', buyerId });
    expect(created).toMatchObject({ code: '10000', outTradeNo: 'named-1', tradeNo: expect.stringMatching(/^trd_/) });
    expect((await call('GET', `/v1/orders/${created.tradeNo}`, buyer)).body.buyer).toBe(buyerId);
    expect(await exec('alipay.trade.create', { outTradeNo: 'named-2', totalAmount: '3.00', subject: 'x', buyerId: 'usr_nobody' })).toMatchObject({ subCode: 'ACQ.BUYER_NOT_EXIST' });
  });

  it('settles part of a paid trade to another merchant (alipay.trade.order.settle)', async () => {
    const partnerOwner = (await call('POST', '/v1/sessions', undefined, { identifier: 'buyer@gateway.example', password: 'long enough' })).body.token as string;
    const partner = (await call('POST', '/v1/merchants', partnerOwner, { name: 'Partner' })).body.id as string;
    const precreated = await exec('alipay.trade.precreate', { outTradeNo: 'settle-1', totalAmount: '50.00', subject: 'Shared' });
    const tradeNo = /\/pay\/(trd_\w+)$/.exec(precreated.qrCode!)![1]!;
    await call('POST', `/v1/orders/${tradeNo}/pay`, buyer, { pin: '123456' });
    const settled = await exec('alipay.trade.order.settle', { outRequestNo: 'st-1', tradeNo, royaltyParameters: [{ transIn: partner, amount: '10.00', desc: 'share' }] });
    expect(settled).toMatchObject({ code: '10000', tradeNo, settleNo: expect.stringMatching(/^spl_/) });
    expect(await exec('alipay.trade.order.settle', { outRequestNo: 'st-3', tradeNo, royaltyParameters: [{ transIn: 'mch_nobody', amount: '1.00' }] })).toMatchObject({ subCode: 'ACQ.TRANS_IN_INVALID' });
    // As over REST, what is left to settle is what the trade left the merchant: 50.00 less the
    // 0.30 fee, less the 10.00 settled, is 39.70. One fen more is refused and moves nothing, though
    // the merchant's balance (other trades' proceeds) could pay it.
    const partnerKey = (await call('POST', `/v1/merchants/${partner}/api_keys`, partnerOwner, {})).body.secret as string;
    const partnerBalance = async () => (await call('GET', '/v1/merchant', partnerKey)).body.balance.available as string;
    expect(await partnerBalance()).toBe('10.00');
    expect(await exec('alipay.trade.order.settle', { outRequestNo: 'st-2', tradeNo, royaltyParameters: [{ transIn: partner, amount: '39.71' }] })).toMatchObject({ code: '40004', subCode: 'ACQ.ALLOC_AMOUNT_VALIDATE_ERROR' });
    expect(await partnerBalance()).toBe('10.00');
    expect(await exec('alipay.trade.order.settle', { outRequestNo: 'st-2', tradeNo, royaltyParameters: [{ transIn: partner, amount: '39.70' }] })).toMatchObject({ code: '10000', tradeNo });
    expect(await partnerBalance()).toBe('49.70');
    expect(await exec('alipay.trade.order.settle', { outRequestNo: 'st-4', tradeNo, royaltyParameters: [{ transIn: partner, amount: '0.01' }] })).toMatchObject({ code: '40004', subCode: 'ACQ.ALLOC_AMOUNT_VALIDATE_ERROR' });
  });

  it('hands out a download link for a finished day\'s bill, good for 30 seconds', async () => {
    const dayOf = (milliseconds: number) => new Date(milliseconds + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
    const now = fixture.clock.now().getTime();
    expect(await exec('alipay.data.dataservice.bill.downloadurl.query', { billType: 'trade', billDate: dayOf(now) })).toMatchObject({ code: '40004', subCode: 'ACQ.BILL_NOT_EXIST' });
    expect(await exec('alipay.data.dataservice.bill.downloadurl.query', { billType: 'trade', billDate: '2026-02-30' })).toMatchObject({ subCode: 'ACQ.INVALID_PARAMETER' });
    const answer = await exec('alipay.data.dataservice.bill.downloadurl.query', { billType: 'trade', billDate: dayOf(now - 86_400_000) });
    expect(answer.code).toBe('10000');
    const download = await fetch(answer.billDownloadUrl!);
    expect(download.status).toBe(200);
    expect(await download.text()).toMatch(/^time,type,reference,out_trade_no,amount,currency,transfer_id\n(.|\n)*,net,/);
    fixture.clock.advanceSeconds(31);
    expect((await fetch(answer.billDownloadUrl!)).status).toBe(404);
    expect((await fetch(answer.billDownloadUrl!.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A')))).status).toBe(404);
  });

  it("notifies the trade's notify_url as Alipay does, signed, until the receiver answers success", async () => {
    const received: Record<string, string>[] = [];
    let answers = ['fail'];
    const receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(Object.fromEntries(new URLSearchParams(body)));
        response.end(answers.shift() ?? 'success');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alipay/notify`;
      const precreated = await sdk.exec('alipay.trade.precreate', { notifyUrl, bizContent: { outTradeNo: 'notify-1', totalAmount: '6.66', subject: 'Notified' } }, { validateSign: true });
      const tradeNo = /\/pay\/(trd_\w+)$/.exec(precreated.qrCode as string)![1]!;
      await call('POST', `/v1/orders/${tradeNo}/pay`, buyer, { pin: '123456' });
      answers = ['fail'];
      await fixture.app.services.webhooks.runDue();
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject({ notify_type: 'trade_status_sync', app_id: appId, trade_no: tradeNo, out_trade_no: 'notify-1', trade_status: 'TRADE_SUCCESS', total_amount: '6.66', buyer_id: buyerId, sign_type: 'RSA2' });
      // Alipay's own SDK accepts the signature, with the platform's public key.
      expect(sdk.checkNotifySignV2(received[0]!)).toBe(true);
      expect(sdk.checkNotifySignV2({ ...received[0]!, total_amount: '666.00' })).toBe(false);
      fixture.clock.advanceSeconds(121);
      await fixture.app.services.webhooks.runDue();
      expect(received).toHaveLength(2);
      expect(received[1]!.notify_id).toBe(received[0]!.notify_id);
      fixture.clock.advanceSeconds(601);
      await fixture.app.services.webhooks.runDue();
      expect(received).toHaveLength(2);
      await exec('alipay.trade.refund', { outTradeNo: 'notify-1', refundAmount: '1.66', outRequestNo: 'n-r1' });
      await fixture.app.services.webhooks.runDue();
      expect(received[2]).toMatchObject({ trade_status: 'TRADE_SUCCESS', refund_fee: '1.66' });
      expect(sdk.checkNotifySignV2(received[2]!)).toBe(true);
      // The merchant reads the notifications' log with its secret key, and can send one again.
      const owner = (await call('POST', '/v1/sessions', undefined, { identifier: 'owner@gateway.example', password: 'long enough' })).body.token as string;
      const merchantId = (await fixture.app.services.apps.findApp(appId))!.merchant_id;
      const key = (await call('POST', `/v1/merchants/${merchantId}/api_keys`, owner, {})).body.secret as string;
      const log = await call('GET', '/v1/gateway_notifications?limit=100', key);
      const paid = log.body.data.find((delivery: { event_type: string }) => delivery.event_type === 'trade.paid');
      expect(paid).toMatchObject({ status: 'succeeded', attempts: 2 });
      expect(paid.attempts_log.map((attempt: { error: string | null }) => attempt.error)).toEqual(['the receiver did not answer "success"', null]);
      expect((await call('POST', `/v1/webhook_deliveries/${paid.id}/replay`, key)).status).toBe(202);
      await fixture.app.services.webhooks.runDue();
      expect(received).toHaveLength(4);
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it("replaces an app's key, so that the old one is refused, and disables an app for good with its waiting notifications", async () => {
    const owner = (await call('POST', '/v1/sessions', undefined, { identifier: 'owner@gateway.example', password: 'long enough' })).body.token as string;
    const merchantId = (await fixture.app.services.apps.findApp(appId))!.merchant_id;
    const first = keyPair();
    const second = keyPair();
    const app2 = (await call('POST', `/v1/merchants/${merchantId}/apps`, owner, { name: 'Kiosk', public_key: first.publicKey })).body.app_id as string;
    const client = (privateKey: string) => new AlipaySdk({ appId: app2, privateKey, keyType: 'PKCS8', alipayPublicKey: platformPublicKey, gateway: gatewayUrl });
    const received: string[] = [];
    const receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received.push(request.url ?? '');
        response.end('fail');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    try {
      const notifyUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/notify`;
      const precreated = await client(first.privateKey).exec('alipay.trade.precreate', { notifyUrl, bizContent: { outTradeNo: 'kiosk-1', totalAmount: '2.00', subject: 'Kiosk' } }, { validateSign: true });
      await call('POST', `/v1/orders/${/\/pay\/(trd_\w+)$/.exec(precreated.qrCode as string)![1]!}/pay`, buyer, { pin: '123456' });
      await fixture.app.services.webhooks.runDue();
      expect(received).toHaveLength(1);

      // The key replaced: the old one is refused from this answer on, the new one accepted.
      expect((await call('POST', `/v1/merchants/${merchantId}/apps/${app2}`, owner, {})).body.error).toMatchObject({ code: 'parameter_missing' });
      expect((await call('POST', `/v1/merchants/${merchantId}/apps/${app2}`, owner, { public_key: 'junk' })).body.error).toMatchObject({ code: 'public_key_invalid', param: 'public_key' });
      const rotated = await call('POST', `/v1/merchants/${merchantId}/apps/${app2}`, owner, { public_key: second.publicKey, name: 'Kiosk 2' });
      expect(rotated.status).toBe(200);
      expect(rotated.body).toMatchObject({ app_id: app2, name: 'Kiosk 2', status: 'active', app_public_key: second.publicKey });
      expect(await exec('alipay.trade.query', { outTradeNo: 'kiosk-1' }, client(first.privateKey))).toMatchObject({ code: '40002', subCode: 'isv.invalid-signature' });
      expect(await exec('alipay.trade.query', { outTradeNo: 'kiosk-1' }, client(second.privateKey))).toMatchObject({ code: '10000', tradeStatus: 'TRADE_SUCCESS' });
      expect((await call('GET', `/v1/merchants/${merchantId}/apps/${app2}`, owner)).body.app_public_key).toBe(second.publicKey);

      // Another merchant's owner cannot see or change it, under its own merchant or this one.
      await call('POST', '/v1/users', undefined, { email: 'rival@gateway.example', password: 'long enough' });
      const rival = (await call('POST', '/v1/sessions', undefined, { identifier: 'rival@gateway.example', password: 'long enough' })).body.token as string;
      const rivalMerchant = (await call('POST', '/v1/merchants', rival, { name: 'Rival' })).body.id as string;
      expect((await call('POST', `/v1/merchants/${rivalMerchant}/apps/${app2}/disable`, rival)).body.error).toMatchObject({ code: 'resource_missing' });
      expect((await call('GET', `/v1/merchants/${rivalMerchant}/apps/${app2}`, rival)).status).toBe(404);
      expect((await call('POST', `/v1/merchants/${merchantId}/apps/${app2}/disable`, rival)).status).toBe(404);

      // Disabled: the gateway refuses it, the notification still waiting is dropped, nothing more is sent.
      const disabled = await call('POST', `/v1/merchants/${merchantId}/apps/${app2}/disable`, owner);
      expect(disabled.body).toMatchObject({ app_id: app2, status: 'disabled' });
      expect((await call('POST', `/v1/merchants/${merchantId}/apps/${app2}/disable`, owner)).body.status).toBe('disabled');
      expect(await exec('alipay.trade.query', { outTradeNo: 'kiosk-1' }, client(second.privateKey))).toMatchObject({ code: '40002', subCode: 'isv.invalid-app-id' });
      expect((await call('POST', `/v1/merchants/${merchantId}/apps/${app2}`, owner, { name: 'Back again' })).body.error).toMatchObject({ code: 'app_disabled' });
      const key = (await call('POST', `/v1/merchants/${merchantId}/api_keys`, owner, {})).body.secret as string;
      const log = (await call('GET', '/v1/gateway_notifications?limit=100', key)).body.data as { id: string; status: string; last_error: string | null; attempts: number }[];
      const dropped = log.filter((delivery) => delivery.last_error === 'app disabled');
      expect(dropped).toHaveLength(1);
      expect(dropped[0]).toMatchObject({ status: 'failed', attempts: 1, event_type: 'trade.paid' });
      expect((await call('POST', `/v1/webhook_deliveries/${dropped[0]!.id}/replay`, key)).body.error).toMatchObject({ code: 'app_disabled' });
      // A change of its trade after the disabling (a refund through the REST API) is not notified either.
      const tradeNo = /\/pay\/(trd_\w+)$/.exec(precreated.qrCode as string)![1]!;
      expect((await call('POST', `/v1/trades/${tradeNo}/refunds`, key, { amount: '0.50', currency: 'CNY', out_request_no: 'kiosk-r1' })).status).toBe(201);
      // Past the next retries (2 and 10 minutes); an hour keeps the SDK's real-time stamps within the gateway's tolerance.
      fixture.clock.advanceSeconds(60 * 60);
      await fixture.app.services.webhooks.runDue();
      expect(received).toHaveLength(1);
      expect((await call('GET', '/v1/gateway_notifications?limit=100', key)).body.data.length).toBe(log.length);
      // The first app goes on as before.
      expect(await exec('alipay.trade.query', { outTradeNo: 'qr-1' })).toMatchObject({ code: '10000' });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }
  });

  it('answers a wrong key, a tampered body, a stale timestamp, an unknown app or method and a missing signature with the documented codes', async () => {
    const stranger = keyPair();
    const wrongKey = new AlipaySdk({ appId, privateKey: stranger.privateKey, keyType: 'PKCS8', alipayPublicKey: platformPublicKey, gateway: gatewayUrl });
    expect(await exec('alipay.trade.query', { outTradeNo: 'qr-1' }, wrongKey)).toMatchObject({ code: '40002', subCode: 'isv.invalid-signature' });
    const unknownApp = new AlipaySdk({ appId: '2026000000000000', privateKey: appKeys.privateKey, keyType: 'PKCS8', alipayPublicKey: platformPublicKey, gateway: gatewayUrl });
    expect(await exec('alipay.trade.query', { outTradeNo: 'qr-1' }, unknownApp)).toMatchObject({ code: '40002', subCode: 'isv.invalid-app-id' });

    // Raw requests, signed as the SDK signs them.
    const raw = async (fields: Record<string, string>, change: (signed: Record<string, string>) => Record<string, string> = (signed) => signed) => {
      const parameters = { app_id: appId, method: 'alipay.trade.query', charset: 'utf-8', sign_type: 'RSA2', timestamp: alipayTime(fixture.clock.now().getTime()), version: '1.0', biz_content: JSON.stringify({ out_trade_no: 'qr-1' }), ...fields };
      const signed = change({ ...parameters, sign: signRsa2(signedText(parameters), appKeys.privateKey) });
      const response = await fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(signed).toString() });
      expect(response.status).toBe(200);
      return (await response.json()) as Record<string, Record<string, string>>;
    };
    expect((await raw({})).alipay_trade_query_response).toMatchObject({ code: '10000', trade_status: 'TRADE_SUCCESS' });
    expect((await raw({}, (signed) => ({ ...signed, biz_content: JSON.stringify({ out_trade_no: 'till-1' }) }))).alipay_trade_query_response).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
    expect((await raw({ timestamp: alipayTime(fixture.clock.now().getTime() - 24 * 60 * 60 * 1000) })).alipay_trade_query_response).toMatchObject({ code: '40002', sub_code: 'isv.invalid-timestamp' });
    expect((await raw({ timestamp: '2026-13-45 99:00:00' })).alipay_trade_query_response).toMatchObject({ sub_code: 'isv.invalid-timestamp' });
    // Wall-clock time of any zone from UTC−12 to UTC+14 (±15 minutes) is accepted, nothing beyond.
    // alipayTime(t) writes t in China Standard Time (UTC+8), so the wall clock of UTC+h is t = now + (h − 8) h.
    const hour = 60 * 60 * 1000;
    const zone = (hours: number) => alipayTime(fixture.clock.now().getTime() + (hours - 8) * hour);
    for (const hours of [-12, -8, 0, 8, 14]) expect((await raw({ timestamp: zone(hours) })).alipay_trade_query_response).toMatchObject({ code: '10000' });
    for (const hours of [-13, 15]) expect((await raw({ timestamp: zone(hours) })).alipay_trade_query_response).toMatchObject({ sub_code: 'isv.invalid-timestamp' });
    expect((await raw({ method: 'alipay.trade.teleport' })).error_response).toMatchObject({ code: '40002', sub_code: 'isv.invalid-method' });
    expect((await raw({}, ({ sign: _sign, ...unsigned }) => unsigned)).alipay_trade_query_response).toMatchObject({ code: '40001', sub_code: 'isv.missing-signature' });
    expect((await raw({}, ({ app_id: _app, ...rest }) => rest)).alipay_trade_query_response).toMatchObject({ code: '40001', sub_code: 'isv.missing-app-id' });
    expect((await raw({}, ({ method: _method, ...rest }) => rest)).error_response).toMatchObject({ code: '40001', sub_code: 'isv.missing-method' });
    expect((await raw({ sign_type: 'RSA' })).alipay_trade_query_response).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature-type' });
    expect((await raw({ biz_content: '{not json' })).alipay_trade_query_response).toMatchObject({ code: '40002', sub_code: 'isv.invalid-parameter' });
  });
});
