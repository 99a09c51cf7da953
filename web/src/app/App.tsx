// The three areas of the app, each loaded only when opened: the wallet (consumers, at `/`), the
// merchant dashboard (`/merchant`) and the operator console (`/console`).

import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider } from '../i18n/i18n.js';
import { Loading } from '../ui/components.js';

const WalletApp = lazy(() => import('../wallet/WalletApp.js'));
const DashboardApp = lazy(() => import('../merchant/DashboardApp.js'));
const ConsoleApp = lazy(() => import('../console/ConsoleApp.js'));

export function App() {
  return (
    <I18nProvider>
      <BrowserRouter>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/merchant/*" element={<DashboardApp />} />
            <Route path="/console/*" element={<ConsoleApp />} />
            <Route path="/*" element={<WalletApp />} />
          </Routes>
        </Suspense>
      </BrowserRouter>
    </I18nProvider>
  );
}
