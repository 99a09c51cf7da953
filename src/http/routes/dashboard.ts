// What the merchant dashboard of the web app reads besides the merchant API: the merchants the
// signed-in user belongs to (to pick one and act for it with Zhifu-Merchant), and the merchant's
// recent days in figures.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { memberRoles } from '../../identity/index.js';
import { reportDaysMax } from '../../settlement/index.js';
import type { Services } from '../../services.js';
import { ApiError } from '../errors.js';
import { CurrencySchema, writeAmount } from '../money-fields.js';
import { requireApiKey, requireUser, merchantRoute } from '../plugins/authentication.js';
import { merchantBody, MerchantSchema } from './merchants.js';

const MembershipSchema = Type.Object({
  ...MerchantSchema.properties,
  role: Type.Union(memberRoles.map((role) => Type.Literal(role)), { description: "Your role at the merchant; with Zhifu-Merchant you act with this role's scopes" }),
  joined_at: Type.String({ format: 'date-time' }),
});

const DaySchema = Type.Object({
  date: Type.String({ description: 'The business day, yyyy-MM-dd, China Standard Time' }),
  trades: Type.Integer({ description: 'Trades paid that day, whatever became of them since' }),
  volume: Type.String({ description: 'The sum of their amounts (a decimal amount)' }),
  fees: Type.String({ description: 'The fees on them as they stand now: taken when their money reached you, less what refunds gave back (a decimal amount)' }),
  refunds: Type.String({ description: 'Refunds made that day, on trades paid any day (a decimal amount)' }),
  currency: CurrencySchema,
});

export function registerDashboardRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/v1/me/merchants',
    {
      schema: {
        tags: ['merchants'],
        summary: 'The merchants you are a member of, the last joined first, with your role and their balance',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 100 }), starting_after: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(MembershipSchema), has_more: Type.Boolean() }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const query = request.query as { limit: number; starting_after?: string };
      const page = await services.merchants.memberships(user.id, query.limit, query.starting_after);
      if (page === undefined) throw new ApiError('cursor_invalid', 'starting_after is not a merchant you are a member of.', 'starting_after');
      const balances = await services.wallet.balances(page.data.map((membership) => membership.merchant.balanceAccountId));
      const data = page.data.map((membership) => ({ ...merchantBody(membership.merchant, balances.get(membership.merchant.balanceAccountId)!), role: membership.role, joined_at: membership.joinedAt.toISOString() }));
      return { object: 'list' as const, data, has_more: page.hasMore };
    },
  );

  app.get(
    '/v1/reports/daily',
    {
      config: merchantRoute,
      schema: {
        tags: ['reports'],
        summary: `Your last days (1 to ${reportDaysMax}, today last) in figures, per business day (CST): trades paid, their volume and fees, refunds made`,
        querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: reportDaysMax, default: 30 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ object: Type.Literal('daily_report'), currency: CurrencySchema, data: Type.Array(DaySchema) }) },
      },
    },
    async (request) => {
      const { merchant } = requireApiKey(request, 'trades:read');
      const figures = await services.reports.lastDays(merchant.id, (request.query as { days: number }).days);
      const money = (amount: bigint) => writeAmount(amount, 'CNY');
      return { object: 'daily_report' as const, currency: 'CNY', data: figures.map((day) => ({ date: day.date, trades: day.trades, volume: money(day.volume), fees: money(day.fees), refunds: money(day.refunds), currency: 'CNY' })) };
    },
  );
}
