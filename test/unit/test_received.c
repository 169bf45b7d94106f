/*
 * test_received.c - the Received: parser on every form it claims to read
 * (each case names the MTA whose layout it copies), the protocol table,
 * dates in the current and every obsolete RFC 5322 form, and hostile
 * text: control characters, a 1 MB header, thousands of comments.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "explain/received.h"

struct rcase {
	const char	*name;
	const char	*in;
	const char	*rdns, *helo, *ip, *by, *protocol;
	enum rcvd_tri	 tls, auth;
	long long	 time;		/* 0: no time expected */
	const char	*id, *for_addr;
};

#define Y RCVD_YES
#define N RCVD_NO
#define U RCVD_UNKNOWN

static const struct rcase cases[] = {
	{ "Postfix ESMTPS, TLS comment",
	  "from mail.example.com (mail.example.com [203.0.113.5])\r\n"
	  "\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\r\n"
	  "\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\r\n"
	  "\t(No client certificate requested)\r\n"
	  "\tby mx.example.org (Postfix) with ESMTPS id 4RlkcK2FScz3bV4\r\n"
	  "\tfor <user@example.org>; Wed, 13 Sep 2023 12:17:19 +1000 (AEST)",
	  "mail.example.com", "mail.example.com", "203.0.113.5",
	  "mx.example.org", "ESMTPS", Y, N, 1694571439LL,
	  "4RlkcK2FScz3bV4", "user@example.org" },
	{ "Postfix unknown rDNS, plain ESMTP",
	  "from helo.example.net (unknown [198.51.100.7]) by mx.example.org "
	  "(Postfix) with ESMTP id ABC123; Mon, 30 Nov 2026 09:00:00 +0000",
	  "", "helo.example.net", "198.51.100.7", "mx.example.org", "ESMTP",
	  N, N, 1796029200LL, "ABC123", "" },
	{ "Postfix authenticated submission",
	  "from [192.168.1.20] (unknown [192.168.1.20])\n"
	  "\t(Authenticated sender: alice)\n"
	  "\tby smtp.example.com (Postfix) with ESMTPSA id 11AA;\n"
	  "\tMon, 30 Nov 2026 08:59:58 +0000 (UTC)",
	  "", "[192.168.1.20]", "192.168.1.20", "smtp.example.com", "ESMTPSA",
	  Y, Y, 1796029198LL, "11AA", "" },
	{ "Postfix local pickup (no from)",
	  "by mail.example.com (Postfix, from userid 1000)\n\tid 853FE4250D1; "
	  "Sat, 11 Jul 2020 04:28:22 -0500 (CDT)",
	  "", "", "", "mail.example.com", "", U, U, 1594459702LL,
	  "853FE4250D1", "" },
	{ "Sendmail with version= comment",
	  "from cdmx.gob.mx ([10.250.108.150])\n        by correo1.cdmx.gob.mx  "
	  "with ESMTP id 06B9SNRY027912-06B9SNRa027912\n        "
	  "(version=TLSv1.2 cipher=ECDHE-RSA-AES256-GCM-SHA384 bits=256 verify=NO);\n"
	  "        Sat, 11 Jul 2020 04:28:23 -0500",
	  "cdmx.gob.mx", "cdmx.gob.mx", "10.250.108.150", "correo1.cdmx.gob.mx",
	  "ESMTP", Y, N, 1594459703LL, "06B9SNRY027912-06B9SNRa027912", "" },
	{ "Sendmail ident, may be forged",
	  "from helo.example (user@host.example [192.0.2.9] (may be forged)) by "
	  "mx.example.org (8.15.2/8.15.2) with ESMTP id 1AB2cdE3012345; "
	  "Tue, 1 Dec 2026 10:00:00 +0100",
	  "host.example", "helo.example", "192.0.2.9", "mx.example.org", "ESMTP",
	  N, N, 1796115600LL, "1AB2cdE3012345", "" },
	{ "Exim rDNS and helo=",
	  "from mail.example.com ([203.0.113.5] helo=foo.example)\n\tby "
	  "mx.example.org with esmtps  (TLS1.3) tls TLS_AES_256_GCM_SHA384\n\t"
	  "(Exim 4.96)\n\t(envelope-from <a@example.com>)\n\tid 1qXyZ-000123-AB\n\t"
	  "for bob@example.org; Mon, 30 Nov 2026 09:00:05 +0000",
	  "mail.example.com", "foo.example", "203.0.113.5", "mx.example.org",
	  "esmtps", Y, N, 1796029205LL, "1qXyZ-000123-AB", "bob@example.org" },
	{ "Exim no rDNS",
	  "from [198.51.100.2] (helo=client.example)\n\tby mx.example.org with "
	  "esmtpsa (TLS1.2) tls TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (Exim 4.94.2)"
	  " (envelope-from <a@example.com>) id 1q-000; Mon, 30 Nov 2026 09:00:05 +0000",
	  "", "client.example", "198.51.100.2", "mx.example.org", "esmtpsa",
	  Y, Y, 1796029205LL, "1q-000", "" },
	{ "Exim rDNS equals helo",
	  "from relay.example.net ([192.0.2.44]) by mx.example.org with esmtp "
	  "(Exim 4.96) id 1q; Mon, 30 Nov 2026 09:00:00 +0000",
	  "relay.example.net", "relay.example.net", "192.0.2.44",
	  "mx.example.org", "esmtp", N, N, 1796029200LL, "1q", "" },
	{ "Gmail mx.google.com ESMTPS",
	  "from a27-116.smtp-out.us-west-2.amazonses.com (a27-116.smtp-out.us-west-2.amazonses.com. [54.240.27.116])\n"
	  "        by mx.google.com with ESMTPS id s8si1925252pji.72.2020.01.31.19.11.48\n"
	  "        for <weicheng@edison.tech>\n"
	  "        (version=TLS1_2 cipher=ECDHE-RSA-AES128-SHA bits=128/128);\n"
	  "        Fri, 31 Jan 2020 19:11:49 -0800 (PST)",
	  "a27-116.smtp-out.us-west-2.amazonses.com",
	  "a27-116.smtp-out.us-west-2.amazonses.com", "54.240.27.116",
	  "mx.google.com", "ESMTPS", Y, N, 1580526709LL,
	  "s8si1925252pji.72.2020.01.31.19.11.48", "weicheng@edison.tech" },
	{ "Gmail internal by IPv6",
	  "by 2002:a0c:c44a:0:0:0:0:0 with SMTP id t10csp190775qvi;\n"
	  "        Fri, 31 Jan 2020 19:11:49 -0800 (PST)",
	  "", "", "", "2002:a0c:c44a:0:0:0:0:0", "SMTP", N, N, 1580526709LL,
	  "t10csp190775qvi", "" },
	{ "Gmail SMTPS from Google's own relay",
	  "from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41])"
	  " by mx.google.com with SMTPS id a1sor.1.2026.11.30 for <u@gmail.com> "
	  "(Google Transport Security); Mon, 30 Nov 2026 01:00:00 -0800 (PST)",
	  "mail-sor-f41.google.com", "mail-sor-f41.google.com", "209.85.220.41",
	  "mx.google.com", "SMTPS", Y, N, 1796029200LL, "a1sor.1.2026.11.30",
	  "u@gmail.com" },
	{ "Exchange Online inbound, bare IPs",
	  "from mail.example.com (203.0.113.5) by\n DB5EUR03FT012.mail.protection.outlook.com"
	  " (10.152.20.111) with Microsoft SMTP Server (version=TLS1_2,\n "
	  "cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.1234.5 via Frontend"
	  " Transport; Mon, 30 Nov 2026 09:00:01 +0000",
	  "", "mail.example.com", "203.0.113.5",
	  "DB5EUR03FT012.mail.protection.outlook.com", "Microsoft SMTP Server",
	  Y, U, 1796029201LL, "15.20.1234.5", "" },
	{ "Exchange Online internal IPv6",
	  "from AM6PR04MB1234.eurprd04.prod.outlook.com (2603:10a6:20b:11::22) by "
	  "DB9PR04MB5678.eurprd04.prod.outlook.com (2603:10a6:10:2::33) with "
	  "Microsoft SMTP Server id 15.20.1234.5; Mon, 30 Nov 2026 09:00:02 +0000",
	  "", "AM6PR04MB1234.eurprd04.prod.outlook.com", "2603:10a6:20b:11::22",
	  "DB9PR04MB5678.eurprd04.prod.outlook.com", "Microsoft SMTP Server",
	  N, U, 1796029202LL, "15.20.1234.5", "" },
	{ "Exchange mapi",
	  "from DB9PR04MB5678.eurprd04.prod.outlook.com ([fe80::1%4]) by "
	  "DB9PR04MB5678.eurprd04.prod.outlook.com ([fe80::1%4]) with mapi id "
	  "15.20.1234.5; Mon, 30 Nov 2026 09:00:00 +0000",
	  "", "DB9PR04MB5678.eurprd04.prod.outlook.com", "",
	  "DB9PR04MB5678.eurprd04.prod.outlook.com", "mapi", U, U,
	  1796029200LL, "15.20.1234.5", "" },
	{ "Yahoo EHLO comment",
	  "from 203.0.113.5 (EHLO mail.example.com)\n  by 10.197.33.10 with SMTP; "
	  "Mon, 30 Nov 2026 09:00:03 +0000",
	  "", "mail.example.com", "203.0.113.5", "10.197.33.10", "SMTP", N, N,
	  1796029203LL, "", "" },
	{ "Yahoo Hermes ESMTPA upper-case ID",
	  "by hermes--production-gq1-5c8b8d7996-abcde (VZM Hermes SMTP Server) "
	  "with ESMTPA ID 7fb2d3e4; Mon, 30 Nov 2026 09:00:00 +0000 (UTC)",
	  "", "", "", "hermes--production-gq1-5c8b8d7996-abcde", "ESMTPA", N, Y,
	  1796029200LL, "7fb2d3e4", "" },
	{ "QQ NewMx, empty id",
	  "from 54.240.27.38 (unknown [54.240.27.38])\n\tby newmx40.qq.com (NewMx)"
	  " with SMTP id \n\tfor <qweic@qq.com>; Sat, 01 Feb 2020 11:20:03 +0800",
	  "", "54.240.27.38", "54.240.27.38", "newmx40.qq.com", "SMTP", N, N,
	  1580527203LL, "", "qweic@qq.com" },
	{ "NetEase Coremail",
	  "from a27-38.smtp-out.us-west-2.amazonses.com (unknown [54.240.27.38])\n"
	  "\tby mx19 (Coremail) with SMTP id x8mowAAX4tcS6zReRf_REg--.49102S3;\n"
	  "\tSat, 01 Feb 2020 11:05:57 +0800 (CST)",
	  "", "a27-38.smtp-out.us-west-2.amazonses.com", "54.240.27.38", "mx19",
	  "SMTP", N, N, 1580526357LL, "x8mowAAX4tcS6zReRf_REg--.49102S3", "" },
	{ "Aliyun glued comments",
	  "from 30.97.49.16(mailfrom:hsiangkao@linux.alibaba.com fp:SMTPD_---0Vryfy2O_1694571432)\n"
	  "          by smtp.aliyun-inc.com;\n          Wed, 13 Sep 2023 10:17:13 +0800",
	  "", "30.97.49.16", "30.97.49.16", "smtp.aliyun-inc.com", "", U, U,
	  1694571433LL, "", "" },
	{ "Aliyun by(IP)",
	  "from localhost(mailfrom:a@linux.alibaba.com fp:SMTPD_---0V3z)\n"
	  "          by smtp.aliyun-inc.com(127.0.0.1);\n          Wed, 09 Feb 2022 14:01:30 +0800",
	  "", "localhost", "", "smtp.aliyun-inc.com", "", U, U, 1644386490LL,
	  "", "" },
	{ "zmailer quoted EHLO and port",
	  "from out30-57.freemail.mail.aliyun.com ([115.124.30.57]:56087 \"EHLO\n"
	  "        out30-57.freemail.mail.aliyun.com\" rhost-flags-OK-OK-OK-OK)\n"
	  "        by vger.kernel.org with ESMTP id S230356AbhBHIq3 (ORCPT\n"
	  "        <rfc822;netdev@vger.kernel.org>); Mon, 8 Feb 2021 03:46:29 -0500",
	  "out30-57.freemail.mail.aliyun.com", "out30-57.freemail.mail.aliyun.com",
	  "115.124.30.57", "vger.kernel.org", "ESMTP", N, N, 1612773989LL,
	  "S230356AbhBHIq3", "" },
	{ "qmail HELO and bare IP comments",
	  "from unknown (HELO mail.example.com) (203.0.113.9)\n  by mx.example.org "
	  "with SMTP; 30 Nov 2026 09:00:00 -0000",
	  "", "mail.example.com", "203.0.113.9", "mx.example.org", "SMTP", N, N,
	  1796029200LL, "", "" },
	{ "qmail invoked line",
	  "(qmail 12345 invoked by uid 0); 30 Nov 2026 09:00:00 -0000",
	  "", "", "", "", "", U, U, 1796029200LL, "", "" },
	{ "IPv6 literal",
	  "from mail6.example.com (mail6.example.com [IPv6:2001:db8::25]) by "
	  "mx.example.org (Postfix) with ESMTPS id X for <u@example.org>; "
	  "Mon, 30 Nov 2026 09:00:00 +0000",
	  "mail6.example.com", "mail6.example.com", "2001:db8::25",
	  "mx.example.org", "ESMTPS", Y, N, 1796029200LL, "X", "u@example.org" },
	{ "LMTP final delivery",
	  "from mx.example.org by imap.example.org with LMTP id abc "
	  "(envelope-from <a@example.com>) for <u@example.org>; "
	  "Mon, 30 Nov 2026 09:00:09 +0000",
	  "", "mx.example.org", "", "imap.example.org", "LMTP", N, N,
	  1796029209LL, "abc", "u@example.org" },
	{ "UTF8SMTPSA",
	  "from a (b [192.0.2.1]) by c with UTF8SMTPSA id d; "
	  "Mon, 30 Nov 2026 09:00:00 +0000",
	  "b", "a", "192.0.2.1", "c", "UTF8SMTPSA", Y, Y, 1796029200LL, "d", "" },
	{ "HTTP webmail",
	  "from [203.0.113.50] by web.example.com via HTTP; "
	  "Mon, 30 Nov 2026 09:00:00 +0000",
	  "", "[203.0.113.50]", "203.0.113.50", "web.example.com", "", U, U,
	  1796029200LL, "", "" },
	{ "no date", "from a (b [192.0.2.1]) by c with ESMTP id d",
	  "b", "a", "192.0.2.1", "c", "ESMTP", N, N, 0, "d", "" },
	{ "garbage date", "from a by c; yesterday at noon",
	  "", "a", "", "c", "", U, U, 0, "", "" },
	{ "bad IP literal is not an IP",
	  "from a (b [999.1.2.3]) by c; Mon, 30 Nov 2026 09:00:00 +0000",
	  "", "a", "", "c", "", U, U, 1796029200LL, "", "" },
	{ "semicolon inside a comment",
	  "from a (b [192.0.2.1]) by c (x; y) with ESMTP id d; "
	  "Mon, 30 Nov 2026 09:00:00 +0000",
	  "b", "a", "192.0.2.1", "c", "ESMTP", N, N, 1796029200LL, "d", "" },
};

static void
check_str(const char *label, const char *name, const char *got,
    const char *want)
{
	if (strcmp(got, want) != 0)
		fail_msg("%s: %s = \"%s\", want \"%s\"", label, name, got, want);
}

static void
test_forms(void **state)
{
	struct rcvd_hop h;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct rcase *c = &cases[i];

		(void)rcvd_parse(c->in, strlen(c->in), &h);
		check_str(c->name, "rdns", h.from_rdns, c->rdns);
		check_str(c->name, "helo", h.helo, c->helo);
		check_str(c->name, "ip", h.ip, c->ip);
		check_str(c->name, "by", h.by, c->by);
		check_str(c->name, "protocol", h.protocol, c->protocol);
		check_str(c->name, "id", h.id, c->id);
		check_str(c->name, "for", h.for_addr, c->for_addr);
		if (h.tls != c->tls || h.auth != c->auth)
			fail_msg("%s: tls %d auth %d, want %d %d", c->name,
			    h.tls, h.auth, c->tls, c->auth);
		if (c->time == 0 && h.has_time)
			fail_msg("%s: a time where none was expected", c->name);
		if (c->time != 0 && (!h.has_time || h.time != c->time))
			fail_msg("%s: time %lld, want %lld", c->name, h.time,
			    c->time);
	}
}

static void
test_details(void **state)
{
	struct rcvd_hop h;
	const char *s;

	(void)state;
	s = "from a (b [192.0.2.1]) by mx.example.org (Postfix) with ESMTPS id X "
	    "(using TLSv1.3 with cipher TLS_AES_128_GCM_SHA256); "
	    "Mon, 30 Nov 2026 17:00:00 +0800 (CST)";
	assert_int_equal(rcvd_parse(s, strlen(s), &h), 0);
	assert_string_equal(h.software, "Postfix");
	assert_string_equal(h.tls_version, "TLSv1.3");
	assert_int_equal(h.tz_min, 480);
	assert_string_equal(h.date_text, "Mon, 30 Nov 2026 17:00:00 +0800 (CST)");
	assert_int_equal(h.flags, 0);

	s = "from x (x [192.0.2.1] (may be forged)) by y; Mon, 30 Nov 2026 09:00:00 +0000";
	(void)rcvd_parse(s, strlen(s), &h);
	assert_true(h.flags & RCVD_F_FORGED);

	s = "from a by b (10.1.2.3) with Microsoft SMTP Server id 1; Mon, 30 Nov 2026 09:00:00 +0000";
	(void)rcvd_parse(s, strlen(s), &h);
	assert_string_equal(h.by_ip, "10.1.2.3");
	assert_string_equal(h.software, "Microsoft SMTP Server");

	s = "from a by b; Mon, 30 Nov 2026 09:00:00";
	(void)rcvd_parse(s, strlen(s), &h);
	assert_false(h.flags & RCVD_F_NO_DATE);
	assert_true(h.has_time);

	s = "from a by b";
	(void)rcvd_parse(s, strlen(s), &h);
	assert_true(h.flags & RCVD_F_NO_DATE);

	s = "nothing here at all";
	assert_int_equal(rcvd_parse(s, strlen(s), &h), -1);
	assert_int_equal(rcvd_parse("", 0, &h), -1);
}

struct pcase {
	const char	*proto;
	enum rcvd_tri	 tls, auth;
};

static void
test_protocols(void **state)
{
	static const struct pcase p[] = {
		{ "SMTP", N, N }, { "ESMTP", N, N }, { "ESMTPA", N, Y },
		{ "ESMTPS", Y, N }, { "ESMTPSA", Y, Y }, { "esmtpsa", Y, Y },
		{ "LMTP", N, N }, { "LMTPA", N, Y }, { "LMTPS", Y, N },
		{ "LMTPSA", Y, Y }, { "UTF8SMTP", N, N }, { "UTF8SMTPS", Y, N },
		{ "UTF8LMTPSA", Y, Y }, { "SMTPS", Y, N }, { "HTTP", N, U },
		{ "HTTPS", Y, U }, { "Microsoft SMTP Server", N, U },
		{ "mapi", U, U }, { "", U, U }, { "ESMTPX", U, U },
		{ "local", U, U },
	};
	enum rcvd_tri tls, auth;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
		rcvd_protocol_meaning(p[i].proto, &tls, &auth);
		if (tls != p[i].tls || auth != p[i].auth)
			fail_msg("%s: tls %d auth %d, want %d %d", p[i].proto,
			    tls, auth, p[i].tls, p[i].auth);
	}
}

struct dcase {
	const char	*in;
	int		 rc;
	long long	 t;
	int		 tz;
	unsigned	 flags;
};

/* RFC 5322 section 3.3 and the obsolete syntax of section 4.3. */
static void
test_dates(void **state)
{
	static const struct dcase d[] = {
		{ "Mon, 30 Nov 2026 09:00:00 +0000", 0, 1796029200LL, 0, 0 },
		{ "30 Nov 2026 09:00:00 +0000", 0, 1796029200LL, 0, 0 },
		{ "Mon, 30 Nov 2026 09:00 +0000", 0, 1796029200LL, 0, 0 },
		{ "Mon, 30 Nov 26 09:00:00 +0000", 0, 1796029200LL, 0, 0 },
		{ "Tue, 30 Nov 99 09:00:00 GMT", 0, 943952400LL, 0, 0 },
		{ "Mon, 30 Nov 2026 04:00:00 EST", 0, 1796029200LL, -300, 0 },
		{ "Mon, 30 Nov 2026 01:00:00 PST", 0, 1796029200LL, -480, 0 },
		{ "Mon, 30 Nov 2026 09:00:00 UT", 0, 1796029200LL, 0, 0 },
		{ "Mon, 30 Nov 2026 09:00:00 -0000", 0, 1796029200LL, 0, 0 },
		{ "Mon, 30 Nov 2026 09:00:00 A", 0, 1796029200LL, 0,
		  RCVD_F_ZONE_GUESSED },
		{ "Mon, 30 Nov 2026 09:00:00 z", 0, 1796029200LL, 0, 0 },
		{ "Mon , 30 Nov 2026 09 : 00 : 00 +0000", 0, 1796029200LL, 0, 0 },
		{ "Mon,\r\n 30 Nov 2026\r\n 09:00:00 +0000 (UTC)", 0,
		  1796029200LL, 0, 0 },
		{ "Mon, 30 Nov 2026 09:00:00 +0000 (Coordinated (Universal) Time)",
		  0, 1796029200LL, 0, 0 },
		{ "garbage", -1, 0, 0, 0 },
		{ "", -1, 0, 0, 0 },
		{ "   ", -1, 0, 0, 0 },
		{ "Mon, 30 Nov 2026 25:99:99 +0000", -1, 0, 0, 0 },
		{ "Tue, 31 Feb 2026 09:00:00 +0000", -1, 0, 0, 0 },
		{ "Wed, 1 Jan 99999 00:00:00 +0000", -1, 0, 0, 0 },
		{ "2026-11-30T09:00:00Z", -1, 0, 0, 0 },
	};
	long long t;
	int tz;
	unsigned flags;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		t = 0;
		tz = 0;
		flags = 0;
		int rc = rcvd_parse_date(d[i].in, strlen(d[i].in), &t, &tz,
		    &flags);
		if (rc != d[i].rc)
			fail_msg("\"%s\": rc %d, want %d", d[i].in, rc, d[i].rc);
		if (rc == 0 && (t != d[i].t || tz != d[i].tz ||
		    flags != d[i].flags))
			fail_msg("\"%s\": %lld tz %d flags %u, want %lld %d %u",
			    d[i].in, t, tz, flags, d[i].t, d[i].tz, d[i].flags);
	}
}

/* Control characters, NULs, a 1 MB value, deep and many comments. */
static void
test_hostile(void **state)
{
	static const char inj[] = "from evil\r\nX-Spam-Flag: NO\0\x1b[31m "
	    "(evil [192.0.2.66]) by mx.example.org; Mon, 30 Nov 2026 09:00:00 +0000";
	struct rcvd_hop h;
	char *big;
	size_t i, n = 1024 * 1024;

	(void)state;
	(void)rcvd_parse(inj, sizeof(inj) - 1, &h);
	assert_true(h.flags & RCVD_F_CONTROL);
	assert_string_equal(h.ip, "192.0.2.66");
	assert_string_equal(h.by, "mx.example.org");
	assert_true(h.has_time);
	for (i = 0; i < sizeof(h.helo) && h.helo[i] != '\0'; i++)
		assert_true((unsigned char)h.helo[i] >= 0x20);

	big = malloc(n);
	assert_non_null(big);
	memcpy(big, "from ", 5);
	memset(big + 5, 'a', n - 5);
	(void)rcvd_parse(big, n, &h);
	assert_true(h.flags & RCVD_F_TRUNCATED);
	assert_true(h.flags & RCVD_F_LONG_FIELD);
	assert_int_equal(strlen(h.helo), RCVD_HOST_MAX - 1);

	memset(big, '(', n);		/* never closed */
	(void)rcvd_parse(big, n, &h);
	for (i = 0; i + 3 < n; i += 3)
		memcpy(big + i, "(x)", 3);
	(void)rcvd_parse(big, n, &h);
	assert_true(h.flags & RCVD_F_TRUNCATED);
	for (i = 0; i + 2 < n; i += 2)
		memcpy(big + i, "; ", 2);
	(void)rcvd_parse(big, n, &h);
	assert_true(h.flags & RCVD_F_BAD_DATE || h.flags & RCVD_F_NO_DATE);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_forms),
		cmocka_unit_test(test_details),
		cmocka_unit_test(test_protocols),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_hostile),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
