// Sign in and sign up. The session comes back as an HttpOnly cookie; the page never holds it.

import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import type { Session } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Field, LanguageSwitch, Outcome } from '../../ui/components.js';
import { useAction } from '../../ui/hooks.js';

/** Where to go after signing in: a path of this app only (never another site). */
function nextPath(search: URLSearchParams): string {
  const next = search.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function AuthFrame({ title, children }: { readonly title: string; readonly children: React.ReactNode }) {
  const { t } = useI18n();
  return (
    <main id="main" className="auth-page">
      <div className="page-title">
        <span className="brand">
          <img src="/favicon.svg" alt="" /> {t('app.title')}
        </span>
        <LanguageSwitch />
      </div>
      <p className="muted">{t('app.tagline')}</p>
      <div className="card">
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function SignIn() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useAction((key) => api<Session>('POST', '/v1/sessions', { idempotencyKey: key, body: { identifier: identifier.trim(), password } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await signIn.run()) !== undefined) navigate(nextPath(search), { replace: true });
  };
  return (
    <AuthFrame title={t('wallet.signIn.title')}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('field.phoneOrEmail')} autoComplete="username" required value={identifier} onChange={(event) => setIdentifier(event.target.value)} />
        <Field label={t('field.password')} type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        <Outcome error={signIn.error} />
        <Button type="submit" busy={signIn.busy}>
          {t('wallet.signIn.submit')}
        </Button>
      </form>
      <p>
        {t('wallet.signIn.noAccount')} <Link to={`/signup${search.toString() === '' ? '' : `?${search.toString()}`}`}>{t('wallet.signUp.title')}</Link>
      </p>
      <p className="muted">{t('wallet.signIn.demo')}</p>
      <p className="muted">
        <Link to="/merchant">{t('nav.merchant')}</Link> · <Link to="/console">{t('nav.console')}</Link>
      </p>
    </AuthFrame>
  );
}

export function SignUp() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useAction(async (key) => {
    const value = identifier.trim();
    const contact = value.includes('@') ? { email: value } : { phone: value };
    await api('POST', '/v1/users', { idempotencyKey: key, body: { ...contact, password } });
    return api<Session>('POST', '/v1/sessions', { idempotencyKey: `${key}:session`, body: { identifier: value, password } });
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await signUp.run()) !== undefined) navigate(nextPath(search), { replace: true });
  };
  return (
    <AuthFrame title={t('wallet.signUp.title')}>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t('field.phoneOrEmail')} hint={t('wallet.signUp.identifierHint')} autoComplete="username" required value={identifier} onChange={(event) => setIdentifier(event.target.value)} />
        <Field label={t('field.password')} hint={t('wallet.signUp.passwordHint')} type="password" autoComplete="new-password" minLength={8} required value={password} onChange={(event) => setPassword(event.target.value)} />
        <Outcome error={signUp.error} />
        <Button type="submit" busy={signUp.busy}>
          {t('wallet.signUp.submit')}
        </Button>
      </form>
      <p>
        {t('wallet.signUp.haveAccount')} <Link to={`/signin${search.toString() === '' ? '' : `?${search.toString()}`}`}>{t('wallet.signIn.title')}</Link>
      </p>
    </AuthFrame>
  );
}
