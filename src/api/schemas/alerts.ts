import { Type } from 'typebox';
import { IsoTime, Line, Nullable, OrderNo } from './common.ts';

const RuleId = Type.Enum(['RULE_A', 'RULE_B', 'RULE_C', 'RULE_D', 'RULE_E', 'RULE_F'], { description: 'A–C: seed 003 kafka-alert; D: money does not follow the order; E: stray money; F: a dead follow-up task' });
const AlertStatus = Type.Enum(['open', 'acknowledged', 'resolved']);

export const AlertParams = Type.Object({ alertId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const AlertListQuery = Type.Object(
  {
    status: Type.Optional(AlertStatus),
    ruleId: Type.Optional(RuleId),
    orderNo: Type.Optional(OrderNo),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const Alert = Type.Object(
  {
    alertId: Type.String({ format: 'uuid' }),
    ruleId: RuleId,
    orderNo: Type.String(),
    observed: Type.Record(Type.String(), Type.Unknown()),
    expected: Type.Record(Type.String(), Type.Unknown()),
    detectedAt: IsoTime,
    source: Type.String(),
    since: IsoTime,
    status: AlertStatus,
    title: Type.String(),
    action: Type.String({ description: 'what to do about it' }),
    acknowledged: Nullable(Type.Object({ at: IsoTime, by: Type.String() }, { additionalProperties: false })),
    resolved: Nullable(Type.Object({ at: IsoTime, by: Type.String(), resolution: Type.Enum(['auto', 'operator']), note: Nullable(Type.String()) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const AlertList = Type.Object({ alerts: Type.Array(Alert), nextCursor: Nullable(Type.String()) }, { additionalProperties: false });

export const AcknowledgeBody = Type.Union([Type.Object({ by: Type.Optional(Line(100)) }, { additionalProperties: false }), Type.Null()], { description: 'optional; who acknowledges (default "admin")' });
export const ResolveBody = Type.Object({ note: Type.String({ minLength: 3, maxLength: 2000, pattern: '\\S', description: 'what was done' }), by: Type.Optional(Line(100)) }, { additionalProperties: false });
