// Loading data and running actions with their states: loading, failed (with the error), done.

import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure, newIdempotencyKey, type List } from '../api/client.js';

export interface Resource<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Loads `load()` now and whenever `keys` change; the last answer wins. */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, keys: readonly unknown[]): Resource<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, error: undefined, loading: true }));
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setState({ data, error: undefined, loading: false }),
      (error: unknown) => !controller.signal.aborted && setState({ data: undefined, error, loading: false }),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...keys, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}

export interface Action<A extends unknown[], T> {
  readonly run: (...args: A) => Promise<T | undefined>;
  readonly busy: boolean;
  readonly error: unknown;
  readonly result: T | undefined;
  readonly reset: () => void;
}

/**
 * Runs a write. While it runs the action is busy (buttons disable themselves, so a double click
 * sends once). The Idempotency-Key stays the same until the action succeeds or is refused, so
 * that a retry after a lost answer moves money once; a success or a refusal makes a fresh key.
 */
export function useAction<A extends unknown[], T>(perform: (idempotencyKey: string, ...args: A) => Promise<T>): Action<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [result, setResult] = useState<T | undefined>(undefined);
  const key = useRef(newIdempotencyKey());
  const running = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setError(undefined);
      try {
        const value = await perform(key.current, ...args);
        key.current = newIdempotencyKey();
        setResult(value);
        return value;
      } catch (failure) {
        // A refusal (4xx) is kept by the server under its key: a corrected retry is a new request
        // and needs a new key. A lost answer, a server error or a request still running keeps
        // the key, so that the retry is recognised as the same request.
        if (failure instanceof ApiFailure && failure.status >= 400 && failure.status < 500 && failure.code !== 'idempotency_key_in_use') key.current = newIdempotencyKey();
        setError(failure);
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [perform],
  );
  const reset = useCallback(() => {
    setError(undefined);
    setResult(undefined);
    key.current = newIdempotencyKey();
  }, []);
  return { run, busy, error, result, reset };
}

export interface PagedList<T> {
  readonly items: T[];
  readonly error: unknown;
  readonly loading: boolean;
  readonly hasMore: boolean;
  readonly loadMore: () => void;
  readonly reload: () => void;
}

/** A cursor-paginated list (`starting_after`), loaded page by page; `keys` restart it. */
export function usePagedList<T extends { readonly id: string }>(loadPage: (startingAfter: string | undefined, signal: AbortSignal) => Promise<List<T>>, keys: readonly unknown[]): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [hasMore, setHasMore] = useState(true);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [round, setRound] = useState(0);
  const controller = useRef<AbortController | undefined>(undefined);
  const state = useRef({ items: [] as T[], hasMore: true, loading: false });

  const fetchPage = useCallback(
    (reset: boolean) => {
      if (!reset && (state.current.loading || !state.current.hasMore)) return;
      if (reset) controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      const after = reset ? undefined : state.current.items.at(-1)?.id;
      state.current.loading = true;
      setLoading(true);
      setError(undefined);
      loadPage(after, current.signal).then(
        (page) => {
          if (current.signal.aborted) return;
          const next = reset ? page.data : [...state.current.items, ...page.data];
          state.current = { items: next, hasMore: page.has_more, loading: false };
          setItems(next);
          setHasMore(page.has_more);
          setLoading(false);
        },
        (failure: unknown) => {
          if (current.signal.aborted) return;
          state.current.loading = false;
          setError(failure);
          setLoading(false);
        },
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [...keys],
  );
  useEffect(() => {
    state.current = { items: [], hasMore: true, loading: false };
    setItems([]);
    setHasMore(true);
    fetchPage(true);
    return () => controller.current?.abort();
  }, [fetchPage, round]);
  const loadMore = useCallback(() => fetchPage(false), [fetchPage]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { items, error, loading, hasMore, loadMore, reload };
}

/** Calls `onVisible` when the returned ref's element scrolls into view (infinite scroll). */
export function useOnVisible(onVisible: () => void, enabled: boolean) {
  const ref = useRef<HTMLDivElement | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (element === null || !enabled) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onVisible();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [onVisible, enabled]);
  return ref;
}
