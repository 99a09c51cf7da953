// My orders, newest first, loaded page by page as the list scrolls, each with its status.

import { Link } from 'react-router';
import { api, type List } from '../../api/client.js';
import type { Trade } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Loading, Money, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useOnVisible, usePagedList } from '../../ui/hooks.js';
import { orderMessages } from '../messages-orders.js';

addMessages(orderMessages);

const pageSize = 20;

export default function Orders() {
  const { t, locale } = useI18n();
  const orders = usePagedList((startingAfter, signal) => api<List<Trade>>('GET', '/v1/orders', { query: { limit: pageSize, starting_after: startingAfter }, signal }), []);
  const sentinel = useOnVisible(orders.loadMore, orders.hasMore && !orders.loading && orders.error === undefined);
  return (
    <>
      <PageTitle>{t('wallet.orders.title')}</PageTitle>
      <section className="card">
        {orders.items.length === 0 && !orders.loading && orders.error === undefined ? <Empty>{t('wallet.orders.none')}</Empty> : null}
        {orders.items.length > 0 ? (
          <ul className="list orders" aria-label={t('wallet.orders.title')}>
            {orders.items.map((order) => (
              <li key={order.id}>
                <Link to={`/orders/${order.id}`} className="row-link">
                  <span className="row-main">
                    <strong>{order.subject}</strong>
                    <small className="muted">
                      {order.merchant_name ?? order.merchant} · {formatDateTime(order.created_at, locale)}
                    </small>
                  </span>
                  <span className="row-side">
                    <Money amount={order.amount} currency={order.currency} />
                    <StatusBadge status={order.status} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {orders.loading ? <Loading /> : null}
        {orders.error !== undefined ? <ErrorState error={orders.error} onRetry={orders.items.length === 0 ? orders.reload : orders.loadMore} /> : null}
        <div ref={sentinel} aria-hidden="true" />
        {orders.hasMore && !orders.loading && orders.error === undefined && orders.items.length > 0 ? (
          <Button variant="secondary" onClick={orders.loadMore}>
            {t('state.more')}
          </Button>
        ) : null}
        {!orders.hasMore && orders.items.length > pageSize ? <p className="muted center">{t('state.end')}</p> : null}
      </section>
    </>
  );
}
