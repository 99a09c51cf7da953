// The operators' action log on both stores: each freeze, unfreeze, verification and app disabled
// leaves one line naming the operator, the action and its target, written with the change; a
// refused action leaves none. Admins list the lines newest first, by operator, by target, page by
// page; other roles and other people cannot.

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

describe.each(storeKinds)('the operators\' action log on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);
  const call = apiCaller(fixtureOf);
  const signIn = async (role: 'admin' | 'risk') => {
    await fixtureOf().app.services.operators.createOperator(`${role}@actions.example`, 'a long operator password', role);
    return (await call('POST', '/v1/operator/sessions', undefined, { email: `${role}@actions.example`, password: 'a long operator password' })).body.token as string;
  };
  const lines = async (token: string, query = '') => (await call('GET', `/v1/operator/actions${query}`, token)).body.data as { id: string; action: string; operator_email: string; target: { type: string; id: string }; details: Record<string, unknown> }[];

  let admin: string;
  let risk: string;
  let userId: string;
  let userToken: string;
  let merchantId: string;
  let appId: string;

  it('sets up operators, a user and a merchant with a gateway app', async () => {
    admin = await signIn('admin');
    risk = await signIn('risk');
    await call('POST', '/v1/users', undefined, { email: 'watched@actions.example', password: 'long enough' });
    userToken = (await call('POST', '/v1/sessions', undefined, { identifier: 'watched@actions.example', password: 'long enough' })).body.token;
    userId = (await call('GET', '/v1/me', userToken)).body.id;
    merchantId = (await call('POST', '/v1/merchants', userToken, { name: 'Watched Shop' })).body.id;
    const publicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    appId = (await call('POST', `/v1/merchants/${merchantId}/apps`, userToken, { name: 'Till', public_key: publicKey })).body.app_id;
    expect(await lines(admin)).toEqual([]);
  });

  it('records each action once, with who did it to what, and nothing for a refused one', async () => {
    expect((await call('POST', `/v1/operator/users/${userId}/verify`, risk, { name: 'Wang Wu', id_number: 'not a number' })).body.error.code).toBe('identity_check_failed');
    expect((await call('POST', '/v1/operator/users/usr_nobody/freeze', risk)).status).toBe(404);
    expect((await call('POST', '/v1/operator/merchants/mch_nobody/freeze', risk)).status).toBe(404);
    expect((await call('POST', `/v1/operator/merchants/${merchantId}/apps/9999999999999999/disable`, risk)).status).toBe(404);
    expect(await lines(admin)).toEqual([]);

    expect((await call('POST', `/v1/operator/users/${userId}/verify`, risk, { name: 'Wang Wu', id_number: '11010519491231002X' })).status).toBe(200);
    expect((await call('POST', `/v1/operator/users/${userId}/freeze`, risk)).body.status).toBe('frozen');
    // Freezing a frozen user, or unfreezing an active merchant, changes nothing and leaves no line.
    expect((await call('POST', `/v1/operator/users/${userId}/freeze`, admin)).body.status).toBe('frozen');
    expect((await call('POST', `/v1/operator/merchants/${merchantId}/unfreeze`, admin)).body.status).toBe('active');
    expect((await call('POST', `/v1/operator/users/${userId}/unfreeze`, admin)).body.status).toBe('active');
    expect((await call('POST', `/v1/operator/merchants/${merchantId}/freeze`, risk)).body.status).toBe('frozen');
    expect((await call('POST', `/v1/operator/merchants/${merchantId}/apps/${appId}/disable`, risk)).body.status).toBe('disabled');
    // Disabling it again changes nothing, and says so by leaving no line.
    expect((await call('POST', `/v1/operator/merchants/${merchantId}/apps/${appId}/disable`, risk)).body.status).toBe('disabled');

    const all = await lines(admin);
    expect(all.map((line) => [line.action, line.operator_email, line.target.type, line.target.id])).toEqual([
      ['app.disable', 'risk@actions.example', 'app', appId],
      ['merchant.freeze', 'risk@actions.example', 'merchant', merchantId],
      ['user.unfreeze', 'admin@actions.example', 'user', userId],
      ['user.freeze', 'risk@actions.example', 'user', userId],
      ['user.verify', 'risk@actions.example', 'user', userId],
    ]);
    expect(all[0]!.details).toEqual({ merchant: merchantId });
    // The identity number the operator checked is not in the log.
    expect(JSON.stringify(all)).not.toContain('11010519491231002X');
  });

  it('never writes a change without its line: a line that cannot be written takes the change with it', async () => {
    const log = fixtureOf().app.services.operatorActions;
    const [newest] = await lines(admin);
    const row = await fixtureOf().platform.db.selectFrom('operator_actions').selectAll().where('id', '=', newest!.id).executeTakeFirstOrThrow();
    // The next line takes an id that is taken: its insert fails, so the unit with the unfreeze fails.
    const spy = vi.spyOn(log, 'lineOf').mockImplementationOnce(() => () => [fixtureOf().platform.db.insertInto('operator_actions').values(row)]);
    try {
      expect((await call('POST', `/v1/operator/merchants/${merchantId}/unfreeze`, admin)).status).toBe(500);
    } finally {
      spy.mockRestore();
    }
    expect((await call('GET', `/v1/operator/merchants/${merchantId}`, admin)).body.status).toBe('frozen');
    expect((await lines(admin)).map((line) => line.id)[0]).toBe(newest!.id);
  });

  it('lists by operator and by target, page by page, for admins only', async () => {
    const adminId = (await call('GET', '/v1/operator/session', admin)).body.operator.id as string;
    expect((await lines(admin, `?operator=${adminId}`)).map((line) => line.action)).toEqual(['user.unfreeze']);
    expect((await lines(admin, `?target=${userId}`)).map((line) => line.action)).toEqual(['user.unfreeze', 'user.freeze', 'user.verify']);
    // A merchant's id finds the actions on what is the merchant's, its apps included.
    expect((await lines(admin, `?target=${merchantId}`)).map((line) => line.action)).toEqual(['app.disable', 'merchant.freeze']);
    expect((await lines(admin, `?target=${appId}`)).map((line) => line.action)).toEqual(['app.disable']);
    const first = await call('GET', '/v1/operator/actions?limit=2', admin);
    expect(first.body.has_more).toBe(true);
    const rest = await call('GET', `/v1/operator/actions?limit=10&starting_after=${first.body.data[1].id}`, admin);
    expect(rest.body.has_more).toBe(false);
    expect([...first.body.data, ...rest.body.data].map((line: { id: string }) => line.id)).toEqual((await lines(admin)).map((line) => line.id));
    expect((await call('GET', '/v1/operator/actions?starting_after=oac_nothing', admin)).body.error).toMatchObject({ code: 'cursor_invalid', param: 'starting_after' });
    expect((await call('GET', '/v1/operator/actions?limit=0', admin)).status).toBe(400);
    expect((await call('GET', '/v1/operator/actions', risk)).body.error.code).toBe('permission_denied');
    expect((await call('GET', '/v1/operator/actions', userToken)).status).toBe(401);
    expect((await call('GET', '/v1/operator/actions')).status).toBe(401);
  });
});
