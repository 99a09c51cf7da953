// One user: who they are, their balance, status and KYC tier; freezing and unfreezing (after a
// confirmation) and verifying their identity from documents, as the role allows.

import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../i18n/i18n.js';
import { Button, ErrorState, Field, Loading, Money, Outcome, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useAction, useResource } from '../../ui/hooks.js';
import { ConfirmButton, Facts } from '../components.js';
import { useFormAction } from '../hooks.js';
import { consoleApi, useOperator } from '../session.js';
import type { UserDetail as UserDetailBody } from '../types.js';

export function UserDetail() {
  const { t, locale } = useI18n();
  const { may } = useOperator();
  const id = useParams().user ?? '';
  const path = `/v1/operator/users/${encodeURIComponent(id)}`;
  const user = useResource((signal) => consoleApi<UserDetailBody>('GET', path, { signal }), [path]);
  const freeze = useAction((key, frozen: boolean) => consoleApi<UserDetailBody>('POST', `${path}/${frozen ? 'freeze' : 'unfreeze'}`, { idempotencyKey: `${key}:${frozen}` }));
  const back = (
    <Link to="/console/users" className="back-link">
      ← {t('console.users.all')}
    </Link>
  );
  if (user.data === undefined) return <>{back}{user.error === undefined ? <Loading /> : <ErrorState error={user.error} onRetry={user.reload} />}</>;

  const body = user.data;
  const name = body.phone ?? body.email ?? body.id;
  const frozen = body.status === 'frozen';
  const setFrozen = async (value: boolean) => {
    if ((await freeze.run(value)) !== undefined) user.reload();
  };
  return (
    <>
      {back}
      <PageTitle actions={may('actions:read') ? <Link to={`/console/actions?target=${encodeURIComponent(body.id)}`}>{t('console.actions.onThis')}</Link> : undefined}>{name}</PageTitle>
      <div className="console-grid">
        <section className="card" aria-labelledby="user-facts">
          <h2 id="user-facts">{t('console.user.account')}</h2>
          <Facts
            facts={[
              [t('console.col.user'), <span className="mono">{body.id}</span>],
              [t('console.col.phone'), body.phone ?? '—'],
              [t('console.col.email'), body.email ?? '—'],
              [t('console.col.status'), <StatusBadge status={body.status} prefix="console.status" />],
              [t('console.col.kyc'), <StatusBadge status={body.kyc_tier} prefix="console.kyc" />],
              [t('console.user.pin'), body.pin_set ? t('console.user.pinSet') : t('console.user.pinNotSet')],
              [t('console.col.created'), formatDateTime(body.created_at, locale)],
            ]}
          />
        </section>
        <section className="card" aria-labelledby="user-balance">
          <h2 id="user-balance">{t('console.user.balance')}</h2>
          <Facts
            facts={[
              [t('console.balance.available'), <Money amount={body.balance.available} currency={body.balance.currency} className="strong" />],
              [t('console.balance.pending'), <Money amount={body.balance.pending} currency={body.balance.currency} />],
            ]}
          />
        </section>
      </div>
      {may('users:freeze') ? (
        <section className="card" aria-labelledby="user-freeze">
          <h2 id="user-freeze">{frozen ? t('console.user.frozenTitle') : t('console.user.freezeTitle')}</h2>
          <p className="muted">{frozen ? t('console.user.frozenIntro') : t('console.user.freezeIntro')}</p>
          <ConfirmButton
            label={frozen ? t('console.user.unfreeze') : t('console.user.freeze')}
            title={frozen ? t('console.user.unfreezeConfirmTitle', { name }) : t('console.user.freezeConfirmTitle', { name })}
            message={<p>{frozen ? t('console.user.unfreezeConfirm') : t('console.user.freezeConfirm')}</p>}
            confirmLabel={frozen ? t('console.user.unfreeze') : t('console.user.freeze')}
            variant={frozen ? 'primary' : 'danger'}
            busy={freeze.busy}
            onConfirm={() => void setFrozen(!frozen)}
          />
          <Outcome error={freeze.error} success={freeze.result === undefined ? undefined : freeze.result.status === 'frozen' ? t('console.user.frozenDone') : t('console.user.unfrozenDone')} />
        </section>
      ) : null}
      {may('users:verify') ? <VerifyIdentity path={path} verified={body.kyc_tier === 'verified'} onVerified={user.reload} /> : null}
    </>
  );
}

function VerifyIdentity({ path, verified, onVerified }: { readonly path: string; readonly verified: boolean; readonly onVerified: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [problems, setProblems] = useState<{ name?: string; idNumber?: string }>({});
  const verify = useFormAction((key) => consoleApi<UserDetailBody>('POST', `${path}/verify`, { idempotencyKey: key, body: { name: name.trim(), id_number: idNumber.trim() } }), [name, idNumber]);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = { ...(name.trim() === '' ? { name: t('field.required') } : {}), ...(idNumber.trim() === '' ? { idNumber: t('field.required') } : {}) };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    if ((await verify.run()) !== undefined) onVerified();
  };
  if (verified && verify.result === undefined) return null;
  return (
    <section className="card" aria-labelledby="user-verify">
      <h2 id="user-verify">{t('console.user.verifyTitle')}</h2>
      {verify.result === undefined ? (
        <form onSubmit={(event) => void submit(event)} noValidate className="narrow-form">
          <p className="muted">{t('console.user.verifyIntro')}</p>
          <Field label={t('console.user.legalName')} autoComplete="off" value={name} error={problems.name} onChange={(event) => setName(event.target.value)} />
          <Field label={t('console.user.idNumber')} hint={t('console.user.idNumberHint')} autoComplete="off" maxLength={18} value={idNumber} error={problems.idNumber} onChange={(event) => setIdNumber(event.target.value)} />
          <Outcome error={verify.error} />
          <Button type="submit" busy={verify.busy}>
            {t('console.user.verify')}
          </Button>
        </form>
      ) : (
        <Outcome error={undefined} success={t('console.user.verified')} />
      )}
    </section>
  );
}
