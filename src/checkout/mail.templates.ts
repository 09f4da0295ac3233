import type { Mail, NotificationKind } from '../notifications/index.ts';
import { formatYen, money } from '../platform/money.ts';
import type { OrderRow } from './order.repository.ts';

/** The mails of a purchase (and of its cancellation), in Japanese with an English line (the shop's buyers are in Japan). */
export function composeMail(kind: NotificationKind, order: OrderRow, items: { sku: string; name: string; quantity: number }[], shopEmail: string): Mail {
  const lines = items.map((i) => `- ${i.name} (${i.sku}) × ${i.quantity}`).join('\n');
  const buyer = order.buyer_email ?? `customer:${order.customer_id}`;
  const ref = order.order_no;
  switch (kind) {
    case 'order_confirmed_buyer':
      return {
        kind,
        reference: ref,
        to: buyer,
        subject: `【ご注文確認】${ref} / Order confirmed`,
        body: `ご注文ありがとうございます。\nThank you for your order.\n\n注文番号 / Order: ${ref}\n${lines}\n合計 / Total: ${formatYen(money(order.total_amount))}\n`,
      };
    case 'order_received_shop':
      return {
        kind,
        reference: ref,
        to: shopEmail,
        subject: `【新規注文・発送してください】${ref} / New paid order: please ship`,
        body: `お支払い済みの注文が入りました。発送をお願いします。\nA paid order arrived; please ship it.\n\n${ref}\n${lines}\n合計 / Total: ${formatYen(money(order.total_amount))}\n`,
      };
    case 'purchase_failed_buyer':
      return {
        kind,
        reference: ref,
        to: buyer,
        subject: `【ご購入できませんでした】${ref} / Your purchase did not complete`,
        body: `ご購入手続きが完了しませんでした。料金は請求されません。\nYour purchase did not complete; you will not be charged.\n\n${ref}\n`,
      };
    case 'order_cancelled_buyer':
      return {
        kind,
        reference: ref,
        to: buyer,
        subject: `【ご注文キャンセル】${ref} / Your order was cancelled`,
        body: `ご注文をキャンセルいたしました。お支払いいただいた金額（返金済みの分を除く）は返金されます。\nYour order was cancelled; what you paid (less anything already refunded) will be refunded.\n\n${ref}\n${lines}\n`,
      };
    case 'order_cancelled_shop':
      return {
        kind,
        reference: ref,
        to: shopEmail,
        subject: `【発送中止】${ref} / Order cancelled: do not ship`,
        body: `この注文はキャンセルされました。発送しないでください。\nThis order was cancelled; do not ship it.\n\n${ref}\n${lines}\n`,
      };
  }
}
