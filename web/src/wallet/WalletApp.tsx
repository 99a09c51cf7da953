// The consumer wallet, mobile first: sign up and in, then the home screen and its pages, each
// loaded when first opened (the QR and camera libraries only with the pages that use them).

import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { addMessages } from '../i18n/i18n.js';
import { Loading } from '../ui/components.js';
import { walletMessages } from './messages.js';
import { RequireSession } from './session.js';
import { WalletShell } from './WalletShell.js';
import { Home } from './pages/Home.js';
import { SignIn, SignUp } from './pages/SignIn.js';
import './wallet.css';

addMessages(walletMessages);

const TopUp = lazy(() => import('./pages/TopUp.js'));
const Withdraw = lazy(() => import('./pages/Withdraw.js'));
const Transfer = lazy(() => import('./pages/Transfer.js'));
const Receive = lazy(() => import('./pages/Receive.js'));
const Pay = lazy(() => import('./pages/Pay.js'));
const PayTrade = lazy(() => import('./pages/PayTrade.js'));
const PayCode = lazy(() => import('./pages/PayCode.js'));
const Orders = lazy(() => import('./pages/Orders.js'));
const Order = lazy(() => import('./pages/Order.js'));
const Transactions = lazy(() => import('./pages/Transactions.js'));
const Statements = lazy(() => import('./pages/Statements.js'));
const Settings = lazy(() => import('./pages/Settings.js'));
const NotFound = lazy(() => import('./pages/NotFound.js'));

export default function WalletApp() {
  return (
    <Routes>
      <Route path="/signin" element={<SignIn />} />
      <Route path="/signup" element={<SignUp />} />
      <Route
        path="/*"
        element={
          <RequireSession>
            <WalletShell>
              <Suspense fallback={<Loading />}>
                <Routes>
                  <Route index element={<Home />} />
                  <Route path="topup" element={<TopUp />} />
                  <Route path="withdraw" element={<Withdraw />} />
                  <Route path="transfer" element={<Transfer />} />
                  <Route path="receive" element={<Receive />} />
                  <Route path="pay" element={<Pay />} />
                  <Route path="pay/:trade" element={<PayTrade />} />
                  <Route path="paycode" element={<PayCode />} />
                  <Route path="orders" element={<Orders />} />
                  <Route path="orders/:trade" element={<Order />} />
                  <Route path="transactions" element={<Transactions />} />
                  <Route path="statements" element={<Statements />} />
                  <Route path="settings" element={<Settings />} />
                  <Route path="*" element={<NotFound />} />
                </Routes>
              </Suspense>
            </WalletShell>
          </RequireSession>
        }
      />
    </Routes>
  );
}
