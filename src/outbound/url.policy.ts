import { BlockList, isIP } from 'node:net';

/**
 * Where orderly may send webhooks. A subscription URL is chosen by whoever
 * holds the admin key, but the request comes from inside our network: a
 * URL on loopback, a private range or a cloud metadata address would let
 * it reach what the internet cannot (SSRF). Production refuses those, and
 * plain http, unless a setting allows them (tests and private networks).
 */

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48], // local-use NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

/** Whether an IP address (v4 or v6, IPv4-mapped included) is loopback, private, link-local or otherwise not on the internet. */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 0) return false;
  return PRIVATE.check(address, kind === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as an IP literal (brackets of IPv6 removed), or undefined for a name. */
export function ipLiteralOf(hostname: string): string | undefined {
  const h = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(h) ? h : undefined;
}

export interface UrlPolicy {
  allowPrivateUrls: boolean;
  allowHttp: boolean;
}

/** One reason a URL is refused, for the 422's details. */
export type UrlProblem = string;

export const MAX_URL_LENGTH = 2000;

/**
 * Checks a subscription URL as given (its host literal; names are resolved
 * and checked again at each delivery, see sender.ts). Returns the problem,
 * or undefined when the URL may be used.
 */
export function urlProblem(raw: string, policy: UrlPolicy): UrlProblem | undefined {
  if (raw.length > MAX_URL_LENGTH) return `must be at most ${MAX_URL_LENGTH} characters long`;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'is not an absolute URL';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'must be an http or https URL';
  if (u.protocol === 'http:' && !policy.allowHttp) return 'must be https (plain http is refused here; OUTBOUND_ALLOW_HTTP allows it)';
  if (u.username || u.password) return 'must not carry credentials (user:password@)';
  if (u.hash) return 'must not have a fragment (#…)';
  if (!u.hostname) return 'must name a host';
  if (!policy.allowPrivateUrls) {
    const literal = ipLiteralOf(u.hostname);
    const name = u.hostname.toLowerCase().replace(/\.$/, '');
    if ((literal && isPrivateAddress(literal)) || name === 'localhost' || name.endsWith('.localhost')) {
      return 'must not point to a loopback or private address (OUTBOUND_ALLOW_PRIVATE_URLS allows it)';
    }
  }
  return undefined;
}
