// Who is asking: a session token (a user's or an operator's) as a bearer token or in the HttpOnly
// session cookie, or a merchant's secret API key as a bearer token. The request carries its
// principal, and its idempotency keys are scoped to it (a merchant's keys share one scope).
// Routes say whom they need with requireUser, requireApiKey and requireOperator.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may, type ApiKeyScope, type AuthenticatedKey, type IdentityService, type MerchantService, type Operator, type OperatorPermission, type OperatorService, type User } from '../../identity/index.js';
import { ApiError } from '../errors.js';

export const sessionCookieName = 'zhifu_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | undefined;
    apiKey: AuthenticatedKey | undefined;
    operator: Operator | undefined;
    /** The session token the request came with, for sign-out. */
    sessionToken: string | undefined;
  }
}

export interface Authenticators {
  readonly identity: IdentityService;
  readonly merchants: MerchantService;
  readonly operators: OperatorService;
}

export function registerAuthentication(app: FastifyInstance, services: Authenticators): void {
  app.decorateRequest('user', undefined);
  app.decorateRequest('apiKey', undefined);
  app.decorateRequest('operator', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request) ?? cookieValue(request.headers.cookie, sessionCookieName);
    if (token === undefined) return;
    if (token.startsWith('sk_')) {
      const key = await services.merchants.authenticateApiKey(token);
      if (key === undefined) throw new ApiError('api_key_invalid', 'This API key is not valid or was revoked.');
      request.apiKey = key;
      request.idempotencyScope = key.merchant.id;
      return;
    }
    const user = await services.identity.authenticate(token);
    if (user !== undefined) {
      request.user = user;
      request.idempotencyScope = user.id;
    } else {
      const operator = await services.operators.authenticate(token);
      if (operator === undefined) return;
      request.operator = operator;
      request.idempotencyScope = operator.id;
    }
    request.sessionToken = token;
  });
}

/** The merchant of the request's API key, which must allow `scope`. */
export function requireApiKey(request: FastifyRequest, scope: ApiKeyScope): AuthenticatedKey {
  const key = request.apiKey;
  if (key === undefined) throw new ApiError('authentication_required', 'Send a secret API key: "Authorization: Bearer sk_…".');
  if (!key.scopes.includes('*') && !key.scopes.includes(scope)) throw new ApiError('api_key_scope_missing', `This API key may not call this operation; it needs the scope ${scope}.`);
  return key;
}

/** The signed-in operator, whose role must allow `permission`. */
export function requireOperator(request: FastifyRequest, permission: OperatorPermission): Operator {
  const operator = request.operator;
  if (operator === undefined) throw new ApiError('authentication_required', 'Sign in as an operator first (POST /v1/operator/sessions).');
  if (!may(operator, permission)) throw new ApiError('permission_denied', `Your role (${operator.role}) may not do this.`);
  return operator;
}

export function requireUser(request: FastifyRequest): User {
  if (request.user === undefined) {
    throw new ApiError('authentication_required', 'Sign in first: send "Authorization: Bearer <session token>" or the session cookie.');
  }
  return request.user;
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date): void {
  reply.header('set-cookie', `${sessionCookieName}=${token}; Path=/; HttpOnly; SameSite=Strict; Expires=${expiresAt.toUTCString()}`);
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
