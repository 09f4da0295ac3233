import nodemailer, { type Transporter } from 'nodemailer';
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
}

/**
 * Sends mails at most once per dedupe key. Every mail lands in the mailbox table
 * and the log; with SMTP_URL set it also goes out over SMTP. SMTP cannot be part
 * of our transaction, so a crash between the send and the insert can repeat one
 * SMTP mail (at-least-once); the mailbox row itself is exactly-once.
 */
export class Mailer {
  private readonly smtp: Transporter | undefined;

  constructor(private readonly opts: MailerOptions) {
    this.smtp = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : undefined;
  }

  async send(db: DbOrTx, mail: Mail, log: Logger): Promise<'sent' | 'duplicate'> {
    const dedupeKey = `${mail.reference}:${mail.kind}`;
    const existing = await db.selectFrom('notifications').select('id').where('dedupe_key', '=', dedupeKey).executeTakeFirst();
    if (existing) return 'duplicate';
    if (this.smtp && mail.to.includes('@')) {
      await this.smtp.sendMail({ from: this.opts.from, to: mail.to, subject: mail.subject, text: mail.body, headers: { 'X-Orderly-Dedupe-Key': dedupeKey } });
    }
    const r = await db
      .insertInto('notifications')
      .values({ dedupe_key: dedupeKey, kind: mail.kind, reference: mail.reference, recipient: mail.to, subject: mail.subject, body: mail.body, transport: this.smtp ? 'smtp' : 'mailbox' })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!r) return 'duplicate';
    log.info({ mail: { kind: mail.kind, to: mail.to, subject: mail.subject, orderNo: mail.reference } }, 'mail sent');
    return 'sent';
  }

  close(): void {
    this.smtp?.close();
  }
}

export async function notificationsFor(db: DbOrTx, reference: string) {
  return await db
    .selectFrom('notifications')
    .select(['kind', 'recipient', 'subject', 'sent_at'])
    .where('reference', '=', reference)
    .orderBy('id')
    .execute();
}
