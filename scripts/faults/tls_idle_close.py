#!/usr/bin/env python3
"""Reproduces a lost-answer bug found by the soak: a request that reaches a TLS connection in the seconds after
the server's 30-second request deadline closed it is still carried out, but its answer never comes back.

The server closes a connection that has not delivered a whole request within 30 s (RequestReadTimeout). Over
TLS the close first sends close_notify and waits (up to NIOSSL's shutdown timeout, 5 s) for the client's; bytes
that arrive meanwhile still go up the pipeline, so a request sent then runs (a session is created, a refresh token
is spent, a restore is written) and the client sees only `Remote end closed connection without response`. A client
that retries that refresh grant on a new connection replays a spent refresh token, which revokes its whole token
family; a retried explore creates a second session.

This opens --connections keep-alive connections (HTTPS by default), makes one request on each, leaves each idle
for a time spread over 30.3-34.7 s, then sends POST /v3/Organizations/{id}/Action {"explore": null} on it, and
compares the 201s received with the sessions the server created. Exit 0 when they match (no request ran without
its answer), 1 when some ran unanswered. Takes about 40 s.

Usage: tls_idle_close.py RECALL_BINARY [--connections N] [--no-tls] [--keep]
Standard library only.
"""
import argparse
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from recall_server import connect, free_port  # noqa: E402

PASSWORD = "idle-close-secret"
DEADLINE = 30.0  # the server's request read timeout (docs/security.md: In short, Limits)


def call(conn, method, path, token=None, body=None, content_type="application/json"):
    headers = {"Content-Type": content_type} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("recall")
    parser.add_argument("--connections", type=int, default=12)
    parser.add_argument("--no-tls", action="store_true")
    parser.add_argument("--keep", action="store_true")
    options = parser.parse_args()
    recall = os.path.abspath(options.recall)
    tls = not options.no_tls
    work = tempfile.mkdtemp(prefix="recall-idle-close-")
    data = os.path.join(work, "data")
    server = None
    status = 1
    try:
        subprocess.run([recall, "demo", "--scale", "20", "--quiet", "--data-dir", data], check=True, capture_output=True)
        subprocess.run([recall, "users", "add", "idle", "--password-stdin", "--data-dir", data], check=True,
                       input=(PASSWORD + "\n").encode(), capture_output=True)
        port = free_port()
        arguments = [recall, "serve", "--data-dir", data, "--bind", "127.0.0.1", "--port", str(port)]
        if not tls:
            arguments.append("--no-tls")
        with open(os.path.join(work, "serve.log"), "wb") as log:
            server = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("FAIL: recall serve did not start")
                time.sleep(0.05)
        conn = connect(port, tls, 30)
        _, body = call(conn, "POST", "/v3/Token", body="grant_type=password&username=idle&password=" + PASSWORD,
                       content_type="application/x-www-form-urlencoded")
        token = json.loads(body)["access_token"]
        organization = json.loads(call(conn, "GET", "/v3/Organizations", token)[1])[0]["id"]
        before = len(json.loads(call(conn, "GET", "/v3/RestoreSessions", token)[1]))
        conn.close()

        results = []
        lock = threading.Lock()

        def one(index):
            idle = DEADLINE + 0.3 + 4.4 * index / max(1, options.connections - 1)
            kept = connect(port, tls, 30)
            call(kept, "GET", "/v3/Organizations", token)
            time.sleep(idle)
            try:
                outcome = call(kept, "POST", "/v3/Organizations/%s/Action" % organization, token, body='{"explore": null}')[0]
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
            kept.close()
            with lock:
                results.append((idle, outcome))

        threads = [threading.Thread(target=one, args=(n,)) for n in range(options.connections)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        conn = connect(port, tls, 30)
        created = len(json.loads(call(conn, "GET", "/v3/RestoreSessions", token)[1])) - before
        conn.close()
        answered = sum(1 for _, outcome in results if outcome == 201)
        for idle, outcome in sorted(results):
            print("  idle %.2f s, then explore -> %s" % (idle, outcome))
        print("%s: %d explores sent %.1f-%.1f s after the last answer: %d answered 201, %d sessions created"
              % ("HTTPS" if tls else "HTTP", len(results), DEADLINE + 0.3, DEADLINE + 4.7, answered, created))
        if created != answered:
            print("FAIL: %d requests were carried out but their answer was lost (the connection was closing)" % (created - answered))
        else:
            print("ok: no request ran without its answer")
            status = 0
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            server.wait()
        if options.keep:
            print("work dir kept: %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
