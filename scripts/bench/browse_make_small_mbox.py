#!/usr/bin/env python3
"""Fast deterministic generator of an mbox of many small messages for scripts/bench-browse.

Every message is plain text, 300-500 bytes with its envelope line, CRLF inside the message,
with a unique Message-ID, a distinct Subject and a Date 31 seconds after the previous one.
No body line starts with "From ", so no mboxrd escaping is needed. Output is streamed in
batches, so memory stays flat whatever the count. Standard library only. Prints
"messages=N bytes=B" on stdout when done.
"""
import argparse
import random
import sys

from make_mbox import civil  # the same calendar arithmetic as the import benchmark

WORDS = (
    "the budget review quarterly meeting agenda project deadline customer invoice contract "
    "schedule proposal update report team office travel approval draft final version please "
    "attached find below regarding follow up thanks regards tomorrow monday friday week month "
    "server backup restore mailbox archive policy retention compliance audit migration tenant "
    "license renewal vendor support ticket incident resolved pending priority escalation call"
).split()
NAMES = "adele alex megan lee nestor isaiah joni lynne diego grady pradeep johanna irvin patti miriam henrietta".split()
DOMAINS = ["contoso.com", "fabrikam.com", "example.org", "northwind.net", "adatum.de"]
DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
T0 = 1_704_067_200  # 2024-01-01T00:00:00Z
STEP = 31  # seconds between messages


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("output")
    ap.add_argument("--messages", type=int, default=1_000_000, help="number of messages (default 1000000)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)

    # Pools picked by index arithmetic keep the per-message cost to one string format.
    people = ["%s.%s%d@%s" % (rng.choice(NAMES), rng.choice(NAMES), i, rng.choice(DOMAINS)) for i in range(97)]
    subjects = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(2, 6))).capitalize() for _ in range(101)]
    # Bodies of 1-2 lines; sizes spread the messages over roughly 300-500 bytes.
    bodies = []
    for _ in range(211):
        lines = []
        for _ in range(rng.randint(1, 2)):
            line = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 10)))
            lines.append(line.capitalize() + ".")
        bodies.append("\r\n".join(lines) + "\r\n")
    salt = rng.getrandbits(32)

    day_cache = {}

    def day_strings(days):
        s = day_cache.get(days)
        if s is None:
            y, m, d = civil(days)
            wd = DAYS[(days + 3) % 7]  # 1970-01-01 was a Thursday
            s = ("%s, %d %s %d" % (wd, d, MONTHS[m - 1], y), "%s %s %2d" % (wd, MONTHS[m - 1], d), y)
            day_cache.clear()
            day_cache[days] = s
        return s

    template = (
        "From %s %s %s %d\n"
        "From: %s\r\n"
        "To: bench@bench.onmicrosoft.com\r\n"
        "Subject: %s #%d\r\n"
        "Date: %s %s +0000\r\n"
        "Message-ID: <%d.%08x@bench.invalid>\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=\"us-ascii\"\r\n"
        "\r\n"
        "%s"
        "\n"
    )
    written = 0
    batch = []
    n = a.messages
    with open(a.output, "wb", buffering=8 << 20) as f:
        for i in range(n):
            t = T0 + i * STEP
            days, rem = divmod(t, 86400)
            rfc_day, asc_day, year = day_strings(days)
            hms = "%02d:%02d:%02d" % (rem // 3600, rem % 3600 // 60, rem % 60)
            sender = people[i % 97]
            batch.append(template % (
                sender, asc_day, hms, year,
                sender,
                subjects[(i * 7) % 101], i,
                rfc_day, hms,
                i, salt,
                bodies[(i * 13) % 211],
            ))
            if len(batch) == 10000:
                data = "".join(batch).encode("ascii")
                f.write(data)
                written += len(data)
                batch.clear()
        if batch:
            data = "".join(batch).encode("ascii")
            f.write(data)
            written += len(data)
    print("messages=%d bytes=%d" % (n, written))


if __name__ == "__main__":
    sys.exit(main())
