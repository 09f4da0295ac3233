import type { CheckoutDeps, OrderLiveHub } from '../checkout/index.ts';

/** What the HTTP edge is given: the process's shared handles. */
export interface ApiContext {
  deps: CheckoutDeps;
  hub: OrderLiveHub;
  adminKey: string;
}
