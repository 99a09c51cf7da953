// What the merchant can do with a trade in its state: ship it (carrier and tracking number), extend
// the buyer's time to confirm, close it unpaid, refund all or part of it. Each form shows its
// progress and its result, and calls `onDone` so that the page reads the trade again.

import { useState, type FormEvent } from 'react';
import { randomHex } from '../api/client.js';
import type { Refund, Trade } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Button, Field, Money, Outcome, SelectField } from '../ui/components.js';
import { amountProblem, formatMoney } from '../ui/format.js';
import { addAmounts, toMinor } from '../ui/amounts.js';
import { ConfirmButton } from './ConfirmButton.js';
import { useMerchantAction } from './merchant-api.js';

const carriers = ['SF Express', 'JD Logistics', 'ZTO Express', 'YTO Express', 'China Post EMS', 'STO Express', 'Yunda Express'];
const extensions = [3, 5, 7, 10] as const;

interface ActionProps {
  readonly trade: Trade;
  /** Called after a success, with the sentence saying what was done. */
  readonly onDone: (message: string) => void;
}

export function ShipForm({ trade, onDone }: ActionProps) {
  const { t } = useI18n();
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const [problems, setProblems] = useState<{ carrier?: string; tracking?: string }>({});
  const ship = useMerchantAction((send) => send<Trade>('POST', `/v1/trades/${trade.id}/ship`, { body: { carrier: carrier.trim(), tracking_number: tracking.trim() } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next = { ...(carrier.trim() === '' ? { carrier: t('merchant.ship.carrierMissing') } : {}), ...(tracking.trim() === '' ? { tracking: t('merchant.ship.trackingMissing') } : {}) };
    setProblems(next);
    if (Object.keys(next).length > 0) return;
    if ((await ship.run()) !== undefined) onDone(t('merchant.ship.done', { carrier: carrier.trim(), tracking: tracking.trim() }));
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="ship-heading">
      <h3 id="ship-heading">{t('merchant.ship.title')}</h3>
      <p className="muted">{t('merchant.ship.intro')}</p>
      <div className="m-form-row">
        <Field label={t('merchant.ship.carrier')} list="carriers" maxLength={64} value={carrier} error={problems.carrier} onChange={(event) => setCarrier(event.target.value)} />
        <datalist id="carriers">
          {carriers.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Field label={t('merchant.ship.tracking')} maxLength={64} value={tracking} error={problems.tracking} onChange={(event) => setTracking(event.target.value)} />
      </div>
      <Outcome error={ship.error} />
      <Button type="submit" busy={ship.busy}>
        {t('merchant.ship.submit')}
      </Button>
    </form>
  );
}

export function ExtendForm({ trade, onDone }: ActionProps) {
  const { t } = useI18n();
  const [days, setDays] = useState<number>(3);
  const extend = useMerchantAction((send) => send<Trade>('POST', `/v1/trades/${trade.id}/extend`, { body: { days } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if ((await extend.run()) !== undefined) onDone(t('merchant.extend.done', { days }));
  };
  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="extend-heading">
      <h3 id="extend-heading">{t('merchant.extend.title')}</h3>
      <div className="m-form-row m-form-row-end">
        <SelectField label={t('merchant.extend.days')} value={days} onChange={(event) => setDays(Number(event.target.value))}>
          {extensions.map((option) => (
            <option key={option} value={option}>
              {t('merchant.extend.option', { days: option })}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" busy={extend.busy}>
          {t('merchant.extend.submit')}
        </Button>
      </div>
      <Outcome error={extend.error} />
    </form>
  );
}

export function CloseTrade({ trade, onDone }: ActionProps) {
  const { t } = useI18n();
  const close = useMerchantAction((send) => send<Trade>('POST', `/v1/trades/${trade.id}/close`));
  return (
    <div>
      <h3>{t('merchant.close.title')}</h3>
      <p className="muted">{t('merchant.close.intro')}</p>
      <ConfirmButton question={t('merchant.close.question')} confirm={t('merchant.close.confirm')} busy={close.busy} onConfirm={() => void close.run().then((closed) => closed !== undefined && onDone(t('merchant.close.done')))}>
        {t('merchant.close.submit')}
      </ConfirmButton>
      <Outcome error={close.error} />
    </div>
  );
}

function newRequestNo(): string {
  return `rf-${Date.now().toString(36)}-${randomHex(3)}`;
}

/** A refund of all that is left or of part of it, once per out_request_no (made here, shown). */
export function RefundForm({ trade, onDone }: ActionProps) {
  const { t } = useI18n();
  const left = addAmounts(trade.currency, trade.held_amount, trade.released_amount);
  const [whole, setWhole] = useState(true);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [requestNo, setRequestNo] = useState(newRequestNo);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const refundAmount = whole ? left : amount.trim();
  const refund = useMerchantAction((send) => send<Refund>('POST', `/v1/trades/${trade.id}/refunds`, { body: { amount: refundAmount, currency: trade.currency, out_request_no: requestNo, ...(reason.trim() === '' ? {} : { reason: reason.trim() }) } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const issue = whole ? undefined : amountProblem(amount);
    const tooMuch = issue === undefined && toMinor(refundAmount, trade.currency) > toMinor(left, trade.currency);
    setProblem(issue !== undefined ? t(`error.${issue}`) : tooMuch ? t('merchant.refund.tooMuch', { left: formatMoney(left, trade.currency) }) : undefined);
    if (issue !== undefined || tooMuch) return;
    const made = await refund.run();
    if (made === undefined) return;
    setAmount('');
    setReason('');
    setRequestNo(newRequestNo());
    onDone(t('merchant.refund.done', { amount: formatMoney(made.amount, trade.currency), number: made.out_request_no }));
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-labelledby="refund-heading">
      <h3 id="refund-heading">{t('merchant.refund.title')}</h3>
      <p className="muted">
        {t('merchant.refund.left')} <Money amount={left} currency={trade.currency} />
      </p>
      <fieldset className="m-choice">
        <legend>{t('merchant.refund.how')}</legend>
        <label>
          <input type="radio" name="refund-kind" checked={whole} onChange={() => setWhole(true)} /> {t('merchant.refund.full', { amount: formatMoney(left, trade.currency) })}
        </label>
        <label>
          <input type="radio" name="refund-kind" checked={!whole} onChange={() => setWhole(false)} /> {t('merchant.refund.partial')}
        </label>
      </fieldset>
      {whole ? null : <Field label={t('merchant.refund.amount')} hint={t('field.amountHint')} inputMode="decimal" value={amount} error={problem} onChange={(event) => setAmount(event.target.value)} />}
      <Field label={t('merchant.refund.reason')} hint={t('merchant.refund.reasonHint')} maxLength={256} value={reason} onChange={(event) => setReason(event.target.value)} />
      <p className="muted m-small">
        {t('merchant.refund.requestNo')} <span className="mono">{requestNo}</span>
      </p>
      <Outcome error={refund.error} />
      <Button type="submit" variant="danger" busy={refund.busy}>
        {whole ? t('merchant.refund.submitFull', { amount: formatMoney(left, trade.currency) }) : t('merchant.refund.submit')}
      </Button>
    </form>
  );
}
