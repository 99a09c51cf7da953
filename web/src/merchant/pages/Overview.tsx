// The first page: today's figures, the last days' volume and fees as bars (with the figures as a
// table), and the newest trades.

import { useState } from 'react';
import { Link } from 'react-router';
import type { List } from '../../api/client.js';
import type { Trade } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Empty, ErrorState, Loading, Money, PageTitle } from '../../ui/components.js';
import { useResource } from '../../ui/hooks.js';
import { DailyChart, DailyTable, formatDay } from '../DailyChart.js';
import { useMerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';
import { TradeTable } from '../TradeTable.js';
import type { DailyReport } from '../types.js';

const ranges = [7, 14, 30, 90] as const;

export function Overview() {
  const { t, locale } = useI18n();
  const call = useMerchantCall();
  const { can } = useMerchantSession();
  const [days, setDays] = useState<(typeof ranges)[number]>(14);
  const report = useResource((signal) => call<DailyReport>('GET', '/v1/reports/daily', { query: { days }, signal }), [call, days]);
  const recent = useResource((signal) => call<List<Trade>>('GET', '/v1/trades', { query: { limit: 5 }, signal }), [call]);
  const today = report.data?.data.at(-1);
  const currency = report.data?.currency ?? 'CNY';
  return (
    <>
      <PageTitle
        actions={
          can('trades:write') ? (
            <Link className="button button-primary" to="/merchant/trades/new">
              {t('merchant.qr.new')}
            </Link>
          ) : undefined
        }
      >
        {t('merchant.overview.title')}
      </PageTitle>
      <section aria-labelledby="today-heading">
        <h2 id="today-heading">
          {t('merchant.overview.today')}
          {today === undefined ? null : <span className="muted m-heading-note"> · {formatDay(today.date, locale, 'long')}</span>}
        </h2>
        {report.error !== undefined && report.data === undefined ? (
          <ErrorState error={report.error} onRetry={report.reload} />
        ) : today === undefined ? (
          <Loading />
        ) : (
          <dl className="m-stats" data-testid="today">
            <div className="m-stat">
              <dt>{t('merchant.overview.tradesToday')}</dt>
              <dd>{today.trades}</dd>
            </div>
            <div className="m-stat">
              <dt>{t('merchant.overview.volumeToday')}</dt>
              <dd>
                <Money amount={today.volume} currency={currency} />
              </dd>
            </div>
            <div className="m-stat">
              <dt>{t('merchant.overview.feesToday')}</dt>
              <dd>
                <Money amount={today.fees} currency={currency} />
              </dd>
            </div>
            <div className="m-stat">
              <dt>{t('merchant.overview.refundsToday')}</dt>
              <dd>
                <Money amount={today.refunds} currency={currency} />
              </dd>
            </div>
          </dl>
        )}
      </section>
      <section className="card" aria-labelledby="days-heading">
        <div className="m-section-head">
          <h2 id="days-heading">{t('merchant.overview.lastDays', { days })}</h2>
          <div className="m-segmented" role="group" aria-label={t('merchant.overview.range')}>
            {ranges.map((range) => (
              <button key={range} type="button" aria-pressed={range === days} className={range === days ? 'active' : ''} onClick={() => setDays(range)}>
                {t('merchant.overview.days', { days: range })}
              </button>
            ))}
          </div>
        </div>
        {report.data === undefined ? (
          report.error === undefined ? <Loading /> : <ErrorState error={report.error} onRetry={report.reload} />
        ) : (
          <div aria-busy={report.loading}>
            <div className="m-charts">
              <DailyChart days={report.data.data} field="volume" title={t('merchant.overview.volume')} currency={currency} />
              <DailyChart days={report.data.data} field="fees" title={t('merchant.overview.fees')} currency={currency} />
            </div>
            <details className="m-chart-table">
              <summary>{t('merchant.overview.showTable')}</summary>
              <DailyTable days={report.data.data} currency={currency} />
            </details>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="recent-heading">
        <div className="m-section-head">
          <h2 id="recent-heading">{t('merchant.overview.recent')}</h2>
          <Link to="/merchant/trades">{t('merchant.overview.allTrades')}</Link>
        </div>
        {recent.data === undefined ? (
          recent.error === undefined ? <Loading /> : <ErrorState error={recent.error} onRetry={recent.reload} />
        ) : recent.data.data.length === 0 ? (
          <Empty>{t('merchant.trades.none')}</Empty>
        ) : (
          <TradeTable trades={recent.data.data} caption={t('merchant.overview.recent')} />
        )}
      </section>
    </>
  );
}
