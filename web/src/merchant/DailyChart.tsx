// The daily report drawn as bars, in SVG made here (no chart library): one bar per business day,
// its height an exact fraction of the scale's top, computed in minor units (bigint). The chart is
// an image with a summary for screen readers; the figures themselves are in a table beside it.

import { useI18n } from '../i18n/i18n.js';
import { formatMoney } from '../ui/format.js';
import { fromMinor, niceCeiling, toMinor } from '../ui/amounts.js';
import type { DailyFigures } from './types.js';

// Near the size the chart is drawn at on a 1280 px screen, so that its labels stay readable.
const width = 480;
const height = 220;
const left = 68;
const right = 22;
const top = 12;
const bottom = 28;
const plotWidth = width - left - right;
const plotHeight = height - top - bottom;

/** A business day (yyyy-MM-dd) as a short date in the language, e.g. "21 Nov" or "11月21日". */
export function formatDay(date: string, locale: string, style: 'short' | 'long' = 'short'): string {
  const options: Intl.DateTimeFormatOptions = style === 'short' ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(`${date}T00:00:00Z`));
}

export function DailyChart({ days, field, title, currency }: { readonly days: readonly DailyFigures[]; readonly field: 'volume' | 'fees'; readonly title: string; readonly currency: string }) {
  const { t, locale } = useI18n();
  const values = days.map((day) => toMinor(day[field], currency));
  const highest = values.reduce((max, value) => (value > max ? value : max), 0n);
  const total = values.reduce((sum, value) => sum + value, 0n);
  const scaleTop = niceCeiling(highest, currency);
  const band = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(2, Math.min(32, band * 0.66));
  const labelEvery = days.length <= 7 ? 1 : days.length <= 14 ? 2 : days.length <= 31 ? 5 : 15;
  const money = (minor: bigint) => formatMoney(fromMinor(minor, currency), currency);
  const busiest = days[values.indexOf(highest)];
  const summary =
    highest === 0n || busiest === undefined
      ? t('merchant.chart.summaryEmpty', { title, days: days.length })
      : t('merchant.chart.summary', { title, days: days.length, total: money(total), highest: money(highest), date: formatDay(busiest.date, locale, 'long') });
  const ticks = [0n, scaleTop / 2n, scaleTop];
  return (
    <figure className={`m-chart m-chart-${field}`}>
      <figcaption>
        <span className="m-chart-title">{title}</span>
        <span className="m-chart-total">{money(total)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="m-chart-svg" data-testid={`chart-${field}`}>
        {ticks.map((tick) => {
          const y = top + plotHeight - Number((tick * BigInt(plotHeight)) / scaleTop);
          return (
            <g key={tick.toString()} className="m-chart-grid">
              <line x1={left} x2={width - right} y1={y} y2={y} />
              <text x={left - 8} y={y + 4} textAnchor="end">
                {money(tick)}
              </text>
            </g>
          );
        })}
        {days.map((day, index) => {
          const value = values[index] ?? 0n;
          const barHeight = Number((value * BigInt(plotHeight)) / scaleTop);
          const x = left + band * index + (band - barWidth) / 2;
          return (
            <g key={day.date}>
              {value === 0n ? null : (
                <rect className="m-chart-bar" x={x} y={top + plotHeight - Math.max(barHeight, 1)} width={barWidth} height={Math.max(barHeight, 1)} rx={Math.min(3, barWidth / 4)} data-date={day.date} data-amount={day[field]}>
                  <title>{`${formatDay(day.date, locale, 'long')}: ${formatMoney(day[field], currency)} · ${t('merchant.chart.trades', { count: day.trades })}`}</title>
                </rect>
              )}
              {(days.length - 1 - index) % labelEvery === 0 ? (
                <text className="m-chart-label" x={left + band * index + band / 2} y={height - 10} textAnchor="middle">
                  {formatDay(day.date, locale)}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** The same figures as a table, for reading them exactly and for assistive technology. */
export function DailyTable({ days, currency }: { readonly days: readonly DailyFigures[]; readonly currency: string }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t('merchant.overview.tableCaption', { days: days.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('merchant.overview.day')}</th>
            <th scope="col" className="num">
              {t('merchant.overview.trades')}
            </th>
            <th scope="col" className="num">
              {t('merchant.overview.volume')}
            </th>
            <th scope="col" className="num">
              {t('merchant.overview.fees')}
            </th>
            <th scope="col" className="num">
              {t('merchant.overview.refunds')}
            </th>
          </tr>
        </thead>
        <tbody>
          {[...days].reverse().map((day) => (
            <tr key={day.date}>
              <th scope="row">{formatDay(day.date, locale, 'long')}</th>
              <td className="num">{day.trades}</td>
              <td className="num">{formatMoney(day.volume, currency)}</td>
              <td className="num">{formatMoney(day.fees, currency)}</td>
              <td className="num">{formatMoney(day.refunds, currency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
