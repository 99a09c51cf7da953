// The personal receive code: a URL that opens a payment to this user (the web app shows it as a QR
// code), and what a payer may see of the payee before paying: a masked phone or email, never more.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { User } from '../../identity/index.js';
import type { Services } from '../../services.js';
import { ApiError } from '../errors.js';
import { requireUser } from '../plugins/authentication.js';

/** `+86138****0001`, `w***@example.com`: enough to recognise, not enough to harvest. */
export function maskedIdentifier(user: User): string {
  if (user.phone !== null) return user.phone.length <= 7 ? `${user.phone.slice(0, 2)}****` : `${user.phone.slice(0, user.phone.length - 8)}****${user.phone.slice(-4)}`;
  const [local = '', domain = ''] = (user.email ?? '').split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

export function registerReceiveRoutes(app: FastifyInstance, services: Services, publicUrl: string | undefined): void {
  app.get(
    '/v1/me/receive_code',
    { schema: { tags: ['wallet'], summary: 'Your receive code: a URL that opens a payment to you', response: { 200: Type.Object({ object: Type.Literal('receive_code'), user: Type.String(), url: Type.String() }) } } },
    async (request) => {
      const user = requireUser(request);
      const origin = publicUrl ?? `${request.protocol}://${request.host}`;
      return { object: 'receive_code' as const, user: user.id, url: `${origin}/pay?to=${encodeURIComponent(user.id)}` };
    },
  );

  app.get(
    '/v1/payees/:user',
    {
      schema: {
        tags: ['wallet'],
        summary: 'Who a receive code or an identifier pays: the payee, masked',
        params: Type.Object({ user: Type.String({ maxLength: 254 }) }),
        response: { 200: Type.Object({ object: Type.Literal('payee'), id: Type.String(), display: Type.String(), verified: Type.Boolean() }) },
      },
    },
    async (request) => {
      requireUser(request);
      const payee = await services.identity.findUser((request.params as { user: string }).user);
      if (payee === undefined || payee.status === 'frozen') throw new ApiError('resource_missing', 'No user can be paid with this code.', 'user');
      return { object: 'payee' as const, id: payee.id, display: maskedIdentifier(payee), verified: payee.kycTier === 'verified' };
    },
  );
}
