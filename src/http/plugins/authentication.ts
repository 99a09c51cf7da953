// Who is asking: a session token (a user's or an operator's) as a bearer token or in an HttpOnly
// cookie, or a merchant's secret API key as a bearer token. The web app's two cookies are apart: a
// user's session in `zhifu_session`, an operator's in `zhifu_operator`, which counts only on a
// request with the header "Zhifu-Console" (the operator console sends it; a cross-site page cannot,
// as the API answers no CORS preflight), so that one browser may be signed in to the wallet and to
// the console at once and each request is one of them, never both. Its value is `1`, or the id of
// the operator the console's tab shows: a cookie another sign-in in the browser replaced, of
// another operator, then counts for nothing, so a tab never acts as someone it does not show.
//
// A signed-in user who sends "Zhifu-Merchant: <merchant id>" acts for that merchant, if a member of
// it, on every API-key route, with the scopes of their role (memberScopes); the user stays signed
// in for user routes. The request carries its principal, and its idempotency keys are scoped to
// whom the route acts for: on the merchant's routes (declared with `config: merchantRoute`) a
// merchant's keys and its members acting for it share the merchant's scope; on every other route a
// signed-in member keeps their own scope, header or not, so a payment retried with and without
// Zhifu-Merchant is one payment, and two members' keys never meet. A frozen merchant's keys and
// members are refused. Routes say whom they need with requireUser, requireApiKey and
// requireOperator.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { may, type ApiKeyScope, type AuthenticatedKey, type IdentityService, type MerchantService, type Operator, type OperatorPermission, type OperatorService, type User } from '../../identity/index.js';
import type { ActedVia, MerchantActor } from '../../trades/index.js';
import { ApiError } from '../errors.js';

export const sessionCookieName = 'zhifu_session';
export const operatorCookieName = 'zhifu_operator';
/** The header by which the console asks for the operator's cookie instead of the user's. */
export const consoleHeaderName = 'zhifu-console';
/** The header by which a signed-in member acts for a merchant (Node gives header names in lower case). */
export const merchantHeaderName = 'zhifu-merchant';
/** Longer header values name no merchant and are not looked up. */
const merchantIdLengthMax = 64;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on the routes that act for a merchant (they call requireApiKey): `config: merchantRoute`. */
    readonly actsFor?: 'merchant';
  }
  interface FastifyRequest {
    user: User | undefined;
    apiKey: AuthenticatedKey | undefined;
    operator: Operator | undefined;
    /** The session token the request came with, for sign-out. */
    sessionToken: string | undefined;
  }
}

/** The route config of every route that acts for a merchant (with an API key or a member's session and Zhifu-Merchant). */
export const merchantRoute = { actsFor: 'merchant' } as const;

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
    const consoleHeader = request.headers[consoleHeaderName];
    const bearer = bearerToken(request);
    const token = bearer ?? cookieValue(request.headers.cookie, consoleHeader === undefined ? sessionCookieName : operatorCookieName);
    const actingFor = merchantHeader(request);
    if (token === undefined) {
      if (actingFor !== undefined) throw memberSessionRequired();
      return;
    }
    if (token.startsWith('sk_')) {
      if (actingFor !== undefined) throw new ApiError('parameter_invalid', 'An API key acts for its own merchant: send Zhifu-Merchant only with a signed-in member\'s session.', 'Zhifu-Merchant');
      const key = await services.merchants.authenticateApiKey(token);
      if (key === undefined) throw new ApiError('api_key_invalid', 'This API key is not valid or was revoked.');
      actFor(request, key);
      return;
    }
    const user = await services.identity.authenticate(token);
    if (user !== undefined) {
      request.user = user;
      if (actingFor !== undefined) actFor(request, await memberKey(services, user, actingFor));
    } else {
      if (actingFor !== undefined) throw memberSessionRequired();
      const operator = await services.operators.authenticate(token);
      if (operator === undefined) return;
      // The console's cookie of another operator than the tab expects (a sign-in in another tab replaced it).
      if (bearer === undefined && typeof consoleHeader === 'string' && consoleHeader !== '1' && consoleHeader !== operator.id) return;
      request.operator = operator;
    }
    request.sessionToken = token;
  });
}

/** The merchant named by Zhifu-Merchant, if the header was sent. */
function merchantHeader(request: FastifyRequest): string | undefined {
  const value = request.headers[merchantHeaderName];
  return value === undefined ? undefined : [value].flat().join(',').trim();
}

function memberSessionRequired(): ApiError {
  return new ApiError('authentication_required', 'Zhifu-Merchant acts for a merchant with the session of one of its members: sign in first (POST /v1/sessions).');
}

/** The member's access to the merchant they act for; merchants they are not a member of are answered as missing. */
async function memberKey(services: Authenticators, user: User, merchantId: string): Promise<AuthenticatedKey> {
  if (user.status === 'frozen') throw new ApiError('user_frozen', 'This account is frozen; it cannot act for a merchant.');
  const key = merchantId.length === 0 || merchantId.length > merchantIdLengthMax ? undefined : await services.merchants.actAsMember(merchantId, user.id);
  if (key === undefined) throw new ApiError('merchant_not_found', `You are not a member of a merchant ${merchantId.slice(0, merchantIdLengthMax)}.`, 'Zhifu-Merchant');
  return key;
}

/** The request acts for the key's merchant, unless an operator froze it. */
function actFor(request: FastifyRequest, key: AuthenticatedKey): void {
  if (key.merchant.status === 'frozen') throw new ApiError('merchant_frozen', `The merchant ${key.merchant.id} is frozen: its API keys and members cannot act for it. Contact support.`);
  request.apiKey = key;
}

/**
 * Whose idempotency keys a request's key is among: an API key's merchant; a member's merchant on
 * the merchant's routes, else the member as a user; the operator; or, unauthenticated, 'public'.
 */
export function idempotencyScopeOf(request: FastifyRequest): string {
  const key = request.apiKey;
  if (key !== undefined && (key.memberRole === undefined || request.routeOptions.config.actsFor === 'merchant')) return key.merchant.id;
  return request.user?.id ?? request.operator?.id ?? 'public';
}

/** The merchant of the request's API key (or of the member acting with Zhifu-Merchant), which must allow `scope`. */
export function requireApiKey(request: FastifyRequest, scope: ApiKeyScope): AuthenticatedKey {
  // A route that acts for a merchant must say so, or its idempotency keys would be the member's.
  if (request.routeOptions.config.actsFor !== 'merchant') throw new Error(`route ${request.routeOptions.url} calls requireApiKey without config: merchantRoute`);
  const key = request.apiKey;
  if (key === undefined) {
    throw new ApiError('authentication_required', 'Send a secret API key ("Authorization: Bearer sk_…"), or sign in as a member of the merchant and send "Zhifu-Merchant: <merchant id>".');
  }
  if (!key.scopes.includes('*') && !key.scopes.includes(scope)) {
    if (key.memberRole !== undefined) throw new ApiError('permission_denied', `Your role at this merchant (${key.memberRole}) may not do this; it needs the scope ${scope}.`);
    throw new ApiError('api_key_scope_missing', `This API key may not call this operation; it needs the scope ${scope}.`);
  }
  return key;
}

/** The credential a request acts for its merchant through: its API key, or the member signed in. */
export function actedVia(key: AuthenticatedKey): ActedVia {
  return key.memberUserId === undefined ? { type: 'api_key', id: key.keyId } : { type: 'member', id: key.memberUserId };
}

/** The merchant a request acts for, with the credential it came through: who takes a trade's step. */
export function actingMerchant(key: AuthenticatedKey): MerchantActor {
  return { kind: 'merchant', id: key.merchant.id, via: actedVia(key) };
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

/** Sets the session cookie of a user, or of an operator (the console's). */
export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, of: 'user' | 'operator' = 'user'): void {
  reply.header('set-cookie', `${of === 'user' ? sessionCookieName : operatorCookieName}=${token}; Path=/; HttpOnly; SameSite=Strict; Expires=${expiresAt.toUTCString()}`);
}

export function clearSessionCookie(reply: FastifyReply, of: 'user' | 'operator' = 'user'): void {
  reply.header('set-cookie', `${of === 'user' ? sessionCookieName : operatorCookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
}

/** The operator session token in the request's cookie, if any (sign-in replaces it). */
export function operatorCookieToken(request: FastifyRequest): string | undefined {
  return cookieValue(request.headers.cookie, operatorCookieName);
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
