// One merchant: its status, balance, members and gateway apps; freezing and unfreezing it after a
// confirmation (a frozen merchant's keys, members and gateway apps are refused, and it is not paid
// out), and disabling one of its apps for good (a leaked key, abuse).

import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorState, Loading, Money, Outcome, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useAction, useResource } from '../../ui/hooks.js';
import { ConfirmButton, Facts, Table } from '../components.js';
import { consoleApi, useOperator } from '../session.js';
import type { ConsoleApp, ConsoleMerchant, MerchantDetail as MerchantDetailBody } from '../types.js';

export function MerchantDetail() {
  const { t, locale } = useI18n();
  const { may } = useOperator();
  const id = useParams().merchant ?? '';
  const path = `/v1/operator/merchants/${encodeURIComponent(id)}`;
  const merchant = useResource((signal) => consoleApi<MerchantDetailBody>('GET', path, { signal }), [path]);
  const freeze = useAction((key, frozen: boolean) => consoleApi<ConsoleMerchant>('POST', `${path}/${frozen ? 'freeze' : 'unfreeze'}`, { idempotencyKey: `${key}:${frozen}` }));
  const disableApp = useAction((key, appId: string) => consoleApi<ConsoleApp>('POST', `${path}/apps/${encodeURIComponent(appId)}/disable`, { idempotencyKey: `${key}:${appId}` }));
  const back = (
    <Link to="/console/merchants" className="back-link">
      ← {t('console.merchants.all')}
    </Link>
  );
  if (merchant.data === undefined) return <>{back}{merchant.error === undefined ? <Loading /> : <ErrorState error={merchant.error} onRetry={merchant.reload} />}</>;

  const body = merchant.data;
  const frozen = body.status === 'frozen';
  const setFrozen = async (value: boolean) => {
    if ((await freeze.run(value)) !== undefined) merchant.reload();
  };
  const disable = async (appId: string) => {
    if ((await disableApp.run(appId)) !== undefined) merchant.reload();
  };
  return (
    <>
      {back}
      <PageTitle actions={may('actions:read') ? <Link to={`/console/actions?target=${encodeURIComponent(body.id)}`}>{t('console.actions.onThis')}</Link> : undefined}>{body.name}</PageTitle>
      <div className="console-grid">
        <section className="card" aria-labelledby="merchant-facts">
          <h2 id="merchant-facts">{t('console.merchant.account')}</h2>
          <Facts
            facts={[
              [t('console.col.id'), <span className="mono">{body.id}</span>],
              [t('console.col.status'), <StatusBadge status={body.status} prefix="console.status" />],
              [t('console.col.created'), formatDateTime(body.created_at, locale)],
            ]}
          />
        </section>
        <section className="card" aria-labelledby="merchant-balance">
          <h2 id="merchant-balance">{t('console.user.balance')}</h2>
          <Facts
            facts={[
              [t('console.balance.available'), <Money amount={body.balance.available} currency={body.balance.currency} className="strong" />],
              [t('console.balance.pending'), <Money amount={body.balance.pending} currency={body.balance.currency} />],
            ]}
          />
        </section>
      </div>
      <section className="card" aria-labelledby="merchant-members">
        <h2 id="merchant-members">{t('console.merchant.members')}</h2>
        <Table caption={t('console.merchant.members')}>
          <thead>
            <tr>
              <th scope="col">{t('console.col.user')}</th>
              <th scope="col">{t('console.col.role')}</th>
            </tr>
          </thead>
          <tbody>
            {body.members.map((member) => (
              <tr key={member.user}>
                <td>
                  {may('users:read') ? (
                    <Link to={`/console/users/${encodeURIComponent(member.user)}`} className="mono">
                      {member.user}
                    </Link>
                  ) : (
                    <span className="mono">{member.user}</span>
                  )}
                </td>
                <td>{t(`console.memberRole.${member.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      <section className="card" aria-labelledby="merchant-apps">
        <h2 id="merchant-apps">{t('console.merchant.apps')}</h2>
        {body.apps.length === 0 ? (
          <p className="muted">{t('console.merchant.noApps')}</p>
        ) : (
          <Table caption={t('console.merchant.apps')}>
            <thead>
              <tr>
                <th scope="col">{t('console.merchant.appName')}</th>
                <th scope="col">{t('console.merchant.appId')}</th>
                <th scope="col">{t('console.col.status')}</th>
                <th scope="col">{t('console.col.created')}</th>
                {may('merchants:freeze') ? <th scope="col">{t('console.col.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {body.apps.map((app) => (
                <tr key={app.app_id}>
                  <td>{app.name}</td>
                  <td className="mono">{app.app_id}</td>
                  <td>
                    <StatusBadge status={app.status} prefix="console.status" />
                  </td>
                  <td>{formatDateTime(app.created_at, locale)}</td>
                  {may('merchants:freeze') ? (
                    <td>
                      {app.status === 'active' ? (
                        <ConfirmButton
                          label={t('console.merchant.disableApp')}
                          title={t('console.merchant.disableAppTitle', { name: app.name })}
                          message={<p>{t('console.merchant.disableAppConfirm')}</p>}
                          confirmLabel={t('console.merchant.disableApp')}
                          busy={disableApp.busy}
                          onConfirm={() => void disable(app.app_id)}
                        />
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </Table>
        )}
        <Outcome error={disableApp.error} success={disableApp.result === undefined ? undefined : t('console.merchant.appDisabled', { name: disableApp.result.name })} />
      </section>
      {may('merchants:freeze') ? (
        <section className="card" aria-labelledby="merchant-freeze">
          <h2 id="merchant-freeze">{frozen ? t('console.merchant.frozenTitle') : t('console.merchant.freezeTitle')}</h2>
          <p className="muted">{frozen ? t('console.merchant.frozenIntro') : t('console.merchant.freezeIntro')}</p>
          <ConfirmButton
            label={frozen ? t('console.merchant.unfreeze') : t('console.merchant.freeze')}
            title={frozen ? t('console.merchant.unfreezeConfirmTitle', { name: body.name }) : t('console.merchant.freezeConfirmTitle', { name: body.name })}
            message={<p>{frozen ? t('console.merchant.unfreezeConfirm') : t('console.merchant.freezeConfirm')}</p>}
            confirmLabel={frozen ? t('console.merchant.unfreeze') : t('console.merchant.freeze')}
            variant={frozen ? 'primary' : 'danger'}
            busy={freeze.busy}
            onConfirm={() => void setFrozen(!frozen)}
          />
          <Outcome error={freeze.error} success={freeze.result === undefined ? undefined : freeze.result.status === 'frozen' ? t('console.merchant.frozenDone') : t('console.merchant.unfrozenDone')} />
        </section>
      ) : null}
    </>
  );
}
