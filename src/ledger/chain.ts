// Runs a batch of events with linked chains: a chain (events flagged `linked`, closed by the first
// event without the flag) succeeds or fails as one, as in TigerBeetle.

import type { Workspace } from './workspace.js';

type ChainResult = 'ok' | 'linked_event_failed' | 'linked_event_chain_open';

/**
 * Applies `apply` to each event in order and returns one result per event. Within a chain the
 * first failure gets its own code and every other event of the chain `linked_event_failed`; a
 * chain still open at the end of the batch fails with `linked_event_chain_open` on its last event.
 */
export function executeChained<E, R extends string>(
  workspace: Workspace,
  events: readonly E[],
  isLinked: (event: E) => boolean,
  apply: (event: E, timestamp: bigint) => R | 'ok',
): (R | ChainResult)[] {
  const results: (R | ChainResult)[] = new Array(events.length);
  // Every event gets its own timestamp, whether or not it runs, so that timestamps stay unique.
  const timestampFirst = workspace.reserve(events.length);
  const timestampOf = (index: number): bigint => timestampFirst + BigInt(index);
  // Outside chains the timestamp is counted up, one BigInt per event instead of two (hot path).
  let timestamp = timestampFirst;
  let index = 0;
  while (index < events.length) {
    const event = events[index]!;
    if (!isLinked(event)) {
      results[index] = apply(event, timestamp);
      index += 1;
      timestamp += 1n;
      continue;
    }
    index = executeChain(workspace, events, index, isLinked, (event, at) => apply(event, timestampOf(at)), results);
    timestamp = timestampOf(index);
  }
  return results;
}

/** Runs the chain that starts at `first`; returns the index after its last event. */
function executeChain<E, R extends string>(
  workspace: Workspace,
  events: readonly E[],
  first: number,
  isLinked: (event: E) => boolean,
  apply: (event: E, index: number) => R | 'ok',
  results: (R | ChainResult)[],
): number {
  let last = first;
  while (last < events.length - 1 && isLinked(events[last]!)) last += 1;
  const open = isLinked(events[last]!);

  workspace.beginChain();
  let failedAt = -1;
  let failure: R | ChainResult = 'ok';
  // The last event of an open chain never runs; the events before it run until one fails.
  for (let index = first; index < (open ? last : last + 1); index++) {
    const result = apply(events[index]!, index);
    if (result !== 'ok') {
      failedAt = index;
      failure = result;
      break;
    }
  }
  if (open && failedAt < 0) {
    failedAt = last;
    failure = 'linked_event_chain_open';
  }
  workspace.endChain(failedAt < 0);
  for (let index = first; index <= last; index++) {
    results[index] = failedAt < 0 ? 'ok' : index === failedAt ? failure : 'linked_event_failed';
  }
  // As in TigerBeetle, an open chain's last event says so, even when an earlier event failed.
  if (open) results[last] = 'linked_event_chain_open';
  return last + 1;
}
