// A helper for looking at pages by hand: signs in and saves viewport-sized
// slices of one page. Usage: node shoot.mjs BASE_URL USER PASSWORD PATH OUT_PREFIX [SLICES]
import { chromium } from 'playwright-core';

const [base, user, pass, path, out, slices = '3'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
await page.goto(base + '/sign-in');
await page.fill('#username', user);
await page.fill('#password', pass);
await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
await page.goto(base + path);
const height = await page.evaluate(() => document.body.scrollHeight);
const n = Math.min(Number(slices), Math.ceil(height / 1000));
for (let i = 0; i < n; i++) {
  await page.screenshot({ path: `${out}-${i}.png`, clip: { x: 0, y: i * 1000, width: 1280, height: 1000 }, fullPage: true });
}
console.log(`${height}px, ${n} slices`);
await browser.close();
