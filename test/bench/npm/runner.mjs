// runner.mjs - run deep-email-validator (npm) over the bench list with
// bounded concurrency, one JSON line per address, for side-by-side numbers
// with `mxtrace verify`.
//
// Usage: node runner.mjs --resolver IP --list FILE --out FILE
//                        [--concurrency N] [--deadline SECONDS]
//
// deep-email-validator looks up MX records with Node's dns module (pointed
// at --resolver here) but connects with net.createConnection(25, mxHost),
// which resolves the MX host through getaddrinfo(), i.e. /etc/resolv.conf.
// scripts/bench therefore runs this inside a private mount namespace whose
// /etc/resolv.conf names the bench resolver; this runner refuses to start
// unless every resolver it can see is on loopback, so no lookup or connection
// ever leaves the machine.
import dns from "node:dns";
import fs from "node:fs";
import net from "node:net";
import { validate } from "deep-email-validator";

function die(msg) {
	process.stderr.write(`npm runner: ${msg}\n`);
	process.exit(2);
}

function isLoopback(ip) {
	if (net.isIPv4(ip)) return ip.startsWith("127.");
	return ip === "::1";
}

function parseArgs(argv) {
	const o = { concurrency: 50, deadline: 1800 };
	for (let i = 0; i < argv.length; i += 2) {
		const k = argv[i], v = argv[i + 1];
		if (v === undefined) die(`missing value for ${k}`);
		if (k === "--resolver") o.resolver = v;
		else if (k === "--list") o.list = v;
		else if (k === "--out") o.out = v;
		else if (k === "--concurrency") o.concurrency = Number(v);
		else if (k === "--deadline") o.deadline = Number(v);
		else die(`unknown option ${k}`);
	}
	if (!o.resolver || !o.list || !o.out) die("need --resolver, --list and --out");
	if (!Number.isInteger(o.concurrency) || o.concurrency < 1 || o.concurrency > 20000)
		die("--concurrency must be 1..20000");
	if (!(o.deadline > 0 && o.deadline <= 86400)) die("--deadline must be 1..86400 s");
	return o;
}

// Every resolver this process can reach must be on loopback: the one we set
// for the dns module and every nameserver in the resolv.conf getaddrinfo uses.
function checkResolvers(resolver) {
	if (!isLoopback(resolver)) die(`resolver ${resolver} is not on loopback`);
	const conf = fs.readFileSync("/etc/resolv.conf", "utf8");
	const servers = conf.split("\n")
		.map((l) => l.trim().split(/\s+/))
		.filter((f) => f[0] === "nameserver")
		.map((f) => f[1]);
	if (servers.length === 0) die("/etc/resolv.conf names no nameserver");
	for (const s of servers)
		if (!isLoopback(s)) die(`/etc/resolv.conf names ${s}, not a loopback address: refusing`);
	dns.setServers([resolver]);
	dns.promises.setServers([resolver]);
	for (const s of dns.getServers())
		if (!isLoopback(s.replace(/^\[|\]:\d+$|:\d+$/g, "")))
			die(`dns module would ask ${s}: refusing`);
}

function readList(file) {
	return fs.readFileSync(file, "utf8").split(/\r?\n/)
		.map((l) => l.trim())
		.filter((l) => l.length > 0 && !l.startsWith("#"));
}

async function main() {
	const o = parseArgs(process.argv.slice(2));
	checkResolvers(o.resolver);
	const list = readList(o.list);
	const out = fs.openSync(o.out, "w");
	const timer = setTimeout(() => die(`deadline of ${o.deadline} s reached`), o.deadline * 1000);
	let next = 0, done = 0, valid = 0;
	const t0 = Date.now();
	async function worker() {
		while (next < list.length) {
			const email = list[next++];
			let res;
			try {
				res = await validate({
					email,
					sender: "bench@bench.test",
					validateRegex: true,
					validateTypo: false,
					validateDisposable: false,
					validateMx: true,
					validateSMTP: true,
				});
			} catch (e) {
				res = { valid: false, reason: "exception", error: String(e) };
			}
			if (res.valid) valid++;
			const reasonText = res.reason ? res.validators?.[res.reason]?.reason : undefined;
			fs.writeSync(out, JSON.stringify({ address: email, valid: res.valid,
				reason: res.reason ?? null, detail: reasonText ?? null }) + "\n");
			done++;
		}
	}
	const workers = [];
	for (let i = 0; i < Math.min(o.concurrency, list.length); i++) workers.push(worker());
	await Promise.all(workers);
	clearTimeout(timer);
	fs.closeSync(out);
	const secs = (Date.now() - t0) / 1000;
	process.stderr.write(`npm runner: ${done} addresses in ${secs.toFixed(1)} s, ${valid} valid\n`);
}

main().catch((e) => die(String(e && e.stack || e)));
