// The operator console's lists and overviews: users and merchants by search, the whole ledger per
// account code with the invariant check, the durable jobs, and webhook deliveries of every
// merchant (sent again from here like a merchant sends its own). Each within the operator's role.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { currencyByNumeric, formatAmount } from '../../money/index.js';
import { deliveryStatuses, type DeliveryStatus } from '../../notify/index.js';
import { isoTime } from '../../platform/clock.js';
import type { Services } from '../../services.js';
import { ApiError } from '../errors.js';
import { requireOperator } from '../plugins/authentication.js';
import { UserSchema, userBody } from './identity.js';
import { merchantBody, MerchantSchema } from './merchants.js';
import { replayRefused } from './webhooks.js';

const listOf = <T extends Parameters<typeof Type.Array>[0]>(schema: T) => Type.Object({ object: Type.Literal('list'), data: Type.Array(schema), has_more: Type.Boolean() });
const page = { limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), starting_after: Type.Optional(Type.String({ maxLength: 64 })) };
const searchQuery = Type.Object({ query: Type.Optional(Type.String({ maxLength: 254, description: 'Blank for all' })), ...page }, { additionalProperties: false });
/** A search's text, or undefined for a blank one (all). */
const searchOf = (query: { query?: string }) => (query.query?.trim() === '' ? undefined : query.query?.trim());

const balanceFields = ['debits_posted', 'credits_posted', 'debits_pending', 'credits_pending', 'balance'] as const;
const LedgerBalancesSchema = Object.fromEntries(balanceFields.map((field) => [field, Type.String()])) as Record<(typeof balanceFields)[number], ReturnType<typeof Type.String>>;

/** Summed balances on a ledger: decimal amounts when the ledger is an ISO 4217 number (156 CNY), else minor units. */
function ledgerBalances(ledger: number, totals: { debitsPosted: bigint; creditsPosted: bigint; debitsPending: bigint; creditsPending: bigint }) {
  const currency = currencyByNumeric(ledger)?.code;
  const amount = (value: bigint) => (currency === undefined ? value.toString() : formatAmount(value, currency));
  return {
    currency: currency ?? null,
    debits_posted: amount(totals.debitsPosted),
    credits_posted: amount(totals.creditsPosted),
    debits_pending: amount(totals.debitsPending),
    credits_pending: amount(totals.creditsPending),
    balance: amount(totals.creditsPosted - totals.debitsPosted),
  };
}

const AccountCodeSchema = Type.Object({
  ledger: Type.Integer(),
  currency: Type.Union([Type.String(), Type.Null()]),
  code: Type.Integer(),
  name: Type.Union([Type.String(), Type.Null()], { description: "What the code's accounts hold; null for a code the chart of accounts does not name" }),
  accounts: Type.Integer(),
  ...LedgerBalancesSchema,
});
const LedgerOverviewSchema = Type.Object({
  object: Type.Literal('ledger_overview'),
  account_codes: Type.Array(AccountCodeSchema, { description: 'balance is credits_posted − debits_posted: negative for accounts in debit (bank clearing)' }),
  check: Type.Object({
    ok: Type.Boolean(),
    checked_at: Type.String({ format: 'date-time' }),
    accounts: Type.Integer(),
    transfers: Type.Integer(),
    ledgers: Type.Array(Type.Object({ ledger: Type.Integer(), currency: Type.Union([Type.String(), Type.Null()]), accounts: Type.Integer(), ...LedgerBalancesSchema })),
    failure_count: Type.Integer(),
    failures: Type.Array(Type.Object({ rule: Type.String(), message: Type.String() })),
  }),
});

const JobSchema = Type.Object({
  name: Type.String(),
  object: Type.Literal('job'),
  runs: Type.Integer(),
  last_run_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  next_due_at: Type.String({ format: 'date-time' }),
  lease: Type.Union([Type.Object({ owner: Type.String(), expires_at: Type.String({ format: 'date-time' }), live: Type.Boolean() }), Type.Null()], { description: 'The process running the job and until when; live false when its process died before giving it back' }),
  last_error: Type.Union([Type.String(), Type.Null()], { description: "The last run's error; null when it succeeded" }),
});

const DeliverySchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('webhook_delivery'),
  merchant: Type.String(),
  channel: Type.String({ description: 'webhook, or alipay_notify (a gateway notification to a notify_url)' }),
  event: Type.String(),
  event_type: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  next_attempt_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  last_attempt_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  last_status_code: Type.Union([Type.Integer(), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
});

export function registerOperatorConsoleRoutes(app: FastifyInstance, services: Services): void {
  app.get(
    '/v1/operator/users',
    { schema: { tags: ['operator'], summary: 'Users, newest first: all, or by exact id or the start of a phone or email (support, risk, admin)', querystring: searchQuery, response: { 200: listOf(UserSchema) } } },
    async (request) => {
      requireOperator(request, 'users:read');
      const query = request.query as { query?: string; limit: number; starting_after?: string };
      const found = await services.identity.listUsers(searchOf(query), query.limit, query.starting_after);
      if (found === undefined) throw new ApiError('cursor_invalid', 'starting_after is not a user id.', 'starting_after');
      return { object: 'list' as const, data: found.data.map(userBody), has_more: found.hasMore };
    },
  );

  app.get(
    '/v1/operator/merchants',
    { schema: { tags: ['operator'], summary: 'Merchants, newest first: all, or by exact id or part of the name (support, risk, finance, admin)', querystring: searchQuery, response: { 200: listOf(MerchantSchema) } } },
    async (request) => {
      requireOperator(request, 'merchants:read');
      const query = request.query as { query?: string; limit: number; starting_after?: string };
      const found = await services.merchants.searchMerchants(searchOf(query), query.limit, query.starting_after);
      if (found === undefined) throw new ApiError('cursor_invalid', 'starting_after is not a merchant id.', 'starting_after');
      const balances = await services.wallet.balances(found.data.map((merchant) => merchant.balanceAccountId));
      return { object: 'list' as const, data: found.data.map((merchant) => merchantBody(merchant, balances.get(merchant.balanceAccountId)!)), has_more: found.hasMore };
    },
  );

  app.get(
    '/v1/operator/ledger',
    { schema: { tags: ['operator'], summary: 'The ledger per account code (accounts, sums of their balances) and the invariant check of `zhifu ledger check`, run at most once a minute (finance, risk, admin)', response: { 200: LedgerOverviewSchema } } },
    async (request) => {
      requireOperator(request, 'ledger:read');
      const [totals, check] = await Promise.all([services.ledgerOverview.totals(), services.ledgerOverview.check()]);
      const { report } = check;
      return {
        object: 'ledger_overview' as const,
        account_codes: totals.map((row) => ({ ledger: row.ledger, code: row.code, name: row.name, accounts: row.accounts, ...ledgerBalances(row.ledger, row) })),
        check: {
          ok: report.ok,
          checked_at: check.checkedAt.toISOString(),
          accounts: report.accounts,
          transfers: report.transfers,
          ledgers: report.ledgers.map((ledger) => ({ ledger: ledger.ledger, accounts: ledger.accounts, ...ledgerBalances(ledger.ledger, ledger) })),
          failure_count: report.failureCount,
          failures: report.failures.map((failure) => ({ rule: failure.rule, message: failure.message })),
        },
      };
    },
  );

  app.get('/v1/operator/jobs', { schema: { tags: ['operator'], summary: 'The durable background jobs: last run, next due, lease, last error (support, admin)', response: { 200: listOf(JobSchema) } } }, async (request) => {
    requireOperator(request, 'jobs:read');
    const now = services.clock.now().getTime();
    const data = (await services.jobs.list()).map((job) => ({
      name: job.name,
      object: 'job' as const,
      runs: Number(job.runs),
      last_run_at: isoTime(job.last_run_at),
      next_due_at: isoTime(job.due_at),
      lease: job.lease_owner === null || job.lease_until === null ? null : { owner: job.lease_owner, expires_at: isoTime(job.lease_until), live: Number(job.lease_until) > now },
      last_error: job.last_error,
    }));
    return { object: 'list' as const, data, has_more: false };
  });

  app.get(
    '/v1/operator/webhook_deliveries',
    {
      schema: {
        tags: ['operator'],
        summary: "Webhook deliveries and gateway notifications of every merchant, newest first, by status (support, admin)",
        querystring: Type.Object({ status: Type.Optional(Type.Union(deliveryStatuses.map((status) => Type.Literal(status)))), ...page }, { additionalProperties: false }),
        response: { 200: listOf(DeliverySchema) },
      },
    },
    async (request) => {
      requireOperator(request, 'webhooks:read');
      const query = request.query as { status?: DeliveryStatus; limit: number; starting_after?: string };
      const found = await services.webhooks.allDeliveries(query.status, query.limit, query.starting_after);
      const data = found.data.map((delivery) => ({
        id: delivery.id,
        object: 'webhook_delivery' as const,
        merchant: delivery.merchant_id,
        channel: delivery.channel,
        event: delivery.event_id,
        event_type: delivery.event_type,
        status: delivery.status,
        attempts: Number(delivery.attempts),
        next_attempt_at: delivery.status === 'pending' ? isoTime(delivery.next_attempt_at) : null,
        last_attempt_at: isoTime(delivery.last_attempt_at),
        last_status_code: delivery.last_status_code === null ? null : Number(delivery.last_status_code),
        last_error: delivery.last_error,
        url: delivery.url,
        created_at: isoTime(delivery.created_at),
      }));
      return { object: 'list' as const, data, has_more: found.hasMore };
    },
  );

  app.post(
    '/v1/operator/webhook_deliveries/:delivery/replay',
    { schema: { tags: ['operator'], summary: "Send any merchant's delivery again now (support, admin)", description: 'Refused, changing nothing, with 409 webhook_delivery_sending while an attempt of the delivery is being sent, with 409 webhook_endpoint_disabled when its endpoint is disabled, and with 409 app_disabled when it is a gateway notification of a disabled app.', params: Type.Object({ delivery: Type.String({ maxLength: 64 }) }), response: { 202: Type.Object({ id: Type.String(), object: Type.Literal('webhook_delivery'), status: Type.Literal('pending') }) } } },
    async (request, reply) => {
      const operator = requireOperator(request, 'webhooks:replay');
      const id = (request.params as { delivery: string }).delivery;
      const replayed = await services.webhooks.replayDelivery(undefined, id, services.operatorActions.lineOf({ operatorId: operator.id, action: 'webhook_delivery.replay', target: { type: 'webhook_delivery', id } }));
      if (!replayed.ok) throw replayRefused(replayed.code, id);
      return reply.code(202).send({ id, object: 'webhook_delivery' as const, status: 'pending' as const });
    },
  );
}
