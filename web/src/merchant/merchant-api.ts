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

/** FNV-1a (64 bits) of a text, as hex: tells two requests apart inside one key. */
function fingerprint(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

/** An action's Idempotency-Key for one request: the action's key and the request's fingerprint. */
export function requestKey(key: string, method: Method, path: string, body: unknown): string {
  return `${key}.${fingerprint(`${method} ${path} ${JSON.stringify(body ?? null)}`)}`;
}

/**
 * A write as the chosen merchant, with its progress, error and result (useAction). `perform`
 * gets a `send` whose POSTs carry the action's key joined with a fingerprint of the request.
 */
export function useMerchantAction<A extends unknown[], T>(perform: (send: MerchantCall, ...args: A) => Promise<T>): Action<A, T> {
  const call = useMerchantCall();
  return useAction<A, T>((key, ...args) => {
    const send: MerchantCall = (method, path, options = {}) => call(method, path, method === 'POST' ? { ...options, idempotencyKey: requestKey(key, method, path, options.body) } : options);
    return perform(send, ...args);
  });
}
