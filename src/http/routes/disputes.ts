// Disputes over the API: the buyer opens one on an order, the merchant answers it, operators (risk,
// admin) see the queue and decide how much of the held money goes back to the buyer.

import { isoTime } from '../../platform/clock.js';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { TradeDisputeTable } from '../../store/index.js';
import { disputeListMax, disputeReasonLengthMax } from '../../trades/index.js';
import { ApiError } from '../errors.js';
import { AmountSchema, CurrencySchema, readAmount, writeAmount } from '../money-fields.js';
import { actingMerchant, requireApiKey, requireOperator, requireUser, merchantRoute } from '../plugins/authentication.js';
import { tradeValue } from './trades.js';

export const DisputeSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('dispute'),
  trade: Type.String(),
  status: Type.String(),
  reason: Type.String(),
  seller_statement: Type.Union([Type.String(), Type.Null()]),
  refund_amount: Type.Union([Type.String(), Type.Null()]),
  decision_note: Type.Union([Type.String(), Type.Null()]),
  decided_by: Type.Union([Type.String(), Type.Null()]),
  opened_at: Type.String({ format: 'date-time' }),
  answered_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  decided_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const time = isoTime;

export function disputeBody(dispute: TradeDisputeTable) {
  return {
    id: dispute.id,
    object: 'dispute' as const,
    trade: dispute.trade_id,
    status: dispute.status,
    reason: dispute.reason,
    seller_statement: dispute.seller_statement,
    refund_amount: dispute.refund_amount === null ? null : writeAmount(BigInt(dispute.refund_amount), 'CNY'),
    decision_note: dispute.decision_note,
    decided_by: dispute.decided_by,
    opened_at: time(dispute.opened_at)!,
    answered_at: time(dispute.answered_at),
    decided_at: time(dispute.decided_at),
  };
}

const tradeParams = Type.Object({ trade: Type.String({ maxLength: 64 }) });
const statementBody = (field: string) => Type.Object({ [field]: Type.String({ minLength: 1, maxLength: disputeReasonLengthMax }) }, { additionalProperties: false });

export function registerDisputeRoutes(app: FastifyInstance, services: Services): void {
  const { disputes, trades } = services;
  const merchantOf = async (merchantId: string) => (await services.merchants.findMerchant(merchantId))!;
  const noDispute = () => new ApiError('dispute_not_found', 'This trade has no dispute.', 'trade');

  app.post(
    '/v1/orders/:trade/dispute',
    { schema: { tags: ['orders'], summary: 'Open a dispute on an escrow order whose money is held: it waits for the seller and an operator', params: tradeParams, body: statementBody('reason'), response: { 201: DisputeSchema } } },
    async (request, reply) => {
      const user = requireUser(request);
      const dispute = tradeValue(await disputes.open((request.params as { trade: string }).trade, user.id, (request.body as { reason: string }).reason), 'trade');
      return reply.code(201).send(disputeBody(dispute));
    },
  );

  app.get('/v1/orders/:trade/dispute', { schema: { tags: ['orders'], summary: "An order's dispute", params: tradeParams, response: { 200: DisputeSchema } } }, async (request) => {
    const user = requireUser(request);
    const trade = await trades.findTrade((request.params as { trade: string }).trade);
    if (trade === undefined || trade.buyer_user_id !== user.id) throw new ApiError('trade_not_found', 'No trade of yours has this id.', 'trade');
    const dispute = await disputes.findByTrade(trade.id);
    if (dispute === undefined) throw noDispute();
    return disputeBody(dispute);
  });

  app.get('/v1/trades/:trade/dispute', { config: merchantRoute, schema: { tags: ['trades'], summary: "A trade's dispute", params: tradeParams, response: { 200: DisputeSchema } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'trades:read');
    const trade = await trades.findTrade((request.params as { trade: string }).trade);
    if (trade === undefined || trade.merchant_id !== merchant.id) throw new ApiError('trade_not_found', 'No trade of yours has this id.', 'trade');
    const dispute = await disputes.findByTrade(trade.id);
    if (dispute === undefined) throw noDispute();
    return disputeBody(dispute);
  });

  app.post(
    '/v1/trades/:trade/dispute/answer',
    { config: merchantRoute, schema: { tags: ['trades'], summary: "Answer a buyer's dispute with your side of it", params: tradeParams, body: statementBody('statement'), response: { 200: DisputeSchema } } },
    async (request) => {
      const seller = actingMerchant(requireApiKey(request, 'trades:write'));
      return disputeBody(tradeValue(await disputes.answer((request.params as { trade: string }).trade, seller, (request.body as { statement: string }).statement), 'trade'));
    },
  );

  app.get(
    '/v1/operator/disputes',
    {
      schema: {
        tags: ['operator'],
        summary: 'Disputes waiting for a decision (or of the given status), oldest first (support, risk, admin)',
        querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('answered'), Type.Literal('decided')])), limit: Type.Integer({ minimum: 1, maximum: disputeListMax, default: 20 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(DisputeSchema), has_more: Type.Boolean() }) },
      },
    },
    async (request) => {
      requireOperator(request, 'disputes:read');
      const query = request.query as { status?: string; limit: number };
      const rows = await disputes.list(query.status === undefined ? ['open', 'answered'] : [query.status], query.limit + 1);
      return { object: 'list' as const, data: rows.slice(0, query.limit).map(disputeBody), has_more: rows.length > query.limit };
    },
  );

  app.post(
    '/v1/operator/disputes/:dispute/decide',
    {
      schema: {
        tags: ['operator'],
        summary: 'Decide a dispute: refund_amount of the held money back to the buyer, the rest to the seller less the fee (risk, admin)',
        params: Type.Object({ dispute: Type.String({ maxLength: 64 }) }),
        body: Type.Object({ refund_amount: AmountSchema, currency: CurrencySchema, note: Type.Optional(Type.String({ maxLength: disputeReasonLengthMax })) }, { additionalProperties: false }),
        response: { 200: DisputeSchema },
      },
    },
    async (request) => {
      const operator = requireOperator(request, 'disputes:decide');
      const body = request.body as { refund_amount: string; currency: string; note?: string };
      const refund = readAmount(body.refund_amount, body.currency, 'refund_amount', { allowZero: true });
      const disputeId = (request.params as { dispute: string }).dispute;
      const line = services.operatorActions.lineOf({ operatorId: operator.id, action: 'dispute.decide', target: { type: 'dispute', id: disputeId }, details: { refund_amount: writeAmount(refund, body.currency), currency: body.currency } });
      return disputeBody(tradeValue(await disputes.decide(disputeId, operator.id, merchantOf, refund, body.note ?? null, line), 'refund_amount'));
    },
  );
}
