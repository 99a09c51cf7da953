// "New QR payment": a direct trade for any payer (no buyer named), shown as the QR code of its pay
// page in the wallet (/pay/<trade id>) and as a link; the page asks the API every two seconds until
// the trade is paid (or closed), and says so.

import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { randomHex } from '../../api/client.js';
import type { Trade } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, CopyButton, Field, Money, Outcome, PageTitle, SelectField, StatusBadge } from '../../ui/components.js';
import { amountProblem, formatDateTime } from '../../ui/format.js';
import { QrCode } from '../../ui/qr.js';
import { useMerchantAction, useMerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';

const pollMilliseconds = 2000;
const timeouts = ['15m', '1h', '1d'] as const;

function newOutTradeNo(): string {
  return `qr-${Date.now().toString(36)}-${randomHex(4)}`;
}

export function NewPayment() {
  const { t } = useI18n();
  const [subject, setSubject] = useState('');
  const [amount, setAmount] = useState('');
  const [timeout, setTimeoutExpress] = useState<(typeof timeouts)[number]>('1h');
  const [outTradeNo, setOutTradeNo] = useState(newOutTradeNo);
  const [problems, setProblems] = useState<{ subject?: string; amount?: string }>({});
  const [trade, setTrade] = useState<Trade | undefined>(undefined);
  const create = useMerchantAction((send) => send<Trade>('POST', '/v1/trades', { body: { kind: 'direct', out_trade_no: outTradeNo, subject: subject.trim(), amount: amount.trim(), currency: 'CNY', timeout_express: timeout } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const amountIssue = amountProblem(amount);
    const next = { ...(subject.trim() === '' ? { subject: t('merchant.qr.subjectMissing') } : {}), ...(amountIssue === undefined ? {} : { amount: t(`error.${amountIssue}`) }) };
    setProblems(next);
    if (Object.keys(next).length > 0) return;
    const created = await create.run();
    if (created !== undefined) setTrade(created);
  };
  const again = () => {
    setTrade(undefined);
    setSubject('');
    setAmount('');
    setOutTradeNo(newOutTradeNo());
    create.reset();
  };

  return (
    <>
      <PageTitle>{t('merchant.qr.title')}</PageTitle>
      {trade === undefined ? (
        <form className="card m-narrow-form" onSubmit={(event) => void submit(event)} noValidate>
          <p className="muted">{t('merchant.qr.intro')}</p>
          <Field label={t('merchant.qr.subject')} hint={t('merchant.qr.subjectHint')} maxLength={256} required value={subject} error={problems.subject} onChange={(event) => setSubject(event.target.value)} />
          <Field label={t('field.amount')} hint={t('field.amountHint')} inputMode="decimal" required value={amount} error={problems.amount} onChange={(event) => setAmount(event.target.value)} />
          <SelectField label={t('merchant.qr.expires')} value={timeout} onChange={(event) => setTimeoutExpress(event.target.value as (typeof timeouts)[number])}>
            {timeouts.map((option) => (
              <option key={option} value={option}>
                {t(`merchant.qr.timeout.${option}`)}
              </option>
            ))}
          </SelectField>
          <Outcome error={create.error} />
          <Button type="submit" busy={create.busy}>
            {t('merchant.qr.create')}
          </Button>
        </form>
      ) : (
        <PaymentCode initial={trade} onAgain={again} />
      )}
    </>
  );
}

/** The QR code of a new trade, watched until it is paid or closed. */
function PaymentCode({ initial, onAgain }: { readonly initial: Trade; readonly onAgain: () => void }) {
  const { t, locale } = useI18n();
  const call = useMerchantCall();
  const { refresh } = useMerchantSession();
  const [trade, setTrade] = useState(initial);
  const [watchError, setWatchError] = useState<unknown>(undefined);
  const waiting = trade.status === 'WAIT_BUYER_PAY';
  const link = `${window.location.origin}/pay/${trade.id}`;

  useEffect(() => {
    if (!waiting) return;
    const controller = new AbortController();
    const timer = setInterval(() => {
      call<Trade>('GET', `/v1/trades/${trade.id}`, { signal: controller.signal }).then(
        (next) => {
          setWatchError(undefined);
          setTrade(next);
        },
        (error: unknown) => {
          if (!controller.signal.aborted) setWatchError(error);
        },
      );
    }, pollMilliseconds);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [call, trade.id, waiting]);

  useEffect(() => {
    if (trade.paid_at !== null) void refresh();
  }, [trade.paid_at, refresh]);

  return (
    <div className="m-qr-panel card">
      <div className="m-qr-code">
        {waiting ? <QrCode value={link} label={t('merchant.qr.codeLabel', { subject: trade.subject })} size={260} /> : <div className="m-qr-done" aria-hidden="true">✓</div>}
      </div>
      <div className="m-qr-facts">
        <h2>{trade.subject}</h2>
        <p className="m-qr-amount">
          <Money amount={trade.amount} currency={trade.currency} />
        </p>
        <p role="status" aria-live="polite" data-testid="qr-status">
          <StatusBadge status={trade.status} />{' '}
          {waiting ? t('merchant.qr.waiting') : trade.paid_at !== null ? t('merchant.qr.paidAt', { time: formatDateTime(trade.paid_at, locale) }) : t('merchant.qr.closed')}
        </p>
        {waiting ? (
          <>
            <p className="muted">{t('merchant.qr.scan', { time: formatDateTime(trade.pay_deadline, locale) })}</p>
            <div className="m-copy-line">
              <a href={link} className="mono" data-testid="pay-link" target="_blank" rel="noreferrer">
                {link}
              </a>
              <CopyButton text={link} />
            </div>
          </>
        ) : null}
        {watchError === undefined ? null : <Outcome error={watchError} />}
        <div className="button-row">
          <Link className="button button-secondary" to={`/merchant/trades/${trade.id}`}>
            {t('merchant.qr.openTrade')}
          </Link>
          <Button variant="secondary" onClick={onAgain}>
            {t('merchant.qr.another')}
          </Button>
        </div>
      </div>
    </div>
  );
}
