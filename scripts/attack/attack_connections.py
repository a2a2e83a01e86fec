#!/usr/bin/env python3
"""Connections and downloads: plays the attacks of issue 20 (defects 8, 10, 11 and 20) against a real `recall serve`
on loopback in a temporary data dir, prints one line per attack (held / FAILED) and exits 1 if any worked again.

  data-dir-mode      a data dir that already exists with mode 0755 is tightened to 0700, with a warning
  fd-limit           started with a soft open-file limit of 1 024, the server raises it to the hard limit
  idle-flood         1 000 idle connections from 127.0.0.2: /health from 127.0.0.1 still answers at once, the address
                     holds at most --max-connections-per-address, and the rest close after the first-request timeout
  chunked-413        a chunked body over 1 MiB to /v3/Token answers 413, not 500
  xchunked-400       `Transfer-Encoding: xchunked` answers 400, not 500
  slow-readers       60 exports nobody reads: at most --max-exports-per-user stream (the rest 429 with Retry-After),
                     and stopping their sessions frees them at once
  write-deadline     exports nobody reads are cut by --write-timeout (2 s here) and their memory comes back
  loopback-name      --no-tls --bind 127.evil.example is refused (only literal loopback addresses and localhost count)
  cert-keyCertSign   the self-signed certificate does not carry keyCertSign (it is CA:FALSE)
  host-links         with --public-url, a forged Host header does not reach v3 links

RSS (from /proc) is printed before and during the floods. Usage: attack_connections.py RECALL_BINARY [--keep]
Standard library only; takes about 40 s on the debug build.
"""
import http.client
import json
import os
import resource
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from recall_server import Failure, Server, connect, free_port  # noqa: E402

ORG = "contoso.onmicrosoft.com"
MAILBOX = "adele@contoso.onmicrosoft.com"
PASSWORD = "attack-connections-secret"
EXPORTS_PER_USER = 16  # the default of --max-exports-per-user
CONNECTIONS_PER_ADDRESS = 256  # the default of --max-connections-per-address
FIRST_REQUEST_TIMEOUT = 10  # the default of --first-request-timeout
MIB = 1 << 20

results = []


def report(name, held, detail):
    results.append(held)
    print("%-7s %-17s %s" % ("held" if held else "FAILED", name, detail), flush=True)


class LimitedServer(Server):
    """A Server started with extra flags and, optionally, a low soft open-file limit (as many systems default to)."""

    def __init__(self, recall, data, log_path, tls, flags, soft_files=None):
        def lower_limit():
            if soft_files is not None:
                _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
                resource.setrlimit(resource.RLIMIT_NOFILE, (soft_files, hard))

        super().__init__(recall, data, log_path, tls, flags=flags, preexec_fn=lower_limit)

    def rss_mib(self):
        return self.status()[0] / MIB


def call(server, method, path, token=None, body=None, headers=None, timeout=10):
    conn = connect(server.port, server.tls, timeout)
    try:
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = "Bearer " + token
        if body is not None and "Content-Type" not in all_headers:
            all_headers["Content-Type"] = "application/json"
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def login(server):
    status, _, body = call(server, "POST", "/v3/Token", body="grant_type=password&username=admin&password=" + PASSWORD,
                           headers={"Content-Type": "application/x-www-form-urlencoded"})
    if status != 200:
        raise Failure("login answered %d" % status)
    return json.loads(body)["access_token"]


def organization_id(server, token):
    status, _, body = call(server, "GET", "/v3/Organizations", token=token)
    return [o["id"] for o in json.loads(body) if o["name"] == ORG][0]


def explore(server, token, org):
    status, _, body = call(server, "POST", "/v3/Organizations/%s/Action" % org, token=token, body=json.dumps({"explore": None}))
    if status != 201:
        raise Failure("explore answered %d" % status)
    return json.loads(body)["id"]


def raw_socket(server, source="127.0.0.1", receive_buffer=None):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.bind((source, 0))
    sock.settimeout(5)
    sock.connect(("127.0.0.1", server.port))
    if server.tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        sock = context.wrap_socket(sock)
    return sock


def stalled_export(server, token, session):
    """Starts an export of the session's organization and reads only its status line; returns (status, socket)."""
    sock = raw_socket(server, receive_buffer=4096)
    body = b'{"exporttoMbox": null}'
    sock.sendall(b"POST /v3/RestoreSessions/%s/Organization/Action HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer %s\r\n"
                 b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (session.encode(), token.encode(), len(body), body))
    head = b""
    while b"\r\n" not in head:
        chunk = sock.recv(64)
        if not chunk:
            break
        head += chunk
    return int(head.split(b" ")[1]) if head.startswith(b"HTTP/1.1 ") else 0, sock


def raw_exchange(server, request, send_all=True):
    """Sends `request` on a new connection and returns the whole answer (the request says Connection: close)."""
    sock = raw_socket(server)
    try:
        try:
            sock.sendall(request)
        except OSError:
            pass  # the server may answer and close before reading everything
        answer = b""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                chunk = sock.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            answer += chunk
        return answer
    finally:
        sock.close()


def closed_by_peer(sock, wait):
    """True when the server closes `sock` within `wait` seconds."""
    sock.settimeout(wait)
    try:
        return sock.recv(1) == b""
    except socket.timeout:
        return False
    except OSError:
        return True


def large_mbox(path):
    filler = "A line of a long message body that fills the socket buffers of a client that never reads.\n" * 2800
    with open(path, "w") as f:
        for index in range(48):
            f.write("From MAILER-DAEMON Mon Jan  5 10:00:00 2026\nFrom: bob@example.com\nTo: %s\nSubject: Large %d\n"
                    "Message-ID: <large%d@x>\nDate: Mon, 5 Jan 2026 10:00:00 +0000\n\n%s\n" % (MAILBOX, index, index, filler))


def run(recall, work):
    data = os.path.join(work, "data")
    log = os.path.join(work, "serve.log")
    os.mkdir(data, 0o755)
    os.chmod(data, 0o755)
    add = subprocess.run([recall, "users", "add", "admin", "--password-stdin", "--data-dir", data], input=PASSWORD + "\n",
                         capture_output=True, text=True, timeout=60)
    mode = os.stat(data).st_mode & 0o777
    report("data-dir-mode", mode == 0o700 and "Warning: the data directory" in add.stderr,
           "a 0755 data dir is now %04o; warning printed: %s" % (mode, "Warning" in add.stderr))
    subprocess.run([recall, "organizations", "add", ORG, "--data-dir", data], check=True, capture_output=True, timeout=60)
    mbox = os.path.join(work, "large.mbox")
    large_mbox(mbox)
    subprocess.run([recall, "import", "mbox", mbox, "--organization", ORG, "--mailbox", MAILBOX, "--at", "2026-01-05 22:00",
                    "--quiet", "--data-dir", data], check=True, capture_output=True, timeout=120)

    # The script holds a thousand sockets itself.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 8192) if hard != resource.RLIM_INFINITY else 8192, hard))

    server = LimitedServer(recall, data, log, tls=False, flags=["--log-level", "warning"], soft_files=1024)
    server.start()
    try:
        with open("/proc/%d/limits" % server.process.pid) as f:
            line = [l for l in f if l.startswith("Max open files")][0].split()
        soft_now, hard_now = line[3], line[4]
        report("fd-limit", soft_now == hard_now and (soft_now == "unlimited" or int(soft_now) > 1024),
               "started with 1024, the server's soft limit is now %s (hard %s)" % (soft_now, hard_now))

        # Idle flood from another loopback address.
        before = server.rss_mib()
        flood = []
        for _ in range(1000):
            try:
                flood.append(raw_socket(server, source="127.0.0.2"))
            except OSError:
                break
        time.sleep(0.5)
        during = server.rss_mib()
        start = time.monotonic()
        try:
            status, _, _ = call(server, "GET", "/health", timeout=3)
        except OSError:
            status = 0
        health = time.monotonic() - start
        still_open = sum(1 for sock in flood if not closed_by_peer(sock, 0.001))
        deadline = time.monotonic() + FIRST_REQUEST_TIMEOUT + 4
        while time.monotonic() < deadline and still_open:
            time.sleep(0.5)
            still_open = sum(1 for sock in flood if not closed_by_peer(sock, 0.001))
        for sock in flood:
            sock.close()
        time.sleep(0.3)
        report("idle-flood", status == 200 and health < 2 and still_open == 0,
               "%d idle connections: /health %d in %.2f s; all closed by the server within %d s: %s; RSS %.0f -> %.0f MiB"
               % (len(flood), status, health, FIRST_REQUEST_TIMEOUT + 4, still_open == 0, before, during))

        # Chunked bodies the parser or the limit refuses.
        chunk = b" " * 65536
        big = b"POST /v3/Token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        big += b"".join(b"10000\r\n" + chunk + b"\r\n" for _ in range(17)) + b"0\r\n\r\n"
        answer = raw_exchange(server, big)
        report("chunked-413", answer.startswith(b"HTTP/1.1 413") and b'"message"' in answer,
               "1.06 MiB chunked body answered %r" % answer.split(b"\r\n")[0].decode("latin-1"))
        answer = raw_exchange(server, b"POST /v3/Token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n"
                                      b"Transfer-Encoding: xchunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
        report("xchunked-400", answer.startswith(b"HTTP/1.1 400"),
               "Transfer-Encoding: xchunked answered %r" % answer.split(b"\r\n")[0].decode("latin-1"))

        # Slow readers: 60 exports nobody reads.
        token = login(server)
        org = organization_id(server, token)
        sessions = [explore(server, token, org) for _ in range(60)]
        before = server.rss_mib()
        stalled = [stalled_export(server, token, session) for session in sessions]
        time.sleep(1)
        during = server.rss_mib()
        admitted = [(session, sock) for session, (status, sock) in zip(sessions, stalled) if status == 200]
        refused = sum(1 for status, _ in stalled if status == 429)
        fresh = explore(server, token, org)
        status_before_stop, sock_before = stalled_export(server, token, fresh)
        for session, _ in admitted:
            call(server, "POST", "/v3/RestoreSessions/%s/Action" % session, token=token, body=json.dumps({"stop": None}))
        time.sleep(1)
        after = server.rss_mib()
        status_after_stop, sock_after = stalled_export(server, token, fresh)
        for _, sock in stalled:
            sock.close()
        sock_before.close()
        sock_after.close()
        report("slow-readers", len(admitted) <= EXPORTS_PER_USER and refused == 60 - len(admitted) and status_before_stop == 429
               and status_after_stop == 200,
               "60 unread exports: %d streamed, %d answered 429; after stopping their sessions a new export answered %d "
               "(before: %d); RSS %.0f -> %.0f MiB stalled, %.0f MiB 1 s after the stops"
               % (len(admitted), refused, status_after_stop, status_before_stop, before, during, after))
    finally:
        server.terminate()

    # The write deadline, the certificate and --public-url on a TLS server over the same data dir.
    server = LimitedServer(recall, data, log, tls=True, flags=["--log-level", "warning", "--write-timeout", "2",
                                                               "--public-url", "https://recall.example.com:4443"])
    server.start()
    try:
        token = login(server)
        org = organization_id(server, token)
        sessions = [explore(server, token, org) for _ in range(EXPORTS_PER_USER)]
        before = server.rss_mib()
        stalled = [stalled_export(server, token, session) for session in sessions]
        time.sleep(0.5)
        during = server.rss_mib()
        time.sleep(3)  # past the 2-s deadline: nothing has read a byte yet
        # Read what each was sent before the deadline: a connection the deadline cut then ends; one it missed would
        # finish its export and stay open (keep-alive).
        drain_until = time.monotonic() + 10
        cut = sum(1 for _, sock in stalled if closed_by_peer_after_draining(sock, drain_until))
        time.sleep(0.5)
        after = server.rss_mib()
        status, fresh = stalled_export(server, token, explore(server, token, org))
        fresh.close()
        for _, sock in stalled:
            sock.close()
        report("write-deadline", cut == len(stalled) and status == 200,
               "%d unread exports, %d closed by the 2-s write deadline; a new export answered %d; RSS %.0f -> %.0f MiB stalled, %.0f MiB after"
               % (len(stalled), cut, status, before, during, after))

        session = explore(server, token, org)
        answer = raw_exchange(server, b"GET /v3/RestoreSessions/%s HTTP/1.1\r\nHost: evil.example\r\nAuthorization: Bearer %s\r\n"
                                      b"Connection: close\r\n\r\n" % (session.encode(), token.encode()))
        report("host-links", b"evil.example" not in answer and b"https://recall.example.com:4443/v3/restoresessions/" in answer,
               "Host: evil.example with --public-url https://recall.example.com:4443: links name %s"
               % ("recall.example.com" if b"recall.example.com" in answer else "the forged host"))
    finally:
        server.terminate()

    with open(os.path.join(data, "tls", "recall-cert.pem")) as f:
        pem = f.read()
    der = ssl.PEM_cert_to_DER_cert(pem)
    usage = key_usage_bits(der)
    report("cert-keyCertSign", usage is None or not usage & 0x04,
           "self-signed certificate keyUsage %s (keyCertSign is 0x04)" % ("absent" if usage is None else "0x%02x" % usage))

    refused = subprocess.run([recall, "serve", "--data-dir", os.path.join(work, "other"), "--no-tls", "--bind", "127.evil.example",
                              "--port", str(free_port())], capture_output=True, text=True, timeout=30)
    report("loopback-name", refused.returncode != 0 and "Refusing to serve plain HTTP" in refused.stderr,
           "--no-tls --bind 127.evil.example exited %d" % refused.returncode)


def closed_by_peer_after_draining(sock, deadline):
    """Reads and drops what the server sent until it closes the connection; True when it did before `deadline`."""
    sock.settimeout(0.5)
    while time.monotonic() < deadline:
        try:
            if not sock.recv(1 << 20):
                return True
        except socket.timeout:
            continue
        except (OSError, ssl.SSLError):
            return True
    return False


def key_usage_bits(der):
    """The first byte of the keyUsage extension's bit string (bit 0x80 digitalSignature … 0x04 keyCertSign), or None."""
    oid = bytes([0x06, 0x03, 0x55, 0x1D, 0x0F])
    at = der.find(oid)
    if at < 0:
        return None
    at += len(oid)
    if der[at] == 0x01:  # critical BOOLEAN
        at += 3
    if der[at] != 0x04:  # OCTET STRING holding the BIT STRING
        return None
    at += 2
    if der[at] != 0x03:
        return None
    length = der[at + 1]
    return der[at + 3] if length >= 2 else 0


def main():
    if len(sys.argv) < 2:
        print("usage: attack_connections.py RECALL_BINARY [--keep]", file=sys.stderr)
        return 2
    recall = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="recall-attack-connections-")
    try:
        run(recall, work)
    except Failure as failure:
        report("setup", False, str(failure))
    finally:
        if "--keep" in sys.argv:
            print("kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if results and all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
