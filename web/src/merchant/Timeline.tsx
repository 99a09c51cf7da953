// A trade's timeline (GET /v1/trades/{id}/events) in words: who did what and when, with the
// amounts of each step, shown as the API writes them (decimal strings with the event's currency).
// An event type the dashboard does not know yet is shown by its name.

import type { ActedBy, TradeEvent } from '../api/types.js';
import { hasMessage, useI18n, type Translate } from '../i18n/i18n.js';
import { decimalAmount, formatDateTime, formatMoney, isZero } from '../ui/format.js';
import { useMerchantSession } from './session.js';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** One event as a sentence in the current language. */
export function describeEvent(t: Translate, event: TradeEvent, currency: string): string {
  const data = event.data;
  const eventCurrency = typeof data.currency === 'string' ? data.currency : currency;
  const money = (value: unknown) => {
    const amount = decimalAmount(value);
    return amount === undefined ? '' : formatMoney(amount, eventCurrency);
  };
  const values: Record<string, string | number> = {
    amount: money(data.amount),
    fee: money(data.fee),
    // A dispute decision's `refund` is the buyer's share; a refund's is its id, which is no amount.
    refund: money(data.refund),
    released: money(data.released),
    carrier: text(data.carrier),
    tracking: text(data.tracking_number),
    days: typeof data.days === 'number' ? data.days : '',
    reason: text(data.reason),
    statement: text(data.statement),
    answer: text(data.answer),
    note: text(data.note),
    request: text(data.out_request_no),
  };
  const variant = (() => {
    switch (event.type) {
      case 'paid': {
        const fee = decimalAmount(data.fee);
        return fee === undefined || isZero(fee) ? 'paid' : 'paidWithFee';
      }
      case 'confirmed':
        return data.automatic === true ? 'confirmedAutomatically' : 'confirmed';
      case 'closed':
        return event.actor === 'system' ? 'closedTimeout' : event.actor === 'buyer' ? 'closedBuyer' : 'closed';
      case 'extended':
        return event.actor === 'buyer' ? 'extendedBuyer' : 'extended';
      case 'dispute_decided':
        return typeof data.note === 'string' && data.note !== '' ? 'disputeDecidedNote' : 'disputeDecided';
      case 'refund_request_declined':
        return 'refundRequestDeclined';
      default:
        return event.type.replace(/_([a-z])/g, (_whole, letter: string) => letter.toUpperCase());
    }
  })();
  const key = `merchant.event.${variant}`;
  return hasMessage(key) ? t(key, values) : t('merchant.event.unknown', { type: event.type });
}

/** Who acted for the merchant, in words: an API key by its prefix (or id), you or another member by id, an app by its name. */
function actedByText(t: Translate, actedBy: ActedBy, userId: string): string {
  if (actedBy.type === 'member' && actedBy.id === userId) return t('merchant.actedBy.you');
  if (actedBy.type === 'api_key' && actedBy.label === null) return t('merchant.actedBy.api_key_id', { label: actedBy.id ?? '' });
  return t(`merchant.actedBy.${actedBy.type}`, { label: actedBy.label ?? actedBy.id ?? '' });
}

export function Timeline({ events, currency }: { readonly events: readonly TradeEvent[]; readonly currency: string }) {
  const { t, locale } = useI18n();
  const { user } = useMerchantSession();
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id} data-event={event.type}>
          <span className="m-timeline-what">{describeEvent(t, event, currency)}</span>
          <span className="muted m-small">
            {' '}
            {formatDateTime(event.created_at, locale)} · {t(`merchant.actor.${event.actor}`)}
            {event.acted_by ? <span data-testid="acted-by"> · {actedByText(t, event.acted_by, user.id)}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
