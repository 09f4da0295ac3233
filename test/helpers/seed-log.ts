import { prng } from './random.ts';

/**
 * A shop's log in the shape seeds 000 and 001 were made from (another
 * system's, not orderly's): JSON lines with `timestamp`, `service`, `level`,
 * `event_type: item_purchase` with `details.success`, and `error_code`. Over
 * an hour, purchases mostly succeed; at 10:20 the payment gateway starts
 * answering 503 for four minutes, and the services behind it fail in its wake
 * (401 in auth_service, 500 in database, 503 in inventory_service) while the
 * purchases of those minutes fail (a few fail at other times too, as they do). Ordinary info lines run throughout.
 * Deterministic (seeded), so a test can count what it holds.
 */
export interface SeedLog {
  lines: string[];
  /** What the log holds, to check a report against. */
  truth: { purchases: number; failedPurchases: number; gateway503: number; auth401: number; database500: number; inventory503: number };
}

const START = Date.parse('2026-12-01T10:00:00.000Z');
const OUTAGE_FROM = Date.parse('2026-12-01T10:20:00.000Z');
const OUTAGE_TO = Date.parse('2026-12-01T10:24:00.000Z');

export function seedStyleLog(seed = 7): SeedLog {
  const rnd = prng(seed);
  const lines: { at: number; line: string }[] = [];
  const truth = { purchases: 0, failedPurchases: 0, gateway503: 0, auth401: 0, database500: 0, inventory503: 0 };
  const push = (at: number, o: Record<string, unknown>) => lines.push({ at, line: JSON.stringify({ timestamp: new Date(at).toISOString(), ...o }) });
  for (let at = START; at < START + 3_600_000; at += 2_000 + Math.floor(rnd() * 6_000)) {
    const user = `user_${1000 + Math.floor(rnd() * 400)}`;
    const outage = at >= OUTAGE_FROM && at < OUTAGE_TO;
    const success = outage ? rnd() < 0.1 : rnd() > 0.01;
    truth.purchases++;
    if (!success) truth.failedPurchases++;
    // The purchase is logged when it ends: after what went wrong on its way.
    push(at + 200, { level: success ? 'INFO' : 'ERROR', service: 'order_service', event_type: 'item_purchase', user_id: user, details: { item_id: `item_${Math.floor(rnd() * 90)}`, amount: 500 + Math.floor(rnd() * 20_000), success } });
    if (outage && !success) {
      push(at, { level: 'ERROR', service: 'payment_gateway', message: 'Payment gateway API returned 503', error_code: 503 });
      truth.gateway503++;
      const r = rnd();
      if (r < 0.4) {
        push(at + 90, { level: 'ERROR', service: 'auth_service', message: `Token validation failed for ${user}`, error_code: 401 });
        truth.auth401++;
      } else if (r < 0.7) {
        push(at + 120, { level: 'ERROR', service: 'database', message: `Transaction rolled back after ${100 + Math.floor(rnd() * 900)} ms`, error_code: 500 });
        truth.database500++;
      } else {
        push(at + 150, { level: 'ERROR', service: 'inventory_service', message: `Stock reservation for item_${Math.floor(rnd() * 90)} timed out`, error_code: 503 });
        truth.inventory503++;
      }
    }
    if (rnd() < 0.5) push(at + 500, { level: 'INFO', service: 'auth_service', message: `Session refreshed for ${user}` });
    if (rnd() < 0.3) push(at + 700, { level: 'INFO', service: 'inventory_service', message: `Stock level for item_${Math.floor(rnd() * 90)} is ${Math.floor(rnd() * 300)}` });
  }
  lines.sort((a, b) => a.at - b.at);
  return { lines: lines.map((l) => l.line), truth };
}
