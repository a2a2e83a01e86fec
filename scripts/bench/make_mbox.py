#!/usr/bin/env python3
"""Deterministic generator of a large, realistic mboxrd file for scripts/bench-import.

Messages are RFC 5322 with CRLF line endings: plain text (7bit or quoted-printable),
multipart/alternative (text + HTML), multipart/mixed with base64 attachments, RFC 2047
encoded subjects and display names, 1-50 KB each (log-uniform). A few bodies contain
lines starting with "From " (written as ">From ", mboxrd) and ">From " (written as ">>From ").
Output is streamed through a buffered file, so memory stays flat whatever the size.
Standard library only. Prints "messages=N bytes=B" on stdout when done.
"""
import argparse
import base64
import math
import quopri
import random
import re
import sys

WORDS = (
    "the budget review quarterly meeting agenda project deadline customer invoice contract "
    "schedule proposal update report team office travel approval draft final version please "
    "attached find below regarding follow up thanks regards tomorrow monday friday week month "
    "server backup restore mailbox archive policy retention compliance audit migration tenant "
    "license renewal vendor support ticket incident resolved pending priority escalation call "
    "notes minutes action items owner status green amber red risk issue dependency milestone "
    "launch release feedback review comments changes approved rejected signed scanned copy "
    "spreadsheet presentation slides numbers forecast revenue cost savings headcount hiring"
).split()
INTL = (
    "Grüße Besprechung Übersicht Änderung für über Straße naïve café déjà résumé façade "
    "Zürich München Göteborg Ærø señor mañana año pingüino Kraków Łódź źdźbło "
    "Привет встреча отчёт Ελλάδα συνάντηση 会議 報告書 予定 東京 회의 보고서 € £ — “quoted” ‘text’"
).split()
FIRST = "Adele Alex Megan Lee Nestor Isaiah Joni Lynne Diego Grady Pradeep Johanna Irvin Patti Miriam Henrietta".split()
LAST = "Vance Wilber Bowen Gu Wilke Langer Sherman Robinson Siciliani Archie Gupta Lauf Sayers Fernandez Graham Mueller".split()
INTL_NAMES = ["José Müller", "Zoë Ångström", "Łukasz Żółć", "Søren Kierkegård", "Иван Петров", "山田 太郎", "François Lefèvre"]
DOMAINS = ["contoso.com", "fabrikam.com", "example.org", "northwind.net", "bench.onmicrosoft.com", "adatum.de"]
ATTACHMENTS = [
    ("application/pdf", "pdf"), ("image/png", "png"), ("image/jpeg", "jpg"), ("application/zip", "zip"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"), ("text/calendar", "ics"),
]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
FROM_LINE = re.compile(rb"^(>*From )", re.M)
CRLF = b"\r\n"


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        r = self.rng
        # Pools of pre-built lines keep generation fast; messages pick random subsets.
        self.ascii_lines = [self._line(r, WORDS, 0.0) for _ in range(4000)]
        self.intl_lines = [self._line(r, WORDS, 0.25) for _ in range(2000)]
        self.people = [self._person(r, i) for i in range(400)]
        self.t0 = 1_704_067_200  # 2024-01-01T00:00:00Z

    @staticmethod
    def _line(r, words, intl):
        out, n = [], 0
        target = r.randint(40, 74)
        while n < target:
            w = r.choice(INTL) if r.random() < intl else r.choice(words)
            out.append(w)
            n += len(w) + 1
        s = " ".join(out)
        return (s[0].upper() + s[1:] + r.choice([".", ",", "", "?", "."]))

    @staticmethod
    def _person(r, i):
        if r.random() < 0.15:
            name = r.choice(INTL_NAMES)
            local = "user%d" % i
        else:
            f, l = r.choice(FIRST), r.choice(LAST)
            name, local = "%s %s" % (f, l), "%s.%s%d" % (f.lower(), l.lower(), i)
        return name, "%s@%s" % (local, r.choice(DOMAINS))

    # --- header helpers -------------------------------------------------------------
    def _encoded(self, text):
        """RFC 2047 encoded-word(s) for non-ASCII text, B or Q, UTF-8 or ISO-8859-1."""
        r = self.rng
        try:
            text.encode("ascii")
            return text
        except UnicodeEncodeError:
            pass
        charset = "UTF-8"
        raw = text.encode("utf-8")
        try:
            if r.random() < 0.3:
                raw, charset = text.encode("iso-8859-1"), "ISO-8859-1"
        except UnicodeEncodeError:
            pass
        # Split on character boundaries so each encoded word stays near 75 characters.
        step = 36 if r.random() < 0.5 else 18
        words, pos = [], 0
        while pos < len(raw):
            end = min(pos + step, len(raw))
            while charset == "UTF-8" and end < len(raw) and (raw[end] & 0xC0) == 0x80:
                end += 1
            words.append(raw[pos:end])
            pos = end
        if step == 36:
            enc = [("=?%s?B?%s?=" % (charset, base64.b64encode(w).decode())) for w in words]
        else:
            enc = [("=?%s?Q?%s?=" % (charset, q_word(w))) for w in words]
        return "\r\n ".join(enc)

    def _address(self, person):
        name, addr = person
        shown = self._encoded(name)
        if shown == name:
            shown = '"%s"' % name if self.rng.random() < 0.3 else name
        return "%s <%s>" % (shown, addr)

    def _date(self, t):
        r = self.rng
        off = r.choice([0, 60, 120, -300, -420, 330, 540])
        lt = t + off * 60
        days, rem = divmod(lt, 86400)
        y, m, d = civil(days)
        wd = DAYS[(days + 3) % 7]  # 1970-01-01 was a Thursday
        sign = "+" if off >= 0 else "-"
        return "%s, %d %s %d %02d:%02d:%02d %s%02d%02d" % (
            wd, d, MONTHS[m - 1], y, rem // 3600, rem % 3600 // 60, rem % 60, sign, abs(off) // 60, abs(off) % 60)

    @staticmethod
    def _asctime(t):
        days, rem = divmod(t, 86400)
        y, m, d = civil(days)
        return "%s %s %2d %02d:%02d:%02d %d" % (
            DAYS[(days + 3) % 7], MONTHS[m - 1], d, rem // 3600, rem % 3600 // 60, rem % 60, y)

    # --- bodies ----------------------------------------------------------------------
    def _text(self, nbytes, intl, from_lines):
        r = self.rng
        pool = self.intl_lines if intl else self.ascii_lines
        avg = 60 if not intl else 105  # quoted-printable inflates non-ASCII text about 1.5x
        lines = r.choices(pool, k=max(1, nbytes // avg))
        # Blank lines between paragraphs.
        for i in range(r.randint(0, 4)):
            lines.insert(r.randrange(len(lines) + 1), "")
        if from_lines:
            for s in ("From the desk of the finance team:", "From now on, please use the new portal.", ">From an earlier message, quoted."):
                if r.random() < 0.7:
                    lines.insert(r.randrange(len(lines) + 1), s)
        return "\r\n".join(lines) + "\r\n"

    def _qp(self, text):
        data = quopri.encodestring(text.replace("\r\n", "\n").encode("utf-8"))
        return data.replace(b"\n", b"\r\n")

    def _text_part(self, nbytes, from_lines, html=False):
        """(headers, body) of one text part."""
        r = self.rng
        intl = r.random() < 0.35
        text = self._text(nbytes, intl, from_lines)
        if html:
            paras = text.split("\r\n\r\n")
            text = "<html><body>\r\n" + "\r\n".join("<p>%s</p>" % p.replace("&", "&amp;").replace("<", "&lt;") for p in paras) + "\r\n</body></html>\r\n"
        ctype = "text/html" if html else "text/plain"
        if intl or html or r.random() < 0.3:
            return ("Content-Type: %s; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n" % ctype, self._qp(text))
        return ("Content-Type: %s; charset=\"us-ascii\"\r\nContent-Transfer-Encoding: 7bit\r\n" % ctype, text.encode("ascii"))

    def _attachment(self, nbytes, index):
        r = self.rng
        ctype, ext = r.choice(ATTACHMENTS)
        raw = r.randbytes(max(16, nbytes * 3 // 4))
        b64 = base64.encodebytes(raw).replace(b"\n", b"\r\n")
        base = "%s %d" % (r.choice(["Report", "Scan", "Invoice", "Photo", "Übersicht", "Résumé", "Budget"]), index)
        try:
            base.encode("ascii")
            disp = 'attachment; filename="%s.%s"' % (base, ext)
        except UnicodeEncodeError:
            if r.random() < 0.5:
                disp = "attachment;\r\n filename*=UTF-8''%s.%s" % (quote(base), ext)
            else:
                disp = 'attachment;\r\n filename="%s.%s"' % (self._encoded(base), ext)
        head = "Content-Type: %s; name=\"%s.%s\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: %s\r\n" % (
            ctype, quote(base) if not base.isascii() else base, ext, disp)
        return head, b64

    # --- message ---------------------------------------------------------------------
    def message(self, index):
        """(envelope separator line, RFC 5322 bytes with CRLF)."""
        r = self.rng
        size = int(math.exp(r.uniform(math.log(1024), math.log(50 * 1024))))
        t = self.t0 + index * 317 + r.randint(0, 300)
        sender = r.choice(self.people)
        to = r.sample(self.people, r.randint(1, 4))
        subject = "%s %s #%d" % (r.choice(["Re:", "Fwd:", "", "", "AW:"]), self.rng.choice(self.intl_lines if r.random() < 0.3 else self.ascii_lines)[:r.randint(20, 60)].strip(), index)
        subject = subject.strip()
        msgid = "<%016x.%d@%s>" % (r.getrandbits(64), index, sender[1].split("@")[1])
        h = [
            "Return-Path: <%s>" % sender[1],
            "Received: from mail%d.%s (mail%d.%s [10.%d.%d.%d])\r\n\tby mx.bench.onmicrosoft.com with ESMTPS id %x\r\n\tfor <%s>; %s" % (
                index % 7, sender[1].split("@")[1], index % 7, sender[1].split("@")[1], r.randint(0, 255), r.randint(0, 255), r.randint(1, 254),
                r.getrandbits(48), to[0][1], self._date(t + 2)),
            "From: %s" % self._address(sender),
            "To: %s" % ",\r\n ".join(self._address(p) for p in to),
        ]
        if r.random() < 0.3:
            h.append("Cc: %s" % self._address(r.choice(self.people)))
        h += ["Subject: %s" % self._encoded(subject), "Date: %s" % self._date(t), "Message-ID: %s" % msgid]
        if index > 0 and r.random() < 0.3:
            ref = "<%016x.%d@%s>" % (r.getrandbits(64), r.randrange(index), r.choice(DOMAINS))
            h += ["In-Reply-To: %s" % ref, "References: %s" % ref]
        h += ["MIME-Version: 1.0", "X-Mailer: %s" % r.choice(["Microsoft Outlook 16.0", "Apple Mail (2.3731)", "Thunderbird 115.3.1"])]
        from_lines = r.random() < 0.03
        kind = r.random()
        parts = []
        if kind < 0.35 or size < 2048:
            ph, pb = self._text_part(max(300, size - 700), from_lines)
            head = "\r\n".join(h) + "\r\n" + ph + "\r\n"
            return self._asctime(t), head.encode("utf-8") + pb
        boundary = "----=_Part_%d_%08x" % (index, r.getrandbits(32))
        if kind < 0.6:
            ctype = "multipart/alternative"
            half = max(200, (size - 1200) // 2)
            parts = [self._text_part(half * 2 // 3, from_lines), self._text_part(half, False, html=True)]
        else:
            ctype = "multipart/mixed"
            text_size = r.randint(300, 3000)
            parts = [self._text_part(text_size, from_lines)]
            n = r.choice([1, 1, 1, 2, 3])
            rest = max(512, size - text_size - 1500)
            for k in range(n):
                parts.append(self._attachment(rest // n, k + 1))
        h.append('Content-Type: %s;\r\n\tboundary="%s"' % (ctype, boundary))
        out = [("\r\n".join(h) + "\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n").encode("utf-8")]
        for ph, pb in parts:
            out.append(("--%s\r\n%s\r\n" % (boundary, ph)).encode("utf-8"))
            out.append(pb)
            if not pb.endswith(b"\r\n"):
                out.append(CRLF)
        out.append(("--%s--\r\n" % boundary).encode("ascii"))
        return self._asctime(t), b"".join(out)


def q_word(raw):
    """RFC 2047 Q encoding: letters and digits as is, space as '_', everything else =XX."""
    return "".join(chr(b) if (48 <= b <= 57 or 65 <= b <= 90 or 97 <= b <= 122) else ("_" if b == 32 else "=%02X" % b) for b in raw)


def quote(s):
    from urllib.parse import quote as q
    return q(s, safe="")


def civil(days):
    """Days since 1970-01-01 -> (year, month, day) (Howard Hinnant's algorithm)."""
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (1 if m <= 2 else 0), m, d)


def write_huge(path, count, seed):
    """N messages of ~50 MB: the memory bound of the importer for single large messages."""
    rng = random.Random(seed)
    written = 0
    with open(path, "wb", buffering=4 << 20) as f:
        for n in range(count):
            head = (
                "From huge@bench.onmicrosoft.com Mon Jan  5 09:00:00 2026\n"
                "From: Huge Sender <huge@bench.onmicrosoft.com>\nTo: bench@bench.onmicrosoft.com\n"
                "Subject: large attachment %d\nMessage-ID: <huge-%d-%d@bench>\nDate: Mon, 05 Jan 2026 09:00:00 +0000\n"
                "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b%d\"\n\n"
                "--b%d\nContent-Type: text/plain\n\nSee the attachment.\n"
                "--b%d\nContent-Type: application/octet-stream; name=\"data%d.bin\"\n"
                "Content-Transfer-Encoding: base64\n\n" % (n, seed, n, n, n, n, n)
            ).encode()
            payload = base64.encodebytes(rng.randbytes(37 << 20))
            tail = b"--b%d--\n\n" % n
            for part in (head, payload, tail):
                f.write(part)
                written += len(part)
    print("messages=%d bytes=%d" % (count, written))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output")
    ap.add_argument("--mb", type=float, default=1024, help="stop once the file reaches this many MiB (default 1024)")
    ap.add_argument("--messages", type=int, default=0, help="stop after this many messages (0: no limit)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--huge", type=int, default=0, metavar="N",
                    help="instead: N messages of about 50 MB each (one 37 MiB base64 attachment)")
    a = ap.parse_args()
    if a.huge > 0:
        return write_huge(a.output, a.huge, a.seed)
    limit = int(a.mb * 1024 * 1024)
    g = Generator(a.seed)
    written = count = 0
    with open(a.output, "wb", buffering=4 << 20) as f:
        while (a.messages <= 0 or count < a.messages) and (a.mb <= 0 or written < limit):
            when, msg = g.message(count)
            sender = g.rng.choice(g.people)[1]
            # mboxrd: escape every line matching ^>*From by one more '>'.
            body = FROM_LINE.sub(rb">\1", msg)
            entry = b"From " + sender.encode() + b" " + when.encode() + b"\n" + body + b"\n"
            f.write(entry)
            written += len(entry)
            count += 1
    print("messages=%d bytes=%d" % (count, written))


if __name__ == "__main__":
    sys.exit(main())
