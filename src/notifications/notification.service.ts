import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import type { Logger } from 'pino';
import type { DbOrTx } from '../platform/db/database.ts';
import type { NotificationKind } from './notification.table.ts';

export interface Mail {
  kind: NotificationKind;
  reference: string;
  to: string;
  subject: string;
  body: string;
}

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  /** Bound of each SMTP step (connect, greeting, every reply): well inside any task lock. */
  smtpTimeoutMs: number;
}

/** What a send came to: done now, done before, or another run may be sending it right now. */
export type SendResult = { kind: 'sent' } | { kind: 'duplicate' } | { kind: 'in_progress'; retryInMs: number };

/**
 * A claim older than this belongs to a run that is gone: every SMTP step is
 * bounded by the timeout, so no send can still be under way after many of them.
 */
const claimLifetimeMs = (smtpTimeoutMs: number) => 20 * smtpTimeoutMs;

/**
 * nodemailer's errors that prove the server did not accept the mail. Not its
 * `command: 'CONN'`: nodemailer tags every socket-level failure so, the idle
 * timeout and a dropped connection while waiting for the reply to the message
 * too — and the server may have taken the mail by then (an SMTP server that
 * took the message and never confirmed it got it again at once).
 */
function refusedForSure(e: unknown): boolean {
  const err = e as { code?: string; responseCode?: number; message?: string; syscall?: string };
  // The server said no (4xx/5xx), to the message itself too: not accepted.
  if ((err.responseCode ?? 0) >= 400) return true;
  // Failures before a message can be sent: the address, the login, TLS, the envelope, the message's own size.
  if (['EDNS', 'EAUTH', 'ENOAUTH', 'EENVELOPE', 'ETLS', 'EMESSAGE'].includes(err.code ?? '')) return true;
  // Never connected (refused, unreachable, timed out), or never greeted.
  if (err.code === 'ESOCKET' && err.syscall === 'connect') return true;
  return err.code === 'ETIMEDOUT' && /^(Connection timeout|Greeting never received)/.test(err.message ?? '');
}

/**
 * The idle timeout fires this much after the greeting's (both start when the
 * connection opens), so a silent greeting is reported as one (nothing sent:
 * the next run may send at once), not as an idle socket, which may come after
 * the message was taken.
 */
const GREETING_FIRST_MS = 50;

/**
 * Sends mails at most once per dedupe key. Every mail lands in the mailbox
 * table and the log; with SMTP_URL it also goes out over SMTP:
 * 1. the intent is committed first (`sending`, with its Message-ID and Date) —
 *    a second run of the task finds it and does not send while the first may
 *    still be sending;
 * 2. the SMTP send, every step under a timeout;
 * 3. the row becomes `sent`.
 * A crash between the SMTP server's "250 accepted" and step 3 leaves a
 * `sending` row; once its claim has expired the mail is sent again as the
 * very same message (same Message-ID and Date), which mail stores that collapse
 * duplicates by Message-ID show once. SMTP has no idempotency key, so that
 * one window stays at-least-once.
 */
export class Mailer {
  private readonly smtp: Transporter | undefined;
  private readonly domain: string;

  constructor(private readonly opts: MailerOptions) {
    // The URL parsed here, not passed as `url`: given a `url`, nodemailer's createTransport keeps only what
    // the URL says and drops every other option, so the timeouts were nodemailer's own (30 s greeting, 10 min
    // socket), far longer than a mail's claim — a hung send could outlive it and the mail go out twice (I4).
    // Its own parser, so the URL means what it meant (query options such as ?tls.rejectUnauthorized=false).
    this.smtp = opts.smtpUrl
      ? nodemailer.createTransport({
          ...parseConnectionUrl(opts.smtpUrl),
          connectionTimeout: opts.smtpTimeoutMs,
          greetingTimeout: opts.smtpTimeoutMs,
          socketTimeout: opts.smtpTimeoutMs + GREETING_FIRST_MS,
          dnsTimeout: opts.smtpTimeoutMs,
        } as nodemailer.TransportOptions)
      : undefined;
    this.domain = /@([^>\s]+)>?\s*$/.exec(opts.from)?.[1] ?? 'orderly.local';
  }

  async send(db: DbOrTx, mail: Mail, log: Logger): Promise<SendResult> {
    const dedupeKey = `${mail.reference}:${mail.kind}`;
    const smtp = this.smtp && mail.to.includes('@') ? this.smtp : undefined;
    const fields = { dedupe_key: dedupeKey, kind: mail.kind, reference: mail.reference, recipient: mail.to, subject: mail.subject, body: mail.body };
    if (!smtp) {
      const r = await db
        .insertInto('notifications')
        .values({ ...fields, transport: 'mailbox', state: 'sent', message_id: null, sent_at: new Date() })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!r) return { kind: 'duplicate' };
      this.logSent(log, mail, 'mailbox');
      return { kind: 'sent' };
    }
    const inserted = await db
      .insertInto('notifications')
      .values({
        ...fields,
        transport: 'smtp',
        state: 'sending',
        message_id: `<${dedupeKey.replace(/[^\w.-]/g, '.')}.${randomBytes(6).toString('hex')}@${this.domain}>`,
        sent_at: null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning(['message_id', 'recipient', 'subject', 'body'])
      .executeTakeFirst();
    const lifetimeSecs = claimLifetimeMs(this.opts.smtpTimeoutMs) / 1000;
    // Not ours: sent already, or another run holds a live claim — unless that claim expired (its run is gone).
    // `now()` is the database's clock, the same for every process.
    const claim =
      inserted ??
      (await db
        .updateTable('notifications')
        .set({ claimed_at: sql`now()` })
        .where('dedupe_key', '=', dedupeKey)
        .where('state', '=', 'sending')
        .where('claimed_at', '<', sql<Date>`now() - make_interval(secs => ${lifetimeSecs})`)
        .returning(['message_id', 'recipient', 'subject', 'body'])
        .executeTakeFirst());
    if (!claim) {
      const row = await db
        .selectFrom('notifications')
        .select(['state', sql<number>`extract(epoch from (claimed_at + make_interval(secs => ${lifetimeSecs}) - now())) * 1000`.as('leftMs')])
        .where('dedupe_key', '=', dedupeKey)
        .executeTakeFirstOrThrow();
      if (row.state === 'sent') return { kind: 'duplicate' };
      return { kind: 'in_progress', retryInMs: Math.max(1_000, Math.ceil(Number(row.leftMs))) };
    }
    if (!inserted) log.warn({ event: 'mail_resent_after_crash', dedupeKey }, 'a run that was sending this mail is gone; sending it again as the same message (same Message-ID)');
    try {
      await smtp.sendMail({
        from: this.opts.from,
        to: claim.recipient,
        subject: claim.subject,
        text: claim.body,
        messageId: claim.message_id ?? undefined,
        headers: { 'X-Orderly-Dedupe-Key': dedupeKey },
      });
    } catch (e) {
      // Refused for sure (no connection, a refusing reply): the next run may send at once. A timeout or a
      // cut connection may have come after the server accepted the mail: the claim stands until it expires.
      if (refusedForSure(e)) await db.updateTable('notifications').set({ claimed_at: sql`'epoch'::timestamptz` }).where('dedupe_key', '=', dedupeKey).where('state', '=', 'sending').execute();
      throw e;
    }
    await db.updateTable('notifications').set({ state: 'sent', sent_at: sql`now()` }).where('dedupe_key', '=', dedupeKey).execute();
    this.logSent(log, mail, 'smtp');
    return { kind: 'sent' };
  }

  private logSent(log: Logger, mail: Mail, transport: string): void {
    // The address is personal data: only at debug.
    log.info({ mail: { kind: mail.kind, orderNo: mail.reference, transport } }, 'mail sent');
    log.debug({ mail: { kind: mail.kind, to: mail.to, subject: mail.subject } }, 'mail recipient');
  }

  close(): void {
    this.smtp?.close();
  }
}

export async function notificationsFor(db: DbOrTx, reference: string) {
  return await db
    .selectFrom('notifications')
    .select(['kind', 'recipient', 'subject', 'state', 'sent_at'])
    .where('reference', '=', reference)
    .orderBy('id')
    .execute();
}
