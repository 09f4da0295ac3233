import type { paths } from '../shared/api.gen.ts';

/**
 * What each admin GET answers with, taken from the types generated from /openapi.json (`npm run
 * gen:client`): a route or schema change the console does not follow fails `npm run typecheck`.
 */
export type Answer<P extends keyof paths> = paths[P] extends { get: { responses: { 200: { content: { 'application/json': infer B } } } } } ? B : never;

export type Overview = Answer<'/api/v1/admin/overview'>;
export type OrderList = Answer<'/api/v1/admin/orders'>;
export type OrderDetail = Answer<'/api/v1/admin/orders/{orderNo}'>;
export type Providers = Answer<'/api/v1/admin/providers'>;
export type Alerts = Answer<'/api/v1/admin/alerts'>;
export type DeadLetters = Answer<'/api/v1/admin/dead-letters'>;
export type DeadLetter = Answer<'/api/v1/admin/dead-letters/{id}'>;
export type ReconcileRuns = Answer<'/api/v1/admin/reconcile/runs'>;
export type Remediations = Answer<'/api/v1/admin/remediations'>;
export type TriageReport = Answer<'/api/v1/admin/triage'>;
