import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The module rules of eslint.config.js, applied to code that breaks each (as if it lived at `file`). */
const ROOT = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: ROOT });

async function problems(file: string, code: string): Promise<string[]> {
  const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (r?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('module rules (npm run lint)', () => {
  it.each([
    ['src/checkout/x.ts', "import { repo } from '../payments/payment.repository.ts';", 'only through its index.ts'],
    ['src/api/routes/x.ts', "import { orderByNo } from '../../checkout/order.repository.ts';", 'only through its index.ts'],
    ['src/service.ts', "import { Mailer } from './notifications/notification.service.ts';", 'only through its index.ts'],
    ['src/checkout/x.ts', "import Fastify from 'fastify';", 'only the HTTP edge'],
    ['src/payments/x.ts', "import type { FastifyReply } from 'fastify';", 'only the HTTP edge'],
    ['src/platform/x.ts', "import websocket from '@fastify/websocket';", 'only the HTTP edge'],
    ['src/platform/db/x.ts', "import { placeOrder } from '../../checkout/index.ts';", 'platform knows no module'],
    ['src/payments/x.ts', "import { placeOrder } from '../checkout/index.ts';", 'payments never knows checkout'],
    ['src/checkout/x.ts', "import { StripeProvider } from '../payments/providers/stripe/stripe.adapter.ts';", 'only through its index.ts'],
    ['src/checkout/x.ts', "import { startPspSim } from '../psp-sim/index.ts';", 'checkout asks payments'],
    ['src/monitor/x.ts', "import { orderByNo } from '../checkout/index.ts';", 'know platform and events only'],
    ['src/outbound/x.ts', "import { createPayments } from '../payments/index.ts';", 'know platform and events only'],
    ['src/events/x.ts', "import type { FastifyReply } from 'fastify';", 'only the HTTP edge'],
  ])('%s: %s is refused', async (file, code, expected) => {
    const found = await problems(file, code);
    expect(found.some((m) => m.includes(expected)), JSON.stringify(found)).toBe(true);
  });

  it.each([
    ['src/api/routes/x.ts', "import { placeOrder } from '../../checkout/index.ts';"],
    ['src/checkout/x.ts', "import { orderByNo } from './order.repository.ts';"],
    ['src/checkout/x.ts', "import type { Payments } from '../payments/index.ts';"],
    ['src/api/x.ts', "import Fastify from 'fastify';"],
    ['src/platform/jobs/x.ts', "import { createDb } from '../db/database.ts';"],
    ['src/monitor/x.ts', "import { FAMILIES } from '../events/index.ts';"],
    ['src/platform/x.ts', "import { trace } from '@opentelemetry/api';"],
  ])('%s: %s is allowed', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
