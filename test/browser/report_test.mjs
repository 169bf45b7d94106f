// report_test.mjs - the mxtrace HTML report in real headless Chromium
// (/usr/bin/chromium, driven by puppeteer-core; no browser is downloaded).
// Usage: node report_test.mjs EN.html ZH.html PAGED.html LAB.html LAB.jsonl OUTDIR
//        [ONE.html [DLV.jsonl DLV-EN.html DLV-ZH.html [SENDER-EN.html SENDER-ZH.html
//        [UNF-EN.html UNF-ZH.html [SND-REPORT.html [SPF-EN.html SPF-ZH.html
//        [LIGHT.html [LIGHT-LINKED.html]]]]]]]]
// Checks what a reader sees: the summary numbers, the waterfall and the
// transcript of one address, that server text holding <script> and
// <img onerror> shows as text and runs nothing, that the page makes no
// request, that filtering, sorting and paging work, and that the page is
// readable with JavaScript off, that the tester's own problems are apart,
// and that every report fits a 360 and a 390 px phone and a 1400 px desktop (no
// horizontal overflow, no text under 11 px, customer fields and results on
// screen), and that an unfinished run's notice is on a phone's first
// screen, compact enough that the first result card is too, its command
// (a tap away on a phone, shown on a desktop) wrapped inside it.  Saves screenshots (en, zh, lab at both widths) in OUTDIR.
import puppeteer from 'puppeteer-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [enFile, zhFile, pagedFile, labFile, labRecords, outDir, oneFile, dlvRecords,
    dlvEn, dlvZh, senderEn, senderZh, unfEn, unfZh, sndReport, spfEn, spfZh, lightFile,
    lightLinkedFile] =
    process.argv.slice(2);
let failures = 0, passes = 0;

function check(ok, what, detail) {
	if (ok) {
		passes++;
		return;
	}
	failures++;
	console.error(`FAIL: ${what}${detail === undefined ? '' : ': ' + JSON.stringify(detail)}`);
}

const profile = mkdtempSync(join(tmpdir(), 'mxtrace-chromium-'));
const browser = await puppeteer.launch({
	executablePath: '/usr/bin/chromium',
	headless: true,
	userDataDir: profile,
	args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	    '--disable-background-networking', '--disable-component-update',
	    '--disable-sync'],
});

// A page that records dialogs (alert) and every request it makes.
async function open(file, { js = true, width = 1280, touch = false } = {}) {
	const page = await browser.newPage();
	const seen = { dialogs: [], requests: [], errors: [] };
	await page.setViewport({ width, height: 900, hasTouch: touch, isMobile: touch });
	await page.setJavaScriptEnabled(js);
	page.on('dialog', async (d) => {
		seen.dialogs.push(d.message());
		await d.dismiss();
	});
	page.on('request', (r) => seen.requests.push(r.url()));
	page.on('pageerror', (e) => seen.errors.push(String(e)));
	await page.goto('file://' + resolve(file), { waitUntil: 'load' });
	return { page, seen };
}

const visibleRows = (page) => page.$$eval('#rows tr', (rows) =>
    rows.filter((r) => r.offsetParent !== null).map((r) => ({
	v: r.getAttribute('data-v'), addr: r.querySelector('td.ad').textContent,
	dom: r.querySelector('td.dm').textContent,
	ms: r.cells[r.cells.length - 1].textContent })));

// --- English report of the fixture -------------------------------------
{
	const { page, seen } = await open(enFile);
	const url = 'file://' + resolve(enFile);
	check(await page.$eval('html', (h) => h.getAttribute('data-js')) === 'ready',
	    'our script ran');
	check(await page.title() === 'Mail delivery report', 'title unchanged',
	    await page.title());
	check(seen.dialogs.length === 0, 'no alert() ran', seen.dialogs);
	check(seen.errors.length === 0, 'no script errors', seen.errors);
	check(seen.requests.every((u) => u === url), 'no request but the file',
	    seen.requests);
	check(await page.$$eval('img', (l) => l.length) === 0, 'no <img> element');
	check(await page.$$eval('script', (l) => l.length) === 1, 'one <script> element');
	check(await page.$$eval('[onerror],[onmouseover]', (l) => l.length) === 0,
	    'no injected event handler attribute');

	// Summary numbers.
	const cards = await page.$$eval('.card', (l) => l.map((c) => ({
	    cls: c.className, n: c.querySelector('.n').textContent,
	    p: c.querySelector('.p').textContent })));
	check(JSON.stringify(cards) === JSON.stringify([
	    { cls: 'card ok', n: '1', p: '10.0%' },
	    { cls: 'card bad', n: '4', p: '40.0%' },
	    { cls: 'card warn', n: '1', p: '10.0%' },
	    { cls: 'card self', n: '4', p: '40.0%' }]), 'summary cards', cards);
	const counts = await page.$$eval('table.counts tbody tr', (l) =>
	    l.map((r) => [r.getAttribute('data-v') || 'g:' + r.getAttribute('data-g'),
	    r.cells[2].textContent, r.cells[3].textContent]));
	check(JSON.stringify(counts) === JSON.stringify([
	    ['deliverable', '1', '10.0%'], ['undeliverable', '2', '20.0%'],
	    ['no_mail_domain', '1', '10.0%'], ['invalid_syntax', '1', '10.0%'],
	    ['temporary', '1', '10.0%'], ['g:tester', '4', '40.0%']]),
	    'one chart: counts with bars, the tester\'s own problems apart', counts);
	check(await page.$$eval('svg', (l) => l.length) === 0 &&
	    await page.$$eval('table.counts .b', (l) => l.length) === 6,
	    'the numbers once: no second chart of them');
	const causes = await page.$$eval('#todo li.cause', (l) => l.map((c) =>
	    [c.getAttribute('data-r'), c.querySelector('.cn b').textContent]));
	check(JSON.stringify(causes.slice(0, 1)) === JSON.stringify([
	    ['mailbox_unknown', '2']]), 'causes ranked by count', causes);
	check(!causes.some((c) => c[0] === 'ip_blocklisted' || c[0] === 'port25_filtered'),
	    'the tester\'s own problems are not in what to do first', causes);
	const counted = await page.$$eval('#todo li.cause .cn, #tester li.cause .cn', (l) =>
	    l.map((c) => c.textContent));
	check(counted.includes('2addresses') && counted.includes('1address') &&
	    !counted.includes('1addresses'), 'one address is "1 address"', counted);
	const todo = await page.$eval('#todo li.cause', (c) => c.textContent);
	check(todo.includes('bob@example.test') && todo.includes('Bob <b>Builder</b>'),
	    'what to do first names the customer and the address', todo);
	const tester = await page.$eval('#tester', (c) => c.textContent);
	check(tester.includes('zen.spamhaus.org') && tester.includes('blocked.test (2)') &&
	    tester.includes('--helo') && tester.includes('--mail-from') &&
	    tester.includes('mxtrace sender'), 'tester section: list, domains and the fix',
	    tester.slice(0, 400));
	const rowOrder = await page.$$eval('#rows tr', (l) => l.map((r) =>
	    Number(r.cells[0].textContent)));
	check(JSON.stringify(rowOrder) === JSON.stringify([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
	    'address table in input order', rowOrder);
	const heads = await page.$$eval('#addrs th', (l) => l.map((h) => h.textContent));
	check(['name', 'company', 'note'].every((h) => heads.includes(h)),
	    'address table has the input\'s columns', heads);

	// The injected banner is text, in the transcript of dave@blocked.test.
	const dave = await page.$eval('#a3', (a) => a.textContent);
	check(dave.includes('<script>alert(1)</script>') &&
	    dave.includes('<img src=x onerror=alert(1)>'),
	    'injected banner shown as text');
	check(dave.includes("HELO name <script>document.title='pwned'</script>"),
	    'injected warning shown as text');

	const bob = await page.$eval('#a1 .input', (p) => p.textContent);
	check(bob.includes('name: Bob <b>Builder</b>') &&
	    bob.includes('note: <img src=x onerror=alert(1)>'), 'CSV input fields shown as text', bob);
	// Waterfall of bob@example.test: DNS + 8 steps, RCPT marked with its reply.
	const wf = await page.$eval('#a1', (a) => {
		const rows = [...a.querySelectorAll('.wf-row')];
		return {
			n: rows.length,
			stages: rows.map((r) => r.querySelector('.wf-stage').textContent),
			stop: rows.filter((r) => r.classList.contains('stop')).map((r) =>
			    [r.querySelector('.wf-stage').textContent,
			    r.querySelector('.wf-reply').textContent,
			    r.querySelector('.wf-bar').className]),
			w: rows.map((r) => r.querySelector('.wf-bar').getBoundingClientRect().width),
			ms: rows.map((r) => r.querySelector('.wf-ms').textContent),
		};
	});
	check(JSON.stringify(wf.stages) === JSON.stringify(['DNS lookup', 'Connect',
	    'Greeting (banner)', 'Hello (EHLO)', 'Encrypt (STARTTLS)', 'Hello (EHLO)',
	    'Sender (MAIL FROM)', 'Recipient (RCPT TO)', 'Goodbye (QUIT)']),
	    'waterfall: DNS and every step in order', wf.stages);
	check(wf.stop.length === 1 && wf.stop[0][0] === 'Recipient (RCPT TO)' &&
	    wf.stop[0][1].includes('550 5.1.1') && wf.stop[0][2].includes('bad'),
	    'failing step marked red with its reply', wf.stop);
	// STARTTLS took 21 ms, the banner 12 ms: bars in proportion (±15%).
	const ratio = wf.w[4] / wf.w[2];
	check(Math.abs(ratio - 21 / 12) < 0.15 * (21 / 12),
	    'bar lengths proportional to latency', { ratio, w: wf.w });
	const tx = await page.$eval('#a1 details.tx', (d) => {
		d.open = true;
		return { text: d.querySelector('pre').textContent,
		    h: d.querySelector('pre').getBoundingClientRect().height };
	});
	check(tx.text.includes('C: RCPT TO:<bob@example.test>') &&
	    tx.text.includes('S: 550 5.1.1 <bob@example.test>: Recipient address rejected') &&
	    tx.text.includes('S: 250-mx1.example.test') && tx.h > 50,
	    'transcript present and opens', tx.text.slice(0, 300));

	// Filtering and sorting.
	await page.select('#f-verdict', 'blocked');
	let rows = await visibleRows(page);
	check(rows.length === 3 && rows.every((r) => r.v === 'blocked'),
	    'verdict filter', rows);
	await page.select('#f-verdict', '');
	await page.type('#f-domain', 'example.test');
	await new Promise((r) => setTimeout(r, 400));
	rows = await visibleRows(page);
	check(rows.length === 3 && rows.every((r) => r.dom === 'example.test'),
	    'domain filter', rows);
	await page.$eval('#f-domain', (i) => { i.value = ''; });
	await page.type('#f-text', 'greylisted');
	await new Promise((r) => setTimeout(r, 400));
	rows = await visibleRows(page);
	check(rows.length === 1 && rows[0].addr === 'erin@grey.test', 'text search', rows);
	await page.$eval('#f-text', (i) => { i.value = ''; i.dispatchEvent(new Event('input')); });
	await new Promise((r) => setTimeout(r, 400));
	await page.click('#addrs th:last-child');
	await page.click('#addrs th:last-child');
	rows = await visibleRows(page);
	check(rows.length === 10 && rows[0].addr === 'gina@down.test',
	    'sort by time, slowest first', rows.map((r) => r.addr));
	await page.click('#addrs th[data-col="result"]');
	rows = await visibleRows(page);
	const sev = { undeliverable: 0, no_mail_domain: 0, invalid_syntax: 0,
	    temporary: 1, blocked: 2, unreachable: 2, deliverable: 3 };
	check(rows.every((r, i) => i === 0 || sev[rows[i - 1].v] <= sev[r.v]) &&
	    rows[0].v === 'undeliverable' && rows[9].v === 'deliverable',
	    'sort by severity', rows.map((r) => r.v));
	await page.select('#f-verdict', 'tester');
	rows = await visibleRows(page);
	check(rows.length === 4, 'filter: the tester\'s own problems', rows);
	await page.select('#f-verdict', '');
	await page.click('table.counts tr[data-v="undeliverable"]');
	rows = await visibleRows(page);
	check(rows.length === 2 && rows.every((r) => r.v === 'undeliverable'),
	    'click on a verdict in the summary filters the table', rows);
	await page.select('#f-verdict', '');
	await page.screenshot({ path: join(outDir, 'report-en.png'), fullPage: true });
	await page.close();
}

// --- Chinese report -------------------------------------------------------
{
	const { page, seen } = await open(zhFile);
	check(await page.title() === '邮件投递检测报告', 'zh title', await page.title());
	check(await page.$eval('html', (h) => h.lang) === 'zh-CN', 'zh lang attribute');
	check(seen.dialogs.length === 0 && seen.errors.length === 0, 'zh: nothing ran, no errors',
	    seen);
	const heads = await page.$$eval('h2', (l) => l.map((h) => h.textContent));
	check(JSON.stringify(heads) === JSON.stringify(['概览', '优先处理事项',
	    '检测本身的问题，与客户地址无关', '域名', '地址列表', '每个地址的检测路径']),
	    'zh section titles', heads);
	const stop = await page.$eval('#a1 .wf-row.stop .wf-stage', (s) => s.textContent);
	check(stop === '收件人（RCPT TO）', 'zh waterfall stage', stop);
	await page.screenshot({ path: join(outDir, 'report-zh.png'), fullPage: true });
	await page.close();
}

// --- Times in the reader's own zone (a phone in Beijing), UTC without JS -----
for (const js of [true, false]) {
	const page = await browser.newPage();
	await page.emulateTimezone('Asia/Shanghai');
	await page.setJavaScriptEnabled(js);
	await page.goto('file://' + resolve(zhFile), { waitUntil: 'load' });
	const times = await page.$$eval('header time', (l) => l.map((t) =>
	    [t.textContent, t.title, t.getAttribute('datetime')]));
	// first the time the report was made (now), in the zone like the rest
	const [made, ...when] = times;
	check(made !== undefined && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(made[2]) &&
	    (js ? made[0].includes('年') && !made[0].includes('UTC') && made[1].endsWith(' UTC') :
	    made[0].endsWith(' UTC')),
	    `zh: the report's own time in Beijing time (${js ? 'JavaScript' : 'UTC without JavaScript'})`, made);
	// the fixture was checked at 2026-11-29 04:31:41 UTC: 12:31 in Beijing
	// (its records within that second: one time, not a range)
	check(js ? when.length === 1 && when.every(([t, u]) => t.includes('2026年11月29日') &&
	    t.includes('12:31:41') && u === '2026-11-29 04:31:41 UTC') :
	    when.length === 1 && when.every(([t]) => t === '2026-11-29 04:31:41 UTC'),
	    `zh: the check's time in Beijing time (${js ? 'JavaScript' : 'UTC without JavaScript'})`, when);
	await page.close();
}

// --- Paging a longer report, with and without JavaScript -------------------
{
	const { page } = await open(pagedFile);
	const total = await page.$$eval('#rows tr', (l) => l.length);
	let rows = await visibleRows(page);
	check(total === 250 && rows.length === 100, 'page 1 of 250 rows', [total, rows.length]);
	await page.click('#p-next');
	await page.click('#p-next');
	rows = await visibleRows(page);
	check(rows.length === 50 && rows[0].addr === 'user200@d4.example.test',
	    'page 3 holds rows 201-250', rows.slice(0, 1));
	check(await page.$eval('#p-next', (b) => b.disabled), 'no page 4');
	await page.select('#f-verdict', 'deliverable');
	rows = await visibleRows(page);
	const want = await page.$$eval('#rows tr[data-v="deliverable"]', (l) => l.length);
	check(rows.length === Math.min(100, want) && rows.every((r) => r.v === 'deliverable'),
	    'filter across pages starts at page 1', [rows.length, want]);
	await page.close();

	const off = await open(pagedFile, { js: false });
	rows = await visibleRows(off.page);
	const cards = await off.page.$$eval('.card .n', (l) => l.map((n) => n.textContent));
	check(rows.length === 100 && cards.length >= 3,
	    'without JavaScript: summary and the first page show', [rows.length, cards]);
	check(await off.page.$eval('#filters', (f) => f.hidden), 'without JavaScript: no dead controls');
	await off.page.close();
}

// --- A report of real lab results, checked against the records -------------
{
	const recs = readFileSync(labRecords, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
	const { page, seen } = await open(labFile);
	check(recs.length === 9, 'lab: 9 probe results', recs.length);
	check(seen.errors.length === 0 && seen.dialogs.length === 0, 'lab: no script errors', seen);
	const want = {};
	for (const r of recs)
		want[r.verdict] = (want[r.verdict] || 0) + 1;
	const got = {};
	for (const [v, n] of await page.$$eval('#rows tr', (l) =>
	    l.map((r) => [r.getAttribute('data-v'), 1])))
		got[v] = (got[v] || 0) + n;
	const chart = await page.$$eval('table.counts tbody tr', (l) =>
	    l.reduce((s, r) => s + Number(r.cells[2].textContent), 0));
	check(JSON.stringify(Object.entries(got).sort()) ===
	    JSON.stringify(Object.entries(want).sort()) && chart === recs.length,
	    'lab: counts per verdict', [got, want, chart]);
	// alice@blocked.test: the lab's DNSBL lists the probe's own IP.
	const self = await page.$eval('#tester', (t) => t.textContent).catch(() => '');
	check(self.includes('alice@blocked.test') && self.includes('zen.dnsbl.test'),
	    'lab: blocked because of the probe\'s IP: in the tester\'s own section', self.slice(0, 300));
	const table = await page.$$eval('#rows tr', (l) => l.map((r) =>
	    [r.querySelector('td.ad').textContent, r.getAttribute('data-v')]));
	check(JSON.stringify(table) === JSON.stringify(recs.map((r) => [r.address, r.verdict])),
	    'lab: address table rows', table);
	for (const [i, r] of recs.entries()) {
		const steps = r.attempts.flatMap((a) => a.steps);
		const art = await page.$eval(`#a${i}`, (a) => ({
			rows: a.querySelectorAll('.wf-row').length,
			ms: [...a.querySelectorAll('.wf-ms')].map((m) => parseInt(m.textContent, 10)),
			stop: a.querySelector('.wf-row.stop .wf-reply')?.textContent ?? null,
			tx: a.querySelector('details.tx pre').textContent,
			probe: [...a.querySelectorAll('.wf-row')].filter((w) =>
			    w.querySelector('.wf-bar.info')).map((w) =>
			    w.querySelector('.wf-stage').textContent),
		})).catch(() => null);
		if (art === null) {
			check(false, `lab: ${r.address} has its path`);
			continue;
		}
		if (r.stage === 'syntax')
			continue;
		check(art.rows === 1 + steps.length, `lab: ${r.address} waterfall rows`, [art.rows, steps.length]);
		check(JSON.stringify(art.ms) === JSON.stringify([r.timing.dns_ms, ...steps.map((s) => s.ms)]),
		    `lab: ${r.address} latencies`, art.ms);
		check(steps.every((s) => !s.command || art.tx.includes('C: ' + s.command)) &&
		    steps.every((s) => s.code === null || art.tx.includes('S: ' + s.code)),
		    `lab: ${r.address} transcript has every command and reply`);
		// The catch-all RCPT is sent only where it can tell something:
		// not once the domain has refused an address as unknown.
		const probed = steps.some((s) => s.stage === 'rcpt' && s.command &&
		    !s.command.includes('<' + r.address + '>'));
		if (r.catch_all === false && probed)
			check(JSON.stringify(art.probe) === '["Catch-all test (random address)"]',
			    `lab: ${r.address} catch-all RCPT drawn neutral`, art.probe);
		else if (r.catch_all === false)
			check(art.probe.length === 0, `lab: ${r.address} no catch-all row where none was sent`, art.probe);
		if (r.verdict !== 'deliverable' && r.reply && r.attempts.length)
			check(art.stop !== null && art.stop.includes(String(r.reply.code)),
			    `lab: ${r.address} stop marked with ${r.reply.code}`, art.stop);
	}
	await page.screenshot({ path: join(outDir, 'report-lab.png'), fullPage: true });
	await page.close();
}

// --- Any screen: phones (360, 390 px) and a desktop (1400 px), both languages
for (const [lang, file] of [['en', enFile], ['zh', zhFile], ['lab', labFile]]) {
	for (const width of [360, 390, 1400]) {
		const { page } = await open(file, { width });
		const o = await page.evaluate(() => {
			const vw = document.documentElement.clientWidth;
			const wide = [...document.querySelectorAll('body *')].filter((e) => {
				const r = e.getBoundingClientRect();
				return r.width > 0 && r.right > vw + 1 &&
				    !e.closest('.scroll') && getComputedStyle(e).position !== 'fixed';
			}).slice(0, 5).map((e) => e.tagName + '.' + e.className);
			const small = [...document.querySelectorAll(
			    '#summary *, li.cause *, #rows td, .wf *')].filter((e) =>
			    e.childElementCount === 0 && e.textContent.trim() !== '' &&
			    parseFloat(getComputedStyle(e).fontSize) < 11).length;
			return { sw: document.documentElement.scrollWidth, vw, wide, small };
		});
		check(o.sw <= o.vw && o.wide.length === 0,
		    `${lang} at ${width}px: nothing overflows the viewport horizontally`, o);
		check(o.small === 0, `${lang} at ${width}px: no text under 11 px`, o.small);
		if (lang !== 'lab') {
			const bob = await page.$$eval('#rows tr', (l) => l.filter((r) =>
			    r.textContent.includes('bob@example.test')).map((r) => {
				const c = [...r.cells].find((td) => td.textContent === 'Bob <b>Builder</b>');
				const b = c ? c.getBoundingClientRect() : null;
				return b && b.width > 0 && b.right <= document.documentElement.clientWidth;
			}));
			check(bob.length === 1 && bob[0], `${lang} at ${width}px: customer fields visible`, bob);
			const res = await page.$eval('#rows tr td.v', (td) => {
				const b = td.getBoundingClientRect();
				return b.width > 0 && b.right <= document.documentElement.clientWidth;
			});
			check(res, `${lang} at ${width}px: the result column is on screen`);
		}
		check(await page.$('#tester') !== null, `${lang} at ${width}px: the tester's own section`);
		// The domains: every result on screen, every cell's label beside
		// it and clear of the next cell (a card per domain on a phone).
		const dom = await page.evaluate(() => {
			const vw = document.documentElement.clientWidth;
			const cells = [...document.querySelectorAll('#domains tbody td')];
			return {
				off: [...document.querySelectorAll('#domains .chip')].filter((ch) =>
				    ch.getBoundingClientRect().right > vw).map((ch) => ch.textContent),
				over: cells.filter((td, i) => {
					const next = cells[i + 1];
					const h = parseFloat(getComputedStyle(td, '::before').height);
					return next && td.parentNode === next.parentNode &&
					    !isNaN(h) && td.getBoundingClientRect().top + h >
					    next.getBoundingClientRect().top + 1;
				}).map((td) => td.textContent.slice(0, 30)),
			};
		});
		check(dom.off.length === 0 && dom.over.length === 0,
		    `${lang} at ${width}px: the domains' results on screen, labels clear of the next cell`, dom);
		// A phone's cards (domains, addresses, bounces) fit the screen:
		// their box does not scroll sideways (the check above leaves
		// .scroll out) and nothing in a card passes its right edge.
		if (width < 720) {
			const cards = await page.evaluate(() => ({
				scroll: [...document.querySelectorAll('.scroll')].filter((s) =>
				    s.querySelector('table.stack, table.addrs, table.bounces') &&
				    s.scrollWidth > s.clientWidth).map((s) =>
				    [s.parentNode.id, s.scrollWidth, s.clientWidth]),
				out: [...document.querySelectorAll('table.stack tbody tr, ' +
				    'table.addrs tbody tr, table.bounces tbody tr')].flatMap((tr) => {
					const cs = getComputedStyle(tr);
					const edge = tr.getBoundingClientRect().right -
					    parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
					return [...tr.querySelectorAll('*')].filter((e) => {
						const r = e.getBoundingClientRect();
						return r.width > 0 && r.right > edge + 0.5;
					}).map((e) => e.textContent.slice(0, 30));
				}).slice(0, 5),
			}));
			check(cards.scroll.length === 0 && cards.out.length === 0,
			    `${lang} at ${width}px: every card fits, nothing past its edge`, cards);
		}
		// Dates and times as words and numbers, not ISO 8601 ("T...Z");
		// a Chinese page's own punctuation in its header and footer.
		const text = await page.evaluate(() => document.body.innerText);
		check(!/\d{4}-\d\d-\d\dT\d\d:\d\d/.test(text),
		    `${lang} at ${width}px: no raw ISO time on the page`,
		    text.match(/.{0,40}\d{4}-\d\d-\d\dT\d\d:\d\d.{0,10}/)?.[0]);
		if (lang === 'zh') {
			const hf = await page.$eval('header dl', (d) => d.textContent) +
			    await page.$eval('footer', (f) => f.textContent);
			check(!/[,;.] /.test(hf) && hf.includes('10 个地址（其中 1 个与前面某行的地址相同，只检测了一次），6 个域名') && hf.includes('。'),
			    `zh at ${width}px: Chinese punctuation in the header and footer`, hf);
			const doms = await page.$$eval('p.doms', (l) => l.map((p) => p.textContent));
			const th = await page.$eval('#addrs th:last-child', (h) => h.textContent);
			check(doms.includes('涉及域名：blocked.test（2），blocked2.test（1）') &&
			    doms.every((d) => !/[(),]/.test(d)) && th === '耗时（毫秒）',
			    `zh at ${width}px: a cause's domains and the time column in Chinese punctuation`,
			    [doms, th]);
		}
		// The answer on the first screen of a phone (390 x 844): every
		// summary card, above the fold.
		if (width === 390) {
			const fold = await page.$$eval('#summary .card', (l) =>
			    Math.max(...l.map((c) => c.getBoundingClientRect().bottom)));
			check(fold <= 844, `${lang} at 390px: the summary's cards on the first screen`, fold);
		}
		if (width === 390 && lang !== 'lab') {
			const time = await page.$eval('#rows tr td:last-child', (td) =>
			    getComputedStyle(td, '::before').content);
			check(time === (lang === 'zh' ? '"耗时（毫秒）"' : '"Time (ms)"'),
			    `${lang} at 390px: an address card's time says its unit`, time);
		}
		await page.screenshot({ path: join(outDir, `report-${lang}-${width}.png`), fullPage: true });
		await page.close();
	}
}

// --- The smallest common phone (360 px): the counts' labels readable -------
// A verdict's label in the counts table is one word to its reader: in
// Chinese a label of up to six characters stays on one line (not 可投 / 递),
// and every bar keeps room to be seen.
for (const [lang, file] of [['en', enFile], ['zh', zhFile]]) {
	const { page } = await open(file, { width: 360 });
	const o = await page.$$eval('table.counts tbody tr', (l) => l.map((r) => {
		const range = document.createRange();
		range.selectNodeContents(r.querySelector('.chip'));
		return { label: r.querySelector('.chip').textContent,
		    lines: new Set([...range.getClientRects()].map((b) => Math.round(b.top))).size,
		    bar: r.querySelector('td.bar').getBoundingClientRect().width };
	}));
	check(o.length > 0 && o.every((x) => lang !== 'zh' || [...x.label].length > 6 ||
	    x.lines === 1), `${lang} at 360px: short verdict labels on one line`, o);
	check(o.every((x) => x.bar >= 40), `${lang} at 360px: every bar has room`, o);
	await page.close();
}

// --- probe --html: one address -----------------------------------------------
if (oneFile) {
	for (const width of [360, 390, 1400]) {
		const { page } = await open(oneFile, { width });
		const o = await page.evaluate(() => ({
			sw: document.documentElement.scrollWidth,
			vw: document.documentElement.clientWidth,
			articles: document.querySelectorAll('article.addr').length,
			table: document.querySelectorAll('#addrs, table.counts').length,
		}));
		check(o.sw <= o.vw && o.articles === 1 && o.table === 0,
		    `probe --html at ${width}px: one address, no list tables, no overflow`, o);
		const totals = await page.$eval('header dl', (d) => d.textContent);
		check(totals.includes('1 address, 1 domain') && !totals.includes('1 domains'),
		    `probe --html at ${width}px: "1 address, 1 domain"`, totals);
		await page.screenshot({ path: join(outDir, `probe-one-${width}.png`), fullPage: true });
		await page.close();
	}
}

// --- Delivered messages (explain --json), as a phone shows them ---------------
if (dlvEn) {
	const all = readFileSync(dlvRecords, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
	// the fixtures' messages only (not their .expected texts): every one delivered
	check(all.length > 0 && all.every((r) => r.kind === 'delivered_message'),
	    'delivered page: made of delivered messages only', all.map((r) => r.kind)
	    .filter((k) => k !== 'delivered_message'));
	const recs = all.filter((r) => r.kind === 'delivered_message');
	const want = ['spam', 'inbox', 'unknown'].map((v) => String(recs.filter((r) =>
	    (['spam', 'inbox'].includes(r.spam?.verdict) ? r.spam.verdict : 'unknown') === v)
	    .length));
	// each message's badge: a short form of its card's words, in its order
	const shown = recs.slice(0, 50 /* DLVREP_KEEP_MAX */)
	    .map((r) => ['spam', 'inbox'].indexOf(r.spam?.verdict)).map((i) => (i < 0 ? 2 : i));
	for (const [lang, file, words, badges] of [
	    ['en', dlvEn, ['Went to spam (junk folder)', 'Went to the inbox',
		'Not known: the headers do not say'], ['Went to spam', 'Went to the inbox', 'Not known']],
	    ['zh', dlvZh, ['进了垃圾邮件箱', '进了收件箱', '不确定：邮件头里看不出'],
		['进了垃圾邮件箱', '进了收件箱', '不确定']]]) {
		const { page, seen } = await open(file, { width: 390 });
		const o = await page.evaluate(() => ({
			sw: document.documentElement.scrollWidth,
			vw: document.documentElement.clientWidth,
			cards: [...document.querySelectorAll('#delivered .card')].map((c) =>
			    [c.querySelector('.n').textContent, c.querySelector('.t').textContent]),
			label: getComputedStyle(document.querySelector(
			    '#delivered table.causes td:nth-child(3)'), '::before').content,
			badges: [...document.querySelectorAll('#delivered article h3 .badge')]
			    .map((b) => b.textContent),
		}));
		check(seen.errors.length === 0 && o.sw <= o.vw,
		    `delivered ${lang} at 390px: nothing overflows`, o.sw);
		check(JSON.stringify(o.cards) === JSON.stringify(want.map((n, i) => [n, words[i]])),
		    `delivered ${lang}: spam, inbox and unknown as cards in words`, [o.cards, want]);
		check(o.label !== 'none' && o.label !== 'normal' && o.label.length > 4,
		    `delivered ${lang} at 390px: a cause's fix is labelled`, o.label);
		check(o.badges.length === shown.length && o.badges.length > 0 &&
		    o.badges.every((b, i) => b === badges[shown[i]]),
		    `delivered ${lang}: each message's badge in the cards' words`, o.badges);
		await page.screenshot({ path: join(outDir, `report-dlv-${lang}-390.png`), fullPage: true });
		await page.close();
	}
}

// --- sender --html: a page forwarded on its own ----------------------------
if (senderEn) {
	for (const [lang, file, words] of [
	    ['en', senderEn, ['✗ Failed', '? Could not tell', '! Warnings', 'i Notes', '✓ Passed']],
	    ['zh', senderZh, ['✗ 失败', '? 无法确定', '! 警告', 'i 提示', '✓ 通过']]]) {
		const { page } = await open(file, { width: 390 });
		const o = await page.evaluate(() => ({
			sw: document.documentElement.scrollWidth,
			vw: document.documentElement.clientWidth,
			h1: document.querySelector('h1')?.textContent ?? null,
			when: document.querySelector('header dd')?.textContent ?? '',
			cards: [...document.querySelectorAll('#sender .card .t')].map((t) => t.textContent),
		}));
		check(o.sw <= o.vw, `sender --html ${lang} at 390px: nothing overflows`, o.sw);
		check(o.h1 === (lang === 'zh' ? '我方发信设置' : 'Your own sending set-up') &&
		    o.when !== '', `sender --html ${lang}: a title and when it was checked`,
		    [o.h1, o.when]);
		check(JSON.stringify(o.cards) === JSON.stringify(words),
		    `sender --html ${lang}: the counts' labels in words`, o.cards);
		await page.screenshot({ path: join(outDir, `sender-${lang}-390.png`), fullPage: true });
		await page.close();
	}
	// a report of sender --json on the smallest phone: the long DNS names
	// of the checks wrap inside their cards
	if (sndReport) {
		const { page } = await open(sndReport, { width: 360 });
		const o = await page.evaluate(() => ({
			sw: document.documentElement.scrollWidth,
			vw: document.documentElement.clientWidth,
			wide: [...document.querySelectorAll('#sender table')].filter((t) =>
			    t.getBoundingClientRect().right >
			    t.closest('section').getBoundingClientRect().right + 1).length,
		}));
		check(o.sw <= o.vw && o.wide === 0,
		    'report of sender --json at 360px: nothing overflows', o);
		await page.close();
	}
	// an SPF term ("-all", "~all", "-include:x") or an option
	// ("--dkim-selector") never breaks at its hyphen on a phone: "-" at a
	// line's end and "all" on the next read as two words
	for (const [lang, file] of [['en', spfEn], ['zh', spfZh]]) {
		if (!file)
			continue;
		for (const width of [360, 390]) {
			const { page } = await open(file, { width });
			const o = await page.evaluate(() => {
				const re = /(?<![A-Za-z0-9._:\/=+~?%{}-])[-~?+][A-Za-z-][A-Za-z0-9._:\/=+~?%{}-]{0,38}(?![A-Za-z0-9._:\/=+~?%{}-])/g;
				const w = document.createTreeWalker(document.querySelector('#sender'),
				    NodeFilter.SHOW_TEXT);
				const terms = [];
				for (let n; (n = w.nextNode());)
					for (const m of n.data.matchAll(re)) {
						const r = document.createRange();
						r.setStart(n, m.index);
						r.setEnd(n, m.index + m[0].length);
						terms.push([m[0], new Set([...r.getClientRects()].map((x) =>
						    Math.round(x.top))).size]);
					}
				return { sw: document.documentElement.scrollWidth,
				    vw: document.documentElement.clientWidth, terms };
			});
			const broken = o.terms.filter(([, lines]) => lines !== 1).map(([t]) => t);
			check(o.terms.some(([t]) => t === '-all') && broken.length === 0 && o.sw <= o.vw,
			    `sender --html ${lang} at ${width}px: SPF terms and options on one line`,
			    { broken, sw: o.sw, vw: o.vw, terms: o.terms.length });
			await page.close();
		}
	}
	// the time of the check in the reader's zone as on the other pages
	// (a phone in Beijing), UTC without JavaScript
	for (const js of [true, false]) {
		const page = await browser.newPage();
		await page.emulateTimezone('Asia/Shanghai');
		await page.setJavaScriptEnabled(js);
		const errors = [];
		page.on('pageerror', (e) => errors.push(String(e)));
		await page.goto('file://' + resolve(senderZh), { waitUntil: 'load' });
		const when = await page.$$eval('header time', (l) => l.map((t) => ({
		    shown: t.textContent, title: t.title, iso: t.getAttribute('datetime') })));
		let ok = when.length === 1 && errors.length === 0;
		if (ok) {
			const [{ shown, title, iso }] = when;
			const utc = iso.slice(0, 10) + ' ' + iso.slice(11, 19) + ' UTC';
			const bj = new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString();
			ok = js ? title === utc && shown.includes(bj.slice(11, 19)) &&
			    shown.includes(`${Number(bj.slice(5, 7))}月`) : shown === utc;
		}
		check(ok, `sender --html zh: the check's time in Beijing time (${js ?
		    'JavaScript' : 'UTC without JavaScript'})`, [when, errors]);
		await page.close();
	}
}

// --- An interrupted verify run: the notice first, on any screen -------------
if (unfEn) {
	for (const [lang, file, title] of [
	    ['en', unfEn, "Not finished: 4 of the list's 14 addresses are not checked yet"],
	    ['zh', unfZh, '尚未完成：名单的 14 个地址中还有 4 个尚未检测']]) {
		for (const width of [360, 390, 1400]) {
			const { page } = await open(file, { width });
			const o = await page.evaluate(() => {
				const vw = document.documentElement.clientWidth;
				const box = (sel) => document.querySelector(sel)?.getBoundingClientRect();
				const n = document.querySelector('#unfinished');
				return {
					sw: document.documentElement.scrollWidth, vw,
					title: n?.querySelector('h2')?.textContent ?? null,
					first: n !== null && n.compareDocumentPosition(
					    document.querySelector('#summary')) === Node.DOCUMENT_POSITION_FOLLOWING,
					h2: box('#unfinished h2')?.bottom ?? 1e9,
					// the first result card: a phone's first screen is 844 px
					card1: box('#summary .card')?.bottom ?? 1e9,
					open: document.querySelector('#unfinished details')?.open ?? null,
					small: n ? [...n.querySelectorAll('*')].filter((e) =>
					    e.childElementCount === 0 && e.textContent.trim() !== '' &&
					    parseFloat(getComputedStyle(e).fontSize) < 11).length : -1,
					card: document.querySelector('#summary .card.info .n')?.textContent ?? null,
				};
			});
			check(o.sw <= o.vw, `unfinished ${lang} at ${width}px: nothing overflows`, o);
			check(o.title === title && o.first,
			    `unfinished ${lang} at ${width}px: the notice before the summary`, o.title);
			check(o.h2 <= 844, `unfinished ${lang} at ${width}px: the notice on the first screen`, o.h2);
			check(width > 720 || o.card1 <= 844,
			    `unfinished ${lang} at ${width}px: the first result card on the first screen`, o.card1);
			check(o.open === (width > 720),
			    `unfinished ${lang} at ${width}px: the details ${width > 720 ? 'open' : 'closed'}`, o.open);
			// the reader opens it (a phone taps the summary): the command
			if (!o.open && await page.$('#unfinished details summary'))
				await page.click('#unfinished details summary');
			Object.assign(o, await page.evaluate(() => ({
				cmd: document.querySelector('#unfinished pre.cmd')?.getBoundingClientRect().right ?? 1e9,
				cmdw: document.querySelector('#unfinished pre.cmd')?.getBoundingClientRect().width ?? 0,
				cmdText: document.querySelector('#unfinished pre.cmd')?.textContent ?? '',
				sw: document.documentElement.scrollWidth,
			})));
			check(o.sw <= o.vw, `unfinished ${lang} at ${width}px: nothing overflows, opened`, o);
			check(o.cmd <= o.vw && o.cmdw > 0 &&
			    o.cmdText.startsWith('mxtrace verify --resume -o ') &&
			    o.cmdText.includes("--shard 2/3 '/home/sales/Customer lists/2026 Q4 客户名单 (final) <b>x</b>.csv'"),
			    `unfinished ${lang} at ${width}px: the command whole, wrapped on screen`, [o.cmd, o.cmdText]);
			check(o.small === 0, `unfinished ${lang} at ${width}px: no text under 11 px`, o.small);
			check(o.card === '4', `unfinished ${lang} at ${width}px: a card of the not checked`, o.card);
			await page.screenshot({ path: join(outDir, `report-unf-${lang}-${width}.png`), fullPage: true });
			await page.close();
			// Without JavaScript: the command shown on a wide screen (no
			// fold to open), folded on a phone with a summary to tap.
			const nojs = (await open(file, { width, js: false })).page;
			const n = await nojs.evaluate(() => ({
				cmd: document.querySelector('#unfinished pre.cmd')?.checkVisibility() ?? null,
				summary: document.querySelector('#unfinished summary')?.checkVisibility() ?? null,
			}));
			check(n.cmd === (width > 720) && n.summary === (width <= 720),
			    `unfinished ${lang} at ${width}px without JavaScript: the command ${width > 720 ?
			    'shown, no fold' : 'folded under its summary'}`, n);
			await nojs.close();
		}
	}
}

// A page of more addresses than a phone loads as one table (3,000): the
// table holds those that need a look, the rest one closed compact list
// that, opened, wraps inside a 390 px screen; filters and paging work.
if (lightFile) {
	const { page, seen } = await open(lightFile, { width: 390 });
	await page.waitForFunction(() => document.documentElement.getAttribute('data-js') === 'ready');
	const o = await page.evaluate(() => ({
		sw: document.documentElement.scrollWidth,
		vw: document.documentElement.clientWidth,
		rows: document.querySelectorAll('#rows tr').length,
		ok: document.querySelectorAll('#rows tr[data-g="ok"]').length,
		note: document.getElementById('light')?.checkVisibility() ?? false,
		open: document.getElementById('compact')?.open ?? null,
		listed: (document.querySelector('#compact pre')?.textContent ?? '').split('\n').filter(Boolean).length,
		count: document.getElementById('f-count').textContent,
	}));
	check(o.rows > 0 && o.rows <= 2000 && o.ok < o.rows / 10 && o.rows + o.listed === 3000,
	    'light page: the table lists those that need a look, the compact list the others', o);
	check(o.note && o.open === false, 'light page: says why, its compact list closed', o);
	check(o.count === `${o.rows.toLocaleString()} / ${o.rows.toLocaleString()}`,
	    'light page: the filter counts the table', o.count);
	if (o.open !== null)
		await page.click('#compact summary');
	const w = await page.evaluate(() => ({
		sw: document.documentElement.scrollWidth,
		vw: document.documentElement.clientWidth,
		pre: document.querySelector('#compact pre')?.getBoundingClientRect().right ?? Infinity,
	}));
	check(w.sw <= w.vw && w.pre <= w.vw, 'light page at 390px: the opened list wraps on screen', w);
	await page.evaluate(() => { document.getElementById('compact').open = false; });
	await page.click('table.counts tr[data-v="deliverable"]');
	check(await page.evaluate(() => document.getElementById('compact').open),
	    'light page: a tap on Deliverable in the summary opens the compact list');
	check(seen.errors.length === 0 && seen.requests.length === 1, 'light page: no error, no request', seen);
	await page.screenshot({ path: join(outDir, 'report-light-390.png') });
	await page.close();
}

// A light page whose paths are mostly of addresses that can receive mail:
// the compact list links each of those to its path, and only those; at
// 390 px a tap on one (the list opened) brings its path on screen.
if (lightLinkedFile) {
	const { page, seen } = await open(lightLinkedFile, { width: 390, touch: true });
	await page.waitForFunction(() => document.documentElement.getAttribute('data-js') === 'ready');
	const o = await page.evaluate(() => {
		const links = [...document.querySelectorAll('#compact pre a')];
		const paths = new Set([...document.querySelectorAll('#paths article.addr h3 kbd')]
		    .map((k) => k.textContent));
		const lines = (document.querySelector('#compact pre')?.textContent ?? '')
		    .split('\n').filter(Boolean);
		const linked = new Set(links.map((a) => a.textContent));
		return {
			links: links.length,
			lines: lines.length,
			targets: links.filter((a) => {
				const t = document.getElementById(a.getAttribute('href').slice(1));
				return t !== null && t.closest('#paths') !== null &&
				    t.querySelector('h3 kbd')?.textContent === a.textContent;
			}).length,
			// an unlinked entry whose address has a path on the page
			missed: lines.filter((l) => !linked.has(l) && paths.has(l)).length,
		};
	});
	check(o.links > 100 && o.links < o.lines && o.targets === o.links && o.missed === 0,
	    'light page: the compact list links each address whose path is on the page, and only those', o);
	await page.tap('#compact summary');
	const first = await page.$('#compact pre a');
	const href = await first?.evaluate((a) => a.getAttribute('href'));
	await first?.tap();
	await page.waitForFunction((h) => location.hash === h, { timeout: 3000 }, href).catch(() => {});
	const t = await page.evaluate((h) => {
		const r = document.getElementById(h.slice(1))?.getBoundingClientRect();
		return { hash: location.hash, top: r?.top ?? null, vh: innerHeight,
		    sw: document.documentElement.scrollWidth, vw: document.documentElement.clientWidth };
	}, href);
	check(t.hash === href && t.top !== null && t.top >= -1 && t.top < t.vh / 2 && t.sw <= t.vw,
	    'light page at 390px: a tap on a linked address in the compact list shows its path', t);
	check(seen.errors.length === 0 && seen.requests.length === 1, 'light page (linked): no error, no request', seen);
	await page.screenshot({ path: join(outDir, 'report-light-linked-390.png') });
	await page.close();
}

await browser.close();
rmSync(profile, { recursive: true, force: true });
console.log(`browser: ${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
