import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './sim.types.ts';
import type { PendingTimers } from './sim.timers.ts';

/** The PSP operations a fault rule can target. */
export const FAULT_OPERATIONS = ['authorize', 'capture', 'void', 'refund', 'get', 'find'] as const;
export type FaultOperation = (typeof FAULT_OPERATIONS)[number];

/** One injected fault, as posted to `POST /__sim/faults`. */
export interface FaultRule {
  operation: FaultOperation;
  /** Answer `{ error: { code: 'injected_fault' } }` with this status, doing nothing else. */
  status?: number;
  /** How many matching requests the rule applies to; absent = until cleared. */
  count?: number;
  /** Delay before handling (or before the injected status). */
  latencyMs?: number;
  /** Never answer (until the simulator closes). */
  hang?: boolean;
}

/** A rule with how many uses it has left (null = unlimited). */
export interface ActiveFaultRule extends FaultRule {
  remaining: number | null;
}

/**
 * Fault rules live in memory only: they are test controls, and a restarted
 * simulator starting without faults is what a test expects.
 */
export class FaultRules {
  private rules: ActiveFaultRule[] = [];

  /** Replaces all rules. */
  replace(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ ...r, remaining: r.count ?? null }));
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first live rule for `operation`, counted as used; undefined when none applies. */
  take(operation: FaultOperation): FaultRule | undefined {
    const rule = this.rules.find((r) => r.operation === operation && r.remaining !== 0);
    if (!rule) return undefined;
    if (rule.remaining !== null) rule.remaining -= 1;
    return rule;
  }
}

/**
 * Route-level onRequest hook applying the fault rules for one operation. It
 * runs after authentication and before parsing, so an injected status records
 * nothing at all.
 */
export function faultHook(operation: FaultOperation, faults: FaultRules, timers: PendingTimers) {
  return async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const rule = faults.take(operation);
    if (!rule) return undefined;
    if (rule.latencyMs) await timers.wait(rule.latencyMs);
    if (rule.hang) await timers.hang();
    if (rule.status === undefined) return undefined;
    // Returning the reply tells Fastify the hook answered; the handler never runs.
    return reply.code(rule.status).send(errorBody('injected_fault'));
  };
}
