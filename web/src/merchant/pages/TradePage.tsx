// One trade: what was sold and for how much, where its money is (held, released, fee, refunded),
// shipping and deadlines, the buyer's refund request or dispute, the actions its state allows, its
// refunds and its timeline in words.

import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { List } from '../../api/client.js';
import type { Dispute, Refund, RefundRequest, Trade, TradeEvent } from '../../api/types.js';
import { useI18n } from '../../i18n/i18n.js';
import { CopyButton, Empty, ErrorState, Loading, Money, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { QrCode } from '../../ui/qr.js';
import { addAmounts, toMinor } from '../../ui/amounts.js';
import { useMerchantCall, type MerchantCall } from '../merchant-api.js';
import { useMerchantSession } from '../session.js';
import { Timeline } from '../Timeline.js';
import { CloseTrade, ExtendForm, RefundForm, ShipForm } from '../TradeActions.js';
import { DisputeCard, RefundRequestCard } from '../TradeCases.js';

interface Detail {
  readonly trade: Trade;
  readonly events: TradeEvent[];
  readonly refunds: Refund[];
  readonly dispute: Dispute | undefined;
  readonly request: RefundRequest | undefined;
}

/** The trade and what hangs on it. A dispute or a refund request is asked for only when the trade has one, so that none is a refused request. */
async function loadDetail(call: MerchantCall, id: string, signal: AbortSignal): Promise<Detail> {
  const path = `/v1/trades/${encodeURIComponent(id)}`;
  const [trade, events, refunds] = await Promise.all([call<Trade>('GET', path, { signal }), call<List<TradeEvent>>('GET', `${path}/events`, { signal }), call<List<Refund>>('GET', `${path}/refunds`, { signal })]);
  const asked = events.data.some((event) => event.type === 'refund_requested');
  const [dispute, request] = await Promise.all([trade.dispute_status === null ? undefined : call<Dispute>('GET', `${path}/dispute`, { signal }), asked ? call<RefundRequest>('GET', `${path}/refund_request`, { signal }) : undefined]);
  return { trade, events: events.data, refunds: refunds.data, dispute, request };
}

export function TradePage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const call = useMerchantCall();
  const { refresh, can } = useMerchantSession();
  const detail = useResource((signal) => loadDetail(call, id, signal), [call, id]);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const done = (message: string) => {
    setNotice(message);
    detail.reload();
    void refresh();
  };
  if (detail.data === undefined)
    return (
      <>
        <PageTitle>{t('merchant.trade.title')}</PageTitle>
        {detail.error === undefined ? <Loading /> : <ErrorState error={detail.error} onRetry={detail.reload} />}
      </>
    );
  const { trade } = detail.data;
  return (
    <>
      <PageTitle
        actions={
          <Link className="button button-secondary" to="/merchant/trades">
            {t('merchant.trade.back')}
          </Link>
        }
      >
        {trade.subject} <StatusBadge status={trade.status} />
      </PageTitle>
      {notice === undefined ? null : (
        <p className="notice notice-success" role="status" data-testid="trade-notice">
          {notice}
        </p>
      )}
      <div className="m-trade-grid" aria-busy={detail.loading}>
        <div className="m-trade-main">
          <TradeFacts trade={trade} />
          <Refunds refunds={detail.data.refunds} currency={trade.currency} />
        </div>
        <div className="m-trade-side">
          {detail.data.request === undefined ? null : <RefundRequestCard trade={trade} value={detail.data.request} canAnswer={can('refunds:write')} onDone={done} />}
          {detail.data.dispute === undefined ? null : <DisputeCard trade={trade} value={detail.data.dispute} canAnswer={can('trades:write')} onDone={done} />}
          <Actions detail={detail.data} onDone={done} />
          <section className="card" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t('merchant.trade.timeline')}</h2>
            {detail.data.events.length === 0 ? <Empty /> : <Timeline events={detail.data.events} currency={trade.currency} />}
          </section>
        </div>
      </div>
    </>
  );
}

function TradeFacts({ trade }: { readonly trade: Trade }) {
  const { t, locale } = useI18n();
  const money = (amount: string) => <Money amount={amount} currency={trade.currency} />;
  return (
    <>
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading">{t('merchant.trade.summary')}</h2>
        <dl className="facts">
          <dt>{t('merchant.trade.id')}</dt>
          <dd className="m-copy-line">
            <span className="mono">{trade.id}</span> <CopyButton text={trade.id} />
          </dd>
          <dt>{t('merchant.trade.outTradeNo')}</dt>
          <dd className="mono">{trade.out_trade_no}</dd>
          <dt>{t('merchant.trade.kind')}</dt>
          <dd>{t(`kind.${trade.kind}`)}</dd>
          <dt>{t('merchant.trade.buyer')}</dt>
          <dd className={trade.buyer === null ? 'muted' : 'mono'}>{trade.buyer ?? t('merchant.trade.anyBuyer')}</dd>
          <dt>{t('merchant.trade.created')}</dt>
          <dd>{formatDateTime(trade.created_at, locale)}</dd>
          <dt>{t('merchant.trade.paidAt')}</dt>
          <dd>{formatDateTime(trade.paid_at, locale)}</dd>
          {trade.test_clock === null ? null : (
            <>
              <dt>{t('merchant.trade.testClock')}</dt>
              <dd className="mono">{trade.test_clock}</dd>
            </>
          )}
        </dl>
      </section>
      <section className="card" aria-labelledby="amounts-heading">
        <h2 id="amounts-heading">{t('merchant.trade.amounts')}</h2>
        <dl className="m-amounts" data-testid="amounts">
          <div>
            <dt>{t('merchant.trade.amount')}</dt>
            <dd data-amount="amount">{money(trade.amount)}</dd>
          </div>
          <div>
            <dt>{t('merchant.trade.held')}</dt>
            <dd data-amount="held">{money(trade.held_amount)}</dd>
          </div>
          <div>
            <dt>{t('merchant.trade.released')}</dt>
            <dd data-amount="released">{money(trade.released_amount)}</dd>
          </div>
          <div>
            <dt>{t('merchant.trade.fee')}</dt>
            <dd data-amount="fee">{money(trade.fee_amount)}</dd>
          </div>
          <div>
            <dt>{t('merchant.trade.refunded')}</dt>
            <dd data-amount="refunded">{money(trade.refunded_amount)}</dd>
          </div>
          <div>
            <dt>{t('merchant.trade.net')}</dt>
            <dd data-amount="net">{money(addAmounts(trade.currency, trade.released_amount, `-${trade.fee_amount}`))}</dd>
          </div>
        </dl>
        <p className="muted m-small">{t('merchant.trade.amountsHelp')}</p>
      </section>
      {trade.items.length === 0 ? null : (
        <section className="card" aria-labelledby="items-heading">
          <h2 id="items-heading">{t('merchant.trade.items')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('merchant.trade.itemName')}</th>
                <th scope="col">{t('merchant.trade.status')}</th>
                <th scope="col" className="num">
                  {t('merchant.trade.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {trade.items.map((item) => (
                <tr key={item.position}>
                  <td>{item.position + 1}</td>
                  <td>{item.name}</td>
                  <td>
                    <StatusBadge status={item.status} prefix="merchant.itemStatus" />
                  </td>
                  <td className="num">{money(item.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="card" aria-labelledby="shipping-heading">
        <h2 id="shipping-heading">{t('merchant.trade.shippingAndDeadlines')}</h2>
        <dl className="facts">
          <dt>{t('merchant.trade.shipping')}</dt>
          <dd data-testid="shipping">{trade.shipping === null ? <span className="muted">{trade.kind === 'escrow' ? t('merchant.trade.notShipped') : t('merchant.trade.noShipping')}</span> : t('merchant.trade.shippedWith', { carrier: trade.shipping.carrier, tracking: trade.shipping.tracking_number, time: formatDateTime(trade.shipping.shipped_at, locale) })}</dd>
          {trade.status === 'WAIT_BUYER_PAY' ? (
            <>
              <dt>{t('merchant.trade.payDeadline')}</dt>
              <dd>{formatDateTime(trade.pay_deadline, locale)}</dd>
            </>
          ) : null}
          {trade.confirm_deadline === null ? null : (
            <>
              <dt>{t('merchant.trade.confirmDeadline')}</dt>
              <dd>{formatDateTime(trade.confirm_deadline, locale)}</dd>
            </>
          )}
          {trade.refund_deadline === null ? null : (
            <>
              <dt>{t('merchant.trade.refundDeadline')}</dt>
              <dd>{formatDateTime(trade.refund_deadline, locale)}</dd>
            </>
          )}
        </dl>
      </section>
    </>
  );
}

function Refunds({ refunds, currency }: { readonly refunds: readonly Refund[]; readonly currency: string }) {
  const { t, locale } = useI18n();
  return (
    <section className="card" aria-labelledby="refunds-heading">
      <h2 id="refunds-heading">{t('merchant.trade.refunds')}</h2>
      {refunds.length === 0 ? (
        <Empty>{t('merchant.trade.noRefunds')}</Empty>
      ) : (
        <div className="table-wrap">
          <table data-testid="refunds">
            <thead>
              <tr>
                <th scope="col">{t('merchant.trade.when')}</th>
                <th scope="col">{t('merchant.refund.requestNo')}</th>
                <th scope="col">{t('merchant.refund.reason')}</th>
                <th scope="col" className="num">
                  {t('merchant.trade.amount')}
                </th>
                <th scope="col" className="num">
                  {t('merchant.refund.fromHold')}
                </th>
                <th scope="col" className="num">
                  {t('merchant.refund.fromBalance')}
                </th>
                <th scope="col" className="num">
                  {t('merchant.refund.feeReturned')}
                </th>
              </tr>
            </thead>
            <tbody>
              {refunds.map((refund) => (
                <tr key={refund.id}>
                  <td className="m-nowrap">{formatDateTime(refund.created_at, locale)}</td>
                  <td className="mono m-nowrap">{refund.out_request_no}</td>
                  <td>{refund.reason ?? <span className="muted">—</span>}</td>
                  <td className="num">
                    <Money amount={refund.amount} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={refund.from_hold} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={refund.from_balance} currency={currency} />
                  </td>
                  <td className="num">
                    <Money amount={refund.fee_returned} currency={currency} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The steps the trade's state and the member's role allow, or why there is none. */
function Actions({ detail, onDone }: { readonly detail: Detail; readonly onDone: (message: string) => void }) {
  const { t } = useI18n();
  const { can } = useMerchantSession();
  const { trade } = detail;
  const disputed = trade.dispute_status === 'open' || trade.dispute_status === 'answered';
  const requestWaiting = detail.request?.status === 'requested';
  const left = toMinor(trade.held_amount, trade.currency) + toMinor(trade.released_amount, trade.currency);
  const inRefundWindow = trade.status !== 'TRADE_SUCCESS' || (trade.refund_deadline !== null && Date.parse(trade.refund_deadline) > Date.now());
  const refundable = (trade.status === 'WAIT_SELLER_SEND_GOODS' || trade.status === 'WAIT_BUYER_CONFIRM_GOODS' || trade.status === 'TRADE_SUCCESS') && inRefundWindow && left > 0n;
  const parts = [
    trade.status === 'WAIT_BUYER_PAY' && trade.buyer === null ? <PayCode key="code" trade={trade} /> : null,
    trade.status === 'WAIT_BUYER_PAY' && can('trades:write') ? <CloseTrade key="close" trade={trade} onDone={onDone} /> : null,
    trade.status === 'WAIT_SELLER_SEND_GOODS' && !disputed && can('trades:write') ? <ShipForm key="ship" trade={trade} onDone={onDone} /> : null,
    trade.status === 'WAIT_BUYER_CONFIRM_GOODS' && !disputed && can('trades:write') ? <ExtendForm key="extend" trade={trade} onDone={onDone} /> : null,
    refundable && !disputed && !requestWaiting && can('refunds:write') ? <RefundForm key="refund" trade={trade} onDone={onDone} /> : null,
  ].filter((part) => part !== null);
  const why = disputed ? t('merchant.actions.disputed') : requestWaiting ? t('merchant.actions.requestWaiting') : parts.length === 0 ? (trade.status === 'TRADE_CLOSED' || trade.status === 'TRADE_FINISHED' ? t('merchant.actions.ended') : t('merchant.actions.none')) : undefined;
  return (
    <section className="card m-actions" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('merchant.actions.title')}</h2>
      {why === undefined ? null : <p className="muted">{why}</p>}
      {parts}
    </section>
  );
}

function PayCode({ trade }: { readonly trade: Trade }) {
  const { t } = useI18n();
  const link = `${window.location.origin}/pay/${trade.id}`;
  return (
    <div className="m-pay-code">
      <h3>{t('merchant.qr.codeTitle')}</h3>
      <QrCode value={link} label={t('merchant.qr.codeLabel', { subject: trade.subject })} size={180} />
      <div className="m-copy-line">
        <a className="mono m-small" href={link} target="_blank" rel="noreferrer">
          {link}
        </a>
        <CopyButton text={link} />
      </div>
    </div>
  );
}
