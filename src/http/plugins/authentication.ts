// Who is asking: a session token as a bearer token (API clients) or in the HttpOnly session cookie
// (the web app). A request with a live session carries its user, and its idempotency keys are
// scoped to that user. Routes that need a user call requireUser.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IdentityService, User } from '../../identity/index.js';
import { ApiError } from '../errors.js';

export const sessionCookieName = 'zhifu_session';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | undefined;
    /** The session token the request came with, for sign-out. */
    sessionToken: string | undefined;
  }
}

export function registerAuthentication(app: FastifyInstance, identity: IdentityService): void {
  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (request) => {
    const token = bearerToken(request) ?? cookieValue(request.headers.cookie, sessionCookieName);
    if (token === undefined) return;
    const user = await identity.authenticate(token);
    if (user === undefined) return;
    request.user = user;
    request.sessionToken = token;
    request.idempotencyScope = user.id;
  });
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
