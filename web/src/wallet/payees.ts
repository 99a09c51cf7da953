// Who a user id is, as a payer may see it: the masked phone or email of GET /v1/payees/{id}.
// Answers are kept for the visit, so a list naming the same person twice asks once.

import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import type { Payee } from '../api/types.js';

const known = new Map<string, Promise<Payee>>();

/** The payee behind a user id, phone or email (one request per visit for each). */
export function loadPayee(identifier: string): Promise<Payee> {
  let payee = known.get(identifier);
  if (payee === undefined) {
    payee = api<Payee>('GET', `/v1/payees/${encodeURIComponent(identifier)}`);
    known.set(identifier, payee);
    // A failure is not remembered: the next look tries again.
    payee.catch(() => known.delete(identifier));
  }
  return payee;
}

/** The masked displays of these user ids, filled in as they arrive (an unknown one stays out). */
export function usePayeeDisplays(ids: readonly string[]): Readonly<Record<string, string>> {
  const [displays, setDisplays] = useState<Readonly<Record<string, string>>>({});
  const key = [...new Set(ids)].sort().join(',');
  useEffect(() => {
    let live = true;
    for (const id of key === '' ? [] : key.split(',')) {
      loadPayee(id).then(
        (payee) => live && setDisplays((previous) => (previous[id] === payee.display ? previous : { ...previous, [id]: payee.display })),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [key]);
  return displays;
}
