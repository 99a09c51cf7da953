// Withdraw to a linked card with the payment PIN. The money is held at once; the bank's answer
// posts it or gives it back, so a pending withdrawal is watched until it has its final status.

import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, ApiFailure } from '../../api/client.js';
import type { Card, Movement } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, Money, Outcome, PageTitle, PinField, StatusBadge } from '../../ui/components.js';
import { describeError } from '../../ui/errors.js';
import { amountProblem, formatMoney } from '../../ui/format.js';
import { useAction } from '../../ui/hooks.js';
import { CardChooser, cardName, chosenCard, useCards } from '../cards.js';
import { moneyMessages } from '../messages-money.js';
import { AmountField, amountError, pinError, ResultScreen } from '../parts.js';
import { useWalletSession } from '../session.js';

addMessages(moneyMessages);

/** How often a pending withdrawal is asked about. */
const pollMilliseconds = 2_000;

export default function Withdraw() {
  const { t } = useI18n();
  const { me, refresh } = useWalletSession();
  const cards = useCards();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const card = chosenCard(cards, chosen);
  const [amount, setAmount] = useState('');
  const [pin, setPin] = useState('');
  const [tried, setTried] = useState(false);
  // The result screen shows the new balance, so it is read before the action ends.
  const withdraw = useAction(async (key, cardId: string) => {
    const made = await api<Movement>('POST', '/v1/withdrawals', { idempotencyKey: key, body: { card: cardId, amount: amount.trim(), currency: 'CNY', pin } });
    await refresh();
    return made;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (card === undefined || amountProblem(amount) !== undefined || !/^\d{6}$/.test(pin)) return;
    await withdraw.run(card.id);
    // The PIN is typed afresh after every attempt; an empty field is not an error until sent again.
    setPin('');
    setTried(false);
  };

  if (withdraw.result !== undefined) return <WithdrawalResult first={withdraw.result} card={cards.data?.data.find((item) => item.id === withdraw.result?.card)} onSettled={refresh} />;

  return (
    <>
      <PageTitle>{t('wallet.withdraw.title')}</PageTitle>
      <p className="muted">
        {t('wallet.withdraw.available')} <Money amount={me.balance.available} currency={me.balance.currency} />
      </p>
      <section className="card" aria-labelledby="card-title">
        <h2 id="card-title">{t('wallet.withdraw.to')}</h2>
        <CardChooser cards={cards} value={card?.id} onChange={setChosen} />
      </section>
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="amount-title">
        <h2 id="amount-title">{t('wallet.withdraw.amount')}</h2>
        <AmountField value={amount} onChange={setAmount} error={amountError(t, amount, tried)} />
        {me.pin_set ? (
          <PinField value={pin} onChange={setPin} error={pinError(t, pin, tried)} />
        ) : (
          <p className="notice notice-info">
            {t('error.pin_not_set')} <Link to="/settings">{t('wallet.settings.title')}</Link>
          </p>
        )}
        {tried && card === undefined ? (
          <p className="notice notice-error" role="alert">
            {t('wallet.cards.needOne')}
          </p>
        ) : null}
        <Outcome error={withdraw.error} />
        <Button type="submit" busy={withdraw.busy} disabled={!me.pin_set} className="button button-primary button-block">
          {card === undefined ? t('wallet.withdraw.submit') : t('wallet.withdraw.submitTo', { card: cardName(card) })}
        </Button>
      </form>
    </>
  );
}

function WithdrawalResult({ first, card, onSettled }: { readonly first: Movement; readonly card: Card | undefined; readonly onSettled: () => Promise<void> }) {
  const { t } = useI18n();
  const { me } = useWalletSession();
  const [withdrawal, setWithdrawal] = useState(first);
  const [lost, setLost] = useState<unknown>(undefined);
  const pending = withdrawal.status === 'pending';
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => {
      api<Movement>('GET', `/v1/withdrawals/${encodeURIComponent(withdrawal.id)}`).then(
        (next) => {
          setLost(undefined);
          setWithdrawal(next);
          if (next.status !== 'pending') void onSettled();
        },
        (error: unknown) => setLost(error),
      );
    }, pollMilliseconds);
    return () => clearTimeout(timer);
  }, [pending, withdrawal, onSettled]);
  const amount = formatMoney(withdrawal.amount, withdrawal.currency);
  const to = card === undefined ? '' : cardName(card);
  const failed = withdrawal.status === 'failed';
  return (
    <ResultScreen
      tone={pending ? 'pending' : failed ? 'failure' : 'success'}
      title={pending ? t('wallet.withdraw.pending', { amount, card: to }) : failed ? t('wallet.withdraw.failed', { amount }) : t('wallet.withdraw.done', { amount, card: to })}
      actions={
        <Link className="button button-primary" to="/">
          {t('action.done')}
        </Link>
      }
    >
      <p>
        {t('wallet.withdraw.status')} <StatusBadge status={withdrawal.status} prefix="movement" />
      </p>
      {pending ? <p className="muted">{t('wallet.withdraw.pendingHint')}</p> : null}
      {failed ? <p>{describeError(t, new ApiFailure(0, withdrawal.failure_code ?? 'bank_processing_error', withdrawal.failure_code ?? ''))} {t('wallet.withdraw.returned')}</p> : null}
      {lost === undefined ? null : <p className="muted">{t('wallet.withdraw.checking')}</p>}
      <p>
        {t('wallet.balanceNow')} <Money amount={me.balance.available} currency={me.balance.currency} />
      </p>
    </ResultScreen>
  );
}
