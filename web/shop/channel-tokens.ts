/**
 * A 202's channel token, by order: it opens that order's live status over WebSocket (`?token=`,
 * since a browser cannot set headers on one). sessionStorage, so a reload of the order page still
 * follows it; never in the page's URL.
 */
const KEY = 'orderly.shop.channel.';

export function keepChannelToken(orderNo: string, token: string): void {
  sessionStorage.setItem(KEY + orderNo, token);
}

export function channelTokenOf(orderNo: string): string | undefined {
  return sessionStorage.getItem(KEY + orderNo) ?? undefined;
}
