// phone_load.mjs FILE.html... - what a report costs a phone: for each page,
// its bytes, the time until its script is ready in headless Chromium at
// 390 px, and its DOM nodes; one JSON line each.  Used by test/browser/perf
// and for the bound of a light page (reports/report_html.c
// REPORT_FULL_ROWS, docs/mxtrace.1).
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
const profile = mkdtempSync(join(tmpdir(), 'mxtrace-chromium-'));
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true,
  userDataDir: profile, protocolTimeout: 600000,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
for (const f of process.argv.slice(2)) {
  const file = resolve(f);
  const page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1, isMobile: true });
  const t = Date.now();
  await page.goto('file://' + file, { waitUntil: 'load', timeout: 600000 });
  await page.waitForFunction(() => document.documentElement.getAttribute('data-js') === 'ready', { timeout: 600000 });
  const load = Date.now() - t;
  const m = await page.metrics();
  const els = await page.evaluate(() => document.getElementsByTagName('*').length);
  console.log(JSON.stringify({ file: f, bytes: statSync(file).size, load_ms: load, nodes: m.Nodes, elements: els }));
  await page.close();
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
