// Operators sign in with their email and password (POST /v1/operator/sessions, as the console: the
// session is an HttpOnly cookie and the answer holds no token). After sign-in the console opens
// where the operator was going.

import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Field, LanguageSwitch, Outcome } from '../../ui/components.js';
import { useFormAction } from '../hooks.js';
import { useConsoleSession } from '../session.js';
import type { OperatorSignIn } from '../types.js';

/** Where to go after signing in: a console path only (never another site). */
function nextPath(search: URLSearchParams): string {
  const next = search.get('next') ?? '/console';
  return next.startsWith('/console') ? next : '/console';
}

export function SignIn() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const { operator, signIn: keep } = useConsoleSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problems, setProblems] = useState<{ email?: string; password?: string }>({});
  const signIn = useFormAction((key) => api<OperatorSignIn>('POST', '/v1/operator/sessions', { idempotencyKey: key, operator: true, body: { email: email.trim(), password } }), [email, password]);
  if (operator !== undefined && !signIn.busy) return <Navigate to={nextPath(search)} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = { ...(email.trim() === '' ? { email: t('field.required') } : {}), ...(password === '' ? { password: t('field.required') } : {}) };
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const session = await signIn.run();
    if (session === undefined) return;
    keep(session);
    navigate(nextPath(search), { replace: true });
  };

  return (
    <main id="main" className="auth-page console-auth">
      <div className="page-title">
        <span className="brand">
          <img src="/favicon.svg" alt="" /> {t('console.title')}
        </span>
        <LanguageSwitch />
      </div>
      <div className="card">
        <h1>{t('console.signIn.title')}</h1>
        <p className="muted">{t('console.signIn.intro')}</p>
        {search.get('expired') === '1' ? (
          <p className="notice notice-info" role="status">
            {t('console.signIn.expired')}
          </p>
        ) : null}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field label={t('field.email')} type="email" autoComplete="username" required value={email} error={problems.email} onChange={(event) => setEmail(event.target.value)} />
          <Field label={t('field.password')} type="password" autoComplete="current-password" required value={password} error={problems.password} onChange={(event) => setPassword(event.target.value)} />
          <Outcome error={signIn.error} />
          <Button type="submit" busy={signIn.busy}>
            {t('console.signIn.submit')}
          </Button>
        </form>
      </div>
      <p className="muted">{t('console.signIn.demo')}</p>
      <p className="muted">
        <Link to="/">{t('nav.wallet')}</Link> · <Link to="/merchant">{t('nav.merchant')}</Link>
      </p>
    </main>
  );
}
