#!/usr/bin/env python3
"""gen_records.py N [SEED] - write N synthetic probe records (docs/json.md)
as JSON Lines on standard output, for the report's paging and performance
tests.  Deterministic for a given seed; domains are shared by about 50
addresses each; verdicts follow a plausible mix (mostly deliverable)."""
import json
import random
import sys

MIX = [  # verdict, stage, reason, code, enhanced, text, blocklist, weight
    ("deliverable", "rcpt", "accepted", 250, "2.1.5", "Ok", None, 70),
    ("undeliverable", "rcpt", "mailbox_unknown", 550, "5.1.1",
     "<{a}>: Recipient address rejected: User unknown in virtual mailbox table", None, 12),
    ("blocked", "rcpt", "ip_blocklisted", 554, "5.7.1",
     "Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org", "zen.spamhaus.org", 5),
    ("temporary", "rcpt", "greylisted", 450, "4.2.0",
     "<{a}>: Recipient address rejected: Greylisted", None, 5),
    ("catch_all", "rcpt", "catch_all", 250, "2.1.5", "Ok", None, 3),
    ("mailbox_full", "rcpt", "mailbox_full", 552, "5.2.2", "Mailbox full", None, 2),
    ("unreachable", "connect", "port25_filtered", None, None, None, None, 2),
    ("no_mail_domain", "dns", "domain_no_mail", None, None, None, None, 1),
]


def step(stage, cmd, code, enh, text, ms, err=None):
    return {"stage": stage, "command": cmd, "code": code, "enhanced": enh,
            "text": text, "ms": ms, "error": err}


def record(i, rnd):
    v = rnd.choices(MIX, weights=[m[7] for m in MIX])[0]
    verdict, stage, reason, code, enh, text, bl, _ = v
    dom = "d%d.example.test" % (i // 50 if verdict != "no_mail_domain" else 10**7 + i)
    addr = "user%d@%s" % (i, dom)
    text = text.format(a=addr) if text else None
    mxh = "mx.%s" % dom
    ip = "127.1.%d.%d" % ((i // 50) // 250 % 250, (i // 50) % 250 + 1)
    mx, attempts = [], []
    dns = rnd.randint(2, 40)
    if stage != "dns":
        mx = [{"host": mxh, "preference": 10, "addresses": [ip], "warnings": []}]
    if stage == "connect":
        attempts = [{"mx": mxh, "ip": ip, "port": 25, "tls": None,
                     "steps": [step("connect", None, None, None, None, 5000, "connect timeout")],
                     "error": "connect timeout"}]
    elif stage == "rcpt":
        tls = {"version": "TLSv1.3", "cipher": "TLS_AES_256_GCM_SHA384", "verified": True,
               "verify_error": None, "name_match": True, "subject": "CN=" + mxh,
               "issuer": "CN=Lab CA", "not_after": "2027-06-01T00:00:00Z", "sans": [mxh]}
        steps = [step("connect", None, None, None, None, rnd.randint(1, 80)),
                 step("banner", None, 220, None, mxh + " ESMTP", rnd.randint(1, 300)),
                 step("ehlo", "EHLO probe.lab.test", 250, None, mxh + "\nPIPELINING\nSTARTTLS", rnd.randint(1, 50)),
                 step("starttls", "STARTTLS", 220, "2.0.0", "Ready to start TLS", rnd.randint(5, 120)),
                 step("ehlo", "EHLO probe.lab.test", 250, None, mxh + "\nPIPELINING", rnd.randint(1, 50)),
                 step("mail", "MAIL FROM:<probe@lab.test>", 250, "2.1.0", "Ok", rnd.randint(1, 50)),
                 step("rcpt", "RCPT TO:<%s>" % addr, code, enh, text, rnd.randint(1, 400)),
                 step("quit", "QUIT", 221, "2.0.0", "Bye", 1)]
        attempts = [{"mx": mxh, "ip": ip, "port": 25, "tls": tls, "steps": steps, "error": None}]
    total = dns + sum(s["ms"] for a in attempts for s in a["steps"])
    return {"address": addr, "domain": dom, "verdict": verdict, "stage": stage, "reason": reason,
            "explanation": "", "reply": {"code": code, "enhanced": enh, "text": text} if code else None,
            "blocklist": bl, "mx": mx, "attempts": attempts,
            "catch_all": (verdict == "catch_all") if stage == "rcpt" else None,
            "warnings": [], "timing": {"dns_ms": dns, "total_ms": total},
            "started_at": "2026-11-29T05:%02d:%02d.%03dZ" % (i // 60000 % 60, i // 1000 % 60, i % 1000),
            "source_ip": "127.0.0.1", "row": i + 1, "input": None, "duplicate_of": None}


def main():
    n = int(sys.argv[1])
    rnd = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    out = sys.stdout
    for i in range(n):
        out.write(json.dumps(record(i, rnd), separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
