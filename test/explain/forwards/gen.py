#!/usr/bin/env python3
"""gen.py - write the forwards of test/explain/forwards/ from the bounces
beside them (README.md): run from this folder, it rewrites
01-three-bounces.eml and 02-nested-forward.eml."""

UNKNOWN = "bounce-user-unknown.eml"
FULL = "bounce-mailbox-full.eml"
DELAYED = "bounce-delayed.eml"


def attachment(text, name):
    # as Thunderbird's "Forward As Attachment" attaches a message
    return ('Content-Type: message/rfc822; name="%s.eml"\n'
            'Content-Disposition: attachment; filename="%s.eml"\n\n%s'
            % (name, name, text))


def bounce(path, name):
    with open(path) as f:
        return attachment(f.read(), name)


def forward(head, text, parts, boundary):
    s = ('%sMIME-Version: 1.0\n'
         'Content-Type: multipart/mixed; boundary="%s"\n\n'
         'This is a multi-part message in MIME format.\n'
         '--%s\nContent-Type: text/plain; charset=UTF-8; format=flowed\n'
         'Content-Transfer-Encoding: 7bit\n\n%s\n'
         % (head, boundary, boundary, text))
    for p in parts:
        s += '\n--%s\n%s' % (boundary, p)
    return s + '\n--%s--\n' % boundary


def main():
    unknown = bounce(UNKNOWN, "Undelivered Mail Returned to Sender")
    full = bounce(FULL, "Mail delivery failed")
    delayed = bounce(DELAYED, "Delayed Mail (still being retried)")
    three = forward(
        "From: Li Wei <li.wei@example.com>\nTo: IT <it@example.com>\n"
        "Subject: Fwd: three mails came back\n"
        "Date: Mon, 30 Nov 2026 16:05:12 +0800\n"
        "Message-ID: <f3-20261130@example.com>\n",
        "Hi IT,\n\nthree of my mails came back today, see the attached "
        "messages.\nCould you tell me what went wrong?\n\nThanks,\nLi Wei",
        [unknown, full, delayed], "------------F3b0und4ry")
    inner = forward(
        "From: Li Wei <li.wei@example.com>\n"
        "To: Zhang Min <zhang.min@example.com>\n"
        "Subject: Fwd: two mails came back\n"
        "Date: Mon, 30 Nov 2026 16:01:40 +0800\n"
        "Message-ID: <f2-20261130@example.com>\n",
        "Min,\n\nthese two came back, what should I do?\n\nLi Wei",
        [unknown, full], "------------F2b0und4ry")
    nested = forward(
        "From: Zhang Min <zhang.min@example.com>\nTo: IT <it@example.com>\n"
        "Subject: Fwd: mails of Li Wei that came back\n"
        "Date: Mon, 30 Nov 2026 17:30:02 +0800\n"
        "Message-ID: <fn-20261130@example.com>\n",
        "Hello IT,\n\nLi Wei forwarded me two bounces (attached as she "
        "sent them),\nand a third one came back to me. Please have a "
        "look.\n\nZhang Min",
        [attachment(inner, "Fwd two mails came back"), delayed],
        "------------FNb0und4ry")
    for name, text in (("01-three-bounces.eml", three),
                       ("02-nested-forward.eml", nested)):
        with open(name, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
