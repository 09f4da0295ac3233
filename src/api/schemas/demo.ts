import { Type } from 'typebox';
import { IsoTime } from './common.ts';

/** `POST /api/v1/demo/sign-in`: who the demo storefront's buyer is. */
export const DemoSignInBody = Type.Union(
  [
    Type.Object(
      { customer: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,32}$', maxLength: 32, description: 'the customer id becomes `demo-<customer>`; absent: `demo-<8 random hex>`' })) },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  { description: 'optional' },
);

export const DemoSignIn = Type.Object(
  {
    token: Type.String({ description: 'a customer JWT (HS256, ORDERLY_JWT_SECRET), valid for JWT_MAX_AGE_HOURS: send it as `Authorization: Bearer`' }),
    customerId: Type.String({ pattern: '^demo-[a-z0-9-]{1,32}$' }),
    expiresAt: IsoTime,
  },
  { additionalProperties: false },
);
