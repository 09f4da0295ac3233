import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../src/events/index.ts';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * The outbox and the Postgres-backed stream: every order's events, relayed
 * in commit order, read by the monitor; a clean run raises no alert.
 */
let t: TestService;
const SKU = 'EV-SKU';

beforeAll(async () => {
  // A clean run is judged by the monitor's own conditions once it has caught up, not by waiting out a short
  // grace window: on a loaded machine a capture slower than that window would be a true RULE_D.
  t = await startTestService({ MONITOR_GRACE_MS: '60000' });
  await t.product(SKU, 1000, 1000);
});
afterAll(async () => {
  await t?.close();
});

async function streamOf(orderNo: string) {
  const r = await sql<{ type: string; stream_seq: number; data: any }>`select type, stream_seq, data from outbox where key = ${orderNo} order by stream_seq`.execute(t.svc.db);
  return r.rows;
}

describe('events', () => {
  it('a paid order tells the stream, in order: placed, PAID, authorized, captured, stock committed, two mails; a clean run of many concurrent orders leaves the monitor nothing to alert', async () => {
    const rs = await Promise.all(Array.from({ length: 24 }, (_, i) => t.buy(i % 4 === 3 ? 'tok_declined' : 'tok_visa', { items: [{ sku: SKU, quantity: 1 }] })));
    const orderNos = rs.map((r) => (r.body.orderNo ?? r.body.error?.orderNo) as string);
    expect(rs.filter((r) => r.status === 201)).toHaveLength(18);
    for (const o of orderNos) await settled(t, o);
    await waitFor(async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from outbox where published_at is null`.execute(t.svc.db);
      return r.rows[0]!.n === 0;
    }, { what: 'the outbox to drain' });
    for (const [i, o] of orderNos.entries()) {
      const events = await streamOf(o);
      const types = events.map((e) => e.type);
      const statuses = events.filter((e) => e.type === 'order-status-changed').map((e) => e.data.status);
      if (i % 4 === 3) {
        expect(statuses).toEqual(['PENDING', 'FAILED']);
        expect(types).toEqual(expect.arrayContaining(['order-placed', 'order-failed', 'stock-released', 'mail-sent']));
        expect(types).not.toContain('payment-captured');
        continue;
      }
      expect(statuses).toEqual(['PENDING', 'PAID']);
      expect(types).toEqual(expect.arrayContaining(['order-placed', 'order-paid', 'payment-authorized', 'payment-captured', 'stock-committed', 'mail-sent']));
      expect(types.filter((x) => x === 'mail-sent')).toHaveLength(2);
      expect(types.indexOf('payment-authorized')).toBeLessThan(types.indexOf('payment-captured'));
    }
    // The monitor has read the whole stream …
    await waitFor(async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from stream_offsets o, event_stream_head h where o.consumer = 'consistency-monitor' and o.position = h.seq`.execute(t.svc.db);
      return r.rows[0]!.n === 1;
    }, { what: 'the monitor to reach the head of the stream' });
    const seen = await sql<{ n: number }>`select count(*)::int as n from monitor_orders where order_no = any(${orderNos})`.execute(t.svc.db);
    expect(seen.rows[0]!.n).toBe(orderNos.length);
    // … and no inconsistency holds for any order (one that held only while a capture was on its way has ended): none can ever be raised.
    const holding = await sql<{ order_no: string; rule_id: string; state: string }>`select order_no, rule_id, state from monitor_conditions where order_no = any(${orderNos})`.execute(t.svc.db);
    expect(holding.rows).toEqual([]);
    const alerts = await t.admin('GET', '/api/v1/admin/alerts');
    expect(alerts.status).toBe(200);
    expect(alerts.body.alerts).toEqual([]);
  });

  it('/asyncapi.json is an AsyncAPI 3.0 document of every catalog type, its references resolve, and the events a purchase wrote match its payloads', async () => {
    const r = await t.inject('GET', '/asyncapi.json');
    expect(r.status).toBe(200);
    const doc = r.body as any;
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.servers, 'no infrastructure in a public document').toBeUndefined();
    const names = Object.values(doc.components.messages).map((m: any) => m.name);
    expect(new Set(names)).toEqual(new Set(Object.keys(CATALOG)));
    // Every $ref points into the document.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(names.length);
    const at = (ref: string) => ref.slice(2).split('/').reduce((o: any, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    for (const ref of refs.map((x) => x.slice(8, -1))) expect(at(ref), ref).toBeDefined();
    for (const op of Object.values(doc.operations) as any[]) expect(op.action).toBe('send');

    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(doc, 'asyncapi');
    const bought = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    await settled(t, bought.body.orderNo);
    const rows = await sql<{ event_id: string; family: string; type: string; version: number; subject: string; key: string; occurred_at: Date; data: unknown }>`
        select event_id, family, type, version, subject, key, occurred_at, data from outbox where key = ${bought.body.orderNo}`.execute(t.svc.db);
    expect(rows.rows.length).toBeGreaterThan(5);
    for (const e of rows.rows) {
      const [id] = Object.entries(doc.components.messages).find(([, m]: [string, any]) => m.name === e.type)!;
      const validate = ajv.getSchema(`asyncapi#/components/messages/${id}/payload`)!;
      const envelope = { id: e.event_id, family: e.family, type: e.type, version: e.version, subject: e.subject, key: e.key, occurredAt: e.occurred_at.toISOString(), data: e.data };
      expect(validate(envelope), `${e.type}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });
});
