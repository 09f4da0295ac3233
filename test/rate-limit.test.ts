import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/service.ts';

let t: TestService;
beforeAll(async () => {
  t = await startTestService({ RATE_LIMIT_PER_MINUTE: '2' });
  await t.product('RL-SKU', 100, 10);
});
afterAll(async () => {
  await t?.close();
});

it('429 RATE_LIMITED with Retry-After once a client exceeds RATE_LIMIT_PER_MINUTE; other clients are unaffected', async () => {
  const items = [{ sku: 'RL-SKU', quantity: 1 }];
  expect((await t.buy('tok_visa', { customerId: 'greedy', items })).status).toBe(201);
  expect((await t.buy('tok_visa', { customerId: 'greedy', items })).status).toBe(201);
  const third = await t.buy('tok_visa', { customerId: 'greedy', items });
  expect(third.status).toBe(429);
  expect(third.body.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
  expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await t.buy('tok_visa', { customerId: 'patient', items })).status).toBe(201);
});
