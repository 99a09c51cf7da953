// The wallet's frame: a header with the brand and the language, the page, and a bottom bar with
// the four places people go most, sized for a thumb on a 375 px screen.

import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from '../ui/components.js';
import { RouteFocus } from '../ui/route-focus.js';

export function WalletShell({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const tabs = [
    { to: '/', label: t('wallet.nav.home'), end: true },
    { to: '/pay', label: t('wallet.nav.pay'), end: false },
    { to: '/orders', label: t('wallet.nav.orders'), end: false },
    { to: '/transactions', label: t('wallet.nav.transactions'), end: false },
    { to: '/settings', label: t('wallet.nav.me'), end: false },
  ];
  return (
    <div className="wallet">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <RouteFocus />
      <header className="wallet-header">
        <NavLink to="/" className="brand">
          <img src="/favicon.svg" alt="" /> {t('app.title')}
        </NavLink>
        <LanguageSwitch />
      </header>
      <main id="main" className="wallet-main">
        {children}
      </main>
      <nav className="wallet-tabs" aria-label={t('wallet.nav.label')}>
        {tabs.map((tab) => (
          <NavLink key={tab.to} to={tab.to} end={tab.end}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
