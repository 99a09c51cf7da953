// The operators' view of trades, for the console: the trades living on a sandbox test clock (to
// watch them move as the clock is advanced), and one trade with its merchant, timeline and dispute
// (to decide the dispute knowing the trade).

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { TradeTable } from '../../store/index.js';
import { publicTrade, tradeStatuses } from '../../trades/index.js';
import { ApiError } from '../errors.js';
import { requireOperator } from '../plugins/authentication.js';
import { disputeBody, DisputeSchema } from './disputes.js';
import { EventSchema, tradeTimeline } from './trade-timeline.js';
import { TradeSchema } from './trades.js';

/** Trades in one page of a clock's list. */
export const clockTradesPageMax = 100;

const OperatorTradeSchema = Type.Object({
  ...TradeSchema.properties,
  merchant_name: Type.Union([Type.String(), Type.Null()]),
  events: Type.Array(EventSchema, { description: "The trade's timeline, oldest first" }),
  dispute: Type.Union([DisputeSchema, Type.Null()]),
});

export function registerOperatorTradeRoutes(app: FastifyInstance, services: Services): void {
  const { trades, testClocks } = services;
  const withItems = async (trade: TradeTable) => publicTrade(trade, await trades.items(trade.id));

  app.get(
    '/v1/operator/trades',
    {
      schema: {
        tags: ['operator'],
        summary: "The trades on a test clock, newest first, of one status or all (support, risk, admin): watch them move as the clock advances",
        querystring: Type.Object(
          {
            test_clock: Type.String({ maxLength: 64 }),
            status: Type.Optional(Type.Union(tradeStatuses.map((status) => Type.Literal(status)))),
            limit: Type.Integer({ minimum: 1, maximum: clockTradesPageMax, default: 20 }),
            starting_after: Type.Optional(Type.String({ maxLength: 64 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(TradeSchema), has_more: Type.Boolean() }) },
      },
    },
    async (request) => {
      requireOperator(request, 'test_clocks:manage');
      const query = request.query as { test_clock: string; status?: string; limit: number; starting_after?: string };
      if ((await testClocks.find(query.test_clock, undefined)) === undefined) throw new ApiError('test_clock_not_found', 'No test clock has this id.', 'test_clock');
      const page = await testClocks.tradesOn(query.test_clock, query.status, query.limit, query.starting_after);
      if (page === undefined) throw new ApiError('cursor_invalid', 'starting_after is not the id of a trade on this clock.', 'starting_after');
      return { object: 'list' as const, data: await Promise.all(page.data.map(withItems)), has_more: page.hasMore };
    },
  );

  app.get(
    '/v1/operator/trades/:trade',
    {
      schema: {
        tags: ['operator'],
        summary: 'A trade with its merchant name, its timeline and its dispute, if any (support, risk, admin)',
        params: Type.Object({ trade: Type.String({ maxLength: 64 }) }),
        response: { 200: OperatorTradeSchema },
      },
    },
    async (request) => {
      requireOperator(request, 'disputes:read');
      const trade = await trades.findTrade((request.params as { trade: string }).trade);
      if (trade === undefined) throw new ApiError('trade_not_found', 'No trade has this id.', 'trade');
      const [merchant, events, dispute] = await Promise.all([services.merchants.findMerchant(trade.merchant_id), tradeTimeline(services, trade, { as: 'operator' }), services.disputes.findByTrade(trade.id)]);
      return {
        ...(await withItems(trade)),
        merchant_name: merchant?.name ?? null,
        events,
        dispute: dispute === undefined ? null : disputeBody(dispute),
      };
    },
  );
}
