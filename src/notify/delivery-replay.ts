// Sending a delivery again on request (a merchant's replay, or an operator's): a conditional write
// that never disturbs an attempt under way and never sends to an endpoint, or for an app, that was
// disabled.

import { noWrites, PlatformWriteConflictError, type PlatformDatabase, type WebhookDeliveryTable, type WritesWith } from '../store/index.js';
import { appOfTarget } from './app-targets.js';

/**
 * Why a replay was refused: no such delivery (or not the merchant's); an attempt of it is being
 * sent right now; its webhook endpoint is disabled; the gateway app of its trade is disabled.
 */
export type ReplayFailure = 'delivery_not_found' | 'webhook_delivery_sending' | 'webhook_endpoint_disabled' | 'app_disabled';

export type ReplayResult = { readonly ok: true; readonly delivery: WebhookDeliveryTable } | { readonly ok: false; readonly code: ReplayFailure };

/** How often a replay reads the delivery again when another process changed it between the read and the write. */
export const replayReadsMax = 4;

/**
 * Makes a delivery due now, whatever became of it; its attempts go on counting. A merchant replays
 * only its own (`merchantId`); an operator any (`merchantId` undefined).
 *
 * A delivery whose attempt is under way (claimed, with a live lease, and not yet logged) is refused
 * with 'webhook_delivery_sending' rather than queued behind the attempt: that attempt is the send
 * the merchant asked for, and its outcome is in the delivery log within the delivery timeout;
 * queueing would send the event a second time even when the attempt under way is acknowledged,
 * and making the delivery due under a live lease would let another process send it at the same
 * moment. The merchant reads the log and replays again if the attempt failed. A delivery to a
 * disabled endpoint is refused and left as it is: disabling an endpoint promises nothing more is
 * sent to it; so is a gateway notification of a disabled app.
 *
 * The write applies only if the delivery is still as it was read (status, attempts, due time) and
 * its endpoint still enabled (its app still active); a claim always changes the attempts, so a replay can never be laid
 * over an attempt that began after the read. When the write finds the delivery changed, it is
 * read and judged again, at most `replayReadsMax` times.
 */
export async function replayDelivery(platform: PlatformDatabase, now: number, merchantId: string | undefined, deliveryId: string, alsoWrite: WritesWith = noWrites): Promise<ReplayResult> {
  const db = platform.db;
  for (let read = 0; read < replayReadsMax; read += 1) {
    const delivery = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', deliveryId).executeTakeFirst();
    if (delivery === undefined) return { ok: false, code: 'delivery_not_found' };
    const target = await targetOf(platform, delivery);
    if (target === undefined || (merchantId !== undefined && target.merchantId !== merchantId)) return { ok: false, code: 'delivery_not_found' };
    if (!target.enabled) return { ok: false, code: target.appId === undefined ? 'webhook_endpoint_disabled' : 'app_disabled' };
    if (await attemptUnderWay(platform, delivery, now)) return { ok: false, code: 'webhook_delivery_sending' };
    let update = db
      .updateTable('webhook_deliveries')
      .set({ status: 'pending', next_attempt_at: now })
      .where('id', '=', delivery.id)
      .where('status', '=', delivery.status)
      .where('attempts', '=', Number(delivery.attempts))
      .where('next_attempt_at', delivery.next_attempt_at === null ? 'is' : '=', delivery.next_attempt_at === null ? null : Number(delivery.next_attempt_at));
    const { appId } = target;
    if (appId !== undefined) {
      update = update.where((eb) => eb.exists(eb.selectFrom('merchant_apps').select('merchant_apps.app_id').where('merchant_apps.app_id', '=', appId).where('merchant_apps.status', '=', 'active')));
    } else {
      update = update.where((eb) => eb.exists(eb.selectFrom('webhook_endpoints').select('webhook_endpoints.id').whereRef('webhook_endpoints.id', '=', 'webhook_deliveries.endpoint_id').where('webhook_endpoints.status', '=', 'enabled')));
    }
    try {
      await platform.writeTogether([{ query: update, expectRows: 1 }, ...alsoWrite()]);
      return { ok: true, delivery: { ...delivery, status: 'pending', next_attempt_at: now } };
    } catch (error) {
      if (!(error instanceof PlatformWriteConflictError)) throw error;
    }
  }
  // Changed between every read and write: attempts of it are being claimed and sent right now.
  return { ok: false, code: 'webhook_delivery_sending' };
}

/**
 * Whether an attempt of the delivery is being sent: a claim counts the attempt it reserves, and the
 * attempt is logged when it ends, so an attempt counted but not logged, under a lease that has not
 * run out, is under way. A lease that ran out belonged to a process that died mid-send.
 */
async function attemptUnderWay(platform: PlatformDatabase, delivery: WebhookDeliveryTable, now: number): Promise<boolean> {
  const attempts = Number(delivery.attempts);
  if (delivery.status !== 'pending' || attempts === 0 || delivery.next_attempt_at === null || Number(delivery.next_attempt_at) <= now) return false;
  const logged = await platform.db.selectFrom('webhook_attempts').select('attempt').where('delivery_id', '=', delivery.id).where('attempt', '=', attempts).executeTakeFirst();
  return logged === undefined;
}

/**
 * The merchant a delivery belongs to (the owner of its endpoint, or of its gateway notification's
 * app), whether its endpoint is enabled (its app active), and the app for a gateway notification.
 */
async function targetOf(platform: PlatformDatabase, delivery: WebhookDeliveryTable): Promise<{ readonly merchantId: string; readonly enabled: boolean; readonly appId?: string } | undefined> {
  const db = platform.db;
  const appId = appOfTarget(delivery.endpoint_id);
  if (appId !== undefined) {
    // A gateway notification goes to its trade's notify_url while the trade's app is active.
    const app = await db.selectFrom('merchant_apps').select(['merchant_id', 'status']).where('app_id', '=', appId).executeTakeFirst();
    return app === undefined ? undefined : { merchantId: app.merchant_id, enabled: app.status === 'active', appId };
  }
  const endpoint = await db.selectFrom('webhook_endpoints').select(['merchant_id', 'status']).where('id', '=', delivery.endpoint_id).executeTakeFirst();
  return endpoint === undefined ? undefined : { merchantId: endpoint.merchant_id, enabled: endpoint.status === 'enabled' };
}
