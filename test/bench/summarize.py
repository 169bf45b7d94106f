#!/usr/bin/env python3
"""summarize.py - turn one scripts/bench run into a table (stdout) and,
with --doc, docs/performance.md.

Reads RUNDIR/metrics (key=value lines written by scripts/bench),
RUNDIR/data/expected.tsv and mix.txt (gen.py), RUNDIR/mxtrace.jsonl and
RUNDIR/npm.jsonl (the two verifiers' results; either may be missing), and
RUNDIR/time-*.txt (GNU time -v).  Every figure printed comes from these files.
"""

import argparse
import collections
import json
import os
import re


def read_metrics(path):
    m = {}
    with open(path) as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("=")
            if k:
                m[k] = v
    return m


def gnu_time(path):
    """(wall seconds, peak RSS KiB) from a `/usr/bin/time -v` file."""
    wall = rss = None
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("Elapsed (wall clock) time"):
                    t = line.rsplit(" ", 1)[1].split(":")
                    wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(t)))
                elif line.startswith("Maximum resident set size"):
                    rss = int(line.rsplit(" ", 1)[1])
    except OSError:
        pass
    return wall, rss


def cpu_seconds(path):
    """user + system CPU seconds from a `/usr/bin/time -v` file, or None."""
    total, seen = 0.0, 0
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith(("User time (seconds)", "System time (seconds)")):
                    total += float(line.rsplit(" ", 1)[1])
                    seen += 1
    except OSError:
        pass
    return total if seen == 2 else None


def read_jsonl(path, limit=10_000_000):
    rows = []
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for n, line in enumerate(f):
                if n >= limit:
                    break
                try:
                    rows.append(json.loads(line))
                except ValueError:
                    pass
    except OSError:
        return None
    return rows


def fmt(v, spec="{:,.0f}"):
    return "n/a" if v is None else spec.format(v)


def ratio(a, b):
    if a is None or b is None or a == 0 or b == 0:
        return "n/a"
    r = a / b
    return "%.2f×" % r


# What each generated kind must get: mxtrace's verdict, the npm verifier's "valid".
HOSTED_RIGHT = {"deliverable": ("deliverable", True),
                "unknown_user": ("undeliverable", False)}
def hosted_table(R, m, name):
    """(markdown table, {figures}) for one hosted list, or (None, None)."""
    truth_path = os.path.join(R, "data", "hosted-%s.tsv" % name)
    if not os.path.exists(truth_path):
        return None, None
    truth = {}
    with open(truth_path) as f:
        for line in f:
            a, _, e = line.rstrip("\n").partition("\t")
            truth[a] = e
    pre = "hosted_%s_" % name

    def num(k):
        v = m.get(pre + k, "")
        return float(v) if v.replace(".", "", 1).isdigit() else None

    def side(tool):
        if m.get(pre + tool + "_ran") != "1":
            return None
        res = read_jsonl(os.path.join(R, "hosted-%s-%s.jsonl" % (name, tool)))
        wall, rss = gnu_time(os.path.join(R, "time-hosted-%s-%s.txt" % (name, tool)))
        cpu = cpu_seconds(os.path.join(R, "time-hosted-%s-%s.txt" % (name, tool)))
        right = 0
        for r in res or []:
            want = HOSTED_RIGHT.get(truth.get(r.get("address")))
            if want is None:
                continue
            if tool == "mxtrace" and r.get("verdict") == want[0]:
                right += 1
            elif tool == "npm" and bool(r.get("valid")) == want[1]:
                right += 1
        n = len(res or [])
        sessions = num(tool + "_sessions")
        return {"n": n, "wall": wall, "rate": n / wall if wall else None,
                "cpu": cpu, "cpu_ms": cpu * 1000 / n if cpu is not None and n else None,
                "sessions": sessions,
                "per_session": n / sessions if sessions else None,
                "tme": num(tool + "_tme"), "right": right}

    a, b = side("mxtrace"), side("npm")

    def g(x, k):
        return None if x is None else x.get(k)

    def right(x):
        return "n/a" if x is None else "%s of %s" % (fmt(x["right"]), fmt(len(truth)))
    rows = [
        ("addresses with a result", fmt(g(a, "n")), fmt(g(b, "n")), ""),
        ("wall time (s)", fmt(g(a, "wall"), "{:,.1f}"), fmt(g(b, "wall"), "{:,.1f}"),
         ratio(g(a, "wall"), g(b, "wall"))),
        ("**addresses/s**", fmt(g(a, "rate"), "{:,.1f}"), fmt(g(b, "rate"), "{:,.1f}"),
         "**%s**" % ratio(g(a, "rate"), g(b, "rate"))),
        ("SMTP sessions (Postfix `connect from`)", fmt(g(a, "sessions")),
         fmt(g(b, "sessions")), ratio(g(a, "sessions"), g(b, "sessions"))),
        ("addresses per SMTP session", fmt(g(a, "per_session"), "{:,.1f}"),
         fmt(g(b, "per_session"), "{:,.1f}"), ""),
        ("`too many errors` endings (Postfix log)", fmt(g(a, "tme")), fmt(g(b, "tme")), ""),
        ("client CPU, user+sys (s)", fmt(g(a, "cpu"), "{:,.2f}"), fmt(g(b, "cpu"), "{:,.2f}"),
         ratio(g(a, "cpu"), g(b, "cpu"))),
        ("client CPU per address (ms)", fmt(g(a, "cpu_ms"), "{:,.3f}"),
         fmt(g(b, "cpu_ms"), "{:,.3f}"), ratio(g(a, "cpu_ms"), g(b, "cpu_ms"))),
        ("verdicts right (generator's ground truth)", right(a), right(b), ""),
    ]
    out = ["| %s list | mxtrace verify | %s | mxtrace/npm |" % (name, m.get("npm_name", "npm verifier")),
           "|---|---:|---:|---:|"]
    out += ["| %s | %s | %s | %s |" % r for r in rows]
    out.append("")
    out.append(hosted_verdict(name, a, b, len(truth)))
    return "\n".join(out), {"mxtrace": a, "npm": b, "n": len(truth),
                            "unknown": sum(1 for v in truth.values() if v == "unknown_user")}


def hosted_verdict(name, a, b, n):
    """The issue's targets for this list, each met or not, from the figures."""
    if a is None:
        return "Targets: mxtrace did not run."
    checks = []

    def check(label, value, ok):
        checks.append("%s: %s, %s" % (label, value, "met" if ok else "**not met**"))
    if b is not None and a["rate"] and b["rate"]:
        want = 5 if name == "typical" else 2
        r = a["rate"] / b["rate"]
        check("addresses/s ≥ %d× the npm verifier's" % want, "%.2f×" % r, r >= want)
    if name == "typical":
        if a["sessions"]:
            check("at most 1 SMTP session per 50 addresses",
                  "1 per %.1f" % a["per_session"], a["per_session"] >= 50)
        if a["cpu_ms"] is not None:
            check("client CPU ≤ 0.05 ms per address", "%.3f ms" % a["cpu_ms"],
                  a["cpu_ms"] <= 0.05)
    else:
        if a["tme"] is not None:
            check("no `too many errors` ending", "%d" % a["tme"], a["tme"] == 0)
    check("every verdict right", "%d of %d" % (a["right"], n), a["right"] == n)
    return "Targets (issue 8), from the figures above:\n\n" + "\n".join("- " + c for c in checks)


def hosted_doc(m, hosted):
    if not any(t for t, _ in hosted.values()):
        return ""
    parts = ["""## Hosted lists: many domains on one MX

Customers of one hosting provider (issue 8): {n} domains (host-NNNNN.test)
whose MX is the one address 127.0.64.40, a Postfix smtpd offering STARTTLS
with Postfix's **default** error limits (`smtpd_error_sleep_time` 1 s,
`smtpd_soft_error_limit` 10, `smtpd_hard_error_limit` 20: after 20 rejected
commands in a session Postfix ends it with `421 4.7.0 Error: too many
errors`). Each domain has 10 known users; the *typical* list asks for them
and 1 unknown user per domain, the *harsh* list for them and 10 unknown
users per domain, shuffled. mxtrace runs with its default politeness
(`--per-host 2`, the catch-all check, STARTTLS); the npm verifier with
`--concurrency {conc}`, one after the other on the same lab.
""".format(n=m.get("hosted_domains", "500"), conc=m.get("hosted_concurrency", "?"))]
    for name, (table, fig) in hosted.items():
        if not table:
            continue
        parts.append("### %s: %s addresses, %s of them unknown users\n" % (
            name.capitalize(), fmt(fig["n"]), fmt(fig["unknown"])))
        parts.append(table + "\n")
        parts.append("- mxtrace: `%s`" % m.get("hosted_%s_mxtrace_cmd" % name, "n/a"))
        parts.append("- npm verifier: `%s`\n" % m.get("hosted_%s_npm_cmd" % name, "n/a"))
    parts.append("""Sessions and `too many errors` endings are counted in the bench Postfix's
log over each verifier's run. Client CPU is the verifier process's user +
system time (GNU time). A verdict is right when mxtrace says `deliverable`
for a known user and `undeliverable` for an unknown one, and the npm
verifier says valid and not valid. `--no-dnssec --no-mta-sts` as in the
mixed run: the bench zone is unsigned and the npm verifier does neither.
""")
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rundir")
    ap.add_argument("--doc", help="write docs/performance.md here")
    o = ap.parse_args()
    R = o.rundir
    m = read_metrics(os.path.join(R, "metrics"))
    expected = {}
    with open(os.path.join(R, "data", "expected.tsv")) as f:
        for line in f:
            a, _, e = line.rstrip("\n").partition("\t")
            expected[a] = e
    n = len(expected)

    mx = read_jsonl(os.path.join(R, "mxtrace.jsonl")) if m.get("mxtrace_ran") == "1" else None
    npm = read_jsonl(os.path.join(R, "npm.jsonl")) if m.get("npm_ran") == "1" else None
    mx_wall, mx_rss = gnu_time(os.path.join(R, "time-mxtrace.txt"))
    npm_wall, npm_rss = gnu_time(os.path.join(R, "time-npm.txt"))
    if mx is None:
        mx_wall = mx_rss = None
    if npm is None:
        npm_wall = npm_rss = None

    def num(k):
        v = m.get(k, "")
        return float(v) if v.replace(".", "", 1).isdigit() else None

    mx_rate = len(mx) / mx_wall if mx and mx_wall else None
    npm_rate = len(npm) / npm_wall if npm and npm_wall else None
    rows = [
        ("addresses with a result", fmt(len(mx)) if mx is not None else "n/a",
         fmt(len(npm)) if npm is not None else "n/a", ""),
        ("wall time (s)", fmt(mx_wall, "{:,.1f}"), fmt(npm_wall, "{:,.1f}"),
         ratio(mx_wall, npm_wall)),
        ("addresses/s", fmt(mx_rate, "{:,.1f}"), fmt(npm_rate, "{:,.1f}"),
         ratio(mx_rate, npm_rate)),
        ("peak RSS (MiB)", fmt(mx_rss and mx_rss / 1024, "{:,.1f}"),
         fmt(npm_rss and npm_rss / 1024, "{:,.1f}"), ratio(mx_rss, npm_rss)),
        ("SMTP sessions opened (Postfix)", fmt(num("mxtrace_sessions")),
         fmt(num("npm_sessions")),
         ratio(num("mxtrace_sessions"), num("npm_sessions"))),
        ("DNS queries sent (Unbound)", fmt(num("mxtrace_dns")), fmt(num("npm_dns")),
         ratio(num("mxtrace_dns"), num("npm_dns"))),
    ]

    # What each tool said, by the kind of address the generator made.
    def verdicts(res, key):
        c = collections.defaultdict(collections.Counter)
        for r in res or []:
            a = r.get("address")
            if a in expected:
                c[expected[a]][key(r)] += 1
        return c

    mxv = verdicts(mx, lambda r: r.get("verdict", "?"))
    def npm_key(r):
        if r.get("valid"):
            return "valid"
        text = str(r.get("detail") or r.get("reason") or "?")
        return "invalid: " + re.sub(r"[0-9]+(\.[0-9]+){3}(:[0-9]+)?", "IP", text)[:60]
    npv = verdicts(npm, npm_key)
    kinds = sorted(set(expected.values()))

    out = []
    out.append("| | mxtrace verify | %s | mxtrace/npm |" % m.get("npm_name", "npm verifier"))
    out.append("|---|---:|---:|---:|")
    for r in rows:
        out.append("| %s | %s | %s | %s |" % r)
    table = "\n".join(out)

    def conc_row(label, key, scale, spec):
        a, b = num("tarpit_" + key), num("npm_tarpit_" + key)
        return "| %s | %s | %s | %s |" % (
            label, fmt(a and a / scale, spec), fmt(b and b / scale, spec), ratio(a, b))
    conc = ["| | mxtrace verify | %s | mxtrace/npm |" % m.get("npm_name", "npm verifier"),
            "|---|---:|---:|---:|",
            conc_row("concurrent SMTP sessions held (plateau)", "sessions", 1, "{:,.0f}"),
            conc_row("RSS at the plateau (MiB)", "rss_kib", 1024, "{:,.1f}"),
            conc_row("memory per open session (KiB, slope of RSS over sessions)",
                     "kib_per_session", 1, "{:,.1f}")]
    conc_table = "\n".join(conc)

    kind_lines = ["| generated as | n | mxtrace verdicts | npm verifier |", "|---|---:|---|---|"]
    for k in kinds:
        cnt = sum(1 for v in expected.values() if v == k)
        a = ", ".join("%s %d" % kv for kv in mxv[k].most_common(4)) or "n/a"
        b = ", ".join("%s %d" % kv for kv in npv[k].most_common(3)) or "n/a"
        kind_lines.append("| %s | %d | %s | %s |" % (k, cnt, a, b))
    kind_table = "\n".join(kind_lines)

    hosted = {h: hosted_table(R, m, h) for h in ("typical", "harsh")}

    notes = [l for l in m.get("notes", "").split("|") if l]
    print(table)
    print()
    print(conc_table)
    print()
    print(kind_table)
    for h, (t, _) in hosted.items():
        if t:
            print()
            print("hosted %s:" % h)
            print(t)
    for l in notes:
        print("note: " + l)

    if not o.doc:
        return
    mix = open(os.path.join(R, "data", "mix.txt")).read().strip().splitlines()
    missing = ""
    if mx is None:
        missing = ("\n**mxtrace verify was not available in the build that produced "
                   "this page: its column is n/a.** Run `scripts/bench` again once "
                   "it is built.\n")
    doc = f"""# Performance

Figures from one run of `scripts/bench`, which builds a lab of its own on
loopback (NSD 127.0.63.2, Unbound 127.0.63.1, one Postfix with smtpd
personalities on 127.0.64.1–36 and 127.0.64.40, refusing hosts on
127.0.66.1–4, a host whose connects time out on 127.0.66.10, a tarpit on
127.0.65.1), generates the lists (a mixed one and two hosted ones), and runs
`mxtrace verify` and the npm verifier
[{m.get('npm_name', 'n/a')}](https://www.npmjs.com/package/deep-email-validator)
over each list against the same lab, one after the other.
Regenerate this page with the command below; every number here was written by
that command (test/bench/summarize.py), none by hand.
{missing}
- Command: `{m.get('command', 'scripts/bench')}`
- Date: {m.get('date', 'n/a')}
- Machine: {m.get('machine', 'n/a')}
- Versions: {m.get('versions', 'n/a')}

## The list

{n:,} addresses, {m.get('domains', '?')} domains (bench-NNNNN.test, gone-NNNNN.test):

- {mix[0]}
- {mix[1]}

Personalities: *ok* accepts known users (250) and rejects others (550 5.1.1);
*greylist* answers 450 4.2.0 to every recipient and never lifts it;
*catchall* accepts everything; *slow* sends its banner after 2 s;
*refused* hosts have nothing listening; *timeout* hosts drop SYNs.
60 % of the domains name their MX inside the domain, 40 % share a
"hosting provider" MX name; every fifth ok domain has a backup MX.

## Side by side

{table}

- mxtrace: `{m.get('mxtrace_cmd', 'n/a')}`
- npm verifier: `{m.get('npm_cmd', 'n/a')}`

Wall time and peak RSS are GNU time's (`/usr/bin/time -v`) for the verifier
process alone. SMTP sessions are the `connect from` lines the bench Postfix
logged during the run (refusing, timing-out and tarpit hosts are not Postfix
and are not counted). DNS queries are Unbound's `total.num.queries` for the
run (every query the verifier sent to the resolver, answered from cache or
not). Ratios are mxtrace divided by the npm verifier: below 1 means mxtrace
needed less (time, memory, sessions, queries), above 1 on addresses/s means
mxtrace was faster.

mxtrace's wall time includes its retries of the greylisted addresses (the
bench's greylisting never lifts, so they wait out `--max-wait`) and the
10 s connect limit of the timing-out hosts; the npm verifier never retries.
mxtrace shares one SMTP session among the addresses of a domain and resolves
each domain once; the npm verifier opens a session and looks up the MX and
its address for every address.

About the npm verifier: deep-email-validator is run with `validateTypo` and
`validateDisposable` off (its typo check "corrects" `.test` domains and never
reaches SMTP for them) by test/bench/npm/runner.mjs, `--concurrency`
addresses at a time. It connects to port 25 (hard-coded, which is where the
lab listens), sends `helo`, `mail from`, `rcpt to` without STARTTLS or QUIT,
and gives up after a hard-coded 10 s. It runs in a private mount namespace
whose /etc/resolv.conf names the bench resolver, and the runner refuses to
start if any resolver it can see is not on loopback.

What each tool said, by the kind of address the generator made:

{kind_table}

{hosted_doc(m, hosted)}
## Concurrent sessions in one process

`{m.get('tarpit_cmd', 'n/a')}` against a tarpit (test/bench/tarpit.py) that
accepts every connection, sends a 220 banner and then never answers, with
one domain per address so no session is shared. RSS and open sessions
(`ss`, established connections to the tarpit) are sampled every second until
the count stops rising; memory per session is the least-squares slope of RSS
over sessions across the samples. The npm verifier gets the same list with
its concurrency set to the same number (its sockets give up after its
hard-coded 10 s of silence). Each session here is its own domain, so the
per-session figure includes that domain's DNS answers and MX plan.

{conc_table}
"""
    if notes:
        doc += "\n## Notes from this run\n\n" + "\n".join("- " + l for l in notes) + "\n"
    # The report's figures come from test/browser/perf, not from this run:
    # keep that part of the page as it is.
    marker = "<!-- test/browser/perf -->"
    if os.path.exists(o.doc):
        old = open(o.doc, encoding="utf-8").read()
        if marker in old:
            doc += "\n" + old[old.index(marker):]
    with open(o.doc, "w") as f:
        f.write(doc)


if __name__ == "__main__":
    main()
