// Webhooks: merchants register endpoints; every event in the outbox is fanned out to the
// merchant's endpoints that want it, and each delivery is POSTed, signed, until the receiver
// answers 2xx: at once, then after 2m, 10m, 10m, 1h, 2h, 6h and 15h (8 attempts over about a day,
// as Alipay resends). Deliveries run in the background, a few at a time with a timeout each, so a
// slow or dead receiver never slows a payment. A delivery is claimed with a lease before it is
// sent, so two server processes never send it at once; every attempt is logged, and a merchant
// can send any delivery again (delivery-replay.ts), unless an attempt of it is under way or its
// endpoint (or, for a gateway notification, its app) is disabled.

import type { Kysely } from 'kysely';
import type { Clock } from '../platform/clock.js';
import type { IdSource } from '../platform/ids.js';
import { noWrites, PlatformWriteConflictError, type EventTable, type PlatformDatabase, type PlatformTables, type WebhookAttemptTable, type WebhookDeliveryTable, type WebhookEndpointTable, type WritesWith } from '../store/index.js';
import { signedText } from './alipay-signing.js';
import { appDisabledError, appOfTarget, appTarget } from './app-targets.js';
import { alipayTime } from './alipay-time.js';
import { newWebhookSecret, signatureHeader, signWebhook } from './signature.js';
import { deliver } from './deliver.js';
import { replayDelivery, type ReplayResult } from './delivery-replay.js';
import { deliveryTargetAllowed } from './targets.js';

/** Seconds to wait after failed attempt n (1-based) before attempt n + 1; after the last, the delivery has failed. */
export const retryDelaysSeconds: readonly number[] = [120, 600, 600, 3_600, 7_200, 21_600, 54_000];
export const webhookAttemptsMax = retryDelaysSeconds.length + 1;
export const webhookTimeoutMilliseconds = 10_000;
/** A claimed delivery that has not reported by then is taken to have died with its process. */
export const deliveryLeaseMilliseconds = 60_000;
export const deliveriesInFlightMax = 16;
export const endpointsPerMerchantMax = 16;
export const webhookUrlLengthMax = 2_048;
const fanOutBatchMax = 500;

export type WebhookFailure = 'webhook_url_invalid' | 'webhook_endpoint_limit_reached' | 'event_type_invalid';

export const deliveryStatuses = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** A delivery as operators list it: with its merchant, its event's type, and where it goes. */
export interface DeliveryOverview extends WebhookDeliveryTable {
  readonly merchant_id: string;
  readonly event_type: string;
  readonly url: string | null;
}

export interface DeliveryWithAttempts extends WebhookDeliveryTable {
  readonly event_type: string;
  readonly attempts_log: readonly WebhookAttemptTable[];
}

export class WebhookService {
  private readonly db: Kysely<PlatformTables>;

  constructor(
    private readonly platform: PlatformDatabase,
    private readonly clock: Clock,
    private readonly ids: IdSource,
    /** Signs gateway notifications with the platform's RSA key. */
    private readonly signAlipay: (text: string) => string,
    /** Whether deliveries may go to internal addresses (the sandbox) or only public ones (production). */
    private readonly allowInternalTargets = true,
  ) {
    this.db = platform.db;
  }

  async createEndpoint(merchantId: string, url: string, eventTypes: readonly string[]): Promise<{ ok: true; endpoint: WebhookEndpointTable } | { ok: false; code: WebhookFailure }> {
    if (!validHttpUrl(url) || !(await deliveryTargetAllowed(url, this.allowInternalTargets))) return { ok: false, code: 'webhook_url_invalid' };
    if (eventTypes.some((type) => type !== '*' && !/^[a-z_]+\.[a-z_.*]+$/.test(type))) return { ok: false, code: 'event_type_invalid' };
    const live = await this.db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<number>().as('count')).where('merchant_id', '=', merchantId).where('status', '=', 'enabled').executeTakeFirstOrThrow();
    if (Number(live.count) >= endpointsPerMerchantMax) return { ok: false, code: 'webhook_endpoint_limit_reached' };
    const last = await this.db.selectFrom('events').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
    const endpoint: WebhookEndpointTable = { id: `we_${this.ids.nextId().toString(36)}`, merchant_id: merchantId, url, secret: newWebhookSecret(), event_types: eventTypes.length === 0 ? '*' : eventTypes.join(','), status: 'enabled', events_after: last?.id ?? '', created_at: this.clock.now().getTime() };
    await this.db.insertInto('webhook_endpoints').values(endpoint).execute();
    return { ok: true, endpoint };
  }

  async endpoints(merchantId: string): Promise<WebhookEndpointTable[]> {
    return this.db.selectFrom('webhook_endpoints').selectAll().where('merchant_id', '=', merchantId).orderBy('created_at', 'desc').execute();
  }

  async endpoint(merchantId: string, id: string): Promise<WebhookEndpointTable | undefined> {
    return this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('merchant_id', '=', merchantId).executeTakeFirst();
  }

  /** Stops sending to an endpoint; deliveries still pending to it are dropped. */
  async disableEndpoint(merchantId: string, id: string): Promise<boolean> {
    const endpoint = await this.endpoint(merchantId, id);
    if (endpoint === undefined) return false;
    await this.platform.writeTogether([
      this.db.updateTable('webhook_endpoints').set({ status: 'disabled' }).where('id', '=', id),
      this.db.updateTable('webhook_deliveries').set({ status: 'failed', next_attempt_at: null, last_error: 'endpoint disabled' }).where('endpoint_id', '=', id).where('status', '=', 'pending'),
    ]);
    return true;
  }

  /**
   * Deliveries to an endpoint (or, for gateway notifications, to 'app:<app_id>' of each app given),
   * newest first, each with its event type and attempts.
   */
  async deliveries(endpointIds: string | readonly string[], limit: number, startingAfter?: string): Promise<{ data: DeliveryWithAttempts[]; hasMore: boolean }> {
    const targets = typeof endpointIds === 'string' ? [endpointIds] : [...endpointIds];
    if (targets.length === 0) return { data: [], hasMore: false };
    let query = this.db.selectFrom('webhook_deliveries').innerJoin('events', 'events.id', 'webhook_deliveries.event_id').selectAll('webhook_deliveries').select('events.type as event_type').where('endpoint_id', 'in', targets);
    if (startingAfter !== undefined) query = query.where('webhook_deliveries.id', '<', startingAfter);
    const rows = await query.orderBy('webhook_deliveries.id', 'desc').limit(limit + 1).execute();
    const page = rows.slice(0, limit);
    const attempts = page.length === 0 ? [] : await this.db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', page.map((row) => row.id)).orderBy('attempt').execute();
    return { data: page.map((row) => ({ ...row, attempts_log: attempts.filter((attempt) => attempt.delivery_id === row.id) })), hasMore: rows.length > limit };
  }

  /**
   * Deliveries of every merchant, webhooks and gateway notifications alike, newest first, of one
   * status or all, each with its merchant, event type and where it goes (for operators).
   */
  async allDeliveries(status: DeliveryStatus | undefined, limit: number, startingAfter?: string): Promise<{ data: DeliveryOverview[]; hasMore: boolean }> {
    let query = this.db
      .selectFrom('webhook_deliveries')
      .innerJoin('events', 'events.id', 'webhook_deliveries.event_id')
      .leftJoin('webhook_endpoints', 'webhook_endpoints.id', 'webhook_deliveries.endpoint_id')
      .selectAll('webhook_deliveries')
      .select(['events.type as event_type', 'events.merchant_id', 'webhook_endpoints.url as endpoint_url']);
    if (status !== undefined) query = query.where('webhook_deliveries.status', '=', status);
    if (startingAfter !== undefined) query = query.where('webhook_deliveries.id', '<', startingAfter);
    const rows = await query.orderBy('webhook_deliveries.id', 'desc').limit(limit + 1).execute();
    // A gateway notification goes to its trade's notify_url; a webhook to its endpoint's URL.
    const data = rows.slice(0, limit).map(({ endpoint_url, ...row }) => ({ ...row, url: row.target_url ?? endpoint_url }));
    return { data, hasMore: rows.length > limit };
  }

  /**
   * Sends a delivery again now, whatever became of it; its attempts go on counting. A merchant
   * replays only its own (`merchantId`); an operator any (`merchantId` undefined). Refused, with
   * nothing changed, while an attempt of it is under way or when its endpoint is disabled
   * (delivery-replay.ts says why).
   */
  replayDelivery(merchantId: string | undefined, deliveryId: string, alsoWrite: WritesWith = noWrites): Promise<ReplayResult> {
    return replayDelivery(this.platform, this.clock.now().getTime(), merchantId, deliveryId, alsoWrite);
  }

  /** Fans new events out to endpoints and sends what is due; answers how many attempts were made. */
  async runDue(): Promise<number> {
    await this.fanOut();
    const now = this.clock.now().getTime();
    const due = await this.db.selectFrom('webhook_deliveries').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('next_attempt_at').orderBy('id').limit(deliveriesInFlightMax * 4).execute();
    let attempts = 0;
    for (let start = 0; start < due.length; start += deliveriesInFlightMax) {
      const sent = await Promise.all(due.slice(start, start + deliveriesInFlightMax).map((delivery) => this.attempt(delivery)));
      attempts += sent.filter(Boolean).length;
    }
    return attempts;
  }

  /**
   * Creates a delivery for every event not yet fanned out and every enabled endpoint of its
   * merchant that wants it, and marks the events, in one unit. Two processes doing it at once make
   * each delivery once (a delivery is unique per endpoint and event).
   */
  private async fanOut(): Promise<void> {
    for (;;) {
      // Only what routing needs: the payload is read when a delivery is sent.
      const events = await this.db.selectFrom('events').select(['id', 'merchant_id', 'type', 'object_id']).where('fanned_out', '=', 0).orderBy('id').limit(fanOutBatchMax).execute();
      if (events.length === 0) return;
      const merchants = [...new Set(events.map((event) => event.merchant_id))];
      const endpoints = await this.db.selectFrom('webhook_endpoints').selectAll().where('merchant_id', 'in', merchants).where('status', '=', 'enabled').execute();
      const now = this.clock.now().getTime();
      const deliveries = events.flatMap((event) =>
        endpoints
          .filter((endpoint) => endpoint.merchant_id === event.merchant_id && wants(endpoint, event) && event.id > endpoint.events_after)
          .map((endpoint): WebhookDeliveryTable => this.newDelivery(endpoint.id, event.id, 'webhook', null, now)),
      );
      deliveries.push(...(await this.gatewayNotifications(events, now)));
      await this.platform.writeTogether([
        ...deliveries.map((delivery) => this.db.insertInto('webhook_deliveries').values(delivery).onConflict((conflict) => conflict.columns(['endpoint_id', 'event_id']).doNothing())),
        this.db.updateTable('events').set({ fanned_out: 1 }).where('id', 'in', events.map((event) => event.id)),
      ]);
      if (events.length < fanOutBatchMax) return;
    }
  }

  /** The signed request of a webhook delivery; undefined if its endpoint is disabled (nothing more goes to it). */
  private async webhookRequest(delivery: WebhookDeliveryTable, event: EventTable, at: number): Promise<{ url: string; headers: Record<string, string>; body: string } | undefined> {
    const endpoint = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', delivery.endpoint_id).executeTakeFirstOrThrow();
    if (endpoint.status !== 'enabled') return undefined;
    const body = JSON.stringify(eventBody(event));
    return { url: endpoint.url, body, headers: { 'content-type': 'application/json', 'user-agent': 'Zhifu-Webhooks/1', [signatureHeader]: signWebhook(endpoint.secret, Math.floor(at / 1000), body) } };
  }

  /** A trade_status_sync notification, form-encoded and RSA2-signed as Alipay sends it; undefined if its app is disabled (nothing more goes out for it). */
  private async alipayRequest(delivery: WebhookDeliveryTable, event: EventTable, at: number): Promise<{ url: string; headers: Record<string, string>; body: string } | undefined> {
    const appId = appOfTarget(delivery.endpoint_id)!;
    const app = await this.db.selectFrom('merchant_apps').select('status').where('app_id', '=', appId).executeTakeFirst();
    if (app?.status !== 'active') return undefined;
    const { object } = JSON.parse(event.payload) as { object: NotifiedTrade };
    const parameters: Record<string, string> = {
      notify_id: event.id,
      notify_time: alipayTime(at),
      notify_type: 'trade_status_sync',
      app_id: appId,
      charset: 'utf-8',
      version: '1.0',
      trade_no: object.id,
      out_trade_no: object.out_trade_no,
      trade_status: object.status,
      total_amount: object.amount,
      receipt_amount: object.amount,
      buyer_id: object.buyer ?? '',
      gmt_create: alipayTime(Date.parse(object.created_at)),
      ...(object.paid_at === null ? {} : { gmt_payment: alipayTime(Date.parse(object.paid_at)) }),
      ...(event.type === 'trade.refunded' ? { refund_fee: object.refunded_amount, gmt_refund: alipayTime(Number(event.created_at)) } : {}),
      ...(event.type === 'trade.closed' || event.type === 'trade.finished' ? { gmt_close: alipayTime(Number(event.created_at)) } : {}),
    };
    const signed = { ...parameters, sign_type: 'RSA2', sign: this.signAlipay(signedText(parameters, ['sign', 'sign_type'])) };
    return { url: delivery.target_url!, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', 'user-agent': 'Zhifu-Gateway-Notify/1' }, body: new URLSearchParams(signed).toString() };
  }

  private newDelivery(endpointId: string, eventId: string, channel: 'webhook' | 'alipay_notify', targetUrl: string | null, now: number): WebhookDeliveryTable {
    return { id: `whd_${this.ids.nextId().toString(16).padStart(32, '0')}`, endpoint_id: endpointId, channel, target_url: targetUrl, event_id: eventId, status: 'pending', attempts: 0, next_attempt_at: now, last_attempt_at: null, last_status_code: null, last_error: null, created_at: now };
  }

  /** Trades made through the gateway with a notify_url hear of payment, refunds and their end there, as Alipay tells them. */
  private async gatewayNotifications(events: readonly EventHeader[], now: number): Promise<WebhookDeliveryTable[]> {
    const wanted = events.filter((event) => alipayNotifiedTypes.includes(event.type));
    if (wanted.length === 0) return [];
    // Only for apps still active: a disabled app's trades are told nothing more.
    const trades = await this.db
      .selectFrom('trades')
      .innerJoin('merchant_apps', 'merchant_apps.app_id', 'trades.app_id')
      .select(['trades.id', 'merchant_apps.app_id', 'trades.notify_url'])
      .where('trades.id', 'in', [...new Set(wanted.map((event) => event.object_id))])
      .where('trades.notify_url', 'is not', null)
      .where('merchant_apps.status', '=', 'active')
      .execute();
    return wanted.flatMap((event) => {
      const trade = trades.find((row) => row.id === event.object_id);
      return trade === undefined ? [] : [this.newDelivery(appTarget(trade.app_id), event.id, 'alipay_notify', trade.notify_url, now)];
    });
  }

  /**
   * Claims a delivery with a lease, sends it, and records the attempt. False if another process had
   * it, or its endpoint was disabled meanwhile.
   *
   * The claim also counts the attempt it makes, so it reserves the attempt's number: two claims of
   * one delivery never get the same number, even when a lease ran out under a slow sender, and
   * an attempt counted but not yet logged marks the delivery as being sent (replays are refused).
   * The outcome is written only while the delivery still stands at this attempt and pending, so a
   * later claim's or a disabling's state is never overwritten; the attempt is logged either way.
   */
  private async attempt(delivery: WebhookDeliveryTable): Promise<boolean> {
    const claimedAt = this.clock.now().getTime();
    const attempts = Number(delivery.attempts) + 1;
    try {
      await this.platform.writeTogether([
        {
          query: this.db
            .updateTable('webhook_deliveries')
            .set({ attempts, next_attempt_at: claimedAt + deliveryLeaseMilliseconds })
            .where('id', '=', delivery.id)
            .where('status', '=', 'pending')
            .where('attempts', '=', Number(delivery.attempts))
            .where('next_attempt_at', '=', Number(delivery.next_attempt_at)),
          expectRows: 1,
        },
      ]);
    } catch (error) {
      if (error instanceof PlatformWriteConflictError) return false;
      throw error;
    }
    const event = await this.db.selectFrom('events').selectAll().where('id', '=', delivery.event_id).executeTakeFirstOrThrow();
    const request = delivery.channel === 'alipay_notify' ? await this.alipayRequest(delivery, event, claimedAt) : await this.webhookRequest(delivery, event, claimedAt);
    if (request === undefined) {
      // Its endpoint or app was disabled after the delivery was read: nothing was sent, so the attempt is given back.
      const reason = delivery.channel === 'alipay_notify' ? appDisabledError : 'endpoint disabled';
      await this.platform.writeTogether([this.db.updateTable('webhook_deliveries').set({ status: 'failed', attempts: Number(delivery.attempts), next_attempt_at: null, last_error: reason }).where('id', '=', delivery.id).where('attempts', '=', attempts)]);
      return false;
    }
    const started = performance.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    let acknowledged = false;
    try {
      // The addresses are checked as the connection is made: a name may resolve elsewhere than
      // when the endpoint was made, or than a moment before (deliver.ts).
      const answer = await deliver(request.url, { headers: request.headers, body: request.body, allowInternal: this.allowInternalTargets, timeoutMilliseconds: webhookTimeoutMilliseconds });
      statusCode = answer.status;
      // Alipay's receivers acknowledge with the text "success"; webhook receivers with any 2xx.
      acknowledged = delivery.channel === 'alipay_notify' ? statusCode === 200 && answer.text.trim() === 'success' : statusCode >= 200 && statusCode < 300;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    if (!acknowledged && error === null && delivery.channel === 'alipay_notify') error = 'the receiver did not answer "success"';
    const now = this.clock.now().getTime();
    const retryDelay = retryDelaysSeconds[attempts - 1];
    const status = acknowledged ? 'succeeded' : retryDelay === undefined ? 'failed' : 'pending';
    await this.platform.writeTogether([
      this.db.insertInto('webhook_attempts').values({ delivery_id: delivery.id, attempt: attempts, at: claimedAt, status_code: statusCode, error: error ?? (acknowledged ? null : `HTTP ${statusCode}`), duration_ms: Math.round(performance.now() - started) }),
      this.db
        .updateTable('webhook_deliveries')
        .set({ status, next_attempt_at: status === 'pending' ? now + retryDelay! * 1000 : null, last_attempt_at: claimedAt, last_status_code: statusCode, last_error: error })
        .where('id', '=', delivery.id)
        .where('attempts', '=', attempts)
        .where('status', '=', 'pending'),
    ]);
    return true;
  }
}

/** The fields of a trade event's object that a gateway notification carries. */
interface NotifiedTrade {
  readonly id: string;
  readonly out_trade_no: string;
  readonly status: string;
  readonly amount: string;
  readonly refunded_amount: string;
  readonly buyer: string | null;
  readonly paid_at: string | null;
  readonly created_at: string;
}

/** Event types a gateway trade's notify_url hears of: payment, refunds, and its end. */
export const alipayNotifiedTypes: readonly string[] = ['trade.paid', 'trade.refunded', 'trade.closed', 'trade.finished'];

/**
 * What a receiver gets: the event with the object after the change, and which of the merchant's
 * credentials caused it (`acted_by`, as Stripe's `request`: null for the buyer's, the system's and
 * operators' steps, for payouts, and for events written before it was kept).
 */
export function eventBody(event: EventTable) {
  const { acted_by: actedBy = null, ...data } = JSON.parse(event.payload) as { object: unknown; change?: unknown; acted_by?: unknown };
  return { id: event.id, object: 'event' as const, type: event.type, created: new Date(Number(event.created_at)).toISOString(), acted_by: actedBy, data };
}

/** The part of an event that decides where it goes. */
type EventHeader = Pick<EventTable, 'id' | 'merchant_id' | 'type' | 'object_id'>;

function wants(endpoint: WebhookEndpointTable, event: EventHeader): boolean {
  if (endpoint.event_types === '*') return true;
  return endpoint.event_types.split(',').some((type) => type === event.type || (type.endsWith('.*') && event.type.startsWith(type.slice(0, -1))));
}

/** An http(s) URL without credentials, at most 2,048 characters: where deliveries may go. */
export function validHttpUrl(text: string): boolean {
  if (text.length > webhookUrlLengthMax) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
