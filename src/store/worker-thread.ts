// Starts a worker thread from a module beside the caller. Built, the worker is JavaScript; from
// source (tests, benchmarks) it is TypeScript, and a small bootstrap registers tsx inside the
// worker thread first.

import { Worker } from 'node:worker_threads';

/** `moduleUrl` is the caller's `new URL('./name.ts', import.meta.url)`; the built twin ends in .js. */
export function startWorker(moduleUrl: URL, workerData: unknown): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = fromSource ? moduleUrl : new URL(moduleUrl.href.replace(/\.ts$/, '.js'));
  if (!fromSource) return new Worker(url, { workerData });
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
