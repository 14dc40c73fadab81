// The evidence pack's standalone HTML page in real Chromium: it opens from a
// file with no network, shows the five sections of the reports, each with its
// charts drawn, passes axe-core, and is screenshotted whole.
//
// Usage: node report.mjs PACK.html SCREENSHOT_DIR

import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [file, shots = 'screenshots'] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });

const SECTIONS = [
  'Understanding local needs for care and support',
  'Market shaping and commissioning to meet local needs',
  'Ensuring sufficient capacity in local services to meet demand',
  'Ensuring quality of local services',
  'Ensuring local services are sustainable',
];

const failures = [];
const check = (cond, what) => {
  console.log(`  ${cond ? 'ok  ' : 'FAIL'} ${what}`);
  if (!cond) failures.push(what);
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
const page = await context.newPage();
const requests = [];
page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
await page.goto('file://' + resolve(file));

const found = await page.evaluate((titles) => titles.map((t) => {
  const h = [...document.querySelectorAll('h2')].find((x) => x.textContent.trim().startsWith(t));
  if (!h) return { title: t, found: false };
  const section = h.closest('section') || h.parentElement;
  const svgs = [...section.querySelectorAll('svg')];
  const drawn = svgs.filter((s) => { const b = s.getBoundingClientRect(); return b.width > 50 && b.height > 20; });
  return { title: t, found: true, charts: svgs.length, drawn: drawn.length, titled: svgs.every((s) => s.querySelector('title')) };
}), SECTIONS);
for (const s of found) {
  check(s.found, `section "${s.title}" is on the page`);
  if (s.found) check(s.drawn > 0 && s.titled, `section "${s.title}" draws ${s.drawn} chart(s), each with a title`);
}
const order = await page.evaluate((titles) => {
  const hs = [...document.querySelectorAll('h2')].map((h) => h.textContent.trim());
  return titles.map((t) => hs.findIndex((h) => h.startsWith(t)));
}, SECTIONS);
check(order.every((v, i) => v >= 0 && (i === 0 || v > order[i - 1])), 'the five sections come in the reports\' order');
check(await page.locator('h1').count() === 1, 'one h1');
check(requests.length === 0, `no network requests (${requests.join(', ')})`);

await page.addScriptTag({ content: AXE });
const violations = await page.evaluate(async () => {
  // eslint-disable-next-line no-undef
  const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
});
check(violations.length === 0, `axe: no serious or critical violations ${violations.join('; ')}`);

await page.screenshot({ path: join(shots, 'report-full.png'), fullPage: true });
for (const [i, t] of SECTIONS.entries()) {
  const h = page.locator('h2', { hasText: t }).first();
  await h.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, `report-section-${i + 1}.png`) });
}
await browser.close();
console.log(`\nevidence pack page: ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
