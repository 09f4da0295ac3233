import { Type } from 'typebox';
import { IsoTime, Nullable } from './common.ts';

/** `GET /api/v1/admin/triage`: the window to read (docs/triage.md). */
export const TriageQuery = Type.Object(
  {
    since: Type.Optional(Type.String({ format: 'date-time', description: 'start of the window (default: an hour before `until`)' })),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'end of the window (default: now)' })),
    baselineSince: Type.Optional(Type.String({ format: 'date-time', description: 'start of the baseline, which ends at `since` (default: 24 h before `since`)' })),
  },
  { additionalProperties: false },
);

const Names = Type.Object({ ja: Type.String(), en: Type.String() }, { additionalProperties: false });
const Runbook = Type.Object(
  {
    summary: Type.Array(Type.String(), { description: '問題の概要' }),
    rootCause: Type.Array(Type.String(), { description: '考えられる根本原因' }),
    impact: Type.Array(Type.String(), { description: 'ビジネスへの影響' }),
    actions: Type.Array(Type.String(), { description: '推奨される一次対応' }),
    fix: Type.Array(Type.String(), { description: '恒久的な解決策' }),
  },
  { additionalProperties: false },
);
const Count = Type.Integer({ minimum: 0 });
const Key = Type.Object(
  {
    event: Type.Optional(Type.String()),
    template: Type.String({ description: "the miner's template; empty for orderly's own events (the event names them)" }),
    code: Type.Optional(Type.String()),
    status: Type.Optional(Type.String()),
    provider: Type.Optional(Type.String()),
    service: Type.Optional(Type.String()),
    task: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
const Gmv = Type.Object({ amount: Count, currency: Type.Literal('JPY') }, { additionalProperties: false, description: 'integer minor units (yen)' });
const Impact = Type.Object(
  {
    orders: Type.Integer({ minimum: 0, description: 'orders the lines name that the database knows' }),
    gmvAtRisk: Gmv,
    customers: Count,
    retried: Type.Object(
      { customers: Count, laterPaid: Count, withinMs: Count },
      { additionalProperties: false, description: 'buyers whose order failed and who placed another within `withinMs`; `laterPaid` of them were then paid' },
    ),
  },
  { additionalProperties: false },
);
const Category = Type.Object(
  {
    id: Type.String({ description: 'C1, C2, … in order of first appearance' }),
    key: Key,
    name: Names,
    count: Count,
    share: Type.Number({ minimum: 0, maximum: 1, description: 'of all failure lines' }),
    firstSeen: Type.Optional(IsoTime),
    lastSeen: Type.Optional(IsoTime),
    orders: Count,
    requests: Count,
    traces: Count,
    customers: Count,
    operations: Type.Array(Type.String()),
    samples: Type.Array(Type.String(), { description: 'up to three messages as written' }),
    causedBy: Type.Optional(Type.String({ description: 'the id of the category it is a consequence of' })),
    runbook: Type.Object({ ja: Runbook, en: Runbook }, { additionalProperties: false }),
    impact: Type.Optional(Impact),
  },
  { additionalProperties: false },
);
const Link = Type.Object(
  { cause: Type.String(), effect: Type.String(), via: Type.Enum(['shared', 'window']), sharedRequests: Count, sharedTraces: Count, sharedOrders: Count },
  { additionalProperties: false },
);
const Chain = Type.Object(
  {
    root: Type.String(),
    consequences: Type.Array(Type.Object({ id: Type.String(), depth: Type.Integer({ minimum: 1 }), cause: Type.String(), via: Type.Enum(['shared', 'window']) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
const Rate = Type.Object(
  {
    from: IsoTime,
    to: IsoTime,
    placed: Count,
    established: Type.Integer({ minimum: 0, description: 'PAID, or paid and then cancelled by a person' }),
    failed: Count,
    undecided: Count,
    successRate: Nullable(Type.Number({ minimum: 0, maximum: 1, description: 'established / (established + failed)' })),
  },
  { additionalProperties: false },
);

export const TriageReport = Type.Object(
  {
    lines: Count,
    failureLines: Count,
    firstSeen: Type.Optional(IsoTime),
    lastSeen: Type.Optional(IsoTime),
    categories: Type.Array(Category, { description: 'largest first' }),
    links: Type.Array(Link),
    chains: Type.Array(Chain, { description: 'root first' }),
    chainWindowMs: Count,
    source: Type.Optional(
      Type.Object(
        { from: IsoTime, to: IsoTime, omitted: Type.Integer({ minimum: 0, description: 'older lines of the window not read (at most 50,000 are)' }), oldestKept: Nullable(IsoTime) },
        { additionalProperties: false },
      ),
    ),
    purchases: Type.Optional(Type.Object({ window: Rate, baseline: Rate }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);
