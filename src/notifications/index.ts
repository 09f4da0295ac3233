/** Notifications: mails with a dedupe key, kept in a mailbox table, optionally sent over SMTP. */
export { Mailer, notificationsFor, type Mail, type MailerOptions, type SendResult } from './notification.service.ts';
export type { NotificationKind, NotificationTables } from './notification.table.ts';
