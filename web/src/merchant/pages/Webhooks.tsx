// Webhook endpoints: register a URL for all events or some (its signing secret shown once), see
// the endpoints, disable one; each has its delivery log (WebhookDeliveries).

import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { List } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Empty, ErrorState, Field, FieldProblem, Loading, Outcome, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { ConfirmButton } from '../ConfirmButton.js';
import { useMerchantAction, useMerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';
import type { WebhookEndpoint } from '../types.js';
import { SecretOnce } from './Developers.js';

/** The events offered one by one; "*" (all) and "<object>.*" are offered as groups. */
export const eventTypes = ['trade.created', 'trade.paid', 'trade.shipped', 'trade.confirmed', 'trade.extended', 'trade.refunded', 'trade.closed', 'trade.finished', 'trade.refund_requested', 'trade.dispute_opened', 'trade.dispute_decided', 'payout.created', 'payout.paid', 'payout.failed'] as const;
const groups = ['*', 'trade.*', 'payout.*'] as const;

export function Webhooks() {
  const { t, locale } = useI18n();
  const call = useMerchantCall();
  const { can } = useMerchantSession();
  const endpoints = useResource((signal) => call<List<WebhookEndpoint>>('GET', '/v1/webhook_endpoints', { signal }), [call]);
  const [disabling, setDisabling] = useState<string | undefined>(undefined);
  const disable = useMerchantAction((send, id: string) => send<undefined>('DELETE', `/v1/webhook_endpoints/${id}`).then(() => id));
  return (
    <>
      <PageTitle>{t('merchant.webhooks.title')}</PageTitle>
      <p className="muted">{t('merchant.webhooks.intro')}</p>
      <section className="card" aria-labelledby="endpoints-heading">
        <h2 id="endpoints-heading">{t('merchant.webhooks.endpoints')}</h2>
        {endpoints.data === undefined ? (
          endpoints.error === undefined ? (
            <Loading />
          ) : (
            <ErrorState error={endpoints.error} onRetry={endpoints.reload} />
          )
        ) : endpoints.data.data.length === 0 ? (
          <Empty>{t('merchant.webhooks.none')}</Empty>
        ) : (
          <div className="table-wrap">
            <table data-testid="endpoints">
              <thead>
                <tr>
                  <th scope="col">{t('merchant.webhooks.url')}</th>
                  <th scope="col">{t('merchant.webhooks.events')}</th>
                  <th scope="col">{t('merchant.trade.status')}</th>
                  <th scope="col">{t('merchant.trade.created')}</th>
                  <th scope="col">{t('merchant.keys.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.data.data.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <td className="mono">{endpoint.url}</td>
                    <td>{endpoint.events.map((type) => (type === '*' ? t('merchant.webhooks.all') : type)).join(', ')}</td>
                    <td>
                      <StatusBadge status={endpoint.status} prefix="merchant.endpointStatus" />
                    </td>
                    <td className="m-nowrap">{formatDateTime(endpoint.created_at, locale)}</td>
                    <td className="m-cell-actions">
                      <Link to={`/merchant/webhooks/${endpoint.id}`} aria-label={t('merchant.webhooks.logFor', { url: endpoint.url })}>
                        {t('merchant.webhooks.log')}
                      </Link>
                      {endpoint.status === 'enabled' && can('webhooks:write') ? (
                        <ConfirmButton
                          question={t('merchant.webhooks.disableQuestion')}
                          confirm={t('merchant.webhooks.disableConfirm')}
                          busy={disable.busy && disabling === endpoint.id}
                          onConfirm={() => {
                            setDisabling(endpoint.id);
                            void disable.run(endpoint.id).then((done) => done !== undefined && endpoints.reload());
                          }}
                        >
                          {t('merchant.webhooks.disable')}
                        </ConfirmButton>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Outcome error={disable.error} />
      </section>
      {can('webhooks:write') ? <NewEndpoint onCreated={endpoints.reload} /> : null}
    </>
  );
}

function NewEndpoint({ onCreated }: { readonly onCreated: () => void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<readonly string[]>(['*']);
  const [problems, setProblems] = useState<{ url?: string; events?: string }>({});
  const [created, setCreated] = useState<WebhookEndpoint | undefined>(undefined);
  const create = useMerchantAction((send) => send<WebhookEndpoint>('POST', '/v1/webhook_endpoints', { body: { url: url.trim(), events: [...events].sort() } }));
  const toggle = (type: string) =>
    setEvents((current) => {
      if (type === '*') return current.includes('*') ? [] : ['*'];
      const without = current.filter((item) => item !== '*');
      return without.includes(type) ? without.filter((item) => item !== type) : [...without, type];
    });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = { ...(/^https?:\/\/\S+$/i.test(url.trim()) ? {} : { url: t('merchant.webhooks.urlInvalid') }), ...(events.length === 0 ? { events: t('merchant.webhooks.eventsMissing') } : {}) };
    setProblems(next);
    if (Object.keys(next).length > 0) return;
    const made = await create.run();
    if (made === undefined) return;
    setCreated(made);
    setUrl('');
    onCreated();
  };
  const everything = events.includes('*');
  return (
    <section className="card" aria-labelledby="new-endpoint-heading">
      <h2 id="new-endpoint-heading">{t('merchant.webhooks.create')}</h2>
      {created?.secret === undefined ? null : <SecretOnce label={t('merchant.webhooks.secretLabel', { url: created.url })} secret={created.secret} onDismiss={() => setCreated(undefined)} />}
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('merchant.webhooks.url')} hint={t('merchant.webhooks.urlHint')} type="url" inputMode="url" maxLength={2048} placeholder="https://example.com/zhifu/webhooks" value={url} error={problems.url} onChange={(event) => setUrl(event.target.value)} />
        <fieldset className="m-choice m-choice-grid">
          <legend>{t('merchant.webhooks.events')}</legend>
          {groups.map((type) => (
            <label key={type}>
              <input type="checkbox" checked={events.includes(type)} disabled={type !== '*' && everything} onChange={() => toggle(type)} /> {t(`merchant.webhooks.group.${type}`)}
            </label>
          ))}
          {eventTypes.map((type) => (
            <label key={type}>
              <input type="checkbox" checked={everything || events.includes(type) || events.includes(`${type.split('.')[0]}.*`)} disabled={everything || events.includes(`${type.split('.')[0]}.*`)} onChange={() => toggle(type)} /> <span className="mono m-nowrap">{type}</span>
            </label>
          ))}
          <FieldProblem problem={problems.events} />
        </fieldset>
        <Outcome error={create.error} />
        <Button type="submit" busy={create.busy}>
          {t('merchant.webhooks.createSubmit')}
        </Button>
      </form>
    </section>
  );
}
