// A trade's timeline as the API gives it. Everyone who may see the trade sees whose each step was
// (`actor`: the buyer, the merchant, an operator, the system). The merchant and operators also see
// who acted for the merchant (`acted_by`): which API key, which member signed in with
// Zhifu-Merchant, which gateway app; operators also see which operator decided. A buyer does not:
// the merchant's keys, staff and the platform's operators are not theirs to know. Labels follow
// what each viewer may see elsewhere: a key's prefix only to those who may list the keys, a
// member's email only to operators (members see one another by user id, as on the Team page).

import { Type } from 'typebox';
import { isoTime } from '../../platform/clock.js';
import type { Services } from '../../services.js';
import type { TradeEventTable } from '../../store/index.js';
import { actedByOf, decodeVia } from '../../trades/index.js';

const ActedBySchema = Type.Union(
  [
    Type.Object({
      type: Type.Union([Type.Literal('api_key'), Type.Literal('member'), Type.Literal('app'), Type.Literal('platform'), Type.Literal('operator')]),
      id: Type.Union([Type.String(), Type.Null()], { description: "The API key's id (key_…), the member's or operator's id, the app's app_id; null for the platform" }),
      label: Type.Union([Type.String(), Type.Null()], {
        description: "What to show: the key's prefix (sk_…, to those who may list the keys), the app's name, and to operators the member's email or phone and the operator's email; else null",
      }),
    }),
    Type.Null(),
  ],
  { description: "Who acted for the merchant (and, to operators, which operator decided): null for the buyer's and the system's steps, for operators' steps in the merchant's view, and for steps recorded before Zhifu kept it" },
);

const eventFields = {
  id: Type.String(),
  type: Type.String(),
  actor: Type.String({ description: 'buyer, merchant, operator or system' }),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'What the step was (its `change` in webhooks); amounts are decimal strings with `currency` beside them, e.g. {"amount": "268.00", "fee": "0.00", "currency": "CNY"}' }),
  created_at: Type.String({ format: 'date-time' }),
};

/** A step as the buyer sees it. */
export const BuyerEventSchema = Type.Object(eventFields);
/** A step as the merchant and operators see it. */
export const EventSchema = Type.Object({ ...eventFields, acted_by: ActedBySchema });

type ActedBy = { type: 'api_key' | 'member' | 'app' | 'platform' | 'operator'; id: string | null; label: string | null } | null;

/** Who reads the timeline: the buyer, the merchant (`seesKeys`: may it list its API keys), or an operator. */
export type TimelineViewer = { readonly as: 'buyer' } | { readonly as: 'merchant'; readonly seesKeys: boolean } | { readonly as: 'operator' };

/** The trade's timeline, oldest first, as `viewer` may see it. */
export async function tradeTimeline(services: Services, trade: { readonly id: string; readonly merchant_id: string }, viewer: TimelineViewer) {
  const events = await services.trades.events(trade.id);
  const actedBy = viewer.as === 'buyer' ? undefined : await actedByEach(services, trade.merchant_id, events, viewer);
  return events.map((event, index) => ({
    id: event.id,
    type: event.type,
    actor: event.actor,
    ...(actedBy === undefined ? {} : { acted_by: actedBy[index]! }),
    data: JSON.parse(event.data) as Record<string, unknown>,
    created_at: isoTime(event.created_at),
  }));
}

/** Each event's `acted_by`, with labels read once per credential. */
async function actedByEach(services: Services, merchantId: string, events: readonly TradeEventTable[], viewer: Exclude<TimelineViewer, { as: 'buyer' }>): Promise<ActedBy[]> {
  const operator = viewer.as === 'operator';
  const named = events.map((event): { type: NonNullable<ActedBy>['type']; id: string | null } | undefined => {
    if (event.actor === 'merchant') {
      const via = decodeVia(event.actor_via);
      return via === undefined ? undefined : actedByOf(via);
    }
    return operator && event.actor === 'operator' && event.actor_id !== null ? { type: 'operator', id: event.actor_id } : undefined;
  });
  const types = new Set(named.map((each) => each?.type));
  const [keys, apps] = await Promise.all([
    types.has('api_key') && (operator || viewer.seesKeys) ? services.merchants.listApiKeys(merchantId) : [],
    types.has('app') ? services.apps.listApps(merchantId) : [],
  ]);
  const labels = new Map<string, string | null>();
  for (const key of keys) labels.set(`api_key:${key.id}`, key.prefix);
  for (const app of apps) labels.set(`app:${app.app_id}`, app.name);
  for (const each of named) {
    if (!operator || each === undefined || each.id === null || labels.has(`${each.type}:${each.id}`)) continue;
    if (each.type === 'member') {
      const user = await services.identity.findUser(each.id);
      labels.set(`member:${each.id}`, user?.email ?? user?.phone ?? null);
    } else if (each.type === 'operator') {
      labels.set(`operator:${each.id}`, (await services.operators.findOperator(each.id))?.email ?? null);
    }
  }
  return named.map((each) => (each === undefined ? null : { ...each, label: each.id === null ? null : (labels.get(`${each.type}:${each.id}`) ?? null) }));
}
