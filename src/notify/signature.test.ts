import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './signature.js';

// The test vector in docs/webhooks.md.
const secret = 'whsec_test_vector_secret';
const body = '{"id":"evt_1","type":"trade.paid"}';
const timestamp = 1_800_000_000;
const vector = 't=1800000000,v1=65387c43908d49ade7422687469765346f195d68168d61b5274575b2943e3b50';

describe('webhook signatures', () => {
  it('signs as the documented test vector says', () => {
    const header = signWebhook(secret, timestamp, body);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook(header, body, secret, timestamp + 10)).toEqual({ ok: true, timestamp });
    expect(header).toBe(vector);
  });

  it('refuses a tampered body, a wrong secret, a stale or future timestamp, and malformed headers', () => {
    const header = signWebhook(secret, timestamp, body);
    expect(verifyWebhook(header, body.replace('paid', 'refunded'), secret, timestamp)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyWebhook(header, body, 'whsec_other', timestamp)).toEqual({ ok: false, reason: 'signature_mismatch' });
    expect(verifyWebhook(header, body, secret, timestamp + 301)).toEqual({ ok: false, reason: 'timestamp_outside_tolerance' });
    expect(verifyWebhook(header, body, secret, timestamp - 301)).toEqual({ ok: false, reason: 'timestamp_outside_tolerance' });
    for (const bad of ['', 'v1=abc', 't=abc,v1=00', 't=1,t=2,v1=00', 'nonsense']) expect(verifyWebhook(bad, body, secret, timestamp).ok).toBe(false);
    expect(verifyWebhook(`t=${timestamp},v1=${'0'.repeat(64)},v1=${header.split('v1=')[1]}`, body, secret, timestamp).ok).toBe(true);
  });
});
