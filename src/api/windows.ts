import { AppError } from '../platform/errors.ts';

/** The longest time window an admin route reads (reconciliation, triage): what the service keeps at most. */
export const MAX_WINDOW_MS = 31 * 86_400_000;

/**
 * The moments a window may start or end at: years 0001 to 9999, as the list cursors take (platform/paging.ts).
 * `date-time` lets a client write year 0000, and a default computed from it (triage's baseline, 24 h before
 * `since`) falls before year 0, which no `date-time` in the answer can hold: such a window is refused, not answered.
 */
const EARLIEST_MS = Date.parse('0001-01-01T00:00:00.000Z');
const LATEST_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * Refuses a window that is empty or inverted, longer than {@link MAX_WINDOW_MS}, or with an end outside the years
 * 0001–9999, with `422 VALIDATION_FAILED` naming `field` (in `where`): one wording for every admin route that takes
 * `since` and `until`.
 */
export function checkWindow(from: Date, to: Date, where: 'body' | 'query', field: string, names: { end: string; what: string } = { end: 'until', what: 'window' }): void {
  const refuse = (message: string) => new AppError('VALIDATION_FAILED', { details: [{ in: where, field: `/${field}`, message }] });
  for (const d of [from, to]) {
    const t = d.getTime();
    if (!(t >= EARLIEST_MS && t <= LATEST_MS)) throw refuse(`the ${names.what} must lie between 0001-01-01 and 9999-12-31`);
  }
  if (!(from.getTime() < to.getTime())) throw refuse(`must be before ${names.end}`);
  if (to.getTime() - from.getTime() > MAX_WINDOW_MS) throw refuse(`the ${names.what} is at most 31 days`);
}

/**
 * Refuses bounds of a list filter (`from` inclusive, `to` exclusive, either optional) that lie outside the
 * years 0001–9999, or that leave nothing between them, with `422 VALIDATION_FAILED` naming the field (in the
 * query): the wording of {@link checkWindow}, without its 31-day bound (a paged list reads a page, not the window).
 */
export function checkRange(from: Date | undefined, to: Date | undefined, fields: { from: string; to: string } = { from: 'from', to: 'to' }): void {
  const refuse = (field: string, message: string) => new AppError('VALIDATION_FAILED', { details: [{ in: 'query', field: `/${field}`, message }] });
  for (const [d, field] of [[from, fields.from], [to, fields.to]] as const) {
    if (d === undefined) continue;
    const t = d.getTime();
    if (!(t >= EARLIEST_MS && t <= LATEST_MS)) throw refuse(field, 'must lie between 0001-01-01 and 9999-12-31');
  }
  if (from && to && !(from.getTime() < to.getTime())) throw refuse(fields.from, `must be before ${fields.to}`);
}
