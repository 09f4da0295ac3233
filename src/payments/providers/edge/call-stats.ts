/** One PSP call as the admin view and the metrics count it. */
export interface CallRecord {
  at: number;
  operation: string;
  /** ok: the PSP answered (a decline is an answer); failed: unavailable, timed out or unreadable. */
  ok: boolean;
  ms: number;
}

export interface CallSummary {
  windowSeconds: number;
  calls: number;
  /** Share of calls the PSP answered, 0–1; null without calls. */
  successRate: number | null;
  latencyMs: { p50: number; p95: number; p99: number } | null;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** A sliding window of recent calls (time-bounded, and capped so a burst cannot grow it without end). */
export class CallStats {
  private readonly calls: CallRecord[] = [];

  constructor(
    private readonly windowMs = 60_000,
    private readonly cap = 10_000,
  ) {}

  record(c: CallRecord): void {
    this.calls.push(c);
    if (this.calls.length > this.cap) this.calls.splice(0, this.calls.length - this.cap);
  }

  summary(now = Date.now()): CallSummary {
    const from = now - this.windowMs;
    while (this.calls.length > 0 && this.calls[0]!.at < from) this.calls.shift();
    const n = this.calls.length;
    const ok = this.calls.filter((c) => c.ok).length;
    const ms = this.calls.map((c) => c.ms).sort((a, b) => a - b);
    return {
      windowSeconds: this.windowMs / 1000,
      calls: n,
      successRate: n === 0 ? null : Math.round((ok / n) * 1000) / 1000,
      latencyMs: n === 0 ? null : { p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), p99: quantile(ms, 0.99) },
    };
  }
}
