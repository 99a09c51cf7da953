// The wallet's home: the balance, the quick actions, and the latest movements (a purchase or its
// refund with the merchant's name).

import { Link } from 'react-router';
import { api, type List } from '../../api/client.js';
import type { Transaction } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Empty, ErrorState, Loading, Money, PageTitle } from '../../ui/components.js';
import { formatDateTime, formatMoney, isZero } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { Icon, type IconName } from '../icons.js';
import { useWalletSession } from '../session.js';

export function Home() {
  const { t, locale } = useI18n();
  const { me } = useWalletSession();
  const recent = useResource((signal) => api<List<Transaction>>('GET', '/v1/transactions', { query: { limit: 5 }, signal }), []);
  const actions: readonly { to: string; icon: IconName; label: string }[] = [
    { to: '/topup', icon: 'topUp', label: t('wallet.action.topUp') },
    { to: '/withdraw', icon: 'withdraw', label: t('wallet.action.withdraw') },
    { to: '/transfer', icon: 'transfer', label: t('wallet.action.transfer') },
    { to: '/receive', icon: 'receive', label: t('wallet.action.receive') },
    { to: '/pay', icon: 'scan', label: t('wallet.action.scan') },
    { to: '/paycode', icon: 'payCode', label: t('wallet.action.payCode') },
    { to: '/orders', icon: 'orders', label: t('wallet.action.orders') },
    { to: '/statements', icon: 'statement', label: t('wallet.action.statement') },
  ];
  return (
    <>
      <PageTitle>{t('wallet.home.title')}</PageTitle>
      <section className="balance-card" aria-labelledby="balance-label">
        <span id="balance-label" className="label">
          {t('wallet.home.balance')}
        </span>
        <span className="amount" data-testid="balance">
          <Money amount={me.balance.available} currency={me.balance.currency} />
        </span>
        {isZero(me.balance.pending) ? null : <span className="pending">{t('wallet.home.pending', { amount: formatMoney(me.balance.pending, me.balance.currency) })}</span>}
      </section>
      {me.pin_set ? null : (
        <p className="notice notice-info">
          {t('wallet.home.setPin')} <Link to="/settings">{t('wallet.home.setPinLink')}</Link>
        </p>
      )}
      <nav className="quick-actions" aria-label={t('wallet.home.actions')}>
        {actions.map((action) => (
          <Link key={action.to} to={action.to}>
            <Icon name={action.icon} />
            {action.label}
          </Link>
        ))}
      </nav>
      <section className="card" aria-labelledby="recent-title">
        <div className="page-title">
          <h2 id="recent-title">{t('wallet.home.recent')}</h2>
          <Link to="/transactions">{t('wallet.home.all')}</Link>
        </div>
        {recent.loading ? <Loading /> : null}
        {recent.error !== undefined ? <ErrorState error={recent.error} onRetry={recent.reload} /> : null}
        {recent.data !== undefined && recent.data.data.length === 0 ? <Empty>{t('wallet.home.noMovements')}</Empty> : null}
        {recent.data !== undefined && recent.data.data.length > 0 ? (
          <ul className="list">
            {recent.data.data.map((item) => (
              <li key={item.id}>
                <span>
                  {t(`wallet.tx.${item.type}`)}
                  {item.trade === null ? null : (
                    <>
                      <br />
                      <small>{t(item.type === 'trade_refund' ? 'wallet.tx.fromMerchant' : 'wallet.tx.toMerchant', { merchant: item.trade.merchant_name })}</small>
                    </>
                  )}
                  <br />
                  <small className="muted">{formatDateTime(item.created_at, locale)}</small>
                </span>
                <Money amount={item.amount} currency={item.currency} signed />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
