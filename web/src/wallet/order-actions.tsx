// What a buyer can do with an order, each shown only in the states that allow it: confirm
// receipt with the PIN (all, or some items), ask 3 more days, ask for a refund, open a dispute;
// and where a refund request or a dispute stands.

import { useState, type FormEvent } from 'react';
import { api } from '../api/client.js';
import type { Dispute, RefundRequest, Trade, TradeEvent } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Button, ErrorState, FieldProblem, Loading, Money, Outcome, PinField, StatusBadge, TextArea } from '../ui/components.js';
import { amountProblem, formatDateTime, formatMoney } from '../ui/format.js';
import { useAction, useResource } from '../ui/hooks.js';
import { fromMinor, toMinor } from '../ui/amounts.js';
import { AmountField, amountError, pinError } from './parts.js';

const dayMilliseconds = 24 * 60 * 60 * 1000;
/** The buyer may ask for more time once, in the last days before automatic confirmation. */
const buyerExtensionWindowDays = 3;
const reasonLengthMax = 1000;

interface ActionProps {
  readonly trade: Trade;
  /** After a success, with the words saying what happened. */
  readonly onChanged: (done: string) => void;
}

function orderPath(trade: Trade, rest = ''): string {
  return `/v1/orders/${encodeURIComponent(trade.id)}${rest}`;
}

export function ConfirmReceipt({ trade, onChanged }: ActionProps) {
  const { t } = useI18n();
  const held = trade.items.filter((item) => item.status === 'held');
  const [chosen, setChosen] = useState<ReadonlySet<number>>(() => new Set(held.map((item) => item.position)));
  const [pin, setPin] = useState('');
  const [tried, setTried] = useState(false);
  const some = held.length > 1 && chosen.size < held.length;
  const confirm = useAction((key) => api<Trade>('POST', orderPath(trade, '/confirm'), { idempotencyKey: key, body: { pin, ...(some ? { items: [...chosen].sort((a, b) => a - b) } : {}) } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!/^\d{6}$/.test(pin) || (held.length > 1 && chosen.size === 0)) return;
    const done = await confirm.run();
    // The PIN is typed afresh after every attempt; an empty field is not an error until sent again.
    setPin('');
    setTried(false);
    if (done !== undefined) onChanged(t('wallet.order.confirmed'));
  };
  const toggle = (position: number) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (!next.delete(position)) next.add(position);
      return next;
    });
  return (
    <form className="card" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="confirm-title">
      <h2 id="confirm-title">{t('wallet.order.confirmTitle')}</h2>
      <p className="muted">{t('wallet.order.confirmHint', { amount: formatMoney(trade.held_amount, trade.currency) })}</p>
      {held.length > 1 ? (
        <fieldset className="choices">
          <legend>{t('wallet.order.confirmItems')}</legend>
          {held.map((item) => (
            <label key={item.position} className="choice">
              <input type="checkbox" checked={chosen.has(item.position)} onChange={() => toggle(item.position)} />
              <span>
                {item.name} · <Money amount={item.amount} currency={trade.currency} />
              </span>
            </label>
          ))}
          <FieldProblem problem={tried && chosen.size === 0 ? t('wallet.order.chooseItem') : undefined} />
        </fieldset>
      ) : null}
      <PinField value={pin} onChange={setPin} error={pinError(t, pin, tried)} />
      <Outcome error={confirm.error} />
      <Button type="submit" busy={confirm.busy} className="button button-primary button-block">
        {some ? t('wallet.order.confirmSome', { count: chosen.size }) : t('wallet.order.confirmAll')}
      </Button>
    </form>
  );
}

/** "3 more days", once, when 3 days or fewer remain before automatic confirmation. */
export function canExtend(trade: Trade, events: readonly TradeEvent[], now: number): boolean {
  if (trade.status !== 'WAIT_BUYER_CONFIRM_GOODS' || trade.confirm_deadline === null || trade.dispute_status !== null) return false;
  const left = Date.parse(trade.confirm_deadline) - now;
  return left <= buyerExtensionWindowDays * dayMilliseconds && !events.some((event) => event.type === 'extended' && event.actor === 'buyer');
}

export function ExtendConfirmation({ trade, onChanged }: ActionProps) {
  const { t, locale } = useI18n();
  const extend = useAction((key) => api<Trade>('POST', orderPath(trade, '/extend'), { idempotencyKey: key }));
  return (
    <section className="card" aria-labelledby="extend-title">
      <h2 id="extend-title">{t('wallet.order.extendTitle')}</h2>
      <p className="muted">{t('wallet.order.extendHint', { time: formatDateTime(trade.confirm_deadline, locale) })}</p>
      <Outcome error={extend.error} />
      <Button variant="secondary" busy={extend.busy} onClick={() => void extend.run().then((done) => done !== undefined && onChanged(t('wallet.order.extended')))}>
        {t('wallet.order.extend')}
      </Button>
    </section>
  );
}

/** Whether the buyer may ask for money back now (escrow before release, direct in its window). */
export function canAskRefund(trade: Trade, now: number): boolean {
  if (trade.dispute_status !== null) return false;
  if (trade.status === 'WAIT_SELLER_SEND_GOODS' || trade.status === 'WAIT_BUYER_CONFIRM_GOODS') return true;
  return trade.status === 'TRADE_SUCCESS' && trade.refund_deadline !== null && now < Date.parse(trade.refund_deadline);
}

/**
 * The most the buyer can ask back: what is held and what reached the seller. Refunds are already
 * out of both (the API takes them from the hold and from the released amount), as the API checks.
 */
function refundable(trade: Trade): string {
  return fromMinor(toMinor(trade.held_amount, trade.currency) + toMinor(trade.released_amount, trade.currency), trade.currency);
}

export function RefundRequestForm({ trade, onChanged }: ActionProps) {
  const { t } = useI18n();
  const [amount, setAmount] = useState(() => refundable(trade));
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const ask = useAction((key) => api<RefundRequest>('POST', orderPath(trade, '/refund_request'), { idempotencyKey: key, body: { amount: amount.trim(), currency: trade.currency, reason: reason.trim() } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (amountProblem(amount) !== undefined || reason.trim() === '') return;
    if ((await ask.run()) !== undefined) onChanged(t('wallet.order.refundAsked'));
  };
  return (
    <details className="card disclosure">
      <summary>{t('wallet.order.refundTitle')}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">{t('wallet.order.refundHint', { amount: formatMoney(refundable(trade), trade.currency) })}</p>
        <AmountField value={amount} onChange={setAmount} error={amountError(t, amount, tried)} />
        <TextArea label={t('wallet.order.reason')} maxLength={reasonLengthMax} required value={reason} onChange={(event) => setReason(event.target.value)} />
        <FieldProblem problem={tried && reason.trim() === '' ? t('wallet.order.reasonMissing') : undefined} />
        <Outcome error={ask.error} />
        <Button type="submit" busy={ask.busy}>
          {t('wallet.order.refundSubmit')}
        </Button>
      </form>
    </details>
  );
}

/** The order's latest refund request and the seller's answer (asked only when one exists). */
export function RefundRequestStatus({ trade, round }: { readonly trade: Trade; readonly round: number }) {
  const { t, locale } = useI18n();
  const request = useResource((signal) => api<RefundRequest>('GET', orderPath(trade, '/refund_request'), { signal }), [trade.id, round]);
  return (
    <section className="card" aria-labelledby="refund-request-title">
      <h2 id="refund-request-title">{t('wallet.order.refundRequest')}</h2>
      {request.loading && request.data === undefined ? <Loading /> : null}
      {request.error !== undefined ? <ErrorState error={request.error} onRetry={request.reload} /> : null}
      {request.data !== undefined ? (
        <dl className="facts">
          <dt>{t('wallet.order.status')}</dt>
          <dd>
            <StatusBadge status={request.data.status} prefix="wallet.refundRequest" />
          </dd>
          <dt>{t('wallet.order.amount')}</dt>
          <dd>
            <Money amount={request.data.amount} currency={trade.currency} />
          </dd>
          <dt>{t('wallet.order.reason')}</dt>
          <dd>{request.data.reason}</dd>
          <dt>{t('wallet.order.asked')}</dt>
          <dd>{formatDateTime(request.data.created_at, locale)}</dd>
          {request.data.answer === null ? null : (
            <>
              <dt>{t('wallet.order.sellerAnswer')}</dt>
              <dd>{request.data.answer}</dd>
            </>
          )}
        </dl>
      ) : null}
    </section>
  );
}

/** An escrow order whose money is still held, never disputed: the buyer may ask the platform. */
export function canDispute(trade: Trade): boolean {
  return trade.kind === 'escrow' && trade.dispute_status === null && toMinor(trade.held_amount, trade.currency) > 0n;
}

export function DisputeForm({ trade, onChanged }: ActionProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const open = useAction((key) => api<Dispute>('POST', orderPath(trade, '/dispute'), { idempotencyKey: key, body: { reason: reason.trim() } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (reason.trim() === '') return;
    if ((await open.run()) !== undefined) onChanged(t('wallet.order.disputeOpened'));
  };
  return (
    <details className="card disclosure">
      <summary>{t('wallet.order.disputeTitle')}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">{t('wallet.order.disputeHint')}</p>
        <TextArea label={t('wallet.order.disputeReason')} maxLength={reasonLengthMax} required value={reason} onChange={(event) => setReason(event.target.value)} />
        <FieldProblem problem={tried && reason.trim() === '' ? t('wallet.order.reasonMissing') : undefined} />
        <Outcome error={open.error} />
        <Button type="submit" variant="danger" busy={open.busy}>
          {t('wallet.order.disputeSubmit')}
        </Button>
      </form>
    </details>
  );
}

export function DisputeStatus({ trade, round }: { readonly trade: Trade; readonly round: number }) {
  const { t, locale } = useI18n();
  const dispute = useResource((signal) => api<Dispute>('GET', orderPath(trade, '/dispute'), { signal }), [trade.id, round]);
  return (
    <section className="card" aria-labelledby="dispute-title">
      <h2 id="dispute-title">{t('wallet.order.dispute')}</h2>
      {dispute.loading && dispute.data === undefined ? <Loading /> : null}
      {dispute.error !== undefined ? <ErrorState error={dispute.error} onRetry={dispute.reload} /> : null}
      {dispute.data !== undefined ? (
        <dl className="facts">
          <dt>{t('wallet.order.status')}</dt>
          <dd>
            <StatusBadge status={dispute.data.status} prefix="wallet.dispute" />
          </dd>
          <dt>{t('wallet.order.yourReason')}</dt>
          <dd>{dispute.data.reason}</dd>
          <dt>{t('wallet.order.opened')}</dt>
          <dd>{formatDateTime(dispute.data.opened_at, locale)}</dd>
          {dispute.data.seller_statement === null ? null : (
            <>
              <dt>{t('wallet.order.sellerSide')}</dt>
              <dd>{dispute.data.seller_statement}</dd>
            </>
          )}
          {dispute.data.refund_amount === null ? null : (
            <>
              <dt>{t('wallet.order.decision')}</dt>
              <dd>
                {t('wallet.order.decisionRefund', { amount: formatMoney(dispute.data.refund_amount, trade.currency) })}
                {dispute.data.decision_note === null ? null : ` — ${dispute.data.decision_note}`}
              </dd>
            </>
          )}
        </dl>
      ) : null}
    </section>
  );
}
