// Download links for daily bills, as Alipay gives them (bill.downloadurl.query): a URL that opens
// one merchant's bill of one day without other credentials, signed with a server key and good for
// 30 seconds.

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../platform/clock.js';

export const billLinkLifetimeMilliseconds = 30_000;

export class BillLinks {
  constructor(
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  /** A token naming the merchant's bill of the day, valid for 30 seconds. */
  issue(merchantId: string, day: string): string {
    const payload = Buffer.from(JSON.stringify({ m: merchantId, d: day, e: this.clock.now().getTime() + billLinkLifetimeMilliseconds })).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** The merchant and day a token names, if it is genuine and has not expired. */
  open(token: string): { readonly merchantId: string; readonly day: string } | undefined {
    const [payload, mac] = token.split('.');
    if (payload === undefined || mac === undefined) return undefined;
    const expected = Buffer.from(this.mac(payload), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    let named: { m: string; d: string; e: number };
    try {
      named = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { m: string; d: string; e: number };
    } catch {
      return undefined;
    }
    const { m, d, e } = named;
    return e > this.clock.now().getTime() ? { merchantId: m, day: d } : undefined;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
