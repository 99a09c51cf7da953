// One trade as operators see it, with its dispute if any: the trade (what is held, released,
// refunded), the buyer's reason, the seller's statement, the timeline, and the decision: how much
// of the held money goes back to the buyer (the rest to the seller, less the fee), confirmed first.

import { Link, useParams, useSearchParams } from 'react-router';
import type { ActedBy, Dispute } from '../../api/types.js';
import { hasMessage, useI18n, type Translate } from '../../i18n/i18n.js';
import { ErrorState, Loading, Money, Outcome, PageTitle, StatusBadge } from '../../ui/components.js';
import { formatDateTime, formatMoney } from '../../ui/format.js';
import { useResource } from '../../ui/hooks.js';
import { Facts } from '../components.js';
import { DecisionForm } from './DecisionForm.js';
import { consoleApi, useOperator } from '../session.js';
import type { OperatorTrade } from '../types.js';

/**
 * A trade for operators, at /console/disputes/{trade} (its dispute and the decision) or at
 * /console/trades/{trade}?clock={clock} (from a test clock's trades).
 */
/** Who acted for the merchant (or which operator decided), in words: a key by its prefix (or id), a member or operator by email, an app by its name. */
function actedByText(t: Translate, actedBy: ActedBy): string {
  if (actedBy.type === 'api_key' && actedBy.label === null) return t('console.actedBy.api_key_id', { label: actedBy.id ?? '' });
  return t(`console.actedBy.${actedBy.type}`, { label: actedBy.label ?? actedBy.id ?? '' });
}

export function TradeDetail() {
  const { t, locale } = useI18n();
  const { may } = useOperator();
  const id = useParams().trade ?? '';
  const clock = useSearchParams()[0].get('clock');
  const trade = useResource((signal) => consoleApi<OperatorTrade>('GET', `/v1/operator/trades/${encodeURIComponent(id)}`, { signal }), [id]);
  const back =
    clock === null ? (
      <Link to="/console/disputes" className="back-link">
        ← {t('console.disputes.all')}
      </Link>
    ) : (
      <Link to={`/console/clocks/${encodeURIComponent(clock)}`} className="back-link">
        ← {t('console.clocks.back')}
      </Link>
    );
  if (trade.data === undefined) return <>{back}{trade.error === undefined ? <Loading /> : <ErrorState error={trade.error} onRetry={trade.reload} />}</>;

  const body = trade.data;
  const dispute = body.dispute;
  const money = (amount: string) => <Money amount={amount} currency={body.currency} />;
  const userLink = (user: string) => (may('users:read') ? <Link to={`/console/users/${encodeURIComponent(user)}`} className="mono">{user}</Link> : <span className="mono">{user}</span>);
  return (
    <>
      {back}
      <PageTitle>{dispute === null ? body.subject : t('console.dispute.title', { subject: body.subject })}</PageTitle>
      {dispute === null ? (
        clock === null ? (
          <p className="notice notice-info">{t('console.dispute.noDispute')}</p>
        ) : null
      ) : (
        <p>
          <StatusBadge status={dispute.status} prefix="console.disputeStatus" />
        </p>
      )}
      <div className="console-grid">
        <section className="card" aria-labelledby="dispute-trade">
          <h2 id="dispute-trade">{t('console.dispute.trade')}</h2>
          <Facts
            facts={[
              [t('console.col.trade'), <span className="mono">{body.id}</span>],
              [t('console.col.merchant'), may('merchants:read') ? <Link to={`/console/merchants/${encodeURIComponent(body.merchant)}`}>{body.merchant_name ?? body.merchant}</Link> : (body.merchant_name ?? body.merchant)],
              [t('console.trade.buyer'), body.buyer === null ? '—' : userLink(body.buyer)],
              [t('console.col.status'), <StatusBadge status={body.status} />],
              [t('console.trade.amount'), money(body.amount)],
              [t('console.trade.held'), money(body.held_amount)],
              [t('console.trade.released'), money(body.released_amount)],
              [t('console.trade.fee'), money(body.fee_amount)],
              [t('console.trade.refunded'), money(body.refunded_amount)],
              [t('console.trade.paidAt'), formatDateTime(body.paid_at, locale)],
              [t('console.trade.shipping'), body.shipping === null ? t('console.trade.notShipped') : `${body.shipping.carrier} ${body.shipping.tracking_number}`],
            ]}
          />
        </section>
        {dispute === null ? null : <Statements dispute={dispute} />}
      </div>
      {dispute === null ? null : <Decision dispute={dispute} trade={body} onDecided={trade.reload} />}
      <section className="card" aria-labelledby="dispute-timeline">
        <h2 id="dispute-timeline">{t('console.trade.timeline')}</h2>
        <ol className="timeline">
          {body.events.map((event) => (
            <li key={event.id}>
              <strong>{hasMessage(`console.event.${event.type}`) ? t(`console.event.${event.type}`) : event.type}</strong> <span className="muted">
                · {t(`console.actor.${event.actor}`)}
                {event.acted_by ? <span data-testid="acted-by"> ({actedByText(t, event.acted_by)})</span> : null} · {formatDateTime(event.created_at, locale)}
              </span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function Statements({ dispute }: { readonly dispute: Dispute }) {
  const { t, locale } = useI18n();
  return (
    <section className="card" aria-labelledby="dispute-statements">
      <h2 id="dispute-statements">{t('console.dispute.statements')}</h2>
      <h3>{t('console.dispute.reason')}</h3>
      <blockquote className="statement">{dispute.reason}</blockquote>
      <p className="muted small">{t('console.dispute.openedAt', { time: formatDateTime(dispute.opened_at, locale) })}</p>
      <h3>{t('console.dispute.statement')}</h3>
      {dispute.seller_statement === null ? (
        <p className="muted">{t('console.dispute.noStatement')}</p>
      ) : (
        <>
          <blockquote className="statement">{dispute.seller_statement}</blockquote>
          <p className="muted small">{t('console.dispute.answeredAt', { time: formatDateTime(dispute.answered_at, locale) })}</p>
        </>
      )}
    </section>
  );
}

function Decision({ dispute, trade, onDecided }: { readonly dispute: Dispute; readonly trade: OperatorTrade; readonly onDecided: () => void }) {
  const { t, locale } = useI18n();
  const { operator, may } = useOperator();
  if (dispute.status === 'decided') {
    return (
      <section className="card" aria-labelledby="dispute-decision">
        <h2 id="dispute-decision">{t('console.dispute.decision')}</h2>
        <Outcome error={undefined} success={t('console.dispute.decidedSplit', { refunded: formatMoney(dispute.refund_amount ?? '0.00', trade.currency), released: formatMoney(trade.released_amount, trade.currency), fee: formatMoney(trade.fee_amount, trade.currency) })} />
        <Facts
          facts={[
            [t('console.dispute.refundToBuyer'), <Money amount={dispute.refund_amount ?? '0.00'} currency={trade.currency} />],
            [t('console.trade.released'), <Money amount={trade.released_amount} currency={trade.currency} />],
            [t('console.trade.fee'), <Money amount={trade.fee_amount} currency={trade.currency} />],
            [t('console.dispute.note'), dispute.decision_note ?? '—'],
            [t('console.dispute.decidedBy'), dispute.decided_by === operator.id ? t('console.dispute.you', { email: operator.email }) : <span className="mono">{dispute.decided_by ?? '—'}</span>],
            [t('console.dispute.decidedAt'), formatDateTime(dispute.decided_at, locale)],
          ]}
        />
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="dispute-decision">
      <h2 id="dispute-decision">{t('console.dispute.decide')}</h2>
      {may('disputes:decide') ? <DecisionForm dispute={dispute} trade={trade} onDecided={onDecided} /> : <p className="notice notice-info">{t('console.dispute.mayNotDecide')}</p>}
    </section>
  );
}
