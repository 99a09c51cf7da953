// Split settlement over the REST API: a merchant sends part of a paid trade's proceeds on to other
// merchants, once per out_request_no, and lists what it sent.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { isoTime } from '../../platform/clock.js';
import type { Services } from '../../services.js';
import type { TradeSplitTable } from '../../store/index.js';
import { splitReceiversMax } from '../../trades/index.js';
import { ApiError } from '../errors.js';
import { AmountSchema, CurrencySchema, readAmount, writeAmount } from '../money-fields.js';
import { actedVia, requireApiKey, merchantRoute } from '../plugins/authentication.js';
import { tradeValue } from './trades.js';

const SplitSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('split'),
  trade: Type.String(),
  out_request_no: Type.String(),
  amount: Type.String(),
  royalty_parameters: Type.Array(Type.Object({ trans_in: Type.String(), amount: Type.String(), desc: Type.Union([Type.String(), Type.Null()]) })),
  created_at: Type.String({ format: 'date-time' }),
});

export function splitBody(split: TradeSplitTable) {
  const royalties = JSON.parse(split.royalties) as { trans_in: string; amount: string; desc: string | null }[];
  return { id: split.id, object: 'split' as const, trade: split.trade_id, out_request_no: split.out_request_no, amount: writeAmount(BigInt(split.amount), 'CNY'), royalty_parameters: royalties.map((royalty) => ({ ...royalty, amount: writeAmount(BigInt(royalty.amount), 'CNY') })), created_at: isoTime(split.created_at) };
}

export function registerSplitRoutes(app: FastifyInstance, services: Services): void {
  const params = Type.Object({ trade: Type.String({ maxLength: 64 }) });
  const receiverOf = (merchantId: string) => services.merchants.findMerchant(merchantId).then((merchant) => (merchant?.status === 'active' ? merchant : undefined));

  app.post(
    '/v1/trades/:trade/splits',
    {
      config: merchantRoute,
      schema: {
        tags: ['trades'],
        summary: "Send part of a paid trade's proceeds on to other merchants, once per out_request_no",
        params,
        body: Type.Object(
          {
            out_request_no: Type.String({ minLength: 1, maxLength: 64 }),
            currency: CurrencySchema,
            royalty_parameters: Type.Array(Type.Object({ trans_in: Type.String({ maxLength: 64 }), amount: AmountSchema, desc: Type.Optional(Type.String({ maxLength: 256 })) }, { additionalProperties: false }), { minItems: 1, maxItems: splitReceiversMax }),
          },
          { additionalProperties: false },
        ),
        response: { 201: SplitSchema },
      },
    },
    async (request, reply) => {
      const key = requireApiKey(request, 'trades:write');
      const body = request.body as { out_request_no: string; currency: string; royalty_parameters: { trans_in: string; amount: string; desc?: string }[] };
      const royalties = body.royalty_parameters.map((royalty, index) => ({ transIn: royalty.trans_in, amount: readAmount(royalty.amount, body.currency, `royalty_parameters[${index}].amount`), description: royalty.desc ?? null }));
      const split = tradeValue(await services.splits.split((request.params as { trade: string }).trade, key.merchant, actedVia(key), body.out_request_no, royalties, receiverOf), 'royalty_parameters');
      return reply.code(201).send(splitBody(split));
    },
  );

  app.get('/v1/trades/:trade/splits', { config: merchantRoute, schema: { tags: ['trades'], summary: "A trade's splits", params, response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(SplitSchema), has_more: Type.Boolean() }) } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'trades:read');
    const trade = await services.trades.findTrade((request.params as { trade: string }).trade);
    if (trade === undefined || trade.merchant_id !== merchant.id) throw new ApiError('trade_not_found', 'No trade of yours has this id.', 'trade');
    return { object: 'list' as const, data: (await services.splits.splits(trade.id)).map(splitBody), has_more: false };
  });
}
