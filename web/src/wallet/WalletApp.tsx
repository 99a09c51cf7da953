// The consumer wallet, mobile first: sign up and in, then the home screen and its pages, each
// loaded when first opened.

import { Suspense } from 'react';
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
                </Routes>
              </Suspense>
            </WalletShell>
          </RequireSession>
        }
      />
    </Routes>
  );
}
