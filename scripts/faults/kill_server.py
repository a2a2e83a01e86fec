#!/usr/bin/env python3
"""Crash safety of restore sessions: kill -9 `recall serve` while 64 clients create, use and stop sessions.

Sets up a data dir (the demo organization at a small scale, a few users), starts `recall serve`, and runs
`--clients` threads that each loop: explore (POST /v3/Organizations/{id}/Action -> 201), sometimes save one item
as .eml (the action records a Save event before the body ends), sometimes stop the session (-> 200). Every answer
a client *received in full* is recorded: the 201s (session ids), the completed saves and the 200 stops. After a
few seconds of load the server gets SIGKILL; a connection error after that ends a client, anything unexpected
before it (a non-201/200 status, a connection error) is a failure.

Then, on what the kill left behind:
  1. a copy of recall.sqlite (+ its WAL) passes `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, and its
     rows agree: every recorded session is there, each session's events are numbered 0..n-1 with n =
     restore_sessions.event_count, order 0 is "Restore session started", a stopped session's last event is
     "Restore session stopped", every recorded stop is stopped and every recorded save has its event;
  2. `recall repository verify` exits 0;
  3. `recall serve` restarts on the same data dir (serve.lock was released by the kernel), the access tokens issued
     before the kill still work, and through the API every recorded session answers GET /v3/RestoreSessions/{id}
     with 200, its events (paged through, some with limit=1) have gap-free `order` 0..n-1 and begin with the
     database copy's events (same ids, same order: the restart may only add the stop of a crash-interrupted stop),
     recorded stops are `Stopped` with an `endTime`, recorded saves have their Save event.
With --rounds N (default 2) the load/kill/check cycle repeats on the same data dir (each restart is then killed in
turn): the database checks cover every session of every round after each kill, the API checks each round's sessions
after the restart that follows it. At the end the server stops with SIGTERM and the database
is checked once more (no session left `stopping`).

Prints a summary (sessions created, saves, stops, sessions and events checked, time); on the first failure prints
`FAIL: ...` with the server log's tail and exits 1.

Usage: kill_server.py RECALL_BINARY [--clients N] [--rounds N] [--load-seconds S] [--no-tls] [--seed N] [--keep]
Standard library only.
"""
import argparse
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from recall_server import Failure, Server, connect, request_parts  # noqa: E402

TIMEOUT_SECONDS = 420  # the whole run; CI must never hang
REQUEST_TIMEOUT = 30.0
PASSWORD = "kill-test-secret"
ORGANIZATION = "demo.onmicrosoft.com"
STARTED, STOPPED = "Restore session started", "Restore session stopped"


class Timeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise Timeout()


# ---------------------------------------------------------------------------------------------------------------
# HTTP


class Client:
    """One keep-alive connection (HTTPS unverified: the server's certificate is self-signed)."""

    def __init__(self, port, tls):
        self.port, self.tls, self.conn = port, tls, None

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def request(self, method, path, token=None, json_body=None, form=None):
        """(status, body bytes); raises OSError / http.client.HTTPException when the connection fails."""
        if self.conn is None:
            self.conn = connect(self.port, self.tls, REQUEST_TIMEOUT)
        body, headers = request_parts(token, json_body, form)
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except BaseException:
            self.close()
            raise
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, data


def expect(client, status, method, path, **kwargs):
    got, body = client.request(method, path, **kwargs)
    if got != status:
        raise Failure("%s %s -> %d, expected %d: %r" % (method, path, got, status, body[:300]))
    return body


def expect_json(client, status, method, path, **kwargs):
    body = expect(client, status, method, path, **kwargs)
    try:
        return json.loads(body)
    except ValueError:
        raise Failure("%s %s -> %d with a body that is not JSON: %r" % (method, path, status, body[:300]))


def password_grant(client, user):
    return expect_json(client, 200, "POST", "/v3/Token", form={"grant_type": "password", "username": user, "password": PASSWORD})


# ---------------------------------------------------------------------------------------------------------------
# The server


# ---------------------------------------------------------------------------------------------------------------
# What the clients saw


class Ledger:
    """Everything a client received in full, across rounds."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sessions = {}  # session id -> user
        self.stopped = set()
        self.saves = {}  # session id -> completed saves
        self.save_attempts = {}  # session id -> saves sent (answered or not)
        self.failures = []

    def created(self, sid, user):
        with self.lock:
            self.sessions[sid] = user

    def attempted_save(self, sid):
        with self.lock:
            self.save_attempts[sid] = self.save_attempts.get(sid, 0) + 1

    def saved(self, sid):
        with self.lock:
            self.saves[sid] = self.saves.get(sid, 0) + 1

    def stop(self, sid):
        with self.lock:
            self.stopped.add(sid)

    def fail(self, message):
        with self.lock:
            self.failures.append(message)


def client_loop(number, port, tls, users, tokens, organization_id, item_paths, ledger, killed, seed):
    """Explore, maybe save an item, maybe stop; until the kill ends the connection."""
    rng = random.Random(seed * 1000 + number)
    user = users[number % len(users)]
    token = tokens[user]
    client = Client(port, tls)
    step = "start"
    try:
        while True:
            step = "explore"
            status, body = client.request("POST", "/v3/Organizations/%s/Action" % organization_id, token=token,
                                          json_body={"explore": {"datetime": "2026.01.08 12:00", "type": "vex"}})
            if status != 201:
                raise Failure("explore -> %d, expected 201: %r" % (status, body[:300]))
            sid = json.loads(body)["id"]
            ledger.created(sid, user)
            if rng.random() < 0.3:
                step = "savetoEml"
                ledger.attempted_save(sid)
                status, body = client.request("POST", "/v3/RestoreSessions/%s/Organization/%s/Action" % (sid, item_paths[user]),
                                              token=token, json_body={"savetoEml": None})
                if status != 200 or not body:
                    raise Failure("savetoEml -> %d, expected 200 with the message: %r" % (status, body[:300]))
                ledger.saved(sid)
            if rng.random() < 0.75:
                step = "stop"
                status, body = client.request("POST", "/v3/RestoreSessions/%s/Action" % sid, token=token, json_body={"stop": None})
                if status != 200:
                    raise Failure("stop -> %d, expected 200: %r" % (status, body[:300]))
                ledger.stop(sid)
    except (OSError, http.client.HTTPException) as error:
        if not killed.is_set():
            ledger.fail("client %d: %s: connection failed before the kill: %r" % (number, step, error))
    except Failure as error:
        ledger.fail("client %d: %s" % (number, error))
    except Exception as error:  # a bug here: still a clear failure
        ledger.fail("client %d: %s: %s: %s" % (number, step, type(error).__name__, error))
    finally:
        client.close()


# ---------------------------------------------------------------------------------------------------------------
# Checks


def check_database_copy(data, work, ledger):
    """Integrity of what the kill left (on a copy, so the server's own recovery is what the restart exercises).
    Returns {session id: [event ids in order]} for every recorded session."""
    copy = os.path.join(work, "db-copy")
    shutil.rmtree(copy, ignore_errors=True)
    os.makedirs(copy)
    for suffix in ("", "-wal"):
        source = os.path.join(data, "recall.sqlite" + suffix)
        if os.path.exists(source):
            shutil.copyfile(source, os.path.join(copy, "recall.sqlite" + suffix))
    db = sqlite3.connect(os.path.join(copy, "recall.sqlite"))
    try:
        integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            raise Failure("PRAGMA integrity_check: %s" % integrity[:20])
        foreign = db.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            raise Failure("PRAGMA foreign_key_check: %d violations, e.g. %s" % (len(foreign), foreign[:5]))
        # Every session in the store, recorded or not: events 0..n-1, n = event_count.
        bad = db.execute("""
            SELECT hex(s.id), s.event_count, count(e.id), min(e.ord), max(e.ord)
            FROM restore_sessions s LEFT JOIN session_events e ON e.session_id = s.id
            GROUP BY s.id
            HAVING count(e.id) <> s.event_count OR count(e.id) = 0 OR min(e.ord) <> 0 OR max(e.ord) <> count(e.id) - 1
        """).fetchall()
        if bad:
            raise Failure("%d sessions whose event rows are not 0..event_count-1, e.g. (id, event_count, rows, min, max) %s"
                          % (len(bad), bad[:5]))
        all_sessions = db.execute("SELECT count(*) FROM restore_sessions").fetchone()[0]
        rows = {}
        for sid_blob, state, end_time in db.execute("SELECT id, state, end_time FROM restore_sessions"):
            rows[str(uuid.UUID(bytes=bytes(sid_blob)))] = (state, end_time)
        events = {}
        for sid_blob, ord_, eid, etype, title in db.execute(
                "SELECT session_id, ord, id, type, title FROM session_events ORDER BY session_id, ord"):
            events.setdefault(str(uuid.UUID(bytes=bytes(sid_blob))), []).append((ord_, str(uuid.UUID(bytes=bytes(eid))), etype, title))
    finally:
        db.close()
    expected = {}
    event_rows = 0
    for sid in ledger.sessions:
        if sid not in rows:
            raise Failure("session %s got 201 but is not in the database" % sid)
        state, end_time = rows[sid]
        session_events = events.get(sid, [])
        event_rows += len(session_events)
        titles = [e[3] for e in session_events]
        if not titles or titles[0] != STARTED:
            raise Failure("session %s: the database's first event is %r, expected %r" % (sid, titles[:1], STARTED))
        if state == "stopped":
            if end_time is None or titles[-1] != STOPPED or titles.count(STOPPED) != 1:
                raise Failure("session %s is stopped in the database but its events are %s (end_time %r)" % (sid, titles, end_time))
        elif STOPPED in titles:
            raise Failure("session %s is %r in the database but has a stop event: %s" % (sid, state, titles))
        if sid in ledger.stopped and state != "stopped":
            raise Failure("session %s: stop answered 200 but the database says %r" % (sid, state))
        saves = sum(1 for e in session_events if e[2] == "save")
        if not ledger.saves.get(sid, 0) <= saves <= ledger.save_attempts.get(sid, 0):
            raise Failure("session %s: %d save events in the database, the client completed %d of %d saves"
                          % (sid, saves, ledger.saves.get(sid, 0), ledger.save_attempts.get(sid, 0)))
        expected[sid] = [e[1] for e in session_events]
    return expected, all_sessions, event_rows


def check_final_database(data):
    db = sqlite3.connect(os.path.join(data, "recall.sqlite"))
    try:
        integrity = [row[0] for row in db.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            raise Failure("final PRAGMA integrity_check: %s" % integrity[:20])
        if db.execute("PRAGMA foreign_key_check").fetchall():
            raise Failure("final PRAGMA foreign_key_check found violations")
        left = db.execute("SELECT count(*) FROM restore_sessions WHERE state = 'stopping'").fetchone()[0]
        if left:
            raise Failure("%d sessions are still 'stopping' after a restart and a clean shutdown" % left)
    finally:
        db.close()


def check_session_api(client, sid, token, expected_events, stopped, saves, small_pages):
    """One recorded session through the API; returns the number of events read."""
    session = expect_json(client, 200, "GET", "/v3/RestoreSessions/%s" % sid, token=token)
    if session.get("id") != sid:
        raise Failure("GET /v3/RestoreSessions/%s answered id %r" % (sid, session.get("id")))
    events = []
    offset = 0
    limit = 1 if small_pages else 30
    while True:
        page = expect_json(client, 200, "GET", "/v3/RestoreSessions/%s/Events?offset=%d&limit=%d" % (sid, offset, limit), token=token)
        results = page.get("results")
        if not isinstance(results, list) or page.get("offset") != offset or page.get("limit") != limit:
            raise Failure("events page of %s at offset %d is malformed: %r" % (sid, offset, page))
        events += results
        if "next" not in (page.get("_links") or {}):
            if len(results) == limit:  # a full page with no next: the last one exactly
                pass
            break
        if not results:
            raise Failure("events page of %s at offset %d is empty but links a next page" % (sid, offset))
        offset += limit
    orders = [event.get("order") for event in events]
    if orders != list(range(len(events))):
        raise Failure("session %s: event orders %s are not 0..%d" % (sid, orders, len(events) - 1))
    ids = [event.get("id") for event in events]
    if ids[:len(expected_events)] != expected_events:
        raise Failure("session %s: API events %s do not begin with the database's %s" % (sid, ids, expected_events))
    extra = events[len(expected_events):]
    if any(event.get("title") != STOPPED for event in extra) or len(extra) > 1:
        raise Failure("session %s: after restart the API has events the database did not: %s" % (sid, extra))
    if events[0].get("title") != STARTED or events[0].get("type") != "None":
        raise Failure("session %s: first event is %r" % (sid, events[0]))
    titles = [event.get("title") for event in events]
    if session.get("state") == "Stopped":
        if titles.count(STOPPED) != 1 or titles[-1] != STOPPED or "endTime" not in session:
            raise Failure("session %s is Stopped but its events are %s (endTime %r)" % (sid, titles, session.get("endTime")))
    elif stopped:
        raise Failure("session %s: stop answered 200 before the kill, after the restart it is %r" % (sid, session.get("state")))
    save_events = sum(1 for event in events if event.get("type") == "Save")
    if save_events < saves:
        raise Failure("session %s: %d saves completed before the kill, %d Save events after the restart" % (sid, saves, save_events))
    return len(events)


def check_through_api(server, tls, ledger, sids, expected, users, old_tokens):
    client = Client(server.port, tls)
    try:
        for user in users:  # tokens issued before the kill(s) survive it
            expect(client, 200, "GET", "/v3/Organizations", token=old_tokens[user])
        tokens = {user: password_grant(client, user)["access_token"] for user in users}
    finally:
        client.close()
    items = sorted((sid, ledger.sessions[sid]) for sid in sids)
    local = threading.local()

    def check(index_and_item):
        index, (sid, user) = index_and_item
        if not hasattr(local, "client"):
            local.client = Client(server.port, tls)
        return check_session_api(local.client, sid, tokens[user], expected[sid], sid in ledger.stopped,
                                 ledger.saves.get(sid, 0), small_pages=index % 8 == 0)

    with ThreadPoolExecutor(max_workers=8) as pool:
        return sum(pool.map(check, enumerate(items)))


# ---------------------------------------------------------------------------------------------------------------


def setup(recall, data, users, work):
    def cli(*args, stdin=None):
        done = subprocess.run([recall, *args, "--data-dir", data], input=stdin, capture_output=True, timeout=240)
        if done.returncode != 0:
            raise Failure("recall %s exited %d: %s" % (" ".join(args), done.returncode, (done.stderr or done.stdout)[-2000:]))
        return done

    cli("demo", "--scale", "100", "--quiet")
    processes = [subprocess.Popen([recall, "users", "add", user, "--password-stdin", "--data-dir", data],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for user in users]
    for user, process in zip(users, processes):
        output, _ = process.communicate((PASSWORD + "\n").encode(), timeout=120)
        if process.returncode != 0:
            raise Failure("recall users add %s exited %d: %s" % (user, process.returncode, output[-1000:]))
    return cli


def first_item_path(client, token, organization_id):
    """The path (below …/Organization/) of one item, found by browsing a throwaway session: item ids are stable."""
    session = expect_json(client, 201, "POST", "/v3/Organizations/%s/Action" % organization_id, token=token,
                          json_body={"explore": {"datetime": "2026.01.08 12:00"}})
    sid = session["id"]
    mailboxes = expect_json(client, 200, "GET", "/v3/RestoreSessions/%s/Organization/Mailboxes" % sid, token=token)["results"]
    for mailbox in mailboxes:
        items = expect_json(client, 200, "GET", "/v3/RestoreSessions/%s/Organization/Mailboxes/%s/Items?limit=1"
                            % (sid, mailbox["id"]), token=token)["results"]
        if items:
            expect(client, 200, "POST", "/v3/RestoreSessions/%s/Action" % sid, token=token, json_body={"stop": None})
            return sid, "Mailboxes/%s/Items/%s" % (mailbox["id"], urllib.parse.quote(items[0]["id"], safe=""))
    raise Failure("the demo organization has no item to save")


def main():
    parser = argparse.ArgumentParser(description="kill -9 recall serve under load, then check every session a client saw")
    parser.add_argument("recall")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2, help="load/kill/restart cycles on the same data dir (default 2)")
    parser.add_argument("--load-seconds", type=float, default=0, help="load before each kill (default: random 5-8 s)")
    parser.add_argument("--no-tls", action="store_true", help="plain HTTP on loopback instead of the default HTTPS")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    options = parser.parse_args()
    recall = os.path.abspath(options.recall)
    seed = options.seed if options.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    tls = not options.no_tls
    users = ["killer%d" % n for n in range(options.users)]
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIMEOUT_SECONDS)
    began = time.monotonic()
    work = tempfile.mkdtemp(prefix="recall-kill-")
    data = os.path.join(work, "data")
    server = Server(recall, data, os.path.join(work, "serve.log"), tls)
    ledger = Ledger()
    passed = False
    totals = {"checked_sessions": 0, "checked_events": 0}
    checked = set()  # sessions already checked through the API (the database check covers all, every round)
    print("kill test: seed %d, %d clients, %d users, %d rounds, %s, work dir %s"
          % (seed, options.clients, len(users), options.rounds, "HTTPS" if tls else "HTTP", work), flush=True)
    try:
        cli = setup(recall, data, users, work)
        print("data dir ready in %.1f s" % (time.monotonic() - began), flush=True)
        server.start()
        client = Client(server.port, tls)
        try:
            tokens = {user: password_grant(client, user)["access_token"] for user in users}
            organizations = expect_json(client, 200, "GET", "/v3/Organizations", token=tokens[users[0]])
            organization_id = next((o["id"] for o in organizations if o.get("name") == ORGANIZATION), None)
            if organization_id is None:
                raise Failure("no organization %s in %r" % (ORGANIZATION, organizations))
            item_paths = {}
            for user in users:
                sid, item_paths[user] = first_item_path(client, tokens[user], organization_id)
                ledger.created(sid, user)
                ledger.stop(sid)
        finally:
            client.close()
        print("setup done in %.1f s" % (time.monotonic() - began), flush=True)

        for round_number in range(1, options.rounds + 1):
            load = options.load_seconds or rng.uniform(5, 8)
            before = (len(ledger.sessions), len(ledger.stopped), sum(ledger.saves.values()))
            checked_before = set(checked)
            killed = threading.Event()
            threads = [threading.Thread(target=client_loop, daemon=True,
                                        args=(n, server.port, tls, users, tokens, organization_id, item_paths, ledger, killed, seed + round_number))
                       for n in range(options.clients)]
            for thread in threads:
                thread.start()
            time.sleep(load)
            if ledger.failures:
                raise Failure("before the kill: %d failures, first: %s" % (len(ledger.failures), ledger.failures[0]))
            if server.process.poll() is not None:
                raise Failure("recall serve exited by itself with status %d under load" % server.process.returncode)
            killed.set()
            server.kill()
            for thread in threads:
                thread.join(timeout=REQUEST_TIMEOUT + 5)
                if thread.is_alive():
                    raise Failure("a client did not end within %d s of the kill" % (REQUEST_TIMEOUT + 5))
            if ledger.failures:
                raise Failure("%d client failures, first: %s" % (len(ledger.failures), ledger.failures[0]))
            created = len(ledger.sessions) - before[0]
            print("round %d: killed after %.1f s of load: %d sessions created (201), %d saves, %d stops (200) this round"
                  % (round_number, load, created, sum(ledger.saves.values()) - before[2], len(ledger.stopped) - before[1]), flush=True)
            if created < options.clients:
                raise Failure("only %d sessions were created in %.1f s: the load did not run" % (created, load))

            phase = time.monotonic()
            expected, in_store, event_rows = check_database_copy(data, work, ledger)
            print("  database after the kill: integrity ok, foreign keys ok, %d sessions stored, %d recorded ones with %d event rows, all 0..n-1 (%.1f s)"
                  % (in_store, len(ledger.sessions), event_rows, time.monotonic() - phase), flush=True)
            phase = time.monotonic()
            cli("repository", "verify")
            print("  recall repository verify: ok (%.1f s)" % (time.monotonic() - phase), flush=True)

            phase = time.monotonic()
            server.start()
            restarted = time.monotonic() - phase
            fresh = [sid for sid in ledger.sessions if sid not in checked_before]
            checked_events = check_through_api(server, tls, ledger, fresh, expected, users, tokens)
            checked.update(fresh)
            totals["checked_sessions"] += len(fresh)
            totals["checked_events"] += checked_events
            print("  after restart (listening in %.1f s): this round's %d sessions and their %d events checked through the API (%.1f s)"
                  % (restarted, len(fresh), checked_events, time.monotonic() - phase), flush=True)
            if server.process.poll() is not None:
                raise Failure("recall serve exited with status %d during the checks" % server.process.returncode)

        status = server.terminate()
        if status != 0:
            raise Failure("recall serve exited with status %s on SIGTERM" % status)
        check_final_database(data)
        elapsed = time.monotonic() - began
        print("kill test passed in %.1f s: %d rounds; sessions created %d, saves %d, stopped %d; "
              "checked through the API after a restart: %d sessions, %d events"
              % (elapsed, options.rounds, len(ledger.sessions), sum(ledger.saves.values()), len(ledger.stopped),
                 totals["checked_sessions"], totals["checked_events"]), flush=True)
        passed = True
    except Failure as failure:
        print("FAIL: %s" % failure, flush=True)
    except Timeout:
        print("FAIL: timed out after %d s" % TIMEOUT_SECONDS, flush=True)
    except Exception as error:  # a bug here: still a clear failure
        import traceback
        traceback.print_exc()
        print("FAIL: %s: %s" % (type(error).__name__, error), flush=True)
    finally:
        signal.alarm(0)
        try:
            if server.process is not None:
                server.process.kill()
                server.process.wait()
        except OSError:
            pass
        if not passed:
            tail = server.log_tail()
            if tail:
                sys.stdout.write("--- recall serve log (tail) ---\n%s\n" % tail)
            print("(seed %d; rerun with --seed %d)" % (seed, seed), flush=True)
        if options.keep or not passed:
            print("work dir kept: %s" % work, flush=True)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
