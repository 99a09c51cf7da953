// An operator's deposit with a reference, on both stores: when its record and action line fail to
// be written after the money moved, running it again with the same reference writes them and moves
// nothing more; a reference used for another amount is refused and moves nothing.

import { describe, expect, it } from 'vitest';
import { commandLineActor } from '../../src/identity/index.js';
import { failNextWrite, insertsInto } from '../support/fail-write.js';
import { apiCaller, storeKinds, useHttpFixture } from '../support/http-fixture.js';

describe.each(storeKinds)('deposits on %s', (kind) => {
  const fixtureOf = useHttpFixture(kind);
  const call = apiCaller(fixtureOf);

  it('heals a referenced deposit whose record was lost, once, and refuses its reference for another amount', async () => {
    await call('POST', '/v1/users', undefined, { email: 'cash@deposits.example', password: 'long enough' });
    const token = (await call('POST', '/v1/sessions', undefined, { identifier: 'cash@deposits.example', password: 'long enough' })).body.token as string;
    const { services } = fixtureOf().app;
    const user = (await services.identity.findUser('cash@deposits.example'))!;
    const line = (record: { id: string }) => services.operatorActions.lineOf({ operatorId: commandLineActor('ops', 'till-1'), action: 'wallet.deposit', target: { type: 'user', id: user.id }, details: { top_up: record.id } });
    const platform = fixtureOf().platform;
    failNextWrite(platform, insertsInto('wallet_transfers'));
    await expect(services.wallet.deposit(user, 5000n, 'cash at the counter', 'slip-1', line)).rejects.toThrow(/injected/);
    // The money moved; the record and its line did not.
    expect((await call('GET', '/v1/me', token)).body.balance.available).toBe('50.00');
    expect((await call('GET', '/v1/transactions', token)).body.data).toEqual([]);
    const again = await services.wallet.deposit(user, 5000n, 'cash at the counter', 'slip-1', line);
    expect(again).toMatchObject({ ok: true, value: { amount: '5000', status: 'succeeded' } });
    expect((await call('GET', '/v1/me', token)).body.balance.available).toBe('50.00');
    const third = await services.wallet.deposit(user, 5000n, 'cash at the counter', 'slip-1', line);
    expect(third.ok && again.ok && third.value.id === again.value.id).toBe(true);
    expect(await services.wallet.deposit(user, 6000n, 'cash at the counter', 'slip-1', line)).toEqual({ ok: false, code: 'idempotency_key_reused' });
    expect((await call('GET', '/v1/me', token)).body.balance.available).toBe('50.00');
    const lines = await platform.db.selectFrom('operator_actions').select(['operator_id', 'action', 'target_id']).execute();
    expect(lines).toEqual([{ operator_id: 'cli:ops@till-1', action: 'wallet.deposit', target_id: user.id }]);
  });
});
