// Activity: every money movement, newest first, by type and between two days, loaded page by page
// as the list scrolls. Payments name the other person (masked); purchases and their refunds name
// the merchant and link to the order.

import { useState } from 'react';
import { Link } from 'react-router';
import { api, type List } from '../../api/client.js';
import type { Transaction, TransactionType } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Field, Loading, Money, PageTitle, SelectField, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useOnVisible, usePagedList } from '../../ui/hooks.js';
import { accountMessages } from '../messages-account.js';
import { usePayeeDisplays } from '../payees.js';

addMessages(accountMessages);

const pageSize = 20;
const types: readonly TransactionType[] = ['top_up', 'withdrawal', 'transfer_in', 'transfer_out', 'trade_payment', 'trade_refund'];

/** The start of a day (yyyy-mm-dd) on this device's calendar, as the API's ISO time. */
function dayStart(day: string, plusDays = 0): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + plusDays).toISOString();
}

export default function Transactions() {
  const { t, locale } = useI18n();
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const backwards = from !== '' && to !== '' && from > to;
  const query = { type, created_gte: dayStart(from), created_lt: dayStart(to, 1) };
  const list = usePagedList(
    (startingAfter, signal) => api<List<Transaction>>('GET', '/v1/transactions', { query: { limit: pageSize, starting_after: startingAfter, ...query }, signal }),
    [type, query.created_gte, query.created_lt],
  );
  const sentinel = useOnVisible(list.loadMore, list.hasMore && !list.loading && list.error === undefined);
  // Only people are looked up: a trade's counterparty is a merchant, named in the item itself.
  const displays = usePayeeDisplays(list.items.flatMap((item) => ((item.type === 'transfer_in' || item.type === 'transfer_out') && item.counterparty !== null ? [item.counterparty] : [])));
  const filtered = type !== '' || from !== '' || to !== '';
  return (
    <>
      <PageTitle
        actions={
          <Link className="button button-secondary" to="/statements">
            {t('wallet.action.statement')}
          </Link>
        }
      >
        {t('wallet.activity.title')}
      </PageTitle>
      <form className="card filters" onSubmit={(event) => event.preventDefault()} aria-label={t('wallet.activity.filters')}>
        <SelectField label={t('wallet.activity.type')} value={type} onChange={(event) => setType(event.target.value)}>
          <option value="">{t('wallet.activity.allTypes')}</option>
          {types.map((value) => (
            <option key={value} value={value}>
              {t(`wallet.tx.${value}`)}
            </option>
          ))}
        </SelectField>
        <div className="field-pair">
          <Field label={t('wallet.activity.fromDay')} type="date" value={from} max={to === '' ? undefined : to} onChange={(event) => setFrom(event.target.value)} />
          <Field label={t('wallet.activity.toDay')} type="date" value={to} min={from === '' ? undefined : from} onChange={(event) => setTo(event.target.value)} error={backwards ? t('wallet.activity.backwards') : undefined} />
        </div>
        {filtered ? (
          <Button
            variant="link"
            onClick={() => {
              setType('');
              setFrom('');
              setTo('');
            }}
          >
            {t('wallet.activity.clear')}
          </Button>
        ) : null}
      </form>
      <section className="card" aria-label={t('wallet.activity.list')}>
        {list.items.length === 0 && !list.loading && list.error === undefined ? <Empty>{filtered ? t('wallet.activity.noneFiltered') : t('wallet.home.noMovements')}</Empty> : null}
        {list.items.length > 0 ? (
          <ul className="list" data-testid="transactions">
            {list.items.map((item) => (
              <li key={item.id}>
                <span className="row-main">
                  <strong>{t(`wallet.tx.${item.type}`)}</strong>
                  {item.trade !== null ? (
                    <>
                      <small>{t(item.type === 'trade_refund' ? 'wallet.tx.fromMerchant' : 'wallet.tx.toMerchant', { merchant: item.trade.merchant_name })}</small>
                      <small>
                        <Link className="inline-link" to={`/orders/${item.trade.id}`}>
                          {item.trade.subject}
                        </Link>
                      </small>
                    </>
                  ) : item.counterparty === null ? null : (
                    <small>{t(item.type === 'transfer_in' ? 'wallet.activity.fromPerson' : 'wallet.activity.toPerson', { who: displays[item.counterparty] ?? '…' })}</small>
                  )}
                  {item.note === null ? null : <small className="muted">“{item.note}”</small>}
                  <small className="muted">{formatDateTime(item.created_at, locale)}</small>
                </span>
                <span className="row-side">
                  <Money amount={item.amount} currency={item.currency} signed />
                  {item.status === 'succeeded' || item.status === 'posted' ? null : <StatusBadge status={item.status} prefix="movement" />}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
        {list.loading ? <Loading /> : null}
        {list.error !== undefined ? <ErrorState error={list.error} onRetry={list.items.length === 0 ? list.reload : list.loadMore} /> : null}
        <div ref={sentinel} aria-hidden="true" />
        {list.hasMore && !list.loading && list.error === undefined && list.items.length > 0 ? (
          <Button variant="secondary" onClick={list.loadMore}>
            {t('state.more')}
          </Button>
        ) : null}
        {!list.hasMore && list.items.length > pageSize ? <p className="muted center">{t('state.end')}</p> : null}
      </section>
    </>
  );
}
