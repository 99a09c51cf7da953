// fast-check generators of random commits over a small id space, for the model-based test.

import fc from 'fast-check';
import type { LedgerOperation } from '../execute-commit.js';
import { AccountFlags, TransferFlags } from '../flags.js';
import { amountMax, nanosecondsPerSecond, u128Max } from '../limits.js';
import type { AccountInput, TransferInput } from '../types.js';

export interface RandomCommit {
  /** Nanoseconds between the previous commit's last timestamp and this commit's first. */
  readonly gap: bigint;
  readonly operations: readonly LedgerOperation[];
}

/** Picks one of the values, each with its weight. */
function weighted<T>(...choices: readonly (readonly [number, T])[]): fc.Arbitrary<T> {
  return fc.oneof(...choices.map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));
}

/** Sets `bit` in about one in `odds` values. */
function bit(bit: number, odds: number): fc.Arbitrary<number> {
  return weighted([odds - 1, 0], [1, bit]);
}

function flagsOf(...bits: readonly fc.Arbitrary<number>[]): fc.Arbitrary<number> {
  return fc.tuple(...bits).map((set) => set.reduce((flags, one) => flags | one, 0));
}

const accountId = fc.oneof({ weight: 30, arbitrary: fc.bigInt(1n, 6n) }, { weight: 1, arbitrary: fc.constantFrom(0n, u128Max, -1n) });
const transferId = fc.oneof({ weight: 30, arbitrary: fc.bigInt(1n, 12n) }, { weight: 1, arbitrary: fc.constantFrom(0n, u128Max, -1n) });
const small = fc.bigInt(1n, 60n);
const userData = fc.record({ userData128: weighted([9, 0n], [1, 1n]), userData64: weighted([9, 0n], [1, 1n]), userData32: weighted([9, 0], [1, 1]) });

const accountFlags = flagsOf(
  bit(AccountFlags.linked, 5),
  bit(AccountFlags.debitsMustNotExceedCredits, 6),
  bit(AccountFlags.creditsMustNotExceedDebits, 6),
  bit(AccountFlags.history, 3),
  bit(1 << 4, 40),
);

export const accountEvent: fc.Arbitrary<AccountInput> = fc
  .record({
    id: accountId,
    ledger: weighted([16, 1], [5, 2], [1, 0], [1, 3], [1, -1], [1, 1.5]),
    code: weighted([12, 1], [2, 2], [1, 0], [1, 70_000]),
    flags: accountFlags,
    user: userData,
  })
  .map(({ user, ...fields }) => ({ ...fields, ...user }));

/** A valid account on ledger 1 or 2, to start every sequence with some accounts. */
const freshAccount = (id: bigint): fc.Arbitrary<AccountInput> =>
  fc.record({ ledger: weighted([4, 1], [1, 2]), flags: flagsOf(bit(AccountFlags.debitsMustNotExceedCredits, 5), bit(AccountFlags.history, 2)) }).map((fields) => ({
    id,
    code: 1,
    userData128: 0n,
    userData64: 0n,
    userData32: 0,
    ...fields,
  }));

const plainAmount = fc.oneof(
  { weight: 30, arbitrary: small },
  { weight: 2, arbitrary: fc.constant(0n) },
  { weight: 2, arbitrary: fc.constantFrom(1n << 127n, amountMax, u128Max + 1n) },
);

const plainTransfer: fc.Arbitrary<TransferInput> = fc
  .record({
    id: transferId,
    debitAccountId: accountId,
    creditAccountId: accountId,
    amount: plainAmount,
    pendingId: weighted([40, 0n], [1, 3n]),
    timeout: weighted([12, 0], [2, 1], [2, 2], [1, 3], [1, 5], [1, -1]),
    ledger: weighted([20, 1], [3, 2], [1, 0], [1, 1.5]),
    code: weighted([20, 1], [1, 0], [1, 70_000]),
    flags: flagsOf(
      bit(TransferFlags.linked, 5),
      bit(TransferFlags.pending, 2),
      bit(TransferFlags.balancingDebit, 8),
      bit(TransferFlags.balancingCredit, 8),
      bit(TransferFlags.closingDebit, 14),
      bit(TransferFlags.closingCredit, 14),
      bit(1 << 9, 60),
    ),
    user: userData,
  })
  .map(({ user, ...fields }) => ({ ...fields, ...user }));

const resolvingTransfer: fc.Arbitrary<TransferInput> = fc
  .record({
    id: transferId,
    pendingId: fc.oneof({ weight: 30, arbitrary: fc.bigInt(1n, 12n) }, { weight: 1, arbitrary: fc.constantFrom(0n, u128Max) }),
    post: fc.boolean(),
    amount: fc.oneof(
      { weight: 6, arbitrary: fc.constant(amountMax) },
      { weight: 6, arbitrary: fc.constant(0n) },
      { weight: 10, arbitrary: small },
      { weight: 1, arbitrary: fc.constant(1n << 127n) },
    ),
    debitAccountId: weighted([12, 0n], [1, 1n], [1, 2n]),
    creditAccountId: weighted([12, 0n], [1, 1n], [1, 2n]),
    ledger: weighted([12, 0], [2, 1], [1, 2]),
    code: weighted([12, 0], [2, 1], [1, 2]),
    timeout: weighted([30, 0], [1, 1]),
    flags: flagsOf(bit(TransferFlags.linked, 5), bit(TransferFlags.pending, 30), bit(TransferFlags.balancingDebit, 40), bit(TransferFlags.closingCredit, 40)),
    both: bit(1, 40),
    user: userData,
  })
  .map(({ post, both, user, flags, ...fields }) => {
    const kind = post ? TransferFlags.postPendingTransfer : TransferFlags.voidPendingTransfer;
    const extra = both === 0 ? 0 : TransferFlags.postPendingTransfer | TransferFlags.voidPendingTransfer;
    return { ...fields, ...user, flags: flags | kind | extra };
  });

export const transferEvent: fc.Arbitrary<TransferInput> = fc.oneof({ weight: 3, arbitrary: plainTransfer }, { weight: 2, arbitrary: resolvingTransfer });

const operation: fc.Arbitrary<LedgerOperation> = fc.oneof(
  { weight: 1, arbitrary: fc.array(accountEvent, { maxLength: 4 }).map((events): LedgerOperation => ({ kind: 'create_accounts', events })) },
  { weight: 5, arbitrary: fc.array(transferEvent, { maxLength: 8 }).map((events): LedgerOperation => ({ kind: 'create_transfers', events })) },
);

/** Up to 6 seconds, sometimes almost nothing, so that holds with 1–5 s timeouts expire between commits. */
const gap = fc.oneof(
  { weight: 3, arbitrary: fc.bigInt(1n, 1_000n) },
  { weight: 4, arbitrary: fc.bigInt(1n, 6n * nanosecondsPerSecond) },
);

/** Sends an earlier operation again, maybe changed, so that retries of stored events are common. */
interface Replay {
  readonly commit: number;
  readonly operation: number;
  readonly change: 'none' | 'amount_max' | 'amount_zero' | 'user_data' | 'linked';
}

const replay: fc.Arbitrary<Replay> = fc.record({
  commit: fc.nat(),
  operation: fc.nat(),
  change: fc.constantFrom('none', 'none', 'amount_max', 'amount_zero', 'user_data', 'linked'),
});

const rawCommit = fc.record({
  gap,
  operations: fc.array(operation, { minLength: 1, maxLength: 3 }),
  replays: fc.array(replay, { maxLength: 1 }),
});

function changed<E extends { readonly flags: number; readonly userData32: number }>(event: E, change: Replay['change']): E {
  switch (change) {
    case 'none':
      return event;
    case 'amount_max':
      return 'amount' in event ? { ...event, amount: amountMax } : event;
    case 'amount_zero':
      return 'amount' in event ? { ...event, amount: 0n } : event;
    case 'user_data':
      return { ...event, userData32: event.userData32 + 1 };
    case 'linked':
      return { ...event, flags: event.flags ^ TransferFlags.linked };
  }
}

function replayed(source: LedgerOperation, change: Replay['change']): LedgerOperation {
  if (source.kind === 'create_accounts') return { kind: source.kind, events: source.events.map((event) => changed(event, change)) };
  return { kind: source.kind, events: source.events.map((event) => changed(event, change)) };
}

/** A first commit creating accounts 1–5, then up to `maxCommits` random commits. */
export function commitSequence(maxCommits: number): fc.Arbitrary<RandomCommit[]> {
  const opening = fc
    .tuple(...[1n, 2n, 3n, 4n, 5n].map(freshAccount))
    .map((events): RandomCommit => ({ gap: 1n, operations: [{ kind: 'create_accounts', events }] }));
  return fc.tuple(opening, fc.array(rawCommit, { minLength: 1, maxLength: maxCommits })).map(([first, rest]) => {
    const commits: RandomCommit[] = [first];
    for (const { gap, operations, replays } of rest) {
      const extra = replays.map((choice) => {
        const source = commits[choice.commit % commits.length]!;
        return replayed(source.operations[choice.operation % source.operations.length]!, choice.change);
      });
      commits.push({ gap, operations: [...operations, ...extra] });
    }
    return commits;
  });
}
