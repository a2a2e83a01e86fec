#!/usr/bin/env python3
"""End-to-end: every download Recall produces is opened by a reader no one here wrote. A corrupt ZIP once shipped
because only Recall's own code had ever read one.

Against a live `recall serve` over the demo organization, through v3 and v8:
- savetoEml / saveToEml of several items: a ZIP that Python's `zipfile` (testzip) and Info-ZIP's `unzip -t` accept,
  whose entries are byte for byte the items as each single-item save gives them;
- exporttoMbox / exportToMbox of a mailbox and of the organization: an mbox that Python's `mailbox` reads back to the
  same messages (mboxrd's `>From ` quoting undone) and as many as the mailbox lists;
- a single item's save: a message Python's `email` parser reads with the listed subject.
(Maildir restores are read by Dovecot in scripts/e2e/imap_restore.py.)

Usage: outside_readers.py RECALL_BINARY   (needs `unzip`; scripts/test installs it)
"""
import email
import email.policy
import io
import json
import mailbox
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from recall_server import Failure, Server  # noqa: E402

checks = []


def check(name, condition, detail=""):
    checks.append((name, bool(condition), detail))


def ok(server, method, path, token, json_body=None, status=200):
    got, headers, body = server.call(method, path, token, json_body)
    if got != status:
        raise Failure("%s %s answered %d, expected %d: %r" % (method, path, got, status, body[:300]))
    return headers, body


def read_zip(work, name, data):
    """The entries of a ZIP as Python's zipfile reads them, after testzip() and `unzip -t` accepted it."""
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(data)
    tested = subprocess.run(["unzip", "-t", path], capture_output=True, text=True, errors="replace")
    check("%s: unzip -t" % name, tested.returncode == 0, tested.stdout[-300:] + tested.stderr[-300:])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bad = archive.testzip()
            check("%s: zipfile testzip" % name, bad is None, "bad entry %r" % bad)
            return [(info.filename, archive.read(info)) for info in archive.infolist()]
    except zipfile.BadZipFile as error:
        check("%s: zipfile opens it" % name, False, str(error))
        return []


def read_mbox(work, name, data):
    """The messages of an mbox as Python's mailbox reads them, with mboxrd's quoting of `From ` lines undone."""
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(data)
    box = mailbox.mbox(path, create=False)
    return [re.sub(rb"(?m)^>(>*From )", rb"\1", box.get_bytes(key)) for key in box.keys()]


def main():
    recall = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="recall-readers-")
    data = os.path.join(work, "data")
    server = Server(recall, data, os.path.join(work, "serve.log"), tls=False)
    try:
        run = lambda *args, **kw: subprocess.run([recall, *args, "--data-dir", data], check=True, **kw)
        run("users", "add", "admin", "--password-stdin", input=b"pw\n", stdout=subprocess.DEVNULL)
        run("demo", "--scale", "80", "--quiet")
        server.start()
        _, _, body = server.call("POST", "/v3/Token", form={"grant_type": "password", "username": "admin", "password": "pw"})
        token = json.loads(body)["access_token"]
        _, body = ok(server, "GET", "/v3/Organizations", token)
        org = json.loads(body)[0]["id"]

        # v3
        _, body = ok(server, "POST", "/v3/Organizations/%s/Action" % org, token, {"explore": {"datetime": "2026.01.09 00:00"}}, status=201)
        session = json.loads(body)["id"]
        _, body = ok(server, "GET", "/v3/RestoreSessions/%s/Organization/Mailboxes" % session, token)
        mailboxes = json.loads(body)["results"]
        total = 0
        for index, box in enumerate(mailboxes):
            base = "/v3/RestoreSessions/%s/Organization/Mailboxes/%s" % (session, box["id"])
            _, body = ok(server, "GET", base + "/Items?limit=10000", token)
            items = json.loads(body)["results"]
            total += len(items)
            singles = {}
            for item in items:
                headers, single = ok(server, "POST", base + "/Items/%s/Action" % item["id"], token, {"savetoEml": None})
                singles[item["id"]] = single
                parsed = email.message_from_bytes(single, policy=email.policy.default)
                check("v3 savetoEml %s: email parser reads the subject" % item["id"][:12], (parsed["Subject"] or "") == item["subject"],
                      "%r != %r" % (parsed["Subject"], item["subject"]))
            _, archive = ok(server, "POST", base + "/Items/Action", token, {"savetoEml": {"items": [{"id": i["id"]} for i in items]}})
            entries = read_zip(work, "v3-%d.zip" % index, archive)
            check("v3 savetoEml zip %d: one entry per item, byte for byte" % index,
                  [content for _, content in entries] == [singles[i["id"]] for i in items],
                  "%d entries for %d items" % (len(entries), len(items)))
            check("v3 savetoEml zip %d: names unique" % index, len({n for n, _ in entries}) == len(entries))
            _, exported = ok(server, "POST", base + "/Action", token, {"exporttoMbox": None})
            messages = read_mbox(work, "v3-%d.mbox" % index, exported)
            check("v3 exporttoMbox mailbox %d: mailbox reads every message back" % index,
                  sorted(messages) == sorted(singles.values()), "%d messages for %d items" % (len(messages), len(items)))
        _, exported = ok(server, "POST", "/v3/RestoreSessions/%s/Organization/Action" % session, token, {"exporttoMbox": None})
        check("v3 exporttoMbox organization: as many messages as the mailboxes list",
              len(read_mbox(work, "v3-org.mbox", exported)) == total)

        # v8
        _, _, body = server.call("POST", "/v8/token", form={"grant_type": "password", "username": "admin", "password": "pw"})
        token8 = json.loads(body)["access_token"]
        _, body = ok(server, "POST", "/v8/Organizations/%s/explore" % org, token8, {"dateTime": "2026-01-09T00:00:00Z"}, status=201)
        session8 = json.loads(body)["id"]
        _, body = ok(server, "GET", "/v8/RestoreSessions/%s/organization/mailboxes" % session8, token8)
        box = json.loads(body)["results"][0]
        base = "/v8/RestoreSessions/%s/organization/mailboxes/%s" % (session8, box["id"])
        _, body = ok(server, "GET", base + "/items?limit=10000", token8)
        items = json.loads(body)["results"]
        singles = [ok(server, "POST", base + "/items/%s/saveToEml" % i["id"], token8, {})[1] for i in items]
        _, archive = ok(server, "POST", base + "/items/saveToEml", token8, {"items": [{"id": i["id"]} for i in items]})
        entries = read_zip(work, "v8.zip", archive)
        check("v8 saveToEml zip: one entry per item, byte for byte", [c for _, c in entries] == singles,
              "%d entries for %d items" % (len(entries), len(items)))
        _, exported = ok(server, "POST", base + "/exportToMbox", token8, {})
        check("v8 exportToMbox mailbox: mailbox reads every message back", sorted(read_mbox(work, "v8.mbox", exported)) == sorted(singles))
    finally:
        server.terminate()
    failed = [c for c in checks if not c[1]]
    for name, held, detail in checks:
        if not held:
            print("FAILED: %s %s" % (name, detail))
    print("outside readers: %d checks, %d failed" % (len(checks), len(failed)))
    if failed:
        print(server.log_tail())
        sys.exit(1)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    try:
        main()
    except Failure as failure:
        print("FAILED: %s" % failure)
        sys.exit(1)
