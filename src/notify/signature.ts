// Webhook signatures, as Stripe makes them: the header `Zhifu-Signature: t=<unix seconds>,v1=<hex>`
// where the hex is HMAC-SHA256 under the endpoint's secret of "<t>.<raw body>". A receiver checks
// the MAC in constant time and refuses a timestamp more than 300 s away from its clock, so a
// captured delivery cannot be replayed later. The verifier is exported for receivers written in
// TypeScript; docs/webhooks.md has a test vector for other languages.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'zhifu-signature';
export const signatureToleranceSeconds = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

function mac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header value for a body sent at `timestamp` (unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

export type SignatureCheck = { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: 'header_malformed' | 'timestamp_outside_tolerance' | 'signature_mismatch' };

/** Checks a delivery: the header as received, the raw body, the endpoint's secret, and the receiver's clock (unix seconds). */
export function verifyWebhook(header: string, body: string, secret: string, nowSeconds: number, toleranceSeconds = signatureToleranceSeconds): SignatureCheck {
  const parts = new Map<string, string[]>();
  for (const part of header.split(',')) {
    const [key, value] = part.split('=', 2);
    if (key === undefined || value === undefined) return { ok: false, reason: 'header_malformed' };
    parts.set(key.trim(), [...(parts.get(key.trim()) ?? []), value.trim()]);
  }
  const timestamps = parts.get('t');
  const signatures = parts.get('v1');
  if (timestamps?.length !== 1 || !/^\d{1,12}$/.test(timestamps[0]!) || signatures === undefined) return { ok: false, reason: 'header_malformed' };
  const timestamp = Number(timestamps[0]);
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: 'timestamp_outside_tolerance' };
  const expected = Buffer.from(mac(secret, timestamp, body), 'hex');
  // Every v1 is compared (a secret being rolled may sign twice), each in constant time.
  const matches = signatures.some((signature) => /^[0-9a-f]{64}$/.test(signature) && timingSafeEqual(Buffer.from(signature, 'hex'), expected));
  return matches ? { ok: true, timestamp } : { ok: false, reason: 'signature_mismatch' };
}
