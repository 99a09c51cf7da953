// Merchants, API keys and operators over the API, on both stores: ownership and 404 for others,
// keys shown once, scoped and revocable, operator roles, and freezing a user.

import { describe, expect, it } from 'vitest';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

describe.each(storeKinds)('merchants and operators on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);

  const call = apiCaller(fixtureOf);
  const signUp = async (email: string) => {
    await call('POST', '/v1/users', undefined, { email, password: 'long enough' });
    return (await call('POST', '/v1/sessions', undefined, { identifier: email, password: 'long enough' })).body.token as string;
  };

  let owner: string;
  let stranger: string;
  let merchantId: string;

  it('lets a user create a merchant and hides it from others', async () => {
    owner = await signUp('owner@shop.example');
    stranger = await signUp('stranger@example.com');
    // A name of spaces only is refused, naming the field, and makes nothing.
    const blank = await call('POST', '/v1/merchants', owner, { name: ' \t ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error).toMatchObject({ code: 'parameter_invalid', param: 'name', message: 'The field name must not be blank.' });
    const created = await call('POST', '/v1/merchants', owner, { name: 'Tea Shop' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ object: 'merchant', name: 'Tea Shop', status: 'active', balance: { available: '0.00', currency: 'CNY' } });
    merchantId = created.body.id;
    expect((await call('GET', `/v1/merchants/${merchantId}`, owner)).body.id).toBe(merchantId);
    expect((await call('GET', `/v1/merchants/${merchantId}`, stranger)).body.error).toMatchObject({ code: 'resource_missing', param: 'merchant' });
    expect((await call('GET', `/v1/merchants/${merchantId}`)).status).toBe(401);
    expect((await call('POST', `/v1/merchants/${merchantId}/api_keys`, stranger, {})).status).toBe(404);
  });

  it('lets owners add members with roles, whose role decides what they may do', async () => {
    const developer = await signUp('dev@shop.example');
    expect((await call('POST', `/v1/merchants/${merchantId}/members`, developer, { user: 'dev@shop.example', role: 'admin' })).status).toBe(404);
    const added = await call('POST', `/v1/merchants/${merchantId}/members`, owner, { user: 'dev@shop.example', role: 'developer' });
    expect(added.body.data.map((member: { role: string }) => member.role)).toEqual(['owner', 'developer']);
    expect((await call('GET', `/v1/merchants/${merchantId}`, developer)).body.id).toBe(merchantId);
    expect((await call('POST', `/v1/merchants/${merchantId}/api_keys`, developer, {})).body.error.code).toBe('permission_denied');
    expect((await call('GET', `/v1/merchants/${merchantId}/api_keys`, developer)).status).toBe(200);
    expect((await call('POST', `/v1/merchants/${merchantId}/members`, owner, { user: 'owner@shop.example', role: 'viewer' })).body.error.code).toBe('permission_denied');
    expect((await call('POST', `/v1/merchants/${merchantId}/members`, owner, { user: 'nobody@example.com', role: 'viewer' })).body.error.code).toBe('resource_missing');
  });

  it('removes members, who lose access at once; the owner stays, and members may leave', async () => {
    const viewer = await signUp('viewer@shop.example');
    const viewerId = (await call('GET', '/v1/me', viewer)).body.id as string;
    const ownerId = (await call('GET', '/v1/me', owner)).body.id as string;
    const developerId = (await call('GET', `/v1/merchants/${merchantId}/members`, owner)).body.data[1].user as string;
    await call('POST', `/v1/merchants/${merchantId}/members`, owner, { user: 'viewer@shop.example', role: 'viewer' });
    expect((await call('GET', `/v1/merchants/${merchantId}`, viewer)).status).toBe(200);
    expect((await call('DELETE', `/v1/merchants/${merchantId}/members/${developerId}`, viewer)).body.error.code).toBe('permission_denied');
    expect((await call('DELETE', `/v1/merchants/${merchantId}/members/${ownerId}`, owner)).body.error).toMatchObject({ code: 'permission_denied', param: 'user' });
    expect((await call('DELETE', `/v1/merchants/${merchantId}/members/usr_nobody`, owner)).body.error).toMatchObject({ code: 'resource_missing', param: 'user' });
    expect((await call('DELETE', `/v1/merchants/${merchantId}/members/${viewerId}`, stranger)).status).toBe(404);
    const removed = await call('DELETE', `/v1/merchants/${merchantId}/members/${viewerId}`, owner);
    expect(removed.body.data.map((member: { user: string }) => member.user)).toEqual([ownerId, developerId]);
    expect((await call('GET', `/v1/merchants/${merchantId}`, viewer)).status).toBe(404);
    await call('POST', `/v1/merchants/${merchantId}/members`, owner, { user: 'viewer@shop.example', role: 'viewer' });
    expect((await call('DELETE', `/v1/merchants/${merchantId}/members/${viewerId}`, viewer)).status).toBe(200);
    expect((await call('GET', `/v1/merchants/${merchantId}`, viewer)).status).toBe(404);
  });

  it('shows a secret key once, authenticates the merchant with it, limits it by scope, and revokes it', async () => {
    const full = await call('POST', `/v1/merchants/${merchantId}/api_keys`, owner, {});
    expect(full.body).toMatchObject({ object: 'api_key', scopes: ['*'], status: 'active' });
    const secret = full.body.secret as string;
    expect(secret).toMatch(/^sk_/);
    const listed = await call('GET', `/v1/merchants/${merchantId}/api_keys`, owner);
    expect(listed.body.data[0]).not.toHaveProperty('secret');
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect((await call('GET', '/v1/merchant', secret)).body).toMatchObject({ id: merchantId, object: 'merchant' });

    const narrow = await call('POST', `/v1/merchants/${merchantId}/api_keys`, owner, { scopes: ['trades:read'] });
    expect((await call('GET', '/v1/merchant', narrow.body.secret)).body.error).toMatchObject({ type: 'permission_error', code: 'api_key_scope_missing' });
    expect((await call('POST', `/v1/merchants/${merchantId}/api_keys`, owner, { scopes: ['everything'] })).body.error).toMatchObject({ code: 'api_key_scope_invalid', param: 'scopes' });

    expect((await call('DELETE', `/v1/merchants/${merchantId}/api_keys/${full.body.id}`, owner)).status).toBe(204);
    expect((await call('GET', '/v1/merchant', secret)).body.error).toMatchObject({ type: 'authentication_error', code: 'api_key_invalid' });
    expect((await call('GET', '/v1/merchant', 'sk_not_a_key')).status).toBe(401);
    expect((await call('DELETE', `/v1/merchants/${merchantId}/api_keys/key_missing`, owner)).body.error.code).toBe('resource_missing');
  });

  it('gives operators what their role needs, and a frozen user can neither sign in nor pay', async () => {
    for (const [email, role] of [['support@zhifu.example', 'support'], ['risk@zhifu.example', 'risk']] as const) {
      const created = await fixtureOf().app.services.operators.createOperator(email, 'a long operator password', role);
      expect(typeof created).toBe('object');
    }
    expect(await fixtureOf().app.services.operators.createOperator('support@zhifu.example', 'a long operator password', 'support')).toBe('email_taken');
    expect(await fixtureOf().app.services.operators.createOperator('x@zhifu.example', 'a long operator password', 'boss')).toBe('role_invalid');
    const signIn = async (email: string) => (await call('POST', '/v1/operator/sessions', undefined, { email, password: 'a long operator password' })).body.token as string;
    const support = await signIn('support@zhifu.example');
    // The sign-in answer lists what the role may do, from the same table the routes check.
    const { operator: supportOperator } = (await call('POST', '/v1/operator/sessions', undefined, { email: 'support@zhifu.example', password: 'a long operator password' })).body as { operator: { role: string; permissions: string[] } };
    expect(supportOperator.permissions).toContain('users:read');
    expect(supportOperator.permissions).not.toContain('users:freeze');
    expect(supportOperator.permissions).not.toContain('ledger:read');
    const risk = await signIn('risk@zhifu.example');
    expect((await call('POST', '/v1/operator/sessions', undefined, { email: 'risk@zhifu.example', password: 'wrong' })).body.error.code).toBe('credentials_invalid');

    const looked = await call('GET', '/v1/operator/users/stranger@example.com', support);
    expect(looked.body).toMatchObject({ email: 'stranger@example.com', status: 'active', balance: { available: '0.00' } });
    expect((await call('GET', '/v1/operator/users/stranger@example.com', stranger)).body.error.code).toBe('authentication_required');
    expect((await call('POST', '/v1/operator/users/stranger@example.com/freeze', support)).body.error.code).toBe('permission_denied');
    expect((await call('POST', '/v1/operator/users/stranger@example.com/freeze', risk)).body).toMatchObject({ status: 'frozen' });
    expect((await call('POST', '/v1/sessions', undefined, { identifier: 'stranger@example.com', password: 'long enough' })).body.error.code).toBe('user_frozen');
    expect((await call('GET', '/v1/operator/users/nobody@example.com', support)).body.error.code).toBe('resource_missing');
    expect((await call('GET', `/v1/operator/merchants/${merchantId}`, support)).body).toMatchObject({ id: merchantId, members: [{ role: 'owner' }, { role: 'developer' }] });
    expect((await call('POST', '/v1/operator/users/stranger@example.com/unfreeze', risk)).body).toMatchObject({ status: 'active' });
    // An operator signs out like a user: the session ends on the server, not only in the browser.
    expect((await call('DELETE', '/v1/sessions/current', support)).status).toBe(204);
    expect((await call('GET', '/v1/operator/users/stranger@example.com', support)).body.error.code).toBe('authentication_required');
    expect((await call('GET', '/v1/operator/users/stranger@example.com', risk)).status).toBe(200);
  });
});
