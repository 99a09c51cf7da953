// The console's frame, desktop first: a sidebar with the places the operator's role may go, a top
// bar with who is signed in (email and role), the language and sign-out, and the page.

import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { useI18n } from '../i18n/i18n.js';
import { Button, LanguageSwitch } from '../ui/components.js';
import { RouteFocus } from '../ui/route-focus.js';
import type { Permission } from './permissions.js';
import { useConsoleSession, useOperator } from './session.js';

/** The console's areas, in the sidebar's order, each with the permission that opens it. */
export const consoleAreas: readonly { readonly path: string; readonly label: string; readonly permission: Permission }[] = [
  { path: '/console/ledger', label: 'console.nav.ledger', permission: 'ledger:read' },
  { path: '/console/users', label: 'console.nav.users', permission: 'users:read' },
  { path: '/console/merchants', label: 'console.nav.merchants', permission: 'merchants:read' },
  { path: '/console/disputes', label: 'console.nav.disputes', permission: 'disputes:read' },
  { path: '/console/clocks', label: 'console.nav.clocks', permission: 'test_clocks:manage' },
  { path: '/console/jobs', label: 'console.nav.jobs', permission: 'jobs:read' },
  { path: '/console/deliveries', label: 'console.nav.deliveries', permission: 'webhooks:read' },
  { path: '/console/actions', label: 'console.nav.actions', permission: 'actions:read' },
];

export function ConsoleShell({ children }: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const { operator, may } = useOperator();
  const { signOut } = useConsoleSession();
  const navigate = useNavigate();
  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <RouteFocus />
      <aside className="console-sidebar">
        <NavLink to="/console" end className="brand console-brand">
          <img src="/favicon.svg" alt="" /> <span>{t('console.title')}</span>
        </NavLink>
        <nav aria-label={t('console.nav.label')}>
          <ul>
            {consoleAreas
              .filter((area) => may(area.permission))
              .map((area) => (
                <li key={area.path}>
                  <NavLink to={area.path}>{t(area.label)}</NavLink>
                </li>
              ))}
          </ul>
        </nav>
      </aside>
      <div className="console-body">
        <header className="console-topbar">
          <div className="console-who">
            <span className="visually-hidden">{t('console.signedInAs')}</span>
            <span className="console-email">{operator.email}</span>
            <span className="badge badge-role">{t(`console.role.${operator.role}`)}</span>
          </div>
          <div className="console-tools">
            <LanguageSwitch />
            <Button
              variant="secondary"
              onClick={() => {
                signOut();
                navigate('/console/signin', { replace: true });
              }}
            >
              {t('action.signOut')}
            </Button>
          </div>
        </header>
        <main id="main" className="console-main">
          {children}
        </main>
      </div>
    </div>
  );
}
