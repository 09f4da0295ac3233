import { AppError } from '../platform/errors.ts';

/** The longest time window an admin route reads (reconciliation, triage): what the service keeps at most. */
export const MAX_WINDOW_MS = 31 * 86_400_000;

/**
 * Refuses a window that is empty or inverted, or longer than {@link MAX_WINDOW_MS}, with `422 VALIDATION_FAILED`
 * naming `field` (in `where`): one wording for every admin route that takes `since` and `until`.
 */
export function checkWindow(from: Date, to: Date, where: 'body' | 'query', field: string, names: { end: string; what: string } = { end: 'until', what: 'window' }): void {
  const refuse = (message: string) => new AppError('VALIDATION_FAILED', { details: [{ in: where, field: `/${field}`, message }] });
  if (!(from.getTime() < to.getTime())) throw refuse(`must be before ${names.end}`);
  if (to.getTime() - from.getTime() > MAX_WINDOW_MS) throw refuse(`the ${names.what} is at most 31 days`);
}
