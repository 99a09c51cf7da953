// Users: search by id, or the start of a phone number or email, newest first, page by page; each
// row opens the user.

import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { List } from '../../api/client.js';
import type { User } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { usePagedList } from '../../ui/hooks.js';
import { PagedTable, SearchBox, Table } from '../components.js';
import { consoleApi } from '../session.js';

export function Users() {
  const { t, locale } = useI18n();
  const [search, setSearch] = useSearchParams();
  const query = search.get('query') ?? '';
  const load = useCallback(
    (startingAfter: string | undefined, signal: AbortSignal) => consoleApi<List<User>>('GET', '/v1/operator/users', { query: { query, limit: 20, starting_after: startingAfter }, signal }),
    [query],
  );
  const users = usePagedList(load, [load]);
  return (
    <>
      <PageTitle>{t('console.users.title')}</PageTitle>
      <SearchBox key={query} label={t('console.users.search')} hint={t('console.users.searchHint')} initial={query} onSearch={(text) => setSearch(text === '' ? {} : { query: text })} />
      <PagedTable list={users} empty={query === '' ? t('console.users.none') : t('console.users.noMatch', { query })}>
        {(items) => (
          <Table caption={t('console.users.title')}>
            <thead>
              <tr>
                <th scope="col">{t('console.col.user')}</th>
                <th scope="col">{t('console.col.phone')}</th>
                <th scope="col">{t('console.col.email')}</th>
                <th scope="col">{t('console.col.status')}</th>
                <th scope="col">{t('console.col.kyc')}</th>
                <th scope="col">{t('console.col.created')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/console/users/${encodeURIComponent(user.id)}`} className="mono">
                      {user.id}
                    </Link>
                  </td>
                  <td>{user.phone ?? '—'}</td>
                  <td>{user.email ?? '—'}</td>
                  <td>
                    <StatusBadge status={user.status} prefix="console.status" />
                  </td>
                  <td>
                    <StatusBadge status={user.kyc_tier} prefix="console.kyc" />
                  </td>
                  <td>{formatDateTime(user.created_at, locale)}</td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </PagedTable>
    </>
  );
}
