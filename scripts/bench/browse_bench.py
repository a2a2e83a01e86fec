#!/usr/bin/env python3
"""Browse benchmark driver for scripts/bench-browse: paging cost must not grow with folder size.

Generates an mbox of N small messages (browse_make_small_mbox.py), imports it into the Inbox of
one mailbox (timed), starts `recall serve --no-tls --port 0` on loopback, logs in, explores, and
measures page 1 (offset 0) against page 10,000 (offset 299,970), limit 30, over one keep-alive
http.client connection: a warm-up of --warmup requests each, then --requests of each kind strictly
interleaved (ABBA order, so drift and noise hit both alike). Prints one table. The server is always
stopped (finally, also on SIGINT/SIGTERM). Standard library only.
"""
import argparse
import http.client
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ORG = "bench.onmicrosoft.com"
MAILBOX = "bench@bench.onmicrosoft.com"
USER, PASSWORD = "bench", "bench-browse-password"
LIMIT = 30
DEEP_PAGE = 10_000
DEEP_OFFSET = (DEEP_PAGE - 1) * LIMIT  # 299,970
START_TIMEOUT = 120  # seconds for the server to print its address


class Fail(Exception):
    pass


def log(msg):
    print(msg, flush=True)


def run(cmd, timeout, stdin=None):
    p = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout)
    if p.returncode != 0:
        raise Fail("%s failed (exit %d):\n%s%s" % (" ".join(cmd[:3]), p.returncode, p.stdout, p.stderr))
    return p.stdout


class Client:
    def __init__(self, port, timeout):
        self.timeout = timeout
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.headers = {}

    def call(self, method, path, body=None, content_type=None, expect=200):
        headers = dict(self.headers)
        if content_type:
            headers["Content-Type"] = content_type
        self.conn.request(method, path, body=body, headers=headers)
        resp = self.conn.getresponse()
        data = resp.read()
        if resp.status != expect:
            raise Fail("%s %s: HTTP %d (expected %d): %s" % (method, path, resp.status, expect, data[:500]))
        return json.loads(data) if data else None

    def timed_get(self, path):
        """Latency in seconds of one GET, body read to the end; checks the status only."""
        t0 = time.perf_counter()
        try:
            self.conn.request("GET", path, headers=self.headers)
            resp = self.conn.getresponse()
            data = resp.read()
        except TimeoutError:
            raise Fail("GET %s took longer than %d s (--request-timeout)" % (path, self.timeout))
        t1 = time.perf_counter()
        if resp.status != 200:
            raise Fail("GET %s: HTTP %d: %s" % (path, resp.status, data[:500]))
        return t1 - t0, data


def start_server(recall, data_dir, tmp):
    out = open(os.path.join(tmp, "serve.log"), "w")
    proc = subprocess.Popen(
        [recall, "serve", "--data-dir", data_dir, "--no-tls", "--bind", "127.0.0.1", "--port", "0", "--log-level", "warning"],
        stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
    )
    out.close()
    deadline = time.monotonic() + START_TIMEOUT
    pattern = re.compile(r"serving http://127\.0\.0\.1:(\d+)/v3")
    while time.monotonic() < deadline:
        with open(os.path.join(tmp, "serve.log")) as f:
            m = pattern.search(f.read())
        if m:
            return proc, int(m.group(1))
        if proc.poll() is not None:
            break
        time.sleep(0.1)
    return proc, None


def stop_server(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=15)


def percentile(values, p):
    """Nearest-rank percentile of a non-empty list."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, -(-len(s) * p // 100) - 1))
    return s[int(k)]


def check_page(data, offset, label, want_prev, want_next):
    page = json.loads(data)
    results = page.get("results")
    if not isinstance(results, list) or len(results) != LIMIT:
        raise Fail("%s: expected %d results, got %s" % (label, LIMIT, None if results is None else len(results)))
    if page.get("offset") != offset:
        raise Fail("%s: offset %r, expected %d" % (label, page.get("offset"), offset))
    links = page.get("_links") or {}
    if want_prev and "prev" not in links:
        raise Fail("%s: no _links.prev" % label)
    if want_next != ("next" in links):
        raise Fail("%s: _links.next %s" % (label, "missing" if want_next else "present on the last page"))
    return [r.get("id") for r in results]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recall", required=True, help="path of the recall binary")
    ap.add_argument("--tmp", required=True, help="scratch directory (mbox, data dir, server log)")
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-seconds", type=float, default=900,
                    help="stop measuring after this long and report the requests done (default 900)")
    ap.add_argument("--request-timeout", type=float, default=300,
                    help="seconds one request may take; the first deep page may build an index (default 300)")
    a = ap.parse_args()
    if a.messages < DEEP_OFFSET + LIMIT:
        raise Fail("--messages must be at least %d for page %d to be full" % (DEEP_OFFSET + LIMIT, DEEP_PAGE))
    if a.requests < 1:
        raise Fail("--requests must be at least 1")

    mbox = os.path.join(a.tmp, "small.mbox")
    data_dir = os.path.join(a.tmp, "data")

    log("== generating %d small messages" % a.messages)
    t0 = time.monotonic()
    out = run([sys.executable, os.path.join(HERE, "browse_make_small_mbox.py"), mbox,
               "--messages", str(a.messages), "--seed", str(a.seed)], timeout=3600)
    gen_s = time.monotonic() - t0
    size_mb = os.path.getsize(mbox) / 1048576
    log("   %s (%.1f MiB) in %.1f s" % (out.strip(), size_mb, gen_s))

    log("== recall users add %s" % USER)
    run([a.recall, "users", "add", USER, "--password-stdin", "--data-dir", data_dir], timeout=120, stdin=PASSWORD + "\n")

    log("== recall import mbox (one folder: Inbox)")
    t0 = time.monotonic()
    run([a.recall, "import", "mbox", mbox, "--organization", ORG, "--mailbox", MAILBOX, "--folder", "Inbox",
         "--at", "2026-01-01T00:00:00Z", "--data-dir", data_dir, "--quiet"], timeout=4 * 3600)
    import_s = time.monotonic() - t0
    import_rate = a.messages / import_s
    log("   %.1f s, %.0f msg/s" % (import_s, import_rate))

    proc = None

    def on_term(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, on_term)
    try:
        log("== recall serve --no-tls (loopback, free port)")
        proc, port = start_server(a.recall, data_dir, a.tmp)
        if port is None:
            with open(os.path.join(a.tmp, "serve.log")) as f:
                raise Fail("server did not start:\n" + f.read()[-2000:])
        log("   http://127.0.0.1:%d/v3 (pid %d)" % (port, proc.pid))

        c = Client(port, a.request_timeout)
        form = urllib.parse.urlencode({"grant_type": "password", "username": USER, "password": PASSWORD})
        token = c.call("POST", "/v3/Token", form, "application/x-www-form-urlencoded")["access_token"]
        c.headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}
        orgs = c.call("GET", "/v3/Organizations")
        if not orgs:
            raise Fail("no organizations")
        session = c.call("POST", "/v3/Organizations/%s/Action" % orgs[0]["id"],
                         json.dumps({"explore": {"datetime": "2030-01-01 00:00"}}), "application/json", expect=201)["id"]
        base = "/v3/RestoreSessions/%s/Organization" % session
        mailboxes = c.call("GET", base + "/Mailboxes")["results"]
        if len(mailboxes) != 1:
            raise Fail("expected 1 mailbox, got %d" % len(mailboxes))
        mid = mailboxes[0]["id"]
        folders = c.call("GET", "%s/Mailboxes/%s/Folders?parentId=null&limit=1000" % (base, mid))["results"]
        inbox = [f for f in folders if f.get("name") == "Inbox"]
        if not inbox:
            raise Fail("no Inbox among %s" % [f.get("name") for f in folders])
        items = "%s/Mailboxes/%s/Items?folderId=%s" % (base, mid, urllib.parse.quote(inbox[0]["id"], safe=""))
        paths = {
            "first": "%s&offset=0&limit=%d" % (items, LIMIT),
            "deep": "%s&offset=%d&limit=%d" % (items, DEEP_OFFSET, LIMIT),
        }

        log("== warm-up: %d requests each" % a.warmup)
        last, cold = {}, {}
        t0 = time.monotonic()
        for w in range(max(1, a.warmup)):
            if w > 0 and time.monotonic() - t0 > a.max_seconds:
                raise Fail("warm-up took longer than --max-seconds %.0f" % a.max_seconds)
            for kind in ("first", "deep"):
                s, last[kind] = c.timed_get(paths[kind])
                cold.setdefault(kind, s)
        first_ids = check_page(last["first"], 0, "page 1", want_prev=False, want_next=True)
        deep_ids = check_page(last["deep"], DEEP_OFFSET, "page %d" % DEEP_PAGE, want_prev=True, want_next=DEEP_OFFSET + LIMIT < a.messages)
        if set(first_ids) & set(deep_ids):
            raise Fail("page 1 and page %d share items" % DEEP_PAGE)

        log("== measuring: %d requests each, interleaved" % a.requests)
        lat = {"first": [], "deep": []}
        t0 = time.monotonic()
        truncated = False
        for i in range(a.requests):
            if time.monotonic() - t0 > a.max_seconds:
                truncated = True
                break
            for kind in (("first", "deep") if i % 2 == 0 else ("deep", "first")):
                s, last[kind] = c.timed_get(paths[kind])
                lat[kind].append(s)
        wall = time.monotonic() - t0
        # The measured responses must still be the right pages.
        if check_page(last["first"], 0, "page 1", want_prev=False, want_next=True) != first_ids:
            raise Fail("page 1 changed during the run")
        if check_page(last["deep"], DEEP_OFFSET, "page %d" % DEEP_PAGE, want_prev=True, want_next=DEEP_OFFSET + LIMIT < a.messages) != deep_ids:
            raise Fail("page %d changed during the run" % DEEP_PAGE)
        c.conn.close()
    finally:
        stop_server(proc)

    rows = []
    for kind, label in (("first", "page 1 (offset 0)"), ("deep", "page %d (offset %d)" % (DEEP_PAGE, DEEP_OFFSET))):
        v = lat[kind]
        rows.append((label, len(v), len(v) / sum(v), statistics.median(v) * 1000, percentile(v, 99) * 1000))
    ratio = rows[1][2] / rows[0][2]

    log("")
    log("folder: %d messages in Inbox (%.0f MiB mbox); import %.1f s = %.0f msg/s; measuring took %.1f s"
        % (a.messages, size_mb, import_s, import_rate, wall))
    fmt = "%-28s %-9s %-9s %-9s %s"
    log(fmt % ("request (limit 30)", "requests", "req/s", "p50_ms", "p99_ms"))
    for label, n, rps, p50, p99 in rows:
        log(fmt % (label, n, "%.1f" % rps, "%.2f" % p50, "%.2f" % p99))
    log("first (cold) request: page 1 %.2f ms, page %d %.2f ms" % (cold["first"] * 1000, DEEP_PAGE, cold["deep"] * 1000))
    if truncated:
        log("NOTE: stopped after --max-seconds %.0f: %d of %d requests each" % (a.max_seconds, len(lat["first"]), a.requests))
    log("ratio page%d_req_per_s / page1_req_per_s = %.2f (target >= 0.90: %s)"
        % (DEEP_PAGE, ratio, "met" if ratio >= 0.9 else "NOT met"))
    log("checks: page %d holds %d results, has _links.prev, no overlap with page 1: ok" % (DEEP_PAGE, LIMIT))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Fail as e:
        print("bench-browse: %s" % e, file=sys.stderr)
        sys.exit(1)
    except subprocess.TimeoutExpired as e:
        print("bench-browse: timed out: %s" % " ".join(map(str, e.cmd[:3])), file=sys.stderr)
        sys.exit(1)
