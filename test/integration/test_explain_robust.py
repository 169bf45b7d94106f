#!/usr/bin/env python3
"""test_explain_robust - does `mxtrace explain` read a bounce the same when
it comes in another shape its format allows?  Real bounces of one MTA's
format differ in ways that do not change what they say: the recipient's
address is longer or shorter (and moves the MTA's line wraps), a part is
sent in base64 or quoted-printable, DSN fields are folded at another width,
field names are written in another case, a relay adds a Received field,
the boundary is another string, the message sits in an mbox.  Rules fitted
to one shape of a format fail on its other shapes; this test measures how
many rows change under each such transform, on the TRAINING part of
Sisimai's corpus only (test/explain/sisimai, name order, every 5th file
held out exactly as test/unit/test_explain_corpus.c splits it: the held-out
files are never opened here), and on the project's own bounces
(test/explain/chinese and lhost: Chinese providers' formats, MTAs' texts).

A row is one recipient of one message of one file, as explain reads the
untransformed file; it changes when the transformed file gives that
recipient another address (after the transform's own substitution),
enhanced status or reason, or no such recipient.  A recipient the
transformed file adds counts as a changed row too.  Per transform it
prints rows changed / rows of each set and asserts at most FLOOR[name]
changed rows in each, the numbers measured when the floors were last set,
so that extraction made more brittle fails here.  ROBUST_VERBOSE=1 lists
the changed rows.  Needs no lab: one run of the binary over the files as
they are, one over a folder per transform."""
import base64
import json
import os
import quopri
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from labcheck import BIN, REPO, check, finish  # noqa: E402

CORPUS = os.path.join(REPO, "test", "explain", "sisimai")
# the project's own bounces: Chinese providers' formats, MTAs' texts
FIXTURES = [os.path.join(REPO, "test", "explain", d)
            for d in ("chinese", "lhost")]

# At most this many rows may change under each transform, of the corpus's
# training part and of the project's own fixtures (measured; lower them
# when a fix makes fewer rows change, never raise them without saying why
# in the commit).
FLOOR = {
    "crlf": (0, 0),
    "mixed_ends": (0, 0),
    "addr_long": (0, 0),
    "addr_short": (0, 0),
    "domain_long": (0, 0),
    "text_base64": (0, 0),
    "text_qp": (0, 0),
    "dsn_base64": (0, 0),
    "dsn_fold": (0, 0),
    "dsn_unfold": (0, 0),
    "dsn_case": (0, 0),
    "dsn_spacing": (0, 0),
    "head_fold": (0, 0),
    "subject_2047": (0, 0),
    "head_order": (0, 0),
    "postfix_wrap": (0, 0),
    "postfix_unwrap": (0, 0),
    "html_alt": (0, 0),
    "html_only": (0, 0),
    "headers_only": (0, 0),
    "dsn_ext": (0, 0),
    "preamble": (0, 0),
    "addr_upper": (0, 0),
    "dsn_two": (0, 0),
    "dsn_angle": (0, 0),
    "dsn_comment": (0, 0),
    "exim_layout": (0, 0),
    "postfix_expanded": (0, 0),
    "text_two": (0, 0),
    "sendmail_two": (0, 0),
    "exim_generated": (0, 0),
    "forward_attached": (0, 0),
    "names_lower": (0, 0),
    "names_upper": (0, 0),
    "received": (0, 0),
    "boundary": (0, 0),
    "mbox": (0, 0),
    "trailing_ws": (0, 0),
}


def training_files():
    """The training part: the corpus's .eml files in name order (bytewise,
    as strcmp sorts them), every one but those with index % 5 == 4."""
    names = sorted((f for f in os.listdir(CORPUS) if f.endswith(".eml")),
                   key=lambda f: f.encode())
    return [f for i, f in enumerate(names) if i % 5 != 4]


def inputs():
    """Every file read: name in the test's folders -> its path; the
    training files' names start with "s-", the fixtures' with "f-"."""
    out = {"s-" + f: os.path.join(CORPUS, f) for f in training_files()}
    for d in FIXTURES:
        for f in sorted(os.listdir(d)):
            if f.endswith(".eml"):
                out["f-%s-%s" % (os.path.basename(d), f)] = \
                    os.path.join(d, f)
    return out


# --- a small raw MIME walker: it changes only what a transform asks for,
# every other byte stays as it was (a MIME library would write the whole
# message anew and change more than the transform) ---

def split_lines(data):
    """Lines with their line ends kept."""
    return data.splitlines(keepends=True)


def eol_of(line):
    return line[len(line.rstrip(b"\r\n")):]


def split_head(data):
    """A header block and the rest (the blank line starts the rest)."""
    lines = split_lines(data)
    for i, line in enumerate(lines):
        if line.strip(b"\r\n") == b"":
            return b"".join(lines[:i]), b"".join(lines[i:])
    return data, b""


def fields(head):
    """A header block as fields, each its list of lines (folds kept)."""
    out = []
    for line in split_lines(head):
        if line[:1] in (b" ", b"\t") and out:
            out[-1].append(line)
        else:
            out.append([line])
    return out


def field_value(head, name):
    """The unfolded value of a field, or None."""
    for f in fields(head):
        k, sep, v = b"".join(f).partition(b":")
        if sep and k.strip().lower() == name:
            return re.sub(rb"\r?\n", b"", v).strip()
    return None


def ctype_of(head, default=b"text/plain"):
    v = field_value(head, b"content-type")
    if v is None:
        return default, None
    t = v.split(b";")[0].strip().lower()
    m = re.search(rb'boundary\s*=\s*(?:"([^"]*)"|([^\s;]+))', v, re.I)
    return t or default, (m.group(1) if m and m.group(1) is not None
                          else m.group(2) if m else None)


def walk(data, leaf, head_fn=None, multi_fn=None, top=True,
         default=b"text/plain", inner=False, pre_fn=None):
    """The message or part with leaf(head, body, ctype, top, inner) ->
    (head, body) applied to each leaf part, head_fn(head) to each header
    block, multi_fn(head, boundary) -> (head, new boundary) to each
    multipart, pre_fn(lines) -> lines to the lines before a multipart's
    first boundary (the blank line after its header, its preamble); a
    returned message (message/rfc822) is walked too, its parts with inner
    set."""
    head, body = split_head(data)
    ctype, boundary = ctype_of(head, default)
    if head_fn is not None:
        head = head_fn(head)
    if ctype.startswith(b"multipart/") and boundary:
        new = boundary
        if multi_fn is not None:
            head, new = multi_fn(head, boundary)
        lines = split_lines(body)
        delim = [i for i, ln in enumerate(lines)
                 if ln.rstrip(b"\r\n \t") in (b"--" + boundary,
                                              b"--" + boundary + b"--")]
        if not delim:
            return head + body
        out = lines[:delim[0]]
        if pre_fn is not None:
            out = pre_fn(out)
        for a, b in zip(delim, delim[1:] + [None]):
            out.append(lines[a].replace(b"--" + boundary, b"--" + new, 1))
            if lines[a].rstrip(b"\r\n \t").endswith(b"--") and \
                    lines[a].rstrip(b"\r\n \t") != b"--" + boundary:
                out.extend(lines[a + 1:])
                break
            part = lines[a + 1:b]
            if not part:
                continue
            # the line end before a delimiter belongs to the delimiter
            end = eol_of(part[-1]) if b is not None else b""
            raw = b"".join(part)
            raw = raw[:len(raw) - len(end)] if end else raw
            sub = multi_default(ctype)
            raw = walk(raw, leaf, head_fn, multi_fn, False, sub, inner,
                       pre_fn)
            raw += end
            out.append(raw)
        return head + b"".join(out)
    if ctype == b"message/rfc822":
        sep, rest = split_blank(body)
        return head + sep + walk(rest, leaf, head_fn, multi_fn, False,
                                 b"text/plain", True, pre_fn)
    head, body = leaf(head, body, ctype, top, inner)
    return head + body


def multi_default(ctype):
    return b"message/rfc822" if ctype == b"multipart/digest" else \
        b"text/plain"


def split_blank(body):
    """A body's blank separator line and what follows it."""
    lines = split_lines(body)
    if lines and lines[0].strip(b"\r\n") == b"":
        return lines[0], b"".join(lines[1:])
    return b"", body


def set_field(head, name, value, eol):
    """The header block with field name set to value (added at the end)."""
    out, done = [], False
    for f in fields(head):
        k = b"".join(f).partition(b":")[0].strip().lower()
        if k == name.lower():
            if not done:
                out.append(name + b": " + value + eol)
                done = True
            continue
        out.extend(f)
    if not done:
        out.append(name + b": " + value + eol)
    return b"".join(out)


def head_eol(head):
    lines = split_lines(head)
    return eol_of(lines[0]) if lines and eol_of(lines[0]) else b"\n"


# --- the transforms: each takes a file's bytes (and its recipients'
# addresses) and returns the bytes of another shape of the same message ---

def t_crlf(data, addrs):
    """CRLF line ends (RFC 5322's own; mail saved on Windows has them)."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def address_map(data, addrs, longer):
    """Each recipient's address with another local part: longer, or a short
    one of its own (two recipients never share one).  Only addresses
    written in the file (as they are, or in a base64 or quoted-printable
    part) whose local part is a dot-atom (not quoted, not an encoded-word)
    are changed: the others cannot be substituted byte for byte."""
    m = {}
    for i, a in enumerate(sorted(set(x.lower() for x in addrs if x))):
        local, at, domain = a.rpartition("@")
        if not at or not re.fullmatch(r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]+",
                                      local) or local.startswith("=?") or \
                a.encode() not in decoded(data).lower():
            continue
        new = (local + ".with-a-much-longer-local-part") if longer \
            else ("r%d" % i)
        m[a] = new + "@" + domain
    return m


def domain_map(data, addrs):
    """Each recipient's address with a longer domain, a subdomain put
    before its own: only domains with an "example" label (RFC 2606's
    names, and the corpus's anonymised ones such as example.jp), whose
    length no provider's rule can depend on, written in the file (as they
    are, or in a base64 or quoted-printable part)."""
    m = {}
    for a in sorted(set(x.lower() for x in addrs if x)):
        local, at, domain = a.rpartition("@")
        if not at or not local or local.startswith("=?") or \
                "example" not in domain.split(".") or \
                a.encode() not in decoded(data).lower():
            continue
        m[a] = local + "@mail-relay-of-a-department." + domain
    return m


def encoded_leaf(fn):
    """A leaf function that applies fn to the decoded text of each part
    sent in base64 or quoted-printable and encodes it again the same way
    (the lines of base64 76 columns long, RFC 2045)."""
    def leaf(head, body, ctype, top, inner):
        cte = (field_value(head, b"content-transfer-encoding") or
               b"").lower()
        if cte not in (b"base64", b"quoted-printable"):
            return head, body
        sep, text = split_blank(body)
        eol = head_eol(head)
        try:
            raw = base64.b64decode(re.sub(rb"\s", b"", text)) \
                if cte == b"base64" else quopri.decodestring(text)
        except ValueError:
            return head, body
        new = fn(raw)
        if new == raw:
            return head, body
        enc = base64.encodebytes(new) if cte == b"base64" else \
            quopri.encodestring(new.replace(b"\r\n", b"\n"))
        return head, (sep or eol) + enc.replace(b"\n", eol)
    return leaf


def decoded(data):
    """The message's bytes, then the decoded text of each of its parts
    sent in base64 or quoted-printable."""
    out = [data]
    walk(data, encoded_leaf(lambda raw: out.append(raw) or raw))
    return b"\n".join(out)


def substitute(data, amap):
    """Each address of amap replaced by its new one wherever it is
    written: in the message's bytes and in the decoded text of its base64
    and quoted-printable parts."""
    def sub(b):
        for old, new in amap.items():
            b = re.sub(re.escape(old.encode()), new.encode(), b, flags=re.I)
        return b
    return walk(sub(data), encoded_leaf(sub))


def t_addr_long(data, addrs):
    """A longer recipient address everywhere it is written (real bounces
    differ in address length, which moves the line wraps around it)."""
    return substitute(data, address_map(data, addrs, True))


def t_domain_long(data, addrs):
    """A longer recipient domain everywhere the address is written."""
    return substitute(data, domain_map(data, addrs))


def t_addr_short(data, addrs):
    """A shorter recipient address everywhere it is written."""
    return substitute(data, address_map(data, addrs, False))


def reencode(types, how):
    """text parts of the given types sent in another transfer encoding
    (RFC 2045: the decoded bytes are the same; many real bounces are base64
    or quoted-printable).  The text is put in canonical form (CRLF line
    ends) first, as RFC 2045 asks of text before base64."""
    def leaf(head, body, ctype, top, inner):
        if ctype not in types or inner:
            return head, body
        cte = field_value(head, b"content-transfer-encoding")
        if cte is not None and cte.lower() not in (b"7bit", b"8bit"):
            return head, body
        sep, text = split_blank(body)
        eol = head_eol(head)
        if how == b"base64":
            canon = text.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            enc = base64.encodebytes(canon).replace(b"\n", eol)
        else:
            enc = quopri.encodestring(text.replace(b"\r\n", b"\n"))
            enc = enc.replace(b"\n", eol)
        head = set_field(head, b"Content-Transfer-Encoding", how, eol)
        if top and field_value(head, b"mime-version") is None:
            head = set_field(head, b"MIME-Version", b"1.0", eol)
        return head, (sep or eol) + enc
    return leaf


def t_text_base64(data, addrs):
    """text/plain parts in base64."""
    return walk(data, reencode((b"text/plain",), b"base64"))


def t_text_qp(data, addrs):
    """text/plain parts in quoted-printable."""
    return walk(data, reencode((b"text/plain",), b"quoted-printable"))


def t_dsn_base64(data, addrs):
    """message/delivery-status parts in base64: RFC 3464 registers them as
    7bit text, but MIME allows any encoding of a leaf part and some MTAs'
    reports (and message/global-delivery-status, RFC 6533) encode them."""
    return walk(data, reencode((b"message/delivery-status",), b"base64"))


def refold(width):
    """The fields of a message/delivery-status part unfolded, then folded
    again before a space where longer than width (RFC 3464 fields are RFC
    5322 fields: a fold is a line end put before white space, and
    unfolding takes it out again; width None leaves them unfolded)."""
    def fold(line, eol):
        out = []
        while width and len(line) > width:
            cut = line.rfind(b" ", line.find(b":") + 2, width)
            if cut <= 0:
                cut = line.find(b" ", width)
                if cut <= 0:
                    break
            out.append(line[:cut] + eol)
            line = line[cut:]
        return b"".join(out) + line + eol

    def leaf(head, body, ctype, top, inner):
        if ctype not in (b"message/delivery-status",):
            return head, body
        eol = head_eol(head)
        out = []
        for line in split_lines(body):
            if line[:1] in (b" ", b"\t") and out and out[-1] is not None:
                out[-1] += line.rstrip(b"\r\n")
            elif line.strip(b"\r\n") == b"":
                out.append(None)
            else:
                out.append(line.rstrip(b"\r\n"))
        text = b"".join(eol if x is None else fold(x, eol) for x in out)
        return head, text
    return leaf


def t_dsn_fold(data, addrs):
    """DSN fields folded at 40 columns."""
    return walk(data, refold(40))


def t_dsn_unfold(data, addrs):
    """DSN fields unfolded (one line each, as many MTAs write them)."""
    return walk(data, refold(None))


def dsn_fields(fn):
    """A leaf function that rewrites every unfolded field line of a
    message/delivery-status part with fn(name, value) -> line."""
    def leaf(head, body, ctype, top, inner):
        if ctype != b"message/delivery-status":
            return head, body
        out = []
        for line in split_lines(body):
            core, end = line.rstrip(b"\r\n"), eol_of(line)
            k, sep, v = core.partition(b":")
            if sep and core[:1] not in (b" ", b"\t") and b" " not in k:
                core = fn(k, v)
            out.append(core + end)
        return head, b"".join(out)
    return leaf


def typed_upper(k, v):
    """Action's value and the type before a typed value's ';' in upper
    case: RFC 3464 writes them in RFC 822's grammar, whose literal words
    are case-insensitive ("failed", "rfc822", "smtp", "dns" are names
    from its IANA registries, not case-sensitive text)."""
    name = k.strip().lower()
    if name == b"action":
        return k + b":" + v.upper()
    if name in (b"final-recipient", b"original-recipient", b"remote-mta",
                b"reporting-mta", b"diagnostic-code", b"received-from-mta",
                b"dsn-gateway") and b";" in v:
        t, _, rest = v.partition(b";")
        return k + b":" + t.upper() + b";" + rest
    return k + b":" + v


def typed_spacing(k, v):
    """No white space after a field's ':' nor after a typed value's ';',
    as some MTAs write them (RFC 3464's grammar takes white space between
    tokens as optional: "rfc822;a@b" is "rfc822; a@b")."""
    v = v.lstrip(b" \t")
    name = k.strip().lower()
    if name in (b"final-recipient", b"original-recipient", b"remote-mta",
                b"reporting-mta", b"diagnostic-code", b"received-from-mta",
                b"dsn-gateway") and b";" in v:
        t, _, rest = v.partition(b";")
        v = t.rstrip(b" \t") + b";" + rest.lstrip(b" \t")
    return k + b":" + v


def t_dsn_case(data, addrs):
    """DSN values' literal words in upper case ("Action: FAILED",
    "RFC822;", "SMTP;")."""
    return walk(data, dsn_fields(typed_upper))


def t_dsn_spacing(data, addrs):
    """DSN fields without optional white space ("Status:5.1.1",
    "Final-Recipient:rfc822;a@b")."""
    return walk(data, dsn_fields(typed_spacing))


def t_head_fold(data, addrs):
    """Every header field of every header block (the message's, its
    parts', the returned message's) unfolded, then folded again before a
    space where longer than 40 columns (RFC 5322 section 2.2.3: folding
    adds a line end before white space, unfolding takes it out)."""
    def fold_head(head):
        out = []
        for f in fields(head):
            first = f[0]
            if first.startswith(b"From ") or b":" not in first:
                out.extend(f)
                continue
            eol = eol_of(f[-1]) or b"\n"
            line = b"".join(x.rstrip(b"\r\n") for x in f)
            parts = []
            while len(line) > 40:
                cut = line.rfind(b" ", line.find(b":") + 2, 40)
                if cut <= 0:
                    cut = line.find(b" ", 40)
                    if cut <= 0:
                        break
                parts.append(line[:cut] + eol)
                line = line[cut:]
            out.append(b"".join(parts) + line + eol)
        return b"".join(out)
    return walk(data, lambda h, b, c, t, i: (h, b), fold_head)


def t_subject_2047(data, addrs):
    """The message's Subject and the display name of its From written as
    RFC 2047 encoded-words (UTF-8, base64), as many MTAs and webmails
    write them; the decoded text is the same."""
    def enc(text):
        return b"=?UTF-8?B?" + base64.b64encode(text) + b"?="

    lines = split_lines(data)
    start = 1 if data.startswith(b"From ") else 0
    head, rest = split_head(b"".join(lines[start:]))
    out = []
    for f in fields(head):
        raw = b"".join(f)
        k, sep, v = raw.partition(b":")
        name = k.strip().lower()
        eol = eol_of(f[-1]) or b"\n"
        value = re.sub(rb"\r?\n", b"", v).strip()
        if name == b"subject" and value and b"=?" not in value and \
                b"\x1b" not in value:
            raw = k + b": " + enc(value) + eol
        elif name == b"from" and b"=?" not in value:
            m = re.fullmatch(rb'"?([^"<]*?)"?\s*<([^>]*)>', value)
            if m and m.group(1).strip():
                raw = k + b": " + enc(m.group(1).strip()) + b" <" + \
                    m.group(2) + b">" + eol
        out.append(raw)
    return b"".join(lines[:start]) + b"".join(out) + rest


def t_head_order(data, addrs):
    """The message's own header fields in the reverse order, the trace
    fields (Received, Return-Path) kept first and in their order: RFC
    5322 section 3.6 gives the other fields no order."""
    lines = split_lines(data)
    start = 1 if data.startswith(b"From ") else 0
    head, rest = split_head(b"".join(lines[start:]))
    fs = fields(head)
    trace = [f for f in fs if b"".join(f).partition(b":")[0].strip()
             .lower() in (b"received", b"return-path")]
    other = [f for f in fs if f not in trace]
    eol = head_eol(head)
    if other and not eol_of(other[-1][-1]):
        other[-1][-1] += eol
    body = b"".join(b"".join(f) for f in trace + other[::-1])
    return b"".join(lines[:start]) + body + rest


POSTFIX_SIGNS = (b"X-Postfix-Queue-ID", b"This is the mail system at host",
                 b"This is the Postfix program at host")


def postfix_rewrap(width):
    """A Postfix bounce's recipient paragraphs ("<address>: reason", then
    lines indented by 4) wrapped again at another width.  Postfix wraps
    each at 79 columns with an indent of 4 (bounce_notify_util.c,
    bounce_print_wrap: line_wrap(buf, LENGTH 79, INDENT 4)), breaking at
    white space, so the same reason comes wrapped elsewhere when the
    address or the remote host's name is longer or shorter."""
    def wrap(text, eol):
        out, line, indent = [], b"", b""
        for word in text.split(b" "):
            if line and len(indent) + len(line) + 1 + len(word) > width:
                out.append(indent + line + eol)
                line, indent = word, b"    "
            else:
                line = line + b" " + word if line else word
        out.append(indent + line + eol)
        return b"".join(out)

    def leaf(head, body, ctype, top, inner):
        if ctype != b"text/plain" or inner:
            return head, body
        lines = split_lines(body)
        out, i = [], 0
        while i < len(lines):
            line = lines[i]
            if not re.match(rb"<[^>\s]*>(?: \(expanded from <[^>]*>\))?: ",
                            line):
                out.append(line)
                i += 1
                continue
            eol = eol_of(line) or b"\n"
            text = line.rstrip(b"\r\n").rstrip(b" ")
            i += 1
            while i < len(lines) and lines[i].startswith(b"    ") and \
                    lines[i].strip():
                text += b" " + lines[i].strip()
                i += 1
            out.append(wrap(text, eol))
        return head, b"".join(out)
    return leaf


def t_postfix_wrap(data, addrs):
    """A Postfix bounce's reasons wrapped at 40 columns."""
    if not any(sign in data for sign in POSTFIX_SIGNS):
        return data
    return walk(data, postfix_rewrap(40))


def t_postfix_unwrap(data, addrs):
    """A Postfix bounce's reasons on one line each (as short ones are)."""
    if not any(sign in data for sign in POSTFIX_SIGNS):
        return data
    return walk(data, postfix_rewrap(998))


def html_of(text, eol, width):
    """Text as HTML that renders the same: &, < and > escaped, a <br> at
    each line end, blanks kept as &nbsp; where HTML would collapse them,
    and the source wrapped at white space near width columns (in HTML a
    line end in the source is a blank, as Outlook and webmails write
    their pages); width None keeps the source lines as the text's."""
    out = []
    for line in text.replace(b"\r\n", b"\n").split(b"\n"):
        h = line.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(
            b">", b"&gt;")
        h = re.sub(rb"(?<= ) |^ ", b"&nbsp;", h)
        out.append(h + b"<br>")
    src = b"\n".join(out)
    if width:
        words, lines, cur = src.split(b" "), [], b""
        for w in words:
            if cur and len(cur) + 1 + len(w) > width:
                lines.append(cur)
                cur = w
            else:
                cur = cur + b" " + w if cur else w
        lines.append(cur)
        src = b"\n".join(lines)
    return (b"<html><body>\n" + src + b"\n</body></html>\n").replace(
        b"\n", eol)


def html_leaf(alternative):
    """The bounce's own text/plain parts as HTML: beside the text
    (multipart/alternative, RFC 2046 5.1.4: the same content, the reader
    picks) or instead of it (the same text as it renders)."""
    def leaf(head, body, ctype, top, inner):
        if ctype != b"text/plain" or inner:
            return head, body
        cte = field_value(head, b"content-transfer-encoding")
        if cte is not None and cte.lower() not in (b"7bit", b"8bit"):
            return head, body
        ct = field_value(head, b"content-type") or b"text/plain"
        charset = re.search(rb"charset\s*=\s*\"?([^\";\s]+)", ct, re.I)
        cs = b"; charset=" + charset.group(1) if charset else b""
        eol = head_eol(head)
        sep, text = split_blank(body)
        html = html_of(text, eol, None if alternative else 60)
        if not alternative:
            head = set_field(head, b"Content-Type", b"text/html" + cs, eol)
            if top and field_value(head, b"mime-version") is None:
                head = set_field(head, b"MIME-Version", b"1.0", eol)
            return head, (sep or eol) + html
        b = b"=_robust_alternative_boundary"
        part_heads = [f for f in fields(head) if b"".join(f).partition(
            b":")[0].strip().lower().startswith(b"content-")]
        keep = b"".join(b"".join(f) for f in fields(head)
                        if f not in part_heads)
        plain = b"".join(b"".join(f) for f in part_heads) or \
            b"Content-Type: text/plain" + eol
        new_head = keep + b"Content-Type: multipart/alternative;" + eol + \
            b'\tboundary="' + b + b'"' + eol
        if top and field_value(head, b"mime-version") is None:
            new_head += b"MIME-Version: 1.0" + eol
        new_body = (sep or eol) + b"--" + b + eol + plain + eol + text + \
            (b"" if text.endswith(b"\n") else eol) + b"--" + b + eol + \
            b"Content-Type: text/html" + cs + eol + eol + html + \
            b"--" + b + b"--" + eol
        return new_head, new_body
    return leaf


def t_html_alt(data, addrs):
    """The bounce's text beside an HTML copy of it."""
    return walk(data, html_leaf(True))


def t_html_only(data, addrs):
    """The bounce's text as HTML only (Exchange, Office 365 and webmails
    send their notices as HTML; a client saving a message may keep only
    the HTML)."""
    return walk(data, html_leaf(False))


def t_headers_only(data, addrs):
    """The returned message as its header only (text/rfc822-headers, RFC
    6522 section 3: a report returns the whole message or only its
    header, as Postfix does for RET=HDRS and MTAs do past a size limit).
    Only in a message that is itself a report (multipart/report): in
    another, a message/rfc822 part may be a bounce forwarded whole."""
    start = 1 if data.startswith(b"From ") else 0
    head, _ = split_head(b"".join(split_lines(data)[start:]))
    if ctype_of(head)[0] != b"multipart/report":
        return data
    out = []
    lines = split_lines(data)
    i = 0
    while i < len(lines):
        line = lines[i]
        out.append(line)
        i += 1
        if re.match(rb"(?i)content-type:\s*message/rfc822\s*;?\s*$",
                    line.rstrip(b"\r\n")):
            out[-1] = re.sub(rb"(?i)message/rfc822", b"text/rfc822-headers",
                             line)
            # the part's own header, its blank line, then the message's
            # header up to its blank line; its body up to the boundary
            # goes
            while i < len(lines) and lines[i].strip(b"\r\n") != b"":
                out.append(lines[i])
                i += 1
            if i < len(lines):
                out.append(lines[i])
                i += 1
            while i < len(lines) and lines[i].strip(b"\r\n") != b"":
                out.append(lines[i])
                i += 1
            while i < len(lines) and not lines[i].startswith(b"--"):
                i += 1
            if i < len(lines):
                out.append(eol_of(lines[i]) or b"\n")
    return b"".join(out)


def t_dsn_ext(data, addrs):
    """An extension field after each Final-Recipient of a delivery-status
    part (RFC 3464 2.4: "X-" fields may be added; Sendmail writes
    X-Actual-Recipient, Exchange X-Display-Name, Postfix X-Postfix-*), and
    one after Reporting-MTA."""
    def leaf(head, body, ctype, top, inner):
        if ctype != b"message/delivery-status":
            return head, body
        out = []
        for line in split_lines(body):
            out.append(line)
            if re.match(rb"(?i)(final-recipient|reporting-mta):", line):
                out.append(b"X-Robust-Extension: 1; note" +
                           (eol_of(line) or b"\n"))
        return head, b"".join(out)
    return walk(data, leaf)


def t_preamble(data, addrs):
    """No preamble before a multipart's first boundary ("This is a
    MIME-encapsulated message.", "This is a multi-part message in MIME
    format."): RFC 2046 5.1.1 tells readers to ignore it, and MTAs write
    different ones or none."""
    return walk(data, lambda h, b, c, t, i: (h, b),
                pre_fn=lambda lines: lines[:1])


def t_addr_upper(data, addrs):
    """Each recipient's address in upper case everywhere it is written:
    a domain is case-insensitive and MTAs keep the local part as the sender
    typed it."""
    m = {a.lower(): a.upper() for a in addrs if a and
         not a.startswith("=?") and a.lower().encode() in
         decoded(data).lower()}
    return substitute(data, m)


SECOND = "robust-second-"


def t_dsn_two(data, addrs):
    """Each per-recipient group of a delivery-status part followed by a
    copy of it for another recipient (SECOND before the local part, in
    every field of the group): a report for two recipients, as MTAs send
    when a message to several fails.  Only groups of one recipient whose
    local part is a dot-atom are copied.  The first recipient's row must not
    change; the copy's rows are not compared (the human-readable part
    does not name the copy)."""
    def leaf(head, body, ctype, top, inner):
        if ctype != b"message/delivery-status":
            return head, body
        out, group = [], []
        for line in split_lines(body) + [None]:
            if line is None or line.strip(b"\r\n") == b"":
                out.extend(group)
                text = b"".join(group)
                m = re.search(rb"(?im)^final-recipient:\s*[^;]*;\s*<?"
                              rb"([a-z0-9!#$%&'*+/=?^_`{|}~.-]+)@", text)
                one = len(re.findall(rb"(?im)^final-recipient:", text)) == 1
                if m and one and not m.group(1).startswith(b"=?"):
                    local = m.group(1)
                    copy = re.sub(re.escape(local) + rb"@",
                                  SECOND.encode() + local + b"@", text,
                                  flags=re.I)
                    eol = eol_of(group[-1]) or b"\n"
                    out.append(eol)
                    out.append(copy)
                group = []
                if line is not None:
                    out.append(line)
            else:
                group.append(line)
        return head, b"".join(out)
    return walk(data, leaf)


def t_dsn_angle(data, addrs):
    """Final-Recipient and Original-Recipient addresses in angle brackets
    ("rfc822; <a@b>"), as some MTAs write them."""
    def fn(k, v):
        if k.strip().lower() in (b"final-recipient", b"original-recipient") \
                and b";" in v and b"<" not in v:
            t, _, rest = v.partition(b";")
            a = rest.strip()
            if a:
                return k + b":" + t + b"; <" + a + b">"
        return k + b":" + v
    return walk(data, dsn_fields(fn))


def t_dsn_comment(data, addrs):
    """A comment after each Status code naming its class ("Status: 5.0.0
    (permanent failure)", as Sendmail-derived and other MTAs write it: RFC
    822 comments in a structured field; the words are RFC 3463's names of
    the classes, no cause)."""
    names = {b"2": b"success", b"4": b"persistent transient failure",
             b"5": b"permanent failure"}

    def fn(k, v):
        m = re.fullmatch(rb"\s*([245])(\.\d{1,3}\.\d{1,3})\s*", v)
        if k.strip().lower() == b"status" and m:
            return k + b": " + m.group(1) + m.group(2) + b" (" + \
                names[m.group(1)] + b")"
        return k + b":" + v
    return walk(data, dsn_fields(fn))


EXIM_SIGN = b"This message was created automatically by mail delivery software"


def exim_relayout(text):
    """Exim's two layouts of a remote refusal, each written as the other:
    before 4.80 (deliver.c) "SMTP error from remote mail server after
    CMD:" then "host H [IP]: REPLY"; since, "host H [IP]" then "SMTP
    error from remote mail server after CMD:" then "REPLY"."""
    old = re.compile(rb"(?m)^([ \t]+)SMTP error from remote mail server "
                     rb"after ([^\r\n]*):(\r?\n)[ \t]+host (\S+) "
                     rb"\[([^\]\r\n]+)\]: ([^\r\n]*)$")
    new = re.compile(rb"(?m)^([ \t]+)host (\S+) \[([^\]\r\n]+)\]"
                     rb"(\r?\n)[ \t]+SMTP error from remote mail server "
                     rb"after ([^\r\n]*):\r?\n[ \t]+(\S[^\r\n]*)$")

    def to_new(m):
        i, eol = m.group(1), m.group(3)
        return (i + b"host " + m.group(4) + b" [" + m.group(5) + b"]" +
                eol + i + b"SMTP error from remote mail server after " +
                m.group(2) + b":" + eol + i + m.group(6))

    def to_old(m):
        i, eol = m.group(1), m.group(4)
        return (i + b"SMTP error from remote mail server after " +
                m.group(5) + b":" + eol + i + b"host " + m.group(2) +
                b" [" + m.group(3) + b"]: " + m.group(6))
    # a bounce is in one layout: written in the other
    if old.search(text):
        return old.sub(to_new, text)
    return new.sub(to_old, text)


def t_exim_layout(data, addrs):
    """An Exim bounce's remote refusals in Exim's other layout."""
    if EXIM_SIGN not in data:
        return data

    def leaf(head, body, ctype, top, inner):
        if ctype != b"text/plain" or inner:
            return head, body
        return head, exim_relayout(body)
    return walk(data, leaf)


def t_postfix_expanded(data, addrs):
    """A Postfix bounce's recipients reached through an alias: "<a>
    (expanded from <alias>): reason", as Postfix writes when a virtual
    alias or a .forward expanded the address (bounce_notify_util.c)."""
    if not any(sign in data for sign in POSTFIX_SIGNS):
        return data

    def leaf(head, body, ctype, top, inner):
        if ctype != b"text/plain" or inner:
            return head, body
        alias = b" (expanded from <robust-alias@example.org>): "
        return head, re.sub(rb"(?m)^(<[^>\s]+@[^>\s]+>): ",
                            lambda m: m.group(1) + alias, body)
    return walk(data, leaf)


QMAIL_SIGN = b"This is the qmail-send program"


def copied(data):
    """The addresses a copy made (SECOND before the local part)."""
    return {a.rstrip(b".,)") for a in re.findall(
        SECOND.encode() + rb"[^\s<>@]+@[^\s<>;:'\"]+", data, re.I)}


def t_text_two(data, addrs):
    """Each recipient's block in the text of a Postfix, qmail or Exim
    bounce followed by a copy of it for another recipient (SECOND before
    the local part), and its delivery-status group too when it has one
    (dsn_two): a bounce for two recipients, as these MTAs list them, one
    block each.  A block is the line that starts with the address (after
    blanks and '<') and the lines after it indented deeper (Postfix's
    "<a>: reason" and its folds, Exim's "  a" and the reason under it),
    or, when that line ends with ':' and the next is not indented (qmail's
    "<a>:"), the lines up to the next blank one.  A bounce whose text and
    delivery-status part would not name the same copies is left as it is.
    The first recipient's row must not change; the copy's rows are not
    compared."""
    if not any(sign in data for sign in POSTFIX_SIGNS + (EXIM_SIGN,
                                                         QMAIL_SIGN)):
        return data
    out = walk(data, text_copy_leaf(addrs))
    if b"message/delivery-status" in data.lower():
        if copied(out) != copied(t_dsn_two(data, addrs)):
            return data
        out = t_dsn_two(out, addrs)
    return out


def text_copy_leaf(addrs):
    """The leaf function of t_text_two for the recipients addrs."""
    locals_ = set()
    for a in addrs:
        local, at, _ = (a or "").rpartition("@")
        if at and re.fullmatch(r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]+", local) \
                and not local.startswith("=?"):
            locals_.add(a.lower())

    def indent(line):
        return len(line) - len(line.lstrip(b" \t"))

    def leaf(head, body, ctype, top, inner):
        cte = field_value(head, b"content-transfer-encoding")
        if ctype != b"text/plain" or inner or not locals_ or (
                cte is not None and cte.lower() not in (b"7bit", b"8bit")):
            return head, body
        lines = split_lines(body)
        out, i = [], 0
        while i < len(lines):
            line = lines[i]
            m = re.match(rb"[ \t]*<?([^\s<>@]+)@([^\s<>:]+)>?", line)
            a = (m.group(1) + b"@" + m.group(2)).decode("latin-1").lower() \
                if m else None
            if a not in locals_:
                out.append(line)
                i += 1
                continue
            j = i + 1
            core = line.rstrip(b"\r\n").rstrip()
            if core.endswith(b":") and j < len(lines) and \
                    lines[j].strip() and indent(lines[j]) == 0:
                while j < len(lines) and lines[j].strip():
                    j += 1
            else:
                while j < len(lines) and lines[j].strip() and \
                        indent(lines[j]) > indent(line):
                    j += 1
            block = b"".join(lines[i:j])
            local = m.group(1)
            copy = re.sub(re.escape(local + b"@" + m.group(2)),
                          SECOND.encode() + local + b"@" + m.group(2),
                          block, flags=re.I)
            # Postfix and qmail part "<a>: ..." and "<a>:" by a blank line
            eol = eol_of(line) or b"\n"
            whole = block.endswith(b"\n")
            both = (block if whole else block + eol) + \
                (eol if re.match(rb"<[^\s<>@]+@[^\s<>:]+>:", line)
                 else b"") + \
                (copy if whole else copy + eol)
            out.append(both if whole else both[:-len(eol)])
            i = j
        return head, b"".join(out)
    return leaf


SENDMAIL_SIGNS = (b"----- The following addresses had permanent fatal errors",
                  b"----- Transcript of session follows -----")


def transcript_copy(body, local, domain):
    """Sendmail's transcript with the session lines of the recipient
    local@domain copied for SECOND+local: a ">>> RCPT To:<a>" command,
    the server's "<<< " lines and Sendmail's result line "NNN <a>...
    reason", as it writes them for each refused recipient (deliver.c);
    a result line after another command (DATA, for all recipients at
    once) is copied alone."""
    a = re.escape(local + b"@" + domain)
    lines = split_lines(body)
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if re.match(rb"(?i)>>> RCPT To:\s*<" + a + rb">", line):
            j = i + 1
            while j < len(lines) and lines[j].startswith(b"<<< "):
                j += 1
            if j < len(lines) and re.match(rb"\d{3}[ -].*<?" + a,
                                           lines[j], re.I):
                j += 1
            block = b"".join(lines[i:j])
            out.append(block + re.sub(a, SECOND.encode() + local + b"@" +
                                      domain, block, flags=re.I))
            i = j
            continue
        out.append(line)
        if re.match(rb"(?i)\d{3}[ -]\d\.\d{1,3}\.\d{1,3} <?" + a +
                    rb">?\.\.\.", line) and not (
                    i > 0 and lines[i - 1].startswith(b"<<< ") and
                    re.search(a, lines[i - 1], re.I) and any(
                        re.match(rb"(?i)>>> RCPT To:\s*<" + a, x)
                        for x in lines[max(0, i - 4):i])):
            out.append(re.sub(a, SECOND.encode() + local + b"@" + domain,
                              line, flags=re.I))
        i += 1
    return b"".join(out)


def t_sendmail_two(data, addrs):
    """A Sendmail bounce for two recipients: each recipient of its list
    ("----- The following addresses had permanent fatal errors -----",
    the address then "(reason: ...)" under it) followed by a copy for
    another recipient (SECOND before the local part), its session lines
    in the transcript too (transcript_copy), and its delivery-status group
    (dsn_two).  Left as it is when its text and delivery-status part would
    not name the same copies.  The first recipient's row must not change;
    the copy's rows are not compared."""
    if not all(sign in data for sign in SENDMAIL_SIGNS):
        return data
    copy_list = text_copy_leaf(addrs)
    pairs = set()
    for a in addrs:
        local, at, domain = (a or "").rpartition("@")
        if at and re.fullmatch(r"[a-z0-9!#$%&'*+/=?^_`{|}~.-]+", local):
            pairs.add((local.encode(), domain.encode()))

    def leaf(head, body, ctype, top, inner):
        head, body = copy_list(head, body, ctype, top, inner)
        if ctype != b"text/plain" or inner:
            return head, body
        for local, domain in sorted(pairs):
            body = transcript_copy(body, local, domain)
        return head, body
    out = walk(data, leaf)
    if b"message/delivery-status" in data.lower():
        if copied(out) != copied(t_dsn_two(data, addrs)):
            return data
        out = t_dsn_two(out, addrs)
    return out


def t_exim_generated(data, addrs):
    """An Exim bounce's recipients generated by a redirection: Exim writes
    "(generated from ALIAS)" under the address (deliver.c), as when an
    alias or a .forward led to it."""
    if EXIM_SIGN not in data:
        return data
    amap = {a.lower() for a in addrs if a}

    def leaf(head, body, ctype, top, inner):
        if ctype != b"text/plain" or inner:
            return head, body
        out = []
        for line in split_lines(body):
            out.append(line)
            m = re.fullmatch(rb"(  )(\S+@\S+)(\r?\n)", line)
            if m and m.group(2).decode("latin-1").lower() in amap:
                out.append(m.group(1) + b"  (generated from "
                           b"robust-alias@example.org)" + m.group(3))
        return head, b"".join(out)
    return walk(data, leaf)


def t_forward_attached(data, addrs):
    """The bounce forwarded whole, as an attachment (message/rfc822), in a
    message from the person who got it ("Fwd: " and the bounce's Subject),
    as users send bounces on to whoever can read them."""
    if data.startswith(b"From "):
        return data     # an mbox of several: no one message to attach
    eol = head_eol(data)
    subject = field_value(split_head(data)[0], b"subject") or b""
    head = (b"From: Sales <sales@robust.example>" + eol +
            b"To: IT <it@robust.example>" + eol +
            b"Subject: Fwd: " + subject + eol +
            b"Date: Tue, 1 Dec 2026 12:00:00 +0000" + eol +
            b"MIME-Version: 1.0" + eol +
            b'Content-Type: multipart/mixed; boundary="=_robust_fwd"' + eol +
            eol + b"--=_robust_fwd" + eol +
            b"Content-Type: text/plain; charset=us-ascii" + eol + eol +
            b"Could you look at this one?" + eol + eol +
            b"--=_robust_fwd" + eol +
            b"Content-Type: message/rfc822" + eol +
            b"Content-Disposition: attachment" + eol + eol)
    tail = (b"" if data.endswith(b"\n") else eol) + \
        b"--=_robust_fwd--" + eol
    return head + data + tail


def t_mixed_ends(data, addrs):
    """CRLF line ends in the bounce's text and delivery-status parts only,
    LF elsewhere: a message stored by one program with parts another one
    wrote (a mail client saving what a Windows server generated)."""
    def leaf(head, body, ctype, top, inner):
        if ctype not in (b"text/plain", b"message/delivery-status") or inner:
            return head, body
        return head, body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return walk(data.replace(b"\r\n", b"\n"), leaf)


def rename(fn):
    """Every field name of every header block (the message's, its parts',
    the returned message's) and every DSN field name in fn's case: RFC
    5322 and RFC 3464 field names are case-insensitive."""
    def names(head):
        out = []
        for line in split_lines(head):
            k, sep, v = line.partition(b":")
            if sep and line[:1] not in (b" ", b"\t") and b" " not in k \
                    and not line.startswith(b"From "):
                line = fn(k) + sep + v
            out.append(line)
        return b"".join(out)

    def leaf(head, body, ctype, top, inner):
        if ctype in (b"message/delivery-status", b"text/rfc822-headers"):
            body = names(body)
        return head, body
    return names, leaf


def t_names_lower(data, addrs):
    """Field names in lower case."""
    head_fn, leaf = rename(lambda k: k.lower())
    return walk(data, leaf, head_fn)


def t_names_upper(data, addrs):
    """Field names in upper case."""
    head_fn, leaf = rename(lambda k: k.upper())
    return walk(data, leaf, head_fn)


def t_received(data, addrs):
    """One more Received field on top, as a relay between the bounce's
    sender and the reader adds (RFC 5321 section 4.4), naming the
    bounce's own recipient ("for <To>") as the last hop does."""
    eol = head_eol(data)
    start = 1 if data.startswith(b"From ") else 0
    to = field_value(split_head(b"".join(split_lines(data)[start:]))[0],
                     b"to") or b""
    m = re.search(rb"[^\s<>\"(),;:]+@[^\s<>\"(),;:]+", to)
    rcpt = b" for <" + m.group(0) + b">" if m else b""
    rcvd = (b"Received: from relay.robust.example (relay.robust.example"
            b" [192.0.2.25])" + eol + b"\tby mx.robust.example (Postfix)"
            b" with ESMTP id 4RoBuSt25" + rcpt + b";" + eol +
            b"\tTue,  1 Dec 2026 12:00:00 +0000 (UTC)" + eol)
    if data.startswith(b"From "):
        first, _, rest = data.partition(b"\n")
        return first + b"\n" + rcvd + rest
    return rcvd + data


def t_boundary(data, addrs):
    """Every multipart boundary another string (RFC 2046: any string not in
    the parts; the reader must take it from Content-Type)."""
    count = [0]

    def multi(head, boundary):
        count[0] += 1
        new = b"=_robust_%d_%s" % (count[0], b"b" * 20)
        h = head.replace(boundary, new)
        return h, new
    return walk(data, lambda h, b, c, t, i: (h, b), None, multi)


def t_mbox(data, addrs):
    """The message as an mbox entry: a "From " line before it, and lines of
    the message that start with "From " (or ">From ") quoted with one more
    ">" (mboxrd, as mail clients save a folder)."""
    if data.startswith(b"From "):
        return data
    eol = head_eol(data)
    body = re.sub(rb"(?m)^(>*From )", rb">\1", data)
    return b"From MAILER-DAEMON Tue Dec  1 12:00:00 2026" + eol + body + eol


def t_trailing_ws(data, addrs):
    """White space at the end of every line that is not blank (mail
    clients and relays add it; a blank line stays blank, as it parts a
    header from a body)."""
    out = []
    for line in split_lines(data):
        core = line.rstrip(b"\r\n")
        if core.strip() == b"" or core.startswith(b"From "):
            out.append(line)
        else:
            out.append(core + b" \t" + eol_of(line))
    return b"".join(out)


TRANSFORMS = [
    ("crlf", t_crlf), ("mixed_ends", t_mixed_ends),
    ("addr_long", t_addr_long), ("addr_short", t_addr_short),
    ("domain_long", t_domain_long), ("text_base64", t_text_base64),
    ("text_qp", t_text_qp), ("dsn_base64", t_dsn_base64),
    ("dsn_fold", t_dsn_fold), ("dsn_unfold", t_dsn_unfold),
    ("dsn_case", t_dsn_case), ("dsn_spacing", t_dsn_spacing),
    ("head_fold", t_head_fold), ("subject_2047", t_subject_2047),
    ("head_order", t_head_order), ("postfix_wrap", t_postfix_wrap),
    ("postfix_unwrap", t_postfix_unwrap), ("html_alt", t_html_alt),
    ("html_only", t_html_only), ("headers_only", t_headers_only),
    ("dsn_ext", t_dsn_ext), ("preamble", t_preamble),
    ("addr_upper", t_addr_upper), ("dsn_two", t_dsn_two),
    ("dsn_angle", t_dsn_angle), ("dsn_comment", t_dsn_comment),
    ("exim_layout", t_exim_layout), ("postfix_expanded", t_postfix_expanded),
    ("text_two", t_text_two), ("sendmail_two", t_sendmail_two),
    ("exim_generated", t_exim_generated),
    ("forward_attached", t_forward_attached),
    ("names_lower", t_names_lower), ("names_upper", t_names_upper),
    ("received", t_received), ("boundary", t_boundary), ("mbox", t_mbox),
    ("trailing_ws", t_trailing_ws),
]

NEEDS_MAP = {"addr_long": True, "addr_short": False}


def explain(folders):
    """One run of the binary over folders: folder -> file name -> [[(address,
    enhanced, reason), ...] per message]."""
    p = subprocess.run([BIN, "explain", "--json"] + folders,
                       capture_output=True, timeout=300)
    out = {d: {} for d in folders}
    for line in p.stdout.splitlines():
        rec = json.loads(line)
        d, f = os.path.split(rec["file"])
        out.setdefault(d, {}).setdefault(f, []).append(
            [((r.get("address") or "").lower(), r.get("enhanced"),
              r.get("reason")) for r in rec.get("recipients", [])])
    return out


def compare(base, got, amap):
    """(rows, changed rows as (message, recipient, before, after)); the
    recipients dsn_two added are left out of got first."""
    got = [[r for r in msg if not r[0].startswith(SECOND)] for msg in got]
    rows, changed = 0, []
    for m, rcpts in enumerate(base):
        other = got[m] if m < len(got) else []
        for k, (addr, enh, reason) in enumerate(rcpts):
            rows += 1
            want = (amap.get(addr, addr), enh, reason)
            have = other[k] if k < len(other) else None
            if have != want:
                changed.append((m + 1, k + 1, want, have))
        for k in range(len(rcpts), len(other)):
            changed.append((m + 1, k + 1, None, other[k]))
    for m in range(len(base), len(got)):
        for k, r in enumerate(got[m]):
            changed.append((m + 1, k + 1, None, r))
    return rows, changed


def main():
    paths = inputs()
    files = sorted(paths)
    verbose = os.environ.get("ROBUST_VERBOSE") is not None
    datas = {}
    for f in files:
        with open(paths[f], "rb") as fh:
            datas[f] = fh.read()
    # some 14,000 small files: in memory (tmpfs) where there is one
    shm = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
    with tempfile.TemporaryDirectory(dir=shm) as tmp:
        d = os.path.join(tmp, "as_is")
        os.mkdir(d)
        for f in files:
            os.symlink(paths[f], os.path.join(d, f))
        base = explain([d])[d]
        check("every file explained", len(base) == len(files),
              "%d of %d" % (len(base), len(files)))
        addrs = {f: [r[0] for msg in base.get(f, []) for r in msg]
                 for f in files}
        maps = {}
        for name, fn in TRANSFORMS:
            d = os.path.join(tmp, name)
            os.mkdir(d)
            for f in files:
                if name in NEEDS_MAP:
                    maps[name, f] = address_map(datas[f], addrs[f],
                                                NEEDS_MAP[name])
                elif name == "domain_long":
                    maps[name, f] = domain_map(datas[f], addrs[f])
                with open(os.path.join(d, f), "wb") as fh:
                    fh.write(fn(datas[f], addrs[f]))
        got = explain([os.path.join(tmp, name) for name, _ in TRANSFORMS])
        print("explain on each file in another shape: the training part of "
              "Sisimai's corpus (%d files), the project's fixtures (%d)" % (
                  sum(f.startswith("s-") for f in files),
                  sum(f.startswith("f-") for f in files)))
        print("  %-17s %13s  %13s  %s" % ("transform", "training",
                                          "fixtures", "floors"))
        over = []
        for name, fn in TRANSFORMS:
            rows, changed = [0, 0], [0, 0]
            lines = []
            for f in files:
                k = 0 if f.startswith("s-") else 1
                n, ch = compare(base.get(f, []),
                                got[os.path.join(tmp, name)].get(f, []),
                                maps.get((name, f), {}))
                rows[k] += n
                changed[k] += len(ch)
                for m, r, want, have in ch:
                    lines.append("    %s #%d.%d: %s -> %s" % (
                        f[2:], m, r, want, have))
            bad = [changed[k] > FLOOR[name][k] for k in (0, 1)]
            print("  %-17s %5d / %-5d  %5d / %-5d  %d %d%s" % (
                name, changed[0], rows[0], changed[1], rows[1],
                FLOOR[name][0], FLOOR[name][1],
                "  over the floor" if any(bad) else ""))
            if verbose:
                for ln in lines:
                    print(ln)
            if any(bad):
                over.append("%s %d %d > %d %d" % (
                    name, changed[0], changed[1], *FLOOR[name]))
        check("no transform changes more rows than its floors", not over,
              ", ".join(over))
    return finish("test_explain_robust")

if __name__ == "__main__":
    sys.exit(main())
