import { liveTriage } from '../../live-triage.ts';
import { AppError } from '../../platform/errors.ts';
import { limitByAddress } from '../rate-limits.ts';
import { ADMIN, errors } from '../schemas/common.ts';
import { checkWindow } from '../windows.ts';
import { TriageQuery, TriageReport } from '../schemas/triage.ts';
import type { Api, RouteKit } from '../types.ts';

const HOUR_MS = 3_600_000;
/** Reports built at once by this process: each is up to a second of a core; more wait their turn (429). */
const MAX_BUILDING = 2;

/** Triage of the running service: its kept warn and error lines as categories, chains, impact and runbooks. */
export async function triageRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { db } = ctx.deps;
  let building = 0;

  app.get(
    '/api/v1/admin/triage',
    {
      onRequest: [limitByAddress(limits.admin), auth.admin],
      schema: {
        tags: ['operations'],
        summary: 'What broke, what it cost, what to do (ja / en)',
        description:
          'The warn and error lines the start and api processes kept (LOG_KEEP_HOURS, LOG_KEEP_MAX_LINES) from `since` to `until`, clustered into failure categories with ' +
          'proposed names, causal chains (root first) and a runbook per category in Japanese and English; each category with the orders it names as the database ' +
          'knows them (GMV at risk, customers, buyers retrying), and the purchase success rate of the window against the baseline. ' +
          '`orderly triage --since 30m` renders it as Markdown. See docs/triage.md.',
        security: ADMIN,
        querystring: TriageQuery,
        response: { 200: TriageReport, ...errors(['UNAUTHENTICATED']) },
        // RATE_LIMITED (in every route's errors) also when two reports are being built already.
      },
    },
    async (req) => {
      const to = req.query.until === undefined ? new Date() : new Date(req.query.until);
      const from = req.query.since === undefined ? new Date(to.getTime() - HOUR_MS) : new Date(req.query.since);
      checkWindow(from, to, 'query', 'since');
      const baselineFrom = req.query.baselineSince === undefined ? new Date(from.getTime() - 24 * HOUR_MS) : new Date(req.query.baselineSince);
      // A baseline the client did not give is 24 h before `since`: when that is out of range, `since` is what to change.
      checkWindow(baselineFrom, from, 'query', req.query.baselineSince === undefined ? 'since' : 'baselineSince', { end: 'since', what: 'baseline' });
      if (building >= MAX_BUILDING) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 5 });
      building++;
      try {
        return await liveTriage(db, { from, to, baselineFrom });
      } finally {
        building--;
      }
    },
  );
}
