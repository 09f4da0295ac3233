import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { Tx } from '../platform/db/database.ts';
import { appendToOutbox } from '../platform/outbox/outbox.ts';
import { CATALOG, subjectOf, type EventData, type EventType } from './catalog.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validators = new Map<EventType, ValidateFunction>();

function validatorOf(type: EventType): ValidateFunction {
  let v = validators.get(type);
  if (!v) {
    v = ajv.compile(CATALOG[type].data);
    validators.set(type, v);
  }
  return v;
}

/** A mistake in our own code (an event that breaks its contract): the change it belongs to must not commit. */
export class EventContractError extends Error {
  override name = 'EventContractError';
}

/** An event to emit: its type, its ordering key (the order number for every order and payment event), its data. */
export type NewEvent = { [T in EventType]: { type: T; key: string; data: EventData<T>; id?: string } }[EventType];

/**
 * Writes events to the outbox in the caller's transaction, each checked
 * against its contract first. Returns their ids.
 */
export async function emitEvents(tx: Tx, events: NewEvent[]): Promise<string[]> {
  const rows = events.map((e) => {
    const valid = validatorOf(e.type);
    if (!valid(e.data)) throw new EventContractError(`${e.type} breaks its contract: ${ajv.errorsText(valid.errors)}`);
    const d = CATALOG[e.type];
    return { family: d.family, type: e.type, version: d.version, subject: subjectOf(e.type), key: e.key, data: e.data as Record<string, unknown>, ...(e.id ? { id: e.id } : {}) };
  });
  return await appendToOutbox(tx, rows);
}

/** One event; see {@link emitEvents}. */
export async function emitEvent<T extends EventType>(tx: Tx, type: T, key: string, data: EventData<T>, id?: string): Promise<string> {
  const [eventId] = await emitEvents(tx, [{ type, key, data, ...(id ? { id } : {}) } as NewEvent]);
  return eventId!;
}
