// perf_load.mjs FILE.html - open a (large) mxtrace report in headless
// Chromium and print, in milliseconds, the time until the page's script is
// ready, then how long a verdict filter, a text search, a sort and a page
// turn take.  Used by test/browser/perf; prints one JSON object.
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const file = resolve(process.argv[2]);
const profile = mkdtempSync(join(tmpdir(), 'mxtrace-chromium-'));
const browser = await puppeteer.launch({
	executablePath: '/usr/bin/chromium', headless: true, userDataDir: profile,
	protocolTimeout: 600000,
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
await page.setViewport({ width: 1280, height: 900 });
const r = {};
let t = Date.now();
await page.goto('file://' + file, { waitUntil: 'load', timeout: 600000 });
await page.waitForFunction(() => document.documentElement.getAttribute('data-js') === 'ready',
    { timeout: 600000 });
r.load_ms = Date.now() - t;
const timed = async (name, fn) => {
	const t0 = Date.now();
	await fn();
	await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
	r[name] = Date.now() - t0;
};
await timed('filter_verdict_ms', () => page.select('#f-verdict', 'blocked'));
r.rows_blocked = await page.$eval('#f-count', (o) => o.textContent);
await timed('filter_all_ms', () => page.select('#f-verdict', ''));
await timed('search_ms', () => page.$eval('#f-text', (i) => {
	i.value = 'user4242@';
	i.form.requestSubmit();
}));
r.rows_search = await page.$eval('#f-count', (o) => o.textContent);
await timed('sort_ms', () => page.click('#addrs th:nth-child(6)'));
await timed('next_page_ms', () => page.click('#p-next'));
r.heap_mb = Math.round((await page.metrics()).JSHeapUsedSize / 1048576);
await browser.close();
rmSync(profile, { recursive: true, force: true });
console.log(JSON.stringify(r));
