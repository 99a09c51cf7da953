// Whether the request carries a signed-in user's session: the web app asks this when it opens,
// and gets a plain answer (200) whether or not someone is signed in, so that an ordinary visit
// to the sign-in page is not a refused request.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import { UserSchema, userBody } from './identity.js';

export function registerSessionStatusRoutes(app: FastifyInstance): void {
  app.get(
    '/v1/sessions/current',
    {
      schema: {
        tags: ['identity'],
        summary: 'Whether this request is signed in as a user, and who',
        response: { 200: Type.Object({ object: Type.Literal('session_status'), signed_in: Type.Boolean(), user: Type.Union([UserSchema, Type.Null()]) }) },
      },
    },
    async (request) => ({ object: 'session_status' as const, signed_in: request.user !== undefined, user: request.user === undefined ? null : userBody(request.user) }),
  );
}
