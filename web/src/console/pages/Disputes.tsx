// Disputes: those waiting for a decision (open, or answered by the seller), oldest first, or those
// of one status; each opens the dispute with its trade and the decision form.

import { Link, useSearchParams } from 'react-router';
import type { List } from '../../api/client.js';
import type { Dispute } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Loading, Money, PageTitle, SelectField, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { Table } from '../components.js';
import { consoleApi } from '../session.js';

const filters = ['waiting', 'open', 'answered', 'decided'] as const;
type Filter = (typeof filters)[number];
/** The most disputes one page shows (the API's limit). */
const disputesShownMax = 100;

export function Disputes() {
  const { t, locale } = useI18n();
  const [search, setSearch] = useSearchParams();
  const chosen = search.get('status');
  const filter: Filter = filters.includes(chosen as Filter) ? (chosen as Filter) : 'waiting';
  const disputes = useResource(
    (signal) => consoleApi<List<Dispute>>('GET', '/v1/operator/disputes', { query: { status: filter === 'waiting' ? undefined : filter, limit: disputesShownMax }, signal }),
    [filter],
  );
  return (
    <>
      <PageTitle
        actions={
          <Button variant="secondary" busy={disputes.loading && disputes.data !== undefined} onClick={disputes.reload}>
            {t('console.refresh')}
          </Button>
        }
      >
        {t('console.disputes.title')}
      </PageTitle>
      <div className="filters">
        <SelectField label={t('console.disputes.show')} value={filter} onChange={(event) => setSearch(event.target.value === 'waiting' ? {} : { status: event.target.value })}>
          {filters.map((option) => (
            <option key={option} value={option}>
              {t(`console.disputes.filter.${option}`)}
            </option>
          ))}
        </SelectField>
      </div>
      {disputes.data === undefined ? (
        disputes.error === undefined ? (
          <Loading />
        ) : (
          <ErrorState error={disputes.error} onRetry={disputes.reload} />
        )
      ) : disputes.data.data.length === 0 ? (
        <Empty>{filter === 'waiting' ? t('console.disputes.noneWaiting') : t('console.disputes.none')}</Empty>
      ) : (
        <>
          <Table caption={t('console.disputes.title')}>
            <thead>
              <tr>
                <th scope="col">{t('console.disputes.opened')}</th>
                <th scope="col">{t('console.col.trade')}</th>
                <th scope="col">{t('console.disputes.reason')}</th>
                <th scope="col">{t('console.col.status')}</th>
                <th scope="col" className="num">
                  {t('console.disputes.refunded')}
                </th>
              </tr>
            </thead>
            <tbody>
              {disputes.data.data.map((dispute) => (
                <tr key={dispute.id}>
                  <td>{formatDateTime(dispute.opened_at, locale)}</td>
                  <td>
                    <Link to={`/console/disputes/${encodeURIComponent(dispute.trade)}`} className="mono" aria-label={t('console.disputes.open', { trade: dispute.trade })}>
                      {dispute.trade}
                    </Link>
                  </td>
                  <td className="clip">{dispute.reason}</td>
                  <td>
                    <StatusBadge status={dispute.status} prefix="console.disputeStatus" />
                  </td>
                  <td className="num">{dispute.refund_amount === null ? '—' : <Money amount={dispute.refund_amount} currency="CNY" />}</td>
                </tr>
              ))}
            </tbody>
          </Table>
          {disputes.data.has_more ? <p className="muted">{t('console.disputes.more', { count: disputesShownMax })}</p> : null}
        </>
      )}
    </>
  );
}
