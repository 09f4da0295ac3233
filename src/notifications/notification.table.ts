import type { Generated } from 'kysely';

export type NotificationKind = 'order_confirmed_buyer' | 'order_received_shop' | 'purchase_failed_buyer';

/** The mailbox: every mail sent, the admin order detail lists them. */
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
  sent_at: Generated<Date>;
}

export interface NotificationTables {
  notifications: NotificationsTable;
}
