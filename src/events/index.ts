/**
 * Events: the contracts of everything orderly publishes (one catalog: family,
 * version, subject, JSON Schema) and the one way to emit them — into the
 * transactional outbox, in the transaction of the change. Imports only
 * platform; every module that tells of its changes imports this.
 */
export { CATALOG, FAMILIES, subjectOf, type EventData, type EventType, type Family, type RuleIdName } from './catalog.ts';
export { emitEvent, emitEvents, EventContractError, type NewEvent } from './emit.ts';
export { asyncApiDocument } from './asyncapi.ts';
export { writeTaskEvent } from './task-events.ts';
export type { StreamEvent } from '../platform/outbox/stream.ts';
