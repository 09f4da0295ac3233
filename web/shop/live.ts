import { readEvents } from '../shared/sse.ts';
import type { OrderView } from './api.ts';

export type LiveVia = 'websocket' | 'sse' | 'none';
const FINAL = new Set(['PAID', 'FAILED', 'CANCELLED']);
export const isFinal = (status: string) => FINAL.has(status);

/**
 * Follows an order's status live: the WebSocket first (with the 202's channel token), Server-Sent Events
 * when it fails or there is no channel token (then the customer's JWT as Bearer, which a WebSocket cannot
 * carry). Stops by itself at a final status. Returns the stop function.
 */
export function followOrder(
  orderNo: string,
  credentials: { channelToken: string | undefined; bearer: () => string | undefined },
  onOrder: (order: OrderView) => void,
  onVia: (via: LiveVia) => void,
): () => void {
  let stopSse: (() => void) | undefined;
  let ws: WebSocket | undefined;
  let done = false;
  const path = `/api/v1/orders/${encodeURIComponent(orderNo)}`;

  const stop = () => {
    done = true;
    ws?.close();
    stopSse?.();
    onVia('none');
  };
  const receive = (order: OrderView) => {
    if (done) return;
    onOrder(order);
    if (isFinal(order.status)) stop();
  };
  const sse = () => {
    if (done) return;
    const token = credentials.channelToken ?? credentials.bearer();
    if (!token) return;
    onVia('sse');
    stopSse = readEvents(`${path}/events`, () => ({ authorization: `Bearer ${credentials.channelToken ?? credentials.bearer() ?? ''}` }), (_event, data) =>
      receive(JSON.parse(data) as OrderView),
    );
  };

  if (credentials.channelToken && 'WebSocket' in window) {
    const url = new URL(`${path}/live?token=${encodeURIComponent(credentials.channelToken)}`, location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let opened = false;
    ws = new WebSocket(url);
    ws.onopen = () => {
      opened = true;
      onVia('websocket');
    };
    ws.onmessage = (m) => receive((JSON.parse(String(m.data)) as { order: OrderView }).order);
    // Refused, cut off, or blocked by a proxy: the same stream over plain HTTP.
    ws.onclose = () => {
      if (!done) {
        if (!opened) console.info('live: WebSocket refused, using Server-Sent Events');
        sse();
      }
    };
  } else sse();
  return stop;
}
