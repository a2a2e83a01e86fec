#!/usr/bin/env python3
"""Attack: symbolic links planted in a restore target. Links at a mailbox directory, at its new/ and cur/, and at a
subfolder's directory point outside the target root; outside sits a file whose Message-ID and bytes match a restored
message (a restore through a linked cur/ once deleted such a file). Every mailbox of the demo organization is then
restored through the v3 API. Holds when nothing outside the root was written, read-and-replaced or removed, and the
linked folders' items are counted as failed. Also: `organizations set-target --maildir /` is refused.

Usage: attack_links.py RECALL_BINARY
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from recall_server import Failure, Server  # noqa: E402


def snapshot(directory):
    """{relative path: sha256 or 'dir'} of everything under directory, without following links."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(directory):
        for name in dirnames:
            found[os.path.relpath(os.path.join(dirpath, name), directory)] = "dir"
        for name in filenames:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                found[os.path.relpath(path, directory)] = hashlib.sha256(f.read()).hexdigest()
    return found


def call(server, method, path, token=None, json_body=None, form=None):
    status, _, body = server.call(method, path, token, json_body, form)
    return status, body


def main():
    recall = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="recall-attack-links-")
    data, target = os.path.join(work, "data"), os.path.join(work, "target")
    results = []
    server = Server(recall, data, os.path.join(work, "serve.log"), tls=False)
    try:
        run = lambda *args, **kw: subprocess.run([recall, *args, "--data-dir", data], check=True, **kw)
        run("users", "add", "admin", "--password-stdin", input=b"pw\n", stdout=subprocess.DEVNULL)
        run("demo", "--scale", "60", "--quiet")

        refused = subprocess.run([recall, "organizations", "set-target", "demo.onmicrosoft.com", "--maildir", "/", "--data-dir", data],
                                 capture_output=True, text=True)
        results.append(("set-target --maildir / is refused",
                        refused.returncode != 0 and "root of the file system" in refused.stderr))
        run("organizations", "set-target", "demo.onmicrosoft.com", "--maildir", target, stdout=subprocess.DEVNULL)

        server.start()
        status, body = call(server, "POST", "/v3/Token", form={"grant_type": "password", "username": "admin", "password": "pw"})
        token = json.loads(body)["access_token"]
        org = json.loads(call(server, "GET", "/v3/Organizations", token)[1])[0]["id"]
        status, body = call(server, "POST", "/v3/Organizations/%s/Action" % org, token, {"explore": {"datetime": "2026.01.09 00:00"}})
        if status != 201:
            raise Failure("explore answered %d" % status)
        session = json.loads(body)["id"]
        mailboxes = json.loads(call(server, "GET", "/v3/RestoreSessions/%s/Organization/Mailboxes" % session, token)[1])["results"]
        if len(mailboxes) < 4:
            raise Failure("the demo organization has %d mailboxes, 4 expected" % len(mailboxes))

        # The first message of the first mailbox's Inbox, as a victim outside the root that a linked cur/ would expose.
        first = mailboxes[1]
        base = "/v3/RestoreSessions/%s/Organization/Mailboxes/%s" % (session, first["id"])
        items = json.loads(call(server, "GET", base + "/Items?limit=1", token)[1])["results"]
        status, victim = call(server, "POST", base + "/Items/%s/Action" % items[0]["id"], token, {"savetoEml": None})
        if status != 200:
            raise Failure("savetoEml answered %d" % status)

        outside = {name: os.path.join(work, "outside-" + name) for name in ("mailbox", "cur", "new", "folder")}
        for path in outside.values():
            os.makedirs(path)
        with open(os.path.join(outside["cur"], "victim:2,S"), "wb") as f:
            f.write(victim)
        with open(os.path.join(outside["new"], "victim"), "wb") as f:
            f.write(victim)
        os.makedirs(target, exist_ok=True)
        os.symlink(outside["mailbox"], os.path.join(target, mailboxes[0]["email"]))
        for index, name in ((1, "cur"), (2, "new")):
            mailbox_directory = os.path.join(target, mailboxes[index]["email"])
            os.makedirs(mailbox_directory)
            os.symlink(outside[name], os.path.join(mailbox_directory, name))
        folder_mailbox = os.path.join(target, mailboxes[3]["email"])
        os.makedirs(folder_mailbox)
        os.symlink(outside["folder"], os.path.join(folder_mailbox, ".Sent Items"))
        before = {name: snapshot(path) for name, path in outside.items()}

        answers = {}
        for mailbox in mailboxes[:4]:
            status, body = call(server, "POST", "/v3/RestoreSessions/%s/Organization/Mailboxes/%s/Action" % (session, mailbox["id"]),
                                token, {"restoretoOriginallocation": None})
            answers[mailbox["email"]] = (status, json.loads(body) if status == 200 else body)
        for index, name in enumerate(("mailbox", "cur", "new", "folder")):
            status, counts = answers[mailboxes[index]["email"]]
            untouched = snapshot(outside[name]) == before[name]
            counted = status == 200 and counts["failedItemsCount"] > 0
            results.append(("link at %s: nothing outside changed, items failed (%s)" % (name, counts if status == 200 else status),
                            untouched and counted))
        escaped = [p for p in snapshot(work) if p.startswith("outside-") and not any(p.startswith("outside-" + n) for n in outside)]
        results.append(("no file appeared beside the root", not escaped))
    finally:
        server.terminate()
    failed = [name for name, held in results if not held]
    for name, held in results:
        print("%s: %s" % ("held" if held else "FAILED", name))
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
