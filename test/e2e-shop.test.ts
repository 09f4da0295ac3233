import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newContext, pageProblems, seriousViolations } from './helpers/browser.ts';
import { startTestService, type TestService } from './helpers/service.ts';

/**
 * The demo storefront (/shop) in real Chromium against the real service and the PSP simulator: a buyer
 * signs in, fills a cart, checks out with each payment method and follows the order live.
 * One service and one browser for the file; every wait is on visible state.
 */

let t: TestService;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  [t, browser] = await Promise.all([startTestService(), launchBrowser()]);
  await t.product('TEA-GREEN', 1200, 100);
  await t.product('MUG-BLUE', 2500, 100);
  await t.product('RARE-VASE', 9000, 1);
  await t.product('GONE-HAT', 3000, 0);
}, 60_000);
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
  await t?.close();
});

interface Buyer {
  page: Page;
  problems: string[];
  customerId: string;
  /** Idempotency-Key of every POST /api/v1/orders the page sent. */
  keys: string[];
}

/** A fresh browser profile that signs in with the demo sign-in and lands on the catalog. */
async function buyer(locale: 'ja-JP' | 'en-US' = 'en-US', mobile = false): Promise<Buyer> {
  const context = await newContext(browser, { locale, mobile });
  contexts.push(context);
  const page = await context.newPage();
  const problems = pageProblems(page);
  const keys: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/v1/orders')) keys.push(r.headers()['idempotency-key'] ?? '');
  });
  const name = `b-${Math.random().toString(36).slice(2, 10)}`;
  await page.goto(`${t.url}/shop/sign-in`);
  await page.locator('input[name=customer]').fill(name);
  await page.locator('form.sign-in button[type=submit]').click();
  await page.locator('header .who span').filter({ hasText: `demo-${name}` }).waitFor();
  return { page, problems, customerId: `demo-${name}`, keys };
}

async function addToCart(page: Page, sku: string, quantity = 1) {
  await page.goto(`${t.url}/shop`);
  await page.locator(`li[data-sku="${sku}"] button`).click();
  await page.locator('header nav a[href="/shop/cart"]').click();
  if (quantity !== 1) await page.locator(`tr[data-sku="${sku}"] input.qty`).fill(String(quantity));
}

/** Fills the checkout form (en labels) and chooses the payment; does not press "Place order". */
async function fillCheckout(page: Page, payment: { token: string } | 'paypay', postalCode = '150-0002') {
  const f = (name: string) => page.locator(`.checkout [name=${name}]`);
  await f('name').fill('山田 太郎');
  await f('postalCode').fill(postalCode);
  await f('prefecture').selectOption('東京都');
  await f('city').fill('渋谷区');
  await f('line1').fill('渋谷2-24-12');
  await f('phone').fill('03-1234-5678');
  await f('email').fill('buyer@example.com');
  if (payment === 'paypay') await page.locator('input[name=method][value=paypay]').check();
  else await f('token').selectOption(payment.token);
}

const placeOrder = (page: Page) => page.locator('button.place').click();
const statusOf = (page: Page) => page.locator('.order-status [data-status]');

async function ordersOf(customerId: string): Promise<{ orderNo: string; status: string }[]> {
  const r = await t.admin('GET', `/api/v1/admin/orders?customerId=${encodeURIComponent(customerId)}`);
  expect(r.status).toBe(200);
  return r.body.orders;
}

/**
 * What went wrong in the page: page errors and console errors, less Chromium's own line for each API
 * refusal the test provoked ("Failed to load resource: … 402"), which the page handles.
 */
function unexpected(problems: string[], ...statuses: number[]): string[] {
  return problems.filter((p) => !statuses.some((s) => p.includes(`the server responded with a status of ${s} `)));
}

async function noSeriousViolations(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

describe('demo storefront', () => {
  it('card tok_visa (201): catalog with sold out, cart, checkout and the PAID order page, in Japanese, axe clean', async () => {
    const b = await buyer('ja-JP');
    await b.page.goto(`${t.url}/shop`);
    await expect.poll(() => b.page.locator('li[data-sku="GONE-HAT"]').textContent()).toContain('売り切れ');
    await expect.poll(() => b.page.locator('li[data-sku="GONE-HAT"] button').isDisabled()).toBe(true);
    await noSeriousViolations(b.page);

    await addToCart(b.page, 'TEA-GREEN', 2);
    await expect.poll(() => b.page.locator('tfoot .total').textContent()).toContain('2,400');
    await fillCheckout(b.page, { token: 'tok_visa' });
    await noSeriousViolations(b.page);
    await b.page.getByRole('button', { name: '購入する' }).click();

    await b.page.waitForURL(/\/shop\/orders\/ORD-/);
    await expect.poll(() => statusOf(b.page).getAttribute('data-status')).toBe('PAID');
    expect(await statusOf(b.page).textContent()).toBe('支払い済み');
    // Focus moved to the new page's heading.
    await expect.poll(() => b.page.evaluate(() => document.activeElement?.id)).toBe('page-title');
    await noSeriousViolations(b.page);
    // The cart is emptied by the purchase.
    expect(await b.page.locator('header nav a[href="/shop/cart"]').textContent()).toContain('(0)');
    expect(b.problems).toEqual([]);
  });

  it('card tok_3ds (202): the challenge opens at the simulator in a new tab; authenticating there pushes PAID live', async () => {
    const b = await buyer();
    await addToCart(b.page, 'MUG-BLUE');
    await fillCheckout(b.page, { token: 'tok_3ds' });
    const popup = b.page.waitForEvent('popup');
    await placeOrder(b.page);
    const sim = await popup;
    await sim.getByRole('button', { name: 'Authenticate' }).waitFor();
    await expect.poll(() => statusOf(b.page).getAttribute('data-status')).toBe('WAITING_PAYMENT');
    expect(await b.page.locator('.next-action a').getAttribute('href')).toContain('/sim/3ds/');
    await expect.poll(() => b.page.locator('.live-via').textContent()).toContain('WebSocket');
    const url = b.page.url();
    await sim.getByRole('button', { name: 'Authenticate' }).click();
    await expect.poll(() => statusOf(b.page).getAttribute('data-status')).toBe('PAID');
    expect(b.page.url()).toBe(url); // pushed, not reloaded
    await noSeriousViolations(b.page);
    expect(b.problems).toEqual([]);
  });

  it('PayPay (202): the QR page opens; the payment completed at the simulator pushes PAID live without a reload', async () => {
    const b = await buyer('ja-JP', true);
    await addToCart(b.page, 'TEA-GREEN');
    await fillCheckout(b.page, 'paypay');
    const popup = b.page.waitForEvent('popup');
    await placeOrder(b.page);
    const qr = await popup;
    await qr.locator('[data-qr]').waitFor();
    await expect.poll(() => statusOf(b.page).getAttribute('data-status')).toBe('WAITING_PAYMENT');
    await expect.poll(() => b.page.locator('.live-via').textContent()).toContain('WebSocket');
    const orderNo = decodeURIComponent(b.page.url().split('/').at(-1)!);
    await b.page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    // The buyer's phone app: the simulator's completion.
    const [p] = await t.ledger(orderNo);
    const done = await fetch(`${t.simUrl}/__sim/payments/${p!.id}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'success' }) });
    expect(done.status).toBe(200);
    await expect.poll(() => statusOf(b.page).getAttribute('data-status')).toBe('PAID');
    expect(await b.page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(b.problems).toEqual([]);
  });

  it('out of stock: the message names the item', async () => {
    const b = await buyer();
    await addToCart(b.page, 'RARE-VASE', 2);
    await fillCheckout(b.page, { token: 'tok_visa' });
    await placeOrder(b.page);
    const refusal = b.page.locator('.refusal[data-code=OUT_OF_STOCK]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Product RARE-VASE');
    expect(await refusal.textContent()).toContain('2 wanted, 1 left');
    expect(await ordersOf(b.customerId)).toEqual([]);
    await noSeriousViolations(b.page);
    expect(unexpected(b.problems, 409)).toEqual([]);
  });

  it('a declined card: a clear message, the order FAILED, no retry offered', async () => {
    const b = await buyer('ja-JP');
    await addToCart(b.page, 'TEA-GREEN');
    await fillCheckout(b.page, { token: 'tok_declined' });
    await placeOrder(b.page);
    const refusal = b.page.locator('.refusal[data-code=PAYMENT_DECLINED]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('お支払いが承認されませんでした');
    expect(await refusal.locator('button').count()).toBe(0);
    expect((await ordersOf(b.customerId)).map((o) => o.status)).toEqual(['FAILED']);
    expect(unexpected(b.problems, 402)).toEqual([]);
  });

  it('a lost answer: the retry sends the SAME Idempotency-Key and the server replays it — exactly one order', async () => {
    const b = await buyer();
    await addToCart(b.page, 'MUG-BLUE');
    await fillCheckout(b.page, { token: 'tok_visa' });
    // The first purchase reaches the server, but its answer never reaches the page (a dropped connection).
    let dropped = false;
    await b.page.route('**/api/v1/orders', async (route) => {
      if (dropped || route.request().method() !== 'POST') return route.fallback();
      dropped = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await placeOrder(b.page);
    await b.page.locator('.refusal[data-code=NETWORK]').waitFor();
    await b.page.locator('.refusal button').dblclick();
    await b.page.waitForURL(/\/shop\/orders\/ORD-/);
    await expect.poll(() => statusOf(b.page).getAttribute('data-status')).toBe('PAID');
    expect(b.keys.length).toBe(2);
    expect(b.keys[1]).toBe(b.keys[0]);
    expect((await ordersOf(b.customerId)).map((o) => o.status)).toEqual(['PAID']);
    // The aborted request is logged by Chromium as a console error; nothing else.
    expect(b.problems.filter((p) => !p.includes('net::ERR_CONNECTION_RESET'))).toEqual([]);
  });

  it('503 from the PSP: Retry-After shown as a countdown, then the retry buys once the fault is cleared (a double click buys once)', async () => {
    const b = await buyer();
    await addToCart(b.page, 'TEA-GREEN');
    await fillCheckout(b.page, { token: 'tok_visa' });
    await t.faults([{ operation: 'authorize', status: 503, retryAfterSeconds: 2 }]);
    try {
      await placeOrder(b.page);
      const refusal = b.page.locator('.refusal[data-code=PAYMENT_UNAVAILABLE]');
      await refusal.waitFor();
      await expect.poll(() => refusal.locator('.countdown').textContent()).toMatch(/retry in [12] s/);
      expect(await refusal.locator('button').isDisabled()).toBe(true);
    } finally {
      await t.faults([]);
    }
    await expect.poll(() => b.page.locator('.refusal .countdown').textContent(), { timeout: 10_000 }).toBe('You can retry now.');
    await b.page.locator('.refusal button').dblclick();
    await b.page.waitForURL(/\/shop\/orders\/ORD-/);
    await expect.poll(() => statusOf(b.page).getAttribute('data-status')).toBe('PAID');
    // The 503's order is FAILED and recorded under its key (the API replays it for that key), so the retry is
    // a new attempt with a new key; the double click sent it once: one FAILED order, one PAID.
    expect(b.keys.length).toBe(2);
    expect((await ordersOf(b.customerId)).map((o) => o.status)).toEqual(['PAID', 'FAILED']);
    expect(unexpected(b.problems, 503)).toEqual([]);
  });

  it('form validation: a bad postal code is refused in the page with its message beside the field, and nothing is sent', async () => {
    const b = await buyer();
    await addToCart(b.page, 'TEA-GREEN');
    await fillCheckout(b.page, { token: 'tok_visa' }, '12-34567');
    await placeOrder(b.page);
    const postal = b.page.locator('.checkout [name=postalCode]');
    await expect.poll(() => postal.getAttribute('aria-invalid')).toBe('true');
    const described = (await postal.getAttribute('aria-describedby'))!.split(' ');
    const message = await b.page.locator(`[id="${described.at(-1)}"]`).textContent();
    expect(message).toContain('123-4567');
    await expect.poll(() => b.page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('postalCode');
    await noSeriousViolations(b.page);
    // Without the hyphen is fine.
    await postal.fill('1500002');
    await expect.poll(() => postal.getAttribute('aria-invalid')).toBe(null);
    expect(b.keys).toEqual([]);
    expect(await ordersOf(b.customerId)).toEqual([]);
    expect(b.problems).toEqual([]);
  });

  it('my orders lists the buyer\'s orders with paging; the ja/en switch changes the page', async () => {
    const b = await buyer('ja-JP');
    const token = (await b.page.evaluate(() => JSON.parse(sessionStorage.getItem('orderly.shop.session')!).token)) as string;
    const bought: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await t.call('POST', '/api/v1/orders', {
        auth: token,
        headers: { 'idempotency-key': `mine-${b.customerId}-${i}` },
        body: { items: [{ sku: 'TEA-GREEN', quantity: 1 }], shippingAddress: { name: 'A', postalCode: '1500002', prefecture: '東京都', city: 'X', line1: 'Y', phone: '0312345678' }, payment: { method: 'card', token: 'tok_visa' } },
      });
      expect(r.status).toBe(201);
      bought.push(r.body.orderNo);
    }
    await b.page.locator('header nav a[href="/shop/orders"]').click();
    await expect.poll(() => b.page.locator('tr[data-order]').count()).toBe(10);
    await noSeriousViolations(b.page);
    await b.page.getByRole('button', { name: 'さらに表示' }).click();
    await expect.poll(() => b.page.locator('tr[data-order]').count()).toBe(12);
    expect((await b.page.locator('tr[data-order]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-order')))).sort()).toEqual([...bought].sort());
    expect(await b.page.getByRole('heading', { level: 1 }).textContent()).toBe('注文履歴');

    await b.page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => b.page.getByRole('heading', { level: 1 }).textContent()).toBe('My orders');
    expect(await b.page.evaluate(() => document.documentElement.lang)).toBe('en');
    await b.page.locator(`tr[data-order="${bought[0]}"] a`).click();
    await expect.poll(() => statusOf(b.page).textContent()).toBe('Paid');
    await noSeriousViolations(b.page);
    expect(b.problems).toEqual([]);
  });
});
