import { Type, type TSchema } from 'typebox';
import { ERRORS, type ErrorCode } from '../../platform/errors.ts';
import { MAX_AMOUNT } from '../../platform/money.ts';

/**
 * Building blocks of the API's schemas. Each schema is declared once and
 * gives the validator (Ajv), the handler's types (TypeBox) and the OpenAPI
 * document (@fastify/swagger). Every string and number is bounded.
 */

/** Money in JPY minor units (yen). The schema's bound (10¹¹) is looser than the ¥100,000,000 one price or order may come to. */
export const Money = Type.Object(
  { amount: Type.Integer({ minimum: 0, maximum: MAX_AMOUNT * 1000, description: 'integer minor units (yen)' }), currency: Type.Literal('JPY') },
  { additionalProperties: false },
);

export const Sku = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description: 'product code', examples: ['TSHIRT-BLK-M'] });
export const OrderNo = Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9_-]+$', description: 'ORD-YYYYMMDD-XXXXXX', examples: ['ORD-20261201-7K3Q9X'] });

/** A non-empty line of text: at least one character that is not white space. */
export const Line = (max: number, extra: { description?: string } = {}) => Type.String({ minLength: 1, maxLength: max, pattern: '\\S', ...extra });

export const IsoTime = Type.String({ format: 'date-time' });

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

export const FieldProblem = Type.Object(
  {
    in: Type.String({ description: 'body, query, path or header' }),
    field: Type.String({ description: 'JSON Pointer into that part (/items/0/quantity)' }),
    message: Type.String({ description: 'English, or Japanese when Accept-Language prefers ja' }),
  },
  { additionalProperties: false },
);

/** The contract's error body, with the codes a route may answer at one status. */
function errorSchema(codes: ErrorCode[]) {
  return Type.Object(
    {
      error: Type.Object(
        {
          code: Type.Enum(codes),
          message: Type.String(),
          retryable: Type.Boolean(),
          orderNo: Type.Optional(OrderNo),
          retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
          details: Type.Optional(Type.Unknown({ description: 'for VALIDATION_FAILED a list of field problems; for OUT_OF_STOCK { items: [{ sku, requested, available }] }' })),
        },
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  );
}

/** Codes every route may answer (the framework's refusals). */
const EVERYWHERE: ErrorCode[] = ['BAD_REQUEST', 'VALIDATION_FAILED', 'URI_TOO_LONG', 'RATE_LIMITED', 'INTERNAL', 'SERVICE_UNAVAILABLE'];
const WITH_BODY: ErrorCode[] = ['PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];

/** The error answers of a route, grouped by status, each status listing its codes (the OpenAPI shows them). */
export function errors(codes: ErrorCode[], opts: { body?: boolean } = {}): Record<number, TSchema> {
  const all = [...new Set([...codes, ...EVERYWHERE, ...(opts.body ? WITH_BODY : [])])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of all) byStatus.set(ERRORS[c].status, [...(byStatus.get(ERRORS[c].status) ?? []), c]);
  const out: Record<number, TSchema> = {};
  for (const [status, cs] of byStatus) out[status] = { ...errorSchema(cs), description: `error: ${cs.join(', ')}` };
  return out;
}

/** Security requirements, as named in the OpenAPI document's components. */
export const CUSTOMER = [{ customerJwt: [] }];
export const ADMIN = [{ adminKey: [] }];
