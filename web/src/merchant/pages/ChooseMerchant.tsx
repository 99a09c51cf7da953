// Before the dashboard: which merchant to act for, when the member belongs to several; or, for
// someone who belongs to none, how to get one (create it, or be added by its owner).

import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Field, LanguageSwitch, Money, Outcome } from '../../ui/components.js';
import { useAction } from '../../ui/hooks.js';
import type { NoChoice } from '../session.js';
import type { Membership } from '../types.js';

export function ChooseMerchant({ user, memberships, choose, reload, signOut }: NoChoice) {
  const { t } = useI18n();
  return (
    <main id="main" className="dash-choose">
      <div className="page-title">
        <span className="brand">
          <img src="/favicon.svg" alt="" /> {t('app.title')} · {t('nav.merchant')}
        </span>
        <div className="page-actions">
          <LanguageSwitch />
          <Button variant="secondary" onClick={() => void signOut()}>
            {t('action.signOut')}
          </Button>
        </div>
      </div>
      <div className="card">
        <h1>{memberships.length === 0 ? t('merchant.choose.none') : t('merchant.choose.title')}</h1>
        <p className="muted">{t('merchant.choose.signedInAs', { user: user.email ?? user.phone ?? user.id })}</p>
        {memberships.length === 0 ? (
          <>
            <p>{t('merchant.choose.noneHelp', { id: user.id })}</p>
            <CreateMerchant reload={reload} choose={choose} />
          </>
        ) : (
          <ul className="list">
            {memberships.map((membership) => (
              <li key={membership.id}>
                <div>
                  <strong>{membership.name}</strong>
                  <div className="muted">
                    {t(`merchant.role.${membership.role}`)} · <Money amount={membership.balance.available} currency={membership.balance.currency} />
                  </div>
                </div>
                <Button onClick={() => choose(membership.id)} aria-label={t('merchant.choose.actForNamed', { name: membership.name })}>
                  {t('merchant.choose.actFor')}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </main>
  );
}

function CreateMerchant({ reload, choose }: { readonly reload: () => Promise<void>; readonly choose: (merchantId: string) => void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const create = useAction((key) => api<Membership>('POST', '/v1/merchants', { idempotencyKey: key, body: { name: name.trim() } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setProblem(t('merchant.choose.nameMissing'));
      return;
    }
    setProblem(undefined);
    const created = await create.run();
    if (created === undefined) return;
    await reload();
    choose(created.id);
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="m-narrow-form">
      <h2>{t('merchant.choose.create')}</h2>
      <Field label={t('merchant.choose.name')} maxLength={100} value={name} error={problem} onChange={(event) => setName(event.target.value)} />
      <Outcome error={create.error} />
      <Button type="submit" busy={create.busy}>
        {t('merchant.choose.createSubmit')}
      </Button>
    </form>
  );
}
