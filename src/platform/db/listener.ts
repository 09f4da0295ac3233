import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Logger } from '../logging.ts';

/**
 * A Postgres LISTEN on one channel over a connection of its own (a pooled
 * connection would lose its LISTEN when returned). Reconnects with backoff;
 * emits `notification` (payload) and `reconnected` — after a reconnect,
 * notifications sent while disconnected are lost, so subscribers resync.
 */
export class PgListener extends EventEmitter<{ notification: [string]; reconnected: [] }> {
  private client: pg.Client | undefined;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly log: Logger,
  ) {
    super();
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
  }

  /** Connects and listens; resolves once listening (the first time). */
  async start(): Promise<void> {
    await this.connect(false);
  }

  private async connect(isReconnect: boolean): Promise<void> {
    // keepAlive: a half-open connection would otherwise go unnoticed and live updates stop silently.
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true });
    client.on('error', (err) => {
      this.log.warn({ event: 'db_listener_lost', err, channel: this.channel }, 'listener connection lost');
      this.reconnectLater(client);
    });
    client.on('end', () => this.reconnectLater(client));
    client.on('notification', (n) => {
      if (n.channel === this.channel) this.emit('notification', n.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (e) {
      await client.end().catch(() => {});
      throw e;
    }
    if (this.stopped) {
      // stop() ran while we were reconnecting.
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.failures = 0;
    if (isReconnect) {
      this.log.info({ event: 'db_listener_reconnected', channel: this.channel }, 'listener reconnected');
      this.emit('reconnected');
    }
  }

  private reconnectLater(from: pg.Client): void {
    if (this.stopped || this.client !== from || this.retryTimer) return;
    this.client = undefined;
    from.end().catch(() => {});
    const delay = Math.min(10_000, 200 * 2 ** this.failures++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.stopped) return;
      this.connect(true).catch((err: unknown) => {
        this.log.warn({ event: 'db_listener_reconnect_failed', err, channel: this.channel }, 'listener reconnect failed; will try again');
        this.client = from; // so reconnectLater accepts the retry
        this.reconnectLater(from);
      });
    }, delay);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }
}
