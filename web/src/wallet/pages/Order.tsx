// One order: the merchant, amounts, items, deadlines and shipping; what the buyer can do in its
// state; the refund request and dispute where there is one; and its timeline in words.

import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type List } from '../../api/client.js';
import type { Trade, TradeEvent } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { ErrorState, Loading, Money, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime, isZero } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { orderMessages } from '../messages-orders.js';
import { canAskRefund, canDispute, canExtend, ConfirmReceipt, DisputeForm, DisputeStatus, ExtendConfirmation, RefundRequestForm, RefundRequestStatus } from '../order-actions.js';
import { useWalletSession } from '../session.js';
import { eventText } from '../trade-words.js';

addMessages(orderMessages);

export default function Order() {
  const { t } = useI18n();
  const { trade: id = '' } = useParams();
  const { refresh } = useWalletSession();
  // Every action reads the order, its timeline and the balance again.
  const [round, setRound] = useState(0);
  const [now] = useState(() => Date.now());
  const [done, setDone] = useState<string | undefined>(undefined);
  const trade = useResource((signal) => api<Trade>('GET', `/v1/orders/${encodeURIComponent(id)}`, { signal }), [id, round]);
  const events = useResource((signal) => api<List<TradeEvent>>('GET', `/v1/orders/${encodeURIComponent(id)}/events`, { signal }), [id, round]);
  const changed = (words: string) => {
    setDone(words);
    setRound((value) => value + 1);
    void refresh();
  };
  if (trade.data === undefined) {
    if (trade.loading) return <Loading />;
    return (
      <>
        <PageTitle>{t('wallet.order.title')}</PageTitle>
        <ErrorState error={trade.error} onRetry={trade.reload} />
      </>
    );
  }
  const order = trade.data;
  const timeline = events.data?.data ?? [];
  const askedRefund = timeline.some((event) => event.type === 'refund_requested');
  const refundPending = timeline.filter((event) => event.type.startsWith('refund_request')).at(-1)?.type === 'refund_requested';
  return (
    <>
      <PageTitle>{order.subject}</PageTitle>
      <Summary order={order} />
      {done === undefined ? null : (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      )}
      {order.items.length > 0 ? <Items order={order} /> : null}
      {order.status === 'WAIT_BUYER_PAY' ? (
        <p>
          <Link className="button button-primary" to={`/pay/${order.id}`}>
            {t('wallet.order.payNow')}
          </Link>
        </p>
      ) : null}
      {order.status === 'WAIT_BUYER_CONFIRM_GOODS' && order.dispute_status === null ? <ConfirmReceipt key={`confirm-${round}`} trade={order} onChanged={changed} /> : null}
      {events.data !== undefined && canExtend(order, timeline, now) ? <ExtendConfirmation trade={order} onChanged={changed} /> : null}
      {askedRefund ? <RefundRequestStatus trade={order} round={round} /> : null}
      {events.data !== undefined && !refundPending && canAskRefund(order, now) ? <RefundRequestForm key={`refund-${round}`} trade={order} onChanged={changed} /> : null}
      {order.dispute_status !== null ? <DisputeStatus trade={order} round={round} /> : null}
      {canDispute(order) ? <DisputeForm trade={order} onChanged={changed} /> : null}
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('wallet.order.timeline')}</h2>
        {events.loading && events.data === undefined ? <Loading /> : null}
        {events.error !== undefined ? <ErrorState error={events.error} onRetry={events.reload} /> : null}
        {events.data !== undefined ? <Timeline order={order} events={timeline} /> : null}
      </section>
    </>
  );
}

function Summary({ order }: { readonly order: Trade }) {
  const { t, locale } = useI18n();
  const amounts = [
    ['wallet.order.held', order.held_amount],
    ['wallet.order.released', order.released_amount],
    ['wallet.order.refunded', order.refunded_amount],
  ] as const;
  return (
    <section className="card" aria-label={t('wallet.order.summary')}>
      <div className="order-head">
        <span>
          <strong data-testid="merchant">{order.merchant_name ?? order.merchant}</strong>
          <br />
          <small className="muted">{t(`kind.${order.kind}`)}</small>
        </span>
        <span className="order-status" data-testid="order-status">
          <StatusBadge status={order.status} />
        </span>
      </div>
      <p className="order-amount">
        <Money amount={order.amount} currency={order.currency} />
      </p>
      <dl className="facts">
        {amounts
          .filter(([, value]) => !isZero(value))
          .map(([label, value]) => (
            <Fact key={label} label={t(label)}>
              <Money amount={value} currency={order.currency} />
            </Fact>
          ))}
        <Fact label={t('wallet.order.created')}>{formatDateTime(order.created_at, locale)}</Fact>
        {order.status === 'WAIT_BUYER_PAY' ? <Fact label={t('wallet.order.payBy')}>{formatDateTime(order.pay_deadline, locale)}</Fact> : null}
        {order.paid_at === null ? null : <Fact label={t('wallet.order.paidAt')}>{formatDateTime(order.paid_at, locale)}</Fact>}
        {order.shipping === null ? null : (
          <Fact label={t('wallet.order.shipping')}>
            {order.shipping.carrier} · <span className="mono">{order.shipping.tracking_number}</span>
          </Fact>
        )}
        {order.status === 'WAIT_BUYER_CONFIRM_GOODS' && order.confirm_deadline !== null ? <Fact label={t('wallet.order.autoConfirm')}>{formatDateTime(order.confirm_deadline, locale)}</Fact> : null}
        {order.status === 'TRADE_SUCCESS' && order.refund_deadline !== null ? <Fact label={t('wallet.order.refundUntil')}>{formatDateTime(order.refund_deadline, locale)}</Fact> : null}
        {order.dispute_status === null ? null : (
          <Fact label={t('wallet.order.dispute')}>
            <StatusBadge status={order.dispute_status} prefix="wallet.dispute" />
          </Fact>
        )}
        <Fact label={t('wallet.order.number')}>
          <span className="mono">{order.id}</span>
        </Fact>
      </dl>
    </section>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: React.ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Items({ order }: { readonly order: Trade }) {
  const { t } = useI18n();
  const paidEscrow = order.kind === 'escrow' && order.paid_at !== null;
  return (
    <section className="card" aria-labelledby="items-title">
      <h2 id="items-title">{t('wallet.order.items')}</h2>
      <ul className="list">
        {order.items.map((item) => (
          <li key={item.position}>
            <span>
              {item.name}
              {paidEscrow ? (
                <>
                  <br />
                  <StatusBadge status={item.status} prefix="wallet.item" />
                </>
              ) : null}
            </span>
            <Money amount={item.amount} currency={order.currency} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Timeline({ order, events }: { readonly order: Trade; readonly events: readonly TradeEvent[] }) {
  const { t, locale } = useI18n();
  if (events.length === 0) return <p className="muted">{t('state.empty')}</p>;
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((event) => (
        <li key={event.id}>
          <span>{eventText(t, event, order)}</span>
          <br />
          <small className="muted">
            <time dateTime={event.created_at}>{formatDateTime(event.created_at, locale)}</time>
          </small>
        </li>
      ))}
    </ol>
  );
}
