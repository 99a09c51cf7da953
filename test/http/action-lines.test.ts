// The edges of writing an action line with its change, on both stores: an app's update that a
// disabling overtook between its read and its write answers app_disabled and writes no line; an
// app whose drawn app_id was taken is made under another with one line; a referenced deposit whose
// record was lost is finished even when the balance it already raised stands at the cap.

import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { commandLineActor } from '../../src/identity/index.js';
import { AccountCode } from '../../src/wallet/index.js';
import { PlatformWriteConflictError } from '../../src/store/index.js';
import { failNextWrite, insertsInto } from '../support/fail-write.js';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

const publicKey = () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();

describe.each(storeKinds)('action lines with their changes on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);
  const call = apiCaller(fixtureOf);
  const cli = commandLineActor('ops', 'till-1');
  const linesOf = async (target: string) => fixtureOf().platform.db.selectFrom('operator_actions').select(['action', 'target_id']).where('target_id', '=', target).execute();
  let merchantId: string;

  it('sets up a merchant', async () => {
    await call('POST', '/v1/users', undefined, { email: 'owner@lines.example', password: 'long enough' });
    const { services } = fixtureOf().app;
    const owner = (await services.identity.findUser('owner@lines.example'))!;
    merchantId = (await services.merchants.createMerchant(owner.id, 'Lines Tea', await services.wallet.openBalanceAccount(AccountCode.merchantBalance))).id;
  });

  it("writes no line for an app's update that a disabling overtook", async () => {
    const { services } = fixtureOf().app;
    const created = await services.apps.createApp(merchantId, 'Till', publicKey());
    if (!created.ok) throw new Error(created.code);
    expect((await services.apps.disableApp(merchantId, created.app.app_id)).ok).toBe(true);
    // The update read the app while it was still active.
    vi.spyOn(services.apps, 'merchantApp').mockResolvedValueOnce({ ...created.app, status: 'active' });
    const line = services.operatorActions.lineOf({ operatorId: cli, action: 'app.update', target: { type: 'app', id: created.app.app_id }, details: {} });
    expect(await services.apps.updateApp(merchantId, created.app.app_id, { name: 'Till 2' }, line)).toEqual({ ok: false, code: 'app_disabled' });
    expect(await linesOf(created.app.app_id)).toEqual([]);
    expect((await services.apps.findApp(created.app.app_id))!.name).toBe('Till');
  });

  it('makes an app under another app_id when the one drawn is taken, with one line', async () => {
    const { services } = fixtureOf().app;
    const platform = fixtureOf().platform;
    let taken = 0;
    failNextWrite(platform, (unit) => insertsInto('merchant_apps')(unit) && ++taken === 1, new PlatformWriteConflictError('expected 1 changed rows: the app_id is taken'));
    const line = (app: { app_id: string }) => services.operatorActions.lineOf({ operatorId: cli, action: 'app.create', target: { type: 'app', id: app.app_id }, account: merchantId, details: {} });
    const created = await services.apps.createApp(merchantId, 'Second till', publicKey(), line);
    if (!created.ok) throw new Error(created.code);
    // The first app_id drawn was refused as taken; the app stands under the second.
    expect(taken).toBe(1);
    expect(await linesOf(created.app.app_id)).toEqual([{ action: 'app.create', target_id: created.app.app_id }]);
    expect(await fixtureOf().platform.db.selectFrom('operator_actions').select('target_id').where('action', '=', 'app.create').execute()).toHaveLength(1);
  });

  it('finishes a referenced deposit whose record was lost though the balance it raised is at the cap', async () => {
    await call('POST', '/v1/users', undefined, { email: 'capped@lines.example', password: 'long enough' });
    const { services } = fixtureOf().app;
    const user = (await services.identity.findUser('capped@lines.example'))!;
    const line = (record: { id: string }) => services.operatorActions.lineOf({ operatorId: cli, action: 'wallet.deposit', target: { type: 'user', id: user.id }, details: { top_up: record.id } });
    failNextWrite(fixtureOf().platform, insertsInto('wallet_transfers'));
    // 1,500.00 of the unverified tier's 2,000.00 cap: another 1,500.00 would pass it.
    await expect(services.wallet.deposit(user, 150_000n, 'cash', 'slip-cap', line)).rejects.toThrow(/injected/);
    const again = await services.wallet.deposit(user, 150_000n, 'cash', 'slip-cap', line);
    expect(again).toMatchObject({ ok: true, value: { amount: '150000' } });
    expect(await services.wallet.deposit(user, 150_000n, 'cash', 'slip-other', line)).toEqual({ ok: false, code: 'balance_cap_exceeded' });
    expect((await services.wallet.balance(user.balanceAccountId)).available).toBe(150_000n);
    expect(await linesOf(user.id)).toHaveLength(1);
  });
});
