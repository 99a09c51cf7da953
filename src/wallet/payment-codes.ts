// Payment codes: the one-time number a consumer shows at a till (as a barcode or QR code) so that
// the merchant can charge the wallet (`alipay.trade.pay`, scene bar_code). A code is valid for a
// minute and once; it is a bearer credential, so only its hash is kept, and a charge through it is
// capped (larger payments go through the PIN).

import { createHash, randomInt } from 'node:crypto';
import type { Clock } from '../platform/clock.js';
import type { PlatformDatabase } from '../store/index.js';

export const paymentCodeLifetimeMilliseconds = 60_000;
/** The most one payment code may pay, in fen (2,000.00 CNY). */
export const paymentCodeAmountMax = 200_000n;
const codePattern = /^28\d{16}$/;

const hashCode = (code: string) => createHash('sha256').update(code).digest('hex');

export type RedeemOutcome = { readonly ok: true; readonly userId: string } | { readonly ok: false };

export class PaymentCodes {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly clock: Clock,
  ) {}

  /** A new code for the user: 18 digits starting 28, as Alipay's. */
  async create(userId: string): Promise<{ code: string; expiresAt: Date }> {
    const now = this.clock.now().getTime();
    const code = `28${String(randomInt(0, 1e8)).padStart(8, '0')}${String(randomInt(0, 1e8)).padStart(8, '0')}`;
    await this.platform.db.insertInto('payment_codes').values({ code_hash: hashCode(code), user_id: userId, created_at: now, expires_at: now + paymentCodeLifetimeMilliseconds, used_at: null }).execute();
    return { code, expiresAt: new Date(now + paymentCodeLifetimeMilliseconds) };
  }

  /** Uses a code up: whose wallet it opens, if it is live and nobody used it before. */
  async redeem(code: string): Promise<RedeemOutcome> {
    if (!codePattern.test(code)) return { ok: false };
    const now = this.clock.now().getTime();
    const hash = hashCode(code);
    const row = await this.platform.db.selectFrom('payment_codes').selectAll().where('code_hash', '=', hash).executeTakeFirst();
    if (row === undefined || row.used_at !== null || Number(row.expires_at) <= now) return { ok: false };
    const used = await this.platform.db.updateTable('payment_codes').set({ used_at: now }).where('code_hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
    return Number(used.numUpdatedRows) === 1 ? { ok: true, userId: row.user_id } : { ok: false };
  }

  /** Deletes codes that ended a day ago or more. */
  async prune(): Promise<number> {
    const cutoff = this.clock.now().getTime() - 24 * 60 * 60 * 1000;
    return Number((await this.platform.db.deleteFrom('payment_codes').where('expires_at', '<', cutoff).executeTakeFirst()).numDeletedRows);
  }
}
