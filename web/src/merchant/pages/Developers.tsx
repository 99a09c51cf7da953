// Developers: secret API keys (made with all or some scopes, the secret shown once to copy,
// revoked at once) and gateway apps (registered with the app's RSA public key; the answer gives
// the app_id and the platform's public key for the Alipay-compatible gateway; an app's key can be
// replaced, and an app disabled for good).

import { useState, type FormEvent } from 'react';
import type { List } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, CopyButton, Empty, ErrorState, Field, FieldProblem, Loading, Outcome, PageTitle, StatusBadge, TextArea } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { ConfirmButton } from '../ConfirmButton.js';
import { useMerchantAction, useMerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';
import type { ApiKey, GatewayApp } from '../types.js';

const scopes = ['merchant:read', 'trades:read', 'trades:write', 'refunds:write', 'payouts:read', 'payouts:write', 'webhooks:write'] as const;

export function Developers() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('merchant.developers.title')}</PageTitle>
      <p className="muted">{t('merchant.developers.intro')}</p>
      <ApiKeys />
      <Apps />
    </>
  );
}

/** A secret shown once: to copy now, with the warning that it will not be shown again. */
export function SecretOnce({ label, secret, onDismiss }: { readonly label: string; readonly secret: string; readonly onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <div className="m-secret-once notice notice-info" role="status">
      <p>
        <strong>{label}</strong> {t('merchant.secret.once')}
      </p>
      <div className="m-copy-line">
        <code className="mono m-secret" data-testid="secret">
          {secret}
        </code>
        <CopyButton text={secret} />
      </div>
      <Button variant="link" onClick={onDismiss}>
        {t('merchant.secret.saved')}
      </Button>
    </div>
  );
}

function ApiKeys() {
  const { t, locale } = useI18n();
  const call = useMerchantCall();
  const { membership, can } = useMerchantSession();
  const path = `/v1/merchants/${membership.id}/api_keys`;
  const keys = useResource((signal) => call<List<ApiKey>>('GET', path, { signal }), [call, path]);
  const [all, setAll] = useState(true);
  const [chosen, setChosen] = useState<readonly string[]>(['trades:read']);
  const [secret, setSecret] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const create = useMerchantAction((send) => send<ApiKey>('POST', path, { body: { scopes: all ? ['*'] : [...chosen].sort() } }));
  const [revoking, setRevoking] = useState<string | undefined>(undefined);
  const revoke = useMerchantAction((send, id: string) => send<undefined>('DELETE', `${path}/${id}`).then(() => id));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!all && chosen.length === 0) {
      setProblem(t('merchant.keys.scopesMissing'));
      return;
    }
    setProblem(undefined);
    const made = await create.run();
    if (made === undefined) return;
    setSecret(made.secret);
    keys.reload();
  };
  const toggle = (scope: string) => setChosen((current) => (current.includes(scope) ? current.filter((item) => item !== scope) : [...current, scope]));
  return (
    <section className="card" aria-labelledby="keys-heading">
      <h2 id="keys-heading">{t('merchant.keys.title')}</h2>
      {secret === undefined ? null : <SecretOnce label={t('merchant.keys.secretLabel')} secret={secret} onDismiss={() => setSecret(undefined)} />}
      {keys.data === undefined ? (
        keys.error === undefined ? (
          <Loading />
        ) : (
          <ErrorState error={keys.error} onRetry={keys.reload} />
        )
      ) : keys.data.data.length === 0 ? (
        <Empty>{t('merchant.keys.none')}</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="api-keys">
            <thead>
              <tr>
                <th scope="col">{t('merchant.keys.key')}</th>
                <th scope="col">{t('merchant.keys.scopes')}</th>
                <th scope="col">{t('merchant.trade.status')}</th>
                <th scope="col">{t('merchant.trade.created')}</th>
                {can('keys:manage') ? <th scope="col">{t('merchant.keys.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {keys.data.data.map((key) => (
                <tr key={key.id}>
                  <td className="mono">{key.prefix}…</td>
                  <td>{key.scopes.map((scope) => (scope === '*' ? t('merchant.keys.allScopes') : scope)).join(', ')}</td>
                  <td>
                    <StatusBadge status={key.status} prefix="merchant.keyStatus" />
                  </td>
                  <td className="m-nowrap">{formatDateTime(key.created_at, locale)}</td>
                  {can('keys:manage') ? (
                    <td>
                      {key.status === 'active' ? (
                        <ConfirmButton question={t('merchant.keys.revokeQuestion', { key: key.prefix })} confirm={t('merchant.keys.revokeConfirm')} busy={revoke.busy && revoking === key.id}
                          onConfirm={() => {
                            setRevoking(key.id);
                            void revoke.run(key.id).then((done) => done !== undefined && keys.reload());
                          }}>
                          {t('merchant.keys.revoke')}
                        </ConfirmButton>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Outcome error={revoke.error} />
      {can('keys:manage') ? (
        <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-key-heading" className="m-subform">
          <h3 id="new-key-heading">{t('merchant.keys.create')}</h3>
          <fieldset className="m-choice">
            <legend>{t('merchant.keys.access')}</legend>
            <label>
              <input type="radio" name="key-access" checked={all} onChange={() => setAll(true)} /> {t('merchant.keys.full')}
            </label>
            <label>
              <input type="radio" name="key-access" checked={!all} onChange={() => setAll(false)} /> {t('merchant.keys.limited')}
            </label>
          </fieldset>
          {all ? null : (
            <fieldset className="m-choice m-choice-grid" aria-describedby={problem === undefined ? undefined : 'scopes-error'}>
              <legend>{t('merchant.keys.scopes')}</legend>
              {scopes.map((scope) => (
                <label key={scope}>
                  <input type="checkbox" checked={chosen.includes(scope)} onChange={() => toggle(scope)} /> <span className="mono m-nowrap">{scope}</span> <span className="muted m-small">{t(`merchant.scope.${scope}`)}</span>
                </label>
              ))}
              <FieldProblem problem={problem} id="scopes-error" />
            </fieldset>
          )}
          <Outcome error={create.error} />
          <Button type="submit" busy={create.busy}>
            {t('merchant.keys.createSubmit')}
          </Button>
        </form>
      ) : (
        <p className="muted">{t('merchant.keys.roleCannot')}</p>
      )}
    </section>
  );
}

function Apps() {
  const { t } = useI18n();
  const call = useMerchantCall();
  const { membership, can } = useMerchantSession();
  const path = `/v1/merchants/${membership.id}/apps`;
  const apps = useResource((signal) => call<List<GatewayApp>>('GET', path, { signal }), [call, path]);
  const [name, setName] = useState('');
  const [publicKey, setPublicKey] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const register = useMerchantAction((send) => send<GatewayApp>('POST', path, { body: { name: name.trim(), public_key: publicKey.trim() } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = name.trim() === '' ? t('merchant.apps.nameMissing') : publicKey.trim() === '' ? t('merchant.apps.keyMissing') : undefined;
    setProblem(missing);
    if (missing !== undefined) return;
    if ((await register.run()) === undefined) return;
    setName('');
    setPublicKey('');
    apps.reload();
  };
  return (
    <section className="card" aria-labelledby="apps-heading">
      <h2 id="apps-heading">{t('merchant.apps.title')}</h2>
      <p className="muted">{t('merchant.apps.intro')}</p>
      {register.result === undefined ? null : (
        <div className="notice notice-success" role="status">
          {t('merchant.apps.registered', { name: register.result.name, id: register.result.app_id })}
        </div>
      )}
      {apps.data === undefined ? (
        apps.error === undefined ? (
          <Loading />
        ) : (
          <ErrorState error={apps.error} onRetry={apps.reload} />
        )
      ) : apps.data.data.length === 0 ? (
        <Empty>{t('merchant.apps.none')}</Empty>
      ) : (
        <ul className="m-app-list">
          {apps.data.data.map((app) => (
            <AppItem key={app.app_id} app={app} path={`${path}/${app.app_id}`} onChange={apps.reload} />
          ))}
        </ul>
      )}
      {can('keys:manage') ? (
        <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="new-app-heading" className="m-subform">
          <h3 id="new-app-heading">{t('merchant.apps.register')}</h3>
          <Field label={t('merchant.apps.name')} maxLength={100} value={name} onChange={(event) => setName(event.target.value)} />
          <TextArea label={t('merchant.apps.publicKey')} className="mono m-pem-input" maxLength={4096} placeholder="-----BEGIN PUBLIC KEY-----" value={publicKey} onChange={(event) => setPublicKey(event.target.value)} />
          <p className="hint">{t('merchant.apps.publicKeyHint')}</p>
          <FieldProblem problem={problem} />
          <Outcome error={register.error} />
          <Button type="submit" busy={register.busy}>
            {t('merchant.apps.registerSubmit')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}

/** One app: its ids and keys; for owners and admins, its key replaced or the app disabled while it is active. */
function AppItem({ app, path, onChange }: { readonly app: GatewayApp; readonly path: string; readonly onChange: () => void }) {
  const { t, locale } = useI18n();
  const { can } = useMerchantSession();
  const [newKey, setNewKey] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const replace = useMerchantAction((send) => send<GatewayApp>('POST', path, { body: { public_key: newKey.trim() } }));
  const disable = useMerchantAction((send) => send<GatewayApp>('POST', `${path}/disable`));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = newKey.trim() === '' ? t('merchant.apps.keyMissing') : undefined;
    setProblem(missing);
    if (missing !== undefined || (await replace.run()) === undefined) return;
    setNewKey('');
    onChange();
  };
  const manage = can('keys:manage') && app.status === 'active';
  return (
    <li className="m-app-item" data-testid={`app-${app.app_id}`}>
      <div className="m-app-head">
        <strong>{app.name}</strong> <StatusBadge status={app.status} prefix="merchant.appStatus" />
        <span className="muted m-small">{formatDateTime(app.created_at, locale)}</span>
      </div>
      <div className="m-copy-line">
        <span className="muted">app_id</span> <code className="mono">{app.app_id}</code> <CopyButton text={app.app_id} />
      </div>
      <details>
        <summary>{t('merchant.apps.platformKey')}</summary>
        <pre className="m-pem">{app.platform_public_key}</pre>
        <CopyButton text={app.platform_public_key} />
      </details>
      <details>
        <summary>{t('merchant.apps.appKey')}</summary>
        <pre className="m-pem">{app.app_public_key}</pre>
      </details>
      {replace.result === undefined ? null : (
        <div className="notice notice-success" role="status">
          {t('merchant.apps.keyReplaced', { name: app.name })}
        </div>
      )}
      {manage ? (
        <>
          <details>
            <summary>{t('merchant.apps.replaceKey')}</summary>
            <form onSubmit={(event) => void submit(event)} noValidate className="m-subform">
              <TextArea label={t('merchant.apps.newPublicKey')} className="mono m-pem-input" maxLength={4096} placeholder="-----BEGIN PUBLIC KEY-----" value={newKey} onChange={(event) => setNewKey(event.target.value)} />
              <p className="hint">{t('merchant.apps.replaceKeyHint')}</p>
              <FieldProblem problem={problem} />
              <Outcome error={replace.error} />
              <Button type="submit" busy={replace.busy}>
                {t('merchant.apps.replaceKeySubmit')}
              </Button>
            </form>
          </details>
          <Outcome error={disable.error} />
          <ConfirmButton question={t('merchant.apps.disableQuestion', { name: app.name })} confirm={t('merchant.apps.disableConfirm')} busy={disable.busy} onConfirm={() => void disable.run().then((done) => done !== undefined && onChange())}>
            {t('merchant.apps.disable')}
          </ConfirmButton>
        </>
      ) : null}
    </li>
  );
}
