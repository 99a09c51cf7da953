// The main thread's handle on the writer thread (write-worker.ts): sends commits, answers each
// with a promise that settles when the commit is durable, and reports checkpoints of the account log.

import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-thread.js';
import type { WriterReply, WriterRequest } from './write-worker.js';
import type { WriteJob } from './write-job.js';
import { CommitFailedError, DependentCommitError } from '../store.js';

interface Waiting {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

const workerUrl = new URL('./write-worker.ts', import.meta.url);

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private closing: (() => void) | undefined;
  private broken: Error | undefined;

  constructor(
    path: string,
    private readonly onCheckpoint: (throughSequence: number) => void,
    private readonly onCheckpointFailure: (message: string) => void,
  ) {
    this.worker = startWorker(workerUrl, { path });
    this.worker.on('message', (reply: WriterReply) => this.receive(reply));
    this.worker.on('error', (error) => this.breakDown(error));
    this.worker.on('exit', (code) => {
      if (this.closing === undefined) this.breakDown(new Error(`the SQLite writer thread exited (${code})`));
    });
  }

  /** Sends a commit; the promise settles when it is durable, or failed, or was dropped. */
  submit(job: WriteJob): Promise<void> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.waiting.set(job.sequence, { resolve, reject });
      const transfer = [job.accountsCreated, job.transfers, job.accountLog, job.holds, job.balances];
      this.worker.postMessage(job satisfies WriterRequest, transfer);
    });
  }

  /** Waits for the writer to fold the account log and close its connection. */
  close(): Promise<void> {
    if (this.broken !== undefined) return this.worker.terminate().then(() => undefined);
    return new Promise((done) => {
      this.closing = done;
      this.worker.postMessage({ type: 'close' } satisfies WriterRequest);
    });
  }

  private receive(reply: WriterReply): void {
    switch (reply.type) {
      case 'committed':
        this.take(reply.sequence)?.resolve();
        return;
      case 'failed':
        this.take(reply.sequence)?.reject(new CommitFailedError(`The commit failed and was rolled back: ${reply.message}`));
        // Every commit sent after it was computed on top of it: the writer drops them.
        for (const [sequence, waiting] of [...this.waiting]) {
          if (sequence < reply.sequence) continue;
          this.waiting.delete(sequence);
          waiting.reject(new DependentCommitError(`An earlier commit failed (${reply.message}); this one was not written.`));
        }
        return;
      case 'checkpointed':
        this.onCheckpoint(reply.throughSequence);
        return;
      case 'checkpoint_failed':
        this.onCheckpointFailure(reply.message);
        return;
      case 'closed':
        this.closing?.();
        return;
    }
  }

  private take(sequence: number): Waiting | undefined {
    const waiting = this.waiting.get(sequence);
    this.waiting.delete(sequence);
    return waiting;
  }

  private breakDown(error: Error): void {
    this.broken = error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
