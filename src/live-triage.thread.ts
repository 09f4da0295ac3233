import { Worker } from 'node:worker_threads';
import type { TriageReport } from './triage/index.ts';

/**
 * Builds a report on a worker thread. Mining 50,000 lines takes about a second
 * of CPU; on the service's own thread that second would stall every purchase
 * and webhook, so the live report is built beside it.
 *
 * The worker is bootstrapped from code, not a file: it imports the very module
 * of the triage module — `triage/triage.report.ts` under tsx or vitest
 * (registering tsx's loader first), `triage/triage.report.js` in the compiled
 * build. (Process plumbing, so it lives beside the composer, not in pure triage.)
 */
const BOOT = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const { buildReportWithOrders } = await import(workerData.module);
  parentPort.postMessage(buildReportWithOrders(workerData.lines));
})().catch((e) => parentPort.postMessage({ failed: String(e && e.stack || e) }));
`;

type Built = { report: TriageReport; orderNos: Record<string, string[]> };

export async function buildReportOffThread(lines: readonly string[], timeoutMs = 60_000): Promise<Built> {
  const here = import.meta.url;
  const ts = here.endsWith('.ts');
  const module = new URL(`./triage/triage.report.${ts ? 'ts' : 'js'}`, here).href;
  const worker = new Worker(BOOT, { eval: true, workerData: { lines, module, tsx: ts ? import.meta.resolve('tsx/esm/api') : undefined } });
  try {
    return await new Promise<Built>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the triage report took longer than ${timeoutMs / 1000} s`)), timeoutMs);
      worker.once('message', (m: Built | { failed: string }) => {
        clearTimeout(timer);
        if ('failed' in m) reject(new Error(`the triage report failed: ${m.failed}`));
        else resolve(m);
      });
      worker.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  } finally {
    await worker.terminate();
  }
}
