// Trades as a table: when, what (linked to the trade's page), kind, status (with a dispute or a
// refund when there is one), amount.

import { Link } from 'react-router';
import type { Trade } from '../api/types.js';
import { useI18n } from '../i18n/i18n.js';
import { Money, StatusBadge } from '../ui/components.js';
import { formatDateTime, isZero } from '../ui/format.js';

export function TradeTable({ trades, caption }: { readonly trades: readonly Trade[]; readonly caption: string }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table className="m-trade-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('merchant.trade.created')}</th>
            <th scope="col">{t('merchant.trade.subject')}</th>
            <th scope="col">{t('merchant.trade.kind')}</th>
            <th scope="col">{t('merchant.trade.status')}</th>
            <th scope="col" className="num">
              {t('merchant.trade.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {trades.map((trade) => (
            <tr key={trade.id} data-trade={trade.id}>
              <td className="m-nowrap">{formatDateTime(trade.created_at, locale)}</td>
              <td>
                <Link to={`/merchant/trades/${trade.id}`}>{trade.subject}</Link>
                <div className="muted m-small mono">{trade.out_trade_no}</div>
              </td>
              <td>{t(`kind.${trade.kind}`)}</td>
              <td>
                <StatusBadge status={trade.status} />
                {trade.dispute_status === null ? null : (
                  <>
                    {' '}
                    <StatusBadge status={trade.dispute_status} prefix="merchant.disputeStatus" />
                  </>
                )}
              </td>
              <td className="num">
                <Money amount={trade.amount} currency={trade.currency} />
                {isZero(trade.refunded_amount) ? null : (
                  <div className="muted m-small">
                    {t('merchant.trade.refundedShort')} <Money amount={trade.refunded_amount} currency={trade.currency} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
