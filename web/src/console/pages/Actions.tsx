// The operators' action log, for admins: who froze, unfroze, verified, disabled, replayed or
// decided what, and when, newest first; `?target=` shows the actions on one user, merchant, app,
// delivery or dispute.

import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { List } from '../../api/client.js';
import { hasMessage, useI18n } from '../../i18n/i18n.js';
import { Button, PageTitle } from '../../ui/components.js';
import { usePagedList } from '../../ui/hooks.js';
import { PagedTable, Table } from '../components.js';
import { formatExactTime } from '../format.js';
import { consoleApi } from '../session.js';
import type { OperatorAction } from '../types.js';

/** Where the console shows an action's target, if it has a page of its own. */
function targetPath(action: OperatorAction): string | undefined {
  if (action.target.type === 'user') return `/console/users/${encodeURIComponent(action.target.id)}`;
  if (action.target.type === 'merchant') return `/console/merchants/${encodeURIComponent(action.target.id)}`;
  if (action.target.type === 'app' && typeof action.details.merchant === 'string') return `/console/merchants/${encodeURIComponent(action.details.merchant)}`;
  return undefined;
}

export function Actions() {
  const { t, locale } = useI18n();
  const [search, setSearch] = useSearchParams();
  const target = search.get('target') ?? undefined;
  const load = useCallback(
    (startingAfter: string | undefined, signal: AbortSignal) => consoleApi<List<OperatorAction>>('GET', '/v1/operator/actions', { query: { target, limit: 20, starting_after: startingAfter }, signal }),
    [target],
  );
  const actions = usePagedList(load, [load]);
  return (
    <>
      <PageTitle
        actions={
          <Button variant="secondary" busy={actions.loading && actions.items.length > 0} onClick={actions.reload}>
            {t('console.refresh')}
          </Button>
        }
      >
        {t('console.actions.title')}
      </PageTitle>
      <p className="muted">{t('console.actions.intro')}</p>
      {target === undefined ? null : (
        <p>
          {t('console.actions.of', { target })}{' '}
          <Button variant="secondary" onClick={() => setSearch({})}>
            {t('console.actions.showAll')}
          </Button>
        </p>
      )}
      <PagedTable list={actions} empty={t('console.actions.none')}>
        {(items) => (
          <Table caption={t('console.actions.title')}>
            <thead>
              <tr>
                <th scope="col">{t('console.col.created')}</th>
                <th scope="col">{t('console.actions.operator')}</th>
                <th scope="col">{t('console.actions.action')}</th>
                <th scope="col">{t('console.actions.target')}</th>
                <th scope="col">{t('console.actions.details')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((action) => {
                const path = targetPath(action);
                const details = Object.entries(action.details);
                return (
                  <tr key={action.id} data-action={action.action}>
                    <td className="time">{formatExactTime(action.created_at, locale)}</td>
                    <td>{action.operator_email ?? <span className="mono">{action.operator}</span>}</td>
                    <td>{hasMessage(`console.action.${action.action}`) ? t(`console.action.${action.action}`) : action.action}</td>
                    <td className="mono">{path === undefined ? action.target.id : <Link to={path}>{action.target.id}</Link>}</td>
                    <td className="small">{details.length === 0 ? <span className="muted">—</span> : details.map(([key, value]) => `${key}: ${String(value)}`).join(', ')}</td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
        )}
      </PagedTable>
    </>
  );
}
