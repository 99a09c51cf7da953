// A trade step's claim: what a step that moves money writes on the trade row before it moves it.
// The ledger and the platform's records commit apart, so without it a step whose money moved but
// whose record was lost (the process died in between, the platform's write failed) left the trade
// saying the money had not moved, and the next step (another party's, or the same one with other
// terms) acted on that. The claim holds the chain's transfer ids and what the step will record (the
// trade's changes, its events, who and when, and its other rows compiled), so whoever meets the
// claim can settle it: the record is written if the chain is in the ledger, and the claim let go if
// it is not. This is the "system of record first" order TigerBeetle asks of a database beside it:
// the intent is durable before the money moves. The timeline lines and outbox events are made again
// from the changes when a claim is settled, not kept: they are most of a record's bytes, and the
// claim is written on every step that moves money.

import { CompiledQuery } from 'kysely';
import { compileWrite, type PlatformWrite, type TradeTable } from '../store/index.js';
import type { Actor, EventData } from './trade-steps.js';

/** A statement of the claimed record, as the platform writes it. */
export interface ClaimedWrite {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly expectRows?: number;
}

export interface StepClaim {
  /** When the step claimed the trade (real time, ms): another process's claim is let be until it is `stepClaimStaleMilliseconds` old. */
  readonly at: number;
  /** The step's chain: it moved when these transfers are in the ledger (a linked chain moves all or none). */
  readonly transfers: readonly bigint[];
  /** What the step records once its chain moved, at the claimed version. */
  readonly changes: Partial<TradeTable>;
  readonly events: readonly (readonly [string, EventData])[];
  readonly actor: Actor;
  readonly now: number;
  /** The step's other rows (a refund, a dispute's decision, an operator's action line, …). */
  readonly writes: readonly ClaimedWrite[];
}

/**
 * How long a claim made by another process is taken to be its step still running. A step's claim,
 * chain and record take milliseconds; past this its process has died or lost its database.
 */
export const stepClaimStaleMilliseconds = 60_000;

const bigintTag = '$bigint';

/** A claim as the trade row keeps it: JSON, with each bigint as {"$bigint": "…"}. */
export function encodeClaim(claim: StepClaim): string {
  return JSON.stringify(claim, (_, value: unknown) => (typeof value === 'bigint' ? { [bigintTag]: value.toString() } : value));
}

export function decodeClaim(text: string): StepClaim {
  return JSON.parse(text, (_, value: unknown) => (value !== null && typeof value === 'object' && bigintTag in value ? BigInt((value as Record<string, string>)[bigintTag]!) : value)) as StepClaim;
}

/** A claimed statement as a write of the platform again. */
export function claimedWrite(write: ClaimedWrite): PlatformWrite {
  const query = { compile: () => CompiledQuery.raw(write.sql, [...write.parameters]) };
  return write.expectRows === undefined ? query : { query, expectRows: write.expectRows };
}

/** A write of the platform as a claim keeps it. Its values are text, numbers, null or bigint (a Buffer would not survive JSON). */
export function claimWrite(write: PlatformWrite): ClaimedWrite {
  const { query, expectRows } = compileWrite(write);
  for (const value of query.parameters) {
    if (value !== null && typeof value === 'object') throw new Error(`step claims: a statement value that is an object cannot be kept: ${query.sql}`);
  }
  return { sql: query.sql, parameters: query.parameters, ...(expectRows === undefined ? {} : { expectRows }) };
}
