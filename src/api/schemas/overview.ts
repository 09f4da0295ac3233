import { Type } from 'typebox';
import { IsoTime, Nullable } from './common.ts';
import { Latency } from './admin.ts';

/** `GET /api/v1/admin/overview` (and its stream): how many minutes back to look. */
export const OverviewQuery = Type.Object(
  { minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1440, default: 60, description: 'the window: this many minutes up to now, the current one included' })) },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
const Ms = Nullable(Type.Number({ minimum: 0 }));

const Minute = Type.Object(
  {
    minute: IsoTime,
    paid: Count,
    failed: Count,
    cancelled: Count,
    open: Type.Integer({ minimum: 0, description: 'PENDING or WAITING_PAYMENT' }),
  },
  { additionalProperties: false, description: 'the orders created in this minute, by their status now' },
);

const ProviderBrief = Type.Object(
  {
    name: Type.String(),
    circuit: Type.Enum(['closed', 'open', 'half-open', 'isolated']),
    role: Type.Union([Type.Literal('routed'), Type.Literal('drain-only')]),
    successRate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'share of the last 60 s of calls the PSP answered' })),
    latency: Latency,
    lastFailureAt: Nullable(IsoTime),
  },
  { additionalProperties: false },
);

const AlertBrief = Type.Object(
  {
    alertId: Type.String({ format: 'uuid' }),
    ruleId: Type.String(),
    orderNo: Type.String(),
    status: Type.Enum(['open', 'acknowledged']),
    title: Type.String(),
    detectedAt: IsoTime,
  },
  { additionalProperties: false },
);

const Names = Type.Object({ ja: Type.String(), en: Type.String() }, { additionalProperties: false });

/** The ops console's first page, cheap enough to ask every couple of seconds. */
export const Overview = Type.Object(
  {
    at: IsoTime,
    windowMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    purchases: Type.Array(Minute, { description: 'every minute of the window, oldest first; the last one is the current minute' }),
    successRate: Type.Object(
      {
        paid: Count,
        failed: Count,
        ratio: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'paid / (paid + failed) of the window; null when neither' })),
        objective: Type.Number({ minimum: 0, maximum: 1, description: 'PURCHASE_SUCCESS_OBJECTIVE' }),
      },
      { additionalProperties: false },
    ),
    webhookToPaid: Type.Object(
      { count: Count, p50Ms: Ms, p95Ms: Ms, p99Ms: Ms },
      {
        additionalProperties: false,
        description:
          'PSP success told by a webhook → order PAID, from this process\'s orderly_payment_success_to_paid_seconds{source="webhook"} since it started; ' +
          'percentiles estimated from the histogram buckets as Prometheus\'s histogram_quantile does; null without observations',
      },
    ),
    providers: Type.Array(ProviderBrief),
    alerts: Type.Object(
      { open: Count, acknowledged: Count, latest: Type.Array(AlertBrief, { maxItems: 5, description: 'the newest open or acknowledged alerts' }) },
      { additionalProperties: false },
    ),
    deadLetters: Type.Object({ count: Type.Integer({ minimum: 0, description: 'follow-up tasks dead now' }) }, { additionalProperties: false }),
    triage: Type.Object(
      {
        at: Nullable(IsoTime),
        top: Type.Array(Type.Object({ id: Type.String(), name: Names, count: Count }, { additionalProperties: false }), { maxItems: 5, description: 'the largest failure categories of the window' }),
      },
      {
        additionalProperties: false,
        description:
          'live triage of the window (GET /api/v1/admin/triage), built off the event loop at most every 10 s and never waited for: `at` is when the one shown was built, null while the first is being built',
      },
    ),
  },
  { additionalProperties: false },
);
