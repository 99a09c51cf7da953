// Top up the balance from a linked bank card (linking one here if there is none yet).

import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import type { Movement } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, Money, Outcome, PageTitle } from '../../ui/components.js';
import { amountProblem, formatMoney } from '../../ui/format.js';
import { useAction } from '../../ui/hooks.js';
import { CardChooser, cardName, chosenCard, useCards } from '../cards.js';
import { moneyMessages } from '../messages-money.js';
import { AmountField, amountError, ResultScreen } from '../parts.js';
import { useWalletSession } from '../session.js';

addMessages(moneyMessages);

const suggestions = ['100', '200', '500'];

export default function TopUp() {
  const { t } = useI18n();
  const { me, refresh } = useWalletSession();
  const cards = useCards();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const card = chosenCard(cards, chosen);
  const [amount, setAmount] = useState('');
  const [tried, setTried] = useState(false);
  // The result screen shows the new balance, so it is read before the action ends.
  const topUp = useAction(async (key, cardId: string) => {
    const made = await api<Movement>('POST', '/v1/topups', { idempotencyKey: key, body: { card: cardId, amount: amount.trim(), currency: 'CNY' } });
    await refresh();
    return made;
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (card === undefined || amountProblem(amount) !== undefined) return;
    await topUp.run(card.id);
  };

  if (topUp.result !== undefined)
    return (
      <ResultScreen
        tone="success"
        title={t('wallet.topUp.done', { amount: formatMoney(topUp.result.amount, topUp.result.currency) })}
        actions={
          <>
            <Link className="button button-primary" to="/">
              {t('action.done')}
            </Link>
            <Button
              variant="secondary"
              onClick={() => {
                topUp.reset();
                setAmount('');
                setTried(false);
              }}
            >
              {t('wallet.topUp.again')}
            </Button>
          </>
        }
      >
        <p>
          {t('wallet.balanceNow')} <Money amount={me.balance.available} currency={me.balance.currency} />
        </p>
      </ResultScreen>
    );

  return (
    <>
      <PageTitle>{t('wallet.topUp.title')}</PageTitle>
      <section className="card" aria-labelledby="card-title">
        <h2 id="card-title">{t('wallet.topUp.from')}</h2>
        <CardChooser cards={cards} value={card?.id} onChange={setChosen} />
      </section>
      <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="amount-title">
        <h2 id="amount-title">{t('wallet.topUp.amount')}</h2>
        <AmountField value={amount} onChange={setAmount} error={amountError(t, amount, tried)} />
        <div className="chips" role="group" aria-label={t('wallet.topUp.suggestions')}>
          {suggestions.map((value) => (
            <button key={value} type="button" className="chip" aria-pressed={amount === value} onClick={() => setAmount(value)}>
              ¥{value}
            </button>
          ))}
        </div>
        {tried && card === undefined ? (
          <p className="notice notice-error" role="alert">
            {t('wallet.cards.needOne')}
          </p>
        ) : null}
        <Outcome error={topUp.error} />
        <Button type="submit" busy={topUp.busy} className="button button-primary button-block">
          {card === undefined ? t('wallet.topUp.submit') : t('wallet.topUp.submitFrom', { card: cardName(card) })}
        </Button>
      </form>
    </>
  );
}
