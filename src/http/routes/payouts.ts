// Payouts over the REST API: a merchant's owner or admin sets the bank account it is paid out to
// and the schedule (daily, T+1, or manual), and reads both as the payout settings; with an API key,
// a merchant pays out on request and reads its payouts.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { isoTime } from '../../platform/clock.js';
import type { Services } from '../../services.js';
import type { PayoutFailure } from '../../settlement/index.js';
import type { MerchantPayoutAccountTable, PayoutTable } from '../../store/index.js';
import { ApiError } from '../errors.js';
import { AmountSchema, CurrencySchema, readAmount, writeAmount } from '../money-fields.js';
import { actedVia, requireApiKey, merchantRoute } from '../plugins/authentication.js';
import { requireMember } from './merchants.js';

const PayoutSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('payout'),
  amount: Type.String(),
  currency: Type.String(),
  status: Type.String(),
  failure_code: Type.Union([Type.String(), Type.Null()]),
  automatic_for: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
  settled_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

function payoutBody(payout: PayoutTable) {
  return { id: payout.id, object: 'payout' as const, amount: writeAmount(BigInt(payout.amount), 'CNY'), currency: 'CNY', status: payout.status, failure_code: payout.failure_code, automatic_for: payout.automatic_for, created_at: isoTime(payout.created_at), settled_at: isoTime(payout.settled_at) };
}

const messages: Record<PayoutFailure, string> = {
  payout_account_missing: 'Set the bank account to pay out to first (POST /v1/merchants/{id}/payout_account).',
  balance_insufficient: 'The balance is not enough for this payout.',
  card_number_invalid: 'The account number is not valid.',
};

const PayoutAccountSchema = Type.Object({ object: Type.Literal('payout_account'), brand: Type.String(), last4: Type.String(), created_at: Type.String({ format: 'date-time', description: 'When this account was set' }) });
const PayoutScheduleSchema = Type.Object({ object: Type.Literal('payout_schedule'), schedule: Type.String({ description: 'daily (T+1) or manual' }) });
const PayoutSettingsSchema = Type.Object({
  object: Type.Literal('payout_settings'),
  account: Type.Union([PayoutAccountSchema, Type.Null()], { description: 'The bank account payouts go to; null until one is set (nothing is paid out until then)' }),
  schedule: PayoutScheduleSchema.properties.schedule,
});

function payoutAccountBody(account: MerchantPayoutAccountTable) {
  return { object: 'payout_account' as const, brand: account.brand, last4: account.last4, created_at: isoTime(account.created_at) };
}

export function registerPayoutRoutes(app: FastifyInstance, services: Services): void {
  const params = Type.Object({ merchant: Type.String({ maxLength: 64 }) });
  const fail = (code: PayoutFailure, param: string | null = null): never => {
    throw new ApiError(code, messages[code], param);
  };

  app.get(
    '/v1/merchants/:merchant/payout_settings',
    {
      schema: {
        tags: ['payouts'],
        summary: 'Where and when the balance is paid out: the bank account (brand and last four digits, or null) and the schedule; owners and admins only',
        params,
        response: { 200: PayoutSettingsSchema },
      },
    },
    async (request) => {
      const merchant = await requireMember(services, request, ['owner', 'admin']);
      const account = await services.payouts.payoutAccount(merchant.id);
      return { object: 'payout_settings' as const, account: account === undefined ? null : payoutAccountBody(account), schedule: merchant.payoutSchedule };
    },
  );

  app.post(
    '/v1/merchants/:merchant/payout_account',
    {
      schema: {
        tags: ['payouts'],
        summary: 'Set the bank account (card number) the merchant is paid out to; owners and admins only',
        params,
        body: Type.Object({ number: Type.String({ maxLength: 32 }) }, { additionalProperties: false }),
        response: { 200: PayoutAccountSchema },
      },
    },
    async (request) => {
      const merchant = await requireMember(services, request, ['owner', 'admin'], { change: true });
      const set = await services.payouts.setPayoutAccount(merchant.id, (request.body as { number: string }).number);
      if (!set.ok) return fail(set.code, 'number');
      return payoutAccountBody(set.value);
    },
  );

  app.post(
    '/v1/merchants/:merchant/payout_schedule',
    {
      schema: {
        tags: ['payouts'],
        summary: 'Pay the balance out every day (daily, T+1) or only on request (manual); owners and admins only',
        params,
        body: Type.Object({ schedule: Type.Union([Type.Literal('daily'), Type.Literal('manual')]) }, { additionalProperties: false }),
        response: { 200: PayoutScheduleSchema },
      },
    },
    async (request) => {
      const merchant = await requireMember(services, request, ['owner', 'admin'], { change: true });
      const schedule = (request.body as { schedule: 'daily' | 'manual' }).schedule;
      await services.merchants.setPayoutSchedule(merchant.id, schedule);
      return { object: 'payout_schedule' as const, schedule };
    },
  );

  app.post(
    '/v1/payouts',
    {
      config: merchantRoute,
      schema: {
        tags: ['payouts'],
        summary: 'Pay out to the bank account now: the amount, or all that is available. Held, then posted when the bank pays or given back when it refuses',
        body: Type.Object({ amount: Type.Optional(AmountSchema), currency: CurrencySchema }, { additionalProperties: false }),
        response: { 201: PayoutSchema },
      },
    },
    async (request, reply) => {
      const credential = requireApiKey(request, 'payouts:write');
      const merchant = credential.merchant;
      const body = request.body as { amount?: string; currency: string };
      const amount = body.amount === undefined ? undefined : readAmount(body.amount, body.currency);
      const claim = request.idempotencyClaim;
      const key = `payout\n${merchant.id}\n${claim === undefined ? randomBytes(16).toString('hex') : `${claim.scope}\n${claim.key}`}`;
      const made = await services.payouts.payout(merchant, amount, key, null, actedVia(credential));
      if (!made.ok) return fail(made.code, made.code === 'balance_insufficient' ? 'amount' : null);
      return reply.code(201).send(payoutBody(made.value));
    },
  );

  app.get(
    '/v1/payouts',
    {
      config: merchantRoute,
      schema: {
        tags: ['payouts'],
        summary: 'Your payouts, newest first',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }), starting_after: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(PayoutSchema), has_more: Type.Boolean() }) },
      },
    },
    async (request) => {
      const { merchant } = requireApiKey(request, 'payouts:read');
      const query = request.query as { limit: number; starting_after?: string };
      const page = await services.payouts.payouts(merchant.id, query.limit, query.starting_after);
      if (page === undefined) throw new ApiError('cursor_invalid', 'starting_after is not the id of one of your payouts.', 'starting_after');
      return { object: 'list' as const, data: page.data.map(payoutBody), has_more: page.hasMore };
    },
  );

  app.get('/v1/payouts/:payout', { config: merchantRoute, schema: { tags: ['payouts'], summary: 'A payout', params: Type.Object({ payout: Type.String({ maxLength: 64 }) }), response: { 200: PayoutSchema } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'payouts:read');
    const id = (request.params as { payout: string }).payout;
    const payout = await services.payouts.findPayout(merchant.id, id);
    if (payout === undefined) throw new ApiError('resource_missing', `No payout ${id}.`, 'payout');
    return payoutBody(payout);
  });
}
