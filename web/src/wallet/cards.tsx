// The bank cards a top-up or a withdrawal uses: the linked cards to choose from, and a form to
// link another (the sandbox bank's test numbers are named in the hint).

import { useState, type FormEvent } from 'react';
import { api, type List } from '../api/client.js';
import type { Card } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Button, ErrorState, Field, Loading, Outcome } from '../ui/components.js';
import { useAction, useResource, type Resource } from '../ui/hooks.js';

export function useCards(): Resource<List<Card>> {
  return useResource((signal) => api<List<Card>>('GET', '/v1/cards', { signal }), []);
}

/** The card in use: the one chosen, else the newest linked. */
export function chosenCard(cards: Resource<List<Card>>, chosen: string | undefined): Card | undefined {
  const list = cards.data?.data ?? [];
  return list.find((card) => card.id === chosen) ?? list[0];
}

const brandNames: Readonly<Record<string, string>> = { visa: 'Visa', unionpay: 'UnionPay', mastercard: 'Mastercard' };

export function cardName(card: Card): string {
  const brand = brandNames[card.brand] ?? card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  return `${brand} •••• ${card.last4}`;
}

export function CardChooser({ cards, value, onChange }: { readonly cards: Resource<List<Card>>; readonly value: string | undefined; readonly onChange: (card: string) => void }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const list = cards.data?.data ?? [];
  if (cards.loading && cards.data === undefined) return <Loading label={t('wallet.cards.loading')} />;
  if (cards.error !== undefined) return <ErrorState error={cards.error} onRetry={cards.reload} />;
  const linked = (card: Card) => {
    onChange(card.id);
    setAdding(false);
    cards.reload();
  };
  return (
    <div className="cards">
      {list.length === 0 ? (
        <p className="muted">{t('wallet.cards.none')}</p>
      ) : (
        <fieldset className="choices">
          <legend>{t('wallet.cards.choose')}</legend>
          {list.map((card) => (
            <label key={card.id} className="choice">
              <input type="radio" name="card" value={card.id} checked={card.id === value} onChange={() => onChange(card.id)} />
              <span>{cardName(card)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {adding || list.length === 0 ? (
        <LinkCardForm onLinked={linked} onCancel={list.length === 0 ? undefined : () => setAdding(false)} />
      ) : (
        <Button variant="link" onClick={() => setAdding(true)}>
          {t('wallet.cards.add')}
        </Button>
      )}
    </div>
  );
}

function LinkCardForm({ onLinked, onCancel }: { readonly onLinked: (card: Card) => void; readonly onCancel: (() => void) | undefined }) {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const link = useAction((key) => api<Card>('POST', '/v1/cards', { idempotencyKey: key, body: { number: number.replace(/\s/g, '') } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const card = await link.run();
    if (card !== undefined) {
      setNumber('');
      onLinked(card);
    }
  };
  return (
    <form className="subform" onSubmit={(event) => void submit(event)} noValidate aria-label={t('wallet.cards.link')}>
      <Field
        label={t('wallet.cards.number')}
        hint={t('wallet.cards.sandbox')}
        inputMode="numeric"
        autoComplete="cc-number"
        required
        value={number}
        onChange={(event) => setNumber(event.target.value.replace(/[^\d ]/g, '').slice(0, 23))}
      />
      <Outcome error={link.error} />
      <div className="button-row">
        <Button type="submit" variant="secondary" busy={link.busy}>
          {t('wallet.cards.link')}
        </Button>
        {onCancel === undefined ? null : (
          <Button variant="link" onClick={onCancel}>
            {t('action.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
