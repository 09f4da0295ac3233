import { sql } from 'kysely';
import type { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleJob } from '../src/platform/jobs/task.repository.ts';
import { freePort } from './helpers/process.ts';
import { startSmtpServer } from './helpers/smtp.ts';
import { orderBody, settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * I4 over real SMTP: a mail task that runs again — after a crash before it was
 * marked done, or while another run may still be sending — never sends the
 * mail twice; the only repeat is after a crash between the SMTP server's
 * acceptance and our record, and it is the very same message (same Message-ID).
 */

interface Received {
  messageId: string;
  to: string[];
}

const received: Received[] = [];
let smtp: SMTPServer;
let t: TestService;

beforeAll(async () => {
  const port = await freePort();
  smtp = await startSmtpServer(port, (m) => void received.push({ messageId: m.messageId, to: m.to }));
  t = await startTestService({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_TIMEOUT_MS: '500', SHOP_EMAIL: 'shop@example.test' });
  await t.product('MAIL-SKU', 1200, 10);
});

afterAll(async () => {
  await t?.close();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

async function taskOf(orderNo: string, kind: string): Promise<{ id: number; attempts: number; state: string; errors: unknown[] }> {
  const rows = await t.svc.db.selectFrom('tasks').select(['id', 'attempts', 'state', 'payload', 'errors']).where('reference', '=', orderNo).where('name', '=', 'send_mail').execute();
  const row = rows.find((r) => r.payload.kind === kind);
  if (!row) throw new Error(`no ${kind} task for ${orderNo}`);
  return row;
}

/** What a crash before `markTaskDone` leaves: the task queued, its job run again. */
async function runAgain(taskId: number): Promise<void> {
  await t.svc.db.transaction().execute(async (tx) => {
    await tx.updateTable('tasks').set({ state: 'queued', done_at: null }).where('id', '=', taskId).execute();
    await scheduleJob(tx, 'send_mail', taskId);
  });
}

const shopMails = (orderNo: string) => received.filter((m) => m.to.includes('shop@example.test') && m.messageId.includes(orderNo));

describe('mails over SMTP, once per dedupe key', () => {
  it('sends each mail once with a stable Message-ID, and a task run again after the record sends nothing', async () => {
    const r = await t.call('POST', '/api/v1/orders', {
      auth: await t.token('mail-cust'),
      headers: { 'idempotency-key': 'mail-1' },
      body: { ...orderBody('tok_visa', [{ sku: 'MAIL-SKU', quantity: 1 }]), email: 'buyer@example.test' },
    });
    expect(r.status).toBe(201);
    const orderNo = r.body.orderNo as string;
    await settled(t, orderNo);
    expect(received.filter((m) => m.messageId.includes(orderNo)).map((m) => m.to).sort()).toEqual([['buyer@example.test'], ['shop@example.test']]);

    const task = await taskOf(orderNo, 'order_received_shop');
    await runAgain(task.id);
    await waitFor(async () => (await taskOf(orderNo, 'order_received_shop')).state === 'done', { what: 'the rerun to finish' });
    expect(shopMails(orderNo)).toHaveLength(1);
    const rows = await t.svc.db.selectFrom('notifications').select(['state', 'message_id']).where('reference', '=', orderNo).execute();
    expect(rows.map((x) => x.state)).toEqual(['sent', 'sent']);
    expect(rows.map((x) => x.message_id).sort()).toEqual(received.filter((m) => m.messageId.includes(orderNo)).map((m) => m.messageId).sort());
  });

  it('while another run may still be sending, a second run waits for its claim instead of sending; a claim whose run is gone is resent as the same message', async () => {
    const r = await t.buy('tok_visa', { customerId: 'mail-cust-2', items: [{ sku: 'MAIL-SKU', quantity: 1 }] });
    expect(r.status).toBe(201);
    const orderNo = r.body.orderNo as string;
    await settled(t, orderNo);
    const [first] = shopMails(orderNo);
    expect(first).toBeDefined();

    // What a crash between the SMTP server's 250 and our record leaves: the intent, not marked sent,
    // claimed by a run that is gone — here 9 s into the 10 s claim (20 × SMTP_TIMEOUT_MS), so it may still be sending.
    await t.svc.db
      .updateTable('notifications')
      .set({ state: 'sending', sent_at: null, claimed_at: sql`now() - interval '9 seconds'` })
      .where('dedupe_key', '=', `${orderNo}:order_received_shop`)
      .execute();
    const task = await taskOf(orderNo, 'order_received_shop');
    await runAgain(task.id);
    // The rerun finds a live claim: it sends nothing, counts no failure, and looks again when the claim runs out.
    await waitFor(async () => t.logs.some((l) => l.includes(orderNo) && l.includes('another run may be sending this mail')), { what: 'the rerun to find the claim' });
    const during = await taskOf(orderNo, 'order_received_shop');
    expect(shopMails(orderNo)).toHaveLength(1);
    expect(during.attempts).toBe(task.attempts);
    expect(during.errors).toEqual([]);

    const after = await waitFor(async () => {
      const x = await taskOf(orderNo, 'order_received_shop');
      return x.state === 'done' ? x : undefined;
    }, { timeoutMs: 15_000, what: 'the resend after the claim ran out' });
    expect(after?.errors).toEqual([]); // a wait, not a failure
    const mails = shopMails(orderNo);
    expect(mails).toHaveLength(2);
    expect(mails[1]!.messageId).toBe(first!.messageId);
    const row = await t.svc.db.selectFrom('notifications').select(['state']).where('dedupe_key', '=', `${orderNo}:order_received_shop`).executeTakeFirstOrThrow();
    expect(row.state).toBe('sent');
  }, 30_000);
});
