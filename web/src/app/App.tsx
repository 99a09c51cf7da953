// The three areas of the app: the wallet (consumers, at `/`), in the first download because most
// visits start there (its pages are loaded when opened), and the merchant dashboard (`/merchant`)
// and the operator console (`/console`), each loaded only when opened.

import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { I18nProvider } from '../i18n/i18n.js';
import { Loading } from '../ui/components.js';
import WalletApp from '../wallet/WalletApp.js';

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
