// One test clock: its simulated time, a form to advance it (by days and seconds, or to a date and
// time), and the trades living on it with their status, read again after every advance so that the
// operator watches them move (an unpaid trade closes at its timeout; a shipped one confirms itself
// ten days after shipping).

import { useCallback, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import type { List } from '../../api/client.js';
import type { TestClock, Trade, TradeStatus } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Button, ErrorState, Field, Loading, Money, Outcome, PageTitle, SelectField, StatusBadge } from '../../ui/components.js';
import { usePagedList, useResource } from '../../ui/hooks.js';
import { Facts, PagedTable, Table } from '../components.js';
import { useFormAction } from '../hooks.js';
import { formatExactTime, localInputToIso } from '../format.js';
import { consoleApi } from '../session.js';
import type { AdvancedClock } from '../types.js';

const tradeStatuses: readonly TradeStatus[] = ['WAIT_BUYER_PAY', 'WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS', 'TRADE_SUCCESS', 'TRADE_FINISHED', 'TRADE_CLOSED'];
/** The API's limits on one advance. */
const advanceDaysMax = 366;
const advanceSecondsMax = 31_622_400;

/** The deadline a trade waits for next, by its status. */
function nextDeadline(trade: Trade): string | null {
  if (trade.status === 'WAIT_BUYER_PAY') return trade.pay_deadline;
  if (trade.status === 'WAIT_BUYER_CONFIRM_GOODS') return trade.confirm_deadline;
  if (trade.status === 'TRADE_SUCCESS') return trade.refund_deadline;
  return null;
}

export function ClockDetail() {
  const { t, locale } = useI18n();
  const id = useParams().clock ?? '';
  const created = (useLocation().state as { created?: boolean } | null)?.created === true;
  const [search, setSearch] = useSearchParams();
  const chosen = search.get('status');
  const status = tradeStatuses.includes(chosen as TradeStatus) ? (chosen as TradeStatus) : undefined;
  const clock = useResource((signal) => consoleApi<TestClock>('GET', `/v1/test_clocks/${encodeURIComponent(id)}`, { signal }), [id]);
  const load = useCallback(
    (startingAfter: string | undefined, signal: AbortSignal) => consoleApi<List<Trade>>('GET', '/v1/operator/trades', { query: { test_clock: id, status, limit: 20, starting_after: startingAfter }, signal }),
    [id, status],
  );
  const trades = usePagedList(load, [load]);
  const back = (
    <Link to="/console/clocks" className="back-link">
      ← {t('console.clocks.all')}
    </Link>
  );
  if (clock.data === undefined) return <>{back}{clock.error === undefined ? <Loading /> : <ErrorState error={clock.error} onRetry={clock.reload} />}</>;

  const body = clock.data;
  const refresh = () => {
    clock.reload();
    trades.reload();
  };
  return (
    <>
      {back}
      <PageTitle
        actions={
          <Button variant="secondary" busy={trades.loading && trades.items.length > 0} onClick={refresh}>
            {t('console.refresh')}
          </Button>
        }
      >
        {body.name}
      </PageTitle>
      {created ? <Outcome error={undefined} success={t('console.clocks.created', { name: body.name })} /> : null}
      <div className="console-grid">
        <section className="card" aria-labelledby="clock-facts">
          <h2 id="clock-facts">{t('console.clocks.clock')}</h2>
          <p className="clock-time" data-testid="clock-time">
            {formatExactTime(body.frozen_time, locale)}
          </p>
          <Facts
            facts={[
              [t('console.col.id'), <span className="mono">{body.id}</span>],
              [t('console.clocks.owner'), body.merchant === null ? t('console.clocks.platform') : <Link to={`/console/merchants/${encodeURIComponent(body.merchant)}`} className="mono">{body.merchant}</Link>],
            ]}
          />
        </section>
        <AdvanceClock clock={body} onAdvanced={refresh} />
      </div>
      <section className="card" aria-labelledby="clock-trades">
        <h2 id="clock-trades">{t('console.clocks.trades')}</h2>
        <div className="filters">
          <SelectField label={t('console.col.status')} value={status ?? ''} onChange={(event) => setSearch(event.target.value === '' ? {} : { status: event.target.value }, { replace: true })}>
            <option value="">{t('console.filter.all')}</option>
            {tradeStatuses.map((option) => (
              <option key={option} value={option}>
                {t(`status.${option}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <PagedTable list={trades} empty={status === undefined ? t('console.clocks.noTrades') : t('console.clocks.noTradesOfStatus')}>
          {(items) => (
            <Table caption={t('console.clocks.trades')}>
              <thead>
                <tr>
                  <th scope="col">{t('console.col.trade')}</th>
                  <th scope="col">{t('console.trade.subject')}</th>
                  <th scope="col" className="num">{t('console.trade.amount')}</th>
                  <th scope="col">{t('console.col.status')}</th>
                  <th scope="col" className="num">{t('console.trade.held')}</th>
                  <th scope="col" className="num">{t('console.trade.released')}</th>
                  <th scope="col" className="num">{t('console.trade.refunded')}</th>
                  <th scope="col">{t('console.trade.nextDeadline')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((trade) => (
                  <tr key={trade.id} data-testid={`trade-${trade.id}`}>
                    <td>
                      <Link to={`/console/trades/${encodeURIComponent(trade.id)}?clock=${encodeURIComponent(body.id)}`} className="mono">
                        {trade.id}
                      </Link>
                      <div className="muted small">{trade.out_trade_no}</div>
                    </td>
                    <td>
                      {trade.subject}
                      <div className="muted small">{t(`kind.${trade.kind}`)}</div>
                    </td>
                    <td className="num">
                      <Money amount={trade.amount} currency={trade.currency} />
                    </td>
                    <td>
                      <StatusBadge status={trade.status} />
                      {trade.dispute_status === null ? null : <div className="small">{t('console.trade.disputed', { status: t(`console.disputeStatus.${trade.dispute_status}`) })}</div>}
                    </td>
                    <td className="num">
                      <Money amount={trade.held_amount} currency={trade.currency} />
                    </td>
                    <td className="num">
                      <Money amount={trade.released_amount} currency={trade.currency} />
                    </td>
                    <td className="num">
                      <Money amount={trade.refunded_amount} currency={trade.currency} />
                    </td>
                    <td>{formatExactTime(nextDeadline(trade), locale)}</td>
                  </tr>
                ))}
              </tbody>
            </Table>
          )}
        </PagedTable>
      </section>
    </>
  );
}

function AdvanceClock({ clock, onAdvanced }: { readonly clock: TestClock; readonly onAdvanced: () => void }) {
  const { t, locale } = useI18n();
  const [mode, setMode] = useState<'by' | 'to'>('by');
  const [days, setDays] = useState('');
  const [seconds, setSeconds] = useState('');
  const [to, setTo] = useState('');
  const [problems, setProblems] = useState<{ days?: string; seconds?: string; to?: string }>({});
  const advance = useFormAction((key, body: Record<string, unknown>) => consoleApi<AdvancedClock>('POST', `/v1/test_clocks/${encodeURIComponent(clock.id)}/advance`, { idempotencyKey: key, body }), [mode, days, seconds, to]);

  /** The request's body, or undefined after showing why the form cannot be sent. */
  const bodyOf = (): Record<string, unknown> | undefined => {
    if (mode === 'to') {
      const time = localInputToIso(to);
      const problem = time === undefined ? t('console.clocks.toMissing') : Date.parse(time) <= Date.parse(clock.frozen_time) ? t('console.clocks.toPast') : undefined;
      setProblems(problem === undefined ? {} : { to: problem });
      return problem === undefined ? { frozen_time: time } : undefined;
    }
    const whole = (text: string, max: number) => (text.trim() === '' ? 0 : /^\d+$/.test(text.trim()) && Number(text.trim()) <= max ? Number(text.trim()) : undefined);
    const dayCount = whole(days, advanceDaysMax);
    const secondCount = whole(seconds, advanceSecondsMax);
    const found = {
      ...(dayCount === undefined ? { days: t('console.clocks.daysInvalid', { max: advanceDaysMax }) } : {}),
      ...(secondCount === undefined ? { seconds: t('console.clocks.secondsInvalid') } : {}),
      ...(dayCount === 0 && secondCount === 0 ? { days: t('console.clocks.byMissing') } : {}),
    };
    setProblems(found);
    if (Object.keys(found).length > 0) return undefined;
    return { ...(dayCount === 0 ? {} : { days: dayCount }), ...(secondCount === 0 ? {} : { seconds: secondCount }) };
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = bodyOf();
    if (body === undefined) return;
    if ((await advance.run(body)) !== undefined) onAdvanced();
  };
  return (
    <section className="card" aria-labelledby="clock-advance">
      <h2 id="clock-advance">{t('console.clocks.advance')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset className="console-choice">
          <legend>{t('console.clocks.how')}</legend>
          <label>
            <input type="radio" name="advance-mode" value="by" checked={mode === 'by'} onChange={() => setMode('by')} /> {t('console.clocks.by')}
          </label>
          <label>
            <input type="radio" name="advance-mode" value="to" checked={mode === 'to'} onChange={() => setMode('to')} /> {t('console.clocks.to')}
          </label>
        </fieldset>
        {mode === 'by' ? (
          <div className="field-row">
            <Field label={t('console.clocks.days')} inputMode="numeric" autoComplete="off" value={days} error={problems.days} onChange={(event) => setDays(event.target.value)} />
            <Field label={t('console.clocks.seconds')} inputMode="numeric" autoComplete="off" value={seconds} error={problems.seconds} onChange={(event) => setSeconds(event.target.value)} />
          </div>
        ) : (
          <Field label={t('console.clocks.toTime')} hint={t('console.clocks.toHint')} type="datetime-local" step={1} value={to} error={problems.to} onChange={(event) => setTo(event.target.value)} />
        )}
        <Outcome
          error={advance.error}
          success={advance.result === undefined ? undefined : t('console.clocks.advanced', { time: formatExactTime(advance.result.frozen_time, locale), count: advance.result.trades_moved })}
        />
        <Button type="submit" busy={advance.busy}>
          {t('console.clocks.advanceSubmit')}
        </Button>
      </form>
    </section>
  );
}
