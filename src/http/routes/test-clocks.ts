// Sandbox test clocks over the REST API. A merchant (secret key) makes clocks, makes trades on
// them (POST /v1/trades with test_clock) and advances them; an operator (support, risk, admin) may
// see and advance every clock, from the console. Production refuses them.

import { Type } from 'typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isoTime } from '../../platform/clock.js';
import type { Services } from '../../services.js';
import type { TestClockTable } from '../../store/index.js';
import type { TestClockFailure } from '../../trades/index.js';
import { ApiError } from '../errors.js';
import { nameField } from '../validation.js';
import { requireApiKey, requireOperator, merchantRoute } from '../plugins/authentication.js';

const ClockSchema = Type.Object({ id: Type.String(), object: Type.Literal('test_clock'), name: Type.String(), frozen_time: Type.String({ format: 'date-time' }), merchant: Type.Union([Type.String(), Type.Null()]), created_at: Type.String({ format: 'date-time' }) });
const clockBody = (clock: TestClockTable) => ({ id: clock.id, object: 'test_clock' as const, name: clock.name, frozen_time: isoTime(clock.frozen_time), merchant: clock.merchant_id, created_at: isoTime(clock.created_at) });

const messages: Record<TestClockFailure, string> = {
  test_clocks_unavailable: 'Test clocks exist in sandbox mode only.',
  test_clock_not_found: 'No test clock of yours has this id.',
  test_clock_time_invalid: 'A clock only moves forward, by at most 366 days at a time.',
  test_clock_limit_reached: 'You have the most test clocks allowed; delete one first.',
};

/** Whose clocks the caller sees: a merchant's own (by secret key), or every clock (an operator). */
function owner(request: FastifyRequest, write: boolean): { merchantId: string | undefined } {
  if (request.apiKey !== undefined) return { merchantId: requireApiKey(request, write ? 'trades:write' : 'trades:read').merchant.id };
  requireOperator(request, 'test_clocks:manage');
  return { merchantId: undefined };
}

export function registerTestClockRoutes(app: FastifyInstance, services: Services): void {
  const fail = (code: TestClockFailure, param: string | null = null): never => {
    throw new ApiError(code, messages[code], param);
  };
  const merchantOf = async (merchantId: string) => (await services.merchants.findMerchant(merchantId))!;
  const params = Type.Object({ clock: Type.String({ maxLength: 64 }) });

  app.post(
    '/v1/test_clocks',
    {
      config: merchantRoute,
      schema: {
        tags: ['test clocks'],
        summary: 'Make a test clock (sandbox): trades made on it live in its simulated time',
        body: Type.Object({ name: nameField(100), frozen_time: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false }),
        response: { 201: ClockSchema },
      },
    },
    async (request, reply) => {
      const { merchantId } = owner(request, true);
      const body = request.body as { name: string; frozen_time?: string };
      const created = await services.testClocks.create(merchantId ?? null, body.name, body.frozen_time === undefined ? undefined : Date.parse(body.frozen_time));
      if (!created.ok) return fail(created.code);
      return reply.code(201).send(clockBody(created.value));
    },
  );

  app.get('/v1/test_clocks', { config: merchantRoute, schema: { tags: ['test clocks'], summary: 'Your test clocks (every clock, for an operator)', response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(ClockSchema), has_more: Type.Boolean() }) } } }, async (request) => {
    const { merchantId } = owner(request, false);
    return { object: 'list' as const, data: (await services.testClocks.list(merchantId)).map(clockBody), has_more: false };
  });

  app.get('/v1/test_clocks/:clock', { config: merchantRoute, schema: { tags: ['test clocks'], summary: 'A test clock', params, response: { 200: ClockSchema } } }, async (request) => {
    const { merchantId } = owner(request, false);
    const clock = await services.testClocks.find((request.params as { clock: string }).clock, merchantId);
    if (clock === undefined) return fail('test_clock_not_found', 'clock');
    return clockBody(clock);
  });

  app.post(
    '/v1/test_clocks/:clock/advance',
    {
      config: merchantRoute,
      schema: {
        tags: ['test clocks'],
        summary: 'Move a test clock forward (to frozen_time, or by days and seconds) and run everything that falls due on it',
        params,
        body: Type.Object({ frozen_time: Type.Optional(Type.String({ format: 'date-time' })), days: Type.Optional(Type.Integer({ minimum: 0, maximum: 366 })), seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 31_622_400 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ...ClockSchema.properties, trades_moved: Type.Integer() }) },
      },
    },
    async (request) => {
      const { merchantId } = owner(request, true);
      const id = (request.params as { clock: string }).clock;
      const body = request.body as { frozen_time?: string; days?: number; seconds?: number };
      const clock = await services.testClocks.find(id, merchantId);
      if (clock === undefined) return fail('test_clock_not_found', 'clock');
      const by = (body.days ?? 0) * 86_400_000 + (body.seconds ?? 0) * 1000;
      if ((body.frozen_time === undefined) === (by === 0)) throw new ApiError('parameter_invalid', 'Give frozen_time, or days and/or seconds.', 'frozen_time');
      const to = body.frozen_time === undefined ? Number(clock.frozen_time) + by : Date.parse(body.frozen_time);
      const advanced = await services.testClocks.advance(id, merchantId, to, merchantOf);
      if (!advanced.ok) return fail(advanced.code, 'frozen_time');
      return { ...clockBody(advanced.value.clock), trades_moved: advanced.value.moved };
    },
  );
}
