import { randomBytes } from 'node:crypto';
import { issueCustomerToken } from '../auth.ts';
import { limitByAddress } from '../rate-limits.ts';
import { errors } from '../schemas/common.ts';
import { DemoSignIn, DemoSignInBody } from '../schemas/demo.ts';
import type { Api, RouteKit } from '../types.ts';

/**
 * The demo storefront's sign-in: anyone gets a customer token for `demo-<name>`. Registered only with
 * DEMO_SIGN_IN (development; production refuses it, see config.ts `productionProblems`), where the shop's
 * identity provider would sign these tokens instead.
 */
export async function demoRoutes(app: Api, { ctx, limits }: RouteKit): Promise<void> {
  const { deps } = ctx;

  app.post(
    '/api/v1/demo/sign-in',
    {
      onRequest: [limitByAddress(limits.public)],
      schema: {
        tags: ['demo'],
        summary: 'Sign in to the demo storefront (development only)',
        description:
          'A customer JWT for `demo-<customer>` (`demo-<8 random hex>` without one), signed with ORDERLY_JWT_SECRET and valid for JWT_MAX_AGE_HOURS: ' +
          'what the shop\'s identity provider issues in production. Only while DEMO_SIGN_IN is on (the default in development; production refuses it): ' +
          'otherwise the route does not exist (404). Limited per client address like the public routes.',
        body: DemoSignInBody,
        response: { 201: DemoSignIn, ...errors([], { body: true }) },
      },
    },
    async (req, reply) => {
      const customerId = `demo-${req.body?.customer ?? randomBytes(4).toString('hex')}`;
      const { token, expiresAt } = await issueCustomerToken(deps.jwtSecret, customerId, deps.config.http.jwtMaxAgeSeconds);
      req.log.info({ event: 'demo_signed_in', customerId }, 'demo customer signed in');
      return reply.code(201).send({ token, customerId, expiresAt: expiresAt.toISOString() });
    },
  );
}
