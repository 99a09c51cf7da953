// A task run every so often in the background, never twice at once; stopping waits for a run in
// progress, so that nothing is left writing to a store that is about to close.

export class Periodic {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly intervalMilliseconds: number,
    private readonly task: () => Promise<unknown>,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => this.runOnce(), this.intervalMilliseconds);
    this.timer.unref();
  }

  /** Runs the task now unless it is running already. */
  runOnce(): Promise<void> {
    this.running ??= this.task()
      .then(
        () => undefined,
        (error: unknown) => this.onError(error),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
