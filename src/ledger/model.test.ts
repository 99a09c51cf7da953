// Model-based test: random commits run on the engine and on the reference model must agree exactly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccountResults, createTransferResults } from './result-codes.js';
import type { Account } from './types.js';
import { tigerBeetleRules } from './testing/reference-rules.js';
import { MemoryLedger } from './testing/memory-ledger.js';
import { commitSequence, tightSpace, wideSpace, type IdSpace, type RandomCommit } from './testing/model-arbitraries.js';
import { accountRules, transferRules } from './testing/reference-rules.js';
import { ReferenceModel } from './testing/reference-model.js';

const ledgers: ReadonlySet<number> = new Set([1, 2]);

/** A stable text form of a map's values, sorted by key and by field name, for quick comparison. */
function canonical(map: ReadonlyMap<bigint, object>): string {
  const text = (value: unknown): string => (typeof value === 'bigint' ? `${value}n` : JSON.stringify(value));
  return [...map]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, value]) => {
      const fields = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
      return `${id}: ${fields.map(([name, field]) => `${name}=${text(field)}`).join(' ')}`;
    })
    .join('\n');
}

function expectSame(engine: string, model: string): void {
  if (engine !== model) expect(engine).toBe(model);
}

function runSequence(commits: readonly RandomCommit[], seen: Set<string>): void {
  const engine = new MemoryLedger({ ledgers });
  const model = new ReferenceModel(tigerBeetleRules, ledgers);
  for (const { gap, operations } of commits) {
    const at = engine.lastTimestamp + gap;
    const before = new Map<bigint, Account>(engine.accounts);
    const output = engine.commit(operations, at);
    const modelled = model.commit(operations, at);

    expect(output.results).toEqual(modelled.results);
    for (const results of output.results) for (const result of results) seen.add(result);
    expect(output.expired).toBe(modelled.expired);
    expect(output.plan.lastTimestamp).toBe(modelled.lastTimestamp);
    expect(output.plan.balances).toEqual(modelled.balances);
    expectSame(canonical(engine.accounts), canonical(model.accounts));
    expectSame(canonical(engine.transfers), canonical(model.transfers));
    expectSame(canonical(engine.holds), canonical(model.holds));

    // The plan lists transfers in timestamp order, and every stored account that changed.
    const stamps = output.plan.transfersCreated.map((transfer) => transfer.timestamp);
    expect(stamps).toEqual([...stamps].sort((a, b) => (a < b ? -1 : 1)));
    const listed = new Set(output.plan.accountsUpdated.map((updated) => updated.id));
    for (const [id, old] of before) if (!listed.has(id)) expect(engine.accounts.get(id)).toBe(old);

    const audit = engine.audit();
    if (!audit.ok) expect(audit.failures).toEqual([]);
  }
}

/**
 * The generators must reach every rule, or agreement would mean little: every transfer result but
 * those the example tests cover (batch limits, the timeout overflow, out-of-range flags and user
 * data), and the account-only ledger_not_found.
 */
const unreached = new Set(['batch_too_long', 'overflows_timeout', 'flags_out_of_range', 'user_data_out_of_range']);
const required = [...createTransferResults.filter((code) => !unreached.has(code)), 'ledger_not_found'];

describe('the engine against the reference model', () => {
  it.each([
    ['a wide id space', wideSpace],
    ['a tight id space', tightSpace],
  ] as const)('agrees on results, balances, transfers and holds over random commits in %s', (_name, space: IdSpace) => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(commitSequence(15, space), (commits) => runSequence(commits, seen)),
      { numRuns: 2500 },
    );
    expect(required.filter((code) => !seen.has(code))).toEqual([]);
  });
});

describe('the reference model', () => {
  it('lists its rules in the precedence order of result-codes.ts', () => {
    const precedence = (list: readonly string[], rules: readonly (readonly [string, unknown])[]): number[] =>
      rules.map(([code]) => list.indexOf(code));
    const accountOrder = precedence(createAccountResults, accountRules);
    const transferOrder = precedence(createTransferResults, transferRules);
    expect(accountOrder.every((index, at) => index > 0 && (at === 0 || index > accountOrder[at - 1]!))).toBe(true);
    expect(transferOrder.every((index, at) => index > 0 && (at === 0 || index > transferOrder[at - 1]!))).toBe(true);
  });

  it('has a rule for every result code but ok, the chain codes and batch_too_long', () => {
    const outside = new Set(['ok', 'linked_event_failed', 'linked_event_chain_open', 'batch_too_long']);
    expect(createAccountResults.filter((code) => !outside.has(code) && !accountRules.some(([rule]) => rule === code))).toEqual([]);
    expect(createTransferResults.filter((code) => !outside.has(code) && !transferRules.some(([rule]) => rule === code))).toEqual([]);
  });
});
