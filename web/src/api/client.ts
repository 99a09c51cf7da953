// The app's only way to the server: the public HTTP API under /v1, JSON both ways. Sessions are
// HttpOnly cookies the API sets at sign-in, so the page never sees a token: a user's, and an
// operator's, which the API takes only from a request with the Zhifu-Console header (the console's
// calls, naming the operator the tab shows); a merchant member acts for the merchant chosen in the
// dashboard with the Zhifu-Merchant header.

export interface ApiErrorBody {
  readonly error: { readonly type: string; readonly code: string; readonly message: string; readonly param: string | null };
}

/** An answer of the API that is not a success, or no answer at all (code network_error). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

export interface List<T> {
  readonly object: 'list';
  readonly data: T[];
  readonly has_more: boolean;
}

export interface RequestOptions {
  readonly body?: unknown;
  readonly query?: Record<string, string | number | undefined>;
  /** The action's key: a POST sends it joined with a digest of the request; without one, a fresh key. */
  readonly idempotencyKey?: string;
  /** Act as this merchant (the dashboard). */
  readonly merchant?: string;
  /**
   * Act as the signed-in operator (the console): the API takes the operator's cookie instead of
   * the user's. The operator's id, when the tab knows it: a cookie of another operator is refused.
   */
  readonly operator?: boolean | string;
  readonly signal?: AbortSignal;
}

/**
 * 128 random bits as 32 hex digits. crypto.getRandomValues, not crypto.randomUUID: the latter
 * exists only in secure contexts, and a self-hosted Zhifu may be opened over plain http on a LAN.
 */
export function randomHex(bytes = 16): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function newIdempotencyKey(): string {
  return randomHex();
}

/**
 * FNV-1a (64 bits) of a request, as hex: not cryptographic, it tells apart the requests one form
 * sends. The key an action keeps is joined with it, so that retries of the same request share a
 * key and a changed request (another amount after a lost answer) gets its own instead of being
 * refused as a reused key.
 */
export function requestDigest(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

export function pathWithQuery(path: string, query: RequestOptions['query']): string {
  if (query === undefined) return path;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') search.set(name, String(value));
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

function headersOf(method: string, path: string, options: RequestOptions): Headers {
  const headers = new Headers({ accept: 'application/json' });
  if (options.body !== undefined) headers.set('content-type', 'application/json');
  if (method === 'POST') headers.set('idempotency-key', options.idempotencyKey === undefined ? newIdempotencyKey() : `${options.idempotencyKey}.${requestDigest(`${method} ${path} ${JSON.stringify(options.body ?? null)}`)}`);
  if (options.merchant !== undefined) headers.set('zhifu-merchant', options.merchant);
  if (options.operator !== undefined && options.operator !== false) headers.set('zhifu-console', options.operator === true ? '1' : options.operator);
  return headers;
}

/** Calls the API; resolves with the JSON answer or rejects with an ApiFailure. */
export async function api<T>(method: 'GET' | 'POST' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(pathWithQuery(path, options.query), {
      method,
      headers: headersOf(method, path, options),
      credentials: 'same-origin',
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiFailure(0, 'network_error', 'The server could not be reached.');
  }
  const text = await response.text();
  const json: unknown = text === '' ? undefined : safeJson(text);
  if (!response.ok) {
    const body = json as Partial<ApiErrorBody> | undefined;
    const error = body?.error;
    throw new ApiFailure(response.status, error?.code ?? 'internal_error', error?.message ?? response.statusText, error?.param ?? null);
  }
  return json as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Downloads a file the API serves (a statement, a bill) under its own name. */
export async function download(path: string, fileName: string, options: Pick<RequestOptions, 'merchant' | 'query'> = {}): Promise<void> {
  const headers = headersOf('GET', path, options);
  headers.set('accept', 'text/csv');
  let response: Response;
  try {
    response = await fetch(pathWithQuery(path, options.query), { headers, credentials: 'same-origin' });
  } catch {
    throw new ApiFailure(0, 'network_error', 'The server could not be reached.');
  }
  if (!response.ok) {
    const body = safeJson(await response.text()) as Partial<ApiErrorBody> | undefined;
    throw new ApiFailure(response.status, body?.error?.code ?? 'internal_error', body?.error?.message ?? response.statusText, body?.error?.param ?? null);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
