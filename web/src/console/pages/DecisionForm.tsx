// The decision of a dispute: how much of the held money goes back to the buyer (0 to all of it),
// with a note; the rest is released to the seller, less the fee. The split is shown, checked
// exactly (in fen, never floats), and confirmed before the decision, which cannot be undone.

import { useState, type FormEvent } from 'react';
import type { Dispute } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, Field, Outcome, TextArea } from '../../ui/components.js';
import { fromMinor, toMinor } from '../../ui/amounts.js';
import { amountProblem, formatMoney } from '../../ui/format.js';
import { ConfirmDialog } from '../components.js';
import { useFormAction } from '../hooks.js';
import { consoleApi } from '../session.js';
import type { OperatorTrade } from '../types.js';

/** The longest note the API keeps. */
const noteLengthMax = 1000;

export function DecisionForm({ dispute, trade, onDecided }: { readonly dispute: Dispute; readonly trade: OperatorTrade; readonly onDecided: () => void }) {
  const { t } = useI18n();
  const [refund, setRefund] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const currency = trade.currency;
  /** The refund typed, in fen, if it is an amount (0 included: the seller gets it all). */
  const refundFen = (text: string): bigint | undefined => {
    const problem = amountProblem(text);
    return problem === undefined || problem === 'amount_zero' ? toMinor(text.trim(), currency) : undefined;
  };
  const held = toMinor(trade.held_amount, currency);
  const decide = useFormAction((key) =>
    consoleApi<Dispute>('POST', `/v1/operator/disputes/${encodeURIComponent(dispute.id)}/decide`, {
      idempotencyKey: key,
      body: { refund_amount: fromMinor(refundFen(refund) ?? 0n, currency), currency, ...(note.trim() === '' ? {} : { note: note.trim() }) },
    }),
    [refund, note],
  );
  const money = (fen: bigint) => formatMoney(fromMinor(fen, currency), currency);

  /** The refund in fen, or why it cannot be decided. */
  const check = (): bigint | undefined => {
    const text = refund.trim();
    const fen = refundFen(text);
    const typed = amountProblem(text);
    const found = fen === undefined ? t(`error.${typed!}`) : fen > held ? t('console.dispute.overHeld', { held: money(held) }) : undefined;
    setProblem(found);
    return found === undefined ? fen : undefined;
  };
  const review = (event: FormEvent) => {
    event.preventDefault();
    if (check() !== undefined) setConfirming(true);
  };
  const run = async () => {
    setConfirming(false);
    if ((await decide.run()) !== undefined) onDecided();
  };
  const fen = refundFen(refund) ?? 0n;
  return (
    <form onSubmit={review} noValidate className="narrow-form">
      <p>{t('console.dispute.decideIntro', { held: money(held) })}</p>
      <Field
        label={t('console.dispute.refundToBuyer')}
        hint={t('console.dispute.refundHint', { held: money(held) })}
        inputMode="decimal"
        autoComplete="off"
        value={refund}
        error={problem}
        onChange={(event) => setRefund(event.target.value)}
      />
      <div className="button-row tight">
        <Button variant="secondary" onClick={() => setRefund(fromMinor(held, currency))}>
          {t('console.dispute.refundAll')}
        </Button>
        <Button variant="secondary" onClick={() => setRefund('0.00')}>
          {t('console.dispute.refundNone')}
        </Button>
      </div>
      <TextArea label={t('console.dispute.note')} maxLength={noteLengthMax} value={note} onChange={(event) => setNote(event.target.value)} />
      <Outcome error={decide.error} />
      <Button type="submit" busy={decide.busy}>
        {t('console.dispute.review')}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t('console.dispute.confirmTitle')}
        message={
          <>
            <p>{t('console.dispute.confirmSplit', { refund: money(fen), release: money(held - fen) })}</p>
            <p className="muted">{t('console.dispute.confirmFinal')}</p>
          </>
        }
        confirmLabel={t('console.dispute.submit')}
        variant="primary"
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run()}
      />
    </form>
  );
}
