#!/usr/bin/env python3
"""Plays the login and token attacks of issue 20 (defects 5, 6, 7, 9, 12 and 13) against a real `recall serve` on
127.0.0.1 in a temporary data dir, and prints one line per attack: held, or FAILED with what happened. Exit 0 when
every attack held, 1 otherwise.

Clients look like different addresses by binding their side of the connection to other loopback addresses
(127.0.0.2, 127.1.x.y, …); every connection goes to 127.0.0.1. Plain HTTP (--no-tls on loopback) keeps the ten
thousand refresh grants of the eviction attack within the time budget.

Usage: attack_throttle.py RECALL_BINARY [--keep]
Standard library only.
"""
import argparse
import concurrent.futures
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from recall_server import Failure, Server  # noqa: E402

PASSWORD = "throttle-secret"
LONG_PASSWORD = "0123456789" * 10  # 100 bytes: bcrypt alone reads 72


class Client:
    def __init__(self, port, source="127.0.0.1"):
        self.port, self.source = port, source

    def call(self, method, path, form=None, token=None, raw=None):
        """(status, parsed JSON body or None) on a new connection from this client's address."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60, source_address=(self.source, 0))
        try:
            headers = {}
            body = raw
            if form is not None:
                body = urllib.parse.urlencode(form).encode() if not isinstance(form, bytes) else form
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            if token is not None:
                headers["Authorization"] = "Bearer " + token
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            try:
                parsed = json.loads(data) if data else None
            except ValueError:
                parsed = None
            return response.status, parsed
        finally:
            conn.close()

    def password(self, user, password, path="/v3/Token"):
        return self.call("POST", path, {"grant_type": "password", "username": user, "password": password})

    def refresh(self, token, path="/v3/Token"):
        return self.call("POST", path, {"grant_type": "refresh_token", "refresh_token": token})


def add_user(recall, data, name, password):
    subprocess.run(
        [recall, "users", "add", name, "--password-stdin", "--data-dir", data],
        input=(password + "\n").encode(), check=True, stdout=subprocess.DEVNULL,
    )


def attack_nul(port):
    """5: `admin%00anything` logged in as admin (the store ends a text at NUL), each suffix with its own budget."""
    client = Client(port, "127.0.0.9")
    for path in ("/v3/Token", "/v8/token"):
        for name in ("admin\x00", "admin\x00anything", "admin\x01"):
            status, body = client.password(name, PASSWORD, path)
            if status != 400 or (body or {}).get("error") != "invalid_request":
                return "%s %r answered %d %s" % (path, name, status, body)
    return None


def attack_lockout(port, state):
    """9: ten bad guesses from elsewhere locked the real user out even with the right password."""
    home, attacker, stranger = Client(port, "127.0.0.1"), Client(port, "127.0.0.2"), Client(port, "127.0.0.3")
    status, body = home.password("admin", PASSWORD)
    if status != 200:
        return "the real user's first login answered %d" % status
    for attempt in range(10):
        status, _ = attacker.password("admin", "guess%d" % attempt)
        if status != 400:
            return "bad guess %d answered %d" % (attempt + 1, status)
    status, _ = stranger.password("admin", PASSWORD)
    if status != 429:
        return "the lock no longer holds: a new address with the right password got %d" % status
    state["locked_at"] = stranger  # for the eviction attack
    status, _ = home.password("admin", PASSWORD)
    if status != 200:
        return "the real user, at the address they log in from, got %d during the lock" % status
    return None


def attack_refresh_lockout(port):
    """9: thirty bad refresh grants locked every client behind one address (a reverse proxy) out of logging in."""
    proxy = Client(port, "127.0.0.6")
    for attempt in range(31):
        status, _ = proxy.refresh("made-up-%d" % attempt)
        if status != 400:
            return "bad refresh grant %d answered %d" % (attempt + 1, status)
    status, _ = proxy.password("other", PASSWORD)
    if status != 200:
        return "a password grant behind the same address answered %d" % status
    return None


def attack_eviction(port, state):
    """6: ten thousand cheap failures from other addresses emptied the throttle and unlocked a locked account."""
    def one(index):
        source = "127.1.%d.%d" % (index // 250, 1 + index % 250)
        return Client(port, source).refresh("made-up")[0]

    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(one, range(10_100)))
    unexpected = [s for s in statuses if s != 400]
    if unexpected:
        return "%d bad refresh grants answered other than 400 (%s)" % (len(unexpected), sorted(set(unexpected)))
    stranger = state.get("locked_at")
    if stranger is None:
        return "admin was never locked (see the lock-out attack)"
    status, _ = stranger.password("admin", PASSWORD)
    if status != 429:
        return "admin's lock was forgotten: a new address with the right password got %d" % status
    return None


def attack_memory(port, server):
    """7: each failed user name was kept whole (up to ~1 MiB); 300 failures grew the server by 320 MiB."""
    before = server.status()[0]
    name = "a" * 1_000_000
    for index in range(100):
        client = Client(port, "127.2.%d.%d" % (index // 250, 1 + index % 250))
        status, body = client.password(name + str(index), "x")
        if status not in (400, 429):
            return "a 1 MB user name answered %d" % status
    grown = server.status()[0] - before
    if grown > 48 * 1024 * 1024:
        return "the server grew by %d MiB after 100 failures with 1 MB names" % (grown // (1024 * 1024))
    return None


def attack_logout(port):
    """12: logout left the same login's other access tokens working for up to 5 s (the token cache)."""
    client = Client(port, "127.0.0.7")
    status, first = client.password("other", PASSWORD, "/v8/token")
    if status != 200:
        return "login answered %d" % status
    status, second = client.refresh(first["refresh_token"], "/v8/token")
    if status != 200:
        return "refresh answered %d" % status
    for token in (first["access_token"], second["access_token"]):
        status, _ = client.call("GET", "/v8/RestoreSessions", token=token)
        if status != 200:
            return "a fresh access token answered %d" % status
    status, _ = client.call("POST", "/v8/token/logout", token=second["access_token"])
    if status != 204:
        return "logout answered %d" % status
    status, _ = client.call("GET", "/v8/RestoreSessions", token=first["access_token"])
    if status != 401:
        return "the login's earlier access token still answered %d after logout" % status
    return None


def attack_long_password(port):
    """13: bcrypt reads 72 bytes, so any text sharing a long password's first 72 bytes logged in."""
    client = Client(port, "127.0.0.8")
    status, body = client.password("long", LONG_PASSWORD[:72] + "not-the-password")
    if status != 400 or (body or {}).get("error") != "invalid_grant":
        return "the first 72 bytes and something else answered %d %s" % (status, body)
    status, _ = client.password("long", LONG_PASSWORD)
    if status != 200:
        return "the whole password answered %d" % status
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recall")
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    recall = os.path.abspath(options.recall)
    work = tempfile.mkdtemp(prefix="recall-attack-throttle-")
    data = os.path.join(work, "data")
    server = Server(recall, data, os.path.join(work, "serve.log"), tls=False)
    failed = False
    try:
        for name, password in (("admin", PASSWORD), ("other", PASSWORD), ("long", LONG_PASSWORD)):
            add_user(recall, data, name, password)
        server.start()
        port = server.port
        state = {}
        attacks = [
            ("nul-in-user-name (5)", lambda: attack_nul(port)),
            ("lock-out-by-guessing (9)", lambda: attack_lockout(port, state)),
            ("lock-out-by-refresh (9)", lambda: attack_refresh_lockout(port)),
            ("evict-a-lock (6)", lambda: attack_eviction(port, state)),
            ("huge-user-names (7)", lambda: attack_memory(port, server)),
            ("logout-leaves-tokens (12)", lambda: attack_logout(port)),
            ("long-password-cut (13)", lambda: attack_long_password(port)),
        ]
        for name, attack in attacks:
            try:
                problem = attack()
            except (OSError, http.client.HTTPException, Failure, KeyError, TypeError) as error:
                problem = "%s: %s" % (type(error).__name__, error)
            if problem:
                failed = True
                print("FAILED %s: %s" % (name, problem), flush=True)
            else:
                print("held   %s" % name, flush=True)
    except Failure as error:
        failed = True
        print("FAILED to run: %s" % error)
        print(server.log_tail())
    finally:
        if server.process is not None:
            server.terminate()
        if options.keep:
            print("kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
