// A form's action: like useAction (one Idempotency-Key until the request succeeds, so that a retry
// after a lost answer acts once), but a changed form is a new request with a key of its own. The
// API keeps a refused answer under its key, so sending other fields with the old key would be
// refused as a reused key rather than tried. Changing the form also clears the last outcome.

import { useEffect } from 'react';
import { useAction, type Action } from '../ui/hooks.js';

export function useFormAction<A extends unknown[], T>(perform: (idempotencyKey: string, ...args: A) => Promise<T>, inputs: readonly unknown[]): Action<A, T> {
  const action = useAction(perform);
  const { reset } = action;
  const signature = JSON.stringify(inputs);
  useEffect(() => reset(), [reset, signature]);
  return action;
}
