#!/usr/bin/env python3
"""Contract test: schemathesis (PyPI) against a live Recall, with a valid token, for each served OpenAPI document.

Starts `recall serve --no-tls` on a free loopback port over a fresh data dir (user admin, the demo organization at
--scale 200, a Maildir restore target), logs in through POST /v3/Token, explores the demo organization through /v8
so that real ids exist, then runs `schemathesis run` against docs/openapi/{v3,v6,v7,v8}.json, twice each:

  1. fuzzing + stateful: generated requests where each path id (and each `items[].id` of a body) is a real one
     with probability 0.75 and a generated value otherwise (404 and 400 paths), the session id being the shared
     session's or, one time in three, a stopped session's; then stateful sequences over the links schemathesis
     infers;
  2. examples + coverage: every operation's boundary and invalid values of query parameters and bodies, and a
     request without a token, with the path ids fixed to real ones (the shared session, the first mailbox, a
     folder and an item of it, ...), so that the answers checked are those of real resources, not 404s.

Checks: not_a_server_error (501 allowed: the documented answer of PST, MSG and send), status_code_conformance,
content_type_conformance, response_schema_conformance, response_headers_conformance. What keeps the run
deterministic and the shared token alive:
  - token/logout (v7, v8) runs with a token of its own per run (the first call logs it out, the rest get 401);
  - Stop (v6-v8) and v3's RestoreSessions/{id}/Action act on a session of their own, never on the shared one;
  - the token endpoint never sees the shared login's refresh token (a replayed one revokes its whole login); in
    fuzzing it gets the right user name and password, and a spare refresh token, with some probability; the
    server restarts (same data dir) before each version, so each version's token endpoint answers 200 and 400
    before its failed grants reach the throttle (30 per client address in 5 minutes) and it answers 429;
  - restores go to a Maildir target nested deep inside the temp dir (a target mailbox such as `../../x@y`
    must not reach outside it).
The server is always stopped and the temp dir removed; the whole run is bounded by TIMEOUT_SECONDS.
Exit status 0 when schemathesis reports nothing, 1 with schemathesis's account of every failure otherwise
(check, answer, and a curl that reproduces it; the token shows as [Filtered]).

Usage: schemathesis_run.py RECALL_BINARY   (run by scripts/e2e/schemathesis, which provides schemathesis)
Environment, for longer runs by hand (CI sets none): SCHEMATHESIS_SEED (default fixed, so CI is reproducible),
SCHEMATHESIS_MAX_EXAMPLES (per operation in fuzzing, default 8), SCHEMATHESIS_VERSIONS (default "v3 v6 v7 v8"),
SCHEMATHESIS_CHECKS (comma-separated, default the five above), SCHEMATHESIS_TIMEOUT (seconds, default 300),
SCHEMATHESIS_KEEP_REPORTS=DIR (copy the JSON and HAR reports and schemathesis's output there).
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

TIMEOUT_SECONDS = int(os.environ.get("SCHEMATHESIS_TIMEOUT", "300"))  # the whole run; CI must never hang
USER, PASSWORD = "admin", "schemathesis-secret"
ORGANIZATION = "demo.onmicrosoft.com"
CHECKS = os.environ.get("SCHEMATHESIS_CHECKS", "not_a_server_error,status_code_conformance,content_type_conformance,"
                        "response_schema_conformance,response_headers_conformance")
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "20261130"))
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "8"))
VERSIONS = os.environ.get("SCHEMATHESIS_VERSIONS", "v3 v6 v7 v8").split()
REAL_ID_PROBABILITY = 0.75
RUNS = ("fuzz", "cover")  # fuzzing first: its token requests carry the right password before the throttle closes
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Failed(Exception):
    pass


class Timeout(BaseException):
    pass


def on_alarm(signum, frame):
    raise Timeout()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Api:
    """Plain urllib calls for the setup: login, explore, ids."""

    def __init__(self, base):
        self.base = base
        self.token = None

    def call(self, method, path, body=None, form=None, token=True, expect=(200,)):
        data, headers = None, {}
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + (token if isinstance(token, str) else self.token)
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        if status not in expect:
            raise Failed("%s %s -> %d: %r" % (method, path, status, raw[:300]))
        return json.loads(raw) if raw.strip() else None

    def login(self):
        answer = self.call("POST", "/v3/Token", form={"grant_type": "password", "username": USER,
                                                      "password": PASSWORD}, token=False)
        return answer["access_token"], answer["refresh_token"]

    def explore(self, org_id):
        # The demo's restore points are in January 2026: explore after the last one.
        return self.call("POST", "/v8/Organizations/%s/explore" % org_id, body={"type": "Vex"}, expect=(201,))["id"]


def discover(api):
    """Real ids: the demo organization, a shared session and everything below it, a session for Stop."""
    orgs = api.call("GET", "/v8/Organizations?limit=100")["results"]
    org_id = next(o["id"] for o in orgs if o["name"] == ORGANIZATION)
    shared = api.explore(org_id)
    stop_target = api.explore(org_id)
    stopped = api.explore(org_id)
    api.call("POST", "/v8/RestoreSessions/%s/Stop" % stopped, expect=(204,))
    base = "/v8/RestoreSessions/%s" % shared
    mailbox = api.call("GET", base + "/organization/mailboxes?limit=100")["results"][0]["id"]
    folders = api.call("GET", base + "/organization/mailboxes/%s/folders?limit=100" % mailbox)["results"]
    items = api.call("GET", base + "/organization/mailboxes/%s/items?limit=20" % mailbox)["results"]
    events = api.call("GET", base + "/Events")["results"]
    if not (folders and items and events):
        raise Failed("the demo session has no folders, items or events to test with")
    inbox = next((f["id"] for f in folders if f["name"] == "Inbox"), folders[0]["id"])
    return {
        "organizationId": [org_id],
        "restoreSessionId": [shared],
        "stopSessionId": [stop_target],
        "stoppedSessionId": [stopped],
        "mailboxId": [mailbox],
        "folderId": [inbox] + [f["id"] for f in folders if f["id"] != inbox],
        "itemId": [i["id"] for i in items],
        "eventId": [e["id"] for e in events],
    }


def toml_string(value):
    return json.dumps(value)  # a JSON string is a TOML basic string


def toml_table(mapping):
    return "{ %s }" % ", ".join("%s = %s" % (toml_string(k), v) for k, v in mapping.items())


def write_config(path, token, ids, logout_token, refresh_tokens, fuzzing):
    """One run's schemathesis.toml: the shared token, real ids (fixed, or as dictionaries for fuzzing)."""
    lines = [
        "headers = %s" % toml_table({"Authorization": toml_string("Bearer " + token)}),
        "[generation]",
        "max-examples = %d" % MAX_EXAMPLES,
        'database = "none"',
        "[cache]",
        "enabled = false",
        "[phases.stateful]",
        "max-steps = 6",
        # 501 is what Recall documents for the actions it does not implement (PST, MSG, send); any other 5xx fails,
        # and status_code_conformance still fails a 501 where the document has none.
        "[checks.not_a_server_error]",
        'expected-statuses = ["2xx", "3xx", "4xx", "501"]',
    ]
    path_ids = ("organizationId", "restoreSessionId", "mailboxId", "folderId", "itemId", "eventId")
    if fuzzing:
        dictionaries = {name: ids[name] for name in path_ids}
        # A third of the real session ids drawn are a stopped session's: browsing and actions answer 400 there.
        dictionaries["restoreSessionId"] = ids["restoreSessionId"] * 2 + ids["stoppedSessionId"]
        dictionaries["username"] = [USER]
        dictionaries["password"] = [PASSWORD]
        dictionaries["refresh_token"] = refresh_tokens
        lines.append("[dictionaries]")
        for name, values in dictionaries.items():
            lines.append("%s = { values = [%s] }" % (name, ", ".join(toml_string(v) for v in values)))
        lines.append("[parameters]")
        for name in path_ids:
            lines.append('"path.%s" = { dictionary = "%s", probability = %s }' % (name, name, REAL_ID_PROBABILITY))
        lines.append('"body.items[*].id" = { dictionary = "itemId", probability = %s }' % REAL_ID_PROBABILITY)
    else:
        lines.append("[parameters]")
        for name in path_ids:
            lines.append('"path.%s" = %s' % (name, toml_string(ids[name][0])))
        lines.append('"body.items[*].id" = %s' % toml_string(ids["itemId"][0]))
    # Stop (and v3's session Action, whose only action is stop) never touches the shared session: its session id
    # is fixed, since a dictionary would leave room for ids schemathesis takes from earlier answers (the shared one).
    lines += ["[[operations]]", 'include-operation-id = "stopRestoreSession"',
              "parameters = %s" % toml_table({"path.restoreSessionId": toml_string(ids["stopSessionId"][0])})]
    # Logout revokes the token it is called with: a token of its own.
    lines += ["[[operations]]", 'include-operation-id = "logout"',
              "headers = %s" % toml_table({"Authorization": toml_string("Bearer " + logout_token)})]
    if fuzzing:
        grant = {"body.username": '{ dictionary = "username", probability = 0.5 }',
                 "body.password": '{ dictionary = "password", probability = 0.5 }',
                 "body.refresh_token": '{ dictionary = "refresh_token", probability = 0.5 }'}
        lines += ["[[operations]]", 'include-operation-id = "createToken"', "parameters = %s" % toml_table(grant)]
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def run_schemathesis(version, run_name, config, base_url, report_dir, deadline):
    document = os.path.join(ROOT, "docs", "openapi", "%s.json" % version)
    phases = "fuzzing,stateful" if run_name == "fuzz" else "examples,coverage"
    json_report = os.path.join(report_dir, "%s-%s.json" % (version, run_name))
    har_report = os.path.join(report_dir, "%s-%s.har.json" % (version, run_name))
    command = [sys.executable, "-m", "schemathesis.cli", "--config-file", config, "--no-color", "run", document,
               "--url", base_url, "--workers", "1", "--phases", phases, "--checks", CHECKS, "--seed", str(SEED),
               "--request-timeout", "30", "--suppress-health-check", "all", "--output-truncate", "false",
               "--report", "json,har", "--report-json-path", json_report, "--report-har-path", har_report]
    started = time.monotonic()
    log_path = os.path.join(report_dir, "%s-%s.log" % (version, run_name))
    with open(log_path, "wb") as log:
        log.write(("$ %s\n" % " ".join(command)).encode())
        log.flush()
        done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                              timeout=max(10, deadline - time.monotonic()), cwd=report_dir)
    elapsed = time.monotonic() - started
    with open(log_path, "rb") as f:
        output = f.read().decode("utf-8", "replace")
    report = None
    if os.path.exists(json_report):
        with open(json_report) as f:
            report = json.load(f)
    return done.returncode, output, report, elapsed


def schemathesis_version():
    try:
        from importlib.metadata import version
        return version("schemathesis")
    except Exception:  # noqa: BLE001 - only for the summary line
        return "?"


class Server:
    """`recall serve --no-tls` on a loopback port; restartable on the same data dir (sessions and tokens persist,
    the token endpoint's in-memory throttle starts afresh)."""

    def __init__(self, recall, data, log_path):
        self.recall, self.data, self.log_path = recall, data, log_path
        self.port = free_port()
        self.process = None
        self.log = open(log_path, "ab")

    @property
    def base_url(self):
        return "http://127.0.0.1:%d" % self.port

    def start(self):
        self.process = subprocess.Popen(
            [self.recall, "serve", "--data-dir", self.data, "--bind", "127.0.0.1", "--port", str(self.port), "--no-tls"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        wait_until = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise Failed("recall serve exited with status %d" % self.process.returncode)
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > wait_until:
                    raise Failed("recall serve did not listen on port %d within 60 s" % self.port)
                time.sleep(0.1)

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def close(self):
        self.stop()
        self.log.close()


def failures_section(output):
    """Schemathesis's own account of the failures: each with the check, the answer and a curl to reproduce."""
    start = output.find("= FAILURES =")
    if start < 0:
        return output[-6000:]
    start = output.rfind("\n", 0, start) + 1
    end = output.find("= SUMMARY =", start)
    return output[start:end if end > 0 else None].rstrip()


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: schemathesis_run.py RECALL_BINARY\n")
        return 2
    recall = os.path.abspath(sys.argv[1])
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(TIMEOUT_SECONDS)
    deadline = time.monotonic() + TIMEOUT_SECONDS - 10
    began = time.monotonic()
    work = tempfile.mkdtemp(prefix="recall-schemathesis-")
    data = os.path.join(work, "data")
    reports = os.path.join(work, "reports")
    os.mkdir(reports)
    # Restores write under it; nested deep so that no generated target mailbox can climb out of `work`.
    target = os.path.join(work, *("t%d" % i for i in range(12)), "maildir")
    server = None
    summary, failed = [], True
    try:
        def recall_cli(*args, stdin=None):
            done = subprocess.run([recall, *args, "--data-dir", data], input=stdin, capture_output=True, timeout=120)
            if done.returncode != 0:
                raise Failed("recall %s exited %d: %s" % (" ".join(args), done.returncode,
                                                          (done.stderr or done.stdout).decode()[-500:]))

        recall_cli("users", "add", USER, "--password-stdin", stdin=(PASSWORD + "\n").encode())
        recall_cli("demo", "--scale", "200", "--quiet")
        recall_cli("organizations", "set-target", ORGANIZATION, "--maildir", target)
        server = Server(recall, data, os.path.join(work, "serve.log"))
        server.start()
        print("ok setup  (recall serve on %s)" % server.base_url, flush=True)

        api = Api(server.base_url)
        api.token, _ = api.login()  # the shared login: its refresh token is never shown to schemathesis
        ids = discover(api)
        # Per run: a login for logout to revoke, and one spare refresh token for the token endpoint.
        extra = {(v, r): api.login() for v in VERSIONS for r in RUNS}
        print("ok explore  (session %s, mailbox %s, %d folders, %d items, %d events)"
              % (ids["restoreSessionId"][0], ids["mailboxId"][0], len(ids["folderId"]), len(ids["itemId"]),
                 len(ids["eventId"])), flush=True)

        totals = {"operations": 0, "cases": 0, "failures": 0, "failed_operations": 0}
        for number, version in enumerate(VERSIONS):
            if number:  # a fresh throttle: each version's token endpoint gets to answer 200 and 400, not only 429
                server.stop()
                server.start()
            for run_name in RUNS:
                config = os.path.join(work, "%s-%s.toml" % (version, run_name))
                logout_token, spare_refresh = extra[(version, run_name)]
                write_config(config, api.token, ids, logout_token, [spare_refresh], fuzzing=run_name == "fuzz")
                code, output, report, elapsed = run_schemathesis(version, run_name, config, server.base_url, reports,
                                                                 deadline)
                if report is None:
                    summary.append("==== %s %s: schemathesis exited %d without a report:\n%s"
                                   % (version, run_name, code, output[-3000:]))
                    totals["failures"] += 1
                    continue
                tested = report["operations"]["tested"]
                cases = report["test_cases"]["generated"]
                unique = report["test_cases"]["unique_failures"] + len(report.get("errors", []))
                totals["operations"] += tested
                totals["cases"] += cases
                totals["failures"] += unique or (code != 0)
                failed_operations = {label for f in report.get("failures", []) for label in f["operations"]}
                totals["failed_operations"] += len(failed_operations) or (code != 0)
                print("ok %s %s  (%d operations, %d test cases, %d failures, %.1f s)"
                      % (version, run_name, tested, cases, unique, elapsed), flush=True)
                if unique or code != 0:
                    kinds = "; ".join("%s %s x%d on %d operation(s)" % (f["code"], f["title"], f["count"],
                                                                        len(f["operations"]))
                                      for f in report.get("failures", []))
                    summary.append("==== %s %s (schemathesis exit %d): %s\n%s"
                                   % (version, run_name, code, kinds or "errors", failures_section(output)))
                # The shared token and session must still work: a run that revoked or stopped them would turn
                # every later answer into a 401 or a 400 and test nothing.
                state = api.call("GET", "/v8/RestoreSessions/%s" % ids["restoreSessionId"][0])["state"]
                if state != "Working":
                    raise Failed("the shared session is %s after the %s %s run" % (state, version, run_name))
        failed = totals["failures"] > 0
        # One line per (document, run, operation): passed when schemathesis found nothing wrong with it.
        print("schemathesis: %d passed, %d failed" % (totals["operations"] - totals["failed_operations"],
                                                      totals["failed_operations"]), flush=True)
        print("schemathesis: %d operation runs, %d test cases, %d failures in %.0f s (schemathesis %s, seed %d)"
              % (totals["operations"], totals["cases"], totals["failures"], time.monotonic() - began,
                 schemathesis_version(), SEED), flush=True)
    except Failed as error:
        summary.append("FAIL: %s" % error)
    except subprocess.TimeoutExpired:
        summary.append("FAIL: schemathesis did not finish within the %d s budget" % TIMEOUT_SECONDS)
    except Timeout:
        summary.append("FAIL: timed out after %d s" % TIMEOUT_SECONDS)
    finally:
        signal.alarm(0)
        if server is not None:
            server.close()
        for line in summary:
            print(line, flush=True)
        if failed and server is not None:
            with open(server.log_path, "rb") as f:
                tail = f.read()[-3000:].decode("utf-8", "replace")
            if tail:
                print("--- recall serve log (tail) ---\n%s" % tail, flush=True)
        keep = os.environ.get("SCHEMATHESIS_KEEP_REPORTS")
        if keep:
            shutil.copytree(reports, keep, dirs_exist_ok=True)
        shutil.rmtree(work, ignore_errors=True)
    if failed:
        print("schemathesis: FAILED (see above; SCHEMATHESIS_KEEP_REPORTS=DIR keeps the JSON and HAR reports)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
