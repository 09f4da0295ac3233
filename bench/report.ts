import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LevelRun } from './load.ts';
import type { PgbenchResult } from './pgbench.ts';
import { countBy, summarize, type Summary } from './stats.ts';
import type { FollowUpResult } from './followup.ts';
import type { StreamFigures } from './events.ts';
import type { LevelResources } from './resources.ts';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  totalMemoryGiB: number;
  node: string;
  platform: string;
  /** 1-, 5- and 15-minute load averages when this was taken: other work on the machine skews the figures. */
  loadAverage: number[];
}

/** One concurrency level, summarised. */
export interface LevelResult {
  concurrency: number;
  elapsedS: number;
  requests: number;
  orders: number;
  ordersPerSec: number;
  /** Orders whose follow-ups all finished (captured, stock committed, mails sent). */
  settled: number;
  /** settled / (the level's start → its last follow-up task done), s⁻¹: what the service keeps up with. */
  settledPerSec: number;
  /** CPU, commits and memory per settled checkout (Linux /proc and pg_stat_database); absent elsewhere. */
  resources?: LevelResources;
  /** Latency of the POSTs answered 201. */
  postLatencyMs: Summary | undefined;
  /** Latency of every POST, errors included. */
  allLatencyMs: Summary | undefined;
  /** POST answer arrived → last follow-up task of that order done. */
  followUpMs: Summary | undefined;
  followUpUnfinished: number;
  followUpWaitedMs: number;
  errors: number;
  errorsByKind: Record<string, number>;
  /** The event stream during the level (relay lag, the monitor's lag); see events.ts. */
  stream?: StreamFigures;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

export function summarizeLevel(run: LevelRun, followUp: FollowUpResult, startedAt: number): LevelResult {
  const ok = run.samples.filter((s) => s.orderNo !== undefined);
  const failed = run.samples.filter((s) => s.orderNo === undefined);
  const elapsedS = run.elapsedMs / 1000;
  const settled = followUp.delaysMs.length;
  const settlingS = followUp.lastDoneAt === undefined ? 0 : (followUp.lastDoneAt - startedAt) / 1000;
  return {
    concurrency: run.concurrency,
    elapsedS,
    requests: run.samples.length,
    orders: ok.length,
    ordersPerSec: elapsedS > 0 ? ok.length / elapsedS : 0,
    settled,
    settledPerSec: settlingS > 0 ? settled / settlingS : 0,
    postLatencyMs: summarize(ok.map((s) => s.latencyMs)),
    allLatencyMs: summarize(run.samples.map((s) => s.latencyMs)),
    followUpMs: summarize(followUp.delaysMs),
    followUpUnfinished: followUp.unfinished.length,
    followUpWaitedMs: followUp.waitedMs,
    errors: failed.length,
    errorsByKind: countBy(failed.map((s) => s.error ?? 'unknown')),
  };
}

const ms = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '-' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));

const COLUMNS: { title: string; width: number; cell: (r: LevelResult, pgbenchTps: number | undefined) => string }[] = [
  { title: 'conc', width: 5, cell: (r) => String(r.concurrency) },
  { title: 'orders', width: 7, cell: (r) => String(r.orders) },
  { title: 'accepted/s', width: 10, cell: (r) => r.ordersPerSec.toFixed(1) },
  { title: 'settled/s', width: 9, cell: (r) => r.settledPerSec.toFixed(1) },
  { title: '÷ pgbench', width: 9, cell: (r, tps) => (tps ? (r.settledPerSec / tps).toFixed(4) : '-') },
  { title: 'POST p50', width: 9, cell: (r) => ms(r.postLatencyMs?.p50) },
  { title: 'p95', width: 7, cell: (r) => ms(r.postLatencyMs?.p95) },
  { title: 'p99', width: 7, cell: (r) => ms(r.postLatencyMs?.p99) },
  { title: 'settled p50', width: 12, cell: (r) => ms(r.followUpMs?.p50) },
  { title: 'p99', width: 7, cell: (r) => ms(r.followUpMs?.p99) },
  { title: 'CPU ms svc', width: 10, cell: (r) => ms(r.resources?.serviceCpuMsPerSettled) },
  { title: 'pg', width: 6, cell: (r) => ms(r.resources?.postgresCpuMsPerSettled) },
  { title: 'statements', width: 10, cell: (r) => ms(r.resources?.statementsPerSettled) },
  { title: 'commits', width: 8, cell: (r) => ms(r.resources?.commitsPerSettled) },
  { title: 'RSS MiB', width: 8, cell: (r) => (r.resources ? r.resources.serviceRssPeakMiB.toFixed(0) : '-') },
  { title: 'errors', width: 7, cell: (r) => String(r.errors) },
];

/** The results table plus one line per level that had errors or unfinished follow-ups. */
export function formatTable(levels: readonly LevelResult[], pgbenchTps?: number): string {
  const row = (cells: string[]) => cells.map((c, i) => c.padStart(COLUMNS[i]?.width ?? 0)).join('  ');
  const lines = [row(COLUMNS.map((c) => c.title)), row(COLUMNS.map((c) => '-'.repeat(c.width)))];
  for (const level of levels) lines.push(row(COLUMNS.map((c) => c.cell(level, pgbenchTps))));
  for (const level of levels) {
    if (level.errors > 0) {
      const kinds = Object.entries(level.errorsByKind).map(([k, n]) => `${k} ×${n}`);
      lines.push(`  concurrency ${level.concurrency}: errors ${kinds.join(', ')}`);
    }
    if (level.followUpUnfinished > 0) lines.push(`  concurrency ${level.concurrency}: ${level.followUpUnfinished} orders' follow-up tasks unfinished after ${ms(level.followUpWaitedMs)} ms`);
  }
  return lines.join('\n');
}

const STREAM_COLUMNS: { title: string; width: number; cell: (s: StreamFigures, r: LevelResult) => string }[] = [
  { title: 'conc', width: 5, cell: (_s, r) => String(r.concurrency) },
  { title: 'events', width: 7, cell: (s) => String(s.events) },
  { title: 'events/s', width: 9, cell: (s) => s.eventsPerSec.toFixed(1) },
  { title: 'relay p50', width: 10, cell: (s) => ms(s.relayLagMs?.p50) },
  { title: 'p99', width: 7, cell: (s) => ms(s.relayLagMs?.p99) },
  { title: 'max', width: 7, cell: (s) => ms(s.relayLagMs?.max) },
  { title: 'monitor p50', width: 12, cell: (s) => ms(s.monitorLagMs?.p50) },
  { title: 'p99', width: 7, cell: (s) => ms(s.monitorLagMs?.p99) },
  { title: 'behind max', width: 16, cell: (s) => `${s.monitorBehindMax.events} ev / ${ms(s.monitorBehindMax.ms)} ms` },
];

/** The event stream per level (levels measured without it are left out); empty when there is none. */
export function formatStreamTable(levels: readonly LevelResult[]): string {
  const measured = levels.filter((l): l is LevelResult & { stream: StreamFigures } => l.stream !== undefined);
  if (measured.length === 0) return '';
  const row = (cells: string[]) => cells.map((c, i) => c.padStart(STREAM_COLUMNS[i]?.width ?? 0)).join('  ');
  const lines = ['event stream (outbox → relay → stream → consistency monitor):', row(STREAM_COLUMNS.map((c) => c.title)), row(STREAM_COLUMNS.map((c) => '-'.repeat(c.width)))];
  for (const level of measured) lines.push(row(STREAM_COLUMNS.map((c) => c.cell(level.stream, level))));
  for (const level of measured) if (level.stream.unpublished > 0) lines.push(`  concurrency ${level.concurrency}: ${level.stream.unpublished} events still unpublished after 30 s`);
  return lines.join('\n');
}

export function formatMachine(m: MachineInfo): string {
  return `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.totalMemoryGiB} GiB RAM, Node ${m.node}, ${m.platform}; load average ${m.loadAverage.join(' ')}`;
}

export function formatPgbench(r: PgbenchResult): string {
  const s = r.settings;
  if (!r.ran) return r.reason === 'pgbench not found' ? 'pgbench not found; skipping the pgbench baseline' : `pgbench baseline failed: ${r.reason}`;
  return `Postgres baseline: pgbench TPS (${s.clients} clients, ${s.seconds} s, scale ${s.scale}) = ${r.tps.toFixed(1)}`;
}

/** Writes the whole run as JSON; returns the file's path. */
export async function writeResults(dir: string, results: unknown): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  await writeFile(file, JSON.stringify(results, null, 2) + '\n');
  return file;
}
