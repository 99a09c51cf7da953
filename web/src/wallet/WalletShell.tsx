// The wallet's frame: a header with the brand and the language, the page, and a bottom bar with
// the four places people go most, sized for a thumb on a 375 px screen.

import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { LanguageSwitch } from '../ui/components.js';
import { RouteFocus } from '../ui/route-focus.js';
import { Icon, type IconName } from './icons.js';

export function WalletShell({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const tabs: readonly { to: string; label: string; end: boolean; icon: IconName }[] = [
    { to: '/', label: t('wallet.nav.home'), end: true, icon: 'home' },
    { to: '/pay', label: t('wallet.nav.pay'), end: false, icon: 'scan' },
    { to: '/orders', label: t('wallet.nav.orders'), end: false, icon: 'orders' },
    { to: '/transactions', label: t('wallet.nav.transactions'), end: false, icon: 'activity' },
    { to: '/settings', label: t('wallet.nav.me'), end: false, icon: 'me' },
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
            <Icon name={tab.icon} size={22} />
            {tab.label}
          </NavLink>
        ))}
      </nav>
    </div>
  );
}
