// Pay another person: by phone or email, or one of the recent contacts; then a confirmation with
// whom the money goes to (masked, as GET /v1/payees shows them), the amount and the PIN; then the
// result. A receive code (/transfer?to=<user id>, from /pay?to=…) opens the confirmation at once.

import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, ApiFailure, type List } from '../../api/client.js';
import type { Movement, Payee, Transaction } from '../../api/types.js';
import { addMessages, useI18n } from '../../i18n/i18n.js';
import { Button, ErrorState, Field, Loading, Money, Outcome, PageTitle, PinField } from '../../ui/components.js';
import { amountProblem, formatMoney } from '../../ui/format.js';
import { useAction, useResource } from '../../ui/hooks.js';
import { fromMinor, toMinor } from '../../ui/amounts.js';
import { moneyMessages } from '../messages-money.js';
import { AmountField, amountError, pinError, ResultScreen, useFocusHeading } from '../parts.js';
import { loadPayee, usePayeeDisplays } from '../payees.js';
import { useWalletSession } from '../session.js';

addMessages(moneyMessages);

/** How many recent people are offered. */
const contactsMax = 6;
const noteLengthMax = 140;

interface Sent {
  readonly payment: Movement;
  readonly payee: Payee;
}

/** A person looked up by phone or email; "nobody" in the words of a transfer. */
async function findPayee(identifier: string): Promise<Payee> {
  try {
    return await loadPayee(identifier);
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 404) throw new ApiFailure(404, 'recipient_not_found', error.message, 'to');
    throw error;
  }
}

export default function Transfer() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const to = search.get('to');
  const [recipient, setRecipient] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [payee, setPayee] = useState<Payee | undefined>(undefined);
  const [sent, setSent] = useState<Sent | undefined>(undefined);
  const again = () => {
    setSent(undefined);
    setPayee(undefined);
    setRecipient('');
    setAmount('');
    setNote('');
    if (to !== null) navigate('/transfer', { replace: true });
  };
  if (sent !== undefined) return <TransferDone sent={sent} onAgain={again} />;
  const fields = { amount, setAmount, note, setNote };
  if (to !== null) return <KnownPayee to={to} fields={fields} onSent={setSent} />;
  if (payee !== undefined) return <Confirm payee={payee} fields={fields} editable={false} onBack={() => setPayee(undefined)} onSent={setSent} />;
  return <Details recipient={recipient} setRecipient={setRecipient} fields={fields} onNext={setPayee} />;
}

interface Fields {
  readonly amount: string;
  readonly setAmount: (value: string) => void;
  readonly note: string;
  readonly setNote: (value: string) => void;
}

function Details({ recipient, setRecipient, fields, onNext }: { readonly recipient: string; readonly setRecipient: (value: string) => void; readonly fields: Fields; readonly onNext: (payee: Payee) => void }) {
  const { t } = useI18n();
  const [tried, setTried] = useState(false);
  const [contact, setContact] = useState<string | undefined>(undefined);
  const lookup = useAction((_key, identifier: string) => findPayee(identifier));
  const recipientMissing = tried && contact === undefined && recipient.trim() === '';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (amountProblem(fields.amount) !== undefined || (contact === undefined && recipient.trim() === '')) return;
    const payee = await lookup.run(contact ?? recipient.trim());
    if (payee !== undefined) onNext(payee);
  };
  return (
    <>
      <PageTitle>{t('wallet.transfer.title')}</PageTitle>
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
        <RecentContacts chosen={contact} onChoose={setContact} />
        {contact === undefined ? (
          <Field
            label={t('wallet.transfer.recipient')}
            hint={t('wallet.transfer.recipientHint')}
            autoComplete="off"
            required
            value={recipient}
            error={recipientMissing ? t('error.identifier_missing') : undefined}
            onChange={(event) => {
              setRecipient(event.target.value);
              lookup.reset();
            }}
          />
        ) : null}
        <AmountField value={fields.amount} onChange={fields.setAmount} error={amountError(t, fields.amount, tried)} />
        <Field label={t('wallet.transfer.note')} hint={t('wallet.transfer.noteHint')} maxLength={noteLengthMax} value={fields.note} onChange={(event) => fields.setNote(event.target.value)} />
        <Outcome error={lookup.error} />
        <Button type="submit" busy={lookup.busy} className="button button-primary button-block">
          {t('wallet.transfer.next')}
        </Button>
      </form>
    </>
  );
}

/** The people this user paid or was paid by lately, to pick instead of typing. */
function RecentContacts({ chosen, onChoose }: { readonly chosen: string | undefined; readonly onChoose: (user: string | undefined) => void }) {
  const { t } = useI18n();
  const recent = useResource((signal) => api<List<Transaction>>('GET', '/v1/transactions', { query: { type: 'transfer_in,transfer_out', limit: 30 }, signal }), []);
  const people = [...new Set((recent.data?.data ?? []).map((item) => item.counterparty).filter((id): id is string => id !== null))].slice(0, contactsMax);
  const displays = usePayeeDisplays(people);
  if (recent.loading && recent.data === undefined) return <Loading label={t('wallet.transfer.contactsLoading')} />;
  // Without contacts the form simply asks for a phone or an email.
  if (recent.error !== undefined || people.length === 0) return null;
  return (
    <fieldset className="choices contacts">
      <legend>{t('wallet.transfer.recent')}</legend>
      {people.map((id) => (
        <label key={id} className="choice">
          <input type="radio" name="contact" value={id} checked={chosen === id} onChange={() => onChoose(id)} />
          <span>{displays[id] ?? t('state.loading')}</span>
        </label>
      ))}
      <label className="choice">
        <input type="radio" name="contact" value="" checked={chosen === undefined} onChange={() => onChoose(undefined)} />
        <span>{t('wallet.transfer.someoneElse')}</span>
      </label>
    </fieldset>
  );
}

/** A receive code's payee: looked up, then the confirmation with the amount to fill in. */
function KnownPayee({ to, fields, onSent }: { readonly to: string; readonly fields: Fields; readonly onSent: (sent: Sent) => void }) {
  const { t } = useI18n();
  const payee = useResource(() => loadPayee(to), [to]);
  if (payee.loading) return <Loading />;
  if (payee.error !== undefined || payee.data === undefined)
    return (
      <>
        <PageTitle>{t('wallet.transfer.title')}</PageTitle>
        <ErrorState error={payee.error instanceof ApiFailure && payee.error.status === 404 ? new ApiFailure(404, 'receive_code_unknown', '') : payee.error} onRetry={payee.reload} />
      </>
    );
  return <Confirm payee={payee.data} fields={fields} editable onBack={undefined} onSent={onSent} />;
}

function Confirm({ payee, fields, editable, onBack, onSent }: { readonly payee: Payee; readonly fields: Fields; readonly editable: boolean; readonly onBack: (() => void) | undefined; readonly onSent: (sent: Sent) => void }) {
  const { t } = useI18n();
  const { me, refresh } = useWalletSession();
  useFocusHeading();
  const [pin, setPin] = useState('');
  const [tried, setTried] = useState(false);
  const note = fields.note.trim();
  const pay = useAction((key) => api<Movement>('POST', '/v1/transfers', { idempotencyKey: key, body: { to: payee.id, amount: fields.amount.trim(), currency: 'CNY', pin, ...(note === '' ? {} : { note }) } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (amountProblem(fields.amount) !== undefined || !/^\d{6}$/.test(pin)) return;
    const payment = await pay.run();
    // The PIN is typed afresh after every attempt; an empty field is not an error until sent again.
    setPin('');
    setTried(false);
    if (payment === undefined) return;
    await refresh();
    onSent({ payment, payee });
  };
  const self = payee.id === me.id;
  const amountOk = amountProblem(fields.amount) === undefined;
  // "12" is shown as ¥12.00, exactly (through fen, never a float).
  const shown = amountOk ? fromMinor(toMinor(fields.amount.trim(), 'CNY'), 'CNY') : '';
  return (
    <>
      <PageTitle>{editable ? t('wallet.transfer.payPerson') : t('wallet.transfer.confirm')}</PageTitle>
      <form className="card" onSubmit={(event) => void submit(event)} noValidate>
        <dl className="stacked">
          <dt>{t('wallet.transfer.to')}</dt>
          <dd>
            <strong data-testid="payee">{payee.display}</strong>
            <br />
            <small className={payee.verified ? 'verified' : 'muted'}>{payee.verified ? t('wallet.transfer.verified') : t('wallet.transfer.unverified')}</small>
          </dd>
          {editable ? null : (
            <>
              <dt>{t('wallet.transfer.amount')}</dt>
              <dd>
                <Money amount={shown} currency="CNY" className="money-large" />
              </dd>
              {note === '' ? null : (
                <>
                  <dt>{t('wallet.transfer.noteShort')}</dt>
                  <dd>{note}</dd>
                </>
              )}
            </>
          )}
        </dl>
        {editable ? (
          <>
            <AmountField value={fields.amount} onChange={fields.setAmount} error={amountError(t, fields.amount, tried)} />
            <Field label={t('wallet.transfer.note')} hint={t('wallet.transfer.noteHint')} maxLength={noteLengthMax} value={fields.note} onChange={(event) => fields.setNote(event.target.value)} />
          </>
        ) : null}
        {self ? <Outcome error={new ApiFailure(400, 'transfer_to_self', '')} /> : null}
        {me.pin_set ? (
          <PinField value={pin} onChange={setPin} error={pinError(t, pin, tried)} />
        ) : (
          <p className="notice notice-info">
            {t('error.pin_not_set')} <Link to="/settings">{t('wallet.settings.title')}</Link>
          </p>
        )}
        <Outcome error={pay.error} />
        <div className="button-row">
          <Button type="submit" busy={pay.busy} disabled={self || !me.pin_set} className="button button-primary button-block">
            {amountOk ? t('wallet.transfer.pay', { amount: formatMoney(shown, 'CNY') }) : t('wallet.transfer.payPlain')}
          </Button>
          {onBack === undefined ? null : (
            <Button variant="secondary" onClick={onBack} disabled={pay.busy}>
              {t('action.back')}
            </Button>
          )}
        </div>
      </form>
    </>
  );
}

function TransferDone({ sent, onAgain }: { readonly sent: Sent; readonly onAgain: () => void }) {
  const { t } = useI18n();
  const { me } = useWalletSession();
  return (
    <ResultScreen
      tone="success"
      title={t('wallet.transfer.done', { amount: formatMoney(sent.payment.amount, sent.payment.currency), payee: sent.payee.display })}
      actions={
        <>
          <Link className="button button-primary" to="/">
            {t('action.done')}
          </Link>
          <Button variant="secondary" onClick={onAgain}>
            {t('wallet.transfer.again')}
          </Button>
        </>
      }
    >
      {sent.payment.note === null ? null : <p>“{sent.payment.note}”</p>}
      <p>
        {t('wallet.balanceNow')} <Money amount={me.balance.available} currency={me.balance.currency} />
      </p>
    </ResultScreen>
  );
}
