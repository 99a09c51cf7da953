// The dashboard's calls to the merchant API: every request carries Zhifu-Merchant with the chosen
// merchant's id (the member's session cookie authenticates it), and every write has an
// Idempotency-Key that stays the same for a retry of the same request and changes with its content,
// so that a lost answer is retried safely and a corrected form is a new request, not a refused one.

import { useCallback } from 'react';
import { api, type RequestOptions } from '../api/client.js';
import { useAction, type Action } from '../ui/hooks.js';
import { useMerchantSession } from './session.js';

type Method = 'GET' | 'POST' | 'DELETE';
export type MerchantCall = <T>(method: Method, path: string, options?: Omit<RequestOptions, 'merchant'>) => Promise<T>;

/** A request to the API as the chosen merchant. */
export function useMerchantCall(): MerchantCall {
  const merchant = useMerchantSession().membership.id;
  return useCallback(<T>(method: Method, path: string, options: Omit<RequestOptions, 'merchant'> = {}) => api<T>(method, path, { ...options, merchant }), [merchant]);
}

/**
 * A write as the chosen merchant, with its progress, error and result (useAction). `perform`
 * gets a `send` whose POSTs carry the action's key (the client joins it with a digest of the request).
 */
export function useMerchantAction<A extends unknown[], T>(perform: (send: MerchantCall, ...args: A) => Promise<T>): Action<A, T> {
  const call = useMerchantCall();
  return useAction<A, T>((key, ...args) => {
    const send: MerchantCall = (method, path, options = {}) => call(method, path, method === 'POST' ? { ...options, idempotencyKey: key } : options);
    return perform(send, ...args);
  });
}
