// shots.mjs - screenshots of HTML pages as a phone shows them, for a person
// to look at (not a test).  Usage: node shots.mjs WIDTH OUTDIR PAGE.html...
// Writes OUTDIR/NAME-WIDTH.png (the whole page) and NAME-WIDTH-top.png (the
// first screen, 844 px high) for each page; with SLICES=N also the first N
// slices of 1600 px, NAME-WIDTH-pK.png, easier to look at than a long page.
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const [width, outDir, ...pages] = process.argv.slice(2);
const profile = mkdtempSync(join(tmpdir(), 'mxtrace-chromium-'));
const browser = await puppeteer.launch({
	executablePath: '/usr/bin/chromium', headless: true, userDataDir: profile,
	args: ['--no-sandbox', '--disable-gpu', '--no-first-run',
	    '--disable-background-networking', '--disable-component-update'],
});
for (const file of pages) {
	const page = await browser.newPage();
	await page.setViewport({ width: Number(width), height: 844, deviceScaleFactor: 1 });
	await page.goto('file://' + resolve(file), { waitUntil: 'load' });
	const name = join(outDir, basename(file, '.html') + '-' + width);
	await page.screenshot({ path: name + '-top.png' });
	await page.screenshot({ path: name + '.png', fullPage: true });
	const h = await page.evaluate(() => document.documentElement.scrollHeight);
	for (let y = 0, n = 1; y < h && n <= Number(process.env.SLICES || 0); y += 1600, n++)
		await page.screenshot({ path: `${name}-p${n}.png`, captureBeyondViewport: true,
		    clip: { x: 0, y, width: Number(width), height: Math.min(1600, h - y) } });
	await page.close();
}
await browser.close();
rmSync(profile, { recursive: true, force: true });
