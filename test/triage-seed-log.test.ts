import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildReport, renderMarkdown, SECTION_TITLES, SECTIONS } from '../src/triage/index.ts';
import { seedStyleLog } from './helpers/seed-log.ts';

/**
 * Triage on another system's log in the shape seeds 000 and 001 were made
 * from (test/helpers/seed-log.ts): an hour of purchases, a four-minute payment
 * gateway 503 outage and the 401 / 500 / 503 cascade behind it. The report
 * names each failure, counts exactly what the log holds, and puts the gateway
 * at the root with the cascade and the failed purchases under it.
 * TRIAGE_REPORT_OUT=<dir> writes the report there (the README's example).
 */
const { lines, truth } = seedStyleLog();
const report = buildReport(lines);
const by = (service: string) => report.categories.find((c) => c.key.service === service);

describe('triage of a seed-000/001-style log', () => {
  it('finds exactly the five failures the log holds, counted exactly, info lines never', () => {
    expect(report.lines).toBe(lines.length);
    expect(report.categories).toHaveLength(5);
    expect(by('order_service')).toMatchObject({ key: { event: 'item_purchase' }, count: truth.failedPurchases });
    expect(by('payment_gateway')).toMatchObject({ key: { code: '503', template: 'Payment gateway API returned <*>' }, count: truth.gateway503 });
    expect(by('auth_service')).toMatchObject({ key: { code: '401' }, count: truth.auth401 });
    expect(by('database')).toMatchObject({ key: { code: '500' }, count: truth.database500 });
    expect(by('inventory_service')).toMatchObject({ key: { code: '503' }, count: truth.inventory503 });
    expect(report.failureLines).toBe(truth.failedPurchases + truth.gateway503 + truth.auth401 + truth.database500 + truth.inventory503);
    const failedUsers = new Set(lines.map((l) => JSON.parse(l)).filter((o) => o.details?.success === false).map((o) => o.user_id));
    expect(by('order_service')!.customers).toBe(failedUsers.size);
  });

  it('puts the payment gateway at the root, the cascade and the failed purchases under it', () => {
    const gateway = by('payment_gateway')!;
    expect(report.chains).toHaveLength(1);
    expect(report.chains[0]!.root).toBe(gateway.id);
    expect(report.chains[0]!.consequences.map((c) => c.id).sort()).toEqual(report.categories.filter((c) => c !== gateway).map((c) => c.id).sort());
    // The purchases failed now and then all hour, but mostly while the gateway answered 503.
    expect(by('order_service')!.causedBy).toBe(gateway.id);
    expect(gateway.runbook.ja.impact.join('\n')).toContain('これに続いて発生');
  });

  it('writes a runbook with the seeds\' five sections in Japanese and English', () => {
    const md = renderMarkdown(report, 'both');
    for (const s of SECTIONS) {
      expect(md).toContain(`#### ${SECTION_TITLES[s].ja}`);
      expect(md).toContain(`#### ${SECTION_TITLES[s].en}`);
    }
    expect(md).toContain('提案するカテゴリ名: **"Payment gateway API returned 503" の失敗（コード 503、サービス payment_gateway）**');
    if (process.env.TRIAGE_REPORT_OUT) {
      writeFileSync(`${process.env.TRIAGE_REPORT_OUT}/triage-seed.ja.md`, renderMarkdown(report, 'ja'));
      writeFileSync(`${process.env.TRIAGE_REPORT_OUT}/triage-seed.en.md`, renderMarkdown(report, 'en'));
    }
  });
});
