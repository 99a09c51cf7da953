// Trades over the REST API. Merchants, with a secret API key, create escrow and direct trades,
// ship, extend, close and refund them; buyers, signed in, see their orders, pay them from the
// wallet with the PIN, confirm receipt (all or item by item) and extend once.

import { isoTime } from '../../platform/clock.js';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import type { TradeRefundTable, TradeTable } from '../../store/index.js';
import { publicTrade, tradeItemsMax, tradeKinds, tradeStatuses, type TradeFailure, type TradeKind, type TradeMerchant, type TradeOutcome, type TradeStatus } from '../../trades/index.js';
import { ApiError } from '../errors.js';
import { AmountSchema, CurrencySchema, readAmount, writeAmount } from '../money-fields.js';
import { actedVia, actingMerchant, requireApiKey, requireUser, merchantRoute } from '../plugins/authentication.js';
import { unwrap } from './identity.js';
import { apiKeyReaders } from './merchants.js';
import { BuyerEventSchema, EventSchema, tradeTimeline, type TimelineViewer } from './trade-timeline.js';

const messages: Record<TradeFailure, string> = {
  trade_not_found: 'No trade of yours has this id.',
  out_trade_no_taken: 'A trade with this out_trade_no exists with other terms; use a new out_trade_no.',
  timeout_express_invalid: 'timeout_express must be 1m to 15d in whole m, h or d, or 1c (end of today).',
  items_total_mismatch: "The items' amounts must add up to the trade's amount.",
  trade_status_invalid: 'The trade is not in a state that allows this.',
  trade_closed: 'The trade is closed.',
  trade_buyer_mismatch: 'This trade is for another buyer.',
  balance_insufficient: 'The balance is not enough for this payment.',
  daily_limit_exceeded: "This payment would pass today's limit on money leaving the wallet for your KYC tier; verify your identity to pay more.",
  item_invalid: 'Name items of this trade by position, each once, not yet confirmed.',
  extension_invalid: 'The seller may extend by 3, 5, 7 or 10 days; the buyer once, by 3 days, when 3 days or fewer remain.',
  refund_amount_too_large: 'The refund is more than what is left of the trade.',
  refund_request_conflict: 'This out_request_no was used for a refund of another amount.',
  refund_unfundable: "The merchant's balance cannot fund this refund; nothing was moved.",
  trade_changed: 'The trade changed while this request ran; read it again and retry.',
  trade_disputed: "The trade is in dispute: its money waits for an operator's decision.",
  dispute_not_allowed: 'Only an escrow trade whose money is still held, and not disputed before, can be disputed.',
  dispute_not_found: 'No dispute here.',
  dispute_status_invalid: 'The dispute is not in a state that allows this.',
  split_receiver_invalid: 'Every receiver (trans_in) must be another active merchant.',
  split_amount_too_large: 'The splits add up to more than this trade left you (released to you, less its fee and refunds) and is not split already.',
  split_request_conflict: 'This out_request_no was used for a split with other royalties.',
  refund_request_exists: 'A refund request of this trade is waiting for the seller already.',
  refund_request_not_found: 'This trade has no refund request waiting.',
  refund_request_pending: "A refund request waits for the seller's answer: accept or decline it first.",
  test_clock_not_found: 'No test clock of yours has this id.',
};

export function tradeValue<T>(outcome: TradeOutcome<T>, param: string | null = null): T {
  if (outcome.ok) return outcome.value;
  throw new ApiError(outcome.code, messages[outcome.code], param);
}

const ItemSchema = Type.Object({ position: Type.Integer(), name: Type.String(), amount: Type.String(), status: Type.String() });
export const TradeSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('trade'),
  kind: Type.String(),
  merchant: Type.String(),
  merchant_name: Type.Optional(Type.String({ description: "The merchant's name, in a buyer's answers (/v1/orders), so that the payer sees whom they pay" })),
  out_trade_no: Type.String(),
  subject: Type.String(),
  amount: Type.String(),
  currency: Type.String(),
  status: Type.String(),
  buyer: Type.Union([Type.String(), Type.Null()]),
  held_amount: Type.String(),
  released_amount: Type.String(),
  fee_amount: Type.String(),
  refunded_amount: Type.String(),
  dispute_status: Type.Union([Type.String(), Type.Null()]),
  test_clock: Type.Union([Type.String(), Type.Null()]),
  pay_deadline: Type.String({ format: 'date-time' }),
  paid_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  shipping: Type.Union([Type.Object({ carrier: Type.String(), tracking_number: Type.String(), shipped_at: Type.String({ format: 'date-time' }) }), Type.Null()]),
  confirm_deadline: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  refund_deadline: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  items: Type.Array(ItemSchema),
  created_at: Type.String({ format: 'date-time' }),
});
const RefundSchema = Type.Object({ id: Type.String(), object: Type.Literal('refund'), trade: Type.String(), out_request_no: Type.String(), amount: Type.String(), from_hold: Type.String(), from_balance: Type.String(), fee_returned: Type.String(), reason: Type.Union([Type.String(), Type.Null()]), status: Type.String(), created_at: Type.String({ format: 'date-time' }) });
const listOf = <T extends Parameters<typeof Type.Array>[0]>(schema: T) => Type.Object({ object: Type.Literal('list'), data: Type.Array(schema), has_more: Type.Boolean() });
const tradeParams = Type.Object({ trade: Type.String({ maxLength: 64 }) });
const listQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }), starting_after: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false });
const tradeListQuery = Type.Object(
  {
    ...listQuery.properties,
    status: Type.Optional(Type.Union(tradeStatuses.map((status) => Type.Literal(status)))),
    kind: Type.Optional(Type.Union(tradeKinds.map((kind) => Type.Literal(kind)))),
    q: Type.Optional(Type.String({ maxLength: 256, description: 'An exact trade id or out_trade_no, or part of the subject (ignoring case); blank for all' })),
  },
  { additionalProperties: false },
);

const time = isoTime;
const money = (value: string, currency: string) => writeAmount(BigInt(value), currency);

function refundBody(refund: TradeRefundTable) {
  return { id: refund.id, object: 'refund' as const, trade: refund.trade_id, out_request_no: refund.out_request_no, amount: money(refund.amount, 'CNY'), from_hold: money(refund.from_hold, 'CNY'), from_balance: money(refund.from_balance, 'CNY'), fee_returned: money(refund.fee_returned, 'CNY'), reason: refund.reason, status: refund.status, created_at: time(refund.created_at)! };
}

export function registerTradeRoutes(app: FastifyInstance, services: Services): void {
  const { trades } = services;
  const withItems = async (trade: TradeTable) => publicTrade(trade, await trades.items(trade.id));
  // A buyer sees whom they pay by name, not only by the merchant's id (`merchant`: already read).
  const forBuyer = async (trade: TradeTable, merchant?: { readonly name: string }) => {
    const named = merchant ?? (await services.merchants.findMerchant(trade.merchant_id));
    return { ...(await withItems(trade)), ...(named === undefined ? {} : { merchant_name: named.name }) };
  };
  const merchantOf = async (merchantId: string): Promise<TradeMerchant & { readonly name: string }> => {
    const merchant = await services.merchants.findMerchant(merchantId);
    if (merchant === undefined) throw new Error(`trades: no merchant ${merchantId}`);
    return merchant;
  };
  const merchantTrade = async (merchantId: string, tradeId: string) => {
    const trade = await trades.findTrade(tradeId);
    if (trade === undefined || trade.merchant_id !== merchantId) throw new ApiError('trade_not_found', messages.trade_not_found, 'trade');
    return trade;
  };
  // A buyer sees their own orders, and an unpaid trade meant for anyone (a QR code), so as to pay it.
  const buyerTrade = async (userId: string, tradeId: string) => {
    const trade = await trades.findTrade(tradeId);
    const open = trade !== undefined && trade.buyer_user_id === null && trade.status === 'WAIT_BUYER_PAY';
    if (trade === undefined || (trade.buyer_user_id !== userId && !open)) throw new ApiError('trade_not_found', messages.trade_not_found, 'trade');
    return trade;
  };
  const eventsBody = async (trade: TradeTable, viewer: TimelineViewer) => ({ object: 'list' as const, data: await tradeTimeline(services, trade, viewer), has_more: false });

  app.post(
    '/v1/trades',
    {
      config: merchantRoute,
      schema: {
        tags: ['trades'],
        summary: 'Create a trade waiting for payment: escrow (held until the buyer confirms receipt) or direct (paid to you at once)',
        body: Type.Object(
          {
            kind: Type.Union([Type.Literal('escrow'), Type.Literal('direct')]),
            out_trade_no: Type.String({ minLength: 1, maxLength: 64 }),
            subject: Type.String({ minLength: 1, maxLength: 256 }),
            amount: AmountSchema,
            currency: CurrencySchema,
            buyer: Type.Optional(Type.String({ maxLength: 254, description: 'The buyer by user id, phone or email; any payer when absent' })),
            timeout_express: Type.Optional(Type.String({ maxLength: 8 })),
            test_clock: Type.Optional(Type.String({ maxLength: 64, description: 'Sandbox: a test clock of yours; the trade lives in its simulated time' })),
            items: Type.Optional(Type.Array(Type.Object({ name: Type.String({ minLength: 1, maxLength: 256 }), amount: AmountSchema }, { additionalProperties: false }), { minItems: 1, maxItems: tradeItemsMax })),
          },
          { additionalProperties: false },
        ),
        response: { 201: TradeSchema },
      },
    },
    async (request, reply) => {
      const key = requireApiKey(request, 'trades:write');
      const merchant = key.merchant;
      const body = request.body as { kind: 'escrow' | 'direct'; out_trade_no: string; subject: string; amount: string; currency: string; buyer?: string; timeout_express?: string; items?: { name: string; amount: string }[]; test_clock?: string };
      const amount = readAmount(body.amount, body.currency);
      const items = body.items?.map((item, index) => ({ name: item.name, amount: readAmount(item.amount, body.currency, `items[${index}].amount`) }));
      let buyerUserId: string | undefined;
      if (body.buyer !== undefined) {
        const buyer = await services.identity.findUser(body.buyer);
        if (buyer === undefined) throw new ApiError('resource_missing', `No user ${body.buyer}.`, 'buyer');
        buyerUserId = buyer.id;
      }
      const created = await trades.createTrade(merchant, actedVia(key), { kind: body.kind, outTradeNo: body.out_trade_no, subject: body.subject, amount, ...(buyerUserId === undefined ? {} : { buyerUserId }), ...(body.timeout_express === undefined ? {} : { timeoutExpress: body.timeout_express }), ...(items === undefined ? {} : { items }), ...(body.test_clock === undefined ? {} : { testClockId: body.test_clock }) });
      const trade = tradeValue(created, !created.ok && created.code === 'test_clock_not_found' ? 'test_clock' : 'out_trade_no');
      return reply.code(201).send(await withItems(trade));
    },
  );

  app.get('/v1/trades', { config: merchantRoute, schema: { tags: ['trades'], summary: 'Your trades, newest first; by status, kind, and q (an exact id or out_trade_no, or part of the subject)', querystring: tradeListQuery, response: { 200: listOf(TradeSchema) } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'trades:read');
    const query = request.query as { limit: number; starting_after?: string; status?: TradeStatus; kind?: TradeKind; q?: string };
    const q = query.q?.trim() ?? '';
    const page = await trades.listTrades({ merchantId: merchant.id }, query.limit, query.starting_after, { ...(query.status === undefined ? {} : { status: query.status }), ...(query.kind === undefined ? {} : { kind: query.kind }), ...(q === '' ? {} : { q }) });
    if (!page.ok) throw new ApiError('cursor_invalid', 'starting_after is not the id of one of your trades.', 'starting_after');
    return { object: 'list' as const, data: await Promise.all(page.value.data.map(withItems)), has_more: page.value.hasMore };
  });

  app.get('/v1/trades/:trade', { config: merchantRoute, schema: { tags: ['trades'], summary: 'A trade', params: tradeParams, response: { 200: TradeSchema } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'trades:read');
    return withItems(await merchantTrade(merchant.id, (request.params as { trade: string }).trade));
  });

  app.get('/v1/trades/:trade/events', { config: merchantRoute, schema: { tags: ['trades'], summary: "A trade's timeline: who did what, when", params: tradeParams, response: { 200: listOf(EventSchema) } } }, async (request) => {
    const { merchant, memberRole } = requireApiKey(request, 'trades:read');
    // Key prefixes go to the members who may list the keys; an API key sees key ids only.
    const seesKeys = memberRole !== undefined && apiKeyReaders.includes(memberRole);
    return eventsBody(await merchantTrade(merchant.id, (request.params as { trade: string }).trade), { as: 'merchant', seesKeys });
  });

  app.post(
    '/v1/trades/:trade/ship',
    { config: merchantRoute, schema: { tags: ['trades'], summary: 'Ship an escrow trade; the buyer has 10 days to confirm receipt', params: tradeParams, body: Type.Object({ carrier: Type.String({ minLength: 1, maxLength: 64 }), tracking_number: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), response: { 200: TradeSchema } } },
    async (request) => {
      const seller = actingMerchant(requireApiKey(request, 'trades:write'));
      const body = request.body as { carrier: string; tracking_number: string };
      return withItems(tradeValue(await trades.ship((request.params as { trade: string }).trade, seller, body.carrier, body.tracking_number), 'trade'));
    },
  );

  app.post(
    '/v1/trades/:trade/extend',
    { config: merchantRoute, schema: { tags: ['trades'], summary: "Extend the buyer's confirmation deadline by 3, 5, 7 or 10 days", params: tradeParams, body: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 10 }) }, { additionalProperties: false }), response: { 200: TradeSchema } } },
    async (request) => {
      const seller = actingMerchant(requireApiKey(request, 'trades:write'));
      return withItems(tradeValue(await trades.extend((request.params as { trade: string }).trade, seller, (request.body as { days: number }).days), 'days'));
    },
  );

  app.post('/v1/trades/:trade/close', { config: merchantRoute, schema: { tags: ['trades'], summary: 'Close an unpaid trade', params: tradeParams, response: { 200: TradeSchema } } }, async (request) => {
    const seller = actingMerchant(requireApiKey(request, 'trades:write'));
    return withItems(tradeValue(await trades.close((request.params as { trade: string }).trade, seller), 'trade'));
  });

  app.post(
    '/v1/trades/:trade/refunds',
    {
      config: merchantRoute,
      schema: {
        tags: ['trades'],
        summary: 'Refund part or all of a paid trade, once per out_request_no: from the hold while money is held, else from your balance',
        params: tradeParams,
        body: Type.Object({ amount: AmountSchema, currency: CurrencySchema, out_request_no: Type.String({ minLength: 1, maxLength: 64 }), reason: Type.Optional(Type.String({ maxLength: 256 })) }, { additionalProperties: false }),
        response: { 201: RefundSchema },
      },
    },
    async (request, reply) => {
      const key = requireApiKey(request, 'refunds:write');
      const body = request.body as { amount: string; currency: string; out_request_no: string; reason?: string };
      const amount = readAmount(body.amount, body.currency);
      const refund = tradeValue(await trades.refund((request.params as { trade: string }).trade, key.merchant, actedVia(key), { amount, outRequestNo: body.out_request_no, reason: body.reason ?? null }), 'amount');
      return reply.code(201).send(refundBody(refund));
    },
  );

  app.get('/v1/trades/:trade/refunds', { config: merchantRoute, schema: { tags: ['trades'], summary: "A trade's refunds", params: tradeParams, response: { 200: listOf(RefundSchema) } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'trades:read');
    const trade = await merchantTrade(merchant.id, (request.params as { trade: string }).trade);
    return { object: 'list' as const, data: (await trades.refunds(trade.id)).map(refundBody), has_more: false };
  });

  // The buyer's side.
  app.get('/v1/orders', { schema: { tags: ['orders'], summary: 'Your orders (trades you paid or were named buyer of), newest first', querystring: listQuery, response: { 200: listOf(TradeSchema) } } }, async (request) => {
    const user = requireUser(request);
    const query = request.query as { limit: number; starting_after?: string };
    const page = await trades.listTrades({ buyerUserId: user.id }, query.limit, query.starting_after);
    if (!page.ok) throw new ApiError('cursor_invalid', 'starting_after is not the id of one of your orders.', 'starting_after');
    return { object: 'list' as const, data: await Promise.all(page.value.data.map((trade) => forBuyer(trade))), has_more: page.value.hasMore };
  });

  app.get('/v1/orders/:trade', { schema: { tags: ['orders'], summary: 'An order, or an unpaid trade open to any payer', params: tradeParams, response: { 200: TradeSchema } } }, async (request) => {
    return forBuyer(await buyerTrade(requireUser(request).id, (request.params as { trade: string }).trade));
  });

  app.get('/v1/orders/:trade/events', { schema: { tags: ['orders'], summary: "An order's timeline", params: tradeParams, response: { 200: listOf(BuyerEventSchema) } } }, async (request) => {
    return eventsBody(await buyerTrade(requireUser(request).id, (request.params as { trade: string }).trade), { as: 'buyer' });
  });

  app.post(
    '/v1/orders/:trade/pay',
    { schema: { tags: ['orders'], summary: 'Pay a trade from your balance, with the payment PIN', params: tradeParams, body: Type.Object({ pin: Type.String({ maxLength: 6 }) }, { additionalProperties: false }), response: { 200: TradeSchema } } },
    async (request) => {
      const user = requireUser(request);
      const trade = await buyerTrade(user.id, (request.params as { trade: string }).trade);
      unwrap(await services.identity.checkPin(user.id, (request.body as { pin: string }).pin), 'pin');
      const merchant = await merchantOf(trade.merchant_id);
      return forBuyer(tradeValue(await trades.pay(trade.id, user, merchant), 'trade'), merchant);
    },
  );

  app.post(
    '/v1/orders/:trade/confirm',
    {
      schema: {
        tags: ['orders'],
        summary: 'Confirm receipt, with the payment PIN: the held money goes to the seller (all of it, or the items named)',
        params: tradeParams,
        body: Type.Object({ pin: Type.String({ maxLength: 6 }), items: Type.Optional(Type.Array(Type.Integer({ minimum: 0, maximum: tradeItemsMax - 1 }), { minItems: 1, maxItems: tradeItemsMax })) }, { additionalProperties: false }),
        response: { 200: TradeSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const body = request.body as { pin: string; items?: number[] };
      const trade = await buyerTrade(user.id, (request.params as { trade: string }).trade);
      unwrap(await services.identity.checkPin(user.id, body.pin), 'pin');
      const merchant = await merchantOf(trade.merchant_id);
      return forBuyer(tradeValue(await trades.confirm(trade.id, { kind: 'buyer', id: user.id }, merchant, body.items), 'items'), merchant);
    },
  );

  app.post(
    '/v1/orders/:trade/extend',
    { schema: { tags: ['orders'], summary: 'Ask 3 more days to confirm receipt (once, when 3 days or fewer remain)', params: tradeParams, response: { 200: TradeSchema } } },
    async (request) => {
      const user = requireUser(request);
      const trade = await buyerTrade(user.id, (request.params as { trade: string }).trade);
      return forBuyer(tradeValue(await trades.extend(trade.id, { kind: 'buyer', id: user.id }, 3), 'trade'));
    },
  );
}
