// Webhook endpoints over the API (secret key): register an endpoint (its signing secret is shown
// once), list them, read one and disable one, read an endpoint's delivery log, and send a delivery again
// (refused while an attempt of it is being sent, or when its endpoint is disabled).

import { isoTime } from '../../platform/clock.js';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { appTarget, type DeliveryWithAttempts, type ReplayFailure } from '../../notify/index.js';
import type { Services } from '../../services.js';
import type { WebhookEndpointTable } from '../../store/index.js';
import { ApiError } from '../errors.js';
import { requireApiKey, merchantRoute } from '../plugins/authentication.js';

const EndpointSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('webhook_endpoint'),
  url: Type.String(),
  events: Type.Array(Type.String()),
  status: Type.String(),
  secret: Type.Optional(Type.String({ description: 'The signing secret: in the answer that creates the endpoint, never again' })),
  created_at: Type.String({ format: 'date-time' }),
});
const DeliverySchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('webhook_delivery'),
  event: Type.String(),
  event_type: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  next_attempt_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  last_error: Type.Union([Type.String(), Type.Null()], { description: "Why the last attempt failed, or why the delivery was dropped ('endpoint disabled', 'app disabled'); null after a success" }),
  attempts_log: Type.Array(Type.Object({ attempt: Type.Integer(), at: Type.String({ format: 'date-time' }), status_code: Type.Union([Type.Integer(), Type.Null()]), error: Type.Union([Type.String(), Type.Null()]), duration_ms: Type.Integer() })),
});

const time = isoTime;

function endpointBody(endpoint: WebhookEndpointTable, withSecret = false) {
  return { id: endpoint.id, object: 'webhook_endpoint' as const, url: endpoint.url, events: endpoint.event_types.split(','), status: endpoint.status, ...(withSecret ? { secret: endpoint.secret } : {}), created_at: time(endpoint.created_at)! };
}

function deliveryBody(delivery: DeliveryWithAttempts) {
  return {
    id: delivery.id,
    object: 'webhook_delivery' as const,
    event: delivery.event_id,
    event_type: delivery.event_type,
    status: delivery.status,
    attempts: Number(delivery.attempts),
    next_attempt_at: delivery.status === 'pending' ? time(delivery.next_attempt_at) : null,
    last_error: delivery.last_error,
    attempts_log: delivery.attempts_log.map((attempt) => ({ attempt: Number(attempt.attempt), at: time(attempt.at)!, status_code: attempt.status_code === null ? null : Number(attempt.status_code), error: attempt.error, duration_ms: Number(attempt.duration_ms) })),
  };
}

const messages = {
  webhook_url_invalid: 'The URL must be http or https, without credentials, at most 2,048 characters, and (in production) on a public address.',
  webhook_endpoint_limit_reached: 'This merchant has the most enabled endpoints allowed; disable one first.',
  event_type_invalid: 'An event type is "*", "<object>.<event>" (trade.paid) or "<object>.*".',
  webhook_delivery_sending: 'An attempt of this delivery is being sent right now; its outcome is in the delivery log within seconds. Replay it after that if it failed.',
  webhook_endpoint_disabled: "This delivery's webhook endpoint is disabled: nothing more is sent to it.",
  app_disabled: "This notification's gateway app is disabled: nothing more is sent for its trades.",
} as const;

/** The answer to a refused replay, a merchant's or an operator's. */
export function replayRefused(code: ReplayFailure, deliveryId: string): ApiError {
  if (code === 'delivery_not_found') return new ApiError('resource_missing', `No webhook delivery ${deliveryId}.`, 'delivery');
  return new ApiError(code, messages[code], 'delivery');
}

export function registerWebhookRoutes(app: FastifyInstance, services: Services): void {
  const { webhooks } = services;
  const endpointParams = Type.Object({ endpoint: Type.String({ maxLength: 64 }) });

  app.post(
    '/v1/webhook_endpoints',
    {
      config: merchantRoute,
      schema: {
        tags: ['webhooks'],
        summary: 'Register an endpoint for events (all, or the types named); the answer holds its signing secret, once',
        body: Type.Object({ url: Type.String({ minLength: 1, maxLength: 2048 }), events: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { minItems: 1, maxItems: 32 })) }, { additionalProperties: false }),
        response: { 201: EndpointSchema },
      },
    },
    async (request, reply) => {
      const { merchant } = requireApiKey(request, 'webhooks:write');
      const body = request.body as { url: string; events?: string[] };
      const created = await webhooks.createEndpoint(merchant.id, body.url, body.events ?? ['*']);
      if (!created.ok) throw new ApiError(created.code, messages[created.code], created.code === 'event_type_invalid' ? 'events' : 'url');
      return reply.code(201).send(endpointBody(created.endpoint, true));
    },
  );

  app.get('/v1/webhook_endpoints', { config: merchantRoute, schema: { tags: ['webhooks'], summary: 'Your webhook endpoints', response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(EndpointSchema), has_more: Type.Boolean() }) } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'merchant:read');
    return { object: 'list' as const, data: (await webhooks.endpoints(merchant.id)).map((endpoint) => endpointBody(endpoint)), has_more: false };
  });

  app.get('/v1/webhook_endpoints/:endpoint', { config: merchantRoute, schema: { tags: ['webhooks'], summary: 'One of your webhook endpoints (never its secret)', params: endpointParams, response: { 200: EndpointSchema } } }, async (request) => {
    const { merchant } = requireApiKey(request, 'merchant:read');
    const id = (request.params as { endpoint: string }).endpoint;
    const endpoint = await webhooks.endpoint(merchant.id, id);
    if (endpoint === undefined) throw new ApiError('resource_missing', `No webhook endpoint ${id}.`, 'endpoint');
    return endpointBody(endpoint);
  });

  app.delete('/v1/webhook_endpoints/:endpoint', { config: merchantRoute, schema: { tags: ['webhooks'], summary: 'Disable an endpoint: nothing more is sent to it', params: endpointParams } }, async (request, reply) => {
    const { merchant } = requireApiKey(request, 'webhooks:write');
    const id = (request.params as { endpoint: string }).endpoint;
    if (!(await webhooks.disableEndpoint(merchant.id, id))) throw new ApiError('resource_missing', `No webhook endpoint ${id}.`, 'endpoint');
    return reply.code(204).send();
  });

  app.get(
    '/v1/webhook_endpoints/:endpoint/deliveries',
    {
      config: merchantRoute,
      schema: {
        tags: ['webhooks'],
        summary: "An endpoint's delivery log, newest first, with every attempt",
        params: endpointParams,
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), starting_after: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(DeliverySchema), has_more: Type.Boolean() }) },
      },
    },
    async (request) => {
      const { merchant } = requireApiKey(request, 'merchant:read');
      const id = (request.params as { endpoint: string }).endpoint;
      if ((await webhooks.endpoint(merchant.id, id)) === undefined) throw new ApiError('resource_missing', `No webhook endpoint ${id}.`, 'endpoint');
      const query = request.query as { limit: number; starting_after?: string };
      const page = await webhooks.deliveries(id, query.limit, query.starting_after);
      return { object: 'list' as const, data: page.data.map(deliveryBody), has_more: page.hasMore };
    },
  );

  app.get(
    '/v1/gateway_notifications',
    {
      config: merchantRoute,
      schema: {
        tags: ['gateway'],
        summary: "The gateway's notifications to your trades' notify_url, newest first, with every attempt (replay them like webhook deliveries)",
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }), starting_after: Type.Optional(Type.String({ maxLength: 64 })) }, { additionalProperties: false }),
        response: { 200: Type.Object({ object: Type.Literal('list'), data: Type.Array(DeliverySchema), has_more: Type.Boolean() }) },
      },
    },
    async (request) => {
      const { merchant } = requireApiKey(request, 'merchant:read');
      const query = request.query as { limit: number; starting_after?: string };
      const apps = await services.apps.listApps(merchant.id);
      const page = await webhooks.deliveries(apps.map((app) => appTarget(app.app_id)), query.limit, query.starting_after);
      return { object: 'list' as const, data: page.data.map(deliveryBody), has_more: page.hasMore };
    },
  );

  app.post(
    '/v1/webhook_deliveries/:delivery/replay',
    {
      config: merchantRoute,
      schema: {
        tags: ['webhooks'],
        summary: 'Send a delivery again now',
        description: 'Refused, changing nothing, with 409 webhook_delivery_sending while an attempt of the delivery is being sent, with 409 webhook_endpoint_disabled when its endpoint is disabled, and with 409 app_disabled when it is a gateway notification of a disabled app.',
        params: Type.Object({ delivery: Type.String({ maxLength: 64 }) }),
        response: { 202: Type.Object({ id: Type.String(), object: Type.Literal('webhook_delivery'), status: Type.Literal('pending') }) },
      },
    },
    async (request, reply) => {
      const { merchant } = requireApiKey(request, 'webhooks:write');
      const id = (request.params as { delivery: string }).delivery;
      const replayed = await webhooks.replayDelivery(merchant.id, id);
      if (!replayed.ok) throw replayRefused(replayed.code, id);
      return reply.code(202).send({ id, object: 'webhook_delivery' as const, status: 'pending' as const });
    },
  );
}
