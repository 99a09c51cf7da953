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

/** How many account ids, and transfer ids that collide on purpose, the events draw from. */
export interface IdSpace {
  readonly accounts: bigint;
  readonly transfers: bigint;
}

/** Room for an unknown account and for many transfers. */
export const wideSpace: IdSpace = { accounts: 6n, transfers: 12n };
/** Few ids, so that events collide all the time. */
export const tightSpace: IdSpace = { accounts: 4n, transfers: 5n };

/** A pending id to be replaced by the id of a recent hold of the sequence (see `resolveHolds`). */
const recentHold = -424_242n;

/** Picks one of the values, each with its weight (0 for never). */
function weighted<T>(...choices: readonly (readonly [number, T])[]): fc.Arbitrary<T> {
  return fc.oneof(...choices.filter(([weight]) => weight > 0).map(([weight, value]) => ({ weight, arbitrary: fc.constant(value) })));
}

/** Sets `bit` in about one in `odds` values. */
function bit(bit: number, odds: number): fc.Arbitrary<number> {
  return weighted([odds - 1, 0], [1, bit]);
}

function flagsOf(...bits: readonly fc.Arbitrary<number>[]): fc.Arbitrary<number> {
  return fc.tuple(...bits).map((set) => set.reduce((flags, one) => flags | one, 0));
}

/** Events are clean (every field valid, accounts known) or noisy (any field may be wrong). */
type Noise = 0 | 1;

const invalidId = fc.constantFrom(0n, u128Max, -1n, u128Max + 1n);
/** Noisy ids may name the one account that is not created at the start, or an invalid id. */
const accountId = (space: IdSpace, noise: Noise): fc.Arbitrary<bigint> =>
  noise === 0 ? fc.bigInt(1n, space.accounts - 1n) : fc.oneof({ weight: 20, arbitrary: fc.bigInt(1n, space.accounts) }, { weight: 1, arbitrary: invalidId });
/** Mostly fresh ids, some from the small colliding range, a few invalid. */
const transferId = (space: IdSpace, noise: Noise): fc.Arbitrary<bigint> =>
  fc.oneof({ weight: 12, arbitrary: fc.bigInt(100n, 400n) }, { weight: 6, arbitrary: fc.bigInt(1n, space.transfers) }, { weight: noise, arbitrary: invalidId });
const small = fc.bigInt(1n, 60n);
const userData = fc.record({ userData128: weighted([19, 0n], [1, 1n]), userData64: weighted([19, 0n], [1, 1n]), userData32: weighted([9, 0], [1, 1]) });

const accountEvent = (space: IdSpace): fc.Arbitrary<AccountInput> =>
  fc
    .record({
      id: accountId(space, 1),
      ledger: weighted([16, 1], [5, 2], [1, 0], [1, 3], [1, -1], [1, 1.5]),
      code: weighted([12, 1], [2, 2], [1, 0], [1, 70_000]),
      flags: flagsOf(
        bit(AccountFlags.linked, 5),
        bit(AccountFlags.debitsMustNotExceedCredits, 6),
        bit(AccountFlags.creditsMustNotExceedDebits, 6),
        bit(AccountFlags.history, 3),
        bit(1 << 4, 40),
      ),
      user: userData,
    })
    .map(({ user, ...fields }) => ({ ...fields, ...user }));

/** A valid account on ledger 1 (or 2, rarely), to start every sequence with some accounts. */
const freshAccount = (id: bigint): fc.Arbitrary<AccountInput> =>
  fc
    .record({
      ledger: weighted([8, 1], [1, 2]),
      flags: flagsOf(bit(AccountFlags.debitsMustNotExceedCredits, 5), bit(AccountFlags.creditsMustNotExceedDebits, 8), bit(AccountFlags.history, 2)),
    })
    .map((fields) => ({ id, code: 1, userData128: 0n, userData64: 0n, userData32: 0, ...fields }))
    .map((account) => (account.flags & AccountFlags.creditsMustNotExceedDebits ? { ...account, flags: account.flags & ~AccountFlags.debitsMustNotExceedCredits } : account));

const plainTransfer = (space: IdSpace, noise: Noise): fc.Arbitrary<TransferInput> =>
  fc
    .record({
      id: transferId(space, noise),
      debitAccountId: accountId(space, noise),
      creditAccountId: accountId(space, noise),
      amount: fc.oneof(
        { weight: 40, arbitrary: small },
        { weight: 2 * noise, arbitrary: fc.constant(0n) },
        { weight: 4, arbitrary: fc.constantFrom(1n << 127n, amountMax) },
        { weight: noise, arbitrary: fc.constant(u128Max + 1n) },
      ),
      pendingId: weighted([60, 0n], [noise, 3n]),
      timeout: weighted([14, 0], [2, 1], [2, 2], [1, 3], [1, 4], [1, 5], [noise, -1]),
      ledger: weighted([40, 1], [3, 2], [noise, 0], [noise, 1.5]),
      code: weighted([40, 1], [noise, 0], [noise, 70_000]),
      flags: flagsOf(
        bit(TransferFlags.linked, 6),
        bit(TransferFlags.pending, 2),
        bit(TransferFlags.balancingDebit, 8),
        bit(TransferFlags.balancingCredit, 8),
        bit(TransferFlags.closingDebit, 14),
        bit(TransferFlags.closingCredit, 14),
        bit(noise << 9, 80),
      ),
      user: userData,
    })
    // A timeout or a closing flag on a posted transfer is an error; keep them mostly for holds.
    .map(({ user, ...fields }) => {
      if (noise === 1) return { ...fields, ...user };
      const held = (fields.flags & TransferFlags.pending) !== 0;
      const closing = TransferFlags.closingDebit | TransferFlags.closingCredit;
      const { debitAccountId: debit, creditAccountId: credit } = fields;
      const creditAccountId = debit === credit ? (debit % (space.accounts - 1n)) + 1n : credit;
      return { ...fields, ...user, creditAccountId, timeout: held ? fields.timeout : 0, flags: held ? fields.flags : fields.flags & ~closing };
    });

const resolvingTransfer = (space: IdSpace, noise: Noise): fc.Arbitrary<TransferInput> =>
  fc
    .record({
      id: transferId(space, noise),
      pendingId: fc.oneof({ weight: 12, arbitrary: fc.constant(recentHold) }, { weight: 3, arbitrary: fc.bigInt(1n, space.transfers) }, { weight: noise, arbitrary: invalidId }),
      post: fc.boolean(),
      amount: fc.oneof(
        { weight: 6, arbitrary: fc.constant(amountMax) },
        { weight: 6, arbitrary: fc.constant(0n) },
        { weight: 10, arbitrary: small },
        { weight: noise, arbitrary: fc.constant(1n << 127n) },
      ),
      debitAccountId: weighted([20, 0n], [noise, 1n], [noise, 2n]),
      creditAccountId: weighted([20, 0n], [noise, 1n], [noise, 2n]),
      ledger: weighted([20, 0], [2, 1], [noise, 2]),
      code: weighted([20, 0], [2, 1], [noise, 2]),
      timeout: weighted([40, 0], [noise, 1]),
      flags: flagsOf(
        bit(TransferFlags.linked, 6),
        bit(noise * TransferFlags.pending, 10),
        bit(noise * TransferFlags.balancingDebit, 10),
        bit(noise * TransferFlags.closingCredit, 10),
      ),
      both: bit(noise, 10),
      user: userData,
    })
    .map(({ post, both, user, flags, ...fields }) => {
      const kind = post ? TransferFlags.postPendingTransfer : TransferFlags.voidPendingTransfer;
      const extra = both === 0 ? 0 : TransferFlags.postPendingTransfer | TransferFlags.voidPendingTransfer;
      // A clean post names an amount; zero is how a void leaves it to the hold.
      const amount = noise === 0 && post && fields.amount === 0n ? amountMax : fields.amount;
      return { ...fields, ...user, amount, flags: flags | kind | extra };
    });

const operation = (space: IdSpace): fc.Arbitrary<LedgerOperation> => {
  const transferEvent = fc.oneof(
    { weight: 9, arbitrary: plainTransfer(space, 0) },
    { weight: 3, arbitrary: plainTransfer(space, 1) },
    { weight: 6, arbitrary: resolvingTransfer(space, 0) },
    { weight: 2, arbitrary: resolvingTransfer(space, 1) },
  );
  return fc.oneof(
    { weight: 1, arbitrary: fc.array(accountEvent(space), { maxLength: 4 }).map((events): LedgerOperation => ({ kind: 'create_accounts', events })) },
    { weight: 6, arbitrary: fc.array(transferEvent, { maxLength: 8 }).map((events): LedgerOperation => ({ kind: 'create_transfers', events })) },
  );
};

/** Up to 6 seconds, sometimes almost nothing, so that holds with 1–5 s timeouts expire between commits. */
const gap = fc.oneof({ weight: 3, arbitrary: fc.bigInt(1n, 1_000n) }, { weight: 4, arbitrary: fc.bigInt(1n, 6n * nanosecondsPerSecond) });

type Change = 'none' | 'amount_max' | 'amount_zero' | 'user_data' | 'linked';

/** Sends an earlier operation again, maybe changed, so that retries of stored events are common. */
const replay = fc.record({
  commit: fc.nat(),
  operation: fc.nat(),
  change: fc.constantFrom<Change>('none', 'none', 'amount_max', 'amount_zero', 'user_data', 'linked'),
});

const rawCommit = (space: IdSpace) =>
  fc.record({ gap, operations: fc.array(operation(space), { minLength: 1, maxLength: 3 }), replays: fc.array(replay, { maxLength: 1 }), picks: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }) });

function changed<E extends { readonly flags: number; readonly userData32: number }>(event: E, change: Change): E {
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

function replayed(source: LedgerOperation, change: Change): LedgerOperation {
  if (source.kind === 'create_accounts') return { kind: source.kind, events: source.events.map((event) => changed(event, change)) };
  return { kind: source.kind, events: source.events.map((event) => changed(event, change)) };
}

/** Points each `recentHold` pending id at one of the last few holds sent so far (or at id 1). */
function resolveHolds(operation: LedgerOperation, holds: bigint[], picks: readonly number[]): LedgerOperation {
  if (operation.kind === 'create_accounts') return operation;
  const events = operation.events.map((event, index) => {
    if ((event.flags & TransferFlags.pending) !== 0 && event.pendingId === 0n) holds.push(event.id);
    if (event.pendingId !== recentHold) return event;
    const recent = holds.slice(-4);
    return { ...event, pendingId: recent[(picks[index % picks.length] ?? 0) % Math.max(recent.length, 1)] ?? 1n };
  });
  return { kind: operation.kind, events };
}

/** A first commit creating all accounts of the space but the last, then up to `maxCommits` random commits. */
export function commitSequence(maxCommits: number, space: IdSpace = wideSpace): fc.Arbitrary<RandomCommit[]> {
  const ids = Array.from({ length: Number(space.accounts) - 1 }, (_, index) => BigInt(index + 1));
  const opening = fc.tuple(...ids.map(freshAccount)).map((events): RandomCommit => ({ gap: 1n, operations: [{ kind: 'create_accounts', events }] }));
  return fc.tuple(opening, fc.array(rawCommit(space), { minLength: 1, maxLength: maxCommits })).map(([first, rest]) => {
    const commits: RandomCommit[] = [first];
    const holds: bigint[] = [];
    for (const { gap, operations, replays, picks } of rest) {
      const fresh = operations.map((operation) => resolveHolds(operation, holds, picks));
      const again = replays.map((choice) => {
        const source = commits[choice.commit % commits.length]!;
        return replayed(source.operations[choice.operation % source.operations.length]!, choice.change);
      });
      commits.push({ gap, operations: [...fresh, ...again] });
    }
    return commits;
  });
}
