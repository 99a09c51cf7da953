// Idempotency-Key on POST: the first response (errors included, server errors excepted) is kept and
// replayed for a retry with the same key and the same request; the same key with another request
// is refused. A request holding a key makes a concurrent retry answer 409 until it finishes.

import { hash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdempotencyKeys } from '../../store/index.js';
import { ApiError } from '../errors.js';
import { idempotencyScopeOf } from './authentication.js';

/** Longest key accepted (Stripe's limit). */
export const idempotencyKeyLengthMax = 255;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while this request holds an idempotency key: where to keep its response. */
    idempotencyClaim: { readonly scope: string; readonly key: string } | undefined;
  }
}

export function registerIdempotency(app: FastifyInstance, keys: IdempotencyKeys): void {
  app.decorateRequest('idempotencyClaim', undefined);

  // preValidation runs after the body is parsed and before it is validated, so that a refused
  // request is kept and replayed like any other first answer.
  app.addHook('preValidation', async (request, reply) => {
    if (request.method !== 'POST') return;
    const header = request.headers['idempotency-key'];
    if (header === undefined) return;
    const key = Array.isArray(header) ? header[0]! : header;
    if (key.length === 0 || key.length > idempotencyKeyLengthMax || !/^[\x21-\x7e]+$/.test(key)) {
      throw new ApiError('idempotency_key_invalid', `Idempotency-Key must be 1 to ${idempotencyKeyLengthMax} visible ASCII characters.`, 'Idempotency-Key');
    }
    const scope = idempotencyScopeOf(request);
    const started = await keys.start(scope, key, fingerprint(request));
    switch (started.kind) {
      case 'started':
        request.idempotencyClaim = { scope, key };
        return;
      case 'replay':
        return reply.code(started.statusCode).header('content-type', 'application/json; charset=utf-8').header('idempotent-replayed', 'true').send(started.body);
      case 'in_progress':
        throw new ApiError('idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed; retry in a moment.', 'Idempotency-Key');
      case 'mismatch':
        throw new ApiError('idempotency_key_reused', 'This Idempotency-Key was used for a different request; use a new key for a new request.', 'Idempotency-Key');
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (claim === undefined) return payload;
    request.idempotencyClaim = undefined;
    if (reply.statusCode >= 500) await keys.forget(claim.scope, claim.key);
    else await keys.complete(claim.scope, claim.key, reply.statusCode, typeof payload === 'string' ? payload : JSON.stringify(payload ?? null));
    return payload;
  });
}

/** Method, path with query, and the body with its keys in a stable order. */
function fingerprint(request: FastifyRequest): string {
  return hash('sha256', `${request.method} ${request.url}\n${stableJson(request.body)}`, 'hex');
}

export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
