// Webhook deliveries and gateway notifications of every merchant, newest first, by status, with
// their attempts and last answer; an operator whose role allows it sends one again now.

import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { List } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Outcome, PageTitle, SelectField, StatusBadge } from '../../ui/components.js';
import { useAction, usePagedList } from '../../ui/hooks.js';
import { PagedTable, Table } from '../components.js';
import { formatExactTime } from '../format.js';
import { consoleApi, useOperator } from '../session.js';
import type { Delivery, DeliveryStatus } from '../types.js';

const statuses: readonly DeliveryStatus[] = ['pending', 'succeeded', 'failed'];

export function Deliveries() {
  const { t, locale } = useI18n();
  const { may } = useOperator();
  const [search, setSearch] = useSearchParams();
  const chosen = search.get('status');
  const status = statuses.includes(chosen as DeliveryStatus) ? (chosen as DeliveryStatus) : undefined;
  const load = useCallback(
    (startingAfter: string | undefined, signal: AbortSignal) => consoleApi<List<Delivery>>('GET', '/v1/operator/webhook_deliveries', { query: { status, limit: 20, starting_after: startingAfter }, signal }),
    [status],
  );
  const deliveries = usePagedList(load, [load]);
  const [replayed, setReplayed] = useState<string | undefined>(undefined);
  const replay = useAction((key, id: string) => consoleApi<{ id: string }>('POST', `/v1/operator/webhook_deliveries/${encodeURIComponent(id)}/replay`, { idempotencyKey: `${key}:${id}` }));
  const send = async (id: string) => {
    setReplayed(id);
    if ((await replay.run(id)) !== undefined) deliveries.reload();
  };
  const time = (iso: string | null) => formatExactTime(iso, locale);
  return (
    <>
      <PageTitle
        actions={
          <Button variant="secondary" busy={deliveries.loading && deliveries.items.length > 0} onClick={deliveries.reload}>
            {t('console.refresh')}
          </Button>
        }
      >
        {t('console.deliveries.title')}
      </PageTitle>
      <div className="filters">
        <SelectField label={t('console.col.status')} value={status ?? ''} onChange={(event) => setSearch(event.target.value === '' ? {} : { status: event.target.value })}>
          <option value="">{t('console.filter.all')}</option>
          {statuses.map((option) => (
            <option key={option} value={option}>
              {t(`console.deliveryStatus.${option}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <Outcome error={replay.error} success={replay.result === undefined ? undefined : t('console.deliveries.replayed', { id: replay.result.id })} />
      <PagedTable list={deliveries} empty={t('console.deliveries.none')}>
        {(items) => (
          <Table caption={t('console.deliveries.title')}>
            <thead>
              <tr>
                <th scope="col">{t('console.col.created')}</th>
                <th scope="col">{t('console.deliveries.event')}</th>
                <th scope="col">{t('console.deliveries.target')}</th>
                <th scope="col">{t('console.col.status')}</th>
                <th scope="col" className="num">{t('console.deliveries.attempts')}</th>
                <th scope="col">{t('console.deliveries.lastAnswer')}</th>
                {may('webhooks:replay') ? <th scope="col">{t('console.col.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((delivery) => (
                <tr key={delivery.id}>
                  <td className="time">
                    {time(delivery.created_at)}
                    <div className="mono small muted">{delivery.id}</div>
                  </td>
                  <td>
                    <span className="mono">{delivery.event_type}</span>
                    <div className="muted small">{t('console.deliveries.ofMerchant', { merchant: delivery.merchant })}</div>
                  </td>
                  <td>
                    {t(`console.channel.${delivery.channel}`)}
                    <div className="mono small clip">{delivery.url ?? '—'}</div>
                  </td>
                  <td>
                    <StatusBadge status={delivery.status} prefix="console.deliveryStatus" />
                    {delivery.next_attempt_at === null ? null : <div className="muted small">{t('console.deliveries.nextAt', { time: time(delivery.next_attempt_at) })}</div>}
                  </td>
                  <td className="num">{delivery.attempts}</td>
                  <td>
                    {delivery.last_attempt_at === null ? (
                      <span className="muted">{t('console.deliveries.notYet')}</span>
                    ) : (
                      <>
                        {delivery.last_status_code === null ? t('console.deliveries.noAnswer') : `HTTP ${delivery.last_status_code}`}
                        {delivery.last_error === null ? null : <div className="field-error small">{delivery.last_error}</div>}
                        <div className="muted small">{time(delivery.last_attempt_at)}</div>
                      </>
                    )}
                  </td>
                  {may('webhooks:replay') ? (
                    <td>
                      <Button variant="secondary" busy={replay.busy && replayed === delivery.id} disabled={replay.busy} onClick={() => void send(delivery.id)} aria-label={t('console.deliveries.replayLabel', { id: delivery.id })}>
                        {t('console.deliveries.replay')}
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </PagedTable>
    </>
  );
}
