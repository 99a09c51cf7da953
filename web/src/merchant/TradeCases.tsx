// A buyer's refund request and a buyer's dispute on a trade, with the merchant's answers: accept or
// decline the request (with a word), answer the dispute with the merchant's side.

import { useState, type FormEvent } from 'react';
import type { Dispute, RefundRequest, Trade } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Button, FieldProblem, Money, Outcome, StatusBadge, TextArea } from '../ui/components.js';
import { formatDateTime, formatMoney } from '../ui/format.js';
import { ConfirmButton } from './ConfirmButton.js';
import { useMerchantAction } from './merchant-api.js';

interface CaseProps<T> {
  readonly trade: Trade;
  readonly value: T;
  /** Whether the member's role may answer. */
  readonly canAnswer: boolean;
  readonly onDone: (message: string) => void;
}

export function RefundRequestCard({ trade, value: request, canAnswer, onDone }: CaseProps<RefundRequest>) {
  const { t, locale } = useI18n();
  const [answer, setAnswer] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const accept = useMerchantAction((send) => send<RefundRequest>('POST', `/v1/trades/${trade.id}/refund_request/accept`));
  const decline = useMerchantAction((send) => send<RefundRequest>('POST', `/v1/trades/${trade.id}/refund_request/decline`, { body: { answer: answer.trim() } }));
  const waiting = request.status === 'requested';
  const submitDecline = async (event: FormEvent) => {
    event.preventDefault();
    if (answer.trim() === '') {
      setProblem(t('merchant.request.answerMissing'));
      return;
    }
    setProblem(undefined);
    if ((await decline.run()) !== undefined) onDone(t('merchant.request.declined'));
  };
  return (
    <section className={`card ${waiting ? 'm-card-attention' : ''}`} aria-labelledby="request-heading" data-testid="refund-request">
      <h2 id="request-heading">
        {t('merchant.request.title')} <StatusBadge status={request.status} prefix="merchant.requestStatus" />
      </h2>
      <dl className="facts">
        <dt>{t('merchant.request.amount')}</dt>
        <dd>
          <Money amount={request.amount} currency={trade.currency} />
        </dd>
        <dt>{t('merchant.request.reason')}</dt>
        <dd>{request.reason}</dd>
        <dt>{t('merchant.request.asked')}</dt>
        <dd>{formatDateTime(request.created_at, locale)}</dd>
        {request.answer === null ? null : (
          <>
            <dt>{t('merchant.request.answer')}</dt>
            <dd>{request.answer}</dd>
          </>
        )}
      </dl>
      {waiting && canAnswer ? (
        <div className="m-case-answer">
          <p className="muted">{t('merchant.request.help')}</p>
          <ConfirmButton variant="primary" question={t('merchant.request.acceptQuestion', { amount: formatMoney(request.amount, trade.currency) })} confirm={t('merchant.request.acceptConfirm')} busy={accept.busy} onConfirm={() => void accept.run().then((done) => done !== undefined && onDone(t('merchant.request.accepted', { amount: formatMoney(request.amount, trade.currency) })))}>
            {t('merchant.request.accept')}
          </ConfirmButton>
          <Outcome error={accept.error} />
          <form onSubmit={(event) => void submitDecline(event)} noValidate>
            <TextArea label={t('merchant.request.declineWhy')} maxLength={1000} value={answer} onChange={(event) => setAnswer(event.target.value)} aria-invalid={problem === undefined ? undefined : true} />
            <FieldProblem problem={problem} />
            <Outcome error={decline.error} />
            <Button type="submit" variant="secondary" busy={decline.busy}>
              {t('merchant.request.decline')}
            </Button>
          </form>
        </div>
      ) : null}
    </section>
  );
}

export function DisputeCard({ trade, value: dispute, canAnswer, onDone }: CaseProps<Dispute>) {
  const { t, locale } = useI18n();
  const [statement, setStatement] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const answer = useMerchantAction((send) => send<Dispute>('POST', `/v1/trades/${trade.id}/dispute/answer`, { body: { statement: statement.trim() } }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (statement.trim() === '') {
      setProblem(t('merchant.dispute.statementMissing'));
      return;
    }
    setProblem(undefined);
    if ((await answer.run()) !== undefined) onDone(t('merchant.dispute.answered'));
  };
  return (
    <section className={`card ${dispute.status === 'open' ? 'm-card-attention' : ''}`} aria-labelledby="dispute-heading" data-testid="dispute">
      <h2 id="dispute-heading">
        {t('merchant.dispute.title')} <StatusBadge status={dispute.status} prefix="merchant.disputeStatus" />
      </h2>
      <dl className="facts">
        <dt>{t('merchant.dispute.reason')}</dt>
        <dd>{dispute.reason}</dd>
        <dt>{t('merchant.dispute.opened')}</dt>
        <dd>{formatDateTime(dispute.opened_at, locale)}</dd>
        {dispute.seller_statement === null ? null : (
          <>
            <dt>{t('merchant.dispute.statement')}</dt>
            <dd>{dispute.seller_statement}</dd>
          </>
        )}
        {dispute.decided_at === null ? null : (
          <>
            <dt>{t('merchant.dispute.decision')}</dt>
            <dd>
              {t('merchant.dispute.decisionText', { amount: formatMoney(dispute.refund_amount ?? '0.00', trade.currency) })}
              {dispute.decision_note === null ? null : <div className="muted">{dispute.decision_note}</div>}
            </dd>
          </>
        )}
      </dl>
      {dispute.status === 'open' && canAnswer ? (
        <form onSubmit={(event) => void submit(event)} noValidate className="m-case-answer">
          <p className="muted">{t('merchant.dispute.help')}</p>
          <TextArea label={t('merchant.dispute.yourSide')} maxLength={1000} value={statement} onChange={(event) => setStatement(event.target.value)} aria-invalid={problem === undefined ? undefined : true} />
          <FieldProblem problem={problem} />
          <Outcome error={answer.error} />
          <Button type="submit" busy={answer.busy}>
            {t('merchant.dispute.submit')}
          </Button>
        </form>
      ) : dispute.status === 'answered' ? (
        <p className="notice notice-info">{t('merchant.dispute.waiting')}</p>
      ) : null}
    </section>
  );
}
