/** Raised in a request that was waiting (injected latency, hang, delayed answer) when the simulator closes. */
export class SimClosingError extends Error {
  readonly code = 'sim_closing';
  constructor() {
    super('psp simulator is closing');
  }
}

interface Waiter {
  timer: NodeJS.Timeout | undefined;
  reject: (err: Error) => void;
}

/**
 * Every deliberate wait in the simulator goes through here, so close() can end
 * them all at once: otherwise a tok_timeout answer or a `hang` fault would keep
 * the process (and a test run) alive for its whole delay.
 */
export class PendingTimers {
  private readonly waiters = new Set<Waiter>();
  private closed = false;

  /** Resolves after `ms`, or rejects with SimClosingError if the simulator closes first. */
  wait(ms: number): Promise<void> {
    return this.track(ms);
  }

  /** Never resolves; rejects with SimClosingError when the simulator closes. */
  hang(): Promise<void> {
    return this.track(undefined);
  }

  /** Ends every wait, now and in future. */
  closeAll(): void {
    this.closed = true;
    for (const w of this.waiters) {
      if (w.timer) clearTimeout(w.timer);
      w.reject(new SimClosingError());
    }
    this.waiters.clear();
  }

  private track(ms: number | undefined): Promise<void> {
    if (this.closed) return Promise.reject(new SimClosingError());
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { timer: undefined, reject };
      if (ms !== undefined) {
        waiter.timer = setTimeout(() => {
          this.waiters.delete(waiter);
          resolve();
        }, ms);
      }
      this.waiters.add(waiter);
    });
  }
}
