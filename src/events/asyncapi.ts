import { CATALOG, FAMILIES, subjectOf, type EventType } from './catalog.ts';

/**
 * The AsyncAPI 3.0 document of every event, generated from the catalog (the
 * one schema source), served beside the OpenAPI one at `/asyncapi.json`.
 * Channels are subjects (NATS) — the same subjects name the events in the
 * Postgres-backed stream.
 */
export function asyncApiDocument(version: string, opts: { subjectPrefix?: string } = {}): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const prefix = opts.subjectPrefix ?? '';
  for (const type of Object.keys(CATALOG) as EventType[]) {
    const d = CATALOG[type];
    const id = `${type}.v${d.version}`.replace(/[^A-Za-z0-9_.-]/g, '_');
    schemas[id] = d.data;
    messages[id] = {
      name: type,
      title: type,
      summary: d.summary,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          'Nats-Msg-Id': { type: 'string', description: 'the event id: JetStream drops a second copy within its duplicate window' },
          'Orderly-Event-Type': { type: 'string', const: type },
          'Orderly-Event-Version': { type: 'string', const: String(d.version) },
        },
      },
      payload: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'family', 'type', 'version', 'subject', 'key', 'occurredAt', 'data'],
        properties: {
          id: { type: 'string', format: 'uuid', description: 'unique per event; consumers dedupe on it' },
          family: { type: 'string', const: d.family },
          type: { type: 'string', const: type },
          version: { type: 'integer', const: d.version },
          subject: { type: 'string', const: subjectOf(type) },
          key: { type: 'string', description: "the ordering key (the order number): one key's events arrive in commit order" },
          occurredAt: { type: 'string', format: 'date-time' },
          data: { $ref: `#/components/schemas/${id}` },
        },
      },
    };
    const channel = `${prefix}${subjectOf(type)}`;
    channels[id] = {
      address: channel,
      title: type,
      description: `${d.summary} Stream: the ${d.family} family.`,
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
    };
    operations[`publish.${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: `orderly publishes ${type}`,
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'orderly events',
      version,
      description:
        'Every event orderly publishes, at least once, in commit order per key (the order number), from a transactional outbox. ' +
        'With NATS_URL set they go to NATS JetStream, one stream per family (' +
        Object.entries(FAMILIES)
          .map(([f, v]) => `${f}: ${v.subjects.join(', ')}`)
          .join('; ') +
        '); without it, to the Postgres-backed stream read by the in-process consumers. Money is integer minor units. Events carry no personal data.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas },
  };
}
