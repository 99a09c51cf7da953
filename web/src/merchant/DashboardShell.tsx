// The dashboard's frame, desktop first: a sidebar with the places of the dashboard, a top bar with
// the merchant acted for (name, the member's role, its balance), the language and sign-out, and
// the page. Below 900 px the sidebar becomes a row of links above the page.

import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { Button, LanguageSwitch, Money } from '../ui/components.js';
import { RouteFocus } from '../ui/route-focus.js';
import { useMerchantSession } from './session.js';

export function DashboardShell({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user, memberships, membership, choose, signOut, can } = useMerchantSession();
  const places = [
    { to: '/merchant', label: t('merchant.nav.overview'), end: true, show: true },
    { to: '/merchant/trades', label: t('merchant.nav.trades'), end: false, show: true },
    { to: '/merchant/disputes', label: t('merchant.nav.disputes'), end: false, show: true },
    { to: '/merchant/payouts', label: t('merchant.nav.payouts'), end: false, show: true },
    { to: '/merchant/bills', label: t('merchant.nav.bills'), end: false, show: true },
    { to: '/merchant/developers', label: t('merchant.nav.developers'), end: false, show: can('keys:read') },
    { to: '/merchant/webhooks', label: t('merchant.nav.webhooks'), end: false, show: true },
    { to: '/merchant/team', label: t('merchant.nav.team'), end: false, show: true },
  ];
  return (
    <div className="dash">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <RouteFocus />
      <aside className="dash-side">
        <NavLink to="/merchant" className="brand dash-brand">
          <img src="/favicon.svg" alt="" /> <span>{t('app.title')}</span>
        </NavLink>
        <p className="dash-area">{t('nav.merchant')}</p>
        <nav aria-label={t('merchant.nav.label')}>
          <ul className="dash-nav">
            {places
              .filter((place) => place.show)
              .map((place) => (
                <li key={place.to}>
                  <NavLink to={place.to} end={place.end}>
                    {place.label}
                  </NavLink>
                </li>
              ))}
          </ul>
        </nav>
      </aside>
      <div className="dash-body">
        <header className="dash-top">
          <div className="dash-merchant">
            <span className="dash-merchant-name" data-testid="merchant-name">
              {membership.name}
            </span>
            <span className="badge badge-role">{t(`merchant.role.${membership.role}`)}</span>
            {membership.status === 'frozen' ? <span className="badge badge-frozen">{t('merchant.frozen')}</span> : null}
            {memberships.length > 1 ? (
              <Button
                variant="link"
                onClick={() => {
                  choose(undefined);
                  navigate('/merchant');
                }}
              >
                {t('merchant.switch')}
              </Button>
            ) : null}
          </div>
          <dl className="dash-balance">
            <div>
              <dt>{t('merchant.balance.available')}</dt>
              <dd data-testid="merchant-balance">
                <Money amount={membership.balance.available} currency={membership.balance.currency} />
              </dd>
            </div>
            <div>
              <dt>{t('merchant.balance.pending')}</dt>
              <dd>
                <Money amount={membership.balance.pending} currency={membership.balance.currency} />
              </dd>
            </div>
          </dl>
          <div className="dash-user">
            <LanguageSwitch />
            <span className="muted dash-user-name">{user.email ?? user.phone ?? user.id}</span>
            <Button variant="secondary" onClick={() => void signOut()}>
              {t('action.signOut')}
            </Button>
          </div>
        </header>
        <main id="main" className="dash-main">
          {children}
        </main>
      </div>
    </div>
  );
}
