// All trades, newest first, by cursor: searched by id, out_trade_no or subject (q), filtered by
// status and kind. The filters live in the address, so a filtered list can be linked and reloaded.

import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { List } from '../../api/client.js';
import type { Trade, TradeStatus } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Field, Loading, PageTitle, SelectField } from '../../ui/components.js';
import { usePagedList } from '../../ui/hooks.js';
import { useMerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';
import { TradeTable } from '../TradeTable.js';

export const tradeStatuses: readonly TradeStatus[] = ['WAIT_BUYER_PAY', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS', 'TRADE_FINISHED', 'TRADE_CLOSED'];
const pageSize = 20;

export function Trades() {
  const { t } = useI18n();
  const call = useMerchantCall();
  const { can } = useMerchantSession();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const status = search.get('status') ?? '';
  const kind = search.get('kind') ?? '';
  const [text, setText] = useState(q);
  const list = usePagedList((startingAfter, signal) => call<List<Trade>>('GET', '/v1/trades', { query: { limit: pageSize, starting_after: startingAfter, q, status, kind }, signal }), [call, q, status, kind]);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(search);
    for (const [name, value] of Object.entries(changes)) {
      if (value === '') next.delete(name);
      else next.set(name, value);
    }
    setSearch(next, { replace: true });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update({ q: text.trim() });
  };
  const filtered = q !== '' || status !== '' || kind !== '';

  return (
    <>
      <PageTitle
        actions={
          can('trades:write') ? (
            <Link className="button button-primary" to="/merchant/trades/new">
              {t('merchant.qr.new')}
            </Link>
          ) : undefined
        }
      >
        {t('merchant.trades.title')}
      </PageTitle>
      <form className="m-filters card" role="search" onSubmit={submit}>
        <Field label={t('merchant.trades.search')} hint={t('merchant.trades.searchHint')} type="search" value={text} maxLength={256} onChange={(event) => setText(event.target.value)} />
        <SelectField label={t('merchant.trade.status')} value={status} onChange={(event) => update({ status: event.target.value })}>
          <option value="">{t('merchant.trades.anyStatus')}</option>
          {tradeStatuses.map((option) => (
            <option key={option} value={option}>
              {t(`status.${option}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('merchant.trade.kind')} value={kind} onChange={(event) => update({ kind: event.target.value })}>
          <option value="">{t('merchant.trades.anyKind')}</option>
          <option value="escrow">{t('kind.escrow')}</option>
          <option value="direct">{t('kind.direct')}</option>
        </SelectField>
        <div className="m-filters-actions">
          <Button type="submit">{t('action.search')}</Button>
          {filtered ? (
            <Button
              variant="secondary"
              onClick={() => {
                setText('');
                setSearch(new URLSearchParams(), { replace: true });
              }}
            >
              {t('merchant.trades.clear')}
            </Button>
          ) : null}
        </div>
      </form>
      <section className="card" aria-live="polite" aria-busy={list.loading}>
        {list.items.length === 0 ? (
          list.error !== undefined ? (
            <ErrorState error={list.error} onRetry={list.reload} />
          ) : list.loading || list.hasMore ? (
            <Loading />
          ) : (
            <Empty>{filtered ? t('merchant.trades.noMatch') : t('merchant.trades.none')}</Empty>
          )
        ) : (
          <>
            <TradeTable trades={list.items} caption={t('merchant.trades.title')} />
            {list.error !== undefined ? <ErrorState error={list.error} onRetry={list.loadMore} /> : null}
            <div className="m-list-foot">
              {list.hasMore ? (
                <Button variant="secondary" busy={list.loading} onClick={list.loadMore}>
                  {t('state.more')}
                </Button>
              ) : (
                <span className="muted">{t('merchant.trades.count', { count: list.items.length })}</span>
              )}
            </div>
          </>
        )}
      </section>
    </>
  );
}
