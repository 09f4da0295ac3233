import type { Generated } from 'kysely';

export type NotificationKind = 'order_confirmed_buyer' | 'order_received_shop' | 'purchase_failed_buyer' | 'order_cancelled_buyer' | 'order_cancelled_shop';

/**
 * The mailbox: every mail, one row per dedupe key. Over SMTP a row is written
 * as `sending` (the intent, with the Message-ID the mail will carry) before the
 * send and becomes `sent` after it; without SMTP it is `sent` at once.
 */
export interface NotificationsTable {
  id: Generated<number>;
  /** `<orderNo>:<kind>`: one mail per order and kind, however often a task retries. */
  dedupe_key: string;
  kind: NotificationKind;
  reference: string | null;
  recipient: string;
  subject: string;
  body: string;
  transport: string;
  state: 'sending' | 'sent';
  /** The Message-ID header, fixed at the intent so a resend after a crash is the same message. */
  message_id: string | null;
  /** When the intent was recorded (also the mail's Date header). */
  claimed_at: Generated<Date>;
  sent_at: Date | null;
}

export interface NotificationTables {
  notifications: NotificationsTable;
}

declare module '../platform/db/database.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's tables into the service's Database
  interface Database extends NotificationTables {}
}
