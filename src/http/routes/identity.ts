// Users and sessions: sign up, sign in (bearer token and session cookie), sign out, the signed-in
// user with their balance, and the payment PIN.

import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { IdentityService, Outcome, User } from '../../identity/index.js';
import type { WalletService } from '../../wallet/index.js';
import { ApiError } from '../errors.js';
import { nameField } from '../validation.js';
import { writeAmount } from '../money-fields.js';
import { clearSessionCookie, requireUser, setSessionCookie } from '../plugins/authentication.js';

export const UserSchema = Type.Object({
  id: Type.String(),
  object: Type.Literal('user'),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  kyc_tier: Type.String(),
  status: Type.String(),
  pin_set: Type.Boolean(),
  created_at: Type.String({ format: 'date-time' }),
});

const MeSchema = Type.Object({
  ...UserSchema.properties,
  balance: Type.Object({ available: Type.String(), pending: Type.String(), currency: Type.String() }),
});

export function userBody(user: User) {
  return { id: user.id, object: 'user' as const, phone: user.phone, email: user.email, kyc_tier: user.kycTier, status: user.status, pin_set: user.pinSet, created_at: user.createdAt.toISOString() };
}

/** The value of an outcome, or its failure as an API error. */
export function unwrap<T>(outcome: Outcome<T>, param: string | null = null): T {
  if (outcome.ok) return outcome.value;
  const retry = outcome.retryAfterSeconds === undefined ? '' : ` Retry after ${outcome.retryAfterSeconds} s.`;
  throw new ApiError(outcome.code, `${messages[outcome.code]}${retry}`, param);
}

const messages: Record<Exclude<Outcome<never>, { ok: true }>['code'], string> = {
  phone_invalid: 'The phone number is not valid (digits, optionally with a leading +).',
  email_invalid: 'The email address is not valid.',
  identifier_missing: 'Give a phone number or an email address.',
  password_invalid: 'The password must be 8 to 128 characters.',
  phone_taken: 'A user with this phone number exists.',
  email_taken: 'A user with this email address exists.',
  credentials_invalid: 'The identifier or the password is wrong.',
  sign_in_rate_limited: 'Too many sign-in attempts.',
  pin_invalid: 'The PIN must be 6 digits.',
  pin_not_set: 'Set a payment PIN first (POST /v1/me/pin).',
  pin_incorrect: 'The payment PIN is wrong.',
  pin_locked: 'Too many wrong PINs: payments are locked.',
  user_frozen: 'This account is frozen; contact support.',
  identity_check_failed: 'The identity check failed: give the name and the 18-character resident identity number exactly as on the card.',
};

export function registerIdentityRoutes(app: FastifyInstance, identity: IdentityService, wallet: WalletService): void {
  app.post(
    '/v1/users',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign up',
        body: Type.Object({ phone: Type.Optional(Type.String({ maxLength: 32 })), email: Type.Optional(Type.String({ maxLength: 254 })), password: Type.String({ maxLength: 128 }) }, { additionalProperties: false }),
        response: { 201: UserSchema },
      },
    },
    async (request, reply) => {
      const body = request.body as { phone?: string; email?: string; password: string };
      unwrap(await identity.checkSignUp(body));
      const balanceAccountId = await wallet.openBalanceAccount();
      const user = unwrap(await identity.signUp(body, balanceAccountId));
      return reply.code(201).send(userBody(user));
    },
  );

  app.post(
    '/v1/sessions',
    {
      schema: {
        tags: ['identity'],
        summary: 'Sign in: a bearer token in the answer, and the same token in an HttpOnly cookie',
        body: Type.Object({ identifier: Type.String({ maxLength: 254, description: 'Phone, email or user id' }), password: Type.String({ maxLength: 128 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ object: Type.Literal('session'), token: Type.String(), expires_at: Type.String({ format: 'date-time' }), user: UserSchema }) },
      },
    },
    async (request, reply) => {
      const body = request.body as { identifier: string; password: string };
      const session = unwrap(await identity.signIn(body.identifier, body.password, request.ip));
      setSessionCookie(reply, session.token, session.expiresAt);
      return reply.code(201).send({ object: 'session' as const, token: session.token, expires_at: session.expiresAt.toISOString(), user: userBody(session.user) });
    },
  );

  app.delete('/v1/sessions/current', { schema: { tags: ['identity'], summary: "Sign out: revokes the session (a user's or an operator's)" } }, async (request, reply) => {
    if (request.operator === undefined) requireUser(request);
    await identity.signOut(request.sessionToken!);
    clearSessionCookie(reply, request.operator === undefined ? 'user' : 'operator');
    return reply.code(204).send();
  });

  app.get('/v1/me', { schema: { tags: ['identity'], summary: 'The signed-in user and their balance', response: { 200: MeSchema } } }, async (request) => {
    const user = requireUser(request);
    const balance = await wallet.balance(user.balanceAccountId);
    return { ...userBody(user), balance: { available: writeAmount(balance.available, 'CNY'), pending: writeAmount(balance.pending, 'CNY'), currency: 'CNY' } };
  });

  app.post(
    '/v1/me/verification',
    {
      schema: {
        tags: ['identity'],
        summary: 'Verify your identity (sandbox: any well-formed resident identity number) to reach the verified KYC tier',
        body: Type.Object({ name: nameField(64), id_number: Type.String({ maxLength: 18 }) }, { additionalProperties: false }),
        response: { 200: UserSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const body = request.body as { name: string; id_number: string };
      return userBody(unwrap(await identity.verifyIdentity(user.id, body.name, body.id_number), 'id_number'));
    },
  );

  app.post(
    '/v1/me/pin',
    {
      schema: {
        tags: ['identity'],
        summary: 'Set or change the 6-digit payment PIN (confirmed with the password)',
        body: Type.Object({ pin: Type.String({ maxLength: 6 }), password: Type.String({ maxLength: 128 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ pin_set: Type.Literal(true) }) },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const body = request.body as { pin: string; password: string };
      const outcome = await identity.setPin(user.id, body.pin, body.password);
      unwrap(outcome, !outcome.ok && outcome.code === 'credentials_invalid' ? 'password' : 'pin');
      return { pin_set: true as const };
    },
  );
}
