import type { PgListener } from '../platform/db/listener.ts';
import type { Logger } from '../platform/logging.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { orderByNo } from './order.repository.ts';
import { customerView, type OrderView } from './order.view.ts';



/**
 * Who follows which order in this process. Every change to an order sends a
 * Postgres NOTIFY in its transaction (whichever process made it); each process
 * LISTENs and wakes its own subscribers. After the listener reconnects,
 * notifications may have been missed, so every subscriber re-reads.
 */
export class OrderLiveHub {
  private readonly subs = new Map<string, Set<() => void>>();

  constructor(listener: PgListener) {
    listener.on('notification', (orderNo) => this.wake(orderNo));
    listener.on('reconnected', () => {
      for (const orderNo of this.subs.keys()) this.wake(orderNo);
    });
  }

  subscribe(orderNo: string, onChange: () => void): () => void {
    let set = this.subs.get(orderNo);
    if (!set) this.subs.set(orderNo, (set = new Set()));
    set.add(onChange);
    return () => {
      set.delete(onChange);
      if (set.size === 0) this.subs.delete(orderNo);
    };
  }

  /** How many subscriptions are open (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const s of this.subs.values()) n += s.size;
    return n;
  }

  private wake(orderNo: string): void {
    for (const fn of this.subs.get(orderNo) ?? []) fn();
  }
}

/**
 * Follows one order for one client: a snapshot first, then the order each time
 * it changes. Reads run one at a time and an unchanged view is not sent again,
 * so the client sees each state once, in order. Subscribes before the snapshot
 * so no change can fall between the two. Returns `stop`.
 */
export function followOrder(
  deps: Pick<CheckoutDeps, 'db' | 'payments'>,
  hub: OrderLiveHub,
  orderNo: string,
  send: (type: 'snapshot' | 'update', order: OrderView) => void,
  log: Logger,
): () => void {
  let stopped = false;
  let last = '';
  let chain: Promise<void> = Promise.resolve();
  const read = (type: 'snapshot' | 'update') => {
    chain = chain
      .then(async () => {
        if (stopped) return;
        const order = await orderByNo(deps.db, orderNo);
        if (!order || stopped) return;
        const view = await customerView(deps.db, deps.payments, order);
        if (stopped) return;
        const json = JSON.stringify(view);
        if (json === last) return;
        last = json;
        send(type, view);
      })
      .catch((err: unknown) => log.warn({ event: 'live_read_failed', err, orderNo }, 'could not read the order for a live subscriber'));
  };
  const unsubscribe = hub.subscribe(orderNo, () => read('update'));
  read('snapshot');
  return () => {
    stopped = true;
    unsubscribe();
  };
}
