import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, pageProblems, seriousViolations } from './helpers/browser.ts';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/** The ops console in real Chromium against the real service: one service and one browser for the file. */
let t: TestService;
let browser: Browser;
const SKU = 'CON-SKU';

beforeAll(async () => {
  t = await startTestService({
    // Captures fail on purpose below (a dead letter and its RULE_F alert), without opening the circuit.
    TASK_MAX_ATTEMPTS: '3',
    PSP_RETRY_MAX: '0',
    PSP_CIRCUIT_MIN_CALLS: '100000',
    PSP_CIRCUIT_CONSECUTIVE_FAILURES: '0',
    MONITOR_GRACE_MS: '1000',
  });
  await t.product(SKU, 3000, 100_000);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** A signed-in console page (fresh profile) with its problems recorded. */
async function signedIn(locale: 'en-US' | 'ja-JP' = 'en-US', path = '/console'): Promise<{ page: Page; problems: string[] }> {
  const ctx = await newContext(browser, { locale });
  const page = await ctx.newPage();
  const problems = pageProblems(page);
  await page.goto(t.url + path);
  await page.locator('#key').fill(t.adminKey);
  await page.locator('#key').press('Enter');
  await page.getByRole('navigation').waitFor();
  return { page, problems };
}

describe('ops console', () => {
  it('refuses a wrong key and lets the right one in', async () => {
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const problems = pageProblems(page);
    await page.goto(`${t.url}/console`);
    await page.getByLabel('Admin key').fill('wrong-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('refused');
    await page.getByLabel('Admin key').fill(t.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(page.url()).not.toContain(t.adminKey);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain('test-admin-key');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Admin key').waitFor();
    // The 401 of the wrong key is logged by Chromium as a failed resource; nothing else may be.
    expect(problems.filter((p) => !p.includes('401'))).toEqual([]);
    await ctx.close();
  });

  it('finds a failed order via the filters and opens its timeline', async () => {
    const failedRes = await t.buy('tok_declined', { customerId: 'cust-failed', items: [{ sku: SKU, quantity: 1 }] });
    expect(failedRes.status).toBe(402);
    const failed = { body: { orderNo: failedRes.body.error.orderNo as string } };
    await t.buy('tok_visa', { customerId: 'cust-failed', items: [{ sku: SKU, quantity: 1 }] });
    const { page, problems } = await signedIn('en-US', '/console/orders');
    await page.getByLabel('Status').selectOption('FAILED');
    await page.getByLabel('Customer').fill('cust-failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => page.url()).toContain('status=FAILED');
    const link = page.getByRole('link', { name: failed.body.orderNo });
    await link.waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    await link.click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('FAILED');
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refunds part of a paid order through the dialog, then cancels another', async () => {
    const a = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    const b = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    await settled(t, a.body.orderNo);
    await settled(t, b.body.orderNo);
    const { page, problems } = await signedIn('en-US', `/console/orders/${a.body.orderNo}`);
    await page.getByRole('button', { name: 'Refund', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Amount (yen)').fill('12.5');
    expect(await dialog.getByRole('button', { name: 'Refund' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Amount (yen)').fill('500');
    await dialog.getByLabel('Reason').fill('damaged box');
    await dialog.getByRole('button', { name: 'Refund' }).dblclick();
    await page.getByRole('status').filter({ hasText: 'Done' }).waitFor();
    await expect.poll(async () => (await t.admin('GET', `/api/v1/admin/orders/${a.body.orderNo}/refunds`)).body.refunds.length).toBe(1);
    await expect.poll(() => page.reload().then(() => page.getByTestId('refunded').textContent()), { timeout: 15_000 }).toContain('500');
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`${t.url}/console/orders/${b.body.orderNo}`);
    await page.getByRole('button', { name: 'Cancel with refund' }).click();
    await page.getByRole('dialog').getByLabel('Reason').fill('customer asked');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel with refund' }).click();
    await expect.poll(() => page.getByTestId('order-status').textContent()).toBe('CANCELLED');
    expect(problems).toEqual([]);
  });

  it('retries a dead letter (it leaves the list) and acknowledges its alert', async () => {
    await t.faults([{ operation: 'capture', status: 503 }]);
    const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    const orderNo = r.body.orderNo as string;
    const dl = await waitFor(async () => (await t.admin('GET', `/api/v1/admin/dead-letters?orderNo=${orderNo}`)).body.deadLetters[0], { what: 'dead letter' });
    await waitFor(async () => (await t.admin('GET', `/api/v1/admin/alerts?orderNo=${orderNo}&status=open`)).body.alerts.length > 0, { what: 'alert' });
    const { page, problems } = await signedIn('en-US', '/console/alerts');
    const ack = page.getByRole('button', { name: 'Acknowledge' }).first();
    await ack.click();
    await expect.poll(async () => (await t.admin('GET', `/api/v1/admin/alerts?status=acknowledged`)).body.alerts.length).toBeGreaterThan(0);
    await page.getByTestId('alert-status').filter({ hasText: 'acknowledged' }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await t.faults([]);
    await page.getByRole('link', { name: 'Dead letters' }).click();
    await page.getByRole('button', { name: `Retry ${dl.id}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('button', { name: `Retry ${dl.id}` }).waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('the overview updates live while purchases come in', async () => {
    const { page, problems } = await signedIn();
    await page.getByTestId('stream-state').filter({ hasText: 'Live' }).waitFor();
    const count = async () => Number((await page.getByTestId('purchase-total').textContent())?.match(/\d+/)?.[0] ?? -1);
    await expect.poll(count).toBeGreaterThanOrEqual(0);
    const before = await count();
    await Promise.all(Array.from({ length: 30 }, (_, i) => t.buy('tok_visa', { customerId: `bench-${i}`, items: [{ sku: SKU, quantity: 1 }] })));
    await expect.poll(count, { timeout: 15_000 }).toBeGreaterThanOrEqual(before + 30);
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('every page passes axe in English and Japanese, and the switch changes the texts', async () => {
    const { page, problems } = await signedIn('ja-JP');
    await page.getByRole('heading', { level: 1, name: '概要' }).waitFor();
    const pages: [string, string, string][] = [
      ['/console/orders', 'Orders', '注文'],
      ['/console/psps', 'PSPs', '決済代行'],
      ['/console/alerts', 'Alerts', 'アラート'],
      ['/console/dead-letters', 'Dead letters', 'デッドレター'],
      ['/console/reconciliation', 'Reconciliation', '照合'],
      ['/console/triage', 'Triage', '障害分析'],
    ];
    for (const lang of ['ja', 'en'] as const) {
      for (const [path, en, ja] of pages) {
        await page.getByRole('navigation').getByRole('link', { name: lang === 'ja' ? ja : en, exact: true }).click();
        await expect.poll(() => page.url()).toContain(path);
        await page.getByRole('heading', { level: 1, name: lang === 'ja' ? ja : en }).waitFor();
        expect(await seriousViolations(page), `${path} ${lang}`).toEqual([]);
      }
      if (lang === 'ja') await page.getByRole('button', { name: 'English' }).click();
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(problems).toEqual([]);
  });

  it('is usable at 390 px: the navigation wraps, nothing scrolls the page sideways', async () => {
    const ctx = await newContext(browser, { mobile: true });
    const page = await ctx.newPage();
    await page.goto(`${t.url}/console/orders`);
    await page.locator('#key').fill(t.adminKey);
    await page.locator('#key').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Orders' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await ctx.close();
  });
});
