// An endpoint's delivery log: each event sent to it, its status and every attempt (when, the HTTP
// status or the error, how long it took), newest first, read again every few seconds; a delivery
// can be sent again now (replay).

import { Fragment, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiFailure, type List } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Loading, Outcome, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { useMerchantAction, useMerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';
import type { WebhookDelivery, WebhookEndpoint } from '../types.js';

const refreshMilliseconds = 3000;
const pageSize = 50;

export function WebhookDeliveries() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const call = useMerchantCall();
  const { can } = useMerchantSession();
  // Undefined when the merchant has no such endpoint (the page says so).
  const endpoint = useResource(
    (signal) =>
      call<WebhookEndpoint>('GET', `/v1/webhook_endpoints/${encodeURIComponent(id)}`, { signal }).catch((error: unknown) =>
        error instanceof ApiFailure && error.code === 'resource_missing' ? undefined : Promise.reject(error),
      ),
    [call, id],
  );
  const deliveries = useResource((signal) => call<List<WebhookDelivery>>('GET', `/v1/webhook_endpoints/${encodeURIComponent(id)}/deliveries`, { query: { limit: pageSize }, signal }), [call, id]);
  const [open, setOpen] = useState<string | undefined>(undefined);
  const [replayed, setReplayed] = useState<string | undefined>(undefined);
  const replay = useMerchantAction((send, deliveryId: string) => send<{ id: string }>('POST', `/v1/webhook_deliveries/${deliveryId}/replay`).then(() => deliveryId));
  const { reload } = deliveries;
  const known = endpoint.data !== undefined;

  useEffect(() => {
    if (!known) return;
    const timer = setInterval(reload, refreshMilliseconds);
    return () => clearInterval(timer);
  }, [known, reload]);

  const title = endpoint.data === undefined ? t('merchant.deliveries.title') : t('merchant.deliveries.titleFor', { url: endpoint.data.url });
  const back = (
    <Link className="button button-secondary" to="/merchant/webhooks">
      {t('merchant.deliveries.back')}
    </Link>
  );
  if (endpoint.data === undefined)
    return (
      <>
        <PageTitle actions={back}>{title}</PageTitle>
        {endpoint.loading ? <Loading /> : endpoint.error !== undefined ? <ErrorState error={endpoint.error} onRetry={endpoint.reload} /> : <Empty>{t('merchant.deliveries.noEndpoint')}</Empty>}
      </>
    );
  return (
    <>
      <PageTitle actions={back}>{title}</PageTitle>
      <p className="muted">{t('merchant.deliveries.intro', { seconds: refreshMilliseconds / 1000 })}</p>
      {replay.result === undefined || replay.busy ? null : (
        <p className="notice notice-success" role="status">
          {t('merchant.deliveries.replayed')}
        </p>
      )}
      <Outcome error={replay.error} />
      <section className="card" aria-labelledby="deliveries-heading">
        <h2 id="deliveries-heading">{t('merchant.deliveries.log')}</h2>
        {deliveries.data === undefined ? (
          deliveries.error === undefined ? (
            <Loading />
          ) : (
            <ErrorState error={deliveries.error} onRetry={deliveries.reload} />
          )
        ) : deliveries.data.data.length === 0 ? (
          <Empty>{t('merchant.deliveries.none')}</Empty>
        ) : (
          <div className="table-wrap">
            <table data-testid="deliveries">
              <thead>
                <tr>
                  <th scope="col">{t('merchant.deliveries.event')}</th>
                  <th scope="col">{t('merchant.trade.status')}</th>
                  <th scope="col" className="num">
                    {t('merchant.deliveries.attempts')}
                  </th>
                  <th scope="col">{t('merchant.deliveries.last')}</th>
                  <th scope="col">{t('merchant.deliveries.next')}</th>
                  <th scope="col">{t('merchant.keys.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.data.data.map((delivery) => {
                  const last = delivery.attempts_log.at(-1);
                  const expanded = open === delivery.id;
                  return (
                    <Fragment key={delivery.id}>
                      <tr data-delivery={delivery.id}>
                        <td>
                          <span className="mono">{delivery.event_type}</span>
                          <div className="muted m-small mono">{delivery.event}</div>
                        </td>
                        <td>
                          <StatusBadge status={delivery.status} prefix="merchant.deliveryStatus" />
                        </td>
                        <td className="num">{delivery.attempts}</td>
                        <td>{last === undefined ? <span className="muted">—</span> : <AttemptResult attempt={last} />}</td>
                        <td className="m-nowrap">{formatDateTime(delivery.next_attempt_at, locale)}</td>
                        <td className="m-cell-actions">
                          {delivery.attempts_log.length === 0 ? null : (
                            <Button variant="link" aria-expanded={expanded} aria-controls={`attempts-${delivery.id}`} onClick={() => setOpen(expanded ? undefined : delivery.id)}>
                              {expanded ? t('merchant.deliveries.hideAttempts') : t('merchant.deliveries.showAttempts')}
                            </Button>
                          )}
                          {can('webhooks:write') ? (
                            <Button
                              variant="secondary"
                              busy={replay.busy && replayed === delivery.id}
                              disabled={replay.busy}
                              onClick={() => {
                                setReplayed(delivery.id);
                                void replay.run(delivery.id).then(() => reload());
                              }}
                            >
                              {t('merchant.deliveries.replay')}
                            </Button>
                          ) : null}
                        </td>
                      </tr>
                      {expanded ? (
                        <tr id={`attempts-${delivery.id}`} className="m-attempts-row">
                          <td colSpan={6}>
                            <table className="m-attempts">
                              <caption>{t('merchant.deliveries.attemptsOf', { event: delivery.event_type })}</caption>
                              <thead>
                                <tr>
                                  <th scope="col">#</th>
                                  <th scope="col">{t('merchant.trade.when')}</th>
                                  <th scope="col">{t('merchant.deliveries.result')}</th>
                                  <th scope="col" className="num">
                                    {t('merchant.deliveries.duration')}
                                  </th>
                                </tr>
                              </thead>
                              <tbody>
                                {delivery.attempts_log.map((attempt) => (
                                  <tr key={attempt.attempt}>
                                    <td>{attempt.attempt}</td>
                                    <td className="m-nowrap">{formatDateTime(attempt.at, locale)}</td>
                                    <td>
                                      <AttemptResult attempt={attempt} />
                                    </td>
                                    <td className="num">{t('merchant.deliveries.ms', { ms: attempt.duration_ms })}</td>
                                  </tr>
                                ))}
                              </tbody>
                            </table>
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function AttemptResult({ attempt }: { readonly attempt: WebhookDelivery['attempts_log'][number] }) {
  const { t } = useI18n();
  const good = attempt.status_code !== null && attempt.status_code >= 200 && attempt.status_code < 300;
  return (
    <span className={good ? 'm-attempt-good' : 'm-attempt-bad'}>
      {attempt.status_code === null ? t('merchant.deliveries.noAnswer', { error: attempt.error ?? '' }) : t('merchant.deliveries.http', { code: attempt.status_code })}
      {attempt.status_code !== null && attempt.error !== null && attempt.error !== `HTTP ${attempt.status_code}` ? <span className="muted m-small"> · {attempt.error}</span> : null}
    </span>
  );
}
