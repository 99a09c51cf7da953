// The merchant dashboard at /merchant, desktop first: a signed-in member chooses the merchant to act
// for, then sees its overview, trades, disputes, payouts, bills, developer settings, webhooks and
// team. Each page is loaded when first opened.

import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { addMessages, useI18n } from '../i18n/i18n.js';
import { Empty, Loading, PageTitle } from '../ui/components.js';
import { DashboardShell } from './DashboardShell.js';
import { merchantMessages } from './messages.js';
import { ChooseMerchant } from './pages/ChooseMerchant.js';
import { Overview } from './pages/Overview.js';
import { RequireMerchant } from './session.js';
import './merchant.css';

addMessages(merchantMessages);

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => lazy(async () => ({ default: (await load())[name] }));
const Trades = page(() => import('./pages/Trades.js'), 'Trades');
const NewPayment = page(() => import('./pages/NewPayment.js'), 'NewPayment');
const TradePage = page(() => import('./pages/TradePage.js'), 'TradePage');
const Disputes = page(() => import('./pages/Disputes.js'), 'Disputes');
const Payouts = page(() => import('./pages/Payouts.js'), 'Payouts');
const Bills = page(() => import('./pages/Bills.js'), 'Bills');
const Developers = page(() => import('./pages/Developers.js'), 'Developers');
const Webhooks = page(() => import('./pages/Webhooks.js'), 'Webhooks');
const WebhookDeliveries = page(() => import('./pages/WebhookDeliveries.js'), 'WebhookDeliveries');
const Team = page(() => import('./pages/Team.js'), 'Team');

function NotFound() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t('merchant.notFound.title')}</PageTitle>
      <Empty>{t('merchant.notFound.text')}</Empty>
    </>
  );
}

export default function DashboardApp() {
  return (
    <RequireMerchant chooser={(state) => <ChooseMerchant {...state} />}>
      <DashboardShell>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route index element={<Overview />} />
            <Route path="trades" element={<Trades />} />
            <Route path="trades/new" element={<NewPayment />} />
            <Route path="trades/:id" element={<TradePage />} />
            <Route path="disputes" element={<Disputes />} />
            <Route path="payouts" element={<Payouts />} />
            <Route path="bills" element={<Bills />} />
            <Route path="developers" element={<Developers />} />
            <Route path="webhooks" element={<Webhooks />} />
            <Route path="webhooks/:id" element={<WebhookDeliveries />} />
            <Route path="team" element={<Team />} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </DashboardShell>
    </RequireMerchant>
  );
}
