// Me: the account, the payment PIN (set or changed with the password), identity verification
// for the higher limits, the language, the other areas of Zhifu, and signing out.

import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { User } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, Field, LanguageSwitch, Outcome, PageTitle } from '../../ui/components.js';
import { useAction } from '../../ui/hooks.js';
import { accountMessages } from '../messages-account.js';
import { pinError } from '../parts.js';
import { useWalletSession } from '../session.js';

addMessages(accountMessages);

/** The sandbox's identity check accepts any well-formed resident id, such as this one. */
const sandboxIdNumber = '11010519491231002X';

export default function Settings() {
  const { t } = useI18n();
  const { me, signOut } = useWalletSession();
  const [leaving, setLeaving] = useState(false);
  return (
    <>
      <PageTitle>{t('wallet.settings.title')}</PageTitle>
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t('wallet.settings.account')}</h2>
        <dl className="facts">
          <dt>{t('wallet.settings.signInWith')}</dt>
          <dd data-testid="account">{me.phone ?? me.email}</dd>
          <dt>{t('wallet.settings.identity')}</dt>
          <dd>
            <span className={`badge badge-${me.kyc_tier}`}>{t(`wallet.kyc.${me.kyc_tier}`)}</span>
          </dd>
          <dt>{t('wallet.settings.pinState')}</dt>
          <dd>{me.pin_set ? t('wallet.settings.pinIsSet') : t('wallet.settings.pinNotSet')}</dd>
        </dl>
      </section>
      <PinForm />
      <VerificationForm />
      <section className="card" aria-labelledby="language-title">
        <h2 id="language-title">{t('language.label')}</h2>
        <LanguageSwitch />
      </section>
      <section className="card" aria-labelledby="more-title">
        <h2 id="more-title">{t('wallet.settings.more')}</h2>
        <ul className="list link-list">
          <li>
            <Link to="/merchant">{t('nav.merchant')}</Link>
          </li>
          <li>
            <Link to="/console">{t('nav.console')}</Link>
          </li>
        </ul>
      </section>
      <Button
        variant="secondary"
        busy={leaving}
        className="button button-secondary button-block"
        onClick={() => {
          setLeaving(true);
          void signOut();
        }}
      >
        {t('action.signOut')}
      </Button>
    </>
  );
}

function PinForm() {
  const { t } = useI18n();
  const { me, refresh } = useWalletSession();
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const save = useAction((key) => api<{ pin_set: true }>('POST', '/v1/me/pin', { idempotencyKey: key, body: { pin, password } }));
  const mismatch = tried && again !== pin;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!/^\d{6}$/.test(pin) || again !== pin || password === '') return;
    const saved = await save.run();
    setPassword('');
    if (saved === undefined) return;
    setPin('');
    setAgain('');
    setTried(false);
    await refresh();
  };
  const digits = (value: string) => value.replace(/\D/g, '').slice(0, 6);
  return (
    <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="pin-title">
      <h2 id="pin-title">{me.pin_set ? t('wallet.settings.changePin') : t('wallet.settings.setPin')}</h2>
      <p className="muted">{t('wallet.settings.pinHint')}</p>
      <Field label={t('wallet.settings.newPin')} hint={t('field.pinHint')} type="password" inputMode="numeric" autoComplete="off" maxLength={6} required value={pin} error={pinError(t, pin, tried)} onChange={(event) => setPin(digits(event.target.value))} />
      <Field label={t('wallet.settings.pinAgain')} type="password" inputMode="numeric" autoComplete="off" maxLength={6} required value={again} error={mismatch ? t('wallet.settings.pinMismatch') : undefined} onChange={(event) => setAgain(digits(event.target.value))} />
      <Field label={t('field.password')} hint={t('wallet.settings.passwordHint')} type="password" autoComplete="current-password" required value={password} error={tried && password === '' ? t('wallet.settings.passwordMissing') : undefined} onChange={(event) => setPassword(event.target.value)} />
      <Outcome error={save.error} success={save.result === undefined ? undefined : t('wallet.settings.pinSaved')} />
      <Button type="submit" busy={save.busy}>
        {me.pin_set ? t('wallet.settings.changePin') : t('wallet.settings.setPin')}
      </Button>
    </form>
  );
}

function VerificationForm() {
  const { t } = useI18n();
  const { me, refresh } = useWalletSession();
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [tried, setTried] = useState(false);
  const verify = useAction((key) => api<User>('POST', '/v1/me/verification', { idempotencyKey: key, body: { name: name.trim(), id_number: idNumber.trim().toUpperCase() } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (name.trim() === '' || idNumber.trim() === '') return;
    if ((await verify.run()) !== undefined) await refresh();
  };
  if (verify.result !== undefined)
    return (
      <p className="notice notice-success" role="status">
        {t('wallet.settings.verified')}
      </p>
    );
  if (me.kyc_tier === 'verified') return null;
  return (
    <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="verify-title">
      <h2 id="verify-title">{t('wallet.settings.verify')}</h2>
      <p className="muted">{t('wallet.settings.verifyHint')}</p>
      <Field label={t('wallet.settings.name')} autoComplete="name" maxLength={64} required value={name} error={tried && name.trim() === '' ? t('wallet.settings.nameMissing') : undefined} onChange={(event) => setName(event.target.value)} />
      <Field
        label={t('wallet.settings.idNumber')}
        hint={t('wallet.settings.idNumberHint', { example: sandboxIdNumber })}
        autoComplete="off"
        maxLength={18}
        required
        value={idNumber}
        error={tried && idNumber.trim() === '' ? t('wallet.settings.idNumberMissing') : undefined}
        onChange={(event) => setIdNumber(event.target.value.replace(/[^\dXx]/g, ''))}
      />
      <Outcome error={verify.error} />
      <Button type="submit" busy={verify.busy}>
        {t('wallet.settings.verifySubmit')}
      </Button>
    </form>
  );
}
