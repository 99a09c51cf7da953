// Sends one delivery (a webhook or an Alipay notification) over HTTP(S), connecting only to an
// address that was checked. Checking a name's addresses and then letting fetch resolve the name
// again left a window (DNS rebinding): a name with a short lifetime could answer a public address
// to the check and an internal one to the connection. Here the connection's own lookup checks what
// it resolved, so the address connected to is the address checked. Redirects are not followed.

import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { internalAddress, literalTargetAllowed } from './targets.js';

/** Bytes of a receiver's answer that are read at most (Alipay receivers answer "success"). */
const answerBytesMax = 64 * 1024;

/** What a name resolves to: all its addresses (dns.lookup with `all`, or a stand-in in tests). */
export type Resolve = (hostname: string, callback: (error: Error | null, addresses: LookupAddress[]) => void) => void;

const systemResolve: Resolve = (hostname, callback) => dnsLookup(hostname, { all: true } satisfies LookupAllOptions, callback);

export interface DeliveryOptions {
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The sandbox may call internal addresses (a developer's receiver on localhost); production may not. */
  readonly allowInternal: boolean;
  readonly timeoutMilliseconds: number;
  readonly resolve?: Resolve;
}

export interface DeliveryAnswer {
  readonly status: number;
  /** The start of the answer's body, as text (at most 64 KiB). */
  readonly text: string;
}

export class DeliveryRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryRefusedError';
  }
}

export class DeliveryTimeoutError extends Error {
  constructor(milliseconds: number) {
    super(`no answer in ${milliseconds / 1000} s`);
    this.name = 'DeliveryTimeoutError';
  }
}

const internalRefusal = 'the target resolves to an internal address, which production does not call';

/** POSTs the body to the URL and reads the answer; refuses internal targets outside the sandbox. */
export function deliver(url: string, options: DeliveryOptions): Promise<DeliveryAnswer> {
  const target = new URL(url);
  if (!options.allowInternal && !literalTargetAllowed(target)) return Promise.reject(new DeliveryRefusedError(internalRefusal));
  const resolve = options.resolve ?? systemResolve;
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolve(hostname, (error, found) => {
      if (error !== null) return callback(error, '', 4);
      const family = lookupOptions.family === 4 || lookupOptions.family === 6 ? lookupOptions.family : undefined;
      const addresses = family === undefined ? found : found.filter((entry) => entry.family === family);
      if (addresses.length === 0) return callback(new Error(`${hostname} has no address`), '', 4);
      // Every address is checked, not just the one used: a name that reaches inside is refused.
      if (!options.allowInternal && addresses.some((entry) => internalAddress(entry.address))) return callback(new DeliveryRefusedError(internalRefusal), '', 4);
      if (lookupOptions.all === true) (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((settle, fail) => {
    let response: IncomingMessage | undefined;
    // The whole delivery, from connecting to the answer's last byte, has one deadline.
    const timer = setTimeout(() => {
      const error = new DeliveryTimeoutError(options.timeoutMilliseconds);
      request.destroy(error);
      response?.destroy(error);
    }, options.timeoutMilliseconds);
    const done = (error: Error | undefined, answer?: DeliveryAnswer): void => {
      clearTimeout(timer);
      if (error === undefined) settle(answer!);
      else fail(error);
    };
    // A connection of its own (agent: false): a pooled one would skip the lookup, and its check.
    const request = send(target, { method: 'POST', headers: { ...options.headers, 'content-length': String(Buffer.byteLength(options.body)) }, lookup, agent: false }, (answered) => {
      response = answered;
      readAnswer(answered).then(
        (text) => done(undefined, { status: answered.statusCode ?? 0, text }),
        (error: Error) => done(error),
      );
    });
    request.on('error', (error) => done(error));
    request.end(options.body);
  });
}

/** The first bytes of an answer, as text; the rest is read and dropped, so the connection ends cleanly. */
function readAnswer(response: IncomingMessage): Promise<string> {
  return new Promise((settle, fail) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    response.on('data', (chunk: Buffer) => {
      if (kept >= answerBytesMax) return;
      chunks.push(chunk.subarray(0, answerBytesMax - kept));
      kept += Math.min(chunk.byteLength, answerBytesMax - kept);
    });
    response.on('end', () => settle(Buffer.concat(chunks).toString('utf8')));
    response.on('error', fail);
  });
}
