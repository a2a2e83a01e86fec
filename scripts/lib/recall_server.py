"""A `recall serve` child process for the fault and soak scripts: started on a free loopback port (HTTPS unless
tls=False) with its output appended to a log, and waited for until it listens; killed, stopped, its /proc status read
and its log's tail shown. Also the two halves of a request both scripts make: the connection and the body with its headers. Standard
library only."""
import http.client
import json
import os
import signal
import socket
import ssl
import subprocess
import time
import urllib.parse


class Failure(Exception):
    """A check failed: the scripts print it with the server log's tail and exit 1."""


class Server:
    def __init__(self, recall, data, log_path, tls=True, flags=(), preexec_fn=None):
        """flags: more `recall serve` arguments; preexec_fn: run in the child before exec (e.g. to lower a limit)."""
        self.recall, self.data, self.log_path, self.tls = recall, data, log_path, tls
        self.flags, self.preexec_fn = list(flags), preexec_fn
        self.process = None
        self.port = None

    def start(self):
        self.port = free_port()
        arguments = [self.recall, "serve", "--data-dir", self.data, "--bind", "127.0.0.1", "--port", str(self.port)] + self.flags
        if not self.tls:
            arguments.append("--no-tls")
        with open(self.log_path, "ab") as log:
            log.write(b"\n=== recall serve (port %d) ===\n" % self.port)
            log.flush()
            self.process = subprocess.Popen(arguments, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                            preexec_fn=self.preexec_fn)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise Failure("recall serve exited with status %d at start" % self.process.returncode)
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise Failure("recall serve did not listen on port %d within 60 s" % self.port)
                time.sleep(0.05)

    def status(self):
        """(VmRSS bytes, VmHWM bytes, threads, open files, CPU seconds used)."""
        fields = {}
        with open("/proc/%d/status" % self.process.pid) as f:
            for line in f:
                key, _, value = line.partition(":")
                fields[key] = value.strip()
        files = len(os.listdir("/proc/%d/fd" % self.process.pid))
        with open("/proc/%d/stat" % self.process.pid) as f:
            ticks = f.read().rsplit(")", 1)[1].split()
        cpu_seconds = (int(ticks[11]) + int(ticks[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime
        return (int(fields["VmRSS"].split()[0]) * 1024, int(fields["VmHWM"].split()[0]) * 1024, int(fields["Threads"]), files, cpu_seconds)

    def kill(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.process = None

    def terminate(self, timeout=30):
        if self.process is None:
            return None
        self.process.terminate()
        try:
            status = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise Failure("recall serve did not stop within %d s of SIGTERM" % timeout)
        self.process = None
        return status

    def call(self, method, path, token=None, json_body=None, form=None, timeout=120):
        """One request on a connection of its own: (status, headers as a dict, body bytes)."""
        body, headers = request_parts(token=token, json_body=json_body, form=form)
        connection = connect(self.port, self.tls, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def log_tail(self, size=4000):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-size:].decode("utf-8", "replace")
        except OSError:
            return ""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def connect(port, tls, timeout):
    """A keep-alive connection to the server on loopback; over TLS the self-signed certificate is not verified."""
    if not tls:
        return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return http.client.HTTPSConnection("127.0.0.1", port, timeout=timeout, context=context)


def request_parts(token=None, json_body=None, form=None, raw_body=None):
    """(body bytes or None, headers) for a request with an optional bearer token and a JSON, form or raw body."""
    headers = {}
    body = raw_body
    if token is not None:
        headers["Authorization"] = "Bearer " + token
    if json_body is not None:
        body = json.dumps(json_body).encode()
        headers["Content-Type"] = "application/json"
    elif form is not None:
        body = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    return body, headers
