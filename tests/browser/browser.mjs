// Browser tests of the Continuum web app in real Chromium (Debian's own
// /usr/bin/chromium; no browser is ever downloaded), driven by playwright-core.
//
// For every role: sign in, open the dashboard, the register, a location and
// (where the role may) the evidence pack, person, benchmarking and admin
// pages; take a screenshot of each; run axe-core on each and fail on any
// serious or critical violation. Then: download the XLSX, upload a bad file
// and see its row-level errors, filter the register as you type, and use the
// register with JavaScript off.
//
// Environment: BASE_URL, LOGINS (JSON: [{role, username, password}]),
// SCREENSHOTS (a folder).

import { chromium } from 'playwright-core';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// axe is injected as a script, which the app's Content Security Policy
// forbids; the test contexts bypass CSP for that alone.
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.BASE_URL;
const LOGINS = JSON.parse(process.env.LOGINS);
const SHOTS = process.env.SCREENSHOTS || 'screenshots';
mkdirSync(SHOTS, { recursive: true });

const failures = [];
const checked = [];
const fail = (what) => { failures.push(what); console.log(`  FAIL ${what}`); };
const ok = (what) => console.log(`  ok   ${what}`);

const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync',
];

// Who may open what (mirrors Role::can; the in-process matrix is the proof).
const PERSONAL = new Set(['commissioner', 'broker', 'quality_officer', 'social_worker']);
const EVIDENCE = (role) => role !== 'provider';

async function axe(page, name) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = result.filter((v) => !(v.impact === 'serious' || v.impact === 'critical'));
  checked.push({ page: name, violations: result });
  if (bad.length) {
    fail(`axe on ${name}: ${bad.map((v) => `${v.id} (${v.impact}: ${v.help}) at ${v.nodes.join(', ')}`).join('; ')}`);
  } else {
    ok(`axe on ${name}${minor.length ? ` (${minor.length} minor: ${minor.map((v) => v.id).join(', ')})` : ''}`);
  }
}

async function visit(page, path, name, { status = 200 } = {}) {
  const res = await page.goto(BASE + path);
  if (!res || res.status() !== status) {
    fail(`${name}: GET ${path} gave ${res && res.status()}, expected ${status}`);
    return false;
  }
  const lang = await page.getAttribute('html', 'lang');
  if (lang !== 'en-GB') fail(`${name}: html lang is ${lang}`);
  const skip = await page.$('a.skip-link[href="#main"]');
  if (!skip) fail(`${name}: no skip link`);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  await axe(page, name);
  return true;
}

async function signIn(page, login) {
  await page.goto(BASE + '/sign-in');
  await page.fill('#username', login.username);
  await page.fill('#password', login.password);
  await Promise.all([page.waitForURL(BASE + '/'), page.click('button[type=submit]')]);
  const who = await page.textContent('.header__account');
  if (!who.includes('Demo')) fail(`${login.role}: header does not show the user`);
  ok(`${login.role} signed in`);
}

async function role(browser, login) {
  console.log(`\n${login.role}`);
  const ctx = await browser.newContext({ acceptDownloads: true, bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => fail(`${login.role}: script error ${e.message}`));
  await signIn(page, login);
  const r = login.role;
  await visit(page, '/', `${r}-1-dashboard`);
  await visit(page, '/locations', `${r}-2-register`);
  const first = await page.$('#results tbody a');
  if (!first) { fail(`${r}: the register lists no locations`); } else {
    const href = await first.getAttribute('href');
    await visit(page, href, `${r}-3-location`);
    const personLink = await page.$('a[href^="/people/"]');
    if (personLink && !PERSONAL.has(r)) fail(`${r}: sees a link to a person`);
    if (PERSONAL.has(r)) {
      const anyPerson = personLink || (await findPersonLink(page));
      if (anyPerson) await visit(page, await anyPerson.getAttribute('href'), `${r}-4-person`);
    }
  }
  if (EVIDENCE(r)) {
    await visit(page, '/evidence', `${r}-5-evidence`);
    await visit(page, '/benchmarking', `${r}-6-benchmarking`);
  } else {
    await visit(page, '/evidence', `${r}-5-evidence-refused`, { status: 403 });
  }
  await visit(page, '/account', `${r}-7-account`);
  if (r === 'admin') {
    await visit(page, '/imports', `${r}-8-imports`);
    await visit(page, '/users', `${r}-9-users`);
    await visit(page, '/users/new', `${r}-10-new-user`);
    await visit(page, '/audit', `${r}-11-audit`);
    await uploadBadFile(page);
  } else {
    await visit(page, '/imports', `${r}-8-imports-refused`, { status: 403 });
  }
  if (r === 'leader') await downloadXlsx(page);
  if (r === 'broker') await filterAsYouType(page);
  await ctx.close();
}

// A location with placements, for roles that may see people.
async function findPersonLink(page) {
  await page.goto(BASE + '/locations?service_type=residential_home');
  const links = await page.$$eval('#results tbody a', (as) => as.map((a) => a.getAttribute('href')));
  for (const href of links.slice(0, 10)) {
    await page.goto(BASE + href);
    const p = await page.$('a[href^="/people/"]');
    if (p) return p;
  }
  fail('no location lists a person');
  return null;
}

async function downloadXlsx(page) {
  await page.goto(BASE + '/evidence');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a:has-text("Workbook (XLSX)")'),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'continuum-dl-')), download.suggestedFilename());
  await download.saveAs(file);
  const bytes = readFileSync(file);
  if (!download.suggestedFilename().endsWith('.xlsx') || bytes.length < 2000 || bytes.subarray(0, 2).toString() !== 'PK') {
    fail(`XLSX download: ${download.suggestedFilename()}, ${bytes.length} bytes`);
  } else {
    ok(`downloaded ${download.suggestedFilename()} (${bytes.length} bytes)`);
  }
}

async function uploadBadFile(page) {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-up-'));
  const bad = join(dir, 'authority.csv');
  writeFileSync(bad, 'la,ons_code,as_at,neighbours\nNewshire,E06099990,2025-13-45,\n');
  await page.goto(BASE + '/imports');
  await page.check('#kind-bundle');
  await page.setInputFiles('#files', bad);
  await page.click('button:has-text("Upload and check")');
  await page.waitForSelector('.error-summary', { timeout: 30000 });
  const summary = await page.textContent('.error-summary');
  if (!summary.includes('authority.csv, line 2, column as_at')) {
    fail(`bad upload: the error summary says: ${summary.trim().slice(0, 300)}`);
  } else {
    ok('a bad upload shows its row-level error');
  }
  await page.screenshot({ path: join(SHOTS, 'admin-12-import-errors.png'), fullPage: true });
  await axe(page, 'admin-12-import-errors');
  await page.click('.error-summary a');
  const target = await page.evaluate(() => window.location.hash);
  if (!target.startsWith('#error-')) fail(`the error summary link goes to '${target}'`);
}

async function filterAsYouType(page) {
  await page.goto(BASE + '/locations');
  const before = await page.textContent('[data-count]');
  const url = page.url();
  await page.fill('#q', 'zzzz-nothing-matches');
  await page.waitForFunction(() => document.querySelector('[data-count]').textContent.includes('0 locations'), null, { timeout: 5000 })
    .catch(() => fail(`filter as you type: still '${before}'`));
  const after = await page.textContent('[data-count]');
  if (page.url() === url) fail('filter as you type: the address did not follow the filter');
  ok(`filter as you type: '${before.trim()}' → '${after.trim()}'`);
  await page.screenshot({ path: join(SHOTS, 'broker-13-filtered.png'), fullPage: true });
}

async function withoutJavaScript(browser) {
  console.log('\nno JavaScript');
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  const login = LOGINS.find((l) => l.role === 'commissioner');
  await signIn(page, login);
  await page.goto(BASE + '/locations');
  await page.selectOption('#service_type', 'nursing_home');
  await Promise.all([page.waitForNavigation(), page.click('button:has-text("Apply filters")')]);
  if (!page.url().includes('service_type=nursing_home')) fail('no-JS filter: not submitted');
  const services = await page.$$eval('#results tbody td:nth-child(2)', (tds) => tds.map((t) => t.textContent.trim()));
  if (!services.length || services.some((s) => s !== 'Nursing homes')) fail(`no-JS filter: ${services.join(', ')}`);
  else ok(`the register filters without JavaScript (${services.length} nursing homes)`);
  await ctx.close();
}

async function signInPage(browser) {
  console.log('\nsign-in');
  const ctx = await browser.newContext({ bypassCSP: true });
  const page = await ctx.newPage();
  await visit(page, '/sign-in', '0-sign-in');
  await page.click('button[type=submit]');
  await page.waitForSelector('.error-summary');
  await page.screenshot({ path: join(SHOTS, '0-sign-in-errors.png'), fullPage: true });
  await axe(page, '0-sign-in-errors');
  await ctx.close();
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS, headless: true });
try {
  await signInPage(browser);
  for (const login of LOGINS) await role(browser, login);
  await withoutJavaScript(browser);
} catch (e) {
  fail(`stopped: ${e.stack || e}`);
} finally {
  await browser.close();
}
writeFileSync(join(SHOTS, 'axe.json'), JSON.stringify(checked, null, 2));
console.log(`\n${checked.length} pages checked with axe; ${failures.length} failures`);
process.exit(failures.length ? 1 : 0);
