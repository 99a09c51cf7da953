// An order's timeline in words: each event of GET /v1/orders/{id}/events as a sentence from the
// buyer's side ("You paid ¥12.00; the money is held"). Event data carries its amounts as decimal
// strings with their `currency` beside them, as the rest of the API does: shown as they come.

import type { Trade, TradeEvent } from '../api/types.js';
import type { Translate } from '../i18n/i18n.js';
import { decimalAmount, formatMoney } from '../ui/format.js';

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Who did it, as the buyer would say it. */
function actorOf(t: Translate, event: TradeEvent): string {
  return t(`wallet.actor.${['buyer', 'merchant', 'system', 'operator'].includes(event.actor) ? event.actor : 'system'}`);
}

export function eventText(t: Translate, event: TradeEvent, trade: Pick<Trade, 'kind' | 'items' | 'currency'>): string {
  const data = event.data;
  const currency = typeof data.currency === 'string' ? data.currency : trade.currency;
  const money = (value: unknown) => {
    const amount = decimalAmount(value);
    return amount === undefined ? '—' : formatMoney(amount, currency);
  };
  switch (event.type) {
    case 'created':
      return t('wallet.event.created', { amount: money(data.amount) });
    case 'paid':
      return t(trade.kind === 'escrow' ? 'wallet.event.paidHeld' : 'wallet.event.paid', { amount: money(data.amount) });
    case 'shipped':
      return t('wallet.event.shipped', { carrier: text(data.carrier), tracking: text(data.tracking_number) });
    case 'confirmed': {
      const items = Array.isArray(data.items) ? data.items.filter((item): item is number => typeof item === 'number') : [];
      const amount = money(data.amount);
      if (data.automatic === true) return t('wallet.event.confirmedAutomatically', { amount });
      // Confirming every item is confirming the order.
      return items.length > 0 && items.length < trade.items.length ? t('wallet.event.confirmedItems', { amount, items: items.map((item) => item + 1).join(', ') }) : t('wallet.event.confirmed', { amount });
    }
    case 'extended':
      return t('wallet.event.extended', { actor: actorOf(t, event), days: typeof data.days === 'number' ? data.days : '—' });
    case 'closed':
      return t(data.unpaid === true ? 'wallet.event.closedUnpaid' : 'wallet.event.closed');
    case 'refunded':
      return t('wallet.event.refunded', { amount: money(data.amount) });
    case 'finished':
      return t('wallet.event.finished');
    case 'refund_requested':
      return t('wallet.event.refundRequested', { amount: money(data.amount), reason: text(data.reason) });
    case 'refund_request_accepted':
      return t('wallet.event.refundAccepted');
    case 'refund_request_declined':
      return t('wallet.event.refundDeclined', { answer: text(data.answer) });
    case 'dispute_opened':
      return t('wallet.event.disputeOpened', { reason: text(data.reason) });
    case 'dispute_answered':
      return t('wallet.event.disputeAnswered', { statement: text(data.statement) });
    case 'dispute_decided':
      return t('wallet.event.disputeDecided', { refund: money(data.refund), released: money(data.released) });
    case 'split':
      return t('wallet.event.split');
    default:
      return t('wallet.event.other', { actor: actorOf(t, event), type: event.type.replace(/_/g, ' ') });
  }
}
