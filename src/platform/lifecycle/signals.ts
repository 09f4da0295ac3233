import type { Logger } from 'pino';

/**
 * SIGINT (Ctrl-C) and SIGTERM, handled from the first moment of the process:
 * the first one drains (stop taking requests, finish what is in flight, stop
 * Postgres last); a second one, later, forces a fast stop that still loses
 * nothing committed (Postgres is told to shut down fast, which checkpoints).
 *
 * Under `npm start` one Ctrl-C arrives twice — from the terminal and again
 * forwarded by npm — within a few milliseconds; a repeat that close to the
 * first is the same keypress, not a second one.
 */
const SAME_KEYPRESS_MS = 750;

export interface StopHandlers {
  /** Graceful: resolves once everything is stopped. */
  drain(): Promise<void>;
  /** Fast: stop Postgres (fast shutdown) and whatever else holds resources, without waiting for work in flight. */
  force(): Promise<void>;
}

export class Shutdown {
  private handlers: StopHandlers | undefined;
  private state: 'running' | 'draining' | 'forcing' = 'running';
  private firstAt = 0;
  private firstSignal = '';

  constructor(
    private readonly log: Logger,
    private readonly opts: { drainTimeoutMs: number; exit?: (code: number) => void },
  ) {}

  /** Starts listening; call before anything is started. */
  install(): this {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => this.signal(sig));
    return this;
  }

  /** Called once the process is up. A signal that came while it was starting drains it now. */
  ready(handlers: StopHandlers): void {
    this.handlers = handlers;
    if (this.state === 'draining') void this.drain();
  }

  /** Whether a stop was asked for (a signal came while starting). */
  get stopping(): boolean {
    return this.state !== 'running';
  }

  signal(sig: string): void {
    if (this.state === 'running') {
      this.state = 'draining';
      this.firstAt = Date.now();
      this.firstSignal = sig;
      if (this.handlers) void this.drain();
      else this.log.info({ signal: sig }, 'stop requested while starting; will stop once started');
      return;
    }
    if (this.state === 'draining' && Date.now() - this.firstAt >= SAME_KEYPRESS_MS) void this.force(`second ${sig}`);
  }

  private exit(code: number): void {
    (this.opts.exit ?? process.exit)(code);
  }

  private async drain(): Promise<void> {
    this.log.info({ signal: this.firstSignal }, 'draining: no new requests; finishing in-flight requests and tasks (signal again to force a fast stop)');
    const timer = setTimeout(() => void this.force(`drain took longer than ${this.opts.drainTimeoutMs} ms`), this.opts.drainTimeoutMs);
    timer.unref();
    try {
      await this.handlers!.drain();
      clearTimeout(timer);
      if (this.state !== 'draining') return; // forced meanwhile: that path exits
      this.log.info('stopped cleanly');
      this.exit(0);
    } catch (e) {
      clearTimeout(timer);
      this.log.error({ event: 'shutdown_drain_failed', err: e }, 'error while draining; forcing a fast stop');
      await this.force('drain failed');
    }
  }

  private async force(why: string): Promise<void> {
    if (this.state === 'forcing') return;
    this.state = 'forcing';
    this.log.warn({ event: 'shutdown_forced', why }, 'forcing a fast stop: in-flight work is cut off; committed work is kept and resumed at the next start');
    try {
      await this.handlers?.force();
    } catch (e) {
      this.log.error({ event: 'shutdown_force_failed', err: e }, 'error during the fast stop');
    }
    this.exit(1);
  }
}
