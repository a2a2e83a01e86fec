#!/usr/bin/env python3
"""Soak: `--clients` concurrent clients (default 64) run the whole v3 restore flow against one `recall serve`, over
HTTPS (the default users run; the self-signed certificate is not verified), for `--minutes` (default 1).

Setup: a fresh data dir with the demo organization (`recall demo`, scale 400), a Maildir restore target for it and
`--users` users (default 8; clients are spread over them). Each client keeps one keep-alive connection and loops:

  token     a password grant before the load starts (clients log in 8 at a time: see LOGIN_CONCURRENCY) and in
            2% of passes after (a new token family), a refresh grant in about a third of the passes (its own
            single-use refresh token), else the access token it has;
  explore   GET /v3/Organizations (the demo organization, its backup range), POST …/Organizations/{id}/Action
            {"explore": …} at a random time in the range with random showDeleted/showAllVersions -> 201, then
            GET the session (Working);
  browse    GET …/Organization, the mailbox pages (limit 2, following the `next` links), one mailbox by id, its
            top-level folders, one folder's children and item pages (limit 10, `next` links, up to 3 pages),
            one item by id;
  act       one or two of: savetoEml one item (message/rfc822), savetoEml two items (ZIP), exporttoMbox two items,
            restoreTo one item into the client's own mailbox under the target (a client deletes its own restored
            Maildir now and then, which keeps the disk bounded), restoretoOriginallocation of one item;
            each must answer 200 with the right body;
  events    every event page (random limit 1-30, `next` links): `order` exactly 0..n-1, "Restore session started"
            first, then one event per action in the order the client ran them (type Save/Export/Restore, status
            Success) and nothing else ("zero lost events"); one event re-read by id;
  stop      POST …/Action {"stop": null} -> 200, GET the session (Stopped, endTime), the events again (the same
            ones plus "Restore session stopped" last), and browsing the stopped session -> 400 as documented.

Any other status, a malformed body, a connection error or an event mismatch counts as an error (the first ones are
printed with the request and the answer). Every 5 s the server's VmRSS (/proc/PID/status), threads, open files and
the requests per second are printed as a table. At the end every user's session list must hold each session the
clients created, all Stopped; the server must stop cleanly on SIGTERM, and the database must pass
`PRAGMA integrity_check` and `recall repository verify`.

Memory is "flat after warm-up" when the RSS of the last sample under load is at most the RSS at the end of the
warm-up (the first 20% of the run, and at least until every client has finished one pass) plus max(32 MiB, 25% of that baseline): the server's bounded caches (sessions,
tokens, page positions) and the allocator's high-water mark may still settle after warm-up, a leak of even a few
hundred bytes per request does not fit in that over a 10-minute run at this rate. The slope of RSS after warm-up
(least squares, MiB/min) is printed too.

Exit 0 only with zero errors, zero lost events, flat memory and clean checks; otherwise `FAIL: …` and exit 1.

Usage: soak.py RECALL_BINARY [--minutes N] [--clients N] [--users N] [--scale N] [--seed N] [--keep]
Standard library only.
"""
import argparse
import http.client
import json
import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from recall_server import Failure, Server, connect, request_parts  # noqa: E402

REQUEST_TIMEOUT = 60.0
PASSWORD = "soak-test-secret"
ORGANIZATION = "demo.onmicrosoft.com"
STARTED, STOPPED = "Restore session started", "Restore session stopped"
SAMPLE_SECONDS = 5
WARMUP_FRACTION = 0.2
RSS_TOLERANCE_MIB = 32
RSS_TOLERANCE_FRACTION = 0.25
MAX_REPORTED_ERRORS = 20
MIB = 1024 * 1024
# Clients log in this many at a time before the load starts: each password grant is a bcrypt check (cost 12), which
# the server runs on a thread pool as large as the machine has cores; 64 at once queue for over a minute on the debug
# build of a 2-core machine, past any client's timeout. In the loop a password grant is 2% of passes.
LOGIN_CONCURRENCY = 8


class Timeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise Timeout()


class Unexpected(Exception):
    """One client-visible error: what was asked and what came back."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


# ---------------------------------------------------------------------------------------------------------------
# HTTP


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)


class Client:
    """One keep-alive HTTPS connection; counts requests and keeps their latencies."""

    def __init__(self, port, tls):
        self.port, self.tls, self.conn = port, tls, None
        self.requests = 0
        self.latencies = []

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def dropped(self):
        """Whether the server has closed the kept-alive connection (readable while idle means EOF or a TLS
        close_notify): checked before each reuse, as urllib3 and other pooling clients do."""
        sock = self.conn.sock
        if sock is None:
            return True
        try:
            readable, _, _ = select.select([sock], [], [], 0)
        except (OSError, ValueError):
            return True
        return bool(readable)

    def send(self, method, path, token=None, json_body=None, form=None, raw_body=None):
        if self.conn is not None and self.dropped():
            self.close()
        if self.conn is None:
            self.conn = connect(self.port, self.tls, REQUEST_TIMEOUT)
        body, headers = request_parts(token, json_body, form, raw_body)
        began = time.monotonic()
        self.requests += 1
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            raise Unexpected("connection", "%s %s: no answer: %r" % (method, path, error))
        self.latencies.append(time.monotonic() - began)
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)

    def expect(self, status, method, path, what=None, **kwargs):
        answer = self.send(method, path, **kwargs)
        if answer.status != status:
            sent = kwargs.get("json_body", kwargs.get("form"))
            if isinstance(sent, dict) and "password" in sent:
                sent = dict(sent, password="…")
            raise Unexpected("status", "%s %s%s -> %d, expected %d: %r" % (
                method, path, "" if sent is None else " " + json.dumps(sent), answer.status, status, answer.body[:400]))
        return answer

    def expect_json(self, status, method, path, **kwargs):
        answer = self.expect(status, method, path, **kwargs)
        try:
            return answer.json()
        except ValueError:
            raise Unexpected("body", "%s %s -> %d with a body that is not JSON: %r" % (method, path, status, answer.body[:400]))


def link_path(href):
    """The path and query of an absolute `_links` href."""
    parts = urllib.parse.urlsplit(href)
    return parts.path + ("?" + parts.query if parts.query else "")


def check(condition, kind, message):
    if not condition:
        raise Unexpected(kind, message)


# ---------------------------------------------------------------------------------------------------------------
# The server


# ---------------------------------------------------------------------------------------------------------------
# Shared tallies


class Tally:
    def __init__(self, clients):
        self.lock = threading.Lock()
        self.clients = clients
        self.first_passes = 0
        self.all_started_at = None  # when the last client finished its first pass
        self.errors = []  # (kind, message)
        self.error_kinds = {}
        self.sessions = {}  # session id -> user
        self.counts = {"passes": 0, "sessions": 0, "stopped": 0, "password_grants": 0, "refresh_grants": 0,
                       "actions": 0, "events_checked": 0, "items_browsed": 0, "restored_bytes_deleted": 0}
        self.action_counts = {}

    def first_pass_done(self):
        with self.lock:
            self.first_passes += 1
            if self.first_passes == self.clients and self.all_started_at is None:
                self.all_started_at = time.monotonic()

    def error(self, kind, message):
        with self.lock:
            self.errors.append((kind, message))
            self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1
            if len(self.errors) <= MAX_REPORTED_ERRORS:
                print("ERROR (%s) %s" % (kind, message), flush=True)

    def add(self, key, amount=1):
        with self.lock:
            self.counts[key] += amount

    def created(self, sid, user):
        with self.lock:
            self.sessions[sid] = user
            self.counts["sessions"] += 1

    def acted(self, name):
        with self.lock:
            self.action_counts[name] = self.action_counts.get(name, 0) + 1
            self.counts["actions"] += 1


# ---------------------------------------------------------------------------------------------------------------
# One client


class SoakClient:
    ACTIONS = ("save-eml", "save-zip", "export-mbox", "restore-to", "restore-original")

    def __init__(self, number, port, user, restore_root, tally, rng, stop_event):
        self.number, self.user, self.tally, self.rng, self.stop_event = number, user, tally, rng, stop_event
        self.http = Client(port, True)
        self.restore_mailbox = "soak-client-%02d@restore.test" % number
        self.restore_dir = os.path.join(restore_root, self.restore_mailbox)
        self.access = self.refresh = None
        self.passes = 0

    # -- token --------------------------------------------------------------------------------------------------

    def password_grant(self):
        grant = self.http.expect_json(200, "POST", "/v3/Token",
                                      form={"grant_type": "password", "username": self.user, "password": PASSWORD})
        self.tally.add("password_grants")
        return grant

    def login(self, gate, ready):
        """The first password grant, a few clients at a time (`gate`), then wait for every client (`ready`)."""
        try:
            with gate:
                grant = self.password_grant()
            self.access, self.refresh = grant["access_token"], grant["refresh_token"]
        except Unexpected as error:
            self.tally.error(error.kind, "client %d: login: %s" % (self.number, error))
        except Exception as error:
            self.tally.error("client-bug", "client %d: login: %s: %s" % (self.number, type(error).__name__, error))
        ready.wait()
        # The wait can pass the server's 30-s request deadline, which closes the connection; a request sent just as
        # it closes is lost either way (and over TLS may run unanswered: scripts/faults/tls_idle_close.py). Start
        # the load on a fresh connection; in the loop a client is never idle that long.
        self.http.close()

    def token(self):
        roll = self.rng.random()
        if self.access is None or roll < 0.02:
            grant = self.password_grant()
        elif roll < 0.35:
            grant = self.http.expect_json(200, "POST", "/v3/Token",
                                          form={"grant_type": "refresh_token", "refresh_token": self.refresh})
            self.tally.add("refresh_grants")
        else:
            return
        check(grant.get("token_type") == "bearer" and grant.get("access_token") and grant.get("refresh_token")
              and grant.get("userName") == self.user, "body", "token answer is malformed: %r" % grant)
        self.access, self.refresh = grant["access_token"], grant["refresh_token"]

    # -- one pass -----------------------------------------------------------------------------------------------

    def run_pass(self):
        self.token()
        t = self.access
        organizations = self.http.expect_json(200, "GET", "/v3/Organizations", token=t)
        organization = next((o for o in organizations if o.get("name") == ORGANIZATION), None)
        check(organization is not None, "body", "GET /v3/Organizations has no %s: %r" % (ORGANIZATION, organizations))
        first = parse_time(organization["firstBackuptime"])
        last = parse_time(organization["lastBackuptime"])
        moment = first + (last - first + timedelta(hours=12)) * self.rng.random()
        explore = {"datetime": moment.strftime("%Y.%m.%d %H:%M:%S"), "type": "vex"}
        if self.rng.random() < 0.3:
            explore["showDeleted"] = True
        if self.rng.random() < 0.2:
            explore["showAllVersions"] = True
        session = self.http.expect_json(201, "POST", "/v3/Organizations/%s/Action" % organization["id"], token=t,
                                        json_body={"explore": explore})
        sid = session.get("id")
        check(sid and session.get("state") == "Working" and session.get("result") == "Success", "body",
              "explore answered %r" % session)
        self.tally.created(sid, self.user)
        base = "/v3/RestoreSessions/%s" % sid
        try:
            got = self.http.expect_json(200, "GET", base, token=t)
            check(got.get("id") == sid and got.get("state") == "Working" and "endTime" not in got, "body",
                  "GET %s answered %r" % (base, got))
            expected_events = self.browse_and_act(base, t)
            events = self.read_events(base, t, [STARTED] + expected_events, stopped=False)
            some = self.rng.choice(events)
            one = self.http.expect_json(200, "GET", "%s/Events/%s" % (base, some["id"]), token=t)
            check(one.get("id") == some["id"] and one.get("order") == some["order"], "lost-event",
                  "GET %s/Events/%s answered %r, the page said %r" % (base, some["id"], one, some))
        except Unexpected:
            try:  # leave no session running behind an error (the error itself is what gets reported)
                self.stop(base, t)
            except Unexpected:
                pass
            raise
        self.stop(base, t)
        after = self.http.expect_json(200, "GET", base, token=t)
        check(after.get("state") == "Stopped" and "endTime" in after, "body", "after stop GET %s answered %r" % (base, after))
        self.tally.add("stopped")
        events_after = self.read_events(base, t, [STARTED] + expected_events + [STOPPED], stopped=True)
        check([e["id"] for e in events_after[:-1]] == [e["id"] for e in events], "lost-event",
              "events of %s changed across the stop: %s then %s" % (sid, [e["id"] for e in events], [e["id"] for e in events_after]))
        self.http.expect(400, "GET", base + "/Organization/Mailboxes", token=t)
        self.passes += 1
        self.tally.add("passes")
        if self.passes == 1:
            self.tally.first_pass_done()
        if self.passes % 20 == 0 and os.path.isdir(self.restore_dir):
            shutil.rmtree(self.restore_dir)

    def stop(self, base, t):
        self.http.expect(200, "POST", base + "/Action", token=t, json_body={"stop": None})

    # -- browse and act -----------------------------------------------------------------------------------------

    def pages(self, path, t, limit_key="limit", max_pages=None):
        """Results of every page, following `next` links (at most max_pages)."""
        results = []
        pages = 0
        while path is not None:
            page = self.http.expect_json(200, "GET", path, token=t)
            check(isinstance(page.get("results"), list), "body", "GET %s is not a page: %r" % (path, page))
            results += page["results"]
            pages += 1
            following = (page.get("_links") or {}).get("next")
            path = link_path(following["href"]) if following and (max_pages is None or pages < max_pages) else None
        return results

    def browse_and_act(self, base, t):
        """Browses the session and runs one or two actions; returns the event types they must have recorded."""
        organization = self.http.expect_json(200, "GET", base + "/Organization", token=t)
        check(organization.get("name", "").startswith(ORGANIZATION), "body", "GET %s/Organization answered %r" % (base, organization))
        mailboxes = self.pages(base + "/Organization/Mailboxes?limit=2", t)
        if not mailboxes:  # explored before a mailbox's first backup: nothing to browse
            return []
        mailbox = self.rng.choice(mailboxes)
        mbase = "%s/Organization/Mailboxes/%s" % (base, mailbox["id"])
        again = self.http.expect_json(200, "GET", mbase, token=t)
        check(again.get("id") == mailbox["id"] and again.get("email") == mailbox.get("email"), "body",
              "GET %s answered %r, the page said %r" % (mbase, again, mailbox))
        roots = self.pages(mbase + "/Folders?parentId=null", t)
        check(roots, "body", "mailbox %s has no top-level folder" % mailbox.get("email"))
        folder = self.rng.choice(roots)
        fid = urllib.parse.quote(folder["id"], safe="")
        self.pages("%s/Folders?parentId=%s" % (mbase, fid), t)
        items = self.pages("%s/Items?folderId=%s&limit=10" % (mbase, fid), t, max_pages=3)
        if len(items) < 2:  # a folder with one message: add others of the mailbox (distinct ids: the server
            seen = {i["id"] for i in items}  # exports an item named twice once)
            items += [i for i in self.pages("%s/Items?limit=10" % mbase, t, max_pages=1) if i["id"] not in seen]
        self.tally.add("items_browsed", len(items))
        if not items:
            return []
        item = self.rng.choice(items)
        iid = urllib.parse.quote(item["id"], safe="")
        got = self.http.expect_json(200, "GET", "%s/Items/%s" % (mbase, iid), token=t)
        check(got.get("id") == item["id"] and got.get("subject") == item.get("subject"), "body",
              "GET item %s answered %r, the page said %r" % (item["id"], got, item))
        expected = []
        for _ in range(1 if self.rng.random() < 0.6 else 2):
            name = self.rng.choice(self.ACTIONS)
            expected.append(self.act(name, mbase, t, item, items))
            self.tally.acted(name)
        return expected

    def act(self, name, mbase, t, item, items):
        """Runs one action, checks its answer; returns the event type it must have recorded."""
        iid = urllib.parse.quote(item["id"], safe="")
        pair = [{"id": i["id"]} for i in self.rng.sample(items, min(2, len(items)))]
        if name == "save-eml":
            answer = self.http.expect(200, "POST", "%s/Items/%s/Action" % (mbase, iid), token=t, json_body={"savetoEml": None})
            check(answer.headers.get("content-type", "").startswith("message/rfc822") and len(answer.body) > 0, "body",
                  "savetoEml answered %s with %d bytes" % (answer.headers.get("content-type"), len(answer.body)))
            return "Save"
        if name == "save-zip":
            answer = self.http.expect(200, "POST", "%s/Items/Action" % mbase, token=t, json_body={"savetoEml": {"items": pair}})
            expected_type = "application/zip" if len(pair) > 1 else "message/rfc822"
            check(answer.headers.get("content-type", "").startswith(expected_type) and len(answer.body) > 0
                  and (len(pair) == 1 or answer.body[:2] == b"PK"), "body",
                  "savetoEml of items %s answered %s with %r…" % (pair, answer.headers.get("content-type"), answer.body[:8]))
            return "Save"
        if name == "export-mbox":
            answer = self.http.expect(200, "POST", "%s/Items/Action" % mbase, token=t, json_body={"exporttoMbox": {"items": pair}})
            check(answer.headers.get("content-type", "").startswith("application/mbox") and answer.body.startswith(b"From ")
                  and answer.body.count(b"\nFrom ") + 1 >= len(pair), "body",
                  "exporttoMbox of items %s answered %s with %r…" % (pair, answer.headers.get("content-type"), answer.body[:40]))
            return "Export"
        if name == "restore-to":
            counts = self.http.expect_json(200, "POST", "%s/Items/%s/Action" % (mbase, iid), token=t, json_body={
                "restoreTo": {"mailbox": self.restore_mailbox, "folder": "Soak/Restored", "changedItems": True,
                              "deletedItems": True, "markRestoredAsUnread": self.rng.random() < 0.5}})
        else:  # restore-original
            counts = self.http.expect_json(200, "POST", "%s/Items/%s/Action" % (mbase, iid), token=t,
                                           json_body={"restoretoOriginallocation": None})
        total = sum(counts.get(k, 0) for k in ("createdItemsCount", "mergedItemsCount", "skippedItemsCount"))
        check(counts.get("failedItemsCount") == 0 and total == 1, "body", "%s of one item answered %r" % (name, counts))
        return "Restore"

    # -- events -------------------------------------------------------------------------------------------------

    def read_events(self, base, t, expected, stopped):
        """Every event page; `order` 0..n-1 and exactly the expected events (titles for session events, types for
        actions). Returns the events."""
        limit = self.rng.randint(1, 30)
        events = self.pages("%s/Events?limit=%d" % (base, limit), t)
        self.tally.add("events_checked", len(events))
        orders = [e.get("order") for e in events]
        check(orders == list(range(len(events))), "lost-event", "%s/Events: orders %s are not 0..%d" % (base, orders, len(events) - 1))
        seen = []
        for e in events:
            if e.get("type") == "None":
                seen.append(e.get("title"))
            else:
                seen.append(e.get("type"))
                check(e.get("status") == "Success", "lost-event", "%s/Events: an action event is %r" % (base, e))
        check(seen == expected, "lost-event", "%s/Events: saw %s, expected %s (limit %d)" % (base, seen, expected, limit))
        return events

    # -- the loop -----------------------------------------------------------------------------------------------

    def loop(self, gate, ready):
        self.login(gate, ready)
        try:
            while not self.stop_event.is_set():
                try:
                    self.run_pass()
                except Unexpected as error:
                    self.tally.error(error.kind, "client %d: %s" % (self.number, error))
                    self.access = None  # start again with a password grant, as a client does after an error
                    if error.kind == "connection":
                        time.sleep(0.5)
        except Exception as error:  # a bug here: still counted, never silent
            self.tally.error("client-bug", "client %d: %s: %s" % (self.number, type(error).__name__, error))
        finally:
            self.http.close()


def parse_time(text):
    text = text.rstrip("Z")
    if "." in text:
        text = text[:text.index(".")]
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc)


# ---------------------------------------------------------------------------------------------------------------


def slope_mib_per_minute(points):
    """Least-squares slope of (seconds, bytes) in MiB per minute."""
    if len(points) < 2:
        return 0.0
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    sxx = sum((p[0] - mx) ** 2 for p in points)
    if sxx == 0:
        return 0.0
    return sum((p[0] - mx) * (p[1] - my) for p in points) / sxx * 60 / MIB


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(fraction * len(sorted_values)))]


def main():
    parser = argparse.ArgumentParser(description="soak recall serve with concurrent v3 clients")
    parser.add_argument("recall")
    parser.add_argument("--minutes", type=float, default=1)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--scale", type=int, default=400)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    options = parser.parse_args()
    recall = os.path.abspath(options.recall)
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    duration = options.minutes * 60
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(int(duration) + 600)
    began = time.monotonic()
    work = tempfile.mkdtemp(prefix="recall-soak-")
    data = os.path.join(work, "data")
    restore_root = os.path.join(work, "restored")
    server = Server(recall, data, os.path.join(work, "serve.log"))
    tally = Tally(options.clients)
    users = ["soak%d" % n for n in range(options.users)]
    passed = False
    print("soak: %d clients over %d users for %g min, HTTPS, seed %d, work dir %s"
          % (options.clients, len(users), options.minutes, seed, work), flush=True)
    try:
        def cli(*args):
            done = subprocess.run([recall, *args, "--data-dir", data], capture_output=True, timeout=600)
            if done.returncode != 0:
                raise Failure("recall %s exited %d: %s" % (" ".join(args), done.returncode, (done.stderr or done.stdout)[-2000:]))
            return done

        cli("demo", "--scale", str(options.scale), "--quiet")
        cli("organizations", "set-target", ORGANIZATION, "--maildir", restore_root)
        adds = [subprocess.Popen([recall, "users", "add", user, "--password-stdin", "--data-dir", data],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for user in users]
        for user, process in zip(users, adds):
            output, _ = process.communicate((PASSWORD + "\n").encode(), timeout=300)
            if process.returncode != 0:
                raise Failure("recall users add %s exited %d: %s" % (user, process.returncode, output[-1000:]))
        server.start()
        print("setup done in %.1f s; recall serve pid %d on https://127.0.0.1:%d" % (time.monotonic() - began, server.process.pid, server.port), flush=True)

        stop_event = threading.Event()
        clients = [SoakClient(n, server.port, users[n % len(users)], restore_root, tally, random.Random(seed * 1000 + n), stop_event)
                   for n in range(options.clients)]
        gate = threading.Semaphore(LOGIN_CONCURRENCY)
        ready = threading.Barrier(options.clients + 1)
        threads = [threading.Thread(target=c.loop, args=(gate, ready), daemon=True) for c in clients]
        login_began = time.monotonic()
        for thread in threads:
            thread.start()
        ready.wait(timeout=600)
        load_began = time.monotonic()
        print("%d clients logged in (password grant, %d at a time) in %.1f s; load starts" % (
            options.clients, LOGIN_CONCURRENCY, load_began - login_began), flush=True)

        samples = []  # (seconds, rss, hwm, threads, files, requests, req/s, sessions, errors)
        print("\n%7s %9s %9s %8s %6s %6s %9s %8s %9s %7s" % ("time s", "RSS MiB", "peak MiB", "threads", "fds", "CPU %", "requests", "req/s", "sessions", "errors"), flush=True)
        last_requests, last_time = 0, load_began
        last_cpu = server.status()[4]
        next_sample = load_began + SAMPLE_SECONDS
        while True:
            now = time.monotonic()
            end = load_began + duration
            time.sleep(max(0.0, min(next_sample, end) - now))
            now = time.monotonic()
            if server.process.poll() is not None:
                raise Failure("recall serve exited with status %d under load" % server.process.returncode)
            rss, hwm, nthreads, files, cpu = server.status()
            requests = sum(c.http.requests for c in clients)
            rate = (requests - last_requests) / max(1e-9, now - last_time)
            cpu_percent = 100 * (cpu - last_cpu) / max(1e-9, now - last_time)
            last_requests, last_time, last_cpu = requests, now, cpu
            row = (now - load_began, rss, hwm, nthreads, files, requests, rate, tally.counts["sessions"], len(tally.errors))
            samples.append(row)
            print("%7.0f %9.1f %9.1f %8d %6d %6.0f %9d %8.0f %9d %7d" % (
                row[0], rss / MIB, hwm / MIB, nthreads, files, cpu_percent, requests, rate, row[7], row[8]), flush=True)
            next_sample += SAMPLE_SECONDS
            if now >= end - 0.05:
                break

        stop_event.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT * 3)
            if thread.is_alive():
                raise Failure("a client did not finish its pass within %d s of the end" % (REQUEST_TIMEOUT * 3))
        load_seconds = time.monotonic() - load_began

        # Every session the clients created is in its user's list, Stopped.
        checker = Client(server.port, True)
        try:
            listed = {}
            for user in users:
                grant = checker.expect_json(200, "POST", "/v3/Token", form={"grant_type": "password", "username": user, "password": PASSWORD})
                for session in checker.expect_json(200, "GET", "/v3/RestoreSessions", token=grant["access_token"]):
                    listed[session["id"]] = (user, session.get("state"))
        except Unexpected as error:
            raise Failure("final session listing: %s" % error)
        finally:
            checker.close()
        missing = [sid for sid, user in tally.sessions.items() if listed.get(sid, (None,))[0] != user]
        running = [sid for sid, (user, state) in listed.items() if state != "Stopped"]
        if missing:
            raise Failure("%d sessions the clients created are not in their user's session list, e.g. %s" % (len(missing), missing[:3]))
        if running:
            raise Failure("%d sessions are not Stopped after every client stopped its sessions, e.g. %s" % (len(running), running[:3]))

        status = server.terminate()
        if status != 0:
            raise Failure("recall serve exited with status %s on SIGTERM" % status)
        db = sqlite3.connect(os.path.join(data, "recall.sqlite"))
        try:
            integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
            foreign = db.execute("PRAGMA foreign_key_check").fetchall()
            event_rows = db.execute("SELECT count(*) FROM session_events").fetchone()[0]
        finally:
            db.close()
        if integrity != ["ok"] or foreign:
            raise Failure("database after the soak: integrity_check %s, foreign_key_check %s" % (integrity[:10], foreign[:5]))
        cli("repository", "verify")

        # Figures.
        # Warm-up: the first 20% of the run, and at least until every client has finished one pass (64 logins at
        # once queue behind bcrypt, so the first passes take a while).
        all_started = (tally.all_started_at or time.monotonic()) - load_began
        warmup_end = max(duration * WARMUP_FRACTION, all_started)
        baseline = next((s for s in samples if s[0] >= warmup_end - 0.5), samples[-1])
        final = samples[-1]
        tolerance = max(RSS_TOLERANCE_MIB * MIB, RSS_TOLERANCE_FRACTION * baseline[1])
        after_warmup = [(s[0], s[1]) for s in samples if s[0] >= baseline[0]]
        latencies = sorted(x for c in clients for x in c.http.latencies)
        requests = sum(c.http.requests for c in clients)
        counts = tally.counts
        print("\ntotals after %.1f s of load (%d clients, %d users):" % (load_seconds, options.clients, len(users)))
        print("  requests        %d (%.0f req/s), errors %d%s" % (requests, requests / load_seconds, len(tally.errors),
              "" if not tally.errors else " " + json.dumps(tally.error_kinds)))
        print("  latency         p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (
            percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000, (latencies[-1] if latencies else 0) * 1000))
        print("  passes          %d full flows; sessions created %d, stopped %d (all listed, all Stopped)" % (
            counts["passes"], counts["sessions"], counts["stopped"]))
        print("  tokens          %d password grants, %d refresh grants" % (counts["password_grants"], counts["refresh_grants"]))
        print("  actions         %d: %s" % (counts["actions"], ", ".join("%s %d" % kv for kv in sorted(tally.action_counts.items()))))
        print("  events checked  %d (order gap-free, exactly the expected ones), %d event rows in the store" % (counts["events_checked"], event_rows))
        print("  items browsed   %d" % counts["items_browsed"])
        print("  warm-up         %.0f s (every client had finished a pass after %.1f s)" % (warmup_end, all_started))
        print("  RSS             warm-up end (%.0f s) %.1f MiB, end (%.0f s) %.1f MiB, growth %+.1f MiB (limit %.1f MiB), "
              "slope after warm-up %+.2f MiB/min, peak %.1f MiB" % (
                  baseline[0], baseline[1] / MIB, final[0], final[1] / MIB, (final[1] - baseline[1]) / MIB, tolerance / MIB,
                  slope_mib_per_minute(after_warmup), max(s[2] for s in samples) / MIB))
        print("  RSS series MiB  %s" % " ".join("%.0f" % (s[1] / MIB) for s in samples))
        print("  store           integrity ok, foreign keys ok, repository verify ok; restore target %.1f MiB"
              % (sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(restore_root) for f in fs) / MIB))
        problems = []
        if tally.errors:
            problems.append("%d errors %s" % (len(tally.errors), json.dumps(tally.error_kinds)))
        if final[1] - baseline[1] > tolerance:
            problems.append("memory grew %.1f MiB after warm-up (%.1f -> %.1f MiB), more than %.1f MiB"
                            % ((final[1] - baseline[1]) / MIB, baseline[1] / MIB, final[1] / MIB, tolerance / MIB))
        if tally.all_started_at is None:
            problems.append("only %d of %d clients finished a pass" % (tally.first_passes, options.clients))
        if problems:
            raise Failure("; ".join(problems))
        print("soak passed in %.1f s" % (time.monotonic() - began), flush=True)
        passed = True
    except Failure as failure:
        print("FAIL: %s" % failure, flush=True)
    except Timeout:
        print("FAIL: timed out", flush=True)
    except Exception as error:  # a bug here: still a clear failure
        import traceback
        traceback.print_exc()
        print("FAIL: %s: %s" % (type(error).__name__, error), flush=True)
    finally:
        signal.alarm(0)
        if server.process is not None and server.process.poll() is None:
            server.process.kill()
            server.process.wait()
        if not passed:
            tail = server.log_tail()
            if tail:
                sys.stdout.write("--- recall serve log (tail) ---\n%s\n" % tail)
            print("(seed %d)" % seed, flush=True)
        if options.keep or not passed:
            print("work dir kept: %s" % work, flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
