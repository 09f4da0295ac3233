/**
 * A loop's alarm clock: `wait(ms)` resolves after `ms`, or at once when
 * `kick()` was called since the last wait (a notification never gets lost
 * between two waits), or when the alarm is stopped.
 */
export class Wake {
  private kicked = false;
  private waiter: (() => void) | undefined;
  private stopped = false;

  kick(): void {
    this.kicked = true;
    this.waiter?.();
  }

  stop(): void {
    this.stopped = true;
    this.waiter?.();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async wait(ms: number): Promise<void> {
    if (this.kicked || this.stopped) {
      this.kicked = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.waiter = done;
    });
    this.waiter = undefined;
    this.kicked = false;
  }
}
