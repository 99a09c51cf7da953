// Refund requests over the API: the buyer asks for money back on an order; the merchant sees the
// request on the trade and accepts it (the refund is made) or declines it with a word.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { isoTime } from '../../platform/clock.js';
import type { Services } from '../../services.js';
import type { TradeRefundRequestTable } from '../../store/index.js';
import { ApiError } from '../errors.js';
import { AmountSchema, CurrencySchema, readAmount, writeAmount } from '../money-fields.js';
import { actedVia, requireApiKey, requireUser, merchantRoute } from '../plugins/authentication.js';
import { tradeValue } from './trades.js';

const RequestSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('refund_request'),
  trade: Type.String(),
  amount: Type.String(),
  reason: Type.String(),
  status: Type.String(),
  answer: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  answered_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const requestBody = (row: TradeRefundRequestTable) => ({ id: row.id, object: 'refund_request' as const, trade: row.trade_id, amount: writeAmount(BigInt(row.amount), 'CNY'), reason: row.reason, status: row.status, answer: row.answer, created_at: isoTime(row.created_at), answered_at: isoTime(row.answered_at) });

export function registerRefundRequestRoutes(app: FastifyInstance, services: Services): void {
  const params = Type.Object({ trade: Type.String({ maxLength: 64 }) });
  const tradeOf = (request: { params: unknown }) => (request.params as { trade: string }).trade;
  const latestOrMissing = async (tradeId: string) => {
    const latest = await services.refundRequests.latest(tradeId);
    if (latest === undefined) throw new ApiError('refund_request_not_found', 'This trade has no refund request.', 'trade');
    return requestBody(latest);
  };

  app.post(
    '/v1/orders/:trade/refund_request',
    {
      schema: {
        tags: ['orders'],
        summary: 'Ask the seller for money back (an escrow order before release, or a direct one in its refund window); the confirmation clock stops until the seller answers',
        params,
        body: Type.Object({ amount: AmountSchema, currency: CurrencySchema, reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }),
        response: { 201: RequestSchema },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const body = request.body as { amount: string; currency: string; reason: string };
      const made = tradeValue(await services.refundRequests.request(tradeOf(request), user.id, readAmount(body.amount, body.currency), body.reason), 'amount');
      return reply.code(201).send(requestBody(made));
    },
  );

  app.get('/v1/orders/:trade/refund_request', { schema: { tags: ['orders'], summary: "The order's latest refund request", params, response: { 200: RequestSchema } } }, async (request) => {
    const user = requireUser(request);
    const trade = await services.trades.findTrade(tradeOf(request));
    if (trade === undefined || trade.buyer_user_id !== user.id) throw new ApiError('trade_not_found', 'No trade of yours has this id.', 'trade');
    return latestOrMissing(trade.id);
  });

  app.get('/v1/trades/:trade/refund_request', { config: merchantRoute, schema: { tags: ['trades'], summary: "The trade's latest refund request", params, response: { 200: RequestSchema } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'trades:read');
    const trade = await services.trades.findTrade(tradeOf(request));
    if (trade === undefined || trade.merchant_id !== merchant.id) throw new ApiError('trade_not_found', 'No trade of yours has this id.', 'trade');
    return latestOrMissing(trade.id);
  });

  app.post('/v1/trades/:trade/refund_request/accept', { config: merchantRoute, schema: { tags: ['trades'], summary: "Accept the buyer's refund request: the refund is made", params, response: { 200: RequestSchema } } }, async (request) => {
    const key = requireApiKey(request, 'refunds:write');
    return requestBody(tradeValue(await services.refundRequests.accept(tradeOf(request), key.merchant, actedVia(key)), 'trade'));
  });

  app.post(
    '/v1/trades/:trade/refund_request/decline',
    { config: merchantRoute, schema: { tags: ['trades'], summary: "Decline the buyer's refund request, saying why; the buyer may still open a dispute", params, body: Type.Object({ answer: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false }), response: { 200: RequestSchema } } },
    async (request) => {
      const key = requireApiKey(request, 'refunds:write');
      return requestBody(tradeValue(await services.refundRequests.decline(tradeOf(request), key.merchant, actedVia(key), (request.body as { answer: string }).answer), 'trade'));
    },
  );
}
