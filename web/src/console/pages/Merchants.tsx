// Merchants: search by id or part of the name, newest first, with their status and balance; each
// row opens the merchant.

import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { List } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Money, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { usePagedList } from '../../ui/hooks.js';
import { PagedTable, SearchBox, Table } from '../components.js';
import { consoleApi } from '../session.js';
import type { ConsoleMerchant } from '../types.js';

export function Merchants() {
  const { t, locale } = useI18n();
  const [search, setSearch] = useSearchParams();
  const query = search.get('query') ?? '';
  const load = useCallback(
    (startingAfter: string | undefined, signal: AbortSignal) => consoleApi<List<ConsoleMerchant>>('GET', '/v1/operator/merchants', { query: { query, limit: 20, starting_after: startingAfter }, signal }),
    [query],
  );
  const merchants = usePagedList(load, [load]);
  return (
    <>
      <PageTitle>{t('console.merchants.title')}</PageTitle>
      <SearchBox key={query} label={t('console.merchants.search')} hint={t('console.merchants.searchHint')} initial={query} onSearch={(text) => setSearch(text === '' ? {} : { query: text })} />
      <PagedTable list={merchants} empty={query === '' ? t('console.merchants.none') : t('console.users.noMatch', { query })}>
        {(items) => (
          <Table caption={t('console.merchants.title')}>
            <thead>
              <tr>
                <th scope="col">{t('console.col.merchant')}</th>
                <th scope="col">{t('console.col.id')}</th>
                <th scope="col">{t('console.col.status')}</th>
                <th scope="col" className="num">
                  {t('console.balance.available')}
                </th>
                <th scope="col" className="num">
                  {t('console.balance.pending')}
                </th>
                <th scope="col">{t('console.col.created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((merchant) => (
                <tr key={merchant.id}>
                  <td>
                    <Link to={`/console/merchants/${encodeURIComponent(merchant.id)}`}>{merchant.name}</Link>
                  </td>
                  <td className="mono">{merchant.id}</td>
                  <td>
                    <StatusBadge status={merchant.status} prefix="console.status" />
                  </td>
                  <td className="num">
                    <Money amount={merchant.balance.available} currency={merchant.balance.currency} />
                  </td>
                  <td className="num">
                    <Money amount={merchant.balance.pending} currency={merchant.balance.currency} />
                  </td>
                  <td>{formatDateTime(merchant.created_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </PagedTable>
    </>
  );
}
