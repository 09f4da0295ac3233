// `npm run screenshots`: the README's pictures of the web pages (docs/screenshots/*.png), taken in
// real Chromium from a freshly seeded service (bench/web-seed.ts), so they can be refreshed after
// any change to the pages: run it and commit the images. Japanese needs a CJK font on the machine
// (Debian: apt-get install fonts-noto-cjk); without one the pictures show empty boxes.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PAGES, signIn } from '../bench/web.ts';
import { startSeededService } from '../bench/web-seed.ts';
import { launchBrowser, newContext } from '../test/helpers/browser.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const OUT = path.join(REPO, 'docs', 'screenshots');

/** Which pages, under which file name, in which language. */
const SHOTS: { file: string; page: string; locale: 'ja-JP' | 'en-US'; mobile?: boolean }[] = [
  { file: 'console-overview.png', page: 'console: overview', locale: 'en-US' },
  { file: 'console-orders.png', page: 'console: orders', locale: 'en-US' },
  { file: 'console-order.png', page: 'console: order detail', locale: 'ja-JP' },
  { file: 'console-psps.png', page: 'console: PSPs', locale: 'en-US' },
  { file: 'shop-catalog.png', page: 'shop: catalog', locale: 'ja-JP' },
  { file: 'shop-catalog-mobile.png', page: 'shop: catalog', locale: 'ja-JP', mobile: true },
];

const s = await startSeededService(REPO, 500);
const browser = await launchBrowser();
try {
  await mkdir(OUT, { recursive: true });
  for (const shot of SHOTS) {
    const spec = PAGES.find((p) => p.name === shot.page)!;
    const context = await newContext(browser, { locale: shot.locale, ...(shot.mobile ? { mobile: true } : {}) });
    const page = await context.newPage();
    if (shot.page.startsWith('console')) await signIn(page, s);
    await page.goto(spec.url(s));
    await spec.ready(page, s);
    await page.screenshot({ path: path.join(OUT, shot.file), fullPage: false });
    console.log(`docs/screenshots/${shot.file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await s.svc.stop();
}
