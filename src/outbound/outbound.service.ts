import { randomUUID } from 'node:crypto';
import { FAMILIES, type StreamEvent } from '../events/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { enqueueTask } from '../platform/jobs/task.repository.ts';
import type { EventEnvelope, EventTransport } from '../platform/outbox/stream.ts';
import { insertDeliveries, keepEventBody } from './delivery.repository.ts';
import { DELIVER_TASK, DELIVERY_PRIORITY, OUTBOUND_CONSUMER, type OutboundDeps } from './outbound.deps.ts';
import { outboundMetrics } from './outbound.metrics.ts';
import { activeSubscriptions } from './subscription.repository.ts';
import { ALL_EVENTS } from './subscription.service.ts';

export interface RunningOutbound {
  stop(): Promise<void>;
}

/** The body every subscriber gets: the event exactly as the stream carries it, without where it sat in the stream. */
export function envelopeOf(e: StreamEvent): EventEnvelope {
  return { id: e.id, family: e.family, type: e.type, version: e.version, subject: e.subject, key: e.key, occurredAt: e.occurredAt, data: e.data };
}

/**
 * One stream batch, in the consumer's transaction: a delivery for each
 * (active subscription naming the event's type, event), and its task. The
 * unique (subscription, event) pair makes a replayed batch create nothing
 * twice, and the tasks commit with "processed up to here" — so each event
 * is handed to each subscription exactly once, whatever crashes.
 */
export async function fanOut(tx: Tx, events: StreamEvent[]): Promise<number> {
  const subs = await activeSubscriptions(tx);
  if (subs.length === 0) return 0;
  let created = 0;
  for (const e of events) {
    const occurred = Date.parse(e.occurredAt);
    // A subscription gets what happens from its creation on, not the stream's past.
    const to = subs.filter((s) => (s.event_types.includes(ALL_EVENTS) || s.event_types.includes(e.type)) && s.created_at.getTime() <= occurred);
    if (to.length === 0) continue;
    await keepEventBody(tx, { eventId: e.id, type: e.type, key: e.key, occurredAt: e.occurredAt, body: JSON.stringify(envelopeOf(e)) });
    const fresh = await insertDeliveries(tx, to.map((s) => ({ id: randomUUID(), subscriptionId: s.id, eventId: e.id })));
    for (const d of fresh) await enqueueTask(tx, { name: DELIVER_TASK, payload: { deliveryId: d.id, series: 1 }, priority: DELIVERY_PRIORITY });
    created += fresh.length;
  }
  return created;
}

/**
 * Starts the outbound webhooks' stream consumer (every family). Run it in
 * worker processes, beside the task runner that has {@link deliveryTasks}.
 */
export async function startOutbound(deps: OutboundDeps & { transport: EventTransport }): Promise<RunningOutbound> {
  outboundMetrics(deps.registry, deps.db);
  const consumer = await deps.transport.consume(OUTBOUND_CONSUMER, Object.keys(FAMILIES), async (tx, events) => {
    const n = await fanOut(tx, events);
    if (n > 0) deps.log.debug({ deliveries: n, events: events.length }, 'outbound deliveries created');
  });
  deps.log.info({ transport: deps.transport.kind }, 'outbound webhooks started');
  return { stop: () => consumer.stop() };
}
