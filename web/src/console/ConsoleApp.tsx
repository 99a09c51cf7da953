// The operator console at /console, desktop first: operators sign in, then see the areas their
// role allows (ledger, users, merchants, disputes, test clocks, jobs, webhook deliveries); a page
// the role may not open is not mounted at all, so it sends no request the API would refuse.

import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { addMessages, useI18n } from '../i18n/i18n.js';
import { consoleMessages } from './messages.js';
import { operationsMessages } from './messages-operations.js';
import { NotAllowed } from './components.js';
import { ConsoleShell, consoleAreas } from './ConsoleShell.js';
import type { Permission } from './permissions.js';
import { ConsoleSessionProvider, RequireOperator, useOperator } from './session.js';
import { ClockDetail } from './pages/ClockDetail.js';
import { Clocks } from './pages/Clocks.js';
import { Actions } from './pages/Actions.js';
import { Deliveries } from './pages/Deliveries.js';
import { Disputes } from './pages/Disputes.js';
import { Jobs } from './pages/Jobs.js';
import { Ledger } from './pages/Ledger.js';
import { MerchantDetail } from './pages/MerchantDetail.js';
import { Merchants } from './pages/Merchants.js';
import { SignIn } from './pages/SignIn.js';
import { TradeDetail } from './pages/TradeDetail.js';
import { UserDetail } from './pages/UserDetail.js';
import { Users } from './pages/Users.js';
import './console.css';

addMessages(consoleMessages);
addMessages(operationsMessages);

/** Mounts the page only if the operator's role allows it. */
function Allowed({ permission, children }: { readonly permission: Permission; readonly children: ReactNode }) {
  const { may } = useOperator();
  return may(permission) ? children : <NotAllowed />;
}

/** The console's first page: the first area the role may open. */
function Start() {
  const { may } = useOperator();
  const first = consoleAreas.find((area) => may(area.permission));
  return first === undefined ? <NotAllowed /> : <Navigate to={first.path} replace />;
}

function NotFound() {
  const { t } = useI18n();
  return <div className="state">{t('console.notFound')}</div>;
}

const pages: readonly { readonly path: string; readonly permission: Permission; readonly element: ReactNode }[] = [
  { path: 'ledger', permission: 'ledger:read', element: <Ledger /> },
  { path: 'users', permission: 'users:read', element: <Users /> },
  { path: 'users/:user', permission: 'users:read', element: <UserDetail /> },
  { path: 'merchants', permission: 'merchants:read', element: <Merchants /> },
  { path: 'merchants/:merchant', permission: 'merchants:read', element: <MerchantDetail /> },
  { path: 'disputes', permission: 'disputes:read', element: <Disputes /> },
  { path: 'disputes/:trade', permission: 'disputes:read', element: <TradeDetail /> },
  { path: 'trades/:trade', permission: 'disputes:read', element: <TradeDetail /> },
  { path: 'clocks', permission: 'test_clocks:manage', element: <Clocks /> },
  { path: 'clocks/:clock', permission: 'test_clocks:manage', element: <ClockDetail /> },
  { path: 'jobs', permission: 'jobs:read', element: <Jobs /> },
  { path: 'deliveries', permission: 'webhooks:read', element: <Deliveries /> },
  { path: 'actions', permission: 'actions:read', element: <Actions /> },
];

export default function ConsoleApp() {
  return (
    <ConsoleSessionProvider>
      <Routes>
        <Route path="signin" element={<SignIn />} />
        <Route
          path="*"
          element={
            <RequireOperator>
              <ConsoleShell>
                <Routes>
                  <Route index element={<Start />} />
                  {pages.map((page) => (
                    <Route key={page.path} path={page.path} element={<Allowed permission={page.permission}>{page.element}</Allowed>} />
                  ))}
                  <Route path="*" element={<NotFound />} />
                </Routes>
              </ConsoleShell>
            </RequireOperator>
          }
        />
      </Routes>
    </ConsoleSessionProvider>
  );
}
