// Disputes to answer: escrow trades whose held money a buyer disputes. A dispute can be open only
// while the money is held, so the page reads the trades waiting to ship or to be confirmed (the
// API has no filter by dispute) and shows those with a dispute, open ones first, with the reason.

import { Link } from 'react-router';
import type { List } from '../../api/client.js';
import type { Dispute, Trade } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { Empty, ErrorState, Loading, Money, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { useMerchantCall, type MerchantCall } from '../merchant-api.js';

/** Trades read per status at most (pages of 100). */
const scannedMax = 500;

async function tradesWith(call: MerchantCall, status: string, signal: AbortSignal): Promise<Trade[]> {
  const found: Trade[] = [];
  let after: string | undefined;
  for (let read = 0; read < scannedMax; read += 100) {
    const page = await call<List<Trade>>('GET', '/v1/trades', { query: { kind: 'escrow', status, limit: 100, starting_after: after }, signal });
    found.push(...page.data.filter((trade) => trade.dispute_status === 'open' || trade.dispute_status === 'answered'));
    if (!page.has_more) break;
    after = page.data.at(-1)?.id;
  }
  return found;
}

async function loadDisputes(call: MerchantCall, signal: AbortSignal): Promise<{ trade: Trade; dispute: Dispute }[]> {
  const trades = (await Promise.all(['WAIT_SELLER_SEND_GOODS', 'WAIT_BUYER_CONFIRM_GOODS'].map((status) => tradesWith(call, status, signal)))).flat();
  const disputes = await Promise.all(trades.map((trade) => call<Dispute>('GET', `/v1/trades/${trade.id}/dispute`, { signal })));
  return trades
    .map((trade, index) => ({ trade, dispute: disputes[index]! }))
    .sort((a, b) => (a.dispute.status === b.dispute.status ? a.dispute.opened_at.localeCompare(b.dispute.opened_at) : a.dispute.status === 'open' ? -1 : 1));
}

export function Disputes() {
  const { t, locale } = useI18n();
  const call = useMerchantCall();
  const list = useResource((signal) => loadDisputes(call, signal), [call]);
  return (
    <>
      <PageTitle>{t('merchant.disputes.title')}</PageTitle>
      <p className="muted">{t('merchant.disputes.intro')}</p>
      <section className="card" aria-busy={list.loading}>
        {list.data === undefined ? (
          list.error === undefined ? (
            <Loading />
          ) : (
            <ErrorState error={list.error} onRetry={list.reload} />
          )
        ) : list.data.length === 0 ? (
          <Empty>{t('merchant.disputes.none')}</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('merchant.dispute.opened')}</th>
                  <th scope="col">{t('merchant.trade.subject')}</th>
                  <th scope="col">{t('merchant.dispute.reason')}</th>
                  <th scope="col">{t('merchant.trade.status')}</th>
                  <th scope="col" className="num">
                    {t('merchant.trade.held')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.map(({ trade, dispute }) => (
                  <tr key={trade.id}>
                    <td className="m-nowrap">{formatDateTime(dispute.opened_at, locale)}</td>
                    <td>
                      <Link to={`/merchant/trades/${trade.id}`}>{trade.subject}</Link>
                      <div className="muted m-small mono">{trade.out_trade_no}</div>
                    </td>
                    <td className="m-clip">{dispute.reason}</td>
                    <td>
                      <StatusBadge status={dispute.status} prefix="merchant.disputeStatus" />
                    </td>
                    <td className="num">
                      <Money amount={trade.held_amount} currency={trade.currency} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
