import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from '../../monitor/index.ts';
import { limitByAddress } from '../rate-limits.ts';
import { AcknowledgeBody, Alert, AlertList, AlertListQuery, AlertParams, ResolveBody } from '../schemas/alerts.ts';
import { ADMIN, errors } from '../schemas/common.ts';
import type { Api, RouteKit } from '../types.ts';

const DEFAULT_ACTOR = 'admin';

/** The consistency monitor's alerts: list, show, acknowledge, resolve with a note. */
export async function alertRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { db } = ctx.deps;
  const onRequest = [limitByAddress(limits.admin), auth.admin];
  const tags = ['operations'];

  app.get(
    '/api/v1/admin/alerts',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Consistency alerts, newest first',
        description: 'Raised by the consistency monitor (rules A–F) when an order and its money disagree past MONITOR_GRACE_MS; each resolves itself when the condition ends.',
        security: ADMIN,
        querystring: AlertListQuery,
        response: { 200: AlertList, ...errors(['UNAUTHENTICATED']) },
      },
    },
    async (req) => {
      const q = req.query;
      return await listAlerts(db, {
        limit: q.limit ?? 50,
        ...(q.status ? { status: q.status } : {}),
        ...(q.ruleId ? { ruleId: q.ruleId } : {}),
        ...(q.orderNo ? { orderNo: q.orderNo } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    },
  );

  app.get(
    '/api/v1/admin/alerts/:alertId',
    { onRequest, schema: { tags, summary: 'One alert', security: ADMIN, params: AlertParams, response: { 200: Alert, ...errors(['UNAUTHENTICATED', 'ALERT_NOT_FOUND']) } } },
    async (req) => await getAlert(db, req.params.alertId),
  );

  app.post(
    '/api/v1/admin/alerts/:alertId/acknowledge',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Someone is on it',
        security: ADMIN,
        params: AlertParams,
        body: AcknowledgeBody,
        response: { 200: Alert, ...errors(['UNAUTHENTICATED', 'ALERT_NOT_FOUND', 'ALERT_RESOLVED'], { body: true }) },
      },
    },
    async (req) => {
      const by = req.body?.by ?? DEFAULT_ACTOR;
      const a = await acknowledgeAlert(db, req.params.alertId, by);
      req.log.info({ alertId: a.alertId, by }, 'alert acknowledged');
      return a;
    },
  );

  app.post(
    '/api/v1/admin/alerts/:alertId/resolve',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Close an alert, saying what was done',
        description: 'If the inconsistency still holds it is silenced for the event that raised it; a new event that starts it again raises a new alert.',
        security: ADMIN,
        params: AlertParams,
        body: ResolveBody,
        response: { 200: Alert, ...errors(['UNAUTHENTICATED', 'ALERT_NOT_FOUND', 'ALERT_RESOLVED'], { body: true }) },
      },
    },
    async (req) => {
      const by = req.body.by ?? DEFAULT_ACTOR;
      const a = await resolveAlert(db, req.params.alertId, by, req.body.note, ctx.deps.metrics.registry);
      req.log.info({ event: 'operator_alert_resolved', alertId: a.alertId, by }, 'alert resolved by an operator');
      return a;
    },
  );
}
