// Pay a merchant's trade (opened from its QR code, /pay/<trade>): whom, what and how much, then
// the PIN, then the result. An escrow payment is held until the buyer confirms receipt.

import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.js';
import type { Trade } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, ErrorState, Loading, Money, Outcome, PageTitle, PinField, StatusBadge } from '../../ui/components.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { useAction, useResource } from '../../ui/hooks.js';
import { toMinor } from '../../ui/amounts.js';
import { moneyMessages } from '../messages-money.js';
import { pinError, ResultScreen } from '../parts.js';
import { useWalletSession } from '../session.js';

addMessages(moneyMessages);

export default function PayTrade() {
  const { t } = useI18n();
  const { trade: id = '' } = useParams();
  const trade = useResource((signal) => api<Trade>('GET', `/v1/orders/${encodeURIComponent(id)}`, { signal }), [id]);
  if (trade.loading && trade.data === undefined) return <Loading />;
  if (trade.data === undefined)
    return (
      <>
        <PageTitle>{t('wallet.payTrade.title')}</PageTitle>
        <ErrorState error={trade.error} onRetry={trade.reload} />
      </>
    );
  return <PayForm trade={trade.data} />;
}

function PayForm({ trade }: { readonly trade: Trade }) {
  const { t, locale } = useI18n();
  const { me, refresh } = useWalletSession();
  const [pin, setPin] = useState('');
  const [tried, setTried] = useState(false);
  // The result screen shows the new balance, so it is read before the action ends.
  const pay = useAction(async (key) => {
    const paid = await api<Trade>('POST', `/v1/orders/${encodeURIComponent(trade.id)}/pay`, { idempotencyKey: key, body: { pin } });
    await refresh();
    return paid;
  });
  const merchant = trade.merchant_name ?? trade.merchant;
  const amount = formatMoney(trade.amount, trade.currency);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!/^\d{6}$/.test(pin)) return;
    await pay.run();
    // The PIN is typed afresh after every attempt; an empty field is not an error until sent again.
    setPin('');
    setTried(false);
  };

  if (pay.result !== undefined) {
    const paid = pay.result;
    return (
      <ResultScreen
        tone="success"
        title={t('wallet.payTrade.done', { amount, merchant })}
        actions={
          <>
            <Link className="button button-primary" to="/">
              {t('action.done')}
            </Link>
            <Link className="button button-secondary" to={`/orders/${paid.id}`}>
              {t('wallet.payTrade.seeOrder')}
            </Link>
          </>
        }
      >
        <p>
          <StatusBadge status={paid.status} />
        </p>
        <p>{paid.kind === 'escrow' ? t('wallet.payTrade.heldNote') : t('wallet.payTrade.paidNote')}</p>
        <p>
          {t('wallet.balanceNow')} <Money amount={me.balance.available} currency={me.balance.currency} />
        </p>
      </ResultScreen>
    );
  }

  const payable = trade.status === 'WAIT_BUYER_PAY';
  const short = payable && toMinor(me.balance.available, me.balance.currency) < toMinor(trade.amount, trade.currency);
  return (
    <>
      <PageTitle>{t('wallet.payTrade.title')}</PageTitle>
      <form className="card pay-summary" onSubmit={(event) => void submit(event)} noValidate>
        <p className="pay-merchant" data-testid="merchant">
          {merchant}
        </p>
        <p className="pay-subject">{trade.subject}</p>
        <p className="pay-amount" data-testid="amount">
          <Money amount={trade.amount} currency={trade.currency} />
        </p>
        {trade.items.length > 1 ? (
          <ul className="list">
            {trade.items.map((item) => (
              <li key={item.position}>
                <span>{item.name}</span>
                <Money amount={item.amount} currency={trade.currency} />
              </li>
            ))}
          </ul>
        ) : null}
        <p className="muted">{trade.kind === 'escrow' ? t('wallet.payTrade.escrowHint') : t('wallet.payTrade.directHint')}</p>
        {payable ? (
          <>
            <p className="muted">{t('wallet.payTrade.deadline', { time: formatDateTime(trade.pay_deadline, locale) })}</p>
            {short ? (
              <p className="notice notice-error" role="alert">
                {t('wallet.payTrade.short', { balance: formatMoney(me.balance.available, me.balance.currency) })} <Link to="/topup">{t('wallet.action.topUp')}</Link>
              </p>
            ) : null}
            {me.pin_set ? (
              <PinField value={pin} onChange={setPin} error={pinError(t, pin, tried)} />
            ) : (
              <p className="notice notice-info">
                {t('error.pin_not_set')} <Link to="/settings">{t('wallet.settings.title')}</Link>
              </p>
            )}
            <Outcome error={pay.error} />
            <Button type="submit" busy={pay.busy} disabled={!me.pin_set} className="button button-primary button-block">
              {t('wallet.payTrade.submit', { amount })}
            </Button>
          </>
        ) : (
          <>
            <p>
              <StatusBadge status={trade.status} />
            </p>
            <p>{trade.status === 'TRADE_CLOSED' ? t('wallet.payTrade.closed') : t('wallet.payTrade.alreadyPaid')}</p>
            {trade.buyer === me.id ? (
              <Link className="button button-secondary" to={`/orders/${trade.id}`}>
                {t('wallet.payTrade.seeOrder')}
              </Link>
            ) : null}
          </>
        )}
      </form>
    </>
  );
}
